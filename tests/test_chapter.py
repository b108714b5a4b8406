"""Article chapters: byline honesty, themes in order, a sourced chart for every theme, computed scorecards."""

from __future__ import annotations

import pytest

from factbook import chapter, charts, claims

ARTICLES = sorted(set(claims.registry()["article"]))


def test_byline_says_not_stated_where_the_text_is_silent():
    text = chapter.byline("A1")
    assert "**Title:** not stated" in text and "**Author:** not stated" in text
    assert "inferred" in text, "an inferred date must be labelled as inferred"
    assert "Mehmet Enes Beşer" in chapter.byline("A4")


@pytest.mark.parametrize("article", ARTICLES)
def test_every_theme_gets_a_sourced_chart(article):
    charts.enable()
    results = chapter.results(article)
    assert list(results["line"]) == sorted(results["line"])
    assert chapter.themes(results)[0] == results["theme"].iloc[0]
    for theme in chapter.themes(results):
        bundle = charts.render(chapter.theme_chart(results, theme).to_dict())
        assert "chart-source" in bundle["text/html"], f"{article} {theme}: chart without a source line"


@pytest.mark.parametrize("article", ARTICLES)
def test_scorecard_lists_each_supported_and_contradicted_claim(article):
    results = chapter.results(article)
    text = chapter.scorecard(results).data
    for verdict in ("supported", "contradicted", "partly supported"):
        for claim_id in results.loc[results["verdict"] == verdict, "claim_id"]:
            assert f"[{claim_id}]" in text


def test_events_chart_picks_out_the_cited_events():
    results = chapter.results("A1")
    cited = chapter._cited_events(results)
    assert cited, "article A1 cites events on record"
    spec = chapter.events_chart(results).to_dict()
    assert spec["title"].startswith(f"{len(cited)} of the")
