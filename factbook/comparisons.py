"""Where the articles say the same thing differently: their claims side by side, and the data."""

from __future__ import annotations

import html

import altair as alt
import pandas as pd

from factbook import charts
from factbook.claims import anchor, params
from factbook.curated import preferred
from factbook.data import load


def questions() -> pd.DataFrame:
    """The comparisons (``data/comparisons.csv``) with their claim ids as lists."""
    table = load("comparisons")
    return table.assign(claim_ids=table["claims"].str.split(";"))


def claims_table(results: pd.DataFrame, claim_ids: list[str]):
    """The claims answering one question: article, phrase, how we read it, verdict, finding."""
    rows = results.set_index("claim_id").loc[claim_ids].reset_index()
    view = pd.DataFrame({
        "Claim": [f'<a href="ledger.html#{anchor(c)}">{c}</a>' for c in rows["claim_id"]],
        "Article": rows["article"],
        "Key phrase": "“" + rows["key_phrase"].map(html.escape) + "”",
        "Read as": [_reading(p) for p in rows["params"]],
        "Verdict": rows["verdict"],
        "Finding": rows["finding"].map(html.escape),
    })
    return view.style.hide(axis="index").set_uuid("compare-" + "-".join(claim_ids))


def _reading(text: str | None) -> str:
    """The bounds a claim's check reads into its words, e.g. 'at least 80'."""
    bounds = params(text)
    low, high = bounds.get("low"), bounds.get("high")
    if low is not None and high is not None:
        return f"{low:g} to {high:g}"
    if low is not None:
        return f"at least {low:g}"
    return f"at most {high:g}" if high is not None else "—"


def claimed_bounds(results: pd.DataFrame, claim_ids: list[str]) -> pd.DataFrame:
    """One row per bound a claim's check reads into the article's words: claim, bound, value."""
    rows = []
    for claim in results.set_index("claim_id").loc[claim_ids].reset_index().itertuples():
        for bound in ("low", "high"):
            value = params(claim.params).get(bound)
            if value is not None:
                rows.append({"claim": f"{claim.claim_id} ({claim.article})", "bound": bound, "value": float(value), "phrase": claim.key_phrase})
    return pd.DataFrame(rows)


def kotra_share(results: pd.DataFrame, claim_ids: list[str]):
    """KOTRA's China share of North Korea's trade, with the share each article claims."""
    share = preferred("nk_trade_kotra").query("measure == 'china_share_of_trade'")[["year", "value", "publisher"]]
    bounds = claimed_bounds(results, claim_ids)
    latest = share.loc[share["year"].idxmax()]
    above = "above every figure the articles give" if (bounds["value"] < latest["value"]).all() else "set against the articles' figures"
    line = alt.Chart(share).mark_line(point=True, color=charts.PALETTE[0]).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d")),
        y=alt.Y("value:Q", title="China's share of North Korea's trade (%)", scale=alt.Scale(domain=[0, 100])),
        tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("value:Q", title="share (%)", format=".1f"), alt.Tooltip("publisher:N", title="reported by")],
    )
    rules = alt.Chart(bounds).mark_rule(strokeDash=[5, 4]).encode(
        y="value:Q", color=alt.Color("claim:N", title="Claimed share", legend=alt.Legend(columns=3)),
        tooltip=[alt.Tooltip("claim:N"), alt.Tooltip("phrase:N"), alt.Tooltip("bound:N"), alt.Tooltip("value:Q")],
    )
    chart = (line + rules).properties(title=alt.Title(
        f"China's share of North Korea's trade: {latest['value']:.1f}% in {int(latest['year'])}",
        subtitle=f"KOTRA's figure, {above} (dashed lines)"))
    return charts.sourced(
        chart, ["nk_trade_kotra", "claims"],
        alt_text=(f"Line chart of China's share of North Korea's trade per KOTRA, {int(share['year'].min())}–{int(latest['year'])}, rising to "
                  f"{latest['value']:.1f}% in {int(latest['year'])}; dashed lines mark the shares the articles claim: "
                  + "; ".join(f"{b.claim} {b.bound} {b.value:g}%" for b in bounds.itertuples()) + "."),
    )


def _first_day(date: str) -> pd.Timestamp:
    return pd.Timestamp(date if len(date) == 10 else date + "-01")


def troop_estimates(results: pd.DataFrame, claim_ids: list[str]):
    """Every estimate of North Korean troops sent to Russia, with the articles' figures and key events."""
    troops = load("nk_troops_in_russia").query("measure == 'troops_deployed'").dropna(subset=["high"])
    troops = troops.assign(
        when=troops["estimate_date"].map(_first_day),
        who=troops["estimator"].str.split(":").str[0],
        low=troops["low"].fillna(troops["high"]),
    )
    bounds = claimed_bounds(results, claim_ids)
    timeline = load("events_timeline")
    events = timeline[timeline["preferred"] & timeline["category"].isin(["deployment", "treaty"]) & (timeline["date"] >= "2024-06")]
    events = events.assign(when=events["date"].map(_first_day))
    span = alt.Chart(troops).mark_rule(strokeWidth=3).encode(
        x=alt.X("when:T", title="Date of the estimate"), y=alt.Y("low:Q", title="North Korean troops in Russia (estimate)"), y2="high:Q",
        color=alt.Color("who:N", title="Estimated by"),
        tooltip=[alt.Tooltip("estimate_date:N", title="date"), "estimator:N", alt.Tooltip("low:Q", format=","), alt.Tooltip("high:Q", format=","), "location:N", "publisher:N"],
    )
    points = span.mark_point(filled=True, size=50).encode(y="high:Q")
    claimed = alt.Chart(bounds).mark_rule(strokeDash=[5, 4], color="#555").encode(y="value:Q", tooltip=["claim:N", "phrase:N", "value:Q"])
    marks = alt.Chart(events).mark_rule(color="#999").encode(x="when:T", tooltip=["date:N", "title:N"])
    top = troops.loc[troops["high"].idxmax()]
    chart = (marks + span + points + claimed).properties(
        title=alt.Title(f"Troop estimates rose to {int(top['high']):,} by {top['estimate_date']}",
                        subtitle="Each bar is one published estimate (low to high); dashed: the articles' figures; grey: treaty and deployment events (hover for names)"), height=360)
    return charts.sourced(
        chart, ["nk_troops_in_russia", "events_timeline", "claims"],
        alt_text=(f"Chart of {len(troops)} published estimates of North Korean troops in Russia from {troops['estimate_date'].min()} to "
                  f"{troops['estimate_date'].max()}, by who made them; the highest is {int(top['high']):,} ({top['estimator']}). Dashed lines mark "
                  "the articles' figures; grey lines mark the treaty and deployment events on record."),
    )


CHARTS = {"kotra_share": kotra_share, "troop_estimates": troop_estimates}
