"""The registry is sound and every computed verdict equals the verdict the registry expects."""

from __future__ import annotations

import pytest

from conftest import require
from factbook import claims
from factbook.data import REPO_ROOT, load, read_catalogue

ARTICLES = REPO_ROOT.parent / "shared" / "articles"
REGISTRY = claims.registry()
CHECKED = REGISTRY[REGISTRY["check"].notna()]


@pytest.mark.parametrize("claim_id", list(CHECKED["claim_id"]))
def test_computed_verdict_matches_registry(claim_id):
    expected = REGISTRY.set_index("claim_id").at[claim_id, "expected_verdict"]
    result = claims.evaluate(claim_id)
    assert result.verdict == expected, f"{claim_id}: computed '{result.verdict}', registry expects '{expected}': {result.finding}"


@pytest.mark.parametrize("claim_id", list(CHECKED["claim_id"]))
def test_evidence_comes_from_the_claims_datasets(claim_id):
    named = set(REGISTRY.set_index("claim_id").at[claim_id, "datasets"].split(";"))
    result = claims.evaluate(claim_id)
    assert len(result.evidence) > 0
    assert set(result.evidence["dataset"]) <= named, f"{claim_id} reads data its registry row does not name"
    assert result.tolerance and result.finding and result.measured_label


def test_claims_without_a_check_are_untestable_and_say_why():
    unchecked = REGISTRY[REGISTRY["check"].isna()]
    assert set(unchecked["expected_verdict"]) <= {"unverifiable", "interpretive"}
    assert unchecked["reasoning"].str.len().gt(20).all()


def test_every_named_check_exists_and_every_check_is_used():
    import factbook.checks  # noqa: F401

    assert set(CHECKED["check"]) <= set(claims.CHECKS), "a claim names a check that does not exist"
    general = {"event_on_record", "value_in_range", "count_in_range", "change_between"}
    assert set(claims.CHECKS) - general <= set(CHECKED["check"]), "a claim-specific check that no claim uses"


def test_params_are_json_objects():
    for claim in CHECKED.itertuples():
        assert isinstance(claims.params(claim.params), dict), claim.claim_id


def test_named_datasets_are_catalogued():
    known = set(read_catalogue().ids)
    for claim in REGISTRY.itertuples():
        for dataset_id in filter(None, (claim.datasets or "").split(";")):
            assert dataset_id in known, f"{claim.claim_id} names unknown dataset '{dataset_id}'"


def test_ids_follow_their_article():
    assert REGISTRY["claim_id"].is_unique
    assert (REGISTRY["claim_id"].str.split("-").str[0] == REGISTRY["article"]).all()
    assert set(REGISTRY["article"]) <= set(load("articles")["article"])


def test_key_phrases_are_short():
    words = REGISTRY["key_phrase"].str.split().str.len()
    assert (words <= 12).all(), REGISTRY.loc[words > 12, "claim_id"].tolist()


def test_key_phrases_occur_on_their_line():
    require(ARTICLES.is_dir(), f"article texts not found in {ARTICLES}")
    files = load("articles").set_index("article")["file"]
    for claim in REGISTRY.itertuples():
        lines = (ARTICLES / files[claim.article]).read_text(encoding="utf-8").splitlines()
        assert claim.line <= len(lines), f"{claim.claim_id}: line {claim.line} is past the end of the article"
        assert claim.key_phrase in lines[claim.line - 1], f"{claim.claim_id}: key phrase not on line {claim.line}"


def test_result_refuses_unknown_verdict():
    import pandas as pd

    with pytest.raises(ValueError, match="unknown verdict"):
        claims.Result("true", 1.0, "x", "rule", "finding", pd.DataFrame({"dataset": ["d"]}))
    with pytest.raises(ValueError, match="dataset"):
        claims.Result("supported", 1.0, "x", "rule", "finding", pd.DataFrame({"value": [1]}))


def test_evaluate_explains_a_claim_without_check():
    unchecked = REGISTRY[REGISTRY["check"].isna()]["claim_id"].iloc[0]
    with pytest.raises(LookupError, match="has no check"):
        claims.evaluate(unchecked)


def test_published_claim_ids_are_never_removed_or_renumbered():
    published = (REPO_ROOT / "data" / "claim_ids_published.txt").read_text(encoding="utf-8").split()
    current = REGISTRY.set_index("claim_id")
    missing = [claim_id for claim_id in published if claim_id not in current.index]
    assert not missing, f"claim ids once published must stay in the registry: {missing}"
    unlisted = sorted(set(current.index) - set(published))
    assert not unlisted, f"add new claim ids to data/claim_ids_published.txt: {unlisted}"
