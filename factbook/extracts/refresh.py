"""Preview a refresh (``make refresh``): rebuild the extracts into a scratch copy of data/ and print what would change.

For each extract: the rows added, removed and changed, matched by its primary key; then every claim whose
verdict would change. Nothing is written to data/: `make extracts` writes the rebuilt extracts and the lock.

    python -m factbook.extracts.refresh [--raw FOLDER]
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from factbook import claims
from factbook.data import data_dir, load, read_catalogue
from factbook.extracts.raw import raw_dir
from factbook.extracts.run import STEPS, run
from factbook.schema import DataError

SHOWN = 5  # keys listed per kind of change; the counts are always complete


@dataclass(frozen=True)
class RowChanges:
    """How one extract's rebuild differs from the committed file: the primary keys of its changed rows."""

    dataset_id: str
    added: list[tuple[str, ...]]
    removed: list[tuple[str, ...]]
    changed: list[tuple[str, ...]]


@contextmanager
def reading(folder: Path) -> Iterator[None]:
    """Point the loader (and so every check) at the data in ``folder`` for the length of the block."""
    before = os.environ.get("FACTBOOK_DATA")
    os.environ["FACTBOOK_DATA"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            del os.environ["FACTBOOK_DATA"]
        else:
            os.environ["FACTBOOK_DATA"] = before


def _rows(file: Path, key: list[str]) -> dict[tuple[str, ...], dict[str, str]]:
    """An extract's rows as written, by primary key (none if the file does not exist yet)."""
    if not file.is_file():
        return {}
    with file.open(encoding="utf-8", newline="") as handle:
        return {tuple(row[k] for k in key): row for row in csv.DictReader(handle)}


def row_changes(dataset_id: str, committed: Path, rebuilt: Path) -> RowChanges:
    """The rows of an extract that a rebuild (in folder ``rebuilt``) adds, removes or changes."""
    key = read_catalogue(committed).resource(dataset_id)["schema"]["primaryKey"]
    old = _rows(read_catalogue(committed).path(dataset_id), key)
    new = _rows(read_catalogue(rebuilt).path(dataset_id), key)
    return RowChanges(
        dataset_id,
        added=sorted(new.keys() - old.keys()),
        removed=sorted(old.keys() - new.keys()),
        changed=sorted(k for k in old.keys() & new.keys() if old[k] != new[k]),
    )


def verdicts(folder: Path) -> pd.DataFrame:
    """Every claim's verdict and finding computed from the data in ``folder``."""
    with reading(folder):
        return claims.results().set_index("claim_id")[["verdict", "finding"]]


def verdict_changes(committed: Path, rebuilt: Path) -> pd.DataFrame:
    """Claims whose verdict differs between the two data folders: the verdict before, after, and the new finding."""
    before, after = verdicts(committed), verdicts(rebuilt)
    joined = before[["verdict"]].merge(after, "outer", left_index=True, right_index=True, suffixes=("_now", "_after"))
    return joined[joined["verdict_now"] != joined["verdict_after"]]


def refresh(raw: Path, committed: Path, scratch: Path) -> tuple[list[RowChanges], pd.DataFrame]:
    """Rebuild the extracts from ``raw`` into ``scratch`` (a copy of ``committed``); return what would change."""
    shutil.copytree(committed, scratch)
    run(raw, scratch)
    with reading(scratch):
        for step in STEPS:  # a rebuilt extract must pass its schema before it is compared
            load(step.dataset_id)
    changes = [row_changes(step.dataset_id, committed, scratch) for step in STEPS]
    return changes, verdict_changes(committed, scratch)


def _keys(kind: str, keys: list[tuple[str, ...]]) -> str:
    shown = "; ".join("(" + ", ".join(key) + ")" for key in keys[:SHOWN])
    more = f" and {len(keys) - SHOWN} more" if len(keys) > SHOWN else ""
    return f"    {kind}: {shown}{more}"


def report(changes: list[RowChanges], claim_changes: pd.DataFrame) -> str:
    """The preview as text: a table of row counts per extract, the keys that changed, and the verdicts."""
    width = max(len(c.dataset_id) for c in changes)
    lines = [f"{'extract':<{width}}  {'added':>7}  {'removed':>7}  {'changed':>7}"]
    for c in changes:
        lines.append(f"{c.dataset_id:<{width}}  {len(c.added):>7}  {len(c.removed):>7}  {len(c.changed):>7}")
    for c in changes:
        kinds = [("added", c.added), ("removed", c.removed), ("changed", c.changed)]
        if any(keys for _, keys in kinds):
            lines += [f"{c.dataset_id}:"] + [_keys(kind, keys) for kind, keys in kinds if keys]
    if claim_changes.empty:
        lines.append("No claim's verdict would change.")
    else:
        lines.append(f"Claims whose verdict would change ({len(claim_changes)}):")
        for claim_id, row in claim_changes.iterrows():
            lines.append(f"  {claim_id}: {row.verdict_now} -> {row.verdict_after}. {row.finding}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m factbook.extracts.refresh", description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, help="folder of raw files (default: $FACTBOOK_RAW or ../shared/data-raw)")
    args = parser.parse_args(argv)
    raw, committed = args.raw or raw_dir(), data_dir()
    with tempfile.TemporaryDirectory(prefix="factbook-refresh-") as scratch:
        try:
            changes, claim_changes = refresh(raw, committed, Path(scratch) / "data")
        except DataError as error:
            print(f"refresh stopped, nothing written to {committed}: {error}", file=sys.stderr)
            return 1
    print(f"Extracts rebuilt from {raw} into a scratch copy of {committed}, which is unchanged.\n")
    print(report(changes, claim_changes))
    print("\nTo write the rebuilt extracts and the lock into data/: make extracts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
