"""The claims registry (``data/claims.csv``) and each claim's verdict, computed once.

A registry row names the check that tests the claim and, in ``params`` (a JSON object),
the keyword arguments it is called with. :func:`evaluate` runs that check once per
process and version of the data, and keeps its :class:`~factbook.verdict.Result`;
:func:`results` gives every claim with its verdict and that result. A claim with no
check keeps the verdict the registry records (``unverifiable`` or ``interpretive``) and
the reason it gives.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from functools import lru_cache

import pandas as pd

import factbook.power_balance  # noqa: F401  (registers the power-balance rules)
from factbook.checks import CHECKS
from factbook.data import load, read_catalogue, state
from factbook.verdict import Result


def registry() -> pd.DataFrame:
    """The claims registry, one row per claim."""
    return load("claims")


def params(text: str | None) -> dict:
    """The keyword arguments a registry row gives its check (a JSON object, or nothing)."""
    if not text:
        return {}
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError(f"check params must be a JSON object, not {text!r}")
    return value


def evaluate(claim_id: str) -> Result:
    """The result of the check the registry names for ``claim_id`` (computed once per data version)."""
    return _evaluate(claim_id, state())


@lru_cache(maxsize=1024)
def _evaluate(claim_id: str, _state: tuple) -> Result:
    claims = registry().set_index("claim_id")
    if claim_id not in claims.index:
        raise KeyError(f"no claim '{claim_id}' in the registry")
    name = claims.at[claim_id, "check"]
    if not name:
        raise LookupError(f"claim {claim_id} has no check: {claims.at[claim_id, 'reasoning']}")
    if name not in CHECKS:
        raise LookupError(f"claim {claim_id} names check '{name}', which does not exist")
    return CHECKS[name](**params(claims.at[claim_id, "params"]))


def results(claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claims (default: the whole registry) with their verdicts and what was found.

    Adds ``verdict``, ``finding``, ``measured``, ``measured_label``, ``rule`` and ``result``
    (the check's :class:`~factbook.verdict.Result`, or None for a claim with no check).
    """
    claims = registry() if claims is None else claims
    found = [evaluate(claim.claim_id) if claim.check else None for claim in claims.itertuples()]
    return claims.assign(
        verdict=[r.verdict if r else c for r, c in zip(found, claims["expected_verdict"], strict=True)],
        finding=[r.finding if r else c for r, c in zip(found, claims["reasoning"], strict=True)],
        measured=[r.measured if r else None for r in found],
        measured_label=[r.measured_label if r else "" for r in found],
        rule=[r.rule if r else "" for r in found],
        result=found,
    ).reset_index(drop=True)


def of_article(article_id: str) -> pd.DataFrame:
    """An article's claims with their results, in the order the article makes them."""
    return results(_where("article", article_id).sort_values("line", kind="stable"))


def of_chapter(name: str) -> pd.DataFrame:
    """Claims whose evidence a chapter shows, with their results."""
    return results(_where("chapter", name))


def steps(article_id: str) -> pd.DataFrame:
    """The steps of an article's argument (``data/steps.csv``) in the article's order, with their figures."""
    table = load("steps")
    chosen = table[table["article"] == article_id].reset_index(drop=True)
    if chosen.empty:
        raise KeyError(f"no steps for article '{article_id}' in data/steps.csv")
    return chosen


def of_step(article_id: str, step: str) -> pd.DataFrame:
    """The claims of one step of an article's argument, with their results, in the article's order."""
    if step not in set(steps(article_id)["step"]):
        raise KeyError(f"article {article_id} has no step '{step}' in data/steps.csv")
    chosen = _where("article", article_id)
    return results(chosen[chosen["step"] == step].sort_values("line", kind="stable"))


PUBLISHED = "claim_verdicts_published"


def revisions(results: pd.DataFrame, published: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claims whose computed verdict differs from the one last published, with both verdicts and the finding."""
    published = load(PUBLISHED) if published is None else published
    merged = results.merge(published, on="claim_id", how="left", suffixes=("", "_published"))
    changed = merged[merged["verdict"] != merged["verdict_published"]]
    return changed[["claim_id", "verdict_published", "published", "verdict", "finding"]].reset_index(drop=True)


def publish(today: date | None = None, new_only: bool = False) -> int:
    """Record every claim's current verdict as the published one; return how many verdicts changed.

    Ids once published are never dropped; an unchanged verdict keeps the date it was first published.
    With ``new_only``, only claims never published are added, so the revisions of the others stay listed.
    """
    old = load(PUBLISHED).set_index("claim_id")
    current = results().set_index("claim_id")["verdict"]
    gone = sorted(set(old.index) - set(current.index))
    if gone:
        raise ValueError(f"published claim ids are never removed; restore them to data/claims.csv: {gone}")
    ids = list(old.index) + sorted(set(current.index) - set(old.index))
    if new_only:
        current = old["verdict"].combine_first(current)
    unchanged = current.reindex(ids).eq(old["verdict"].reindex(ids)).to_numpy()
    stamp = (today or date.today()).isoformat()
    first = old["published"].dt.strftime("%Y-%m-%d")
    dates = [first[i] if same else stamp for i, same in zip(ids, unchanged, strict=True)]
    table = pd.DataFrame({"claim_id": ids, "verdict": current.reindex(ids).to_numpy(), "published": dates})
    table.to_csv(read_catalogue().path(PUBLISHED), index=False, lineterminator="\n")
    return int((~unchanged).sum())


def _where(column: str, value: str) -> pd.DataFrame:
    table = registry()
    chosen = table[table[column] == value]
    if chosen.empty:
        raise KeyError(f"no claims with {column} '{value}' in the registry")
    return chosen


if __name__ == "__main__":
    if sys.argv[1:] not in (["publish"], ["publish", "--new"]):
        sys.exit("usage: python -m factbook.claims publish [--new]")
    if sys.argv[2:]:
        print(f"published the verdicts of new claims: {publish(new_only=True)} rows added")
    else:
        print(f"published the current verdicts: {publish()} rows changed")
