"""The UN-vote extract steps, run on the real raw files (skipped when they are absent)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from factbook.extracts import idealpoints, unga
from factbook.extracts.idealpoints import unga_idealpoints_session, unga_idealpoints_year
from factbook.extracts.raw import csv_bytes
from factbook.extracts.unga import COUNTRIES, unga_votes
from factbook.schema import DataError

from conftest import raw_files, require


def named(files: list[Path], name: str) -> Path:
    return next(file for file in files if file.name == name)


@pytest.fixture(scope="module")
def vote_files() -> list[Path]:
    return raw_files(unga.RAW_FILES)


@pytest.fixture(scope="module")
def witwicki(vote_files) -> Path:
    """The folder of Witwicki's scrape, which also holds files the step does not read."""
    return named(vote_files, unga.WITWICKI_INDEX).parent


@pytest.fixture(scope="module")
def votes(vote_files) -> pd.DataFrame:
    return unga_votes(vote_files)


@pytest.fixture(scope="module")
def sessions() -> pd.DataFrame:
    return unga_idealpoints_session(raw_files(idealpoints.RAW_FILES["unga_idealpoints_session"]))


@pytest.fixture(scope="module")
def years() -> pd.DataFrame:
    return unga_idealpoints_year(raw_files(idealpoints.RAW_FILES["unga_idealpoints_year"]))


# --- unga_votes -------------------------------------------------------------------------------


def test_votes_are_tidy_with_a_unique_key(votes):
    assert list(votes.columns) == ["source", "vote_id", "year", "date", "country_iso3", "vote"]
    assert not votes.duplicated(["source", "vote_id", "country_iso3"]).any()
    assert set(votes["country_iso3"]) == set(COUNTRIES)
    assert set(votes["vote"]) == {"yes", "no", "abstain", "absent"}
    assert votes.equals(votes.sort_values(["source", "year", "date", "vote_id", "country_iso3"], ignore_index=True))


def test_every_roll_call_has_all_nine_states(votes):
    assert (votes.groupby(["source", "vote_id"]).size() == len(COUNTRIES)).all()


def test_witwicki_covers_1992_to_2021_only(votes):
    witwicki = votes[votes["source"] == "un_library_witwicki"]
    assert sorted(witwicki["year"].unique()) == list(range(1992, 2022))
    assert (witwicki["date"] == "").all()
    assert set(witwicki["vote"]) == {"yes", "no", "abstain", "absent"}
    per_year = witwicki.groupby("year")["vote_id"].nunique()
    assert per_year[1992] == 75 and per_year[2021] == 86
    assert per_year.between(60, 110).all()


def test_partial_2022_witwicki_file_is_excluded_even_when_given(vote_files, votes, witwicki):
    partial = witwicki / "2022_RAW_COIN.csv"
    require(partial.exists(), "2022_RAW_COIN.csv not available")
    assert len(unga_votes(vote_files + [partial])) == len(votes)


def test_witwicki_ids_are_symbols_only_where_the_file_has_them(votes):
    witwicki = votes[votes["source"] == "un_library_witwicki"]
    symbolic = witwicki["vote_id"].str.startswith("A/RES/")
    assert set(witwicki.loc[symbolic, "year"]) == {2020, 2021}
    assert witwicki.loc[~symbolic, "vote_id"].str.fullmatch(r"row:(199\d|20[01]\d)-\d{3}").all()
    assert {"A/RES/76/245", "A/RES/75/250A", "A/RES/74/267"} <= set(witwicki["vote_id"])


def test_witwicki_rows_reproduce_the_producers_coincidence_scores(votes, witwicki):
    """Witwicki's For_Map files score agreement (absence = abstention) from the same rows: recompute them."""
    keys = {"CHINA": "CHN", "RUSSIAN_FEDERATION": "RUS", "UNITED_STATES": "USA"}
    names = {
        "CHINA": "CHN",
        "FRANCE": "FRA",
        "UNITED KINGDOM": "GBR",
        "INDIA": "IND",
        "JAPAN": "JPN",
        "REPUBLIC OF KOREA": "KOR",
        "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA": "PRK",
        "RUSSIAN FEDERATION": "RUS",
        "UNITED STATES": "USA",
    }

    def score(a: str, b: str) -> float:
        a, b = (v.replace("absent", "abstain") for v in (a, b))
        return 1.0 if a == b else 0.5 if "abstain" in (a, b) else 0.0

    checked = 0
    for year in range(1992, 2022):
        table = votes[(votes["source"] == "un_library_witwicki") & (votes["year"] == year)]
        wide = table.pivot(index="vote_id", columns="country_iso3", values="vote")
        for key, iso3 in keys.items():
            path = witwicki / f"{year}_{key}_For_Map.csv"
            if not path.exists():
                continue
            for record in csv.DictReader(path.open(encoding="utf-8", newline="")):
                if record["Country"] in names:
                    other = names[record["Country"]]
                    ours = sum(score(a, b) for a, b in zip(wide[iso3], wide[other], strict=True)) / len(wide)
                    assert ours == pytest.approx(float(record["Coincidence"]), abs=1e-12), (year, iso3, other)
                    checked += 1
    assert checked > 700


def test_voeten_copy_counts_and_dates_match_source_txt(votes):
    pigeon = votes[votes["source"] == "voeten_pigeon"]
    assert pigeon.groupby("year")["vote_id"].nunique().to_dict() == {2022: 81, 2023: 88, 2024: 6}
    dates = pd.to_datetime(pigeon["date"], format="%Y-%m-%d")
    assert (dates.dt.year == pigeon["year"]).all()
    in_2022 = pigeon.loc[pigeon["year"] == 2022, "date"]
    assert (in_2022.min(), in_2022.max()) == ("2022-11-03", "2022-12-30")
    assert pigeon["date"].max() == "2024-06-04"
    assert pigeon["vote_id"].str.fullmatch(r"rcid:\d+").all()


def test_voeten_codes_on_known_votes(votes):
    """rcid 9409 (2024-05-10, ES-10/23) and 9444 (2024-05-23, Srebrenica), both quoted in SOURCE.txt."""
    table = votes.set_index(["vote_id", "country_iso3"])
    assert table.loc[("rcid:9409", "USA"), "date"] == "2024-05-10"
    assert table.loc[("rcid:9409", "USA"), "vote"] == "no"
    assert table.loc[("rcid:9409", "CHN"), "vote"] == "yes"
    assert table.loc[("rcid:9444", "USA"), "date"] == "2024-05-23"
    assert [table.loc[("rcid:9444", c), "vote"] for c in ("CHN", "RUS", "USA")] == ["no", "no", "yes"]


def test_extract_is_deterministic(vote_files, votes):
    assert csv_bytes(unga_votes(vote_files)) == csv_bytes(votes)


def _pigeon_copy(witwicki: Path, tmp_path: Path, value: str):
    """Country index + one Witwicki file, and a two-row Voeten copy whose 2023 USA cell is ``value``."""
    files = [witwicki / unga.WITWICKI_INDEX, witwicki / "2021_RAW_COIN.csv"]
    require(all(f.exists() for f in files), "Witwicki raw files not available")
    header = ["rcid", "date", *COUNTRIES]
    lines = [
        ",".join(header),
        ",".join(["5", "1990-01-01", *["7"] * len(COUNTRIES)]),
        ",".join(["9999", "2023-01-02", "1.0", "2", "3", "8", "9", "1", "1", "1", value]),
    ]
    pigeon = tmp_path / unga.PIGEON_FILE
    pigeon.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return unga_votes(files + [pigeon])


def test_float_codes_are_read_and_non_members_dropped(witwicki, tmp_path):
    table = _pigeon_copy(witwicki, tmp_path, "3.0")
    rows = table[table["source"] == "voeten_pigeon"].set_index("country_iso3")["vote"].to_dict()
    assert rows == {
        "CHN": "yes",
        "FRA": "abstain",
        "GBR": "no",
        "IND": "absent",
        "KOR": "yes",
        "PRK": "yes",
        "RUS": "yes",
        "USA": "no",
    }


def test_unknown_vote_code_names_file_column_and_row(witwicki, tmp_path):
    with pytest.raises(DataError) as caught:
        _pigeon_copy(witwicki, tmp_path, "4")
    assert (caught.value.column, caught.value.row) == ("USA", 3)
    assert unga.PIGEON_FILE in caught.value.file


def test_unknown_witwicki_code_fails(vote_files, witwicki, tmp_path):
    source = witwicki / "2021_RAW_COIN.csv"
    require(source.exists(), "2021_RAW_COIN.csv not available")
    rows = list(csv.reader(source.open(encoding="utf-8", newline="")))
    rows[1][rows[0].index("JAPAN")] = "Q"
    broken = tmp_path / "2021_RAW_COIN.csv"
    with broken.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    files = [witwicki / unga.WITWICKI_INDEX, broken, named(vote_files, unga.PIGEON_FILE)]
    with pytest.raises(DataError) as caught:
        unga_votes(files)
    assert (caught.value.column, caught.value.row) == ("JAPAN", 2)


# --- ideal points by session -------------------------------------------------------------------


def test_sessions_cover_both_releases(sessions):
    assert list(sessions.columns) == ["release", "session", "country_iso3", "n_votes", "ideal_point", "q5", "q95"]
    assert not sessions.duplicated(["release", "session", "country_iso3"]).any()
    assert sessions.groupby("release")["session"].max().to_dict() == {"apr2020": 74, "jun2024": 78}
    assert 19 not in set(sessions["session"])
    assert set(sessions["country_iso3"]) == set(COUNTRIES) | {"SUN"}
    assert sessions.notna().all().all()
    assert ((sessions["q5"] <= sessions["ideal_point"]) & (sessions["ideal_point"] <= sessions["q95"])).all()


def test_sessions_code_the_soviet_union_as_sun(sessions):
    assert sessions.loc[sessions["country_iso3"] == "SUN", "session"].max() == 46
    assert sessions.loc[sessions["country_iso3"] == "RUS", "session"].min() == 47


def test_sessions_known_values(sessions):
    table = sessions.set_index(["release", "session", "country_iso3"])
    assert table.loc[("apr2020", 1, "USA"), "ideal_point"] == pytest.approx(1.675486)
    assert table.loc[("jun2024", 1, "USA"), "ideal_point"] == pytest.approx(1.67635)
    # SOURCE.txt: session 76 NVotes = 76-77
    assert all(table.loc[("jun2024", 76, c), "n_votes"] in (76, 77) for c in ("USA", "CHN", "RUS"))


# --- ideal points by year ----------------------------------------------------------------------


def test_years_shape(years):
    assert list(years.columns) == ["year", "country_iso3", "n_votes", "ideal_point", "q5", "q95", "thin_year"]
    assert not years.duplicated(["year", "country_iso3"]).any()
    assert (years["year"].min(), years["year"].max()) == (1946, 2025)
    assert 1964 not in set(years["year"])
    assert years.loc[years["country_iso3"] == "SUN", "year"].max() == 1991
    assert years.loc[years["country_iso3"] == "RUS", "year"].min() == 1992


def test_years_values_quoted_in_source_txt(years):
    quoted = {
        "CHN": (-1.354, -0.640, -0.879, -0.162),
        "RUS": (-0.764, -0.271, -0.850, 0.435),
        "PRK": (-0.973, -0.481, -0.956, 0.165),
        "USA": (2.196, 2.265, 2.097, 3.362),
        "JPN": (0.749, 0.694, 0.610, 0.697),
        "KOR": (0.806, 0.834, 0.848, 1.005),
    }
    table = years.set_index(["country_iso3", "year"])["ideal_point"]
    for country, values in quoted.items():
        assert [round(table[(country, year)], 3) for year in (2022, 2023, 2024, 2025)] == list(values), country


def test_thin_year_flags_2024(years):
    assert set(years["thin_year"]) == {"true", "false"}
    assert (years["thin_year"] == (years["n_votes"] < 20).map({True: "true", False: "false"})).all()
    assert years.loc[years["year"] == 2024, "n_votes"].between(7, 8).all()
    assert (years.loc[years["year"] == 2024, "thin_year"] == "true").all()
    assert years.loc[years["year"] == 2025, "n_votes"].between(148, 158).all()
