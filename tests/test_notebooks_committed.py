"""Notebooks are committed without outputs, so the book always shows freshly computed numbers."""

from __future__ import annotations

import json

import pytest

from factbook.data import REPO_ROOT

NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_no_outputs(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), f"{path.name} cell {index} has outputs: strip them (nbstripout)"
            assert cell.get("execution_count") is None, f"{path.name} cell {index} has an execution count"
