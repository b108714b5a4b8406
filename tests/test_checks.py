"""Checks follow the data: change the rows and the verdict changes with them."""

from __future__ import annotations

import pandas as pd
import pytest

from factbook import checks, claims, power_balance
from factbook.data import load

from conftest import rewrite


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
    rewrite(data_copy, "worldbank_gdp", _scale(_rows("RUS", power_balance.YEAR_BEFORE_WAR), "gdp_usd_current", 10))
    assert claims.evaluate("A1-01").verdict == "supported"


def test_junior_partner_is_contradicted_when_russia_catches_up(data_copy):
    latest = int(pd.read_csv(data_copy / "extracts" / "worldbank_gdp.csv")["year"].max())
    rewrite(data_copy, "worldbank_gdp", _scale(_rows("RUS", latest), "gdp_usd_current", 10))
    result = claims.evaluate("A1-01")
    assert result.verdict == "contradicted"
    assert result.measured < power_balance.JUNIOR_GDP_RATIO


def test_second_largest_economy_follows_the_ranking(data_copy):
    latest = int(pd.read_csv(data_copy / "extracts" / "worldbank_gdp.csv")["year"].max())
    rewrite(data_copy, "worldbank_gdp", _scale(_rows("JPN", latest), "gdp_usd_current", 10))
    result = claims.evaluate("A3-01")
    assert result.verdict == "contradicted" and result.measured == 3


def test_spending_rule_separates_budget_from_real_terms(data_copy):
    latest = int(pd.read_csv(data_copy / "extracts" / "sipri_milex.csv")["year"].max())
    rewrite(data_copy, "sipri_milex", _scale(_rows("KOR", latest, power_balance.REAL), "value", 1.1))
    assert claims.evaluate("A3-03").verdict == "supported"
    rewrite(data_copy, "sipri_milex", _scale(_rows("JPN", latest, power_balance.NOMINAL), "value", 0.5))
    assert claims.evaluate("A3-02").verdict == "contradicted"


def test_evidence_rows_hold_the_compared_years():
    result = claims.evaluate("A3-03")
    years = {int(p) for p in result.evidence["period"]}
    assert max(years) - min(years) == power_balance.SPENDING_WINDOW_YEARS
    assert set(result.evidence["measure"]) == {power_balance.REAL, power_balance.NOMINAL}


# --- the general checks the registry parameterises ---------------------------------------------


def test_event_on_record_compares_dates_at_the_articles_precision():
    assert checks.event_on_record("putin-pyongyang-visit-2024", "2024-06-19").verdict == "supported"
    assert checks.event_on_record("putin-pyongyang-visit-2024", "2024-06").verdict == "supported"
    assert checks.event_on_record("putin-pyongyang-visit-2024", "2024-06-18").verdict == "partly supported"
    assert checks.event_on_record("putin-pyongyang-visit-2024", "2023-06-19").verdict == "contradicted"
    with pytest.raises(LookupError):
        checks.event_on_record("no-such-event")


def test_value_in_range_follows_the_data(data_copy):
    where = {"year": 2023, "measure": "china_share_of_trade"}
    assert checks.value_in_range("nk_trade_kotra", where, low=80).verdict == "supported"

    def lower(table):
        rows = (table["year"] == "2023") & (table["measure"] == "china_share_of_trade") & (table["preferred"] == "true")
        table.loc[rows, "value"] = "75.0"
        return table

    rewrite(data_copy, "nk_trade_kotra", lower)
    result = checks.value_in_range("nk_trade_kotra", where, low=80)
    assert result.verdict == "contradicted" and result.measured == 75.0 and result.bounds == (80, None)
    with pytest.raises(LookupError, match="expected exactly one"):
        checks.value_in_range("nk_trade_kotra", {"measure": "china_share_of_trade"}, low=80)


def test_count_in_range_counts_matching_rows():
    result = checks.count_in_range("unsc_vetoes", {"vetoing_member_iso3": "CHN"}, low=1)
    vetoes = load("unsc_vetoes")
    assert result.measured == (vetoes["vetoing_member_iso3"] == "CHN").sum()
    assert (
        checks.count_in_range("unsc_vetoes", {"vetoing_member_iso3": "CHN"}, high=result.measured - 1).verdict
        == "contradicted"
    )


def test_change_between_reads_direction_and_size():
    where = {"measure": "trade_with_china"}
    down = checks.change_between("nk_trade_kotra", where, 2019, 2023, "down")
    assert down.measured < 0 and down.verdict == "supported"
    assert checks.change_between("nk_trade_kotra", where, 2019, 2023, "up").verdict == "contradicted"
    assert checks.change_between("nk_trade_kotra", where, 2019, 2023, "down", min_pct=99).verdict == "partly supported"


def test_events_on_record_counts_how_many_hold():
    good = {"event_id": "putin-pyongyang-visit-2024", "date": "2024-06"}
    bad = {"event_id": "nuclear-test-3", "date": "2014"}
    assert checks.events_on_record([good, good]).verdict == "supported"
    assert checks.events_on_record([good, bad]).events == ("putin-pyongyang-visit-2024", "nuclear-test-3")
    assert checks.events_on_record([good, bad]).verdict == "partly supported"
    assert checks.events_on_record([bad]).verdict == "contradicted"


def test_greater_than_compares_two_figures_of_one_table():
    where = {"year": 2023}
    china, exports = {"measure": "trade_with_china"}, {"measure": "total_exports"}
    assert checks.greater_than("nk_trade_kotra", where, china, exports).verdict == "supported"
    assert checks.greater_than("nk_trade_kotra", where, exports, china).verdict == "contradicted"


def test_not_on_record_before_depends_on_the_date():
    timeline = load("events_timeline", all_sources=True)
    confirmations = [e for e in timeline["event_id"] if e.startswith("north-korea-confirms")]
    first = timeline.loc[timeline["event_id"].isin(confirmations), "date"].min()
    assert checks.not_on_record_before(confirmations, "2000-01-01").verdict == "supported"
    assert checks.not_on_record_before(confirmations, "2099-01-01").verdict == "contradicted"
    assert checks.not_on_record_before(confirmations, first).verdict == "supported"


def test_max_in_range_takes_the_largest_matching_figure():
    troops = load("nk_troops_in_russia")
    kursk = troops[
        (troops["measure"] == "troops_deployed") & troops["location"].fillna("").str.contains("Kursk", case=False)
    ]
    top = kursk["high"].max()
    result = checks.max_in_range(
        "nk_troops_in_russia", {"measure": "troops_deployed"}, "high", low=top, contains={"location": "kursk"}
    )
    assert result.measured == top and result.verdict == "supported"
    assert (
        checks.max_in_range(
            "nk_troops_in_russia", {"measure": "troops_deployed"}, "high", low=top + 1, contains={"location": "kursk"}
        ).verdict
        == "contradicted"
    )


def test_largest_among_ranks_the_listed_countries():
    args = ("worldbank_gdp", {"year": 2023}, "gdp_usd_current")
    assert checks.largest_among(*args, "CHN", ["CHN", "JPN", "RUS"]).verdict == "supported"
    assert checks.largest_among(*args, "JPN", ["CHN", "JPN", "RUS"]).verdict == "contradicted"


@pytest.mark.parametrize(
    "value, shown", [(11000.0, "11,000"), (98.35, "98.35"), (12345.67, "12,345.7"), (0.98, "0.98"), (-3.0, "-3")]
)
def test_figures_in_findings_read_as_people_write_them(value, shown):
    assert checks._number(value) == shown


def test_no_finding_prints_a_number_in_scientific_notation():
    findings = claims.results()["finding"]
    assert not findings.str.contains(r"\de[+-]\d", regex=True).any(), findings[findings.str.contains(r"\de[+-]\d")]
