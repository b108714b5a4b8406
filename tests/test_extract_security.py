"""The security extracts (vetoes, provocations, missile tests, SIPRI arms transfers) on the real raw files."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from factbook.extracts import cns, csis, sipri_arms, unsc
from factbook.extracts.raw import csv_bytes
from factbook.schema import DataError

from conftest import raw_files


@pytest.fixture(scope="module")
def vetoes() -> pd.DataFrame:
    return unsc.unsc_vetoes(raw_files(unsc.RAW_FILES))


@pytest.fixture(scope="module")
def provocations() -> pd.DataFrame:
    return csis.csis_provocations(raw_files(csis.RAW_FILES))


@pytest.fixture(scope="module")
def missile_tests() -> pd.DataFrame:
    return cns.cns_missile_tests(raw_files(cns.RAW_FILES))


@pytest.fixture(scope="module")
def deals() -> pd.DataFrame:
    return sipri_arms.sipri_arms_transfers(raw_files(sipri_arms.RAW_FILES["sipri_arms_transfers"]))


@pytest.fixture(scope="module")
def pairs() -> pd.DataFrame:
    return sipri_arms.sipri_arms_tiv_pairs(raw_files(sipri_arms.RAW_FILES["sipri_arms_tiv_pairs"]))


def rewrite_cell(source: Path, target: Path, encoding: str, row: int, column: str, value: str) -> Path:
    """A copy of a CSV file with one cell changed (row counted as in a spreadsheet)."""
    with open(source, newline="", encoding=encoding) as handle:
        rows = list(csv.reader(handle))
    rows[row - 1][rows[0].index(column)] = value
    with open(target, "w", newline="", encoding=encoding) as handle:
        csv.writer(handle).writerows(rows)
    return target


# --- UN Security Council vetoes -------------------------------------------------------


def test_vetoes_hold_every_record_of_the_file(vetoes):
    # SOURCE.txt says 216 veto rows; the file holds 214 records on 217 lines after the
    # header, three of them spanning two lines (see the catalogue notes).
    records = vetoes.drop_duplicates(["date", "draft", "record_seq"])
    assert len(records) == 214
    assert len(vetoes) == 265
    assert (records["n_vetoing_members"].sum()) == 265
    assert vetoes["date"].min() == "1946-02-16" and vetoes["date"].max() == "2022-07-08"


def test_vetoes_key_is_unique_and_members_are_iso3(vetoes):
    assert not vetoes.duplicated(["date", "draft", "record_seq", "vetoing_member_iso3"]).any()
    assert vetoes["vetoing_member_iso3"].value_counts().to_dict() == {
        "SUN": 90,
        "USA": 82,
        "RUS": 31,
        "GBR": 29,
        "CHN": 17,
        "FRA": 16,
    }


def test_the_2022_dprk_veto_by_china_and_russia(vetoes):
    dprk = vetoes[vetoes["draft"] == "S/2022/431"]
    assert dprk["date"].tolist() == ["2022-05-26", "2022-05-26"]
    assert set(dprk["vetoing_member_iso3"]) == {"CHN", "RUS"}
    assert (dprk["n_vetoing_members"] == 2).all() and (dprk["crisis_topic"] == "North Korea").all()


def test_vetoes_parse_month_day_year_dates_and_join_meeting_records(vetoes):
    assert pd.to_datetime(vetoes["date"], format="%Y-%m-%d").dt.year.tolist() == vetoes["year"].tolist()
    spanish = vetoes[(vetoes["date"] == "1946-06-26") & (vetoes["draft"] == "S/PV.49")]
    assert spanish["record_seq"].tolist() == [1, 2, 3]
    assert vetoes.loc[vetoes["draft"] == "S/2020/654", "meeting_record"].iloc[0] == "S/2020/661; S/2020/657"


def test_no_china_veto_in_the_file_falls_before_the_prc_took_the_seat(vetoes):
    china = vetoes[vetoes["vetoing_member_iso3"] == "CHN"]
    assert china["date"].min() == "1972-08-25"
    assert (vetoes["china_seat_roc"] == "false").all()


def test_china_seat_flag_and_bad_dates_on_a_changed_copy(tmp_path):
    (source,) = raw_files(unsc.RAW_FILES)
    roc = rewrite_cell(source, tmp_path / "roc.csv", "utf-8", 2, "member_veto1", "China")
    flagged = unsc.unsc_vetoes([roc])
    assert flagged.loc[flagged["date"] == "1946-02-16", ["vetoing_member_iso3", "china_seat_roc"]].values.tolist() == [
        ["CHN", "true"]
    ]
    bad = rewrite_cell(source, tmp_path / "bad.csv", "utf-8", 3, "date", "18/6/1946")
    with pytest.raises(DataError) as error:
        unsc.unsc_vetoes([bad])
    assert error.value.column == "date" and error.value.row == 3


def test_unknown_member_name_is_refused(tmp_path):
    (source,) = raw_files(unsc.RAW_FILES)
    bad = rewrite_cell(source, tmp_path / "bad.csv", "utf-8", 2, "member_veto1", "Soviet")
    with pytest.raises(DataError, match="permanent member"):
        unsc.unsc_vetoes([bad])


# --- CSIS provocations ----------------------------------------------------------------


def test_provocations_cover_the_stated_events(provocations):
    assert len(provocations) == 493
    assert provocations["date"].min() == "1958-02-16" and provocations["date"].max() == "2026-08-20"
    assert not provocations.duplicated(["date", "event", "seq"]).any()
    assert provocations.loc[provocations["seq"] == 2, "date"].tolist() == ["2001-12-22", "2024-09-05", "2024-10-11"]


def test_raw_and_processed_files_agree_on_csis_columns():
    # The producer also publishes a processed copy, which no step reads.
    processed_copy = "csis_provocations/processed_north_korea_provocations_1958_present.csv"
    raw_path, processed_path = raw_files((*csis.RAW_FILES, processed_copy))
    raw = pd.read_csv(raw_path, dtype=str, keep_default_na=False)
    processed = pd.read_csv(processed_path, dtype=str, keep_default_na=False)
    assert raw.equals(processed[list(raw.columns)])


@pytest.mark.parametrize(
    ("day", "event", "expected"),
    [
        ("2026-08-20", "Short-range Ballistic Missile Launch", "true"),
        ("2022-01-05", "Nuclear Detonation Device", "true"),
        ("2009-05-25", "Nuclear Test / Short-range missile launch", "true"),
        ("2026-05-26", "Mixed Tactical Weapons Test", "true"),
        ("1991-07-01", "Joint Missile Test with China", "true"),
        ("2024-08-04", "Tactical Ballistic Missile Launcher Deployment", "false"),
        ("2023-05-30", "Satellite Launch", "false"),
        ("2012-12-12", "Satellite Launch (Other Provocation)", "false"),
        ("2025-12-09", "Artillery Fire", "false"),
        ("2024-08-28", "Multiple Lanuch Rocket System (MLRS) Test", "false"),
        ("2024-06-26", "Multiple Independently Targetable Rentry Vehicle (MIRV) Test", "false"),
        ("2024-10-11", "Balloon-floating Trash", "false"),
    ],
)
def test_missile_launch_flag_on_known_events(provocations, day, event, expected):
    flags = provocations.loc[(provocations["date"] == day) & (provocations["event"] == event), "missile_launch"]
    assert flags.tolist() and set(flags) == {expected}


def test_missile_launch_counts(provocations):
    assert (provocations["missile_launch"] == "true").sum() == 230
    assert not ((provocations["type"] == "Other Provocation") & (provocations["missile_launch"] == "true")).any()
    assert csis.is_missile_launch("Other Provocation", "Cruise MISSILE launch")
    assert not csis.is_missile_launch("Missile Provocation", "Rocket Engine Test")


def test_bad_provocation_date_is_refused(tmp_path):
    (source,) = raw_files(csis.RAW_FILES)
    bad = rewrite_cell(source, tmp_path / "bad.csv", "utf-8", 5, "date", "2026-13-01")
    with pytest.raises(DataError) as error:
        csis.csis_provocations([bad])
    assert error.value.column == "date" and error.value.row == 5


# --- CNS missile tests ----------------------------------------------------------------


def test_missile_tests_hold_the_stated_245_tests(missile_tests):
    assert len(missile_tests) == 245
    assert missile_tests["test_id"].tolist() == list(range(1, 246))
    assert missile_tests["date"].min() == "1984-04-09" and missile_tests["date"].max() == "2023-04-12"
    last = missile_tests.iloc[-1]
    assert (last["date"], last["missile_name"], last["missile_type"]) == ("2023-04-12", "Hwasong-18", "ICBM")


def test_month_only_dates_stay_without_a_day(missile_tests):
    month_only = missile_tests[missile_tests["date_precision"] == "month"]
    assert month_only["test_id"].tolist() == list(range(4, 12))
    assert month_only["date"].isna().all()
    assert missile_tests.loc[missile_tests["test_id"] == 4, ["year", "month"]].values.tolist() == [[1984, 9]]
    assert missile_tests.loc[missile_tests["test_id"] == 17, "date"].item() == "2006-07-05"


def test_distances_are_numbers_only_where_cns_gives_one(missile_tests):
    by_id = missile_tests.set_index("test_id")
    assert by_id.at[16, "distance_km"] == 1380  # '1,380 km'
    assert by_id.at[215, "distance_km"] == 330  # '330 lm'
    assert pd.isna(by_id.at[187, "apogee_km"]) and pd.isna(by_id.at[187, "distance_km"])  # ranges
    assert pd.isna(by_id.at[1, "apogee_km"])  # 'Unknown'
    assert by_id.at[106, "apogee_km"] == 0  # CNS's own 0 km, kept
    assert (missile_tests[["apogee_km", "distance_km"]].notna().sum() == [158, 152]).all()


def test_unreadable_distance_is_refused(tmp_path):
    (source,) = raw_files(cns.RAW_FILES)
    bad = rewrite_cell(source, tmp_path / "bad.csv", "cp1252", 30, "Apogee", "about 50 km")
    with pytest.raises(DataError) as error:
        cns.cns_missile_tests([bad])
    assert error.value.column == "Apogee" and error.value.row == 30


# --- SIPRI arms transfers ---------------------------------------------------------------


def test_register_is_read_whole_and_matches_sipris_own_total():
    _, imports, register_file = raw_files(sipri_arms.RAW_FILES["sipri_arms_tiv_pairs"])
    register = sipri_arms.read_sipri_register(register_file)
    # 27,953 lines after the header; two deals span two lines each.
    assert len(register) == 27951
    (joined,) = [
        cells
        for _, cells in register
        if cells[:3] == ["Thailand", "Ukraine", "2008"] and cells[6] == "BTR-3" and cells[8] == "13"
    ]
    assert joined[12].endswith("redesign for other engines") and joined[13:] == ["0.25", "3.5", "3.25"]
    delivered = sum(Decimal(cells[15]) for _, cells in register if cells[0] == "North Korea" and cells[15])
    with open(imports, newline="", encoding="cp1252") as handle:
        row = next(r for r in csv.reader(handle) if r[:1] == ["North Korea"])
    assert round(delivered) == Decimal(row[-2].strip())  # SIPRI's 'Sum total years'


def test_deals_among_the_three(deals):
    assert len(deals) == 341
    counts = deals.groupby(["supplier_iso3", "recipient_iso3"]).size().to_dict()
    assert counts == {
        ("CHN", "PRK"): 26,
        ("CHN", "RUS"): 2,
        ("PRK", "RUS"): 1,
        ("RUS", "CHN"): 97,
        ("RUS", "PRK"): 12,
        ("SUN", "CHN"): 84,
        ("SUN", "PRK"): 119,
    }
    assert not deals.duplicated(
        ["supplier_iso3", "recipient_iso3", "year_of_order", "weapon_designation", "deal_seq"]
    ).any()


def test_the_2023_north_korean_missiles_for_russia(deals):
    (deal,) = deals[(deals["supplier_iso3"] == "PRK") & (deals["recipient_iso3"] == "RUS")].to_dict("records")
    assert (deal["year_of_order"], deal["weapon_designation"], deal["number_delivered"], deal["years_of_delivery"]) == (
        2023,
        "Hwasong-11",
        5,
        "2023",
    )
    assert (
        deal["tiv_delivered_million"] == 12.5
        and pd.isna(deal["tiv_total_order_million"])
        and pd.isna(deal["number_ordered"])
    )
    assert "KN-23" in deal["comments"] and deal["year_of_order_uncertain"] == "true"


def test_uncertainty_marks_and_delivery_years(deals):
    mig29 = deals[(deals["supplier_iso3"] == "SUN") & (deals["weapon_designation"] == "MiG-29")].iloc[0]
    assert (mig29["year_of_order_uncertain"], mig29["number_ordered_uncertain"]) == ("true", "true")
    assert (mig29["first_delivery_year"], mig29["last_delivery_year"], mig29["tiv_delivered_million"]) == (
        1988,
        1989,
        289.1,
    )
    assert set(deals["year_of_order_uncertain"]) == {"true", "false"}


def test_tiv_pairs_stay_within_the_registers_bounds(pairs, deals):
    assert not pairs.duplicated(["supplier_iso3", "recipient_iso3", "year"]).any()
    assert (pairs["tiv_min_million"] <= pairs["tiv_max_million"]).all()
    stated = pairs[pairs["tiv_million"].notna()]
    assert ((pairs["tiv_source"] != "") == pairs["tiv_million"].notna()).all()
    # SIPRI's tables are rounded to whole millions.
    assert (stated["tiv_million"] >= stated["tiv_min_million"] - 0.5).all()
    assert (stated["tiv_million"] <= stated["tiv_max_million"] + 0.5).all()
    exact = stated[stated["tiv_source"] == "register_single_year_deals"]
    assert (exact["n_deals_multi_year"] == 0).all() and (exact["tiv_million"] == exact["tiv_max_million"]).all()
    # Nothing is lost: single-year deals per year plus multi-year deals once each give the register's total.
    single = deals["first_delivery_year"] == deals["last_delivery_year"]
    whole = deals.groupby(["supplier_iso3", "recipient_iso3"])["tiv_delivered_million"].sum()
    multi = deals[~single].groupby(["supplier_iso3", "recipient_iso3"])["tiv_delivered_million"].sum()
    per_year = pairs.groupby(["supplier_iso3", "recipient_iso3"])["tiv_min_million"].sum()
    assert ((per_year + multi.reindex(per_year.index, fill_value=0)) - whole).abs().max() < 1e-6


def test_tiv_pairs_take_sipris_tables_only_for_a_sole_counterpart(pairs):
    by_key = pairs.set_index(["supplier_iso3", "recipient_iso3", "year"])
    assert by_key.loc[("SUN", "CHN", 1955), ["tiv_million", "tiv_source"]].tolist() == [1729.0, "sipri_imports_table"]
    assert by_key.loc[("PRK", "RUS", 2023), ["tiv_million", "tiv_source"]].tolist() == [
        12.5,
        "register_single_year_deals",
    ]
    assert by_key.loc[("CHN", "PRK", 1960), "tiv_source"] == "sipri_exports_table"
    # 1958: China and the Soviet Union both delivered to North Korea: no figure is stated.
    assert pd.isna(by_key.loc[("SUN", "PRK", 1958), "tiv_million"]) and pd.isna(
        by_key.loc[("CHN", "PRK", 1958), "tiv_million"]
    )
    assert pairs["tiv_source"].value_counts().to_dict() == {
        "": 114,
        "sipri_imports_table": 40,
        "register_single_year_deals": 3,
        "sipri_exports_table": 1,
    }


def test_bad_register_value_is_refused(tmp_path):
    (source,) = raw_files(sipri_arms.RAW_FILES["sipri_arms_transfers"])
    lines = source.read_bytes().decode("cp1252").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("North Korea,Soviet Union,1987,?,14,?,MiG-29"))
    lines[index] = lines[index].rsplit(",", 1)[0] + ",lots"
    bad = tmp_path / "trade-register.csv"
    bad.write_bytes("\n".join(lines).encode("cp1252"))
    with pytest.raises(DataError) as error:
        sipri_arms.sipri_arms_transfers([bad])
    assert error.value.row == index + 1 and "TIV" in error.value.column


def test_every_security_extract_is_deterministic():
    steps = [
        (unsc.unsc_vetoes, unsc.RAW_FILES),
        (csis.csis_provocations, csis.RAW_FILES),
        (cns.cns_missile_tests, cns.RAW_FILES),
        (sipri_arms.sipri_arms_tiv_pairs, sipri_arms.RAW_FILES["sipri_arms_tiv_pairs"]),
    ]
    for build, patterns in steps:
        files = raw_files(patterns)
        assert csv_bytes(build(files)) == csv_bytes(build(files))
