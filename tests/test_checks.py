"""Checks follow the data: change the rows and the verdict changes with them."""

from __future__ import annotations

import pandas as pd
import pytest

from factbook import checks, claims, power_balance
from factbook.data import load
from factbook.verdict import Result

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
    rewrite(data_copy, "sipri_milex", _scale(_rows("JPN", latest, power_balance.REAL), "value", 0.5))
    assert claims.evaluate("A3-02").verdict == "partly supported"
    rewrite(data_copy, "sipri_milex", _scale(_rows("JPN", latest, power_balance.NOMINAL), "value", 0.5))
    assert claims.evaluate("A3-02").verdict == "contradicted"


def test_evidence_rows_hold_the_compared_years():
    result = claims.evaluate("A3-02")
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
        checks.event_on_record("no-such-event", by="2025")
    assert checks.event_on_record("putin-pyongyang-visit-2024", by="2024-06").verdict == "supported"
    assert checks.event_on_record("putin-pyongyang-visit-2024", by="2024-05").verdict == "contradicted"
    with pytest.raises(ValueError, match="the article's date"):
        checks.event_on_record("putin-pyongyang-visit-2024")


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


def _share_moved(direction: str) -> dict:
    params = {"dataset": "nk_trade_kotra", "where": {"measure": "china_share_of_trade"}, "start": 2021, "end": 2024}
    return {"check": "change_between", "params": {**params, "direction": direction}}


@pytest.mark.parametrize(
    "inner, direction",
    [
        ([_share_moved("up")], "consistent"),
        ([_share_moved("down")], "inconsistent"),
        ([_share_moved("up"), _share_moved("down")], "mixed"),
    ],
)
def test_a_proxy_keeps_the_claim_interpretive_and_says_which_way_it_points(inner, direction):
    result = checks.proxy(measure="China's share of North Korea's trade", checks=inner)
    assert result.verdict == "interpretive" and result.direction == direction
    assert result.finding.startswith("Proxy, China's share") and f"is {direction} with the claim" in result.finding
    assert set(result.evidence["dataset"]) == {"nk_trade_kotra"}


def test_a_proxy_refuses_an_inner_check_that_is_not_factual():
    nested = {"check": "proxy", "params": {"measure": "m", "checks": [_share_moved("up")]}}
    with pytest.raises(ValueError, match="factual checks"):
        checks.proxy(measure="m", checks=[nested])


def test_only_an_interpretive_result_states_a_direction():
    evidence = pd.DataFrame({"dataset": ["d"]})
    with pytest.raises(ValueError, match="which way its proxy points"):
        Result("interpretive", 1.0, "x", "rule", "finding", evidence)
    with pytest.raises(ValueError, match="which way its proxy points"):
        Result("supported", 1.0, "x", "rule", "finding", evidence, direction="consistent")


# --- questioned verdicts: each claim's check follows the rows it reads ------------------------------


def _event(event_id: str, **values):
    """Set columns of an event's preferred row in the timeline (e.g. its date or category)."""

    def change(table: pd.DataFrame) -> pd.DataFrame:
        rows = (table["event_id"] == event_id) & (table["preferred"] == "true")
        assert rows.sum() == 1, f"no preferred row for {event_id}"
        for column, value in values.items():
            table.loc[rows, column] = value
        return table

    return change


def _new_event(like: str, **values):
    """Add an event to the timeline: a copy of ``like``'s preferred row with ``values`` changed."""

    def change(table: pd.DataFrame) -> pd.DataFrame:
        row = table[(table["event_id"] == like) & (table["preferred"] == "true")].copy()
        for column, value in values.items():
            row[column] = value
        return pd.concat([table, row], ignore_index=True)

    return change


def _drop_event(event_id: str):
    return lambda table: table[table["event_id"] != event_id]


def test_event_on_record_tests_the_span_the_actors_and_the_kind():
    split = checks.event_on_record("sino-soviet-split", by="1969", since="1950")
    assert split.verdict == "supported" and "between 1950 and 1969" in split.finding
    assert checks.event_on_record("sino-soviet-split", by="1969", since="1962").verdict == "contradicted"
    talks = "first-round-of-six-party-talks-opens-in-beijing"
    assert checks.event_on_record(talks, by="2024", actors=["CHN", "PRK"]).verdict == "supported"
    assert checks.event_on_record(talks, by="2024", actors=["CHN", "UKR"]).verdict == "contradicted"
    assert checks.event_on_record(talks, by="2024", kind="diplomacy").verdict == "supported"
    assert checks.event_on_record(talks, by="2024", kind="treaty").verdict == "contradicted"
    assert checks.event_on_record(talks, by="2024", kind="treaty", partly_kind=["diplomacy"]).verdict == (
        "partly supported"
    )
    with pytest.raises(ValueError, match="since"):
        checks.event_on_record(talks, date="2003", since="2000")


def test_a4_11_relations_are_dated_and_between_china_and_north_korea(data_copy):
    assert claims.evaluate("A4-11").verdict == "supported"
    rewrite(data_copy, "events_timeline", _event("prc-dprk-diplomatic-relations-1949", actors="CHN;KOR"))
    assert claims.evaluate("A4-11").verdict == "contradicted"


def test_a4_11_a_different_date_contradicts_it(data_copy):
    rewrite(data_copy, "events_timeline", _event("prc-dprk-diplomatic-relations-1949", date="1950-01-01"))
    assert claims.evaluate("A4-11").verdict == "contradicted"


def test_a4_15_the_split_must_fall_in_the_1950s_or_1960s(data_copy):
    assert claims.evaluate("A4-15").verdict == "supported"
    rewrite(data_copy, "events_timeline", _event("sino-soviet-split", date="1972"))
    assert claims.evaluate("A4-15").verdict == "contradicted"


def test_years_since_counts_from_the_event_to_the_date():
    result = checks.years_since("dprk-proclaimed-in-pyongyang", until="2024-12", low=90)
    assert result.verdict == "contradicted" and 76 < result.measured < 77 and result.bounds == (90, None)
    assert checks.years_since("dprk-proclaimed-in-pyongyang", until="2024-12", low=70).verdict == "supported"
    assert checks.years_since("dprk-proclaimed-in-pyongyang", until="1958", high=10).verdict == "supported"


def test_a4_07_a_century_of_ties_needs_a_north_korea_that_old(data_copy):
    assert claims.evaluate("A4-07").verdict == "contradicted"
    rewrite(data_copy, "events_timeline", _event("dprk-proclaimed-in-pyongyang", date="1925-09-09"))
    assert claims.evaluate("A4-07").verdict == "supported"


def test_a4_37_active_participant_needs_talks_held_lately(data_copy):
    assert claims.evaluate("A4-37").verdict == "contradicted"
    rewrite(data_copy, "events_timeline", _event("six-party-last-round", date="2024-03-01"))
    assert claims.evaluate("A4-37").verdict == "supported"


def test_change_between_reads_a_named_period_column_and_shows_other_measures_beside_it():
    real = {"dataset": "sipri_milex", "where": {"country_iso3": "KOR", "measure": power_balance.REAL}, "label": "real"}
    where = {"country_iso3": "KOR", "measure": "defence_budget"}
    result = checks.change_between(
        "defence_budget_plans", where, 2021, 2024, "up", period="fiscal_year", alongside=[real]
    )
    assert result.verdict == "supported" and "Alongside, real:" in result.finding
    assert set(result.evidence["dataset"]) == {"defence_budget_plans", "sipri_milex"}
    alone = checks.change_between("defence_budget_plans", where, 2021, 2024, "up", period="fiscal_year")
    assert alone.verdict == result.verdict and alone.measured == result.measured, "beside it, never deciding it"


def test_a3_03_is_decided_by_the_budget_in_won_and_shows_constant_prices(data_copy):
    result = claims.evaluate("A3-03")
    assert result.verdict == "supported"
    assert "constant 2023 prices" in result.finding
    assert set(result.evidence["dataset"]) == {"defence_budget_plans", "sipri_milex"}

    def cut(table):
        rows = (table["country_iso3"] == "KOR") & (table["fiscal_year"] == "2024")
        table.loc[rows & (table["measure"] == "defence_budget"), "value"] = "50"
        return table

    rewrite(data_copy, "defence_budget_plans", cut)
    assert claims.evaluate("A3-03").verdict == "contradicted"


def test_a3_03_does_not_follow_constant_prices(data_copy):
    latest = int(pd.read_csv(data_copy / "extracts" / "sipri_milex.csv")["year"].max())
    rewrite(data_copy, "sipri_milex", _scale(_rows("KOR", latest, power_balance.REAL), "value", 0.5))
    assert claims.evaluate("A3-03").verdict == "supported"


def test_kinds_on_record_needs_every_kind_the_article_names():
    where = {"supplier_iso3": "SUN", "recipient_iso3": "PRK"}
    both = {"tanks": "tank", "aircraft": "aircraft"}
    assert checks.kinds_on_record("sipri_arms_transfers", where, "weapon_description", both).verdict == "supported"
    some = {"tanks": "tank", "carriers": "aircraft carrier"}
    assert checks.kinds_on_record("sipri_arms_transfers", where, "weapon_description", some).verdict == (
        "partly supported"
    )
    none = {"carriers": "aircraft carrier"}
    assert checks.kinds_on_record("sipri_arms_transfers", where, "weapon_description", none).verdict == ("contradicted")


def test_a3_53_missiles_are_not_artillery(data_copy):
    assert claims.evaluate("A3-53").verdict == "partly supported"

    def add_guns(table):
        row = table[(table["supplier_iso3"] == "PRK") & (table["recipient_iso3"] == "RUS")].copy()
        row["weapon_description"], row["weapon_designation"], row["deal_seq"] = "self-propelled gun", "Koksan", "2"
        return pd.concat([table, row], ignore_index=True)

    rewrite(data_copy, "sipri_arms_transfers", add_guns)
    assert claims.evaluate("A3-53").verdict == "supported"


def test_a3_53_with_no_delivery_is_contradicted(data_copy):
    rewrite(
        data_copy,
        "sipri_arms_transfers",
        lambda table: table[~((table["supplier_iso3"] == "PRK") & (table["recipient_iso3"] == "RUS"))],
    )
    assert claims.evaluate("A3-53").verdict == "contradicted"


def test_a3_21_a_summit_is_not_a_pact(data_copy):
    assert claims.evaluate("A3-21").verdict == "partly supported"
    rewrite(data_copy, "events_timeline", _event("camp-david-trilateral-summit-biden-yoon-kishida", category="treaty"))
    assert claims.evaluate("A3-21").verdict == "supported"


def test_count_in_range_can_read_a_smaller_count_as_partly_supported():
    where = {"vetoing_member_iso3": "CHN", "crisis_topic": "North Korea"}
    assert checks.count_in_range("unsc_vetoes", where, low=2, partly_low=1).verdict == "partly supported"
    assert checks.count_in_range("unsc_vetoes", where, low=2).verdict == "contradicted"
    assert checks.count_in_range("unsc_vetoes", where, low=1, partly_low=1).verdict == "supported"


def test_a3_20_frequently_needs_more_than_one_veto(data_copy):
    assert claims.evaluate("A3-20").verdict == "partly supported"

    def china(table):
        return (table["vetoing_member_iso3"] == "CHN") & (table["crisis_topic"] == "North Korea")

    def twice(table):
        again = table[china(table)].assign(date="2023-05-26", year="2023", draft="S/2023/999")
        return pd.concat([table, again], ignore_index=True)

    rewrite(data_copy, "unsc_vetoes", twice)
    assert claims.evaluate("A3-20").verdict == "supported"
    rewrite(data_copy, "unsc_vetoes", lambda table: table[~china(table)])
    assert claims.evaluate("A3-20").verdict == "contradicted"


def test_largest_total_sums_each_group():
    groups = {"China": ["CHN"], "Moscow": ["SUN", "RUS"]}
    args = ("sipri_arms_transfers", {"recipient_iso3": "PRK"}, "tiv_delivered_million", "supplier_iso3")
    assert checks.largest_total(*args, "China", groups).verdict == "contradicted"
    moscow = checks.largest_total(*args, "Moscow", groups)
    assert moscow.verdict == "supported" and 50 < moscow.measured < 100
    deals = load("sipri_arms_transfers").query("recipient_iso3 == 'PRK'")
    assert moscow.measured == pytest.approx(
        deals.loc[deals["supplier_iso3"].isin(["SUN", "RUS"]), "tiv_delivered_million"].sum()
        / deals.loc[deals["supplier_iso3"].isin(["SUN", "RUS", "CHN"]), "tiv_delivered_million"].sum()
        * 100
    )


def test_a3_46_primary_ally_follows_the_arms_delivered(data_copy):
    assert claims.evaluate("A3-46").verdict == "contradicted"

    def more_chinese_arms(table):
        rows = (table["supplier_iso3"] == "CHN") & (table["recipient_iso3"] == "PRK")
        table.loc[rows, "tiv_delivered_million"] = (table.loc[rows, "tiv_delivered_million"].astype(float) * 10).map(
            repr
        )
        return table

    rewrite(data_copy, "sipri_arms_transfers", more_chinese_arms)
    assert claims.evaluate("A3-46").verdict == "supported"


def test_events_matching_counts_the_events_a_filter_picks():
    statements = checks.events_matching(actors=["CHN"], kind="statement", since="2024", until="2024-12", low=1)
    timeline = load("events_timeline")
    expected = timeline[
        timeline["actors"].str.split(";").map(lambda a: "CHN" in a)
        & (timeline["category"] == "statement")
        & timeline["date"].str.startswith("2024")
    ]
    assert statements.measured == len(expected) and set(statements.events) == set(expected["event_id"])
    pair = checks.events_matching(actors=["CHN", "SUN"], exactly=True, title="split", low=1)
    assert pair.measured == 1
    assert checks.events_matching(actors=["CHN"], exactly=True, title="split", low=1).measured == 0
    shown = checks.events_matching(actors=["CHN"], high=0, alongside=[{"label": "Moscow", "actors": ["RUS"]}])
    assert shown.verdict == "contradicted" and "Alongside, Moscow:" in shown.finding


def test_all_of_needs_every_part():
    good = {"check": "event_on_record", "params": {"event_id": "putin-pyongyang-visit-2024", "date": "2024-06"}}
    bad = {"check": "event_on_record", "params": {"event_id": "putin-pyongyang-visit-2024", "date": "2014"}}
    assert checks.all_of([good, good]).verdict == "supported"
    assert checks.all_of([good, bad]).verdict == "partly supported"
    assert checks.all_of([bad, bad]).verdict == "contradicted"
    assert checks.all_of([good, bad]).measured == "1 of 2"


def test_a4_38_once_an_ally_needs_both_alliances_over(data_copy):
    assert claims.evaluate("A4-38").verdict == "partly supported"
    ended = _new_event(
        "sino-dprk-treaty-of-friendship-cooperation-and-mutual-assist",
        event_id="sino-dprk-treaty-ends",
        date="1990",
        date_precision="year",
        title="Sino–DPRK treaty terminated",
    )
    rewrite(data_copy, "events_timeline", ended)
    assert claims.evaluate("A4-38").verdict == "supported"


def test_a4_38_without_the_alliances_is_contradicted(data_copy):
    rewrite(data_copy, "events_timeline", _event("sino-soviet-alliance-concluded-stalin-mao", category="diplomacy"))
    rewrite(data_copy, "events_timeline", _event("sino-soviet-split", title="Sino-Soviet relations cool"))
    assert claims.evaluate("A4-38").verdict == "partly supported", "the treaty with North Korea still holds"
    treaty = "sino-dprk-treaty-of-friendship-cooperation-and-mutual-assist"
    rewrite(data_copy, "events_timeline", _event(treaty, category="diplomacy"))
    assert claims.evaluate("A4-38").verdict == "contradicted"


def test_a2_04_and_a2_10_read_over_11000_the_same_way():
    registry = claims.registry().set_index("claim_id")
    first, second = (claims.params(registry.at[c, "params"]) for c in ("A2-04", "A2-10"))
    assert registry.at["A2-04", "check"] == registry.at["A2-10", "check"]
    for key in ("column", "fallback", "low", "until", "where"):
        assert first[key] == second[key], key


def test_max_in_range_reads_the_fallback_where_a_figure_is_blank():
    where = {"measure": "troops_deployed"}
    at_least = {"estimator": "Pentagon|Department of Defense"}
    bare = checks.max_in_range("nk_troops_in_russia", where, "high", low=0, contains=at_least)
    both = checks.max_in_range("nk_troops_in_russia", where, "high", low=0, contains=at_least, fallback="low")
    assert both.measured >= bare.measured
    troops = load("nk_troops_in_russia").query("measure == 'troops_deployed'")
    chosen = troops[troops["estimator"].str.contains(at_least["estimator"])]
    assert both.measured == chosen["high"].fillna(chosen["low"]).max()


def _cap_troops(cap: int):
    def change(table):
        rows = table["measure"] == "troops_deployed"
        for column in ("low", "high"):
            figures = pd.to_numeric(table.loc[rows, column], errors="coerce").clip(upper=cap)
            table.loc[rows, column] = figures.map(lambda v: "" if pd.isna(v) else str(int(v)))
        return table

    return change


def test_a2_04_follows_the_estimates_for_russia(data_copy):
    assert claims.evaluate("A2-04").verdict == "supported"
    rewrite(data_copy, "nk_troops_in_russia", _cap_troops(11000))
    assert claims.evaluate("A2-04").verdict == "contradicted"


def test_a2_10_an_estimate_over_11000_in_kursk_would_support_it(data_copy):
    assert claims.evaluate("A2-10").verdict == "contradicted"

    def kursk(table):
        rows = table["estimate_id"] == "18"
        table.loc[rows, "high"] = "12000"
        return table

    rewrite(data_copy, "nk_troops_in_russia", kursk)
    assert claims.evaluate("A2-10").verdict == "supported"


def test_a1_08_shows_the_us_and_nato_confirmations_but_follows_moscow_and_pyongyang(data_copy):
    result = claims.evaluate("A1-08")
    assert result.verdict == "supported"
    assert "US and NATO officials" in result.finding and "NATO: Secretary General" in result.finding
    assert set(result.evidence["dataset"]) == {"events_timeline", "nk_troops_in_russia"}
    rewrite(
        data_copy,
        "events_timeline",
        _event("russia-officially-confirms-north-korean-troops-fought-in-kur", date="2024-11-01"),
    )
    assert claims.evaluate("A1-08").verdict == "contradicted"


def test_a1_13_an_official_reply_on_the_troops_contradicts_it(data_copy):
    assert claims.evaluate("A1-13").verdict == "contradicted"
    rewrite(data_copy, "events_timeline", _drop_event("china-mfa-not-aware-of-north-korean-troops-in-russia"))
    assert claims.evaluate("A1-13").verdict == "supported"


def test_a2_01_a_chinese_statement_on_the_treaty_would_end_the_silence(data_copy):
    assert claims.evaluate("A2-01").verdict == "supported"
    said = _new_event(
        "china-mfa-lin-jian-russia-dprk-ties-their-own-matter-does-no",
        event_id="china-mfa-on-the-treaty",
        date="2024-06-20",
        title="China MFA comments on the Russia–DPRK treaty",
    )
    rewrite(data_copy, "events_timeline", said)
    assert claims.evaluate("A2-01").verdict == "contradicted"


def test_a3_30_the_mutual_assistance_clause_is_the_guarantee(data_copy):
    assert claims.evaluate("A3-30").verdict == "contradicted"
    rewrite(
        data_copy,
        "events_timeline",
        _event("russia-dprk-treaty-article-4-mutual-military-assistance", date="2024-09-01"),
    )
    assert claims.evaluate("A3-30").verdict == "supported"


def test_a3_36_a_treaty_is_not_lukewarm(data_copy):
    result = claims.evaluate("A3-36")
    assert result.verdict == "contradicted" and "Kim's summits with Moon in 2018: 3" in result.finding
    rewrite(data_copy, "events_timeline", _drop_event("russia-dprk-treaty-on-comprehensive-strategic-partnership-si"))
    assert claims.evaluate("A3-36").verdict == "supported"


def test_count_change_compares_two_windows_of_counts(data_copy):
    params = {"dataset": "csis_provocations", "where": {"missile_launch": True}, "column": "year"}
    up = checks.count_change(**params, before=[2019, 2020, 2021], after=[2022, 2023, 2024], direction="up")
    down = checks.count_change(**params, before=[2019, 2020, 2021], after=[2022, 2023, 2024], direction="down")
    assert up.verdict == "supported" and down.verdict == "contradicted"
    counts = load("csis_provocations").query("missile_launch").groupby("year").size()
    assert f"{counts[[2019, 2020, 2021]].sum()} in 2019–2021" in up.finding
    rewrite(data_copy, "csis_provocations", lambda t: t[~t["year"].isin(["2022", "2023", "2024"])])
    assert checks.count_change(**params, before=[2019], after=[2022], direction="up").verdict == "contradicted"
    with pytest.raises(ValueError, match="equal length"):
        checks.count_change(**params, before=[2019, 2020], after=[2022], direction="up")


def test_count_change_below_the_stated_size_is_partly_supported():
    params = {"dataset": "csis_provocations", "where": {"missile_launch": True}, "column": "year"}
    result = checks.count_change(**params, before=[2021], after=[2022], direction="up", min_pct=1e6)
    assert result.verdict == "partly supported"


def test_count_record_needs_more_rows_than_any_earlier_year(data_copy):
    result = checks.count_record("cns_missile_tests", {}, "year", 2022)
    assert result.verdict == "supported"
    assert checks.count_record("cns_missile_tests", {}, "year", 2020).verdict == "contradicted"
    rewrite(data_copy, "cns_missile_tests", lambda t: t[t["year"] != "2022"])
    assert checks.count_record("cns_missile_tests", {}, "year", 2022).verdict == "contradicted"


def test_latest_is_the_last_day_a_dataset_covers():
    assert checks.latest("nk_trade_kotra") == pd.Timestamp(int(load("nk_trade_kotra")["year"].max()), 12, 31)
    assert checks.latest("cns_missile_tests") == load("cns_missile_tests")["date"].max()


FORECAST = {"check": "count_in_range", "params": {"dataset": "cns_missile_tests", "where": {"year": 2030}, "low": 1}}


def test_a_forecast_waits_for_its_horizon_then_is_decided(data_copy):
    pending = checks.forecast(horizon="2030", coverage="cns_missile_tests", **FORECAST)
    assert pending.verdict == "unverifiable" and "becomes decidable once the data reach 2030-12-31" in pending.finding
    due = checks.forecast(horizon="2020", coverage="cns_missile_tests", **FORECAST)
    assert due.verdict == "contradicted"
    rewrite(data_copy, "cns_missile_tests", lambda t: t.assign(year=t["year"].where(t["year"] != "2022", "2030")))
    come_true = checks.forecast(horizon="2035", coverage="cns_missile_tests", **FORECAST)
    assert come_true.verdict == "supported"


def test_a_forecast_refuses_an_outcome_that_is_not_factual():
    with pytest.raises(ValueError, match="factual"):
        checks.forecast("2030", "cns_missile_tests", "proxy", {"measure": "m", "checks": [FORECAST]})


REMARK = {
    "remark_id": "analyst-on-the-pact",
    "date": "2024-06-20",
    "date_precision": "day",
    "speaker": "Jane Analyst",
    "role": "senior fellow",
    "country": "USA",
    "preferred": "true",
    "source_id": "wire-2024-06-20",
    "publisher": "A wire service",
    "url": "https://example.org/report",
    "published": "2024-06-20",
    "quote": "Beijing is uneasy about the pact",
    "notes": "",
}


def test_remark_on_record_tests_the_speaker_the_words_and_the_date(data_copy):
    rewrite(data_copy, "remarks", lambda t: pd.concat([t, pd.DataFrame([REMARK])], ignore_index=True))
    base = {"remark_id": "analyst-on-the-pact", "speaker": "Analyst", "says": "uneas", "by": "2024-11"}
    assert checks.remark_on_record(**base).verdict == "supported"
    for change in ({"speaker": "Someone"}, {"says": "delighted"}, {"by": "2024-05"}, {"since": "2024-07"}):
        result = checks.remark_on_record(**{**base, **change})
        assert result.verdict == "contradicted" and "It fails" in result.finding
    with pytest.raises(LookupError, match="remarks.csv"):
        checks.remark_on_record(**{**base, "remark_id": "nobody"})


def test_a_pending_forecast_with_no_outcome_shows_where_the_record_ends():
    pending = checks.forecast(horizon="2030", coverage="cns_missile_tests", **FORECAST)
    assert set(pending.evidence["period"]) == {str(checks.latest("cns_missile_tests").year)}
    assert set(pending.evidence["note"]) == {"the latest entry on record"}


def test_a_negative_forecast_holds_only_once_the_data_reach_its_horizon():
    absent = {"check": "count_in_range", "params": {"dataset": "cns_missile_tests", "where": {"year": 2030}, "high": 0}}
    assert checks.forecast("2030", "cns_missile_tests", **absent, negative=True).verdict == "unverifiable"
    assert checks.forecast("2020", "cns_missile_tests", **absent, negative=True).verdict == "supported"
    happened = {**absent, "params": {**absent["params"], "where": {"year": 2022}}}
    assert checks.forecast("2030", "cns_missile_tests", **happened, negative=True).verdict == "contradicted"
