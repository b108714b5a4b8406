"""The comparisons page: every question names real claims and, where it has one, a chart that exists."""

from __future__ import annotations

import pandas as pd

from factbook import comparisons
from factbook.claims import registry


def test_every_comparison_names_claims_from_several_articles():
    known = set(registry()["claim_id"])
    for question in comparisons.questions().itertuples():
        assert set(question.claim_ids) <= known, question.comparison_id
        articles = {claim_id.split("-")[0] for claim_id in question.claim_ids}
        assert len(articles) >= 2, f"{question.comparison_id} compares a single article"
        assert question.chart is None or question.chart in comparisons.CHARTS


def test_claimed_bounds_come_from_the_checks_params():
    results = pd.DataFrame({
        "claim_id": ["A9-01", "A9-02", "A9-03"], "article": ["A9"] * 3, "key_phrase": ["x", "y", "z"],
        "params": ['{"low": 80}', '{"low": 85, "high": 90}', ""],
    })
    bounds = comparisons.claimed_bounds(results, ["A9-01", "A9-02", "A9-03"])
    assert list(zip(bounds["bound"], bounds["value"])) == [("low", 80.0), ("low", 85.0), ("high", 90.0)]
