"""Figures: each step of an article's argument draws the figure data/steps.csv names, reading data its claims cite."""

from __future__ import annotations

import json
import re

import nbformat
import pandas as pd
import pytest

from factbook import charts, claims, figures
from factbook.data import REPO_ROOT, load
from factbook.verdict import Result

ARTICLES = ["A0", "A1", "A2", "A3", "A4"]


def _cited(chosen: pd.DataFrame) -> set[str]:
    return {d for datasets in chosen["datasets"].dropna() for d in datasets.split(";")}


@pytest.mark.parametrize("article", ARTICLES)
def test_each_steps_figure_reads_data_its_claims_cite(article):
    charts.enable()
    for step in claims.steps(article).itertuples():
        chosen = claims.of_step(article, step.step)
        if not step.figure:
            continue
        spec = figures.draw(step.figure, chosen).to_dict()
        shown = set(spec["usermeta"]["factbook"]["datasets"])
        cited = _cited(chosen)
        assert shown & cited, f"{article} '{step.step}': {step.figure} shows {shown}, its claims cite {cited}"
        assert "chart-source" in charts.render(spec)["text/html"]


@pytest.mark.parametrize("article", ARTICLES)
def test_a_step_whose_claims_cite_no_data_has_no_figure_to_pretend_otherwise(article):
    for step in claims.steps(article).itertuples():
        if step.figure:
            assert _cited(claims.of_step(article, step.step)), f"{article} '{step.step}': no cited data to draw"


def _drawn_by_notebooks() -> set[str]:
    """Figures a notebook draws by name outside the step registry (e.g. the power-balance chapter)."""
    names = set()
    for path in (REPO_ROOT / "notebooks").glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            names |= set(re.findall(r'figures\.draw\("([a-z_]+)"', cell.source)) if cell.cell_type == "code" else set()
    return names


def test_every_figure_is_declared_somewhere_and_every_declared_figure_exists():
    declared = set(load("steps")["figure"].dropna()) | set(load("comparisons")["figure"].dropna())
    declared |= _drawn_by_notebooks()
    assert declared <= set(figures.FIGURES), f"unknown figures: {declared - set(figures.FIGURES)}"
    assert set(figures.FIGURES) <= declared, f"figures no page declares: {set(figures.FIGURES) - declared}"
    with pytest.raises(KeyError, match="no figure named"):
        figures.draw("no_such_figure", claims.of_article("A0"))


def _claim(claim_id: str, bounds=(None, None), events=()) -> dict:
    result = Result("supported", 1.0, "x", "rule", "finding", pd.DataFrame({"dataset": ["d"]}), bounds, events)
    return {"claim_id": claim_id, "article": claim_id[:2], "key_phrase": "phrase", "result": result}


def test_claimed_bounds_and_cited_events_come_from_the_results():
    chosen = pd.DataFrame(
        [
            _claim("A9-01", (80, None)),
            _claim("A9-02", (85, 90), ("treaty-2024",)),
            {"claim_id": "A9-03", "article": "A9", "key_phrase": "p", "result": None},
        ]
    )
    bounds = figures.claimed_bounds(chosen)
    assert list(zip(bounds["bound"], bounds["value"], strict=True)) == [("low", 80.0), ("low", 85.0), ("high", 90.0)]
    assert figures.cited_events(chosen) == {"treaty-2024"}


def _fields_used(spec: dict) -> str:
    """The spec without its inline data, as text: every field a chart encodes, filters or computes is named in it."""
    return json.dumps({key: value for key, value in spec.items() if key != "datasets"})


@pytest.mark.parametrize("article", ARTICLES)
def test_step_charts_carry_only_the_columns_they_draw(article):
    charts.enable()
    for step in claims.steps(article).itertuples():
        if not step.figure:
            continue
        spec = figures.draw(step.figure, claims.of_step(article, step.step)).to_dict()
        used = _fields_used(spec)
        for rows in spec.get("datasets", {}).values():
            unused = [c for c in (rows[0] if rows else {}) if f'"{c}' not in used and f"datum.{c}" not in used]
            assert not unused, f"{article} '{step.step}': {step.figure} ships columns it never draws: {unused}"
