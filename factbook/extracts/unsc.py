"""UN Security Council vetoes, from the World Politics Data Lab's list: one row per vetoed draft and member."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from factbook.extracts.raw import booleans, dict_rows, parse_date
from factbook.schema import DataError

RAW_FILES = ("unsc_vetoes_wpdl/unsc_vetoes_1946_sept2022.csv",)

# The permanent members as the veto file names them.
MEMBERS = {"USSR": "SUN", "Russia": "RUS", "China": "CHN", "USA": "USA", "UK": "GBR", "France": "FRA"}
MEMBER_COLUMNS = ("member_veto1", "member_veto2", "member_veto3")
COLUMNS = ["year", "date", "draft", "meeting_record", "agenda_item", "crisis_topic", "region", *MEMBER_COLUMNS]
# The General Assembly seated the People's Republic in China's place on this day (resolution 2758;
# cited in data/curated/events_timeline.csv, event un-seats-prc-1971).
PRC_SEATED = date(1971, 10, 25)


def unsc_vetoes(files: list[Path]) -> pd.DataFrame:
    """Security Council vetoes, one row per vetoed draft and vetoing permanent member."""
    (raw_file,) = files
    rows, seen = [], {}
    for line, record in dict_rows(raw_file, "utf-8", COLUMNS):
        day = parse_date(raw_file, record["date"], "%m/%d/%Y", "month/day/year", "date", line)
        if str(day.year) != record["year"]:
            problem = f"year {record['year']} differs from the date {record['date']}"
            raise DataError(raw_file, problem, column="year", row=line)
        members = [record[c].strip() for c in MEMBER_COLUMNS if record[c].strip()]
        for member in members:
            if member not in MEMBERS:
                problem = f"{member!r} is not a permanent member's name"
                raise DataError(raw_file, problem, column="member_veto1", row=line)
        if not members:
            raise DataError(raw_file, "no vetoing member", column="member_veto1", row=line)
        draft = record["draft"].strip()
        seen[(day, draft)] = seq = seen.get((day, draft), 0) + 1
        meeting_record = "; ".join(part.strip() for part in record["meeting_record"].splitlines() if part.strip())
        for member in members:
            iso3 = MEMBERS[member]
            rows.append(
                {
                    "date": day.isoformat(),
                    "year": day.year,
                    "draft": draft,
                    "record_seq": seq,
                    "meeting_record": meeting_record,
                    "agenda_item": " ".join(record["agenda_item"].split()),
                    "crisis_topic": record["crisis_topic"].strip(),
                    "region": record["region"].strip(),
                    "vetoing_member_iso3": iso3,
                    "china_seat_roc": iso3 == "CHN" and day < PRC_SEATED,
                    "n_vetoing_members": len(members),
                }
            )
    table = pd.DataFrame(rows).sort_values(["date", "draft", "record_seq", "vetoing_member_iso3"], ignore_index=True)
    return booleans(table, "china_seat_roc")
