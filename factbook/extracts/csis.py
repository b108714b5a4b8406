"""CSIS Beyond Parallel's record of North Korean provocations, with a derived missile_launch flag."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from factbook.extracts.raw import booleans, dict_rows, parse_date
from factbook.schema import DataError

RAW_FILES = ("csis_provocations/raw_north_korea_provocations_1958_present.csv",)

COLUMNS = ["date", "type", "event", "description", "resources"]
# missile_launch: the event title names a missile (but not a missile *launcher*), or CSIS files
# the event as a 'Missile Provocation' and its title names no artillery, rocket or satellite.
MISSILE_IN_TITLE = re.compile(r"missile(?!\s+launcher)", re.IGNORECASE)
NOT_A_MISSILE = re.compile(r"artillery|rocket|satellite", re.IGNORECASE)


def is_missile_launch(provocation_type: str, event: str) -> bool:
    """The missile_launch rule: see MISSILE_IN_TITLE and NOT_A_MISSILE."""
    if MISSILE_IN_TITLE.search(event):
        return True
    return provocation_type == "Missile Provocation" and not NOT_A_MISSILE.search(event)


def csis_provocations(files: list[Path]) -> pd.DataFrame:
    """CSIS Beyond Parallel's North Korean provocations, with a derived missile_launch flag."""
    (raw_file,) = files
    rows, seen = [], {}
    for line, record in dict_rows(raw_file, "utf-8", COLUMNS):
        day = parse_date(raw_file, record["date"], "%Y-%m-%d", "YYYY-MM-DD", "date", line)
        kind, event = record["type"].strip(), record["event"].strip()
        if not kind or not event:
            raise DataError(raw_file, "type or event is empty", column="type" if not kind else "event", row=line)
        seen[(day, event)] = seq = seen.get((day, event), 0) + 1
        rows.append(
            {
                "date": day.isoformat(),
                "year": day.year,
                "seq": seq,
                "type": kind,
                "event": event,
                "missile_launch": is_missile_launch(kind, event),
                "description": record["description"].strip(),
                "resources": record["resources"].strip(),
            }
        )
    table = pd.DataFrame(rows).sort_values(["date", "event", "seq"], ignore_index=True)
    return booleans(table, "missile_launch")
