"""Load catalogued datasets, verified against their checksum and schema.

The catalogue is a Frictionless data package (``data/datapackage.json``). Every
dataset is read through :func:`load`, which refuses a file whose bytes, columns or
values do not match the catalogue, and says where: file, column and row. Rows are
counted as in a spreadsheet: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

REPO_ROOT = Path(__file__).resolve().parent.parent


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


def data_dir() -> Path:
    """The folder holding the catalogue: ``$FACTBOOK_DATA`` or the repository's ``data/``."""
    return Path(os.environ.get("FACTBOOK_DATA", REPO_ROOT / "data"))


def sha256(path: Path) -> str:
    """Hex sha256 digest of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@dataclass(frozen=True)
class Catalogue:
    """The data package descriptor and the folder its paths are relative to."""

    folder: Path
    descriptor: dict

    @property
    def ids(self) -> list[str]:
        return [r["name"] for r in self.descriptor["resources"]]

    def resource(self, dataset_id: str) -> dict:
        for resource in self.descriptor["resources"]:
            if resource["name"] == dataset_id:
                return resource
        raise KeyError(f"no dataset '{dataset_id}' in {self.folder / 'datapackage.json'}; known: {', '.join(self.ids)}")

    def path(self, dataset_id: str) -> Path:
        return self.folder / self.resource(dataset_id)["path"]


def read_catalogue(folder: Path | None = None) -> Catalogue:
    """Read ``datapackage.json`` from ``folder`` (default :func:`data_dir`)."""
    folder = Path(folder or data_dir())
    return _read_catalogue(folder.resolve())


def _read_catalogue(folder: Path) -> Catalogue:
    file = folder / "datapackage.json"
    try:
        return Catalogue(folder, json.loads(file.read_text(encoding="utf-8")))
    except (OSError, ValueError) as error:
        raise DataError(file, f"cannot read the catalogue ({error})") from error


def load(dataset_id: str, catalogue: Catalogue | None = None) -> pd.DataFrame:
    """Return a dataset as a typed DataFrame, after checking checksum and schema.

    A file is validated once per process and version: the result is reused until the
    file's size or modification time, or its catalogue entry, changes.
    """
    catalogue = catalogue or read_catalogue()
    resource = catalogue.resource(dataset_id)
    file = catalogue.path(dataset_id)
    try:
        stat = file.stat()
    except OSError:
        return read_table(file, resource)
    return _read_table_cached(str(file), stat.st_mtime_ns, stat.st_size, json.dumps(resource, sort_keys=True)).copy()


@lru_cache(maxsize=64)
def _read_table_cached(file: str, mtime_ns: int, size: int, resource: str) -> pd.DataFrame:
    return read_table(Path(file), json.loads(resource))


def read_table(file: Path, resource: dict) -> pd.DataFrame:
    """Parse and validate one CSV file against its catalogue entry."""
    try:
        raw = Path(file).read_bytes()
    except OSError as error:
        raise DataError(file, f"cannot read the file ({error.strerror})") from error
    expected = resource.get("hash", "")
    if expected:
        actual = "sha256:" + hashlib.sha256(raw).hexdigest()
        if actual != expected:
            raise DataError(file, f"checksum mismatch: the catalogue records {expected}, the file has {actual}")
    rows = _decode_rows(file, raw)
    schema = resource["schema"]
    names = [field["name"] for field in schema["fields"]]
    _check_header(file, rows[0] if rows else [], names)
    body = rows[1:]
    for index, row in enumerate(body):
        if len(row) != len(names):
            raise DataError(file, f"{len(row)} values where the header has {len(names)}", row=index + 2)
    text = pd.DataFrame(body, columns=names, dtype=object)
    missing = set(schema.get("missingValues", [""]))
    table = pd.DataFrame({field["name"]: _typed_column(file, field, text[field["name"]], missing) for field in schema["fields"]})
    _check_primary_key(file, table, schema.get("primaryKey", []))
    _check_rules(file, table, resource.get("rules", []))
    return table


def _decode_rows(file: Path, raw: bytes) -> list[list[str]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        row = raw[: error.start].count(b"\n") + 1
        raise DataError(file, f"not UTF-8 (byte {raw[error.start]:#04x} at offset {error.start})", row=row) from error
    return list(csv.reader(io.StringIO(text, newline="")))


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
            _refuse(file, name, present, ~present.map(lambda v: bool(pattern.fullmatch(v))), f"does not match {constraints['pattern']}")
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
        condition = " where " + ", ".join(f"{k} is {v}" for k, v in rule.get("where", {}).items()) if rule.get("where") else ""
        values = table[column]
        if "minimum" in rule:
            _refuse(file, column, values, applies & (values < rule["minimum"]), f"is below the minimum {rule['minimum']}{condition}")
        if "maximum" in rule:
            _refuse(file, column, values, applies & (values > rule["maximum"]), f"is above the maximum {rule['maximum']}{condition}")


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
        raise DataError(file, f"duplicate key ({values}); same as row {first + 2}", column="+".join(key), row=second + 2)


def describe(catalogue: Catalogue | None = None) -> pd.DataFrame:
    """One row per dataset: what it is, who made it, its licence, and coverage computed from the data."""
    catalogue = catalogue or read_catalogue()
    rows = []
    for dataset_id in catalogue.ids:
        resource = catalogue.resource(dataset_id)
        table = load(dataset_id, catalogue)
        years = _years(table)
        rows.append({
            "dataset": dataset_id,
            "title": resource["title"],
            "kind": resource["kind"],
            "producer": resource["producer"],
            "licence": "; ".join(l.get("title") or l["name"] for l in resource["licenses"]),
            "as_of": resource["as_of"],
            "first_year": int(years.min()) if len(years) else None,
            "last_year": int(years.max()) if len(years) else None,
            "countries": int(table["country_iso3"].nunique()) if "country_iso3" in table.columns else None,
            "rows": len(table),
            "path": resource["path"],
            "cite_as": resource.get("cite_as", ""),
            "sources": resource.get("sources", []),
            "notes": resource.get("notes", []),
        })
    return pd.DataFrame(rows).astype({"first_year": "Int64", "last_year": "Int64", "countries": "Int64"})


# Columns that date a row, in the order describe() looks for them.
TIME_COLUMNS = ["year", "period", "date", "estimate_date", "adopted", "fiscal_year", "year_of_order", "session"]


def _years(table: pd.DataFrame) -> pd.Series:
    """Calendar years a table covers, read from its first dating column."""
    for column in TIME_COLUMNS:
        if column in table.columns:
            values = table[column].dropna()
            if column == "session":
                return pd.Series(dtype="int64")
            if pd.api.types.is_datetime64_any_dtype(values):
                return values.dt.year
            return values.astype(str).str.extract(r"(\d{4})")[0].dropna().astype(int)
    return pd.Series(dtype="int64")
