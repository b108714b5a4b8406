"""Download the raw files the extracts are built from (``make raw``), each checked against its pinned sha256.

``data/raw-registry.txt`` (pooch's registry format) lists every raw file the lock records: its path
under the raw folder, its sha256 and the URL to download it from. Each file missing from the folder,
or not matching its sha256, is downloaded to a temporary file and kept only if its sha256 matches, so
a failed, tampered or interrupted download leaves nothing behind.

    python -m factbook.extracts.fetch                  # into $FACTBOOK_RAW, or the cache (CACHE)
    python -m factbook.extracts.fetch --mirror URL     # from a copy of the raw folder served at URL
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pooch
import requests

from factbook.data import data_dir
from factbook.extracts.raw import CACHE

REGISTRY = "raw-registry.txt"

MANUAL = """\
Without a network: download each file above from its URL on a machine that has one (data/README.md names
every producer), put it at its path under {folder}, then run `make raw` again to check every sha256;
or point FACTBOOK_RAW at a folder that already holds the raw files."""


def target() -> Path:
    """Where the raw files go: ``$FACTBOOK_RAW``, else the cache."""
    return Path(os.environ.get("FACTBOOK_RAW", CACHE))


def registry(folder: Path, mirror: str | None = None) -> pooch.Pooch:
    """The registered raw files, to be kept in ``folder``; ``mirror`` serves them under their paths instead."""
    files = pooch.create(path=folder, base_url=mirror or "", retry_if_failed=0)
    files.load_registry(data_dir() / REGISTRY)
    if mirror:
        files.urls.clear()
    return files


def fetch(folder: Path, mirror: str | None = None) -> list[str]:
    """Make every registered raw file present in ``folder`` with its sha256; return those that could not be."""
    files = registry(folder, mirror)
    failed = []
    for name in files.registry:
        try:
            files.fetch(name)
        except (OSError, ValueError) as error:  # no connection, an HTTP error, a transfer cut short; a wrong sha256
            failed.append(f"{name} from {files.get_url(name)}: {_reason(error)}")
            _remove_if_empty((folder / name).parent)
    return failed


def _reason(error: Exception) -> str:
    """Why a download failed, in one line."""
    if isinstance(error, requests.ConnectionError):
        return "no connection to its host"
    if isinstance(error, requests.exceptions.ChunkedEncodingError):
        return "the transfer was cut short"
    if isinstance(error, ValueError):  # pooch: the downloaded file's hash differs from the registry's
        return "sha256 mismatch: " + str(error).split(". ")[0]
    return f"{type(error).__name__}: {error}"


def _remove_if_empty(folder: Path) -> None:
    """Remove the folder pooch made for a file it did not keep, unless another file is in it."""
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m factbook.extracts.fetch", description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, help=f"folder to fill (default: $FACTBOOK_RAW or {CACHE})")
    parser.add_argument("--mirror", help="base URL of a copy of the raw folder, used instead of the producers' URLs")
    args = parser.parse_args(argv)
    folder = args.raw or target()
    failed = fetch(folder, args.mirror)
    if failed:
        print(
            f"could not fetch {len(failed)} raw files into {folder} (none of them was kept):",
            *failed,
            sep="\n  ",
            file=sys.stderr,
        )
        print(MANUAL.format(folder=folder), file=sys.stderr)
        return 1
    print(f"every raw file in data/{REGISTRY} is in {folder} with its sha256")
    return 0


if __name__ == "__main__":
    sys.exit(main())
