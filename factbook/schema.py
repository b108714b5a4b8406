"""Table Schema validation: one CSV file against its catalogue entry, or a DataError saying where.

Rows are counted as in a spreadsheet: the header is row 1, the first data row is row 2.
The checks are the catalogue's: checksum, header, types, required values, enums,
patterns, bounds, bounds that hold on some rows only (``rules``), and the primary key.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from pathlib import Path

import pandas as pd


class DataError(ValueError):
    """Bad input, located by file and, where known, column and row."""

    def __init__(self, file, message: str, column: str | None = None, row: int | None = None):
        self.file, self.column, self.row = str(file), column, row
        where = [str(file)]
        if column is not None:
            where.append(f"column '{column}'")
        if row is not None:
            where.append(f"row {row}")
        super().__init__(", ".join(where) + ": " + message)


def decode(file: Path, raw: bytes, encoding: str = "utf-8") -> str:
    """A file's bytes as text; a byte the encoding cannot read is a DataError naming its row."""
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        row = raw[: error.start].count(b"\n") + 1
        problem = f"not {encoding.upper()} (byte {raw[error.start]:#04x} at offset {error.start})"
        raise DataError(file, problem, row=row) from error


def read_bytes(file: Path) -> bytes:
    """A file's bytes, or a DataError naming it."""
    try:
        return Path(file).read_bytes()
    except OSError as error:
        raise DataError(file, f"cannot read the file ({error.strerror})") from error


def read_table(file: Path, resource: dict) -> pd.DataFrame:
    """Parse and validate one CSV file against its catalogue entry."""
    raw = read_bytes(file)
    expected = resource.get("hash", "")
    if expected:
        actual = "sha256:" + hashlib.sha256(raw).hexdigest()
        if actual != expected:
            raise DataError(
                file,
                f"checksum mismatch: the lock records {expected}, the file has {actual} "
                "(extracts are rebuilt by `make extracts`, never edited by hand)",
            )
    rows = list(csv.reader(io.StringIO(decode(file, raw), newline="")))
    schema = resource["schema"]
    names = [field["name"] for field in schema["fields"]]
    _check_header(file, rows[0] if rows else [], names)
    body = rows[1:]
    for index, row in enumerate(body):
        if len(row) != len(names):
            raise DataError(file, f"{len(row)} values where the header has {len(names)}", row=index + 2)
    text = pd.DataFrame(body, columns=names, dtype=object)
    missing = set(schema.get("missingValues", [""]))
    typed = {field["name"]: _typed_column(file, field, text[field["name"]], missing) for field in schema["fields"]}
    table = pd.DataFrame(typed)
    _check_primary_key(file, table, schema.get("primaryKey", []))
    _check_rules(file, table, resource.get("rules", []))
    return table


def _check_header(file: Path, header: list[str], names: list[str]) -> None:
    for name in names:
        if name not in header:
            raise DataError(file, "column missing from the header", column=name, row=1)
    for name in header:
        if name not in names:
            raise DataError(file, "column not described in the catalogue", column=name, row=1)
    if header != names:
        raise DataError(file, f"columns in the wrong order: expected {names}", row=1)


_INTEGER = re.compile(r"[+-]?\d+")


def _typed_column(file: Path, field: dict, values: pd.Series, missing: set[str]) -> pd.Series:
    name, kind = field["name"], field.get("type", "string")
    constraints = field.get("constraints", {})
    is_missing = values.isin(missing)
    if constraints.get("required") and is_missing.any():
        raise DataError(file, "required value is missing", column=name, row=_row(is_missing))
    present = values[~is_missing]
    if kind in ("integer", "year"):
        bad = ~present.map(lambda v: bool(_INTEGER.fullmatch(v)))
        _refuse(file, name, present, bad, "is not a whole number")
        typed = pd.Series(pd.NA, index=values.index, dtype="Int64")
        typed[~is_missing] = present.astype(int)
        if not is_missing.any():
            typed = typed.astype("int64")
    elif kind == "number":
        numbers = pd.to_numeric(present, errors="coerce")
        bad = numbers.isna() | ~numbers.map(lambda v: math.isfinite(v) if pd.notna(v) else False)
        _refuse(file, name, present, bad, "is not a finite number")
        typed = pd.Series(math.nan, index=values.index, dtype="float64")
        typed[~is_missing] = numbers.astype("float64")
    elif kind == "date":
        dates = pd.to_datetime(present, format="%Y-%m-%d", errors="coerce")
        _refuse(file, name, present, dates.isna(), "is not a real date in YYYY-MM-DD form")
        typed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
        typed[~is_missing] = dates
    elif kind == "boolean":
        _refuse(file, name, present, ~present.isin(["true", "false"]), "is not true or false")
        typed = values.map({"true": True, "false": False})
    elif kind == "string":
        typed = values.where(~is_missing, None)
        if "pattern" in constraints:
            pattern = re.compile(constraints["pattern"])
            _refuse(
                file,
                name,
                present,
                ~present.map(lambda v: bool(pattern.fullmatch(v))),
                f"does not match {constraints['pattern']}",
            )
    else:
        raise DataError(file, f"unsupported field type '{kind}' in the catalogue", column=name)
    if "enum" in constraints:
        allowed = constraints["enum"]
        _refuse(file, name, present, ~present.isin([str(a) for a in allowed]), f"is not one of {allowed}")
    numeric = typed[~is_missing] if kind in ("integer", "year", "number") else None
    if numeric is not None and "minimum" in constraints:
        _refuse(file, name, present, numeric < constraints["minimum"], f"is below the minimum {constraints['minimum']}")
    if numeric is not None and "maximum" in constraints:
        _refuse(file, name, present, numeric > constraints["maximum"], f"is above the maximum {constraints['maximum']}")
    return typed


def _row(mask: pd.Series) -> int:
    """Spreadsheet row of the first True in a mask over data rows."""
    return int(mask[mask].index[0]) + 2


def _refuse(file: Path, column: str, values: pd.Series, bad: pd.Series, problem: str) -> None:
    if bad.any():
        row = _row(bad)
        raise DataError(file, f"{values[row - 2]!r} {problem}", column=column, row=row)


def _check_rules(file: Path, table: pd.DataFrame, rules: list[dict]) -> None:
    """Bounds that hold only on some rows, e.g. a value is at most 100 where its unit is a percentage."""
    for rule in rules:
        column = rule["column"]
        applies = pd.Series(True, index=table.index)
        for name, value in rule.get("where", {}).items():
            applies &= table[name] == value
        condition = (
            " where " + ", ".join(f"{k} is {v}" for k, v in rule.get("where", {}).items()) if rule.get("where") else ""
        )
        values = table[column]
        if "minimum" in rule:
            _refuse(
                file,
                column,
                values,
                applies & (values < rule["minimum"]),
                f"is below the minimum {rule['minimum']}{condition}",
            )
        if "maximum" in rule:
            _refuse(
                file,
                column,
                values,
                applies & (values > rule["maximum"]),
                f"is above the maximum {rule['maximum']}{condition}",
            )


def _check_primary_key(file: Path, table: pd.DataFrame, key: list[str] | str) -> None:
    key = [key] if isinstance(key, str) else list(key)
    if not key:
        return
    repeats = table.duplicated(subset=key, keep="first")
    if repeats.any():
        second = int(repeats[repeats].index[0])
        same = (table[key] == table.loc[second, key]).all(axis=1)
        first = int(same[same].index[0])
        values = ", ".join(f"{k}={table.at[second, k]}" for k in key)
        raise DataError(
            file, f"duplicate key ({values}); same as row {first + 2}", column="+".join(key), row=second + 2
        )
