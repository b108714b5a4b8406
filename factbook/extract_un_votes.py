"""Extract steps for UN General Assembly voting: roll-call votes and ideal points.

Three tidy tables for nine states (CHN, FRA, GBR, IND, JPN, KOR, PRK, RUS, USA):

- ``unga_votes``: one row per recorded vote and country, from J. Witwicki's scrape of the
  UN Digital Library (calendar years 1992-2021) and, from 2022 on, from the Pigeon-Effect
  copy of Erik Voeten's roll-call file;
- ``unga_idealpoints_session``: Bailey, Strezhnev & Voeten ideal points by session, two
  releases (April 2020 and June 2024);
- ``unga_idealpoints_year``: their yearly final-passage series, 1946-2025.

The ideal-point files give one series for COW code 365; its rows before Russia took the
Soviet seat (session 46 and earlier, year 1991 and earlier) are coded SUN.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pycountry

from factbook.data import DataError

COUNTRIES = ("CHN", "FRA", "GBR", "IND", "JPN", "KOR", "PRK", "RUS", "USA")

WITWICKI_INDEX = "Country_Code_index.txt"
WITWICKI_FILE = re.compile(r"(\d{4})_RAW_COIN\.csv")
# The 2022 file is a partial scrape (to August 2022); later votes come from the Voeten copy.
WITWICKI_LAST_YEAR = 2021
WITWICKI_VOTES = {"Y": "yes", "N": "no", "A": "abstain", "X": "absent"}

PIGEON_FILE = "ungaVoting_003.csv"
PIGEON_FIRST_DATE = date(2022, 1, 1)
# Voeten's codes; 9 (not a member) gives no row.
VOETEN_VOTES = {1: "yes", 2: "abstain", 3: "no", 8: "absent"}
NOT_A_MEMBER = 9

# file name -> (release, encoding, suffix of the value columns)
SESSION_RELEASES = {
    "IdealpointestimatesAll_Apr2020.csv": ("apr2020", "cp1252", ""),
    "IdealpointestimatesAll_Jun2024.csv": ("jun2024", "utf-8", "All"),
}
SOVIET_CCODE = "365"
LAST_SOVIET_SESSION = 46
LAST_SOVIET_YEAR = 1991
THIN_YEAR_VOTES = 20


def _text(file: Path, encoding: str = "utf-8") -> str:
    """A raw file's text; an undecodable byte is a DataError."""
    try:
        return file.read_bytes().decode(encoding)
    except UnicodeDecodeError as error:
        raise DataError(file, f"not {encoding} (byte offset {error.start})") from error


def _named(files: list[Path], name: str) -> Path:
    """The one file called ``name`` among ``files``."""
    for file in files:
        if file.name == name:
            return file
    raise DataError(name, "raw file not among the files given to the step")


def _dict_rows(file: Path, encoding: str, delimiter: str, columns: list[str]) -> list[tuple[int, dict]]:
    """(spreadsheet row, record) pairs of a delimited file that must hold ``columns``."""
    reader = csv.DictReader(io.StringIO(_text(file, encoding), newline=""), delimiter=delimiter)
    for column in columns:
        if column not in (reader.fieldnames or []):
            raise DataError(file, "column missing from the header", column=column, row=1)
    return list(enumerate(reader, start=2))


def _witwicki_columns(file: Path, header: list[str], names: dict[str, str]) -> dict[str, int]:
    """Position of each of the nine countries in a RAW_COIN header."""
    positions: dict[str, list[int]] = {iso3: [] for iso3 in COUNTRIES}
    for position, name in enumerate(header):
        if names.get(name) in positions:
            positions[names[name]].append(position)
    for iso3, found in positions.items():
        if len(found) != 1:
            raise DataError(file, f"{len(found)} columns for {iso3} where one is expected", row=1)
    return {iso3: found[0] for iso3, found in positions.items()}


def _witwicki_names(file: Path) -> dict[str, str]:
    """Country_Code_index.txt: member-state name (as in the RAW_COIN headers) -> ISO3, via M49 codes."""
    names = {}
    for line, text in enumerate(_text(file).splitlines(), start=1):
        if not text.strip():
            continue
        name, _, code = text.partition("\t")
        country = pycountry.countries.get(numeric=code.strip())
        if country is None:
            raise DataError(file, f"M49 code {code!r} of {name!r} is not an ISO 3166-1 numeric code", row=line)
        names[name.strip()] = country.alpha_3
    return names


def _witwicki_votes(file: Path, year: int, names: dict[str, str]) -> list[dict]:
    """One YYYY_RAW_COIN.csv: rows = recorded votes, columns = member states."""
    rows = list(csv.reader(io.StringIO(_text(file), newline="")))
    if not rows:
        raise DataError(file, "empty file")
    header = rows[0]
    # Only the 2020 and 2021 files start each row with the resolution symbol (empty header cell).
    has_symbol = header[0] == ""
    columns = _witwicki_columns(file, header, names)
    records, seen = [], set()
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise DataError(file, f"{len(row)} values where the header has {len(header)}", row=line)
        if not any(row[1:] if has_symbol else row):
            continue  # blank separator line, or the trailing 'Country' line of the 2020 file
        vote_id = row[0] if has_symbol else f"row:{year}-{line:03d}"
        if has_symbol and not vote_id.startswith("A/RES/"):
            raise DataError(file, f"{vote_id!r} is not a resolution symbol", row=line)
        if vote_id in seen:
            raise DataError(file, f"resolution {vote_id} appears twice", row=line)
        seen.add(vote_id)
        for iso3, position in columns.items():
            code = row[position]
            if code not in WITWICKI_VOTES:
                raise DataError(file, f"unknown vote code {code!r}", column=header[position], row=line)
            records.append({"source": "un_library_witwicki", "vote_id": vote_id, "year": year, "date": "", "country_iso3": iso3, "vote": WITWICKI_VOTES[code]})
    return records


def _voeten_code(file: Path, value: str, column: str, line: int) -> int:
    """A Voeten vote code, written '1' or '1.0'."""
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not number.is_integer() or int(number) not in {*VOETEN_VOTES, NOT_A_MEMBER}:
        raise DataError(file, f"unknown vote code {value!r}", column=column, row=line)
    return int(number)


def _pigeon_votes(file: Path) -> list[dict]:
    """Roll calls dated 2022-01-01 or later from the wide Voeten copy."""
    records = []
    for line, record in _dict_rows(file, "utf-8", ",", ["rcid", "date", *COUNTRIES]):
        try:
            when = date.fromisoformat(record["date"])
            rcid = int(record["rcid"])
        except ValueError as error:
            raise DataError(file, f"unreadable rcid or date ({error})", row=line) from error
        if when < PIGEON_FIRST_DATE:
            continue
        for iso3 in COUNTRIES:
            code = _voeten_code(file, record[iso3], iso3, line)
            if code != NOT_A_MEMBER:
                records.append({"source": "voeten_pigeon", "vote_id": f"rcid:{rcid}", "year": when.year, "date": when.isoformat(), "country_iso3": iso3, "vote": VOETEN_VOTES[code]})
    return records


def unga_votes(files: list[Path]) -> pd.DataFrame:
    """Recorded UNGA votes of the nine states: Witwicki 1992-2021, Voeten (Pigeon copy) 2022 on."""
    names = _witwicki_names(_named(files, WITWICKI_INDEX))
    records = []
    for file in files:
        match = WITWICKI_FILE.fullmatch(file.name)
        if match and int(match.group(1)) <= WITWICKI_LAST_YEAR:
            records.extend(_witwicki_votes(file, int(match.group(1)), names))
    records.extend(_pigeon_votes(_named(files, PIGEON_FILE)))
    table = pd.DataFrame(records, columns=["source", "vote_id", "year", "date", "country_iso3", "vote"])
    return table.sort_values(["source", "year", "date", "vote_id", "country_iso3"], ignore_index=True)


def _number(file: Path, value: str, column: str, line: int) -> float | None:
    """A float; 'NA' or empty stays missing."""
    if value in ("", "NA"):
        return None
    try:
        return float(value)
    except ValueError as error:
        raise DataError(file, f"{value!r} is not a number", column=column, row=line) from error


def _ideal_points(file: Path, encoding: str, delimiter: str, period: str, suffix: str, last_soviet: int) -> list[dict]:
    """Rows of one Bailey-Strezhnev-Voeten file for the nine countries (USSR rows as SUN)."""
    columns = {"n_votes": f"NVotes{suffix}", "ideal_point": f"IdealPoint{suffix}", "q5": f"Q5%{suffix}", "q95": f"Q95%{suffix}"}
    records = []
    for line, record in _dict_rows(file, encoding, delimiter, ["ccode", "iso3c", period, *columns.values()]):
        iso3 = record["iso3c"]
        if iso3 not in COUNTRIES:
            continue
        try:
            when = int(record[period])
            n_votes = int(record[columns["n_votes"]])
        except ValueError as error:
            raise DataError(file, f"unreadable {period} or vote count ({error})", row=line) from error
        if record["ccode"] == SOVIET_CCODE and when <= last_soviet:
            iso3 = "SUN"
        values = {name: _number(file, record[column], column, line) for name, column in columns.items() if name != "n_votes"}
        records.append({period: when, "country_iso3": iso3, "n_votes": n_votes, **values})
    return records


def unga_idealpoints_session(files: list[Path]) -> pd.DataFrame:
    """Ideal points by UNGA session, releases of April 2020 and June 2024."""
    records = []
    for file in files:
        if file.name not in SESSION_RELEASES:
            raise DataError(file, f"not one of the ideal-point releases {sorted(SESSION_RELEASES)}")
        release, encoding, suffix = SESSION_RELEASES[file.name]
        rows = _ideal_points(file, encoding, ",", "session", suffix, LAST_SOVIET_SESSION)
        records.extend({"release": release, **row} for row in rows)
    table = pd.DataFrame(records, columns=["release", "session", "country_iso3", "n_votes", "ideal_point", "q5", "q95"])
    return table.sort_values(["release", "country_iso3", "session"], ignore_index=True)


def unga_idealpoints_year(files: list[Path]) -> pd.DataFrame:
    """Yearly final-passage ideal points, 1946-2025, with a flag for years resting on few votes."""
    (raw_file,) = files
    table = pd.DataFrame(
        _ideal_points(raw_file, "utf-8", "\t", "year", "FP", LAST_SOVIET_YEAR),
        columns=["year", "country_iso3", "n_votes", "ideal_point", "q5", "q95"],
    )
    # written as the catalogue's boolean literals
    table["thin_year"] = (table["n_votes"] < THIN_YEAR_VOTES).map({True: "true", False: "false"})
    return table.sort_values(["country_iso3", "year"], ignore_index=True)
