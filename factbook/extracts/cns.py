"""The CNS North Korea Missile Test Database (for NTI): one row per test."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd

from factbook.extracts.raw import dict_rows
from factbook.schema import DataError

RAW_FILES = ("cns_missile_tests/north_korea_missile_test_database.csv",)

COLUMNS = [
    "F1",
    "Date",
    "Missile Name",
    "Missile Type",
    "Facility Name",
    "Apogee",
    "Distance Travelled",
    "Confirmation Status",
    "Test Outcome",
]
DAY = re.compile(r"(\d{1,2})-([A-Z][a-z]{2})-(\d{2})")
MONTH = re.compile(r"([A-Z][a-z]{2})-(\d{2})")
MONTHS = {name: number for number, name in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
# A distance as CNS writes it: '150 km', '1,380 km', '2111.5 km'; '330 lm' is a typing slip for km.
KM = re.compile(r"(\d[\d,]*(?:\.\d+)?) (?:km|lm)")
NO_NUMBER = re.compile(r"(?:|Unknown|N/A|between \d+ and \d+ km)")


def _date(text: str) -> tuple[str | None, str, int, int] | None:
    """(date or None, precision, year, month) from '9-Apr-84' or 'Sep-84'; None if neither."""
    day_match = DAY.fullmatch(text)
    match = day_match or MONTH.fullmatch(text)
    if match is None:
        return None
    precision = "day" if day_match else "month"
    *day, month_name, short_year = match.groups()
    if month_name not in MONTHS:
        return None
    year = int(short_year) + (1900 if int(short_year) >= 50 else 2000)  # tests run 1984-2023
    try:
        parsed = date(year, MONTHS[month_name], int(day[0]) if day else 1)
    except ValueError:
        return None
    return (parsed.isoformat() if day else None), precision, parsed.year, parsed.month


def _km(raw_file: Path, text: str, column: str, line: int) -> float | None:
    """A distance in km as a number; None where CNS gives none or a range."""
    text = " ".join(text.split())
    match = KM.fullmatch(text)
    if match:
        return float(match.group(1).replace(",", ""))
    if NO_NUMBER.fullmatch(text):
        return None
    raise DataError(raw_file, f"{text!r} is not a distance in km", column=column, row=line)


def cns_missile_tests(files: list[Path]) -> pd.DataFrame:
    """CNS North Korea Missile Test Database: one row per test."""
    (raw_file,) = files
    rows = []
    for line, record in dict_rows(raw_file, "cp1252", COLUMNS):
        if not record["F1"].strip().isdigit():
            raise DataError(raw_file, f"{record['F1']!r} is not a test number", column="F1", row=line)
        parsed = _date(record["Date"].strip())
        if parsed is None:
            raise DataError(raw_file, f"{record['Date']!r} is neither d-Mon-yy nor Mon-yy", column="Date", row=line)
        day, precision, year, month = parsed
        rows.append(
            {
                "test_id": int(record["F1"]),
                "date": day,
                "date_precision": precision,
                "year": year,
                "month": month,
                "missile_name": " ".join(record["Missile Name"].split()),
                "missile_type": record["Missile Type"].strip(),
                "facility_name": " ".join(record["Facility Name"].split()),
                "apogee_km": _km(raw_file, record["Apogee"], "Apogee", line),
                "distance_km": _km(raw_file, record["Distance Travelled"], "Distance Travelled", line),
                "confirmation_status": record["Confirmation Status"].strip(),
                "test_outcome": record["Test Outcome"].strip(),
            }
        )
    return pd.DataFrame(rows).sort_values("test_id", ignore_index=True)
