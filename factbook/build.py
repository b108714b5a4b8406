"""Prepare a book build: ship the chart libraries and drop a build made from older inputs.

Jupyter Book's execution cache keys on code cells only, and Sphinx re-reads a page
only when its own source changes, so a change in ``data/`` or ``factbook/`` would
otherwise leave old numbers in the book. :func:`prepare` fingerprints those inputs
and removes the build folder when the fingerprint differs from the last build's.

    python -m factbook.build            # run before `jupyter-book build .`
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

from factbook.charts import write_vega_bundle
from factbook.data import REPO_ROOT

# Inputs whose change must re-execute every notebook.
INPUTS = ["data", "factbook", "_config.yml", "_toc.yml", "requirements.txt"]
STAMP = ".inputs-sha256"


def fingerprint(root: Path) -> str:
    """sha256 over the paths and bytes of every file under INPUTS."""
    digest = hashlib.sha256()
    for name in INPUTS:
        top = root / name
        files = sorted(top.rglob("*")) if top.is_dir() else [top]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(file.relative_to(root).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def prepare(root: Path = REPO_ROOT, build_dir: Path | None = None) -> bool:
    """Write the vega bundle into ``_static``; remove a stale build. True if removed."""
    build_dir = build_dir or root / "_build"
    write_vega_bundle(root / "_static")
    stamp = build_dir / STAMP
    current = fingerprint(root)
    stale = build_dir.exists() and (not stamp.is_file() or stamp.read_text().strip() != current)
    if stale:
        shutil.rmtree(build_dir)
    build_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current + "\n")
    return stale


def main() -> int:
    removed = prepare()
    print("inputs changed since the last build: removed _build" if removed else "inputs unchanged since the last build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
