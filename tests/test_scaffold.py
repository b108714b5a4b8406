"""`make new`: a question page from the template, listed in the table of contents, or a clear refusal."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from factbook.data import REPO_ROOT
from factbook.scaffold import ScaffoldError, new_page


@pytest.fixture
def book(tmp_path):
    """The table of contents, the template and the pages, copied."""
    shutil.copy(REPO_ROOT / "_toc.yml", tmp_path / "_toc.yml")
    shutil.copytree(REPO_ROOT / "notebooks", tmp_path / "notebooks")
    return tmp_path


def _state(root):
    return (root / "_toc.yml").read_text(encoding="utf-8"), sorted(p.name for p in (root / "notebooks").iterdir())


def test_a_new_page_is_titled_and_listed_last_among_the_questions(book):
    created = new_page("russia_share", "Has Russia's share of North Korea's trade grown?", book)
    assert created == book / "notebooks" / "russia_share.ipynb"
    assert "# Has Russia's share of North Korea's trade grown?" in created.read_text(encoding="utf-8")
    toc = (book / "_toc.yml").read_text(encoding="utf-8")
    part = toc.split("  - caption: New questions\n")[1].split("  - caption:")[0]
    assert part.rstrip().endswith("- file: notebooks/russia_share")


@pytest.mark.parametrize(
    "name, title, message",
    [
        ("q_un_voting", "Again", "exists already"),
        ("russia share", "T", "no spaces"),
        ("../russia", "T", "path separators"),
        ("notebooks/russia", "T", "path separators"),
        ("Russia", "T", "lowercase"),
        ("russia", "  ", "one-line title"),
    ],
)
def test_a_bad_name_or_title_is_refused_and_changes_nothing(book, name, title, message):
    before = _state(book)
    with pytest.raises(ScaffoldError, match=message):
        new_page(name, title, book)
    assert _state(book) == before


def test_make_new_creates_a_page_that_builds_and_runs(tmp_path):
    copy = tmp_path / "book"
    shutil.copytree(REPO_ROOT, copy, ignore=shutil.ignore_patterns(".venv", "_build", ".git", "*.egg-info"))
    subprocess.run([sys.executable, "-m", "factbook.scaffold", "my_question", "My question?"], cwd=copy, check=True)
    page = copy / "notebooks" / "my_question.ipynb"
    nbval = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax", str(page)],
        cwd=copy,
        capture_output=True,
        text=True,
    )
    assert nbval.returncode == 0, nbval.stdout[-2000:]
    jupyter_book = shutil.which("jupyter-book", path=str(REPO_ROOT / ".venv" / "bin")) or "jupyter-book"
    built = subprocess.run([jupyter_book, "build", str(page)], cwd=copy, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-2000:]
    html = next((copy / "_build").rglob("my_question.html")).read_text(encoding="utf-8")
    assert "My question?" in html and "factbook-chart" in html
