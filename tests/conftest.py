"""Shared fixtures: the repository, a writable copy of data/, the built book and a local server."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from factbook.data import DESCRIPTOR, LOCK, REPO_ROOT
from factbook.extracts.raw import find_files, raw_dir
from factbook.pdf import serve

# The built book; FACTBOOK_BUILT_HTML points the tests at a book built elsewhere (jupyter-book --path-output).
BUILT_HTML = Path(os.environ.get("FACTBOOK_BUILT_HTML", REPO_ROOT / "_build" / "html"))
IN_CI = os.environ.get("CI", "").lower() == "true"


def require(condition: bool, reason: str) -> None:
    """Skip when a resource is absent on a developer's machine; fail in CI, where it must exist."""
    if condition:
        return
    if IN_CI:
        pytest.fail(reason + " (required when CI=true)")
    pytest.skip(reason)


def raw_files(patterns: tuple[str, ...]) -> list[Path]:
    """The raw files an extract step reads; skipped (failed in CI) when one is absent."""
    raw = raw_dir()
    missing = [pattern for pattern in patterns if not any(raw.glob(pattern))]
    require(not missing, f"raw files {missing} not found in {raw} (set FACTBOOK_RAW)")
    return find_files(raw, patterns)


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ that the loader reads instead of the real one."""
    folder = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", folder)
    monkeypatch.setenv("FACTBOOK_DATA", str(folder))
    return folder


def resources() -> list[dict]:
    """The catalogue's human-written entries, read without validating any data (for parametrising tests)."""
    return json.loads((REPO_ROOT / "data" / DESCRIPTOR).read_text(encoding="utf-8"))["resources"]


def rewrite(folder: Path, dataset_id: str, change, *, update_hash: bool = True) -> Path:
    """Apply ``change`` to a dataset's rows (as strings) in a data copy; re-record an extract's checksum."""
    resource = next(
        r for r in json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))["resources"] if r["name"] == dataset_id
    )
    path = folder / resource["path"]
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table = change(table)
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\n")
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    lock = json.loads((folder / LOCK).read_text(encoding="utf-8"))
    if update_hash and dataset_id in lock["resources"]:
        lock["resources"][dataset_id]["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
        (folder / LOCK).write_text(json.dumps(lock, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def built_html() -> Path:
    """The built book; `make test` builds it before running the tests."""
    if not (BUILT_HTML / "index.html").is_file():
        pytest.fail(f"no built book in {BUILT_HTML}: run `make book` (or `make test`, which builds it first)")
    return BUILT_HTML


def book_pages(root: Path) -> list[Path]:
    """Every HTML page of the built book (not the theme's or Sphinx's own assets)."""
    skip = {"_static", "_sources", "_downloads", "_images"}
    return sorted(p for p in root.rglob("*.html") if not skip & set(p.relative_to(root).parts))


@pytest.fixture(scope="session")
def book_server(built_html):
    """Serve the built book on 127.0.0.1 for the length of the session; yields its base URL."""
    with serve(built_html) as url:
        yield url


@pytest.fixture
def raw() -> Path:
    """The folder of raw files; skipped (failed in CI) when it is absent."""
    folder = raw_dir()
    require(folder.is_dir(), f"raw data folder {folder} not found (set FACTBOOK_RAW)")
    return folder
