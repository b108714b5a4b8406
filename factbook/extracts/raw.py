"""Reading raw third-party files, shared by every extract step, and writing an extract's canonical bytes."""

from __future__ import annotations

import csv
import io
import os
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pooch

from factbook.data import REPO_ROOT
from factbook.schema import DataError, decode, read_bytes

# Where `make raw` puts the raw files when $FACTBOOK_RAW is unset (~/.cache/factbook/raw on Linux).
CACHE = Path(pooch.os_cache("factbook")) / "raw"


def raw_dir() -> Path:
    """The folder of raw files: ``$FACTBOOK_RAW``, else ``../shared/data-raw`` beside the repository if it
    exists, else the cache that `make raw` fills."""
    if "FACTBOOK_RAW" in os.environ:
        return Path(os.environ["FACTBOOK_RAW"])
    shared = REPO_ROOT.parent / "shared" / "data-raw"
    return shared if shared.is_dir() else CACHE


def find_files(raw: Path, patterns: tuple[str, ...]) -> list[Path]:
    """The files matching each glob pattern under ``raw``, sorted per pattern; a pattern matching none is an error."""
    files = []
    for pattern in patterns:
        matched = sorted(p for p in raw.glob(pattern) if p.is_file())
        if not matched:
            raise DataError(raw / pattern, "raw file not found; see data/README.md for where to download it")
        files.extend(matched)
    return files


def read_text(file: Path, encoding: str = "utf-8") -> str:
    """A raw file's text; a byte the encoding cannot read is a DataError naming its row."""
    return decode(file, read_bytes(file), encoding)


def dict_rows(file: Path, encoding: str, columns: list[str], delimiter: str = ",") -> list[tuple[int, dict[str, str]]]:
    """(spreadsheet row, record) pairs of a delimited file; a column missing from its header is a DataError."""
    reader = csv.DictReader(io.StringIO(read_text(file, encoding), newline=""), delimiter=delimiter)
    for column in columns:
        if column not in (reader.fieldnames or []):
            raise DataError(file, "column missing from the header", column=column, row=1)
    return list(enumerate(reader, start=2))


def parse_date(file: Path, text: str, form: str, described: str, column: str, row: int) -> date:
    """A date written in ``form`` (strptime), or a DataError naming file, column and row."""
    try:
        return datetime.strptime(text, form).date()
    except ValueError as error:
        raise DataError(file, f"{text!r} is not a {described} date", column=column, row=row) from error


def booleans(table: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Boolean columns written as the catalogue's 'true' / 'false'."""
    return table.assign(**{c: table[c].map({True: "true", False: "false"}) for c in columns})


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The canonical CSV form of an extract: UTF-8, LF line ends, shortest exact floats."""
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")
