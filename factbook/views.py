"""Reader-facing tables and text about the claims: every page shows claims through these.

Each function takes the output of :func:`factbook.claims.results` (claims with their
verdicts and results) and returns a styled table, or markdown, ready to display. Text
that comes from data is escaped before it reaches the page.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import Markdown

from factbook.claims import results as claim_results
from factbook.data import load
from factbook.verdict import EVIDENCE_COLUMNS, VERDICTS, Result

LEDGER_PAGE = "ledger"


def anchor(claim_id: str) -> str:
    """The HTML id of a claim's section on any page that shows it."""
    return "claim-" + claim_id.lower()


def _shown(value) -> str:
    return f"{value:,.2f}" if isinstance(value, float) else str(value)


def _md(text) -> str:
    """Text safe inside MyST markdown and table cells."""
    escaped = html.escape(str(text))
    return escaped.replace("|", "&#124;").replace("*", "&#42;").replace("`", "&#96;").replace("\n", " ")


def _quoted(phrases: pd.Series) -> pd.Series:
    return "“" + phrases.map(html.escape) + "”"


def _styled(view: pd.DataFrame, uuid: str, **attributes):
    styler = view.style.hide(axis="index").set_uuid(uuid)
    if attributes:
        styler = styler.set_table_attributes(" ".join(f'{k}="{v}"' for k, v in attributes.items()))
    return styler


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


def verdict_counts(results: pd.DataFrame):
    """How many of the claims got each verdict."""
    counts = results["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)
    view = pd.DataFrame({"Verdict": counts.index, "Claims": counts.to_numpy()})
    return _styled(view, "verdicts-" + "-".join(sorted(set(results["article"]))))


def verdicts_by_article(results: pd.DataFrame):
    """Claims per article (rows) and verdict (columns)."""
    counts = results.pivot_table(index="article", columns="verdict", values="claim_id", aggfunc="count", fill_value=0)
    return counts.reindex(columns=[v for v in VERDICTS if v in counts.columns]).style.set_uuid("verdict-counts")


def claims_table(results: pd.DataFrame):
    """Each claim, its key phrase, the computed verdict and what was found (ids link to the ledger)."""
    links = [
        f'<a id="{anchor(c)}" href="ledger.html#{anchor(c)}" title="audit trail in the claims ledger">{c}</a>'
        for c in results["claim_id"]
    ]
    view = pd.DataFrame(
        {
            "Claim": links,
            "Key phrase": _quoted(results["key_phrase"]),
            "Verdict": results["verdict"],
            "Finding": results["finding"].map(html.escape),
        }
    )
    return _styled(view, "claims-" + "-".join(results["claim_id"]))


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
    return _styled(view, "rules-" + "-".join(checked["claim_id"]))


def evidence_table(results: pd.DataFrame):
    """The evidence rows of the checked claims, one table, each row naming its claim and dataset."""
    checked = results[results["result"].notna()]
    if checked.empty:
        return Markdown("*No claim here can be checked against data; the ledger gives the reason for each.*")
    frames = [r.evidence.assign(claim=c) for c, r in zip(checked["claim_id"], checked["result"], strict=True)]
    rows = pd.concat(frames, ignore_index=True)[["claim"] + EVIDENCE_COLUMNS]
    return rows.style.hide(axis="index").format({"value": _shown}).set_uuid("evidence-" + "-".join(results["claim_id"]))


def scorecard(results: pd.DataFrame) -> Markdown:
    """What the article gets right, wrong or half right, in the computed findings' own words."""
    lines = []
    for verdict, heading in [
        ("supported", "Gets right"),
        ("contradicted", "Gets wrong"),
        ("partly supported", "Half right"),
    ]:
        chosen = results[results["verdict"] == verdict]
        lines.append(f"**{heading}** ({len(chosen)} claims)\n")
        lines.extend(
            f"- [{c.claim_id}](#{anchor(c.claim_id)}) “{_md(c.key_phrase)}”: {_md(c.finding)}"
            for c in chosen.itertuples()
        )
        lines.append("")
    untested = results[results["verdict"].isin(["unverifiable", "interpretive"])]
    lines.append(
        f"**Cannot be checked as stated** ({len(untested)} claims: opinions, or figures no citable source holds); "
        "the [ledger](ledger.ipynb) gives the reason for each."
    )
    return Markdown("\n".join(lines))


def left_out() -> Markdown:
    """Figures that bear on every article's argument, from the latest data."""
    kotra = load("nk_trade_kotra")
    share = kotra.query("measure == 'china_share_of_trade'").sort_values("year")
    cn_trade = kotra.query("measure == 'trade_with_china'").sort_values("year")
    ru_trade = load("ru_prk_trade").query("measure == 'total' and period_type == 'year'").sort_values("period")
    cn_ru = load("cn_rus_trade_customs").query("measure == 'total'").sort_values("year")
    last_share, last_ru, last_cnru, last_cn = share.iloc[-1], ru_trade.iloc[-1], cn_ru.iloc[-1], cn_trade.iloc[-1]
    base = cn_ru[cn_ru["year"] == 2021]
    growth = f", up {(last_cnru['value'] / base['value'].iloc[0] - 1) * 100:.0f}% on 2021" if len(base) else ""
    peak = share.loc[share["value"].idxmax()]
    return Markdown(
        f"- China's share of North Korea's trade was **{last_share['value']:.1f}%** in {int(last_share['year'])} "
        f"(KOTRA); the highest in KOTRA's series is {peak['value']:.1f}% ({int(peak['year'])}).\n"
        f"- Russia–North Korea trade was **US${last_ru['value']:,.0f} million** in {last_ru['period']} "
        f"({last_ru['publisher']}), against US${last_cn['value']:,.0f} million of North Korea's trade with China "
        f"in {int(last_cn['year'])} (KOTRA).\n"
        f"- China–Russia trade reached **US${last_cnru['value']:,.1f} billion** in {int(last_cnru['year'])} "
        f"(China's customs){growth}."
    )


# --- the ledger -----------------------------------------------------------------------------


def ledger_results() -> pd.DataFrame:
    """Every claim with its result and its article's title."""
    titles = load("articles").set_index("article")["title"].fillna("(untitled)")
    table = claim_results()
    return table.assign(article_title=table["article"].map(titles))


def counts(results: pd.DataFrame) -> pd.DataFrame:
    """Claims per article and verdict, long form, for a chart."""
    return results.groupby(["article", "verdict"]).size().rename("claims").reset_index()


def ledger_table(results: pd.DataFrame):
    """The searchable, sortable ledger: one row per claim, linking to its evidence."""
    chapters = [
        f'<a href="{c}.html#{anchor(i)}">{c.replace("_", " ")}</a>' if c != LEDGER_PAGE else ""
        for c, i in zip(results["chapter"], results["claim_id"], strict=True)
    ]
    view = pd.DataFrame(
        {
            "Claim": [f'<a href="#{anchor(c)}">{c}</a>' for c in results["claim_id"]],
            "Article": results["article"],
            "Theme": results["theme"],
            "Type": results["type"],
            "Key phrase": _quoted(results["key_phrase"]),
            "Verdict": results["verdict"],
            "Finding": results["finding"].map(html.escape),
            "Chapter": chapters,
        }
    )
    return _styled(view, "ledger", **{"class": "claims-ledger"})


def claim_details(results: pd.DataFrame) -> str:
    """MyST markdown: one section per claim with its measured value, rule, finding and evidence rows."""
    parts = []
    for claim in results.itertuples():
        parts.append(f"({anchor(claim.claim_id)})=")
        parts.append(f"### {claim.claim_id}: {claim.verdict}\n")
        parts.append(
            f"*Article {claim.article}, line {claim.line}:* “{_md(claim.key_phrase)}” — {_md(claim.restatement)}\n"
        )
        if claim.result is not None:
            parts.append(_audit_trail(claim.result))
        else:
            parts.append(f"- **Why no check:** {_md(claim.reasoning)}\n")
    return "\n".join(parts)


def _audit_trail(result: Result) -> str:
    lines = [
        f"- **Finding:** {_md(result.finding)}",
        f"- **Measured:** {_md(result.measured_label)}: {_md(_shown(result.measured))}",
        f"- **Rule:** {_md(result.rule)}\n",
        "| Dataset | Source | Subject | Period | Measure | Value | Note |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in result.evidence.itertuples():
        source = f"[{_md(row.source)}]({row.url})" if row.url else _md(row.source)
        value = "" if _missing(row.value) else _shown(row.value)
        quote = f" — “{_md(row.quote)}”" if row.quote else ""
        lines.append(
            f"| {row.dataset} | {source} | {_md(row.subject)} | {_md(row.period)} | {_md(row.measure)} | "
            f"{_md(value)} {_md(row.unit)} | {_md(row.note)}{quote} |"
        )
    return "\n".join(lines) + "\n"


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""


# --- comparisons ----------------------------------------------------------------------------


def comparison_table(rows: pd.DataFrame):
    """The claims answering one question: article, phrase, how the check reads it, verdict, finding."""
    view = pd.DataFrame(
        {
            "Claim": [f'<a href="ledger.html#{anchor(c)}">{c}</a>' for c in rows["claim_id"]],
            "Article": rows["article"],
            "Key phrase": _quoted(rows["key_phrase"]),
            "Read as": [_reading(r) for r in rows["result"]],
            "Verdict": rows["verdict"],
            "Finding": rows["finding"].map(html.escape),
        }
    )
    return _styled(view, "compare-" + "-".join(rows["claim_id"]))


def _reading(result: Result | None) -> str:
    """The bounds a claim's check reads into its words, e.g. 'at least 80'."""
    low, high = result.bounds if result is not None else (None, None)
    if low is not None and high is not None:
        return f"{low:g} to {high:g}"
    if low is not None:
        return f"at least {low:g}"
    return f"at most {high:g}" if high is not None else "—"
