"""Figures: each theme shows the figure data/themes.csv names, and that figure reads the data its claims cite."""

from __future__ import annotations

import pandas as pd
import pytest

from factbook import charts, claims, figures
from factbook.data import load
from factbook.verdict import Result

ARTICLES = ["A0", "A1", "A2", "A3", "A4"]


def _cited(chosen: pd.DataFrame) -> set[str]:
    return {d for datasets in chosen["datasets"].dropna() for d in datasets.split(";")}


@pytest.mark.parametrize("article", ARTICLES)
def test_themes_table_lists_the_articles_themes_in_order(article):
    results = claims.of_article(article)
    assert list(figures.themes(article)["theme"]) == list(dict.fromkeys(results["theme"]))


@pytest.mark.parametrize("article", ARTICLES)
def test_each_themes_figure_reads_data_its_claims_cite(article):
    charts.enable()
    results = claims.of_article(article)
    for theme in figures.themes(article).itertuples():
        chosen = results[results["theme"] == theme.theme]
        if not theme.figure:
            assert not _cited(chosen), f"{article} '{theme.theme}': its claims cite data, so it needs a figure"
            continue
        spec = figures.draw(theme.figure, chosen).to_dict()
        shown = set(spec["usermeta"]["factbook"]["datasets"])
        assert shown & _cited(chosen), (
            f"{article} '{theme.theme}': {theme.figure} shows {shown}, the claims cite {_cited(chosen)}"
        )
        assert "chart-source" in charts.render(spec)["text/html"]


def test_every_figure_is_declared_somewhere_and_every_declared_figure_exists():
    declared = set(load("themes")["figure"].dropna()) | set(load("comparisons")["figure"].dropna())
    assert declared <= set(figures.FIGURES), f"unknown figures: {declared - set(figures.FIGURES)}"
    assert set(figures.FIGURES) <= declared, f"figures no page declares: {set(figures.FIGURES) - declared}"
    with pytest.raises(KeyError, match="no figure named"):
        figures.draw("no_such_figure", claims.of_article("A0"))


def _claim(claim_id: str, bounds=(None, None), events=()) -> dict:
    result = Result("supported", 1.0, "x", "rule", "finding", pd.DataFrame({"dataset": ["d"]}), bounds, events)
    return {"claim_id": claim_id, "article": claim_id[:2], "key_phrase": "phrase", "result": result}


def test_claimed_bounds_and_cited_events_come_from_the_results():
    chosen = pd.DataFrame(
        [
            _claim("A9-01", (80, None)),
            _claim("A9-02", (85, 90), ("treaty-2024",)),
            {"claim_id": "A9-03", "article": "A9", "key_phrase": "p", "result": None},
        ]
    )
    bounds = figures.claimed_bounds(chosen)
    assert list(zip(bounds["bound"], bounds["value"], strict=True)) == [("low", 80.0), ("low", 85.0), ("high", 90.0)]
    assert figures.cited_events(chosen) == {"treaty-2024"}


def test_events_figure_picks_out_the_cited_events():
    results = claims.of_article("A1")
    cited = figures.cited_events(results)
    assert cited, "article A1 cites events on record"
    assert figures.events(results).to_dict()["title"].startswith(f"{len(cited)} of the")
