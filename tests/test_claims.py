"""The registry is sound and every computed verdict equals the verdict the registry expects."""

from __future__ import annotations

import csv
import re
from datetime import date

import nbformat
import pandas as pd
import pytest

from factbook import claims, views
from factbook.checks import CHECKS
from factbook.data import REPO_ROOT, load, read_catalogue
from factbook.verdict import VERDICTS, Result

from conftest import require, rewrite

ARTICLES = REPO_ROOT.parent / "shared" / "articles"
REGISTRY_FILE = REPO_ROOT / "data" / "claims.csv"
# Read without validation, only to name the tests; the tests themselves load the validated registry.
with open(REGISTRY_FILE, newline="", encoding="utf-8") as handle:
    ROWS = list(csv.DictReader(handle))
CHECKED_IDS = [row["claim_id"] for row in ROWS if row["check"]]
SOURCES = sorted({row["article"] for row in ROWS})  # the articles and the question pages that make claims


@pytest.fixture(scope="module")
def registry() -> pd.DataFrame:
    return claims.registry().set_index("claim_id")


@pytest.mark.parametrize("claim_id", CHECKED_IDS)
def test_computed_verdict_matches_registry(registry, claim_id):
    expected = registry.at[claim_id, "expected_verdict"]
    result = claims.evaluate(claim_id)
    assert result.verdict == expected, (
        f"{claim_id}: computed '{result.verdict}', registry expects '{expected}': {result.finding}"
    )


@pytest.mark.parametrize("claim_id", CHECKED_IDS)
def test_evidence_comes_from_the_claims_datasets(registry, claim_id):
    named = set(registry.at[claim_id, "datasets"].split(";"))
    result = claims.evaluate(claim_id)
    assert len(result.evidence) > 0
    assert set(result.evidence["dataset"]) <= named, f"{claim_id} reads data its registry row does not name"
    assert result.rule and result.finding and result.measured_label


def test_claims_without_a_check_are_untestable_and_say_why(registry):
    unchecked = registry[registry["check"].isna()]
    assert set(unchecked["expected_verdict"]) <= {"unverifiable", "interpretive"}
    assert unchecked["reasoning"].str.len().gt(20).all()


def _named_checks(value) -> set[str]:
    """Checks a registry row names, with those its params run inside it (parts of all_of, a proxy's checks)."""
    if isinstance(value, dict):
        inner = {value["check"]} if isinstance(value.get("check"), str) else set()
        return inner.union(*(_named_checks(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_named_checks(v) for v in value))
    return set()


def test_every_named_check_exists_and_every_check_is_used(registry):
    named = set(registry["check"].dropna()).union(
        *(_named_checks(claims.params(p)) for p in registry["params"].dropna())
    )
    assert named <= set(CHECKS), f"claims name checks that do not exist: {sorted(named - set(CHECKS))}"
    assert set(CHECKS) <= named, f"checks no claim uses: {sorted(set(CHECKS) - named)}"


def test_results_carry_each_checked_claims_result_and_keep_the_recorded_verdict_otherwise(registry):
    table = claims.results()
    assert list(table["claim_id"]) == list(registry.index)
    checked = table[table["check"].notna()]
    assert all(isinstance(r, Result) for r in checked["result"])
    assert list(checked["verdict"]) == [r.verdict for r in checked["result"]]
    unchecked = table[table["check"].isna()]
    assert unchecked["result"].isna().all()
    assert list(unchecked["verdict"]) == list(unchecked["expected_verdict"])
    assert list(unchecked["finding"]) == list(unchecked["reasoning"])


def test_a_claim_is_evaluated_once_per_version_of_the_data(data_copy):
    first = claims.evaluate("A1-01")
    assert claims.evaluate("A1-01") is first
    (data_copy / "extracts" / "worldbank_gdp.csv").touch()
    assert claims.evaluate("A1-01") is not first, "a changed file must be read again"


def test_params_are_json_objects(registry):
    for claim_id, text in registry["params"].dropna().items():
        assert isinstance(claims.params(text), dict), claim_id
    with pytest.raises(ValueError, match="JSON object"):
        claims.params("[1, 2]")


def test_named_datasets_are_catalogued(registry):
    known = set(read_catalogue().ids)
    for claim_id, datasets in registry["datasets"].dropna().items():
        unknown = set(datasets.split(";")) - known
        assert not unknown, f"{claim_id} names unknown datasets {unknown}"


def test_ids_follow_their_article_or_question(registry):
    assert registry.index.is_unique
    assert (registry.index.str.split("-").str[0] == registry["article"]).all()
    assert set(registry["article"]) <= set(load("articles")["article"]) | set(load("questions")["question"])


def test_an_articles_claim_names_its_line_and_a_question_pages_claim_its_page(registry):
    from_articles = registry["article"].str.startswith("A")
    assert registry.loc[from_articles, "line"].notna().all(), "an article's claim names the line of its key phrase"
    assert registry.loc[~from_articles, "line"].isna().all(), "a question page's claim stands on the page, not a line"
    pages = load("questions").set_index("question")["notebook"]
    questions = registry[~from_articles]
    assert (questions["chapter"] == questions["article"].map(pages)).all(), "a question's claims belong to its page"


def _markdown(notebook: str) -> str:
    cells = nbformat.read(REPO_ROOT / "notebooks" / f"{notebook}.ipynb", as_version=4).cells
    return "\n".join(cell.source for cell in cells if cell.cell_type == "markdown")


def test_a_question_pages_key_phrases_stand_in_its_text(registry):
    for claim in registry[registry["article"].str.startswith("Q")].itertuples():
        text = " ".join(_markdown(claim.chapter).split())
        assert claim.key_phrase in text, f"{claim.Index}: key phrase not in the text of {claim.chapter}"


def test_each_question_page_is_titled_as_the_registry_titles_it():
    for question in load("questions").itertuples():
        heading = _markdown(question.notebook).splitlines()[0]
        assert heading == f"# {question.title}", f"{question.notebook}: its title is not '{question.title}'"


def test_key_phrases_are_short(registry):
    words = registry["key_phrase"].str.split().str.len()
    assert (words <= 12).all(), registry.index[words > 12].tolist()


def test_key_phrases_occur_on_their_line(registry):
    require(ARTICLES.is_dir(), f"article texts not found in {ARTICLES}")
    files = load("articles").set_index("article")["file"]
    for claim in registry[registry["article"].str.startswith("A")].itertuples():
        lines = (ARTICLES / files[claim.article]).read_text(encoding="utf-8").splitlines()
        line = int(claim.line)
        assert line <= len(lines), f"{claim.Index}: line {line} is past the end of the article"
        assert claim.key_phrase in lines[line - 1], f"{claim.Index}: key phrase not on line {line}"


def test_result_refuses_unknown_verdict():
    with pytest.raises(ValueError, match="unknown verdict"):
        Result("true", 1.0, "x", "rule", "finding", pd.DataFrame({"dataset": ["d"]}))
    with pytest.raises(ValueError, match="dataset"):
        Result("supported", 1.0, "x", "rule", "finding", pd.DataFrame({"value": [1]}))


def test_evaluate_explains_a_claim_without_check(registry):
    unchecked = registry.index[registry["check"].isna()][0]
    with pytest.raises(LookupError, match="has no check"):
        claims.evaluate(unchecked)


def test_published_claim_ids_are_never_removed_and_every_claim_is_published(registry):
    published = load(claims.PUBLISHED)["claim_id"]
    missing = sorted(set(published) - set(registry.index))
    assert not missing, f"claim ids once published must stay in the registry: {missing}"
    unlisted = sorted(set(registry.index) - set(published))
    assert not unlisted, f"publish new claims with `make publish`: {unlisted}"


def _republished(folder, claim_id: str, verdict: str, when: str = "2020-01-01"):
    def change(table):
        table.loc[table["claim_id"] == claim_id, ["verdict", "published"]] = [verdict, when]
        return table

    rewrite(folder, claims.PUBLISHED, change)


def test_a_verdict_that_differs_from_the_published_one_is_listed_as_a_revision(data_copy):
    current = claims.results().set_index("claim_id")["verdict"]
    other = next(v for v in VERDICTS if v != current["A0-01"])
    _republished(data_copy, "A0-01", other)
    changed = claims.revisions(claims.results()).set_index("claim_id")
    assert "A0-01" in changed.index
    assert changed.at["A0-01", "verdict_published"] == other and changed.at["A0-01", "verdict"] == current["A0-01"]
    shown = views.revisions_table(claims.results()).data
    assert 'href="audit_a0.html#claim-a0-01"' in shown and f">{other}</span> 2020-01-01" in shown


def test_publish_records_changed_verdicts_and_keeps_the_dates_of_the_others(data_copy):
    current = claims.results().set_index("claim_id")["verdict"]
    _republished(data_copy, "A0-01", next(v for v in VERDICTS if v != current["A0-01"]))
    before = load(claims.PUBLISHED).set_index("claim_id")["published"]
    revised = set(claims.revisions(claims.results())["claim_id"])
    assert claims.publish(today=date(2030, 1, 1)) == len(revised)
    after = load(claims.PUBLISHED).set_index("claim_id")
    assert after.at["A0-01", "verdict"] == current["A0-01"]
    assert str(after.at["A0-01", "published"].date()) == "2030-01-01"
    assert after["published"].drop(list(revised)).equals(before.drop(list(revised)))
    assert claims.revisions(claims.results()).empty


def test_publishing_new_claims_only_keeps_the_other_revisions_listed(data_copy):
    current = claims.results().set_index("claim_id")["verdict"]
    pending = set(claims.revisions(claims.results())["claim_id"]) - {"A0-01"}
    rewrite(data_copy, claims.PUBLISHED, lambda table: table[table["claim_id"] != "A0-01"])
    _republished(data_copy, "A0-02", next(v for v in VERDICTS if v != current["A0-02"]))
    assert claims.publish(today=date(2030, 1, 1), new_only=True) == 1
    after = load(claims.PUBLISHED).set_index("claim_id")
    assert after.at["A0-01", "verdict"] == current["A0-01"]
    assert str(after.at["A0-01", "published"].date()) == "2030-01-01"
    assert set(claims.revisions(claims.results())["claim_id"]) == pending | {"A0-02"}


def test_publish_refuses_to_drop_a_published_id(data_copy):
    extra = pd.DataFrame([["A9-99", "supported", "2020-01-01"]], columns=["claim_id", "verdict", "published"])
    rewrite(data_copy, claims.PUBLISHED, lambda table: pd.concat([table, extra]))
    with pytest.raises(ValueError, match="A9-99"):
        claims.publish()


# Numbers a reader may see in the registry's own words: years, dates, claim ids, UN document and
# resolution numbers, ordinal centuries; anything else must come from a computed finding.
MONTHS = "(January|February|March|April|May|June|July|August|September|October|November|December)"
ALLOWED_NUMBERS = re.compile(
    r"(?<![\d.,])(1[89]\d\d|20\d\d)–\d\d\b"  # spans of years written short (1950–53)
    r"|(?<![\d.,])(1[89]\d\d|20\d\d)(-\d\d){0,2}(?![\d.,]\d)(s\b)?"  # years (FY2023 too), decades and dates
    rf"|\b\d{{1,2}}\s+{MONTHS}\b|\b{MONTHS}\s+\d{{1,2}}\b"  # days of a month (6 October, October 6)
    r"|\bA\d-\d{2,3}\b"  # claim ids
    r"|\b(resolutions?|S/RES/|A/RES/|S/)[\s/]*\d[\d/.()\-]*(\s*(and|,)\s*\d[\d/.()\-]*)*"  # UN documents
    r"|\b(ES-|session\s)\d+(\.\d+)?"  # UN sessions
    r"|\b\d{1,2}(st|nd|rd|th)\b",  # ordinals
    re.IGNORECASE,
)


@pytest.mark.parametrize("article", SOURCES)
def test_no_hand_typed_figure_in_the_registrys_own_words(registry, article):
    typed = {}
    for claim in registry[registry["article"] == article].itertuples():
        quoted = set(re.findall(r"\d[\d,.]*", claim.key_phrase))
        for field in ("restatement", "reasoning"):
            text = ALLOWED_NUMBERS.sub("", getattr(claim, field) or "")
            figures = [f for f in re.findall(r"\d[\d,.]*\d|\d", text) if f not in quoted]
            if figures:
                typed[f"{claim.Index} {field}"] = figures
    assert not typed, f"figures typed by hand (compute them in a check's finding instead): {typed}"


def test_at_least_four_claims_in_five_are_decided_or_measured_by_code(registry):
    checked = registry["check"].notna()
    assert checked.mean() >= 0.8, f"{checked.sum()} of {len(registry)} claims have a check"
    unverifiable = registry[registry["expected_verdict"] == "unverifiable"]
    pending = unverifiable["check"].notna()
    assert (unverifiable.loc[pending, "check"] == "forecast").all(), (
        "only a forecast whose horizon the data have not reached runs a check and stays unverifiable"
    )
