"""Article chapters: each rebuilds its article's argument, one section per step, as data/steps.csv lists them.

These read the committed notebooks (not their outputs): the order and headings of the step
sections, the chart each step draws, the glued numbers in each section's prose, the evidence
dropdown, the short visible cells, and a left-out section that differs from chapter to chapter.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from factbook import claims
from factbook.data import REPO_ROOT

ARTICLES = ["A0", "A1", "A2", "A3", "A4"]
OPENING = ["The argument in brief", "How it holds up"]
CLOSING = "What the article leaves out"
MAX_CELL_LINES = 15
GLUED = re.compile(r"\{glue(?::text)?\}`([a-z0-9_]+)")
LABEL = re.compile(r"^\(([a-z0-9-]+)\)=\s*$", re.MULTILINE)
HEADING = re.compile(r"^## (.+)$", re.MULTILINE)


def _notebook(article: str):
    return nbformat.read(REPO_ROOT / "notebooks" / f"article_{article.lower()}.ipynb", as_version=4)


def _sections(article: str) -> dict[str, dict]:
    """Each `##` section of a chapter: its label, markdown and code, in page order."""
    sections: dict[str, dict] = {}
    current = None
    for cell in _notebook(article).cells:
        if cell.cell_type == "markdown":
            for match in HEADING.finditer(cell.source):
                labels = LABEL.findall(cell.source[: match.start()])
                current = sections.setdefault(
                    match.group(1).strip(), {"label": labels[-1] if labels else None, "markdown": "", "code": ""}
                )
        if current is not None:
            current["markdown" if cell.cell_type == "markdown" else "code"] += cell.source + "\n"
    return sections


def _glued_keys(code: str) -> set[str]:
    return set(re.findall(r"""glue\(\s*["']([a-z0-9_]+)["']""", code))


@pytest.mark.parametrize("article", ARTICLES)
def test_a_chapter_opens_with_the_argument_then_one_section_per_step_then_what_is_left_out(article):
    steps = claims.steps(article)
    headings = list(_sections(article))
    expected = OPENING + list(steps["heading"]) + [CLOSING]
    assert headings == expected, f"{article}: sections {headings}, expected {expected}"


@pytest.mark.parametrize("article", ARTICLES)
def test_each_step_section_shows_its_claims_chart_evidence_and_glued_numbers(article):
    sections = _sections(article)
    for step in claims.steps(article).itertuples():
        section = sections[step.heading]
        where = f"{article} step '{step.step}'"
        label = f"{article.lower()}-{step.step}"
        assert section["label"] == label, f"{where}: put the label ({label})= above its heading"
        assert f'claims.of_step(ARTICLE, "{step.step}")' in section["code"], f"{where}: load its claims"
        if step.figure:
            drawn = re.findall(r'figures\.draw\("([a-z_]+)"', section["code"])
            assert drawn == [step.figure], f"{where}: draws {drawn}, data/steps.csv registers {step.figure}"
        else:
            assert "views.table(" in section["code"], f"{where}: no figure registered, so it needs a table"
        assert "views.evidence_dropdown(" in section["code"], f"{where}: evidence belongs in the dropdown"
        assert GLUED.search(section["markdown"]), f"{where}: its reading of the evidence glues no number"
        cited = {c.lower() for c in re.findall(r"claim-(a[0-9]-[0-9]{2,3})", section["markdown"])}
        mine = {c.lower() for c in claims.of_step(article, step.step)["claim_id"]}
        assert cited & mine, f"{where}: the restatement links none of its claims to the ledger"


@pytest.mark.parametrize("article", ARTICLES)
def test_every_glued_number_is_glued_by_a_code_cell_of_the_same_chapter(article):
    cells = _notebook(article).cells
    code = "\n".join(c.source for c in cells if c.cell_type == "code")
    prose = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    used, glued = set(GLUED.findall(prose)), _glued_keys(code)
    assert used <= glued, f"{article}: prose uses glue keys no cell glues: {used - glued}"
    prefix = article.lower() + "_"
    assert all(key.startswith(prefix) for key in glued), f"{article}: glue keys start with {prefix!r}"
    assert GLUED.search(_sections(article)["How it holds up"]["markdown"]), f"{article}: headline findings glued"


@pytest.mark.parametrize("article", ARTICLES)
def test_cells_are_short_and_only_setup_is_hidden(article):
    code_cells = [c for c in _notebook(article).cells if c.cell_type == "code"]
    hidden = [c for c in code_cells if "hide-input" in c.metadata.get("tags", [])]
    assert hidden == code_cells[:1], f"{article}: only the first (setup) cell may be hidden"
    assert "import" in code_cells[0].source and "charts.enable()" in code_cells[0].source
    for cell in code_cells:
        lines = [line for line in cell.source.splitlines() if line.strip()]
        assert len(lines) <= MAX_CELL_LINES, f"{article}: a cell of {len(lines)} lines:\n{cell.source}"


def test_left_out_sections_are_computed_and_differ_across_chapters():
    closings = {a: _sections(a)[CLOSING] for a in ARTICLES}
    for article, section in closings.items():
        assert GLUED.search(section["markdown"]), f"{article}: what is left out must be computed and glued"
    keys = {a: frozenset(GLUED.findall(s["markdown"])) for a, s in closings.items()}
    assert len(set(keys.values())) == len(ARTICLES)
    code = {a: s["code"].strip() for a, s in closings.items()}
    assert len(set(code.values())) == len(ARTICLES), "two chapters compute the same left-out section"


def test_every_claim_belongs_to_a_step_of_its_article_and_every_step_has_claims():
    registry = claims.registry()
    for article in ARTICLES:
        steps = set(claims.steps(article)["step"])
        used = set(registry.loc[registry["article"] == article, "step"])
        assert used <= steps, f"{article}: claims name steps not in data/steps.csv: {used - steps}"
        assert steps <= used, f"{article}: steps with no claims: {steps - used}"


def test_of_step_rejects_an_unknown_step():
    with pytest.raises(KeyError, match="no step 'no-such-step'"):
        claims.of_step("A0", "no-such-step")
