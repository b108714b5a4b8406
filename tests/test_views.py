"""Reader-facing views: honest bylines, scorecards that list every decided claim, escaped text."""

from __future__ import annotations

import pytest

from factbook import claims, views

ARTICLES = ["A0", "A1", "A2", "A3", "A4"]


def test_byline_says_not_stated_where_the_text_is_silent():
    text = views.byline("A1")
    assert "**Title:** not stated" in text and "**Author:** not stated" in text
    assert "inferred" in text, "an inferred date must be labelled as inferred"
    assert "Mehmet Enes Beşer" in views.byline("A4")


@pytest.mark.parametrize("article", ARTICLES)
def test_scorecard_lists_each_supported_and_contradicted_claim(article):
    results = claims.of_article(article)
    text = views.scorecard(results).data
    for verdict in ("supported", "contradicted", "partly supported"):
        for claim_id in results.loc[results["verdict"] == verdict, "claim_id"]:
            assert f"[{claim_id}]" in text


def test_text_from_data_is_escaped():
    results = claims.of_article("A0").head(2).copy()
    results.loc[0, "finding"] = "<script>alert(1)</script> & more"
    results.loc[0, "key_phrase"] = "<b>bold</b>"
    html = views.claims_table(results).to_html()
    assert "<script>alert" not in html and "&lt;script&gt;" in html and "&lt;b&gt;bold" in html
    details = views.claim_details(results)
    assert "<script>alert" not in details


def test_ledger_links_each_claim_to_its_chapter():
    results = views.ledger_results()
    html = views.ledger_table(results).to_html()
    for claim in results.itertuples():
        assert f'href="#{views.anchor(claim.claim_id)}"' in html
        if claim.chapter != views.LEDGER_PAGE:
            assert f'href="{claim.chapter}.html#{views.anchor(claim.claim_id)}"' in html
