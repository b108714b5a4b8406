"""Charts that more than one page shows, each under a name that pages and data tables use.

Every figure takes the claims it illustrates (rows of :func:`factbook.claims.results`) and
returns a sourced Altair chart; a figure that has claimed values draws them against the
data, and the timeline picks out the events the claims cite. Which figure illustrates
which theme of an article is declared in ``data/themes.csv`` and looked up by name in
:data:`FIGURES`, never guessed from the theme's words.
"""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd

from factbook import indicators
from factbook.charts import PALETTE, sourced
from factbook.data import load
from factbook.power_balance import JUNIOR_GDP_RATIO

COUNTRY_NAMES = {
    "CHN": "China",
    "RUS": "Russia",
    "PRK": "North Korea",
    "USA": "United States",
    "KOR": "South Korea",
    "JPN": "Japan",
    "SUN": "USSR",
    "SAU": "Saudi Arabia",
}
YEAR_AXIS = alt.Axis(format="d")


def claimed_bounds(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per bound a claim's check reads into the article's words: claim, bound, value, phrase."""
    rows = []
    for claim in claims.itertuples():
        low, high = claim.result.bounds if claim.result is not None else (None, None)
        for bound, value in (("low", low), ("high", high)):
            if value is not None:
                rows.append(
                    {
                        "claim": f"{claim.claim_id} ({claim.article})",
                        "bound": bound,
                        "value": float(value),
                        "phrase": claim.key_phrase,
                    }
                )
    return pd.DataFrame(rows, columns=["claim", "bound", "value", "phrase"])


def cited_events(claims: pd.DataFrame) -> set[str]:
    """The timeline events the claims' checks looked up."""
    return {event for result in claims["result"].dropna() for event in result.events}


def _when(date: str) -> pd.Timestamp:
    """A date at the precision the timeline gives it (year, month or day), placed in its period."""
    if len(date) == 4:
        return pd.Timestamp(date + "-07-01")
    return pd.Timestamp(date if len(date) == 10 else date + "-01")


def events(claims: pd.DataFrame):
    """The dated record: every event in the timeline, the ones these claims cite picked out."""
    timeline = load("events_timeline")
    cited = cited_events(claims)
    labels = ["cited by these claims", "other events"]
    timeline = timeline.assign(
        when=timeline["date"].map(_when),
        cited=timeline["event_id"].isin(cited).map({True: labels[0], False: labels[1]}),
    )
    shown = timeline.loc[timeline["event_id"].isin(cited), "when"] if cited else timeline["when"]
    window = [(shown.min() - pd.DateOffset(years=3)).isoformat(), (shown.max() + pd.DateOffset(years=1)).isoformat()]
    chart = (
        alt.Chart(timeline)
        .mark_point(filled=True, clip=True)
        .encode(
            x=alt.X("when:T", title="Date", scale=alt.Scale(domain=window)),
            y=alt.Y("category:N", title=None),
            color=alt.Color("cited:N", title=None, scale=alt.Scale(domain=labels, range=[PALETTE[1], "#bbbbbb"])),
            size=alt.Size("cited:N", scale=alt.Scale(domain=labels, range=[120, 30]), legend=None),
            tooltip=[alt.Tooltip("date:N"), alt.Tooltip("title:N"), alt.Tooltip("actors:N")],
        )
    )
    first, last = timeline["date"].min()[:4], timeline["date"].max()[:4]
    if cited:
        title = f"{len(cited)} of the {len(timeline)} events on record are cited here"
        picked = f"the {len(cited)} events these claims cite are highlighted."
    else:
        title = f"The record, {first}–{last}: {len(timeline)} dated events"
        picked = "none is cited by these claims."
    return sourced(
        chart.properties(title=title, height=260),
        ["events_timeline"],
        alt_text=f"Timeline chart of {len(timeline)} dated events from {first} to {last} by category; {picked}",
    )


def _event_years(categories: list[str], first: int, last: int):
    """Grey vertical rules at the years of timeline events of the given categories (for yearly charts)."""
    timeline = load("events_timeline")
    chosen = timeline[timeline["category"].isin(categories)]
    chosen = chosen.assign(year=chosen["date"].str[:4].astype(int))
    chosen = chosen[chosen["year"].between(first, last)]
    # A rule alone would stretch a shared year axis down to zero.
    year = alt.X("year:Q", scale=alt.Scale(zero=False))
    return alt.Chart(chosen).mark_rule(color="#cccccc").encode(x=year, tooltip=["date:N", "title:N"])


def _china_share() -> pd.DataFrame:
    return load("nk_trade_kotra").query("measure == 'china_share_of_trade'")[["year", "value", "publisher"]]


def _share_line(share: pd.DataFrame):
    share_axis = alt.Y("value:Q", title="China's share of North Korea's trade (%)", scale=alt.Scale(domain=[0, 100]))
    return _yearly(share, share_axis, "share (%)", ".1f")


def trade_share(claims: pd.DataFrame):
    """KOTRA's China share of North Korea's trade, with any share the claims state, and UN sanctions years."""
    share = _china_share()
    bounds = claimed_bounds(claims)
    latest = share.loc[share["year"].idxmax()]
    layers = [_event_years(["sanctions"], share["year"].min(), share["year"].max()), _share_line(share)]
    if len(bounds):
        layers.append(
            alt.Chart(bounds)
            .mark_rule(strokeDash=[5, 4], color="#555")
            .encode(y="value:Q", tooltip=["claim:N", "phrase:N", "value:Q"])
        )
    chart = alt.layer(*layers).properties(
        title=alt.Title(
            f"China's share of North Korea's trade: {latest['value']:.1f}% in {int(latest['year'])}",
            subtitle="KOTRA; grey lines: years of UN sanctions resolutions; dashed: shares the claims state",
        )
    )
    return sourced(
        chart,
        ["nk_trade_kotra", "events_timeline"],
        alt_text=(
            f"Line chart of China's share of North Korea's trade, {int(share['year'].min())}–{int(latest['year'])}, "
            f"ending at {latest['value']:.1f}%; grey lines mark years with UN sanctions resolutions."
        ),
    )


def trade_share_by_claim(claims: pd.DataFrame):
    """KOTRA's China share of North Korea's trade, with the share each claim states in its own colour."""
    share = _china_share()
    bounds = claimed_bounds(claims)
    latest = share.loc[share["year"].idxmax()]
    above = (
        "above every figure the articles give"
        if (bounds["value"] < latest["value"]).all()
        else "set against the articles' figures"
    )
    rules = (
        alt.Chart(bounds)
        .mark_rule(strokeDash=[5, 4])
        .encode(
            y="value:Q",
            color=alt.Color("claim:N", title="Claimed share", legend=alt.Legend(columns=3)),
            tooltip=[alt.Tooltip("claim:N"), alt.Tooltip("phrase:N"), alt.Tooltip("bound:N"), alt.Tooltip("value:Q")],
        )
    )
    chart = (_share_line(share) + rules).properties(
        title=alt.Title(
            f"China's share of North Korea's trade: {latest['value']:.1f}% in {int(latest['year'])}",
            subtitle=f"KOTRA's figure, {above} (dashed lines)",
        )
    )
    claimed = "; ".join(f"{b.claim} {b.bound} {b.value:g}%" for b in bounds.itertuples())
    return sourced(
        chart,
        ["nk_trade_kotra", "claims"],
        alt_text=(
            f"Line chart of China's share of North Korea's trade per KOTRA, {int(share['year'].min())}–"
            f"{int(latest['year'])}, rising to {latest['value']:.1f}% in {int(latest['year'])}; dashed lines mark "
            f"the shares the articles claim: {claimed}."
        ),
    )


def troop_estimates(claims: pd.DataFrame):
    """Every estimate of North Korean troops sent to Russia, with the claims' figures and key events."""
    troops = load("nk_troops_in_russia").query("measure == 'troops_deployed'").dropna(subset=["high"])
    troops = troops.assign(
        when=troops["estimate_date"].map(_when),
        who=troops["estimator"].str.split(":").str[0],
        low=troops["low"].fillna(troops["high"]),
    )
    timeline = load("events_timeline")
    marks = timeline[timeline["category"].isin(["deployment", "treaty"]) & (timeline["date"] >= "2024-06")]
    marks = marks.assign(when=marks["date"].map(_when))
    span = (
        alt.Chart(troops)
        .mark_rule(strokeWidth=3)
        .encode(
            x=alt.X("when:T", title="Date of the estimate"),
            y=alt.Y("low:Q", title="North Korean troops in Russia (estimate)"),
            y2="high:Q",
            color=alt.Color("who:N", title="Estimated by"),
            tooltip=[
                alt.Tooltip("estimate_date:N", title="date"),
                "estimator:N",
                alt.Tooltip("low:Q", format=","),
                alt.Tooltip("high:Q", format=","),
                "location:N",
                "publisher:N",
            ],
        )
    )
    points = span.mark_point(filled=True, size=50).encode(y="high:Q")
    claimed = (
        alt.Chart(claimed_bounds(claims))
        .mark_rule(strokeDash=[5, 4], color="#555")
        .encode(y="value:Q", tooltip=["claim:N", "phrase:N", "value:Q"])
    )
    rules = alt.Chart(marks).mark_rule(color="#999").encode(x="when:T", tooltip=["date:N", "title:N"])
    top = troops.loc[troops["high"].idxmax()]
    chart = (rules + span + points + claimed).properties(
        title=alt.Title(
            f"Troop estimates rose to {int(top['high']):,} by {top['estimate_date']}",
            subtitle="Each bar is one published estimate (low to high); dashed: the articles' figures; "
            "grey: treaty and deployment events (hover for names)",
        ),
        height=360,
    )
    return sourced(
        chart,
        ["nk_troops_in_russia", "events_timeline", "claims"],
        alt_text=(
            f"Chart of {len(troops)} published estimates of North Korean troops in Russia from "
            f"{troops['estimate_date'].min()} to {troops['estimate_date'].max()}, by who made them; the highest is "
            f"{int(top['high']):,} ({top['estimator']}). Dashed lines mark the articles' figures; grey lines mark "
            "the treaty and deployment events on record."
        ),
    )


def _yearly(table: pd.DataFrame, y: alt.Y, value_title: str, value_format: str):
    """A line over the years (one per country where the table has a country column), values and publisher on hover."""
    by_country = "country" in table.columns
    tooltip = [alt.Tooltip("country:N")] if by_country else []
    tooltip += [alt.Tooltip("year:Q", format="d"), alt.Tooltip(y.shorthand, title=value_title, format=value_format)]
    if "publisher" in table.columns:
        tooltip.append(alt.Tooltip("publisher:N", title="reported by"))
    colour = {"color": alt.Color("country:N", title=None)} if by_country else {}
    mark = (
        alt.Chart(table).mark_line(point=True)
        if by_country
        else alt.Chart(table).mark_line(point=True, color=PALETTE[0])
    )
    return mark.encode(x=alt.X("year:Q", title="Year", axis=YEAR_AXIS), y=y, tooltip=tooltip, **colour)


def gdp_levels(claims: pd.DataFrame):
    """China's and Russia's GDP in current US dollars, year by year."""
    economy = indicators.ratio(indicators.gdp(["CHN", "RUS"]), "gdp_usd_current", "CHN", "RUS")
    first, latest = economy.iloc[0], economy.iloc[-1]
    levels = indicators.gdp(["CHN", "RUS"]).assign(gdp_usd_trillion=lambda t: t.gdp_usd_current / 1e12)
    chart = _yearly(
        levels, alt.Y("gdp_usd_trillion:Q", title="GDP (US$ trillion, current prices)"), "GDP (US$ tn)", ".2f"
    ).properties(title=f"China's economy grew to {latest.ratio:.1f} times Russia's by {int(latest.year)}")
    return sourced(
        chart,
        ["worldbank_gdp"],
        alt_text=(
            f"Line chart of GDP in current US dollars, {int(first.year)}–{int(latest.year)}. China rises from "
            f"{first.CHN / 1e12:.2f} to {latest.CHN / 1e12:.1f} trillion; Russia from {first.RUS / 1e12:.2f} to "
            f"{latest.RUS / 1e12:.1f} trillion."
        ),
    )


def gdp_ratio(claims: pd.DataFrame):
    """China's GDP as a multiple of Russia's, with the threshold the junior-partner rule uses."""
    economy = indicators.ratio(indicators.gdp(["CHN", "RUS"]), "gdp_usd_current", "CHN", "RUS")
    first, latest = economy.iloc[0], economy.iloc[-1]
    line = _yearly(economy, alt.Y("ratio:Q", title="China's GDP ÷ Russia's GDP (times)"), "China ÷ Russia", ".2f")
    threshold = alt.Chart().mark_rule(strokeDash=[4, 4], color="#555").encode(y=alt.Y(datum=JUNIOR_GDP_RATIO))
    return sourced(
        (line + threshold).properties(
            title=f"China's economy was {latest.ratio:.1f} times Russia's in {int(latest.year)}"
        ),
        ["worldbank_gdp"],
        alt_text=(
            f"Line chart of China's GDP divided by Russia's, {int(first.year)}–{int(latest.year)}, rising from "
            f"{first.ratio:.2f} to {latest.ratio:.1f}; a dashed line marks {JUNIOR_GDP_RATIO:g}, the book's "
            "threshold for a junior partner."
        ),
    )


def unsc_drafts(claims: pd.DataFrame):
    """Security Council resolutions on North Korea and vetoed drafts, by year and outcome."""
    votes = load("unsc_resolutions_prk").dropna(subset=["adopted"])
    votes = votes.assign(year=votes["adopted"].dt.year)
    per_year = votes.groupby(["year", "status"]).size().rename("drafts").reset_index()
    vetoed = int((votes["status"] == "vetoed").sum())
    adopted = len(votes) - vetoed
    chart = (
        alt.Chart(per_year)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Year"),
            y=alt.Y("drafts:Q", title="Security Council drafts on North Korea (count)", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "status:N", title=None, scale=alt.Scale(domain=["adopted", "vetoed"], range=[PALETTE[0], PALETTE[1]])
            ),
            tooltip=["year:O", "status:N", "drafts:Q"],
        )
    )
    return sourced(
        chart.properties(
            title=f"{adopted} resolutions on North Korea adopted, {vetoed} drafts vetoed (dated on record)"
        ),
        ["unsc_resolutions_prk"],
        alt_text=(
            f"Bar chart of Security Council resolutions on North Korea per year: {adopted} adopted and {vetoed} "
            "vetoed, among those with a date on record."
        ),
    )


def crude_imports(claims: pd.DataFrame):
    """China's crude imports from Russia and Saudi Arabia (million tonnes)."""
    crude = load("cn_crude_imports").query("unit == 'million_tonnes' and origin_iso3 in ['RUS', 'SAU']")
    crude = crude.assign(country=crude["origin_iso3"].map(COUNTRY_NAMES))
    last_year = int(crude["year"].max())
    latest = crude[crude["year"] == last_year].set_index("origin_iso3")["value"]
    chart = _yearly(crude, alt.Y("value:Q", title="China's crude imports (million tonnes)"), "Mt", ".1f")
    title = f"Russia sold China {latest.get('RUS', float('nan')):.0f} million tonnes of crude in {last_year}"
    return sourced(
        chart.properties(title=title),
        ["cn_crude_imports"],
        alt_text=(
            f"Line chart of China's crude imports from Russia and Saudi Arabia in million tonnes, "
            f"{int(crude['year'].min())}–{last_year}."
        ),
    )


def china_russia_trade(claims: pd.DataFrame):
    """China–Russia trade by China's customs (US$ billion), with the invasion year marked."""
    trade = load("cn_rus_trade_customs").query("measure == 'total'")[["year", "value", "publisher"]]
    latest = trade.loc[trade["year"].idxmax()]
    line = _yearly(trade, alt.Y("value:Q", title="China–Russia trade (US$ billion)"), "US$ bn", ",.1f")
    war = _event_years(["war"], int(trade["year"].min()), int(latest["year"]))
    return sourced(
        (war + line).properties(
            title=alt.Title(
                f"China–Russia trade reached US${latest['value']:,.1f} billion in {int(latest['year'])}",
                subtitle="China's customs figures as reported; grey lines: years of war events on record",
            )
        ),
        ["cn_rus_trade_customs", "events_timeline"],
        alt_text=(
            f"Line chart of China–Russia trade per China's customs, {int(trade['year'].min())}–"
            f"{int(latest['year'])}, ending at US${latest['value']:,.1f} billion; years without a published "
            "figure are left out."
        ),
        note="Years without a figure on record are left out, not interpolated.",
    )


def _pairs(table: pd.DataFrame) -> pd.Series:
    return table["supplier_iso3"].map(COUNTRY_NAMES) + " → " + table["recipient_iso3"].map(COUNTRY_NAMES)


def arms_deliveries(claims: pd.DataFrame):
    """SIPRI arms deliveries among China, the USSR/Russia and North Korea, where SIPRI states a yearly value."""
    tiv = load("sipri_arms_tiv_pairs").dropna(subset=["tiv_million"])
    tiv = tiv.assign(pair=_pairs(tiv))
    chart = (
        alt.Chart(tiv)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=-90, labelOverlap=True)),
            y=alt.Y("tiv_million:Q", title="Arms delivered (SIPRI TIV, millions)"),
            color=alt.Color("pair:N", title=None),
            tooltip=["pair:N", "year:O", alt.Tooltip("tiv_million:Q", format=",.1f"), "tiv_source:N"],
        )
    )
    top = tiv.loc[tiv["tiv_million"].idxmax()]
    return sourced(
        chart.properties(title=f"The largest yearly flow SIPRI states: {top['pair']}, {int(top['year'])}"),
        ["sipri_arms_tiv_pairs"],
        alt_text=(
            f"Bar chart of {len(tiv)} yearly arms-transfer values between China, the USSR/Russia and North Korea "
            "where SIPRI states them."
        ),
        note="Years without a value stated by SIPRI are left out, not set to zero.",
    )


def arms_deals(claims: pd.DataFrame):
    """Deals in SIPRI's arms-transfer register among China, the USSR/Russia and North Korea, by year of order."""
    deals = load("sipri_arms_transfers")
    deals = deals.assign(pair=_pairs(deals))
    per_year = deals.groupby(["year_of_order", "pair"]).size().rename("deals").reset_index()
    last = deals.loc[deals["year_of_order"].idxmax()]
    chart = (
        alt.Chart(per_year)
        .mark_bar()
        .encode(
            x=alt.X("year_of_order:O", title="Year of order", axis=alt.Axis(labelAngle=-90, labelOverlap=True)),
            y=alt.Y("deals:Q", title="Deals ordered (count)", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("pair:N", title=None),
            tooltip=["pair:N", alt.Tooltip("year_of_order:O", title="year of order"), "deals:Q"],
        )
    )
    return sourced(
        chart.properties(
            title=f"{len(deals)} deals on SIPRI's register; the latest, {last['pair']}, "
            f"ordered in {int(last['year_of_order'])}"
        ),
        ["sipri_arms_transfers"],
        alt_text=(
            f"Bar chart of the {len(deals)} arms deals among China, the USSR/Russia and North Korea on SIPRI's "
            f"register, by year of order and supplier-recipient pair, {int(deals['year_of_order'].min())}–"
            f"{int(last['year_of_order'])}."
        ),
    )


def ideal_points(claims: pd.DataFrame):
    """UN General Assembly ideal points of China, Russia, North Korea and the United States."""
    points = load("unga_idealpoints_year")
    points = points[points["country_iso3"].isin(["CHN", "RUS", "PRK", "USA"]) & ~points["thin_year"]]
    points = points.assign(country=points["country_iso3"].map(COUNTRY_NAMES))
    chart = (
        alt.Chart(points)
        .mark_line()
        .encode(
            x=alt.X("year:Q", title="Year", axis=YEAR_AXIS),
            y=alt.Y("ideal_point:Q", title="Ideal point (higher: closer to the US-led order)"),
            color=alt.Color("country:N", title=None),
            tooltip=["country:N", alt.Tooltip("year:Q", format="d"), alt.Tooltip("ideal_point:Q", format=".2f")],
        )
    )
    last_year = int(points["year"].max())
    last = points[points["year"] == last_year].set_index("country_iso3")["ideal_point"]
    values = ", ".join(f"{COUNTRY_NAMES[c]} {last[c]:.2f}" for c in ["CHN", "RUS", "PRK", "USA"] if c in last)
    return sourced(
        chart.properties(title=f"Ideal points in {last_year}: {values}"),
        ["unga_idealpoints_year"],
        alt_text=(
            "Line chart of yearly UN General Assembly ideal points of China, Russia, North Korea and the United "
            "States; years resting on few votes are left out."
        ),
    )


def missile_launches(claims: pd.DataFrame):
    """North Korean missile launches per year (CSIS)."""
    launches = load("csis_provocations").query("missile_launch").groupby("year").size().rename("launches").reset_index()
    top = launches.loc[launches["launches"].idxmax()]
    chart = (
        alt.Chart(launches)
        .mark_bar(color=PALETTE[0])
        .encode(
            x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=-90, labelOverlap=True)),
            y=alt.Y("launches:Q", title="Missile-launch events (count)"),
            tooltip=["year:O", "launches:Q"],
        )
    )
    peak = f"{int(top['launches'])} events in {int(top['year'])}"
    return sourced(
        chart.properties(title=f"North Korea's missile launches peaked at {peak}"),
        ["csis_provocations"],
        alt_text=f"Bar chart of North Korean missile-launch events per year per CSIS; the most were {peak}.",
    )


FIGURES: dict[str, Callable[[pd.DataFrame], alt.TopLevelMixin]] = {
    figure.__name__: figure
    for figure in (
        events,
        trade_share,
        trade_share_by_claim,
        troop_estimates,
        gdp_levels,
        gdp_ratio,
        unsc_drafts,
        crude_imports,
        china_russia_trade,
        arms_deliveries,
        arms_deals,
        ideal_points,
        missile_launches,
    )
}


def themes(article_id: str) -> pd.DataFrame:
    """An article's themes (``data/themes.csv``) in the order the article raises them, with their figures."""
    table = load("themes")
    chosen = table[table["article"] == article_id].reset_index(drop=True)
    if chosen.empty:
        raise KeyError(f"no themes for article '{article_id}' in data/themes.csv")
    return chosen


def draw(name: str, claims: pd.DataFrame):
    """The figure registered under ``name``, drawn for these claims."""
    if name not in FIGURES:
        raise KeyError(f"no figure named '{name}'; known: {', '.join(FIGURES)}")
    return FIGURES[name](claims)
