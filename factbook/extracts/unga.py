"""UN General Assembly roll-call votes of nine states (CHN, FRA, GBR, IND, JPN, KOR, PRK, RUS, USA).

One row per recorded vote and country: from J. Witwicki's scrape of the UN Digital Library for
calendar years 1992-2021 and, from 2022 on, from the Pigeon-Effect copy of Erik Voeten's roll-call file.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pycountry

from factbook.extracts.raw import dict_rows, read_text
from factbook.schema import DataError

WITWICKI_INDEX = "Country_Code_index.txt"
PIGEON_FILE = "ungaVoting_003.csv"
RAW_FILES = (
    "unga_votes_1992_2021/199?_RAW_COIN.csv",
    "unga_votes_1992_2021/20[01]?_RAW_COIN.csv",
    "unga_votes_1992_2021/202[01]_RAW_COIN.csv",
    f"unga_votes_1992_2021/{WITWICKI_INDEX}",
    f"pigeon_ungavoting/{PIGEON_FILE}",
)

COUNTRIES = ("CHN", "FRA", "GBR", "IND", "JPN", "KOR", "PRK", "RUS", "USA")

WITWICKI_FILE = re.compile(r"(\d{4})_RAW_COIN\.csv")
# The 2022 file is a partial scrape (to August 2022); later votes come from the Voeten copy.
WITWICKI_LAST_YEAR = 2021
WITWICKI_VOTES = {"Y": "yes", "N": "no", "A": "abstain", "X": "absent"}

PIGEON_FIRST_DATE = date(2022, 1, 1)
# Voeten's codes; 9 (not a member) gives no row.
VOETEN_VOTES = {1: "yes", 2: "abstain", 3: "no", 8: "absent"}
NOT_A_MEMBER = 9


def _named(files: list[Path], name: str) -> Path:
    """The one file called ``name`` among ``files``."""
    for file in files:
        if file.name == name:
            return file
    raise DataError(name, "raw file not among the files given to the step")


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
    for line, text in enumerate(read_text(file).splitlines(), start=1):
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
    rows = list(csv.reader(io.StringIO(read_text(file), newline="")))
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
            records.append(
                {
                    "source": "un_library_witwicki",
                    "vote_id": vote_id,
                    "year": year,
                    "date": "",
                    "country_iso3": iso3,
                    "vote": WITWICKI_VOTES[code],
                }
            )
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
    for line, record in dict_rows(file, "utf-8", ["rcid", "date", *COUNTRIES]):
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
                records.append(
                    {
                        "source": "voeten_pigeon",
                        "vote_id": f"rcid:{rcid}",
                        "year": when.year,
                        "date": when.isoformat(),
                        "country_iso3": iso3,
                        "vote": VOETEN_VOTES[code],
                    }
                )
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
