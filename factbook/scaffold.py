"""Start a new question page: copy the template, give it its title, add it to the table of contents.

    python -m factbook.scaffold NAME "TITLE"      # or: make new NAME=... TITLE="..."

The page becomes ``notebooks/NAME.ipynb``, listed last in the "New questions" part of ``_toc.yml``. NAME must
be new and made of lowercase letters, digits and underscores; nothing is written unless every check passes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

TEMPLATE = Path("notebooks") / "template.ipynb"
PART = "  - caption: New questions\n    chapters:\n"
NAME = re.compile(r"[a-z][a-z0-9_]*")


class ScaffoldError(ValueError):
    """A page that cannot be created, and why."""


def new_page(name: str, title: str, root: Path) -> Path:
    """Create ``notebooks/<name>.ipynb`` from the template under ``root`` and list it in ``_toc.yml``."""
    if not NAME.fullmatch(name):
        raise ScaffoldError(
            f"page name {name!r}: use lowercase letters, digits and underscores, starting with a letter "
            "(no spaces, dots or path separators)"
        )
    if not title.strip() or "\n" in title:
        raise ScaffoldError('the page needs a one-line title, e.g. TITLE="Has Russia\'s share of trade grown?"')
    target = root / "notebooks" / f"{name}.ipynb"
    if target.exists():
        raise ScaffoldError(f"notebooks/{name}.ipynb exists already: choose another name")
    toc_path = root / "_toc.yml"
    toc = toc_path.read_text(encoding="utf-8")
    if PART not in toc:
        raise ScaffoldError(f"{toc_path} has no 'New questions' part to list the page in")
    notebook = nbformat.read(root / TEMPLATE, as_version=4)
    heading = next(cell for cell in notebook.cells if cell.cell_type == "markdown" and cell.source.startswith("# "))
    heading.source = f"# {title.strip()}"
    start = toc.index(PART) + len(PART)
    end = toc.find("\n  - caption:", start)
    end = len(toc) if end == -1 else end + 1
    nbformat.write(notebook, target)
    toc_path.write_text(toc[:end] + f"      - file: notebooks/{name}\n" + toc[end:], encoding="utf-8")
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit('usage: python -m factbook.scaffold NAME "TITLE"   (or: make new NAME=... TITLE="...")')
    try:
        created = new_page(sys.argv[1], sys.argv[2], Path.cwd())
    except ScaffoldError as error:
        sys.exit(f"make new: {error}; nothing was changed")
    print(f"created {created.relative_to(Path.cwd())} and listed it in _toc.yml under 'New questions'")
