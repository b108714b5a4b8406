"""SIPRI Arms Transfers Database: deals among China, the USSR/Russia and North Korea, and TIV per pair and year.

SIPRI's web exports are cp1252 CSV files with a preamble above the header line.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pandas as pd

from factbook.extracts.raw import booleans, read_text
from factbook.schema import DataError

REGISTER = "sipri_arms_transfers/trade-register.csv"
RAW_FILES = {
    "sipri_arms_transfers": (REGISTER,),
    # The order sipri_arms_tiv_pairs unpacks them in.
    "sipri_arms_tiv_pairs": (
        "sipri_arms_transfers/export-values_by_supplier_1950-2024.csv",
        "sipri_arms_transfers/import-export-values_1950-2024.csv",
        REGISTER,
    ),
}

HEADER = [
    "Recipient",
    "Supplier",
    "Year of order",
    " ",
    "Number ordered",
    " ",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    " ",
    "Year(s) of delivery",
    "status",
    "Comments",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
]
PARTIES = {"China": "CHN", "Soviet Union": "SUN", "Russia": "RUS", "North Korea": "PRK"}


def _lines_below_header(file: Path, first_cell: str) -> tuple[int, list[str], list[tuple[int, list[str]]]]:
    """A SIPRI export's header (its line and cells) and the (line, cells) below it; the preamble is skipped."""
    lines = list(enumerate(csv.reader(io.StringIO(read_text(file, "cp1252"), newline="")), start=1))
    header_at = next((i for i, (_, row) in enumerate(lines) if row[:1] == [first_cell]), None)
    if header_at is None:
        raise DataError(file, f"no header line starting with {first_cell!r}")
    line, header = lines[header_at]
    return line, header, lines[header_at + 1 :]


def read_sipri_register(raw_file: Path) -> list[tuple[int, list[str]]]:
    """Every deal of a SIPRI trade-register export as (line, 16 fields), preamble skipped.

    SIPRI's export does not quote a line break inside Comments, so such a deal spans two
    lines; the second line is joined back on (the break becomes a space).
    """
    line, header, lines = _lines_below_header(raw_file, "Recipient")
    if header != HEADER:
        raise DataError(raw_file, f"unexpected header {header}", row=line)
    deals, pending = [], None
    for line, row in lines:
        if pending is not None:
            start, first = pending
            row = first[:-1] + [" ".join((first[-1] + " " + (row[:1] or [""])[0]).split())] + row[1:]
            line, pending = start, None
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(HEADER):
            pending = (line, row)
            continue
        if len(row) != len(HEADER):
            raise DataError(raw_file, f"{len(row)} fields where the header has {len(HEADER)}", row=line)
        deals.append((line, row))
    if pending is not None:
        raise DataError(raw_file, "the file ends inside a deal", row=pending[0])
    return deals


def _number(raw_file: Path, text: str, column: str, line: int, kind: type = float):
    """A number from a register cell; None where the cell is empty."""
    text = text.strip()
    if not text:
        return None
    try:
        return kind(text)
    except (ValueError, ArithmeticError) as error:
        raise DataError(raw_file, f"{text!r} is not a number", column=column, row=line) from error


def _flag(raw_file: Path, text: str, column: str, line: int) -> bool:
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
        if recipient not in PARTIES or supplier not in PARTIES:
            continue
        year_of_order = _number(raw_file, cell[2], "Year of order", line, int)
        if year_of_order is None:
            raise DataError(raw_file, "year of order is empty", column="Year of order", row=line)
        number_ordered = _number(raw_file, cell[4], "Number ordered", line, int)
        years = _delivery_years(raw_file, cell[10], line)
        # With no number ordered, SIPRI's total-order TIV (printed 0) has nothing to multiply.
        total_order = None if number_ordered is None else _number(raw_file, cell[14], "SIPRI TIV for total order", line)
        key = (PARTIES[supplier], PARTIES[recipient], year_of_order, cell[6].strip())
        seen[key] = seq = seen.get(key, 0) + 1
        rows.append(
            {
                "supplier_iso3": key[0],
                "recipient_iso3": key[1],
                "year_of_order": year_of_order,
                "weapon_designation": key[3],
                "deal_seq": seq,
                "year_of_order_uncertain": _flag(raw_file, cell[3], "Year of order", line),
                "number_ordered": number_ordered,
                "number_ordered_uncertain": _flag(raw_file, cell[5], "Number ordered", line),
                "weapon_description": cell[7].strip(),
                "number_delivered": _number(raw_file, cell[8], "Number delivered", line, int),
                "number_delivered_uncertain": _flag(raw_file, cell[9], "Number delivered", line),
                "years_of_delivery": "; ".join(str(y) for y in years),
                "first_delivery_year": min(years) if years else None,
                "last_delivery_year": max(years) if years else None,
                "status": cell[11].strip(),
                "comments": cell[12].strip(),
                "tiv_per_unit_million": _number(raw_file, cell[13], "SIPRI TIV per unit", line),
                "tiv_total_order_million": total_order,
                "tiv_delivered_million": _number(raw_file, cell[15], "SIPRI TIV of delivered weapons", line),
            }
        )
    table = pd.DataFrame(rows)
    for column in ("number_ordered", "number_delivered", "first_delivery_year", "last_delivery_year"):
        table[column] = table[column].astype("Int64")
    key = ["supplier_iso3", "recipient_iso3", "year_of_order", "weapon_designation", "deal_seq"]
    table = table.sort_values(key, ignore_index=True)
    return booleans(table, "year_of_order_uncertain", "number_ordered_uncertain", "number_delivered_uncertain")


def _year_table(raw_file: Path, first_cell: str) -> dict[str, dict[int, Decimal]]:
    """A SIPRI TIV-by-year table (rows: countries, columns: years) as {name: {year: TIV}}."""
    _, header, lines = _lines_below_header(raw_file, first_cell)
    table = {}
    for line, row in lines:
        if not row or not row[0].strip():
            continue
        values = {}
        for title, value in zip(header[1:], row[1:], strict=False):
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
    exports = _year_table(exports_file, "Exports by")
    imports = _year_table(imports_file, "Recipient")
    suppliers_of, recipients_of, cells = {}, {}, {}
    for line, cell in read_sipri_register(register_file):
        recipient, supplier = cell[0].strip(), cell[1].strip()
        years = _delivery_years(register_file, cell[10], line)
        for year in years:
            suppliers_of.setdefault((recipient, year), set()).add(supplier)
            recipients_of.setdefault((supplier, year), set()).add(recipient)
        if recipient not in PARTIES or supplier not in PARTIES or not years:
            continue
        column = "SIPRI TIV of delivered weapons"
        delivered = _number(register_file, cell[15], column, line, Decimal)
        if delivered is None:
            raise DataError(register_file, "delivery years without a TIV of delivered weapons", column=column, row=line)
        for year in years:
            total = cells.setdefault(
                (supplier, recipient, year), {"min": Decimal(0), "max": Decimal(0), "deals": 0, "multi": 0}
            )
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
        rows.append(
            {
                "supplier_iso3": PARTIES[supplier],
                "recipient_iso3": PARTIES[recipient],
                "year": year,
                "tiv_million": None if tiv is None else float(tiv),
                "tiv_source": source,
                "tiv_min_million": float(total["min"]),
                "tiv_max_million": float(total["max"]),
                "n_deals": total["deals"],
                "n_deals_multi_year": total["multi"],
            }
        )
    return pd.DataFrame(rows).sort_values(["supplier_iso3", "recipient_iso3", "year"], ignore_index=True)
