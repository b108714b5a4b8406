"""Regenerate the committed extracts in ``data/extracts`` from raw third-party files.

Each step reads raw files exactly as their producer published them and writes one tidy CSV.
The run is deterministic: the same raw files always give the same bytes. The lock
(``data/datapackage.lock.json``) records each extract's sha256, size and row count and the
raw files it was built from; the hand-written ``data/datapackage.json`` is never touched.

    python -m factbook.extracts            # rewrite the extracts and the lock
    python -m factbook.extracts --check    # rebuild in memory, report any difference

The raw folder is ``$FACTBOOK_RAW`` or ``../shared/data-raw`` beside the repository.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from factbook.data import LOCK, Catalogue, data_dir, read_catalogue
from factbook.extracts import cns, csis, idealpoints, sipri_arms, sipri_milex, unga, unsc, worldbank
from factbook.extracts.raw import csv_bytes, find_files, raw_dir
from factbook.schema import decode, read_bytes


@dataclass(frozen=True)
class Step:
    """One extract: the raw files it reads (glob patterns under the raw folder) and the function that tidies them."""

    dataset_id: str
    raw_patterns: tuple[str, ...]
    build: Callable[[list[Path]], pd.DataFrame]


STEPS = [
    Step("worldbank_gdp", worldbank.RAW_FILES, worldbank.worldbank_gdp),
    Step("sipri_milex", sipri_milex.RAW_FILES, sipri_milex.sipri_milex),
    Step("unga_votes", unga.RAW_FILES, unga.unga_votes),
    Step(
        "unga_idealpoints_session",
        idealpoints.RAW_FILES["unga_idealpoints_session"],
        idealpoints.unga_idealpoints_session,
    ),
    Step("unga_idealpoints_year", idealpoints.RAW_FILES["unga_idealpoints_year"], idealpoints.unga_idealpoints_year),
    Step("unsc_vetoes", unsc.RAW_FILES, unsc.unsc_vetoes),
    Step("csis_provocations", csis.RAW_FILES, csis.csis_provocations),
    Step("cns_missile_tests", cns.RAW_FILES, cns.cns_missile_tests),
    Step("sipri_arms_transfers", sipri_arms.RAW_FILES["sipri_arms_transfers"], sipri_arms.sipri_arms_transfers),
    Step("sipri_arms_tiv_pairs", sipri_arms.RAW_FILES["sipri_arms_tiv_pairs"], sipri_arms.sipri_arms_tiv_pairs),
]


def describe_raw_files(raw: Path, files: list[Path]) -> list[dict]:
    """What the lock records of each raw file: its path under the raw folder, sha256 and size."""
    described = []
    for file in files:
        content = read_bytes(file)
        described.append(
            {
                "path": file.relative_to(raw).as_posix(),
                "sha256": hashlib.sha256(content).hexdigest(),
                "bytes": len(content),
            }
        )
    return described


def lock_entry(extract: Path, raw_files: list[dict]) -> dict:
    """An extract's entry in the lock: the file's checksum, size and data rows, and the raw files it came from."""
    content = read_bytes(extract)
    records = list(csv.reader(io.StringIO(decode(extract, content), newline="")))
    return {
        "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
        "bytes": len(content),
        "rows": len(records) - 1,  # the header is not a data row
        "raw_files": raw_files,
    }


def _locked(resource: dict) -> dict:
    """The lock's entry for an extract, taken back out of the catalogue resource it is merged into."""
    return {
        "hash": resource.get("hash"),
        "bytes": resource.get("bytes"),
        "rows": resource.get("rows"),
        "raw_files": resource["raw"].get("files"),
    }


def _differences(catalogue: Catalogue, dataset_id: str, content: bytes, raw_files: list[dict]) -> list[str]:
    """How the committed extract and its lock entry differ from a rebuild (``content`` from ``raw_files``)."""
    target = catalogue.path(dataset_id)
    locked = _locked(catalogue.resource(dataset_id))
    found = []
    if not target.is_file() or target.read_bytes() != content:
        found.append(f"{target}: differs from the extract rebuilt from the raw files")
    if locked["raw_files"] != raw_files:
        found.append(f"{dataset_id}: the raw files' names, sha256 or sizes differ from those {LOCK} records")
    if target.is_file() and lock_entry(target, locked["raw_files"]) != locked:
        found.append(f"{dataset_id}: {LOCK} records another hash, size or row count than {target} has (stale lock)")
    return found


def run(raw: Path, folder: Path, check: bool = False) -> list[str]:
    """Rebuild every extract; write the extracts and the lock or, with ``check``, only list the differences."""
    catalogue = read_catalogue(folder)
    # Build everything before writing anything, so a failing step leaves the extracts and lock as they were.
    rebuilt = []
    for step in STEPS:
        files = find_files(raw, step.raw_patterns)
        rebuilt.append((step.dataset_id, csv_bytes(step.build(files)), describe_raw_files(raw, files)))
    if check:
        return [line for rebuild in rebuilt for line in _differences(catalogue, *rebuild)]
    lock = {}
    for dataset_id, content, raw_files in rebuilt:
        target = catalogue.path(dataset_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        lock[dataset_id] = lock_entry(target, raw_files)
    text = json.dumps({"resources": lock}, indent=2, ensure_ascii=False) + "\n"
    (catalogue.folder / LOCK).write_bytes(text.encode("utf-8"))
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m factbook.extracts", description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, help="folder of raw files (default: $FACTBOOK_RAW or ../shared/data-raw)")
    parser.add_argument("--check", action="store_true", help="rebuild in memory and report differences; write nothing")
    args = parser.parse_args(argv)
    folder = data_dir()
    differences = run(args.raw or raw_dir(), folder, check=args.check)
    for line in differences:
        print(line, file=sys.stderr)
    if not args.check:
        print(f"wrote {len(STEPS)} extracts and {LOCK} in {folder}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
