"""The catalogue of datasets and the one way to read them: :func:`load`.

The catalogue has two parts. ``data/datapackage.json`` is written by people: each
dataset's title, producer, licence, sources, notes and Table Schema. ``data/datapackage.lock.json``
is written by the extract runner: each extract's checksum, size, row count and the raw
files it was built from. :func:`read_catalogue` merges them; code never edits the
human-written part.

:func:`load` returns the rows to use, validated against the catalogue (see
:mod:`factbook.schema`). For a curated table, where several sources may give the same
figure, those are the rows the book prefers (one per figure); ``all_sources=True``
returns every source's row.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from factbook.schema import DataError, read_table

REPO_ROOT = Path(__file__).resolve().parent.parent
DESCRIPTOR = "datapackage.json"
LOCK = "datapackage.lock.json"


def data_dir() -> Path:
    """The folder holding the catalogue: ``$FACTBOOK_DATA`` or the repository's ``data/``."""
    return Path(os.environ.get("FACTBOOK_DATA", REPO_ROOT / "data"))


@dataclass(frozen=True, eq=False)
class Catalogue:
    """The data package descriptor (with the lock's generated facts merged in) and its folder."""

    folder: Path
    descriptor: dict

    @property
    def ids(self) -> list[str]:
        return [r["name"] for r in self.descriptor["resources"]]

    def resource(self, dataset_id: str) -> dict:
        for resource in self.descriptor["resources"]:
            if resource["name"] == dataset_id:
                return resource
        known = ", ".join(self.ids)
        raise KeyError(f"no dataset '{dataset_id}' in {self.folder / DESCRIPTOR}; known: {known}")

    def path(self, dataset_id: str) -> Path:
        return self.folder / self.resource(dataset_id)["path"]


def read_catalogue(folder: Path | None = None) -> Catalogue:
    """The catalogue in ``folder`` (default :func:`data_dir`), read once until either file changes."""
    folder = Path(folder or data_dir()).resolve()
    return _read_catalogue(folder, _version(folder / DESCRIPTOR), _version(folder / LOCK))


def _version(file: Path) -> tuple[int, int] | None:
    """What tells one version of a file from the next: modification time and size."""
    try:
        stat = file.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=8)
def _read_catalogue(folder: Path, *_versions) -> Catalogue:
    descriptor = _read_json(folder / DESCRIPTOR)
    lock = _read_json(folder / LOCK)["resources"]
    for resource in descriptor["resources"]:
        facts = lock.get(resource["name"], {})
        resource.update({key: facts[key] for key in ("hash", "bytes", "rows") if key in facts})
        if "raw_files" in facts:
            resource["raw"] = {**resource["raw"], "files": facts["raw_files"]}
    return Catalogue(folder, descriptor)


def _read_json(file: Path) -> dict:
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DataError(file, f"cannot read the catalogue ({error})") from error


def load(dataset_id: str, all_sources: bool = False) -> pd.DataFrame:
    """A dataset as a typed DataFrame, after checking checksum and schema.

    Curated tables keep one row per source; by default only the rows the book prefers
    are returned (one per figure), and ``all_sources=True`` returns them all. A file is
    validated once per process and version: the result is reused until it changes.
    """
    catalogue = read_catalogue()
    resource, file = catalogue.resource(dataset_id), catalogue.path(dataset_id)
    if resource["kind"] == "extract" and "hash" not in resource:
        raise DataError(catalogue.folder / LOCK, f"no entry for the extract '{dataset_id}': run `make extracts`")
    version = _version(file)
    if version is None:
        table = read_table(file, resource)
    else:
        table = _validated(catalogue, dataset_id, version).copy()
    if "preferred" in table.columns and not all_sources:
        table = table[table["preferred"]].reset_index(drop=True)
    return table


def state() -> tuple:
    """Identifies the data as they are now: the catalogue and the version of every dataset's file."""
    catalogue = read_catalogue()
    return catalogue, tuple(_version(catalogue.path(dataset_id)) for dataset_id in catalogue.ids)


@lru_cache(maxsize=64)
def _validated(catalogue: Catalogue, dataset_id: str, _version: tuple[int, int]) -> pd.DataFrame:
    return read_table(catalogue.path(dataset_id), catalogue.resource(dataset_id))


def describe() -> pd.DataFrame:
    """One row per dataset: what it is, who made it, its licence, and coverage computed from the data."""
    catalogue = read_catalogue()
    rows = []
    for dataset_id in catalogue.ids:
        resource = catalogue.resource(dataset_id)
        table = load(dataset_id, all_sources=True)
        years = _years(table)
        rows.append(
            {
                "dataset": dataset_id,
                "title": resource["title"],
                "kind": resource["kind"],
                "producer": resource["producer"],
                "licence": "; ".join(licence.get("title") or licence["name"] for licence in resource["licenses"]),
                "as_of": resource["as_of"],
                "first_year": int(years.min()) if len(years) else None,
                "last_year": int(years.max()) if len(years) else None,
                "countries": int(table["country_iso3"].nunique()) if "country_iso3" in table.columns else None,
                "rows": len(table),
                "path": resource["path"],
                "cite_as": resource.get("cite_as", ""),
                "sources": resource.get("sources", []),
                "notes": resource.get("notes", []),
            }
        )
    return pd.DataFrame(rows).astype({"first_year": "Int64", "last_year": "Int64", "countries": "Int64"})


# Columns that date a row, in the order describe() looks for them.
TIME_COLUMNS = ["year", "period", "date", "estimate_date", "adopted", "fiscal_year", "year_of_order", "session"]


def _years(table: pd.DataFrame) -> pd.Series:
    """Calendar years a table covers, read from its first dating column (sessions are not years)."""
    for column in TIME_COLUMNS:
        if column in table.columns:
            values = table[column].dropna()
            if column == "session":
                return pd.Series(dtype="int64")
            if pd.api.types.is_datetime64_any_dtype(values):
                return values.dt.year
            return values.astype(str).str.extract(r"(\d{4})")[0].dropna().astype(int)
    return pd.Series(dtype="int64")
