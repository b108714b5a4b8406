"""The comparisons page: every question names real claims from several articles."""

from __future__ import annotations

from factbook import views
from factbook.claims import registry
from factbook.data import load


def test_every_comparison_names_claims_from_several_articles():
    known = set(registry()["claim_id"])
    for question in load("comparisons").itertuples():
        claim_ids = question.claims.split(";")
        assert set(claim_ids) <= known, question.comparison_id
        articles = {claim_id.split("-")[0] for claim_id in claim_ids}
        assert len(articles) >= 2, f"{question.comparison_id} compares a single article"


def test_comparison_table_reads_the_bounds_each_check_applied():
    results = views.ledger_results().set_index("claim_id")
    chosen = results.loc[load("comparisons").set_index("comparison_id").at["china-share-of-trade", "claims"].split(";")]
    html = views.comparison_table(chosen.reset_index()).data
    for result in chosen["result"].dropna():
        low, high = result.bounds
        if low is not None and high is None:
            assert f"at least {low:g}" in html
