"""Reader-facing views of the claims registry: the ledger table and each claim's audit trail."""

from __future__ import annotations

import html

import pandas as pd

from factbook.claims import anchor, evaluate, verdicts
from factbook.data import load

LEDGER_PAGE = "ledger"


def results() -> pd.DataFrame:
    """Every claim with its article title and computed verdict."""
    articles = load("articles").set_index("article")["title"].fillna("(untitled)")
    table = verdicts()
    return table.assign(article_title=table["article"].map(articles))


def counts(table: pd.DataFrame) -> pd.DataFrame:
    """Claims per article and verdict, long form, for a chart."""
    return table.groupby(["article", "verdict"]).size().rename("claims").reset_index()


def ledger_table(table: pd.DataFrame):
    """The searchable, sortable ledger: one row per claim, linking to its evidence."""
    def link(claim_id: str) -> str:
        return f'<a href="#{anchor(claim_id)}">{claim_id}</a>'

    view = pd.DataFrame({
        "Claim": table["claim_id"].map(link),
        "Article": table["article"],
        "Theme": table["theme"],
        "Type": table["type"],
        "Key phrase": "“" + table["key_phrase"].map(html.escape) + "”",
        "Verdict": table["verdict"],
        "Finding": table["finding"].map(html.escape),
        "Chapter": [f'<a href="{c}.html#{anchor(i)}">{c.replace("_", " ")}</a>' if c != LEDGER_PAGE else "" for c, i in zip(table["chapter"], table["claim_id"])],
    })
    return view.style.hide(axis="index").set_uuid("ledger").set_table_attributes('class="claims-ledger"')


def claim_details(table: pd.DataFrame) -> str:
    """MyST markdown: one section per claim with its measured value, rule, finding and evidence rows."""
    parts = []
    for claim in table.itertuples():
        parts.append(f"({anchor(claim.claim_id)})=")
        parts.append(f"### {claim.claim_id}: {claim.verdict}\n")
        parts.append(f"*Article {claim.article}, line {claim.line}:* “{_md(claim.key_phrase)}” — {_md(claim.restatement)}\n")
        if claim.check:
            result = evaluate(claim.claim_id)
            parts.append(f"- **Finding:** {_md(result.finding)}")
            parts.append(f"- **Measured:** {_md(result.measured_label)}: {_md(_shown(result.measured))}")
            parts.append(f"- **Rule:** {_md(result.tolerance)}\n")
            parts.append(_evidence_markdown(result.evidence))
        else:
            parts.append(f"- **Why no check:** {_md(claim.reasoning)}\n")
    return "\n".join(parts)


def _shown(value) -> str:
    return f"{value:,.2f}" if isinstance(value, float) else str(value)


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""


def _md(text) -> str:
    """Text safe inside MyST markdown and table cells."""
    return html.escape(str(text)).replace("|", "&#124;").replace("*", "&#42;").replace("`", "&#96;").replace("\n", " ")


def _evidence_markdown(rows: pd.DataFrame) -> str:
    lines = ["| Dataset | Source | Subject | Period | Measure | Value | Note |", "|---|---|---|---|---|---|---|"]
    for row in rows.itertuples():
        source = f"[{_md(row.source)}]({row.url})" if row.url else _md(row.source)
        value = "" if _missing(row.value) else _shown(row.value)
        quote = f" — “{_md(row.quote)}”" if row.quote else ""
        lines.append(f"| {row.dataset} | {source} | {_md(row.subject)} | {_md(row.period)} | {_md(row.measure)} | {_md(value)} {_md(row.unit)} | {_md(row.note)}{quote} |")
    return "\n".join(lines) + "\n"
