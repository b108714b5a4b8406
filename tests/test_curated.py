"""Curated tables: one preferred row per figure, internal consistency, citations, and loud failures."""

from __future__ import annotations

import pandas as pd
import pytest

from factbook import curated
from factbook.data import load, read_catalogue
from factbook.schema import DataError

from conftest import resources, rewrite

CURATED = [r["name"] for r in resources() if r["kind"] == "curated" and r["path"].startswith("curated/")]
WITH_PREFERENCE = [r["name"] for r in resources() if "preferred" in {f["name"] for f in r["schema"]["fields"]}]
TRADE = [
    ("cn_prk_trade_customs", "period", "total"),
    ("ru_prk_trade", "period", "total"),
    ("cn_rus_trade_customs", "year", "total"),
    ("nk_trade_kotra", "year", "total_trade"),
]


def _figure_key(dataset_id: str) -> list[str]:
    return read_catalogue().resource(dataset_id)["preferredKey"]


@pytest.mark.parametrize("dataset_id", WITH_PREFERENCE)
def test_each_figure_has_one_preferred_row_or_says_why_not(dataset_id):
    table = load(dataset_id, all_sources=True)
    key = _figure_key(dataset_id)
    counts = table.groupby(key)["preferred"].sum()
    assert counts.max() == 1, f"{dataset_id}: several preferred rows for {counts[counts > 1].index.tolist()}"
    for figure in counts[counts == 0].index:
        rows = table.set_index(key).loc[[figure]]
        assert rows["notes"].fillna("").str.contains("Not used").all(), (
            f"{dataset_id}: {figure} has no preferred row and no reason"
        )


@pytest.mark.parametrize("dataset_id", CURATED)
def test_every_row_is_cited(dataset_id):
    table = load(dataset_id, all_sources=True)
    assert table["url"].str.match(r"https?://").all()
    assert (table["quote"].str.split().str.len() <= 30).all(), "quotes are short key phrases, not passages"
    assert table["source_id"].notna().all() and table["publisher"].notna().all()


def test_kotra_china_share_equals_china_trade_over_total():
    wide = curated.wide("nk_trade_kotra", "year")
    mismatches = curated.share_mismatches(wide, "china_share_of_trade", "trade_with_china", "total_trade")
    assert mismatches.empty, mismatches[["china_share_of_trade", "implied_share", "gap", "tolerance"]]
    assert len(wide.dropna(subset=["china_share_of_trade", "trade_with_china", "total_trade"])) >= 15


def _trade_wide(dataset_id: str, key: str) -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    """Per currency unit: the preferred rows, and one column per measure indexed by period."""
    rows = load(dataset_id)
    rows = rows[rows["unit"].str.endswith(("_million", "_billion"))]
    by_unit = rows.groupby("unit")
    return {unit: (part, part.pivot(index=key, columns="measure", values="value")) for unit, part in by_unit}


def _parts(wide: pd.DataFrame) -> list[str]:
    return [c for c in wide.columns if c in ("total_exports", "total_imports") or "_to_" in c or "_from_" in c]


@pytest.mark.parametrize("dataset_id,key,total", TRADE)
def test_totals_are_flagged_exactly_when_they_miss_their_parts(dataset_id, key, total):
    for unit, (rows, wide) in _trade_wide(dataset_id, key).items():
        mismatched = set(curated.sum_mismatches(wide, total, _parts(wide)).index)
        mismatched |= set(curated.parts_over_total(wide, total, _parts(wide)).index)
        flagged = set(rows[(rows["measure"] == total) & rows["notes"].fillna("").str.contains("Inconsistent")][key])
        assert mismatched <= flagged, f"{dataset_id} ({unit}): unflagged totals off their parts: {mismatched - flagged}"
        assert flagged <= mismatched, f"{dataset_id} ({unit}): flagged although consistent: {flagged - mismatched}"


def test_a_part_above_its_total_is_caught_without_the_other_part():
    wide = pd.DataFrame({"total": [101.27, 50.0], "exports": [103.42, 20.0]}, index=[2013, 2014])
    assert list(curated.parts_over_total(wide, "total", ["exports"]).index) == [2013]


def test_a_printed_zero_allows_no_rounding():
    wide = pd.DataFrame({"total": [0.040569], "exports": [0.0], "imports": [0.040469]}, index=[2021])
    assert list(curated.sum_mismatches(wide, "total", ["exports", "imports"]).index) == [2021]


@pytest.mark.parametrize("dataset_id", [d for d in CURATED if "unit" in load(d).columns])
def test_each_series_keeps_one_unit_scale(dataset_id):
    table = load(dataset_id, all_sources=True)
    series = [c for c in ("measure", "country_iso3", "origin") if c in table.columns]
    switches = curated.unit_switches(table, series)
    assert switches.empty, f"{dataset_id}: a series switches units: {switches.to_dict('records')}"


def test_a_unit_switch_within_a_series_is_caught():
    table = pd.DataFrame({"measure": ["budget"] * 3, "unit": ["jpy_trillion", "jpy_billion", "usd_billion"]})
    assert curated.unit_switches(table, ["measure"]).to_dict("records") == [
        {"measure": "budget", "quantity": "jpy", "unit": 2}
    ]


def test_half_unit_reads_printed_precision():
    assert curated.half_unit(5260.0) == 5
    assert curated.half_unit(488.04) == pytest.approx(0.005)
    assert curated.half_unit(94.8) == pytest.approx(0.05)
    assert curated.half_unit(1969) == 0.5
    wide = pd.DataFrame({"share": [50.1, 61.3], "part": [513.0, 513.0], "total": [1026.0, 1026.0]})
    assert list(curated.share_mismatches(wide, "share", "part", "total").index) == [1]


def test_troop_ranges_are_ordered():
    troops = load("nk_troops_in_russia")
    both = troops.dropna(subset=["low", "high"])
    assert (both["low"] <= both["high"]).all()
    assert {"troops_deployed", "casualties", "killed"} <= set(troops["measure"])


def test_security_council_votes_add_up():
    votes = load("unsc_resolutions_prk")
    counted = votes.dropna(subset=["in_favour", "against", "abstentions"])
    assert (counted[["in_favour", "against", "abstentions"]].sum(axis=1) <= 15).all()
    vetoed = votes[votes["status"] == "vetoed"]
    assert vetoed["vetoed_by"].notna().all() and (vetoed["against"] >= 1).all()
    assert votes["resolution"].str.startswith("1718").any()


def test_timeline_spans_the_period_with_enough_events():
    events = load("events_timeline", all_sources=True)
    used = load("events_timeline")
    assert used["event_id"].is_unique and len(used) >= 60
    lengths = {"day": 10, "month": 7, "year": 4}
    assert (events["date"].str.len() == events["date_precision"].map(lengths)).all()
    assert used["date"].str[:4].astype(int).between(1945, 2025).all()
    assert {"treaty", "summit", "nuclear_test", "veto", "deployment"} <= set(used["category"])


# --- deliberately broken copies of real curated files -----------------------------------------


def _first(table, **where):
    mask = pd.Series(True, index=table.index)
    for column, value in where.items():
        mask &= table[column] == value
    return mask[mask].index[0]


def test_share_above_100_is_refused(data_copy):
    def change(table):
        table.loc[_first(table, unit="pct"), "value"] = "101.5"
        return table

    path = rewrite(data_copy, "nk_trade_kotra", change)
    row = pd.read_csv(path, dtype=str).index[pd.read_csv(path, dtype=str)["value"] == "101.5"][0] + 2
    with pytest.raises(DataError) as caught:
        load("nk_trade_kotra", all_sources=True)
    assert (caught.value.column, caught.value.row) == ("value", row)
    assert "maximum 100 where unit is pct" in str(caught.value)


@pytest.mark.parametrize(
    "dataset_id,index,column,bad",
    [
        ("cn_rus_trade_customs", 3, "value", "-12"),  # a negative trade value
        ("nk_troops_in_russia", 6, "published", "2023-02-30"),  # an impossible date
    ],
)
def test_bad_value_is_refused_with_column_and_row(data_copy, dataset_id, index, column, bad):
    def change(table):
        table.loc[index, column] = bad
        return table

    rewrite(data_copy, dataset_id, change)
    with pytest.raises(DataError) as caught:
        load(dataset_id)
    assert (caught.value.column, caught.value.row) == (column, index + 2)
    assert bad in str(caught.value)


def test_duplicate_source_row_is_refused(data_copy):
    rewrite(data_copy, "ru_cn_pipeline_gas", lambda t: pd.concat([t, t.iloc[[0]]], ignore_index=True))
    with pytest.raises(DataError, match="duplicate key"):
        load("ru_cn_pipeline_gas")
