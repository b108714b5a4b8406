"""Checks follow the data: change the rows and the verdict changes with them."""

from __future__ import annotations

import pandas as pd

from conftest import rewrite
from factbook import checks, claims


def _scale(where, column: str, factor: float):
    """Multiply ``column`` by ``factor`` in the rows selected by ``where`` (a function of the table)."""
    def change(table: pd.DataFrame) -> pd.DataFrame:
        rows = where(table)
        table.loc[rows, column] = (table.loc[rows, column].astype(float) * factor).map(repr)
        return table
    return change


def _rows(iso3: str, year: int, measure: str | None = None):
    def where(table):
        mask = (table["country_iso3"] == iso3) & (table["year"] == str(year))
        return mask & (table["measure"] == measure) if measure else mask
    return where


def test_junior_partner_is_supported_only_if_new_since_the_war(data_copy):
    assert claims.evaluate("A1-01").verdict == "partly supported"
    rewrite(data_copy, "worldbank_gdp", _scale(_rows("RUS", checks.YEAR_BEFORE_WAR), "gdp_usd_current", 10))
    assert claims.evaluate("A1-01").verdict == "supported"


def test_junior_partner_is_contradicted_when_russia_catches_up(data_copy):
    latest = int(pd.read_csv(data_copy / "extracts" / "worldbank_gdp.csv")["year"].max())
    rewrite(data_copy, "worldbank_gdp", _scale(_rows("RUS", latest), "gdp_usd_current", 10))
    result = claims.evaluate("A1-01")
    assert result.verdict == "contradicted"
    assert result.measured < checks.JUNIOR_GDP_RATIO


def test_second_largest_economy_follows_the_ranking(data_copy):
    latest = int(pd.read_csv(data_copy / "extracts" / "worldbank_gdp.csv")["year"].max())
    rewrite(data_copy, "worldbank_gdp", _scale(_rows("JPN", latest), "gdp_usd_current", 10))
    result = claims.evaluate("A3-01")
    assert result.verdict == "contradicted" and result.measured == 3


def test_spending_rule_separates_budget_from_real_terms(data_copy):
    latest = int(pd.read_csv(data_copy / "extracts" / "sipri_milex.csv")["year"].max())
    rewrite(data_copy, "sipri_milex", _scale(_rows("KOR", latest, checks.REAL), "value", 1.1))
    assert claims.evaluate("A3-03").verdict == "supported"
    rewrite(data_copy, "sipri_milex", _scale(_rows("JPN", latest, checks.NOMINAL), "value", 0.5))
    assert claims.evaluate("A3-02").verdict == "contradicted"


def test_evidence_rows_hold_the_compared_years():
    result = claims.evaluate("A3-03")
    years = set(result.evidence["year"])
    assert max(years) - min(years) == checks.SPENDING_WINDOW_YEARS
    assert set(result.evidence["measure"]) == {checks.REAL, checks.NOMINAL}
