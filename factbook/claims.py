"""Claims: the registry of the articles' checkable statements and the checks that test them.

A check is a function registered with :func:`check`. It reads catalogued data and
returns a :class:`Result`: the verdict, the measured value, the tolerance rule that
decided the verdict, and the evidence rows with the dataset and source each came from.
The registry names a claim's check and, in ``params`` (a JSON object), the keyword
arguments it is called with. Notebooks display results; they never decide a verdict.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from factbook.data import load, read_catalogue

VERDICTS = ("supported", "partly supported", "contradicted", "unverifiable", "interpretive")

CHECKS: dict[str, Callable[..., "Result"]] = {}


@dataclass(frozen=True)
class Result:
    """What a check found."""

    verdict: str
    measured: float | str
    measured_label: str
    tolerance: str
    finding: str
    evidence: pd.DataFrame = field(repr=False)

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict '{self.verdict}'; expected one of {VERDICTS}")
        if "dataset" not in self.evidence.columns:
            raise ValueError("evidence rows must name the dataset they come from")


def check(function: Callable[..., Result]) -> Callable[..., Result]:
    """Register a check under its function name (the registry's ``check`` column)."""
    CHECKS[function.__name__] = function
    return function


EVIDENCE_COLUMNS = ["dataset", "source", "subject", "period", "measure", "value", "unit", "note", "url", "quote"]
# Dataset columns that fill the evidence shape's general ones.
EVIDENCE_ALIASES = {"country_iso3": "subject", "actors": "subject", "year": "period", "date": "period", "publisher": "source"}


def evidence(table: pd.DataFrame, dataset_id: str) -> pd.DataFrame:
    """Evidence rows in one shape: the dataset, who published each figure (and where), the figure itself."""
    resource = read_catalogue().resource(dataset_id)
    renames = {}
    for column, general in EVIDENCE_ALIASES.items():
        if column in table.columns and general not in table.columns and general not in renames.values():
            renames[column] = general
    rows = table.rename(columns=renames).assign(dataset=dataset_id)
    if "source" not in rows.columns:
        rows = rows.assign(source=resource["producer"])
    for column in EVIDENCE_COLUMNS:
        if column not in rows.columns:
            rows[column] = ""
    rows["period"] = rows["period"].map(_period)
    return rows[EVIDENCE_COLUMNS].reset_index(drop=True)


def _period(value) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def anchor(claim_id: str) -> str:
    """The HTML id of a claim's section on any page that shows it."""
    return "claim-" + claim_id.lower()


def registry() -> pd.DataFrame:
    """The claims registry (``data/claims.csv``), one row per claim."""
    return load("claims")


def evaluate(claim_id: str) -> Result:
    """Run the check named for ``claim_id`` in the registry."""
    import factbook.checks  # noqa: F401  (registers the checks)

    claims = registry().set_index("claim_id")
    if claim_id not in claims.index:
        raise KeyError(f"no claim '{claim_id}' in the registry")
    name = claims.at[claim_id, "check"]
    if not name:
        raise LookupError(f"claim {claim_id} has no check: {claims.at[claim_id, 'reasoning']}")
    if name not in CHECKS:
        raise LookupError(f"claim {claim_id} names check '{name}', which does not exist")
    return CHECKS[name](**params(claims.at[claim_id, "params"]))


def params(text: str | None) -> dict:
    """The keyword arguments a registry row gives its check (a JSON object, or nothing)."""
    if not text:
        return {}
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError(f"check params must be a JSON object, not {text!r}")
    return value


def verdicts(claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every claim with its computed verdict, or the recorded one where no data can test it."""
    claims = registry() if claims is None else claims
    rows = []
    for claim in claims.itertuples():
        if claim.check:
            result = evaluate(claim.claim_id)
            rows.append({"claim_id": claim.claim_id, "verdict": result.verdict, "measured": result.measured,
                         "measured_label": result.measured_label, "tolerance": result.tolerance, "finding": result.finding})
        else:
            rows.append({"claim_id": claim.claim_id, "verdict": claim.expected_verdict, "measured": None,
                         "measured_label": "", "tolerance": "", "finding": claim.reasoning})
    return claims.merge(pd.DataFrame(rows), on="claim_id")


def chapter(name: str) -> pd.DataFrame:
    """Claims whose evidence a chapter shows, with their computed verdicts."""
    claims = registry()
    chosen = claims[claims["chapter"] == name]
    if chosen.empty:
        raise KeyError(f"no claims for chapter '{name}' in the registry")
    return verdicts(chosen.reset_index(drop=True))


def summary_table(results: pd.DataFrame):
    """Reader-facing table: each claim, its key phrase, the computed verdict and what was found."""
    table = pd.DataFrame({
        "Claim": [f'<a id="{anchor(c)}" href="ledger.html#{anchor(c)}" title="audit trail in the claims ledger">{c}</a>' for c in results["claim_id"]],
        "Key phrase": "“" + results["key_phrase"] + "”",
        "Verdict": results["verdict"],
        "Finding": results["finding"],
    })
    return table.style.hide(axis="index").set_uuid("claims-" + "-".join(results["claim_id"]))


def rules_table(results: pd.DataFrame):
    """How each checked claim's verdict was decided: the measured value and the rule applied."""
    checked = results[results["check"].notna()]
    table = pd.DataFrame({
        "Claim": checked["claim_id"],
        "Measured": [f"{label}: {_shown(value)}" for label, value in zip(checked["measured_label"], checked["measured"])],
        "Rule": checked["tolerance"],
    })
    return table.style.hide(axis="index").set_uuid("rules-" + "-".join(checked["claim_id"]))


def _shown(value) -> str:
    return f"{value:,.2f}" if isinstance(value, float) else str(value)


def evidence_table(results: pd.DataFrame):
    """The evidence rows of every checked claim, one table, each row naming its claim and dataset."""
    frames = [evaluate(claim_id).evidence.assign(claim=claim_id) for claim_id in results.loc[results["check"].notna(), "claim_id"]]
    rows = pd.concat(frames, ignore_index=True)
    ordered = rows[["claim"] + EVIDENCE_COLUMNS]
    return ordered.style.hide(axis="index").format({"value": _shown}).set_uuid("evidence-" + "-".join(results["claim_id"]))
