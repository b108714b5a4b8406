"""Article chapters: an article's claims theme by theme, with the data that bear on them.

Every article chapter is a thin notebook calling these functions, so all five chapters
show evidence, verdicts and scorecards in the same way.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
from IPython.display import Markdown

from factbook import charts, claims, comparisons, indicators
from factbook.claims import params
from factbook.curated import preferred
from factbook.data import load

COUNTRY_NAMES = {"CHN": "China", "RUS": "Russia", "PRK": "North Korea", "USA": "United States", "KOR": "South Korea", "JPN": "Japan", "SUN": "USSR"}


def article(article_id: str) -> pd.Series:
    """What the article's text states about itself (title, author, outlet, date) and our inferred date."""
    return load("articles").set_index("article").loc[article_id]


def byline(article_id: str) -> str:
    """Markdown: title, author, outlet and date, saying 'not stated' where the text is silent."""
    info = article(article_id)
    date = info["date_stated"] or (f"not stated; inferred {info['date_inferred']} ({info['date_basis']})" if info["date_inferred"] else "not stated")
    return (f"- **Title:** {info['title'] or 'not stated'}\n- **Author:** {info['author'] or 'not stated'}\n"
            f"- **Outlet:** {info['outlet'] or 'not stated'}\n- **Date:** {date}")


def results(article_id: str) -> pd.DataFrame:
    """The article's claims with computed verdicts, in the order they appear."""
    table = claims.registry()
    chosen = table[table["article"] == article_id].sort_values("line", kind="stable").reset_index(drop=True)
    return claims.verdicts(chosen)


def verdict_counts(table: pd.DataFrame):
    """How many of the article's claims got each verdict."""
    counts = table["verdict"].value_counts().reindex(list(claims.VERDICTS), fill_value=0)
    view = pd.DataFrame({"Verdict": counts.index, "Claims": counts.to_numpy()})
    return view.style.hide(axis="index").set_uuid("verdicts-" + table["article"].iloc[0])


def themes(table: pd.DataFrame) -> list[str]:
    """The article's themes in the order it first raises them."""
    return list(dict.fromkeys(table["theme"]))


def theme_claims(table: pd.DataFrame, theme: str):
    """The claims of one theme: key phrase, verdict, finding (each row carries its anchor)."""
    return claims.summary_table(table[table["theme"] == theme])


def theme_evidence(table: pd.DataFrame, theme: str):
    """The rows of data behind the theme's checked claims, or a note when none could be checked."""
    chosen = table[(table["theme"] == theme) & table["check"].notna()]
    if chosen.empty:
        return Markdown("*No claim in this theme can be checked against data; the chart shows the record that bears on it.*")
    return claims.evidence_table(chosen)


def theme_chart(table: pd.DataFrame, theme: str):
    """The chart that bears on a theme, picked by the theme's subject."""
    chosen = table[table["theme"] == theme]
    for words, chart in THEME_CHARTS:
        if any(word in theme for word in words):
            return chart(chosen)
    return events_chart(chosen)


def _cited_events(chosen: pd.DataFrame) -> set[str]:
    cited = set()
    for text in chosen["params"].dropna():
        found = params(text)
        cited |= {found["event_id"]} if "event_id" in found else set()
        cited |= {event["event_id"] for event in found.get("events", [])}
        cited |= set(found.get("event_ids", []))
    return cited


def events_chart(chosen: pd.DataFrame):
    """The dated record: every event in the timeline, the ones these claims cite picked out."""
    timeline = load("events_timeline")
    events = timeline[timeline["preferred"]].copy()
    events["when"] = events["date"].map(lambda d: pd.Timestamp(d if len(d) == 10 else (d + "-01" if len(d) == 7 else d + "-07-01")))
    cited = _cited_events(chosen)
    events["cited"] = events["event_id"].isin(cited).map({True: "cited by these claims", False: "other events"})
    shown = events[events["event_id"].isin(cited)]["when"] if cited else events["when"]
    window = [(shown.min() - pd.DateOffset(years=3)).isoformat(), (shown.max() + pd.DateOffset(years=1)).isoformat()]
    chart = alt.Chart(events).mark_point(filled=True, clip=True).encode(
        x=alt.X("when:T", title="Date", scale=alt.Scale(domain=window)),
        y=alt.Y("category:N", title=None),
        color=alt.Color("cited:N", title=None, scale=alt.Scale(domain=["cited by these claims", "other events"], range=[charts.PALETTE[1], "#bbbbbb"])),
        size=alt.Size("cited:N", scale=alt.Scale(domain=["cited by these claims", "other events"], range=[120, 30]), legend=None),
        tooltip=[alt.Tooltip("date:N"), alt.Tooltip("title:N"), alt.Tooltip("actors:N")],
    )
    first, last = events["date"].min()[:4], events["date"].max()[:4]
    title = (f"{len(cited)} of the {len(events)} events on record are cited here" if cited else f"The record, {first}–{last}: {len(events)} dated events")
    return charts.sourced(
        chart.properties(title=title, height=260),
        ["events_timeline"],
        alt_text=f"Timeline chart of {len(events)} dated events from {first} to {last} by category; "
        + (f"the {len(cited)} events these claims cite are highlighted." if cited else "none is cited by these claims."),
    )


def trade_chart(chosen: pd.DataFrame):
    """KOTRA's China share of North Korea's trade, with any share the claims state, and UN sanctions years."""
    share = preferred("nk_trade_kotra").query("measure == 'china_share_of_trade'")[["year", "value", "publisher"]]
    bounds = comparisons.claimed_bounds(chosen, list(chosen["claim_id"]))
    latest = share.loc[share["year"].idxmax()]
    line = alt.Chart(share).mark_line(point=True, color=charts.PALETTE[0]).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d")),
        y=alt.Y("value:Q", title="China's share of North Korea's trade (%)", scale=alt.Scale(domain=[0, 100])),
        tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("value:Q", title="share (%)", format=".1f"), alt.Tooltip("publisher:N", title="reported by")],
    )
    layers = [event_years(["sanctions"], share["year"].min(), share["year"].max()), line]
    if len(bounds):
        layers.append(alt.Chart(bounds).mark_rule(strokeDash=[5, 4], color="#555").encode(y="value:Q", tooltip=["claim:N", "phrase:N", "value:Q"]))
    chart = alt.layer(*layers).properties(title=alt.Title(
        f"China's share of North Korea's trade: {latest['value']:.1f}% in {int(latest['year'])}",
        subtitle="KOTRA; grey lines: years of UN sanctions resolutions; dashed: shares the claims state"))
    return charts.sourced(
        chart, ["nk_trade_kotra", "events_timeline"],
        alt_text=(f"Line chart of China's share of North Korea's trade, {int(share['year'].min())}–{int(latest['year'])}, "
                  f"ending at {latest['value']:.1f}%; grey lines mark years with UN sanctions resolutions."),
    )


def event_years(categories: list[str], first: int, last: int):
    """Grey vertical rules at the years of timeline events of the given categories (for yearly charts)."""
    timeline = load("events_timeline")
    events = timeline[timeline["preferred"] & timeline["category"].isin(categories)]
    events = events.assign(year=events["date"].str[:4].astype(int))
    events = events[events["year"].between(first, last)]
    return alt.Chart(events).mark_rule(color="#cccccc").encode(x="year:Q", tooltip=["date:N", "title:N"])


def troops_chart(chosen: pd.DataFrame):
    return comparisons.troop_estimates(chosen, list(chosen["claim_id"]))


def power_chart(chosen: pd.DataFrame):
    """China's GDP as a multiple of Russia's, year by year."""
    economy = indicators.ratio(indicators.gdp(["CHN", "RUS"]), "gdp_usd_current", "CHN", "RUS")
    latest = economy.iloc[-1]
    chart = alt.Chart(economy).mark_line(point=True, color=charts.PALETTE[0]).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d")),
        y=alt.Y("ratio:Q", title="China's GDP ÷ Russia's GDP (times)"),
        tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("ratio:Q", format=".2f")],
    )
    return charts.sourced(
        chart.properties(title=f"China's economy was {latest.ratio:.1f} times Russia's in {int(latest.year)}"),
        ["worldbank_gdp"],
        alt_text=f"Line chart of China's GDP divided by Russia's, {int(economy.year.min())}–{int(latest.year)}, ending at {latest.ratio:.1f}.",
    )


def sanctions_chart(chosen: pd.DataFrame):
    """Security Council resolutions on North Korea and vetoed drafts, by year and outcome."""
    votes = load("unsc_resolutions_prk").dropna(subset=["adopted"])
    votes = votes.assign(year=votes["adopted"].dt.year)
    per_year = votes.groupby(["year", "status"]).size().rename("drafts").reset_index()
    vetoed = int((votes["status"] == "vetoed").sum())
    chart = alt.Chart(per_year).mark_bar().encode(
        x=alt.X("year:O", title="Year"),
        y=alt.Y("drafts:Q", title="Security Council drafts on North Korea (count)", axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("status:N", title=None, scale=alt.Scale(domain=["adopted", "vetoed"], range=[charts.PALETTE[0], charts.PALETTE[1]])),
        tooltip=["year:O", "status:N", "drafts:Q"],
    )
    return charts.sourced(
        chart.properties(title=f"{len(votes) - vetoed} resolutions on North Korea adopted, {vetoed} drafts vetoed (dated on record)"),
        ["unsc_resolutions_prk"],
        alt_text=f"Bar chart of Security Council resolutions on North Korea per year: {len(votes) - vetoed} adopted and {vetoed} vetoed, among those with a date on record.",
    )


def energy_chart(chosen: pd.DataFrame):
    """China's crude imports from Russia and Saudi Arabia (million tonnes)."""
    crude = preferred("cn_crude_imports").query("unit == 'million_tonnes' and origin_iso3 in ['RUS', 'SAU']")
    crude = crude.assign(country=crude["origin_iso3"].map(COUNTRY_NAMES | {"SAU": "Saudi Arabia"}))
    latest = crude[crude["year"] == crude["year"].max()].set_index("origin_iso3")["value"]
    chart = alt.Chart(crude).mark_line(point=True).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d")),
        y=alt.Y("value:Q", title="China's crude imports (million tonnes)"),
        color=alt.Color("country:N", title=None),
        tooltip=["country:N", alt.Tooltip("year:Q", format="d"), alt.Tooltip("value:Q", format=".1f"), "publisher:N"],
    )
    title = f"Russia sold China {latest.get('RUS', float('nan')):.0f} million tonnes of crude in {int(crude['year'].max())}"
    return charts.sourced(
        chart.properties(title=title), ["cn_crude_imports"],
        alt_text=f"Line chart of China's crude imports from Russia and Saudi Arabia in million tonnes, {int(crude['year'].min())}–{int(crude['year'].max())}.",
    )


def arms_chart(chosen: pd.DataFrame):
    """SIPRI arms deliveries among China, the USSR/Russia and North Korea, where SIPRI states a yearly value."""
    tiv = load("sipri_arms_tiv_pairs").dropna(subset=["tiv_million"])
    tiv = tiv.assign(pair=tiv["supplier_iso3"].map(COUNTRY_NAMES) + " → " + tiv["recipient_iso3"].map(COUNTRY_NAMES))
    chart = alt.Chart(tiv).mark_bar().encode(
        x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=-90, labelOverlap=True)),
        y=alt.Y("tiv_million:Q", title="Arms delivered (SIPRI TIV, millions)"),
        color=alt.Color("pair:N", title=None),
        tooltip=["pair:N", "year:O", alt.Tooltip("tiv_million:Q", format=",.1f"), "tiv_source:N"],
    )
    top = tiv.loc[tiv["tiv_million"].idxmax()]
    return charts.sourced(
        chart.properties(title=f"The largest yearly flow SIPRI states: {top['pair']}, {int(top['year'])}"),
        ["sipri_arms_tiv_pairs"],
        alt_text=f"Bar chart of {len(tiv)} yearly arms-transfer values between China, the USSR/Russia and North Korea where SIPRI states them.",
        note="Years without a value stated by SIPRI are left out, not set to zero.",
    )


def voting_chart(chosen: pd.DataFrame):
    """UN General Assembly ideal points of China, Russia, North Korea and the United States."""
    points = load("unga_idealpoints_year")
    points = points[points["country_iso3"].isin(["CHN", "RUS", "PRK", "USA"]) & ~points["thin_year"]]
    points = points.assign(country=points["country_iso3"].map(COUNTRY_NAMES))
    chart = alt.Chart(points).mark_line().encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d")),
        y=alt.Y("ideal_point:Q", title="Ideal point (higher: closer to the US-led order)"),
        color=alt.Color("country:N", title=None),
        tooltip=["country:N", alt.Tooltip("year:Q", format="d"), alt.Tooltip("ideal_point:Q", format=".2f")],
    )
    last = points[points["year"] == points["year"].max()].set_index("country_iso3")["ideal_point"]
    title = f"Ideal points in {int(points['year'].max())}: " + ", ".join(f"{COUNTRY_NAMES[c]} {last[c]:.2f}" for c in ["CHN", "RUS", "PRK", "USA"] if c in last)
    return charts.sourced(
        chart.properties(title=title),
        ["unga_idealpoints_year"],
        alt_text="Line chart of yearly UN General Assembly ideal points of China, Russia, North Korea and the United States; years resting on few votes are left out.",
    )


def provocations_chart(chosen: pd.DataFrame):
    """North Korean missile launches per year (CSIS)."""
    launches = load("csis_provocations").query("missile_launch").groupby("year").size().rename("launches").reset_index()
    top = launches.loc[launches["launches"].idxmax()]
    chart = alt.Chart(launches).mark_bar(color=charts.PALETTE[0]).encode(
        x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=-90, labelOverlap=True)),
        y=alt.Y("launches:Q", title="Missile-launch events (count)"),
        tooltip=["year:O", "launches:Q"],
    )
    return charts.sourced(
        chart.properties(title=f"North Korea's missile launches peaked at {int(top['launches'])} events in {int(top['year'])}"),
        ["csis_provocations"],
        alt_text=f"Bar chart of North Korean missile-launch events per year per CSIS; the most were {int(top['launches'])} in {int(top['year'])}.",
    )


# Theme words -> chart; the first match wins, and any other theme gets the timeline.
THEME_CHARTS = [
    (["trade", "influence"], trade_chart),
    (["troop"], troops_chart),
    (["power", "economic"], power_chart),
    (["sanction", "veto"], sanctions_chart),
    (["energy", "oil", "gas"], energy_chart),
    (["arms", "military tech"], arms_chart),
    (["voting"], voting_chart),
    (["provocation", "missile", "nuclear"], provocations_chart),
]


def scorecard(table: pd.DataFrame) -> Markdown:
    """What the article gets right, wrong or half right, in the computed findings' own words."""
    lines = []
    for verdict, heading in [("supported", "Gets right"), ("contradicted", "Gets wrong"), ("partly supported", "Half right")]:
        chosen = table[table["verdict"] == verdict]
        lines.append(f"**{heading}** ({len(chosen)} claims)\n")
        lines.extend(f"- [{c.claim_id}](#{claims.anchor(c.claim_id)}) “{c.key_phrase}”: {c.finding}" for c in chosen.itertuples())
        lines.append("")
    untested = table[table["verdict"].isin(["unverifiable", "interpretive"])]
    lines.append(f"**Cannot be checked as stated** ({len(untested)} claims: opinions, or figures no citable source holds); the [ledger](ledger.ipynb) gives the reason for each.")
    return Markdown("\n".join(lines))


def left_out() -> Markdown:
    """Figures that bear on every article's argument, from the latest data."""
    share = preferred("nk_trade_kotra").query("measure == 'china_share_of_trade'").sort_values("year")
    ru_trade = preferred("ru_prk_trade").query("measure == 'total' and period_type == 'year'").sort_values("period")
    cn_trade = preferred("nk_trade_kotra").query("measure == 'trade_with_china'").sort_values("year")
    cn_ru = preferred("cn_rus_trade_customs").query("measure == 'total'").sort_values("year")
    last_share, last_ru, last_cnru, last_cn = share.iloc[-1], ru_trade.iloc[-1], cn_ru.iloc[-1], cn_trade.iloc[-1]
    base = cn_ru[cn_ru["year"] == 2021]
    growth = f", up {(last_cnru['value'] / base['value'].iloc[0] - 1) * 100:.0f}% on 2021" if len(base) else ""
    return Markdown(
        f"- China's share of North Korea's trade was **{last_share['value']:.1f}%** in {int(last_share['year'])} (KOTRA); "
        f"the highest in KOTRA's series is {share['value'].max():.1f}% ({int(share.loc[share['value'].idxmax(), 'year'])}).\n"
        f"- Russia–North Korea trade was **US${last_ru['value']:,.0f} million** in {last_ru['period']} ({last_ru['publisher']}), "
        f"against US${last_cn['value']:,.0f} million of North Korea's trade with China in {int(last_cn['year'])} (KOTRA).\n"
        f"- China–Russia trade reached **US${last_cnru['value']:,.1f} billion** in {int(last_cnru['year'])} (China's customs){growth}."
    )
