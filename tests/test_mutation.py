"""Every check can fail: alter the evidence it reads, and its verdict (or its proxy's direction) must change.

Each mutation rewrites, in memory, every table a check loads: figures scaled (all of them, or every other
row's), negated, or given a steep made-up trend; dates and years moved decades away; every row counted
twice; or the rows removed. A claim passes when at least one mutation changes what its check concludes,
or when the registry's ``mutation_exempt`` says why none can (and indeed none does); a check that only
raises on altered data, without reaching a verdict, does not count.
"""

from __future__ import annotations

import pandas as pd
import pytest

import factbook.checks
import factbook.data
import factbook.indicators
from factbook import claims
from factbook.checks import CHECKS

LOADERS = [factbook.checks, factbook.indicators]
YEARS = ("year", "year_of_order", "fiscal_year_start")


def _scaled(table: pd.DataFrame, factor) -> pd.DataFrame:
    """Every figure (numeric column other than years and ids) multiplied by ``factor``."""
    table = table.copy()
    for column in table.columns:
        figure = "year" not in column and not column.endswith("_id") and column != "preferred"
        if figure and pd.api.types.is_numeric_dtype(table[column]) and not pd.api.types.is_bool_dtype(table[column]):
            table[column] = table[column] * factor
    return table


def _shifted(table: pd.DataFrame, years: int) -> pd.DataFrame:
    table = table.copy()
    for column in table.columns:
        values = table[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            table[column] = values + pd.DateOffset(years=years)
        elif column in YEARS and pd.api.types.is_numeric_dtype(values):
            table[column] = values + years
        elif values.dtype == object and values.astype(str).str.match(r"^(1[89]|20)\d\d(-|$)").all():
            table[column] = values.astype(str).map(lambda text: str(int(text[:4]) + years) + text[4:])
    return table


def _time(table: pd.DataFrame) -> pd.Series | None:
    """Each row's year, from the first year, period or date column the table has."""
    for column in table.columns:
        values = table[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            return values.dt.year
        if column in YEARS and pd.api.types.is_numeric_dtype(values):
            return values
        if column in ("period", "date", "estimate_date") and values.astype(str).str.match(r"^(1[89]|20)\d\d").all():
            return values.astype(str).str[:4].astype(int)
    return None


def _trend(table: pd.DataFrame, per_year: float) -> pd.DataFrame:
    """Figures multiplied by ``per_year`` to the power of the years since 2000: a steep made-up trend."""
    years = _time(table)
    if years is None or table.empty:
        return table
    return _scaled(table, per_year ** (years.astype(float) - 2000).to_numpy())


def _halves(rows: int, first: float, second: float) -> list[float]:
    return [first if i < rows / 2 else second for i in range(rows)]


MUTATIONS = {
    "figures ÷ 100": lambda table: _scaled(table, 0.01),
    "figures × 100": lambda table: _scaled(table, 100),
    "figures negated": lambda table: _scaled(table, -1),
    "figures × 2/3": lambda table: _scaled(table, 2 / 3),
    "figures × 3/2": lambda table: _scaled(table, 3 / 2),
    "figures × 0.9": lambda table: _scaled(table, 0.9),
    "figures × 1.1": lambda table: _scaled(table, 1.1),
    "every other row's figures × 100": lambda table: _scaled(table, [100 if i % 2 else 1 for i in range(len(table))]),
    "first half of the rows × 100": lambda table: _scaled(
        table, [100 if i < len(table) / 2 else 1 for i in range(len(table))]
    ),
    "second half of the rows × 100": lambda table: _scaled(
        table, [1 if i < len(table) / 2 else 100 for i in range(len(table))]
    ),
    "figures falling tenfold a year": lambda table: _trend(table, 0.1),
    "figures rising tenfold a year": lambda table: _trend(table, 10),
    "every row twice": lambda table: pd.concat([table, table], ignore_index=True),
    "dates 80 years earlier": lambda table: _shifted(table, -80),
    "dates 80 years later": lambda table: _shifted(table, 80),
    "no rows": lambda table: table.iloc[0:0],
}


def _conclusion(name: str, params: dict) -> tuple[str, str]:
    result = CHECKS[name](**params)
    return result.verdict, result.direction


def _checked() -> list[str]:
    registry = claims.registry()
    return list(registry.loc[registry["check"].notna(), "claim_id"])


def _mutated_outcomes(name: str, params: dict, monkeypatch) -> dict:
    outcomes = {}
    for label, mutate in MUTATIONS.items():
        for module in LOADERS:
            monkeypatch.setattr(module, "load", lambda *a, mutate=mutate, **k: mutate(factbook.data.load(*a, **k)))
        try:
            outcomes[label] = _conclusion(name, params)
        except (LookupError, ValueError, IndexError, KeyError, ZeroDivisionError) as error:
            outcomes[label] = f"raised {type(error).__name__}"
        monkeypatch.undo()
    return outcomes


@pytest.mark.parametrize("claim_id", _checked())
def test_altering_the_evidence_changes_the_conclusion(claim_id, monkeypatch):
    """A factual check must change its verdict; a proxy, at least one of the factual checks it runs.

    A claim the registry exempts must say why, and the exemption must still be needed.
    """
    row = claims.registry().set_index("claim_id").loc[claim_id]
    params = claims.params(row["params"])
    runs = params["checks"] if row["check"] == "proxy" else [{"check": row["check"], "params": params}]
    tried = {}
    for run in runs:
        baseline = _conclusion(run["check"], run.get("params", {}))
        outcomes = _mutated_outcomes(run["check"], run.get("params", {}), monkeypatch)
        tried[run["check"]] = (baseline, outcomes)
        if any(isinstance(outcome, tuple) and outcome != baseline for outcome in outcomes.values()):
            assert not row["mutation_exempt"], f"{claim_id} is exempt from mutation but its verdict does change"
            return
    assert row["mutation_exempt"] and len(row["mutation_exempt"].split()) >= 8, (
        f"{claim_id}: no alteration of its evidence changes what its check concludes: {tried}"
    )
