"""Bailey, Strezhnev & Voeten ideal points from UN General Assembly votes, for the nine states of ``unga``.

- ``unga_idealpoints_session``: ideal points by session, two releases (April 2020 and June 2024);
- ``unga_idealpoints_year``: the yearly final-passage series, 1946-2025.

The files give one series for COW code 365; its rows before Russia took the Soviet seat
(session 46 and earlier, year 1991 and earlier) are coded SUN.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from factbook.extracts.raw import booleans, dict_rows
from factbook.extracts.unga import COUNTRIES
from factbook.schema import DataError

RAW_FILES = {
    "unga_idealpoints_session": (
        "unga_idealpoints_voeten/IdealpointestimatesAll_Apr2020.csv",
        "bsv_idealpoints_jun2024/IdealpointestimatesAll_Jun2024.csv",
    ),
    "unga_idealpoints_year": ("bsv_idealpoints_1946_2025/Idealpointestimates1946-2025.tab",),
}

# file name -> (release, encoding, suffix of the value columns)
SESSION_RELEASES = {
    "IdealpointestimatesAll_Apr2020.csv": ("apr2020", "cp1252", ""),
    "IdealpointestimatesAll_Jun2024.csv": ("jun2024", "utf-8", "All"),
}
SOVIET_CCODE = "365"
LAST_SOVIET_SESSION = 46
LAST_SOVIET_YEAR = 1991
THIN_YEAR_VOTES = 20


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
    columns = {
        "n_votes": f"NVotes{suffix}",
        "ideal_point": f"IdealPoint{suffix}",
        "q5": f"Q5%{suffix}",
        "q95": f"Q95%{suffix}",
    }
    records = []
    for line, record in dict_rows(file, encoding, ["ccode", "iso3c", period, *columns.values()], delimiter):
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
        values = {
            name: _number(file, record[column], column, line) for name, column in columns.items() if name != "n_votes"
        }
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
    table["thin_year"] = table["n_votes"] < THIN_YEAR_VOTES
    return booleans(table, "thin_year").sort_values(["country_iso3", "year"], ignore_index=True)
