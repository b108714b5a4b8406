"""The package's shape: layers that import only downward, and each claim evaluated once per page."""

from __future__ import annotations

import ast
import json
from collections import Counter

import pytest
from IPython.core.interactiveshell import InteractiveShell

from factbook import claims, data
from factbook.data import REPO_ROOT

PACKAGE = REPO_ROOT / "factbook"
# Bottom to top: a module may import only from its own layer's modules below it, never upward.
LAYERS = [
    ["schema"],
    ["data"],
    ["curated", "indicators", "verdict"],
    ["checks"],
    ["power_balance"],
    ["claims", "charts"],
    ["views", "figures"],
    ["build", "extracts", "scaffold", "pdf", "offline"],
    ["bench"],
]


def _layer(module: str) -> int:
    top = module.split(".")[1]
    for index, names in enumerate(LAYERS):
        if top in names:
            return index
    raise AssertionError(f"factbook.{top} is in no layer: add it to LAYERS")


def _imports(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("factbook"):
            found |= {node.module} if node.module != "factbook" else {f"factbook.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("factbook.")}
    return found


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(REPO_ROOT).with_suffix("").parts
        if parts[-1] != "__init__" or len(parts) > 2:
            yield ".".join(parts), path


@pytest.mark.parametrize("module,path", list(_modules()), ids=lambda v: v if isinstance(v, str) else "")
def test_modules_import_only_from_lower_layers(module, path):
    if module == "factbook":
        return
    own = _layer(module)
    for imported in _imports(path):
        if imported.split(".")[1] == module.split(".")[1]:
            continue  # within one package (factbook.extracts.*)
        assert _layer(imported) < own, f"{module} (layer {own}) imports {imported} (layer {_layer(imported)})"


def _run(shell: InteractiveShell, notebook: str) -> None:
    cells = json.loads((REPO_ROOT / "notebooks" / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] == "code":
            shell.run_cell("".join(cell["source"])).raise_error()


def test_rendering_a_chapter_the_ledger_and_an_audit_page_evaluates_each_claim_once(monkeypatch):
    catalogue_reads = Counter()
    read_json = data._read_json
    monkeypatch.setattr(data, "_read_json", lambda file: catalogue_reads.update([file.name]) or read_json(file))
    claims._evaluate.cache_clear()
    data._read_catalogue.cache_clear()
    shell = InteractiveShell.instance()
    try:
        for notebook in ("article_a3", "ledger", "audit_a3"):
            _run(shell, notebook)
        evaluated = claims._evaluate.cache_info().misses
    finally:
        InteractiveShell.clear_instance()
        claims._evaluate.cache_clear()
    checked = claims.registry()["check"].dropna()
    assert evaluated == len(checked), f"{evaluated} evaluations of {len(checked)} checked claims"
    assert catalogue_reads == {data.DESCRIPTOR: 1, data.LOCK: 1}
