"""Measure the book against its budgets on a scratch copy of the repository; print a table, write JSON.

Each run copies the working tree (without ``.venv`` and ``_build``) into a temporary folder and,
there: installs the pinned requirements into a fresh virtual environment (pip's cache warm),
runs ``make book`` cold and again unchanged, runs ``make test`` (the test modules that build the
book again timed apart, as the budget leaves them out), opens every page in Chromium to time its
charts, and rebuilds after one notebook's code changes and after one data file changes (checking
that the changed number shows). The repository's own ``_build`` and ``.venv`` are never touched.
Figures are the median over the runs and their spread (max - min).

    python -m factbook.bench                  # 3 runs of everything
    python -m factbook.bench --quick          # no install (uses this environment, read-only) and no make test
    python -m factbook.bench --repeat 5 --output _build/bench.json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from factbook.data import REPO_ROOT
from factbook.extracts.raw import raw_dir
from factbook.pdf import chromium, open_drawn, serve

# What the README promises; a figure above its budget is flagged in the table.
BUDGETS = {
    "no_change_rebuild_s": 3.0,
    "article_kb": 250.0,
    "page_kb": 400.0,
    "charts_drawn_s": 1.5,
    "make_test_s": 90.0,
}
SKIP = shutil.ignore_patterns(".venv", "_build", ".pytest_cache", "__pycache__", "*.egg-info", "vega-bundle.js")
# A code change that re-executes one notebook, and a data change whose new number must show on a page.
NOTEBOOK = "notebooks/q_missiles.ipynb"
DATA_FILE = "data/curated/ru_cn_pipeline_gas.csv"
DATA_EDIT = ("\n2025,38.8,bcm,true,", "\n2025,41.7,bcm,true,")
DATA_PAGE = "_build/html/notebooks/q_china_russia.html"
DATA_SHOWS = "to 41.7 bcm in 2025"
# `make test`'s pytest run, split: test modules that build the book again are timed apart (outside the budget).
PYTEST = ["-m", "pytest", "-n", "2", "--dist", "loadfile", "--nbval-lax"]
EXTRA_BUILDS = ["tests/test_reliability.py"]
EXECUTED = re.compile(r"notebooks/(\w+)\.ipynb: Executed notebook in ([\d.]+) seconds")


def run(command: list[str], cwd: Path, env: dict) -> tuple[float, str]:
    """Run a command; its wall time in seconds and its output. Fails with the output's tail."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-40:])
        raise RuntimeError(f"`{' '.join(command)}` failed in {cwd} (exit {done.returncode}):\n{tail}")
    return seconds, done.stdout + done.stderr


def build(root: Path, make: list[str], env: dict) -> tuple[float, dict[str, float]]:
    """`make book`: seconds, and seconds per notebook it executed."""
    seconds, log = run([*make, "book"], root, env)
    return seconds, {name: float(value) for name, value in EXECUTED.findall(log)}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(f"{path}: {old!r} not found; update the bench's edit to match the file")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def touch_code(notebook: Path) -> None:
    """Append a comment to the notebook's first code cell, which changes its execution-cache key."""
    content = json.loads(notebook.read_text(encoding="utf-8"))
    cell = next(c for c in content["cells"] if c["cell_type"] == "code")
    cell["source"] = "".join(cell["source"]) + "\n# touched by factbook.bench"
    notebook.write_text(json.dumps(content, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def page_text(path: Path) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")).split())


def pages(html: Path) -> list[Path]:
    return sorted(p for p in html.glob("notebooks/*.html"))


def chart_times(html: Path) -> dict[str, float]:
    """Seconds from navigation until every chart on the page has drawn, for each page with charts.

    Each page opens in a new browser context, so with an empty cache, as a reader arriving from a link.
    """
    times = {}
    with serve(html) as base, chromium() as browser:
        for path in pages(html):
            context = browser.new_context()
            drawn = open_drawn(context.new_page(), f"{base}/notebooks/{path.name}")
            context.close()
            if drawn is not None:
                times[path.stem] = drawn / 1000
    return times


def one_run(scratch: Path, quick: bool) -> dict:
    """Every measurement on one fresh copy of the repository."""
    root = scratch / "repo"
    shutil.copytree(REPO_ROOT, root, ignore=SKIP)
    # The copy imports its own package and reads the raw files beside this repository.
    env = {**os.environ, "PYTHONPATH": str(root), "FACTBOOK_RAW": str(raw_dir())}
    env.pop("FACTBOOK_BUILT_HTML", None)
    figures: dict = {}
    if quick:  # this interpreter's environment, which make must never reinstall
        venv = Path(sys.prefix)
        make = ["make", f"VENV={venv}", "-o", f"{venv}/.installed"]
    else:
        make = ["make"]
        figures["install_s"], _ = run([*make, ".venv/.installed"], root, env)
        venv = root / ".venv"
    figures["cold_build_s"], executed = build(root, make, env)
    figures["notebook_s"] = executed
    figures["notebooks_total_s"] = sum(executed.values())
    figures["build_over_execution"] = figures["cold_build_s"] / figures["notebooks_total_s"]
    figures["no_change_rebuild_s"], _ = build(root, make, env)
    if not quick:
        lint_and_book, _ = run([*make, "lint", "book"], root, env)
        tests, _ = run([str(venv / "bin" / "python"), *PYTEST, *(f"--ignore={m}" for m in EXTRA_BUILDS)], root, env)
        figures["make_test_s"] = lint_and_book + tests
        figures["extra_build_tests_s"], _ = run([str(venv / "bin" / "python"), *PYTEST, *EXTRA_BUILDS], root, env)
    html = root / "_build" / "html"
    figures["page_kb"] = {path.stem: path.stat().st_size / 1000 for path in pages(html)}
    figures["charts_drawn_s"] = chart_times(html)
    touch_code(root / NOTEBOOK)
    figures["notebook_change_rebuild_s"], rerun = build(root, make, env)
    figures["notebook_change_executed"] = sorted(rerun)
    edit(root / DATA_FILE, *DATA_EDIT)
    figures["data_change_rebuild_s"], _ = build(root, make, env)
    figures["data_change_shows"] = DATA_SHOWS in page_text(root / DATA_PAGE)
    return figures


def summarise(runs: list[dict]) -> dict:
    """Median and spread (max - min) of every number over the runs, nested like one run's figures."""

    def combine(values: list):
        if isinstance(values[0], dict):
            return {key: combine([v[key] for v in values if key in v]) for key in values[0]}
        if isinstance(values[0], bool) or not isinstance(values[0], (int, float)):
            return values
        return {"median": statistics.median(values), "spread": max(values) - min(values)}

    return combine(runs)


def table(summary: dict) -> str:
    """A markdown table: one row per figure (per page or notebook where it has one), with its budget."""
    rows = ["| measure | median | spread | budget |", "|---|---:|---:|---|"]

    def row(name: str, cell: dict, budget: float | None = None) -> None:
        over = " **over**" if budget is not None and cell["median"] > budget else ""
        limit = f"≤ {budget:g}{over}" if budget is not None else ""
        rows.append(f"| {name} | {cell['median']:.2f} | {cell['spread']:.2f} | {limit} |")

    for key in ("install_s", "cold_build_s", "no_change_rebuild_s", "notebook_change_rebuild_s"):
        if key in summary:
            row(key, summary[key], BUDGETS.get(key))
    executed = sorted({name for names in summary["notebook_change_executed"] for name in names})
    rows.append(f"| notebook change re-executes | {', '.join(executed)} | | only {Path(NOTEBOOK).stem} |")
    row("data_change_rebuild_s", summary["data_change_rebuild_s"])
    rows.append(f"| data change shows `{DATA_SHOWS}` | {all(summary['data_change_shows'])} | | must be True |")
    if "make_test_s" in summary:
        row("make_test_s (2 cores, without the extra builds)", summary["make_test_s"], BUDGETS["make_test_s"])
        row(f"extra_build_tests_s ({', '.join(EXTRA_BUILDS)})", summary["extra_build_tests_s"])
    row("build_over_execution (ratio)", summary["build_over_execution"])
    row("notebooks_total_s (execution)", summary["notebooks_total_s"])
    for name, cell in summary["notebook_s"].items():
        row(f"execute {name}.ipynb s", cell)
    for name, cell in summary["page_kb"].items():
        row(f"{name}.html KB", cell, BUDGETS["article_kb" if name.startswith("article_") else "page_kb"])
    for name, cell in summary["charts_drawn_s"].items():
        row(f"{name} charts drawn s", cell, BUDGETS["charts_drawn_s"])
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs, each on a fresh copy (default 3)")
    parser.add_argument("--quick", action="store_true", help="skip the install and make test")
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "_build" / "bench.json", help="where the JSON goes")
    args = parser.parse_args(argv)
    runs = []
    for number in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="factbook-bench-") as scratch:
            print(f"run {number + 1} of {args.repeat} in {scratch}", flush=True)
            runs.append(one_run(Path(scratch), args.quick))
    summary = summarise(runs)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"quick": args.quick, "runs": runs, "summary": summary}, indent=1) + "\n")
    print(table(summary))
    print(f"\nJSON: {args.output}")
    return 0 if all(summary["data_change_shows"]) else 1


if __name__ == "__main__":
    sys.exit(main())
