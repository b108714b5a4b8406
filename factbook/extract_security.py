"""Extract steps for the security datasets: Security Council vetoes, CSIS provocations,
CNS missile tests and SIPRI arms transfers among China, the USSR/Russia and North Korea.

Each step takes the raw files its catalogue entry's patterns match (see ``extract.Step``)
and returns one tidy table; a missing value stays missing, never 0 or a guess.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd

from factbook.data import DataError

# The permanent members as the veto file names them.
UNSC_MEMBERS = {"USSR": "SUN", "Russia": "RUS", "China": "CHN", "USA": "USA", "UK": "GBR", "France": "FRA"}
UNSC_MEMBER_COLUMNS = ("member_veto1", "member_veto2", "member_veto3")
# The General Assembly seated the People's Republic in China's place on this day (resolution 2758;
# cited in data/curated/events_timeline.csv, event un-seats-prc-1971).
PRC_SEATED = date(1971, 10, 25)

CSIS_COLUMNS = ["date", "type", "event", "description", "resources"]
# missile_launch: the event title names a missile (but not a missile *launcher*), or CSIS files
# the event as a 'Missile Provocation' and its title names no artillery, rocket or satellite.
CSIS_MISSILE_IN_TITLE = re.compile(r"missile(?!\s+launcher)", re.IGNORECASE)
CSIS_NOT_A_MISSILE = re.compile(r"artillery|rocket|satellite", re.IGNORECASE)

CNS_DAY = re.compile(r"(\d{1,2})-([A-Z][a-z]{2})-(\d{2})")
CNS_MONTH = re.compile(r"([A-Z][a-z]{2})-(\d{2})")
CNS_MONTHS = {name: number for number, name in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1)}
# A distance as CNS writes it: '150 km', '1,380 km', '2111.5 km'; '330 lm' is a typing slip for km.
CNS_KM = re.compile(r"(\d[\d,]*(?:\.\d+)?) (?:km|lm)")
CNS_NO_NUMBER = re.compile(r"(?:|Unknown|N/A|between \d+ and \d+ km)")

SIPRI_HEADER = ["Recipient", "Supplier", "Year of order", " ", "Number ordered", " ", "Weapon designation",
                "Weapon description", "Number delivered", " ", "Year(s) of delivery", "status", "Comments",
                "SIPRI TIV per unit", "SIPRI TIV for total order", "SIPRI TIV of delivered weapons"]
SIPRI_PARTIES = {"China": "CHN", "Soviet Union": "SUN", "Russia": "RUS", "North Korea": "PRK"}


def _booleans(table: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Write boolean columns as the catalogue's 'true' / 'false'."""
    return table.assign(**{c: table[c].map({True: "true", False: "false"}) for c in columns})


def _read_csv(raw_file: Path, encoding: str, columns: list[str]) -> list[dict]:
    """Rows of a CSV file as dicts with a ``line`` (spreadsheet row); refuse missing columns."""
    try:
        text = raw_file.read_bytes().decode(encoding)
    except UnicodeDecodeError as error:
        raise DataError(raw_file, f"not {encoding} ({error.reason} at byte offset {error.start})") from error
    reader = csv.DictReader(io.StringIO(text, newline=""))
    for column in columns:
        if column not in (reader.fieldnames or []):
            raise DataError(raw_file, "column missing from the header", column=column, row=1)
    return [{**record, "line": line} for line, record in enumerate(reader, start=2)]


def unsc_vetoes(files: list[Path]) -> pd.DataFrame:
    """Security Council vetoes, one row per vetoed draft and vetoing permanent member."""
    (raw_file,) = files
    records = _read_csv(raw_file, "utf-8", ["year", "date", "draft", "meeting_record", "agenda_item", "crisis_topic", "region", *UNSC_MEMBER_COLUMNS])
    rows, seen = [], {}
    for record in records:
        try:
            day = datetime.strptime(record["date"], "%m/%d/%Y").date()
        except ValueError as error:
            raise DataError(raw_file, f"{record['date']!r} is not a month/day/year date", column="date", row=record["line"]) from error
        if str(day.year) != record["year"]:
            raise DataError(raw_file, f"year {record['year']} differs from the date {record['date']}", column="year", row=record["line"])
        members = [record[c].strip() for c in UNSC_MEMBER_COLUMNS if record[c].strip()]
        for member in members:
            if member not in UNSC_MEMBERS:
                raise DataError(raw_file, f"{member!r} is not a permanent member's name", column="member_veto1", row=record["line"])
        if not members:
            raise DataError(raw_file, "no vetoing member", column="member_veto1", row=record["line"])
        draft = record["draft"].strip()
        seen[(day, draft)] = seq = seen.get((day, draft), 0) + 1
        for member in members:
            iso3 = UNSC_MEMBERS[member]
            rows.append({
                "date": day.isoformat(),
                "year": day.year,
                "draft": draft,
                "record_seq": seq,
                "meeting_record": "; ".join(part.strip() for part in record["meeting_record"].splitlines() if part.strip()),
                "agenda_item": " ".join(record["agenda_item"].split()),
                "crisis_topic": record["crisis_topic"].strip(),
                "region": record["region"].strip(),
                "vetoing_member_iso3": iso3,
                "china_seat_roc": iso3 == "CHN" and day < PRC_SEATED,
                "n_vetoing_members": len(members),
            })
    table = pd.DataFrame(rows).sort_values(["date", "draft", "record_seq", "vetoing_member_iso3"], ignore_index=True)
    return _booleans(table, "china_seat_roc")


def is_missile_launch(provocation_type: str, event: str) -> bool:
    """The missile_launch rule: see CSIS_MISSILE_IN_TITLE and CSIS_NOT_A_MISSILE."""
    if CSIS_MISSILE_IN_TITLE.search(event):
        return True
    return provocation_type == "Missile Provocation" and not CSIS_NOT_A_MISSILE.search(event)


def csis_provocations(files: list[Path]) -> pd.DataFrame:
    """CSIS Beyond Parallel's North Korean provocations, with a derived missile_launch flag."""
    (raw_file,) = files
    rows, seen = [], {}
    for record in _read_csv(raw_file, "utf-8", CSIS_COLUMNS):
        try:
            day = datetime.strptime(record["date"], "%Y-%m-%d").date()
        except ValueError as error:
            raise DataError(raw_file, f"{record['date']!r} is not a YYYY-MM-DD date", column="date", row=record["line"]) from error
        kind, event = record["type"].strip(), record["event"].strip()
        if not kind or not event:
            raise DataError(raw_file, "type or event is empty", column="type" if not kind else "event", row=record["line"])
        seen[(day, event)] = seq = seen.get((day, event), 0) + 1
        rows.append({
            "date": day.isoformat(),
            "year": day.year,
            "seq": seq,
            "type": kind,
            "event": event,
            "missile_launch": is_missile_launch(kind, event),
            "description": record["description"].strip(),
            "resources": record["resources"].strip(),
        })
    table = pd.DataFrame(rows).sort_values(["date", "event", "seq"], ignore_index=True)
    return _booleans(table, "missile_launch")


def _cns_date(text: str) -> tuple[str | None, str, int, int] | None:
    """(date or None, precision, year, month) from '9-Apr-84' or 'Sep-84'; None if neither."""
    for pattern, precision in ((CNS_DAY, "day"), (CNS_MONTH, "month")):
        match = pattern.fullmatch(text)
        if match:
            break
    else:
        return None
    *day, month_name, short_year = match.groups()
    if month_name not in CNS_MONTHS:
        return None
    year = int(short_year) + (1900 if int(short_year) >= 50 else 2000)  # tests run 1984-2023
    try:
        parsed = date(year, CNS_MONTHS[month_name], int(day[0]) if day else 1)
    except ValueError:
        return None
    return (parsed.isoformat() if day else None), precision, parsed.year, parsed.month


def _cns_km(raw_file: Path, text: str, column: str, line: int) -> float | None:
    """A distance in km as a number; None where CNS gives none or a range."""
    text = " ".join(text.split())
    match = CNS_KM.fullmatch(text)
    if match:
        return float(match.group(1).replace(",", ""))
    if CNS_NO_NUMBER.fullmatch(text):
        return None
    raise DataError(raw_file, f"{text!r} is not a distance in km", column=column, row=line)


def cns_missile_tests(files: list[Path]) -> pd.DataFrame:
    """CNS North Korea Missile Test Database: one row per test."""
    (raw_file,) = files
    columns = ["F1", "Date", "Missile Name", "Missile Type", "Facility Name", "Apogee", "Distance Travelled", "Confirmation Status", "Test Outcome"]
    rows = []
    for record in _read_csv(raw_file, "cp1252", columns):
        line = record["line"]
        if not record["F1"].strip().isdigit():
            raise DataError(raw_file, f"{record['F1']!r} is not a test number", column="F1", row=line)
        parsed = _cns_date(record["Date"].strip())
        if parsed is None:
            raise DataError(raw_file, f"{record['Date']!r} is neither d-Mon-yy nor Mon-yy", column="Date", row=line)
        day, precision, year, month = parsed
        rows.append({
            "test_id": int(record["F1"]),
            "date": day,
            "date_precision": precision,
            "year": year,
            "month": month,
            "missile_name": " ".join(record["Missile Name"].split()),
            "missile_type": record["Missile Type"].strip(),
            "facility_name": " ".join(record["Facility Name"].split()),
            "apogee_km": _cns_km(raw_file, record["Apogee"], "Apogee", line),
            "distance_km": _cns_km(raw_file, record["Distance Travelled"], "Distance Travelled", line),
            "confirmation_status": record["Confirmation Status"].strip(),
            "test_outcome": record["Test Outcome"].strip(),
        })
    return pd.DataFrame(rows).sort_values("test_id", ignore_index=True)


def read_sipri_register(raw_file: Path) -> list[tuple[int, list[str]]]:
    """Every deal of a SIPRI trade-register export as (line, 16 fields), preamble skipped.

    SIPRI's export does not quote a line break inside Comments, so such a deal spans two
    lines; the second line is joined back on (the break becomes a space).
    """
    try:
        text = raw_file.read_bytes().decode("cp1252")
    except UnicodeDecodeError as error:
        raise DataError(raw_file, f"not cp1252 ({error.reason} at byte offset {error.start})") from error
    lines = list(enumerate(csv.reader(io.StringIO(text, newline="")), start=1))
    header_at = next((i for i, (_, row) in enumerate(lines) if row[:1] == ["Recipient"]), None)
    if header_at is None:
        raise DataError(raw_file, "no header line starting with 'Recipient'")
    line, header = lines[header_at]
    if header != SIPRI_HEADER:
        raise DataError(raw_file, f"unexpected header {header}", row=line)
    deals, pending = [], None
    for line, row in lines[header_at + 1:]:
        if pending is not None:
            start, first = pending
            row = first[:-1] + [" ".join((first[-1] + " " + (row[:1] or [""])[0]).split())] + row[1:]
            line, pending = start, None
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(SIPRI_HEADER):
            pending = (line, row)
            continue
        if len(row) != len(SIPRI_HEADER):
            raise DataError(raw_file, f"{len(row)} fields where the header has {len(SIPRI_HEADER)}", row=line)
        deals.append((line, row))
    if pending is not None:
        raise DataError(raw_file, "the file ends inside a deal", row=pending[0])
    return deals


def _sipri_number(raw_file: Path, text: str, column: str, line: int, kind: type = float):
    """A number from a register cell; None where the cell is empty."""
    text = text.strip()
    if not text:
        return None
    try:
        return kind(text)
    except (ValueError, ArithmeticError) as error:
        raise DataError(raw_file, f"{text!r} is not a number", column=column, row=line) from error


def _sipri_flag(raw_file: Path, text: str, column: str, line: int) -> bool:
    """SIPRI's uncertainty mark: '?' or empty."""
    if text.strip() not in ("", "?"):
        raise DataError(raw_file, f"{text!r} is neither '?' nor empty", column=column, row=line)
    return text.strip() == "?"


def _delivery_years(raw_file: Path, text: str, line: int) -> list[int]:
    """The years of 'Year(s) of delivery' ('1988; 1989'); an empty cell gives none."""
    years = [part.strip() for part in text.split(";") if part.strip()]
    if not all(re.fullmatch(r"\d{4}", y) for y in years):
        raise DataError(raw_file, f"{text!r} is not a list of years", column="Year(s) of delivery", row=line)
    return [int(y) for y in years]


def sipri_arms_transfers(files: list[Path]) -> pd.DataFrame:
    """SIPRI register deals whose supplier and recipient are both China, USSR/Russia or North Korea."""
    (raw_file,) = files
    rows, seen = [], {}
    for line, cell in read_sipri_register(raw_file):
        recipient, supplier = cell[0].strip(), cell[1].strip()
        if recipient not in SIPRI_PARTIES or supplier not in SIPRI_PARTIES:
            continue
        year_of_order = _sipri_number(raw_file, cell[2], "Year of order", line, int)
        if year_of_order is None:
            raise DataError(raw_file, "year of order is empty", column="Year of order", row=line)
        number_ordered = _sipri_number(raw_file, cell[4], "Number ordered", line, int)
        years = _delivery_years(raw_file, cell[10], line)
        key = (SIPRI_PARTIES[supplier], SIPRI_PARTIES[recipient], year_of_order, cell[6].strip())
        seen[key] = seq = seen.get(key, 0) + 1
        rows.append({
            "supplier_iso3": key[0],
            "recipient_iso3": key[1],
            "year_of_order": year_of_order,
            "weapon_designation": key[3],
            "deal_seq": seq,
            "year_of_order_uncertain": _sipri_flag(raw_file, cell[3], "Year of order", line),
            "number_ordered": number_ordered,
            "number_ordered_uncertain": _sipri_flag(raw_file, cell[5], "Number ordered", line),
            "weapon_description": cell[7].strip(),
            "number_delivered": _sipri_number(raw_file, cell[8], "Number delivered", line, int),
            "number_delivered_uncertain": _sipri_flag(raw_file, cell[9], "Number delivered", line),
            "years_of_delivery": "; ".join(str(y) for y in years),
            "first_delivery_year": min(years) if years else None,
            "last_delivery_year": max(years) if years else None,
            "status": cell[11].strip(),
            "comments": cell[12].strip(),
            "tiv_per_unit_million": _sipri_number(raw_file, cell[13], "SIPRI TIV per unit", line),
            # With no number ordered, SIPRI's total-order TIV (printed 0) has nothing to multiply.
            "tiv_total_order_million": None if number_ordered is None else _sipri_number(raw_file, cell[14], "SIPRI TIV for total order", line),
            "tiv_delivered_million": _sipri_number(raw_file, cell[15], "SIPRI TIV of delivered weapons", line),
        })
    table = pd.DataFrame(rows)
    for column in ("number_ordered", "number_delivered", "first_delivery_year", "last_delivery_year"):
        table[column] = table[column].astype("Int64")
    table = table.sort_values(["supplier_iso3", "recipient_iso3", "year_of_order", "weapon_designation", "deal_seq"], ignore_index=True)
    return _booleans(table, "year_of_order_uncertain", "number_ordered_uncertain", "number_delivered_uncertain")


def _sipri_year_table(raw_file: Path, first_cell: str) -> dict[str, dict[int, Decimal]]:
    """A SIPRI TIV-by-year table (rows: countries, columns: years) as {name: {year: TIV}}."""
    try:
        text = raw_file.read_bytes().decode("cp1252")
    except UnicodeDecodeError as error:
        raise DataError(raw_file, f"not cp1252 ({error.reason} at byte offset {error.start})") from error
    lines = list(enumerate(csv.reader(io.StringIO(text, newline="")), start=1))
    header_at = next((i for i, (_, row) in enumerate(lines) if row[:1] == [first_cell]), None)
    if header_at is None:
        raise DataError(raw_file, f"no header line starting with {first_cell!r}")
    header = lines[header_at][1]
    table = {}
    for line, row in lines[header_at + 1:]:
        if not row or not row[0].strip():
            continue
        values = {}
        for title, value in zip(header[1:], row[1:]):
            if re.fullmatch(r"\d{4}", title) and value.strip():
                if not re.fullmatch(r"\d+(\.\d+)?", value.strip()):
                    raise DataError(raw_file, f"{value!r} is not a TIV", column=title, row=line)
                values[int(title)] = Decimal(value.strip())
        table[row[0].strip()] = values
    return table


def sipri_arms_tiv_pairs(files: list[Path]) -> pd.DataFrame:
    """TIV delivered per supplier, recipient and year, as far as SIPRI's files state it.

    ``files``: the exports-by-supplier table, the imports-by-recipient table and the trade
    register, in that order. The register gives each deal's TIV delivered over all its
    delivery years, never per year, and nothing here splits it. A year's value is stated
    (``tiv_million``, with ``tiv_source``) when every deal of the pair delivering that year
    delivered in that year alone (the register's sum), or when the register shows the
    supplier as the recipient's only supplier that year (SIPRI's imports table) or the
    recipient as the supplier's only recipient (SIPRI's exports table). Every row carries
    the register's bounds: ``tiv_min_million`` (deals delivered in that year alone) and
    ``tiv_max_million`` (the whole TIV delivered of every deal delivering that year).
    """
    exports_file, imports_file, register_file = files
    exports = _sipri_year_table(exports_file, "Exports by")
    imports = _sipri_year_table(imports_file, "Recipient")
    suppliers_of, recipients_of, cells = {}, {}, {}
    for line, cell in read_sipri_register(register_file):
        recipient, supplier = cell[0].strip(), cell[1].strip()
        years = _delivery_years(register_file, cell[10], line)
        for year in years:
            suppliers_of.setdefault((recipient, year), set()).add(supplier)
            recipients_of.setdefault((supplier, year), set()).add(recipient)
        if recipient not in SIPRI_PARTIES or supplier not in SIPRI_PARTIES or not years:
            continue
        delivered = _sipri_number(register_file, cell[15], "SIPRI TIV of delivered weapons", line, Decimal)
        if delivered is None:
            raise DataError(register_file, "delivery years without a TIV of delivered weapons", column="SIPRI TIV of delivered weapons", row=line)
        for year in years:
            total = cells.setdefault((supplier, recipient, year), {"min": Decimal(0), "max": Decimal(0), "deals": 0, "multi": 0})
            total["max"] += delivered
            total["deals"] += 1
            if len(years) == 1:
                total["min"] += delivered
            else:
                total["multi"] += 1
    rows = []
    for (supplier, recipient, year), total in cells.items():
        tiv, source = None, ""
        if total["multi"] == 0:
            tiv, source = total["min"], "register_single_year_deals"
        elif suppliers_of[(recipient, year)] == {supplier} and year in imports.get(recipient, {}):
            tiv, source = imports[recipient][year], "sipri_imports_table"
        elif recipients_of[(supplier, year)] == {recipient} and year in exports.get(supplier, {}):
            tiv, source = exports[supplier][year], "sipri_exports_table"
        rows.append({
            "supplier_iso3": SIPRI_PARTIES[supplier],
            "recipient_iso3": SIPRI_PARTIES[recipient],
            "year": year,
            "tiv_million": None if tiv is None else float(tiv),
            "tiv_source": source,
            "tiv_min_million": float(total["min"]),
            "tiv_max_million": float(total["max"]),
            "n_deals": total["deals"],
            "n_deals_multi_year": total["multi"],
        })
    return pd.DataFrame(rows).sort_values(["supplier_iso3", "recipient_iso3", "year"], ignore_index=True)
