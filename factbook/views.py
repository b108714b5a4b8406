"""Reader-facing tables and text about the claims: every page shows claims through these.

Each function takes the output of :func:`factbook.claims.results` (claims with their
verdicts and results) and returns a styled table, or markdown, ready to display. Text
that comes from data is escaped before it reaches the page.
"""

from __future__ import annotations

import html
import re

import pandas as pd
from IPython.display import HTML, Markdown
from pandas.io.formats.style import Styler

from factbook.charts import source_line
from factbook.claims import of_article, revisions
from factbook.claims import results as claim_results
from factbook.data import load
from factbook.verdict import VERDICTS, Result

LEDGER_PAGE = "ledger"
# Indentation before a table's own tags (not before tags inside a cell, where a space can matter).
TABLE_LAYOUT_SPACE = re.compile(r"\s+(?=</?(?:table|caption|thead|tbody|tr|th|td)\b)")


def anchor(claim_id: str) -> str:
    """The HTML id of a claim's section on any page that shows it."""
    return "claim-" + claim_id.lower()


QUESTIONS_AUDIT_PAGE = "audit_questions"


def audit_link(claim_id: str) -> str:
    """The address of a claim's audit trail: its article's audit page (``audit_a1.html#claim-a1-05``), or the
    question pages' one (``audit_questions.html#claim-q1-01``)."""
    source = claim_id.split("-")[0].lower()
    page = QUESTIONS_AUDIT_PAGE if source.startswith("q") else f"audit_{source}"
    return f"{page}.html#{anchor(claim_id)}"


def _shown(value) -> str:
    """A measured value as readers write it: a count as a whole number, other figures to two decimals."""
    if isinstance(value, float):
        return f"{int(value):,}" if value.is_integer() else f"{value:,.2f}"
    return str(value)


def _md(text) -> str:
    """Text safe inside MyST markdown and table cells."""
    escaped = html.escape(str(text))
    return escaped.replace("|", "&#124;").replace("*", "&#42;").replace("`", "&#96;").replace("\n", " ")


def _quoted(phrases: pd.Series) -> pd.Series:
    return "“" + phrases.map(html.escape) + "”"


def badge(verdict: str) -> str:
    """A verdict as a labelled badge: its colour and symbol repeat the word, never replace it."""
    return f'<span class="verdict verdict-{verdict.replace(" ", "-")}">{html.escape(verdict)}</span>'


def _html_table(styler: Styler, css_class: str = "") -> HTML:
    """A styled table as lean HTML: no per-cell ids or classes, so pages stay small and rebuild identically."""
    markup = TABLE_LAYOUT_SPACE.sub("", styler.hide(axis="index").to_html(exclude_styles=True))
    return HTML(markup.replace("<table>", f'<table class="{css_class}">' if css_class else "<table>", 1))


# --- articles -------------------------------------------------------------------------------


def byline(article_id: str) -> str:
    """Markdown: title, author, outlet and date, saying 'not stated' where the text is silent."""
    info = load("articles").set_index("article").loc[article_id]
    if info["date_stated"]:
        date = info["date_stated"]
    elif info["date_inferred"]:
        date = f"not stated; inferred {info['date_inferred']} ({info['date_basis']})"
    else:
        date = "not stated"
    return (
        f"- **Title:** {info['title'] or 'not stated'}\n- **Author:** {info['author'] or 'not stated'}\n"
        f"- **Outlet:** {info['outlet'] or 'not stated'}\n- **Date:** {date}"
    )


def verdict_summary(results: pd.DataFrame) -> HTML:
    """One line of badges: how many of the claims got each verdict."""
    counts = results["verdict"].value_counts()
    parts = [f"{badge(v)}&nbsp;{counts[v]}" for v in VERDICTS if counts.get(v, 0)]
    return HTML(f'<p class="verdict-summary">{len(results)} claims: {" ".join(parts)}</p>')


def verdicts_by_article(results: pd.DataFrame):
    """Claims per article (rows) and verdict (columns)."""
    counts = results.pivot_table(index="article", columns="verdict", values="claim_id", aggfunc="count", fill_value=0)
    return counts.reindex(columns=[v for v in VERDICTS if v in counts.columns]).style.set_uuid("verdict-counts")


def claims_table(results: pd.DataFrame):
    """Each claim, its key phrase and its computed verdict (ids link to the claim's audit trail).

    What was found for each claim is in :func:`evidence_dropdown`, so the page stays short.
    """
    links = [
        f'<a id="{anchor(c)}" href="{audit_link(c)}" title="audit trail: the finding, rule and evidence">{c}</a>'
        for c in results["claim_id"]
    ]
    verdicts = [badge(v) + _leaning(r) for v, r in zip(results["verdict"], results["result"], strict=True)]
    view = pd.DataFrame({"Claim": links, "Key phrase": _quoted(results["key_phrase"]), "Verdict": verdicts})
    return _html_table(view.style, "claims-table")


def _leaning(result: Result | None) -> str:
    """For an interpretive claim with a computed proxy: which way the proxy points."""
    if result is None or not result.direction:
        return ""
    return f'<br><span class="proxy-direction">proxy: {result.direction}</span>'


def rules_table(results: pd.DataFrame):
    """How each checked claim's verdict was decided: the measured value and the rule applied."""
    checked = results[results["result"].notna()]
    view = pd.DataFrame(
        {
            "Claim": checked["claim_id"],
            "Measured": [f"{r.measured_label}: {_shown(r.measured)}" for r in checked["result"]],
            "Rule": [r.rule for r in checked["result"]],
        }
    )
    return _html_table(view.style)


def question_claims(question_id: str) -> HTML:
    """A question page's own claims: each with its verdict, then the findings and evidence rows, collapsed."""
    results = of_article(question_id)
    return HTML(claims_table(results).data + evidence_dropdown(results).data)


def evidence_dropdown(results: pd.DataFrame) -> HTML:
    """What was found for each claim, and the rows of data its check read with their sources, collapsed."""
    found = pd.DataFrame({"Claim": results["claim_id"], "Finding": results["finding"].map(html.escape)})
    parts = [_html_table(found.style, "evidence-table by-claim").data]
    checked = results[results["result"].notna()]
    rows = pd.DataFrame()
    if not checked.empty:
        frames = [r.evidence.assign(claim=c) for c, r in zip(checked["claim_id"], checked["result"], strict=True)]
        rows = pd.concat(frames, ignore_index=True)
        shown = pd.concat([_first_rows(frame, EVIDENCE_ROWS) for frame in frames], ignore_index=True)
        view = pd.DataFrame(
            {
                "Claim": shown["claim"],
                "Row of data": [_row_text(row) for row in shown.itertuples()],
                "Source": [_source_cell(row) for row in shown.itertuples()],
            }
        )
        parts.append(_html_table(view.style, "evidence-table by-claim").data)
    findings = "The finding for 1 claim" if len(results) == 1 else f"Findings for {len(results)} claims"
    data = f"{_count(len(rows), 'row')} of data with their sources" if len(rows) else "no row of data to check"
    return HTML(f'<details class="evidence"><summary>{findings}; {data}</summary>{"".join(parts)}</details>')


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


EVIDENCE_ROWS = 4  # evidence rows listed per claim, on a chapter page and in its audit trail


def _first_rows(evidence: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The first ``limit`` evidence rows, and a last row saying how many more the check read, if any."""
    if len(evidence) <= limit:
        return evidence
    more = len(evidence) - limit
    datasets = ", ".join(dict.fromkeys(evidence["dataset"].iloc[limit:]))
    summary = {column: "" for column in evidence.columns} | {
        "claim": evidence["claim"].iloc[0] if "claim" in evidence.columns else "",
        "dataset": datasets,
        "source": f"{more} more rows the check read (all in the dataset)",
    }
    return pd.concat([evidence.iloc[:limit], pd.DataFrame([summary])], ignore_index=True)


def _row_text(row) -> str:
    value = "" if _missing(row.value) else f"{_shown(row.value)} {row.unit}".strip()
    parts = [row.subject, row.period, row.measure, value]
    text = " · ".join(html.escape(str(p)) for p in parts if not _missing(p))
    note = f'<span class="evidence-note">{html.escape(str(row.note))}</span>' if row.note else ""
    return text + ("<br>" if text and note else "") + note


def _source_cell(row) -> str:
    name = html.escape(str(row.source))
    cited = f'<a href="{html.escape(str(row.url))}">{name}</a>' if row.url else name
    quote = f"<br>“{html.escape(str(row.quote))}”" if row.quote else ""
    return f"{cited} <code>{html.escape(str(row.dataset))}</code>{quote}"


def table(frame: pd.DataFrame, datasets: list[str], caption: str, formats: dict | None = None) -> HTML:
    """A small data table that fits the text column: caption, escaped text, number formats, source note."""
    if len(frame) > 12:
        raise ValueError(f"a table on a page shows at most 12 rows, not {len(frame)}: select or aggregate first")
    styler = frame.style.format(escape="html", na_rep="—", precision=2)
    for column, pattern in (formats or {}).items():
        styler = styler.format(pattern, subset=[column], na_rep="—")
    source = html.escape(source_line(datasets))
    styler = styler.set_caption(f'{html.escape(caption)}<span class="table-source">{source}</span>')
    return _html_table(styler, "data-table")


# --- the ledger -----------------------------------------------------------------------------


def ledger_results() -> pd.DataFrame:
    """Every claim with its result and the title of its article or question page."""
    questions = load("questions").rename(columns={"question": "article"})
    titles = pd.concat([load("articles"), questions]).set_index("article")["title"].fillna("(untitled)")
    table = claim_results()
    return table.assign(article_title=table["article"].map(titles))


def revisions_table(results: pd.DataFrame) -> HTML:
    """Every claim whose verdict differs from the one last published: old and new verdicts, and why."""
    changed = revisions(results)
    if changed.empty:
        return HTML('<p class="no-revisions">Every verdict is the one last published.</p>')
    view = pd.DataFrame(
        {
            "Claim": [f'<a href="{audit_link(c)}">{c}</a>' for c in changed["claim_id"]],
            "Published": [
                "new claim" if pd.isna(v) else f"{badge(v)} {d:%Y-%m-%d}"
                for v, d in zip(changed["verdict_published"], changed["published"], strict=True)
            ],
            "Now": changed["verdict"].map(badge),
            "Why": changed["finding"].map(html.escape),
        }
    )
    return _html_table(view.style, "claims-table revisions")


def ledger_table(results: pd.DataFrame):
    """The searchable, sortable ledger: one row per claim, linking to its audit trail (which gives the finding).

    The article cell links to the claim on the chapter that shows its evidence.
    """
    articles = [
        f'<a href="{c}.html#{anchor(i)}">{a}</a>' if c != LEDGER_PAGE else a
        for a, c, i in zip(results["article"], results["chapter"], results["claim_id"], strict=True)
    ]
    view = pd.DataFrame(
        {
            "Claim": [f'<a href="{audit_link(c)}">{c}</a>' for c in results["claim_id"]],
            "Article": articles,
            "Theme": results["theme"],
            "Type": results["type"],
            "Key phrase": _quoted(results["key_phrase"]),
            "Verdict": results["verdict"].map(badge),
        }
    )
    return _html_table(view.style, "claims-ledger")


def claim_details(results: pd.DataFrame) -> str:
    """MyST markdown: one section per claim with its measured value, rule, finding and evidence rows."""
    parts = []
    for claim in results.itertuples():
        parts.append(f"({anchor(claim.claim_id)})=")
        parts.append(f"### {claim.claim_id}: {claim.verdict}\n")
        where = f"Article {claim.article}, line {claim.line}" if pd.notna(claim.line) else f"Question {claim.article}"
        parts.append(f"*{where}:* “{_md(claim.key_phrase)}” — {_md(claim.restatement)}\n")
        if claim.result is not None:
            parts.append(_audit_trail(claim.result))
        else:
            parts.append(f"- **Why no check:** {_md(claim.reasoning)}\n")
    return "\n".join(parts)


def audit_trails(article_id: str) -> Markdown:
    """An article's audit page: its byline, then each claim's finding, rule and evidence in the article's order."""
    intro = (
        "Each claim of this article, in the order the article makes it: the key phrase and our restatement, "
        "what the check found, the value it measured, the rule that decided the verdict, and the rows of data "
        "it read, with the source where each figure was read. The [claims ledger](ledger.ipynb) lists the "
        "claims of all five articles."
    )
    return Markdown("\n\n".join([byline(article_id), intro, claim_details(of_article(article_id))]))


def question_audit_trails() -> Markdown:
    """The question pages' audit page: for each page with claims of its own, each claim's finding, rule and
    evidence."""
    parts = [
        "Claims the book's own question pages make, page by page: what the check found, the value it measured, "
        "the rule that decided the verdict, and the rows of data it read, with the source where each figure was "
        "read. The [claims ledger](ledger.ipynb) lists them with the articles' claims."
    ]
    registered = set(claim_results()["article"])
    for question in load("questions").itertuples():
        if question.question in registered:
            parts.append(f"## {question.question}: [{_md(question.title)}]({question.notebook}.ipynb)")
            parts.append(claim_details(of_article(question.question)))
    return Markdown("\n\n".join(parts))


def _audit_trail(result: Result) -> str:
    rows = _first_rows(result.evidence, EVIDENCE_ROWS)
    view = pd.DataFrame(
        {
            "Row of data": [_row_text(row) for row in rows.itertuples()],
            "Source, dataset and the words where the figure was read": [_source_cell(row) for row in rows.itertuples()],
        }
    )
    table = _html_table(view.style, "evidence-table").data.replace("\n", "")
    # A proxy's measure is named in its rule; a factual check's measured value gets its own line.
    value = f"- **Measured:** {_md(result.measured_label)}: {_md(_shown(result.measured))}"
    measured = [] if result.direction else [value]
    return "\n".join(
        [
            f"- **Finding:** {_md(result.finding)}",
            *measured,
            f"- **Rule:** {_md(result.rule)}\n",
            f'<details class="evidence"><summary>Evidence: {len(result.evidence)} rows and their sources</summary>'
            f"{table}</details>\n",
        ]
    )


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""


# --- comparisons ----------------------------------------------------------------------------


def comparison_table(rows: pd.DataFrame):
    """The claims answering one question: article, phrase, how the check reads it, verdict, finding."""
    view = pd.DataFrame(
        {
            "Claim": [f'<a href="{audit_link(c)}">{c}</a>' for c in rows["claim_id"]],
            "Article": rows["article"],
            "Key phrase": _quoted(rows["key_phrase"]),
            "Read as": [_reading(r) for r in rows["result"]],
            "Verdict": rows["verdict"].map(badge),
            "Finding": rows["finding"].map(html.escape),
        }
    )
    return _html_table(view.style)


def _reading(result: Result | None) -> str:
    """The bounds a claim's check reads into its words, e.g. 'at least 80'."""
    low, high = result.bounds if result is not None else (None, None)
    if low is not None and high is not None:
        return f"{low:g} to {high:g}"
    if low is not None:
        return f"at least {low:g}"
    return f"at most {high:g}" if high is not None else "—"
