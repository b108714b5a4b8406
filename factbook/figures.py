"""Charts that more than one page shows, each under a name that pages and data tables use.

Every figure takes the claims it illustrates (rows of :func:`factbook.claims.results`) and
returns a sourced Altair chart; a figure that has claimed values draws them against the
data, and the timeline picks out the events the claims cite. Which figure illustrates
which step of an article's argument is declared in ``data/steps.csv`` and looked up by name in
:data:`FIGURES`, never guessed from the theme's words.
"""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd

from factbook import indicators
from factbook.charts import PALETTE, VERDICT_COLOURS, sourced
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
FIGURES: dict[str, Callable[[pd.DataFrame], alt.TopLevelMixin]] = {}


def figure(draw_figure: Callable[[pd.DataFrame], alt.TopLevelMixin]):
    """Register a figure in :data:`FIGURES` under its function's name (which must be new)."""
    if draw_figure.__name__ in FIGURES:
        raise ValueError(f"two figures are named '{draw_figure.__name__}'")
    FIGURES[draw_figure.__name__] = draw_figure
    return draw_figure


def draw(name: str, claims: pd.DataFrame):
    """The figure registered under ``name``, drawn for these claims."""
    if name not in FIGURES:
        raise KeyError(f"no figure named '{name}'; known: {', '.join(FIGURES)}")
    return FIGURES[name](claims)


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


def _claimed_lines(bounds: pd.DataFrame):
    """Dashed rules at the values the claims state (rows of :func:`claimed_bounds`), each named on hover."""
    return (
        alt.Chart(bounds)
        .mark_rule(strokeDash=[5, 4], color="#555")
        .encode(y="value:Q", tooltip=["claim:N", "phrase:N", "bound:N", "value:Q"])
    )


def cited_events(claims: pd.DataFrame) -> set[str]:
    """The timeline events the claims' checks looked up."""
    return {event for result in claims["result"].dropna() for event in result.events}


def _when(date: str) -> pd.Timestamp:
    """A date at the precision the timeline gives it (year, month or day), placed in its period."""
    if len(date) == 4:
        return pd.Timestamp(date + "-07-01")
    return pd.Timestamp(date if len(date) == 10 else date + "-01")


def _event_years(categories: list[str], first: int, last: int):
    """Grey vertical rules at the years of timeline events of the given categories (for yearly charts)."""
    timeline = load("events_timeline")
    chosen = timeline[timeline["category"].isin(categories)]
    chosen = chosen.assign(year=chosen["date"].str[:4].astype(int))
    chosen = chosen.loc[chosen["year"].between(first, last), ["year", "date", "title"]]
    # A rule alone would stretch a shared year axis down to zero.
    year = alt.X("year:Q", scale=alt.Scale(zero=False))
    return alt.Chart(chosen).mark_rule(color="#cccccc").encode(x=year, tooltip=["date:N", "title:N"])


def _china_share() -> pd.DataFrame:
    return load("nk_trade_kotra").query("measure == 'china_share_of_trade'")[["year", "value", "publisher"]]


def _share_line(share: pd.DataFrame):
    share_axis = alt.Y("value:Q", title="China's share of North Korea's trade (%)", scale=alt.Scale(domain=[0, 100]))
    return _yearly(share, share_axis, "share (%)", ".1f")


@figure
def trade_share(claims: pd.DataFrame):
    """KOTRA's China share of North Korea's trade, with any share the claims state, and UN sanctions years."""
    share = _china_share()
    bounds = claimed_bounds(claims)
    latest = share.loc[share["year"].idxmax()]
    layers = [_event_years(["sanctions"], share["year"].min(), share["year"].max()), _share_line(share)]
    if len(bounds):
        layers.append(_claimed_lines(bounds))
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


@figure
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


@figure
def troop_estimates(claims: pd.DataFrame):
    """Every estimate of North Korean troops sent to Russia, with the claims' figures and key events."""
    troops = load("nk_troops_in_russia").query("measure == 'troops_deployed'").dropna(subset=["high"])
    troops = troops.assign(
        when=troops["estimate_date"].map(_when),
        who=troops["estimator"].str.split(":").str[0],
        low=troops["low"].fillna(troops["high"]),
    )[["when", "estimate_date", "estimator", "who", "low", "high", "location", "publisher"]]
    timeline = load("events_timeline")
    marks = timeline[timeline["category"].isin(["deployment", "treaty"]) & (timeline["date"] >= "2024-06")]
    marks = marks.assign(when=marks["date"].map(_when))[["when", "date", "title"]]
    span = (
        alt.Chart(troops)
        .mark_rule(strokeWidth=3)
        .encode(
            x=alt.X("when:T", title="Date of the estimate"),
            y=alt.Y("low:Q", title="North Korean troops in Russia (estimate)"),
            y2="high:Q",
            color=alt.Color("who:N", title="Estimated by", legend=alt.Legend(orient="bottom", columns=3)),
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
    claimed = _claimed_lines(claimed_bounds(claims))
    rules = alt.Chart(marks).mark_rule(color="#999").encode(x="when:T", tooltip=["date:N", "title:N"])
    top = troops.loc[troops["high"].idxmax()]
    chart = (rules + span + points + claimed).properties(
        title=alt.Title(
            f"Troop estimates rose to {int(top['high']):,} by {top['estimate_date']}",
            subtitle=[
                "Each bar is one published estimate (low to high); dashed: the articles' figures;",
                "grey: treaty and deployment events (hover for names)",
            ],
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


@figure
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


@figure
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


@figure
def china_russia_trade(claims: pd.DataFrame):
    """China–Russia trade by China's customs (US$ billion), with the invasion year marked."""
    trade = load("cn_rus_trade_customs").query("measure == 'total'")[["year", "value", "publisher"]]
    latest = trade.loc[trade["year"].idxmax()]
    line = _yearly(trade, alt.Y("value:Q", title="China–Russia trade (US$ billion)"), "US$ bn", ",.1f")
    war = _event_years(["war"], int(trade["year"].min()), int(latest["year"]))
    return sourced(
        (war + line).properties(
            height=200,
            title=alt.Title(
                f"China–Russia trade reached US${latest['value']:,.1f} billion in {int(latest['year'])}",
                subtitle="China's customs figures as reported; grey lines: years of war events on record",
            ),
        ),
        ["cn_rus_trade_customs", "events_timeline"],
        alt_text=(
            f"Line chart of China–Russia trade per China's customs, {int(trade['year'].min())}–"
            f"{int(latest['year'])}, ending at US${latest['value']:,.1f} billion; years without a published "
            "figure are left out."
        ),
        note="Years without a figure on record are left out, not interpolated.",
    )


@figure
def prk_vote_distance(claims: pd.DataFrame):
    """How far North Korea's UN General Assembly ideal point sits from China's and Russia's, in the last ten years."""
    points = load("unga_idealpoints_year")
    points = points[points["country_iso3"].isin(["CHN", "RUS", "PRK"])]
    thin = points.groupby("year")["thin_year"].any()
    wide = points.pivot(index="year", columns="country_iso3", values="ideal_point").dropna()
    wide = wide[~thin.reindex(wide.index) & (wide.index >= wide.index.max() - 10)]
    gaps = {c: (wide["PRK"] - wide[c]).abs() for c in ["CHN", "RUS"]}
    distance = pd.concat(
        [pd.DataFrame({"year": wide.index, "partner": COUNTRY_NAMES[c], "gap": gap}) for c, gap in gaps.items()]
    )
    closer = [str(year) for year in wide.index[gaps["RUS"] < gaps["CHN"]]]
    years = " and ".join([", ".join(closer[:-1]), closer[-1]] if len(closer) > 1 else closer) or "no year"
    first, last = int(wide.index.min()), int(wide.index.max())
    chart = (
        alt.Chart(distance)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:Q", title="Year", axis=YEAR_AXIS),
            y=alt.Y("gap:Q", title="Gap in UN voting ideal points (absolute)"),
            color=alt.Color("partner:N", title="North Korea's gap to", scale=alt.Scale(range=PALETTE[:2])),
            tooltip=["partner:N", alt.Tooltip("year:Q", format="d"), alt.Tooltip("gap:Q", format=".2f")],
        )
    )
    return sourced(
        chart.properties(
            title=alt.Title(
                f"North Korea voted nearer Russia than China only in {years}",
                subtitle=f"UN General Assembly ideal points, {first}–{last}; lower line: closer partner; thin years "
                "left out",
            ),
            height=180,
        ),
        ["unga_idealpoints_year"],
        alt_text=(
            f"Line chart of the gap between North Korea's UN General Assembly ideal point and China's and "
            f"Russia's, {first}–{last}; North Korea sat nearer Russia than China only in {years}."
        ),
    )


@figure
def china_votes_on_prk(claims: pd.DataFrame):
    """China's part in each dated Security Council decision on North Korea, read from the vote columns."""
    drafts = load("unsc_resolutions_prk").dropna(subset=["adopted"])
    vetoed = drafts["vetoed_by"].fillna("").str.contains("China")
    voted_for = (drafts["status"] == "adopted") & (drafts["in_favour"] == 15)
    labels = ["adopted with China's vote", "vetoed by China", "vetoed by another member"]
    drafts = drafts.assign(
        year=drafts["adopted"].dt.year,
        china=[labels[0] if f else labels[1] if v else labels[2] for f, v in zip(voted_for, vetoed, strict=True)],
    )
    per_year = drafts.groupby(["year", "china"]).size().rename("drafts").reset_index()
    adopted_years = drafts.loc[voted_for, "year"]
    n_for, n_veto, n_other = int(voted_for.sum()), int(vetoed.sum()), int((drafts["china"] == labels[2]).sum())
    veto_years = ", ".join(str(y) for y in sorted(drafts.loc[vetoed, "year"].unique())) or "none"
    span = f"{int(adopted_years.min())}–{int(adopted_years.max())}"
    chart = (
        alt.Chart(per_year)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=-90)),
            y=alt.Y("drafts:Q", title="Security Council drafts on North Korea (count)", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("china:N", title=None, scale=alt.Scale(domain=labels, range=PALETTE[:3])),
            tooltip=["year:O", alt.Tooltip("china:N", title="outcome"), "drafts:Q"],
        )
    )
    return sourced(
        chart.properties(
            title=alt.Title(
                f"China voted for all {n_for} resolutions on North Korea adopted {span}",
                subtitle=f"It vetoed {n_veto} draft ({veto_years}); drafts without a date on record are left out",
            ),
            height=180,
        ),
        ["unsc_resolutions_prk"],
        alt_text=(
            f"Bar chart of dated Security Council drafts on North Korea per year: {n_for} adopted unanimously, "
            f"China included ({span}); {n_veto} vetoed by China ({veto_years}); {n_other} vetoed by another member."
        ),
    )


@figure
def china_prk_record(claims: pd.DataFrame):
    """China's dealings with North Korea on the timeline since 2000: talks, visits, votes and statements."""
    timeline = load("events_timeline")
    involved = timeline["actors"].str.split(";").map(lambda actors: {"CHN", "PRK"} <= set(actors))
    chosen = timeline[involved & (timeline["date"] >= "2000")]
    labels = ["cited by these claims", "other events"]
    chosen = chosen.assign(
        when=chosen["date"].map(_when),
        cited=chosen["event_id"].isin(cited_events(claims)).map({True: labels[0], False: labels[1]}),
    )[["when", "date", "category", "title", "cited"]]
    talks = chosen[chosen["title"].str.contains("Six-Party")]
    on_moscow = timeline.loc[chosen.index, "actors"].str.contains("RUS") & (chosen["category"] == "statement")
    year = chosen.loc[on_moscow, "date"].str[:4].max()
    n_statements = int((chosen.loc[on_moscow, "date"].str[:4] == year).sum())
    chart = (
        alt.Chart(chosen)
        .mark_point(filled=True)
        .encode(
            x=alt.X("when:T", title="Date"),
            y=alt.Y("category:N", title=None),
            color=alt.Color("cited:N", title=None, scale=alt.Scale(domain=labels, range=[PALETTE[1], PALETTE[0]])),
            size=alt.Size("cited:N", scale=alt.Scale(domain=labels, range=[160, 50]), legend=None),
            tooltip=[alt.Tooltip("date:N"), alt.Tooltip("title:N")],
        )
    )
    last_talks = talks["date"].max()[:4]
    return sourced(
        chart.properties(
            title=alt.Title(
                f"Talks end in {last_talks}; China spoke {n_statements} times on Moscow–Pyongyang ties in {year}",
                subtitle="Events on record involving both China and North Korea since 2000 (hover for names)",
            ),
            height=150,
        ),
        ["events_timeline"],
        alt_text=(
            f"Timeline of {len(chosen)} events since 2000 involving both China and North Korea, by category; "
            f"{len(talks)} are Six-Party Talks events, the last in {last_talks}; {n_statements} are Chinese "
            f"statements on North Korea's ties with Russia made in {year}."
        ),
    )


@figure
def china_statements(claims: pd.DataFrame):
    """Russia–North Korea treaty and troop milestones since 2024 beside China's public statements."""
    timeline = load("events_timeline").query("date >= '2024'")
    pair = timeline["actors"].str.contains("RUS") & timeline["actors"].str.contains("PRK")
    pact = timeline[pair & timeline["category"].isin(["treaty", "deployment"])].assign(lane="Russia–North Korea")
    china = timeline[timeline["actors"].str.startswith("CHN") & (timeline["category"] == "statement")]
    shown = pd.concat([pact, china.assign(lane="China's statements")])[["date", "title", "lane"]]
    shown = shown.assign(when=shown["date"].map(_when))
    signed = pact.loc[pact["category"] == "treaty", "date"].map(_when).min()
    gap = (shown.loc[(shown["lane"] != "Russia–North Korea") & (shown["when"] > signed), "when"].min() - signed).days
    points = (
        alt.Chart(shown)
        .mark_point(filled=True, size=110)
        .encode(
            x=alt.X("when:T", title="Date", axis=alt.Axis(format="%b %Y")),
            y=alt.Y("lane:N", title=None),
            color=alt.Color("lane:N", legend=None, scale=alt.Scale(range=[PALETTE[0], PALETTE[1]])),
            tooltip=[alt.Tooltip("date:N"), alt.Tooltip("title:N")],
        )
    )
    day = alt.DateTime(year=signed.year, month=signed.month, date=signed.day)
    signing = alt.Chart().mark_rule(strokeDash=[4, 4], color="#555").encode(x=alt.XDatum(day))
    title = alt.Title(
        f"China's first statement on record came {gap} days after the treaty was signed",
        subtitle="Dashed: the signing; hover a point for the event",
    )
    return sourced(
        (signing + points).properties(title=title, height=120),
        ["events_timeline"],
        alt_text=(
            f"Timeline, {shown['date'].min()} to {shown['date'].max()}: {len(pact)} treaty and troop events between "
            f"Russia and North Korea and {len(china)} public statements by China; after the treaty was signed, "
            f"the first Chinese statement on record came {gap} days later."
        ),
    )


@figure
def allied_military_spending(claims: pd.DataFrame):
    """Japan's and South Korea's military spending (SIPRI, constant US$), with US–Japan–South Korea summits."""
    spend = indicators.milex("constant_2023_usd_million", ["JPN", "KOR"]).query("year >= 2010")
    spend = spend.assign(country=spend["country_iso3"].map(COUNTRY_NAMES), value=spend["value"] / 1e3)
    last = int(spend["year"].max())
    change = {c: indicators.change_pct(spend[spend["country_iso3"] == c], last - 3, last) for c in ["JPN", "KOR"]}
    axis = alt.Y("value:Q", title="Military spending (US$ bn, 2023 prices)")
    line = _yearly(spend[["country", "year", "value"]], axis, "US$ bn", ".1f")
    timeline = load("events_timeline")
    allied = timeline[timeline["actors"].str.split(";").map(set) == {"USA", "JPN", "KOR"}]
    summits = allied.assign(year=allied["date"].str[:4].astype(int))[["year", "date", "title"]]
    year = alt.X("year:Q", title="Year", axis=alt.Axis(format="d", labelFlush=False), scale=alt.Scale(zero=False))
    rules = alt.Chart(summits).mark_rule(color="#999").encode(x=year, tooltip=["date:N", "title:N"])
    line = line.encode(x=year)
    korea = "was flat" if abs(change["KOR"]) < 1 else f"changed {change['KOR']:+.0f}%"
    title = alt.Title(
        f"Japan's military spending rose {change['JPN']:.0f}% in {last - 3}–{last}; South Korea's {korea}",
        subtitle="SIPRI, constant 2023 US$; grey: US–Japan–South Korea summits on record",
    )
    return sourced(
        (rules + line).properties(title=title),
        ["sipri_milex", "events_timeline"],
        alt_text=(
            f"Line chart of Japan's and South Korea's military spending in constant 2023 US dollars, 2010–{last}; "
            f"from {last - 3} to {last} Japan's rose {change['JPN']:.0f}% and South Korea's changed "
            f"{change['KOR']:+.1f}%."
        ),
    )


@figure
def regional_military_spending(claims: pd.DataFrame):
    """China's military spending against Russia's, Japan's and South Korea's, and the three combined (SIPRI)."""
    others, combined = ["RUS", "JPN", "KOR"], "Russia + Japan + South Korea"
    spend = indicators.milex("constant_2023_usd_million", ["CHN", *others]).query("year >= 2000")
    wide = spend.pivot(index="year", columns="country_iso3", values="value") / 1e3
    wide[combined] = wide[others].sum(axis=1, min_count=3)
    long = wide.rename(columns=COUNTRY_NAMES).reset_index().melt("year", var_name="country", value_name="value")
    last = int(wide.index.max())
    china, rest = wide.loc[last, "CHN"], wide.loc[last, combined]
    line = _yearly(long.dropna(), alt.Y("value:Q", title="Military spending (US$ bn, 2023 prices)"), "US$ bn", ".1f")
    line = line.encode(x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d", labelFlush=False)))
    title = alt.Title(
        f"In {last} China outspent Russia, Japan and South Korea combined {china / rest:.1f} to 1",
        subtitle="SIPRI, constant 2023 US$",
    )
    return sourced(
        line.properties(title=title),
        ["sipri_milex"],
        alt_text=(
            f"Line chart of military spending in constant 2023 US dollars, 2000–{last}, for China, Russia, Japan, "
            f"South Korea and the last three combined; in {last} China's was {china:.0f} billion, "
            f"{china / rest:.1f} times the three combined ({rest:.0f} billion)."
        ),
    )


@figure
def prk_launch_tempo(claims: pd.DataFrame):
    """North Korean missile-launch events per year (CSIS, years without one at zero), with the averages of the
    three years before Russia's full-scale invasion of Ukraine and of the three years from it."""
    provocations = load("csis_provocations")
    war = load("events_timeline").set_index("event_id").at["russia-launches-full-scale-invasion-of-ukraine", "date"]
    start = int(war[:4])
    years = pd.RangeIndex(start - 10, int(provocations["year"].max()) + 1, name="year")
    per_year = provocations[provocations["missile_launch"]].groupby("year").size().reindex(years, fill_value=0)
    launches = per_year.rename("launches").reset_index()
    windows = {f"{start - 3}–{start - 1}": (start - 3, start - 1), f"{start}–{start + 2}": (start, start + 2)}
    means = {label: per_year.loc[low:high].mean() for label, (low, high) in windows.items()}
    period = [next((label for label, (lo, hi) in windows.items() if lo <= y <= hi), "other years") for y in years]
    launches = launches.assign(period=period)
    colours = [PALETTE[0], PALETTE[1], "#bbbbbb"]
    bars = (
        alt.Chart(launches)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=-90)),
            y=alt.Y("launches:Q", title="Missile-launch events (count per year)"),
            color=alt.Color("period:N", title=None, scale=alt.Scale(domain=[*windows, "other years"], range=colours)),
            tooltip=["year:O", "launches:Q"],
        )
    )
    rules = [
        alt.Chart().mark_rule(strokeDash=[5, 4], color=colour).encode(y=alt.Y(datum=float(mean)))
        for colour, mean in zip(PALETTE[:2], means.values(), strict=True)
    ]
    (before, low), (after, high) = means.items()
    return sourced(
        alt.layer(bars, *rules).properties(
            title=alt.Title(
                f"Launch events averaged {high:.0f} a year in {after}, against {low:.0f} in {before}",
                subtitle=f"Dashed: the two averages; the last year counts to {provocations['date'].max():%Y-%m-%d}",
            ),
            height=180,
        ),
        ["csis_provocations", "events_timeline"],
        alt_text=(
            f"Bar chart of North Korean missile-launch events per year per CSIS, {years[0]}–{years[-1]}; they "
            f"averaged {low:.1f} a year in {before} and {high:.1f} a year in {after}, from the year of Russia's "
            "full-scale invasion of Ukraine."
        ),
    )


@figure
def trade_share_and_launches(claims: pd.DataFrame):
    """China's share of North Korea's trade (KOTRA) above North Korea's missile launches per year (CSIS)."""
    share = _china_share()
    first, last = int(share["year"].min()), int(share["year"].max())
    launches = load("csis_provocations").query("missile_launch").groupby("year").size()
    launches = launches.reindex(range(first, last + 1), fill_value=0).rename_axis("year").rename("launches")
    launches = launches.reset_index()
    top, peak = share.loc[share["value"].idxmax()], launches.loc[launches["launches"].idxmax()]
    years = alt.Scale(domain=[first, last], nice=False)
    x = alt.X("year:Q", title="Year", axis=YEAR_AXIS, scale=years)
    bars = (
        alt.Chart(launches)
        .mark_bar(color=PALETTE[1], size=12)
        .encode(x=x, y=alt.Y("launches:Q", title="Launches"), tooltip=["year:O", "launches:Q"])
    )
    top_x = alt.X("year:Q", axis=alt.Axis(labels=False, ticks=False, title=None), scale=years)
    top_y = alt.Y("value:Q", title="Share (%)", scale=alt.Scale(domain=[0, 100]))
    chart = alt.vconcat(
        _share_line(share).encode(x=top_x, y=top_y).properties(height=110), bars.properties(height=70), spacing=6
    )
    title = alt.Title(
        f"Launches peaked at {int(peak['launches'])} in {int(peak['year'])}; China's share of trade rose to "
        f"{top['value']:.1f}% in {int(top['year'])}",
        subtitle="Top: China's share of North Korea's trade (KOTRA). Bottom: missile-launch events a year (CSIS)",
    )
    return sourced(
        chart.properties(title=title),
        ["nk_trade_kotra", "csis_provocations"],
        alt_text=(
            f"Two aligned charts, {first}–{last}: a line of China's share of North Korea's trade, highest at "
            f"{top['value']:.1f}% in {int(top['year'])}, and bars of North Korean missile-launch events per year, "
            f"most in {int(peak['year'])} ({int(peak['launches'])})."
        ),
        note="Years with no launch on CSIS's record are drawn as zero.",
    )


@figure
def china_russia_ratios(claims: pd.DataFrame):
    """China's GDP and military spending as multiples of Russia's, with the junior-partner threshold."""
    economy = indicators.ratio(indicators.gdp(["CHN", "RUS"]), "gdp_usd_current", "CHN", "RUS")
    military = indicators.ratio(indicators.milex("constant_2023_usd_million", ["CHN", "RUS"]), "value", "CHN", "RUS")
    since = int(economy.loc[economy["ratio"] < JUNIOR_GDP_RATIO, "year"].max()) + 1
    war = _event_years(["war"], int(economy["year"].min()), int(military["year"].max()))
    peak, last = military.loc[military["ratio"].idxmax()], military.iloc[-1]
    ratios = pd.concat([economy.assign(country="GDP"), military.assign(country="Military spending")])
    ratios = ratios[["year", "ratio", "country"]]
    line = _yearly(ratios, alt.Y("ratio:Q", title="China's figure ÷ Russia's (times)"), "China ÷ Russia", ".2f")
    line = line.encode(color=alt.Color("country:N", title=None, legend=alt.Legend(orient="top-left")))
    threshold = alt.Chart().mark_rule(strokeDash=[4, 4], color="#555").encode(y=alt.Y(datum=JUNIOR_GDP_RATIO))
    title = alt.Title(
        f"China's economy has been at least {JUNIOR_GDP_RATIO:g} times Russia's every year since {since}",
        subtitle=f"Its military-spending lead peaked at {peak['ratio']:.1f}× in {int(peak['year'])} and fell to "
        f"{last['ratio']:.1f}× in {int(last['year'])}; dashed: {JUNIOR_GDP_RATIO:g}×; grey: the 2022 invasion",
    )
    return sourced(
        (war + line + threshold).properties(title=title, height=200),
        ["worldbank_gdp", "sipri_milex"],
        alt_text=(
            f"Line chart of China's GDP and military spending each divided by Russia's, {int(economy['year'].min())}"
            f"–{int(last['year'])}. The GDP ratio stays above {JUNIOR_GDP_RATIO:g} every year from {since}; the "
            f"military-spending ratio peaks at {peak['ratio']:.1f} in {int(peak['year'])} and falls to "
            f"{last['ratio']:.1f} in {int(last['year'])}."
        ),
    )


@figure
def trade_share_threshold(claims: pd.DataFrame):
    """KOTRA's China share of North Korea's trade against the shares the claims read in, first year above them."""
    share = _china_share().sort_values("year")
    bounds = claimed_bounds(claims).query("bound == 'low'")
    floor = bounds["value"].max()
    first = share[share["value"] >= floor].iloc[0]
    rules = _claimed_lines(bounds)
    crossing = alt.Chart(share[share["year"] == first["year"]]).mark_point(size=160, color=PALETTE[1], filled=True)
    crossing = crossing.encode(x="year:Q", y="value:Q", tooltip=[alt.Tooltip("year:Q", format="d"), "value:Q"])
    start = share.iloc[0]
    chart = (_share_line(share) + rules + crossing).properties(
        height=200,
        title=alt.Title(
            f"China's share of North Korea's trade first reached {floor:g}% in {int(first['year'])}",
            subtitle=f"KOTRA; {start['value']:.1f}% in {int(start['year'])}, the first year on record; "
            "dashed: the shares the claims read into the article's words",
        ),
    )
    return sourced(
        chart,
        ["nk_trade_kotra", "claims"],
        alt_text=(
            f"Line chart of China's share of North Korea's trade per KOTRA, {int(start['year'])}–"
            f"{int(share['year'].max())}, from {start['value']:.1f}%; it first reaches {floor:g}% in "
            f"{int(first['year'])}. Dashed lines mark the shares the claims state: "
            + "; ".join(f"{b.claim} at least {b.value:g}%" for b in bounds.itertuples())
            + "."
        ),
    )


@figure
def china_mfa_replies(claims: pd.DataFrame):
    """China's foreign-ministry replies on Russia–North Korea ties since 2024, against the pact and the troops."""
    timeline = load("events_timeline").query("date >= '2024'")
    reply = timeline["title"].str.startswith("China MFA")
    pact = timeline["category"].isin(["treaty", "deployment"]) & timeline["actors"].str.contains("PRK")
    rows = ["China's foreign ministry", "Treaty and troops"]
    shown = timeline[reply | pact].assign(who=reply.map({True: rows[0], False: rows[1]}))
    shown = shown.assign(when=shown["date"].map(_when))[["when", "date", "who", "title"]]
    points = (
        alt.Chart(shown)
        .mark_point(filled=True, size=110)
        .encode(
            x=alt.X("when:T", title="Date", axis=alt.Axis(format="%b %Y")),
            y=alt.Y("who:N", title=None, sort=rows),
            color=alt.Color("who:N", legend=None, scale=alt.Scale(domain=rows, range=[PALETTE[1], PALETTE[0]])),
            tooltip=["date:N", "title:N"],
        )
    )
    replies = shown[shown["who"] == rows[0]]
    return sourced(
        points.properties(
            width=480,
            height=110,
            title=alt.Title(
                f"{len(replies)} replies by China's foreign ministry on record, the last on {replies['date'].max()}",
                subtitle="Hover for what was said. Blue: the treaty's steps and the troop reports and confirmations",
            ),
        ),
        ["events_timeline"],
        alt_text=(
            f"Timeline from {shown['date'].min()} to {shown['date'].max()}: {len(replies)} replies by China's "
            f"foreign ministry ({', '.join(replies['date'])}) and {len(shown) - len(replies)} Russia–North Korea "
            "treaty and troop milestones."
        ),
    )


@figure
def nk_trade_china_russia(claims: pd.DataFrame):
    """North Korea's trade with China (KOTRA) and with Russia (as reported), US$ million, year by year."""
    russia = load("ru_prk_trade").query("measure == 'total' and period_type == 'year'")
    russia = russia.assign(year=russia["period"].astype(int), country="Russia")
    china = load("nk_trade_kotra").query("measure == 'trade_with_china' and year >= @russia.year.min()")
    both = pd.concat([china.assign(country="China"), russia])[["year", "value", "country", "publisher"]]
    last = int(both.groupby("country")["year"].max().min())
    latest = both[both["year"] == last].set_index("country")["value"]
    pct = latest["Russia"] / latest["China"] * 100
    line = _yearly(both, alt.Y("value:Q", title="North Korea's trade (US$ million)"), "US$ m", ",.1f")
    line = line.encode(color=alt.Color("country:N", title="Trade with", legend=alt.Legend(orient="top-right")))
    return sourced(
        line.properties(
            height=200,
            title=alt.Title(
                f"North Korea's trade with Russia was {pct:.1f}% of its trade with China in {last}",
                subtitle=f"US${latest['Russia']:,.0f} million against US${latest['China']:,.0f} million",
            ),
        ),
        ["nk_trade_kotra", "ru_prk_trade"],
        alt_text=(
            f"Line chart of North Korea's trade with China (KOTRA) and with Russia (as reported), "
            f"{int(both['year'].min())}–{last}; in {last} trade with Russia was {pct:.1f}% of trade with China."
        ),
        note="Years without a published figure are left out, not interpolated.",
    )


@figure
def russia_prk_contacts(claims: pd.DataFrame):
    """Every dated Russia–North Korea event on record since 2000, the ones the claims cite picked out."""
    timeline = load("events_timeline")
    pair = timeline["actors"].str.split(";").map(lambda actors: {"RUS", "PRK"} <= set(actors))
    labels = ["cited by these claims", "other events"]
    shown = timeline[pair & (timeline["date"] >= "2000")]
    shown = shown.assign(
        cited=shown["event_id"].isin(cited_events(claims)).map({True: labels[0], False: labels[1]}),
    )[["date", "category", "title", "cited"]]
    invasion = timeline.loc[(timeline["category"] == "war") & timeline["actors"].str.contains("UKR"), "date"].min()
    since = int((shown["date"] >= invasion).sum())
    chart = (
        alt.Chart(shown)
        .mark_point(filled=True)
        .encode(
            x=alt.X("date:T", title="Date"),
            y=alt.Y("category:N", title=None),
            color=alt.Color("cited:N", title=None, scale=alt.Scale(domain=labels, range=[PALETTE[1], PALETTE[0]])),
            size=alt.Size("cited:N", title=None, scale=alt.Scale(domain=labels, range=[160, 50])),
            tooltip=[alt.Tooltip("date:N"), alt.Tooltip("title:N")],
        )
    )
    title = alt.Title(
        f"{since} of {len(shown)} Russia–North Korea events since 2000 came after the invasion",
        subtitle=f"Events on record involving both; Russia invaded Ukraine on {invasion}; hover for names",
    )
    return sourced(
        chart.properties(title=title, width=540, height=170),
        ["events_timeline"],
        alt_text=(
            f"Timeline of the {len(shown)} events on record since 2000 involving both Russia and North Korea, by "
            f"category; {since} of them date from {invasion} or later. The events the claims cite are highlighted."
        ),
    )


@figure
def nk_trade_partners(claims: pd.DataFrame):
    """China's and Russia's shares of North Korea's trade (KOTRA), with the shares the claims state."""
    kotra = load("nk_trade_kotra").query("measure in ['china_share_of_trade', 'russia_share_of_trade']")
    names = {"china_share_of_trade": "China", "russia_share_of_trade": "Russia"}
    shares = kotra.assign(country=kotra["measure"].map(names))[["country", "year", "value"]]
    axis = alt.Y("value:Q", title="Share of North Korea's trade (%)", scale=alt.Scale(domain=[0, 100]))
    stated = claims[claims["params"].fillna("").str.contains("nk_trade_kotra")]
    bounds = claimed_bounds(stated)
    claimed = _claimed_lines(bounds)
    china = shares[shares["country"] == "China"].set_index("year")["value"]
    russia_peak = shares.loc[shares["country"] == "Russia", "value"].max()
    last, low = int(china.index.max()), bounds["value"].max() if len(bounds) else 0
    since = int(china.index[china.index > china[china <= low].index.max()].min())
    title = alt.Title(
        f"China's share of North Korea's trade: {china[last]:.1f}% in {last}; Russia's at most {russia_peak:.1f}%",
        subtitle=f"KOTRA, as reported (Russia's for few years); dashed: the claimed {low:g}%, exceeded since {since}",
    )
    legend = alt.Color("country:N", title=None, legend=alt.Legend(orient="bottom-right"))
    lines = _yearly(shares, axis, "share (%)", ".1f").encode(color=legend)
    return sourced(
        (lines + claimed).properties(title=title, height=220),
        ["nk_trade_kotra", "claims"],
        alt_text=(
            f"Line chart of China's and Russia's shares of North Korea's trade per KOTRA; China's reaches "
            f"{china[last]:.1f}% in {last}; Russia's, in the years reported, is at most {russia_peak:.1f}%. A dashed "
            f"line marks the claimed {low:g}%, which China's share has exceeded every year since {since}."
        ),
    )


@figure
def cold_war_arms(claims: pd.DataFrame):
    """Soviet arms deals delivering to China and to North Korea each year, 1950–1991, with the claims' events."""
    pairs = load("sipri_arms_tiv_pairs").query("supplier_iso3 == 'SUN' and recipient_iso3 in ['CHN', 'PRK']")
    # A year with no row is one in which SIPRI's register identifies no delivery for the pair: zero deals.
    grid = pd.MultiIndex.from_product([["CHN", "PRK"], range(1950, 1992)], names=["recipient_iso3", "year"])
    deals = pairs.set_index(["recipient_iso3", "year"])["n_deals"].reindex(grid, fill_value=0).reset_index()
    deals = deals.assign(country="USSR → " + deals["recipient_iso3"].map(COUNTRY_NAMES))
    china = set(pairs.query("recipient_iso3 == 'CHN' and n_deals > 0")["year"])
    stop = next(year for year in range(1950, 1992) if year not in china)
    back = min(year for year in china if year > stop)
    korea = int((deals.query("recipient_iso3 == 'PRK'")["n_deals"] > 0).sum())
    timeline = load("events_timeline")
    marks = timeline[timeline["event_id"].isin(cited_events(claims))]
    marks = marks.assign(year=marks["date"].str[:4].astype(int)).query("1950 <= year <= 1991")
    rules = (
        alt.Chart(marks[["year", "date", "title"]])
        .mark_rule(color="#bbbbbb")
        .encode(x=alt.X("year:Q", scale=alt.Scale(domain=[1950, 1991], nice=False)), tooltip=["date:N", "title:N"])
    )
    y = alt.Y("n_deals:Q", title="Soviet deals delivering that year (count)")
    lines = _yearly(deals[["year", "country", "n_deals"]], y, "deals", "d")
    years = len(grid) // 2
    korea_text = "never did" if korea == years else f"ran in {korea} of {years} years"
    title = f"Soviet arms to China stopped in {stop}–{back - 1}; those to North Korea {korea_text}"
    return sourced(
        (rules + lines).properties(
            title=alt.Title(title, subtitle="SIPRI register, 1950–1991; grey lines: events these claims cite (hover)"),
            height=240,
        ),
        ["sipri_arms_tiv_pairs", "events_timeline"],
        alt_text=(
            f"Line chart of Soviet arms deals delivering to China and to North Korea each year, 1950–1991: "
            f"deliveries to China stop from {stop} until {back}, while North Korea received deliveries in {korea} "
            f"of the {years} years."
        ),
        note="A year with no delivery in SIPRI's register counts as zero deals.",
    )


@figure
def nk_trade_ratio(claims: pd.DataFrame):
    """North Korea's trade with China as a multiple of its trade with Russia, in the years KOTRA gives both."""
    kotra = load("nk_trade_kotra").query("measure in ['trade_with_china', 'trade_with_russia']")
    wide = kotra.pivot(index="year", columns="measure", values="value").dropna().reset_index()
    wide = wide.assign(times=wide["trade_with_china"] / wide["trade_with_russia"])
    first, last = wide.iloc[0], wide.iloc[-1]
    bars = (
        alt.Chart(wide[["year", "times", "trade_with_china", "trade_with_russia"]])
        .mark_bar(color=PALETTE[0])
        .encode(
            x=alt.X("year:O", title="Year"),
            y=alt.Y("times:Q", title="Trade with China ÷ trade with Russia (times)"),
            tooltip=[
                alt.Tooltip("year:O"),
                alt.Tooltip("trade_with_china:Q", title="with China (US$ m)", format=",.0f"),
                alt.Tooltip("trade_with_russia:Q", title="with Russia (US$ m)", format=",.0f"),
                alt.Tooltip("times:Q", title="China ÷ Russia", format=".1f"),
            ],
        )
    )
    parity = alt.Chart().mark_rule(strokeDash=[5, 4], color="#555").encode(y=alt.Y(datum=1))
    title = (
        f"North Korea's trade with China: {first['times']:.1f}× its trade with Russia in {int(first['year'])}, "
        f"{last['times']:.0f}× in {int(last['year'])}"
    )
    return sourced(
        (bars + parity).properties(
            title=alt.Title(title, subtitle="KOTRA, years giving both; dashed: 1, below which Russia would lead"),
            width=600,
            height=240,
        ),
        ["nk_trade_kotra"],
        alt_text=(
            f"Bar chart of North Korea's trade with China divided by its trade with Russia per KOTRA, in the "
            f"{len(wide)} years it gives both, from {first['times']:.1f} in {int(first['year'])} to "
            f"{last['times']:.0f} in {int(last['year'])}; a dashed line marks 1."
        ),
    )


@figure
def provocations_by_year(claims: pd.DataFrame):
    """North Korean provocations per full year (CSIS), split into missile launches, trash balloons and the rest."""
    events = load("csis_provocations")
    full = events["date"].max().year - (events["date"].max().strftime("%m-%d") != "12-31")
    events = events[events["year"].between(full - 11, full)]
    kind = events["event"].str.contains("balloon", case=False).map({True: "trash balloons", False: "other"})
    events = events.assign(kind=kind.where(~events["missile_launch"], "missile launches"))
    counts = events.groupby(["year", "kind"]).size().rename("events").reset_index()
    kinds = ["missile launches", "trash balloons", "other"]
    top = counts.groupby("year")["events"].sum().idxmax()
    at_top = counts[counts["year"] == top].set_index("kind")["events"].reindex(kinds, fill_value=0)
    chart = (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Year", scale=alt.Scale(domain=list(range(full - 11, full + 1)))),
            y=alt.Y("events:Q", title="Provocations (events per year)"),
            color=alt.Color("kind:N", title=None, scale=alt.Scale(domain=kinds, range=PALETTE[:3]), sort=kinds),
            order=alt.Order("kind:N"),
            tooltip=["year:O", "kind:N", "events:Q"],
        )
    )
    title = f"Provocations peaked at {int(at_top.sum())} in {top}, {at_top['trash balloons']} of them trash balloons"
    subtitle = f"CSIS list, {full - 11}–{full}; {at_top['missile launches']} missile launches in {top}"
    return sourced(
        chart.properties(title=alt.Title(title, subtitle=subtitle), width=600, height=240),
        ["csis_provocations"],
        alt_text=(
            f"Stacked bar chart of North Korean provocations per year, {full - 11}–{full}, per CSIS, split into "
            f"missile launches, trash balloons and other events; the most were {int(at_top.sum())} in {top}."
        ),
    )


@figure
def china_trade_index(claims: pd.DataFrame):
    """China's trade with Russia and with North Korea (China's customs) against a claimed change since a base year."""
    from factbook.claims import params

    claimed = [params(c.params) for c in claims.itertuples() if c.check == "change_between"][0]
    base, sign = claimed["start"], -1 if claimed["direction"] == "down" else 1
    russia = load("cn_rus_trade_customs").query("measure == 'total'").assign(country="Russia")
    korea = load("cn_prk_trade_customs").query("measure == 'total' and period_type == 'year' and unit == 'usd_million'")
    korea = korea.assign(year=korea["period"].astype(int), country="North Korea")
    trade = pd.concat([russia, korea])[["year", "country", "value", "unit"]].query("year >= @base - 5")
    at_base = trade.query("year == @base").set_index("country")["value"]
    trade = trade.assign(index=trade["value"] / trade["country"].map(at_base) * 100)
    level, move = 100 + sign * claimed["min_pct"], f"a {claimed['min_pct']:g}% {'fall' if sign < 0 else 'rise'}"
    y = alt.Y("index:Q", title=f"Trade, {base} = 100 (log scale)", scale=alt.Scale(type="log"))
    line = _yearly(trade[["year", "country", "index"]], y, f"index ({base} = 100)", ".0f")
    claim = alt.Chart().mark_rule(strokeDash=[5, 4], color="#555").encode(y=alt.Y(datum=level))
    last = trade.loc[trade.groupby("country")["year"].idxmax()].set_index("country")
    change = {c: f"{c} {last.loc[c, 'index'] - 100:+.0f}% ({int(last.loc[c, 'year'])})" for c in last.index}
    title = f"China's trade since {base}: {change['Russia']}, {change['North Korea']}"
    return sourced(
        (line + claim).properties(
            title=alt.Title(title, subtitle=f"China's customs; dashed: {level:g}, {move}, the claim's reading"),
            height=240,
        ),
        ["cn_rus_trade_customs", "cn_prk_trade_customs"],
        alt_text=(
            f"Line chart of China's trade with Russia and with North Korea as an index ({base} = 100), "
            f"{int(trade['year'].min())}–{int(trade['year'].max())}, log scale: {title}. A dashed line marks "
            f"{level:g}, {move}, the claim's reading."
        ),
        note="Years without a figure on record are left out, not interpolated.",
    )


@figure
def troops_after_treaty(claims: pd.DataFrame):
    """Each published estimate of North Korean troops sent to Russia, dated against the 2024 treaty's signing."""
    troops = load("nk_troops_in_russia").query("measure == 'troops_deployed'")
    troops = troops.assign(troops=troops["high"].fillna(troops["low"])).dropna(subset=["troops"])
    troops = troops.assign(when=troops["estimate_date"].map(_when), by=troops["estimator"].str.split(":").str[0])
    timeline = load("events_timeline")
    pair = timeline["actors"].str.split(";").map(lambda actors: {"RUS", "PRK"} <= set(actors))
    signed = timeline.loc[pair & (timeline["category"] == "treaty") & (timeline["date"] >= "2024"), "date"].min()
    first, top = troops.loc[troops["when"].idxmin()], troops.loc[troops["troops"].idxmax()]
    day = _when(signed)
    months = round((first["when"] - day).days / 30.44)
    span = [
        (day - pd.DateOffset(months=1)).isoformat(),
        (troops["when"].max() + pd.DateOffset(months=1)).isoformat(),
    ]
    troops = troops[["estimate_date", "by", "estimator", "troops"]]
    points = (
        alt.Chart(troops)
        .mark_point(filled=True, size=70)
        .encode(
            x=alt.X("estimate_date:T", title="Date of the estimate", scale=alt.Scale(domain=span)),
            y=alt.Y("troops:Q", title="North Korean troops in Russia (estimate)"),
            color=alt.Color("by:N", title="Estimated by", legend=alt.Legend(orient="right", labelLimit=150)),
            tooltip=[alt.Tooltip("estimate_date:N", title="date"), "estimator:N", alt.Tooltip("troops:Q", format=",")],
        )
    )
    treaty = (
        alt.Chart()
        .mark_rule(strokeDash=[4, 4], color="#555")
        .encode(x=alt.X(datum=alt.DateTime(year=day.year, month=day.month, date=day.day)))
    )
    title = alt.Title(
        f"Troops followed the treaty within {months} months; estimates reached {int(top['troops']):,}",
        subtitle=f"Dashed: the treaty's signing ({signed}); each point is one published estimate (higher bound)",
    )
    return sourced(
        (treaty + points).properties(title=title, width=400, height=210),
        ["nk_troops_in_russia", "events_timeline"],
        alt_text=(
            f"Scatter of {len(troops)} published estimates of North Korean troops sent to Russia, "
            f"{troops['estimate_date'].min()} to {troops['estimate_date'].max()}, by who made them; the first came "
            f"{months} months after the treaty was signed on {signed}, the highest is {int(top['troops']):,} "
            f"({top['estimator']}, {top['estimate_date']})."
        ),
        note="Some estimates count one deployment or one region only; hover a point for its wording.",
    )


@figure
def verdicts_by_article(claims: pd.DataFrame):
    """How many claims of each article got each verdict, in the badges' colours."""
    per_article = claims.groupby(["article", "verdict"]).size().rename("claims").reset_index()
    order = list(VERDICT_COLOURS)
    bars = (
        alt.Chart(per_article)
        .mark_bar()
        .encode(
            y=alt.Y("article:N", title="Article"),
            x=alt.X("claims:Q", title="Claims (count)", axis=alt.Axis(format="d", tickMinStep=1)),
            color=alt.Color(
                "verdict:N", title=None, sort=order, scale=alt.Scale(domain=order, range=list(VERDICT_COLOURS.values()))
            ),
            order=alt.Order("verdict_rank:Q"),
            tooltip=["article:N", "verdict:N", "claims:Q"],
        )
        .transform_calculate(verdict_rank=f"indexof({order}, datum.verdict)")
    )
    top = per_article.groupby("article")["claims"].sum()
    return sourced(
        bars.properties(title=f"Article {top.idxmax()} makes the most checkable claims ({top.max()})", height=180),
        ["claims"],
        alt_text="Stacked bar chart of claims per article by verdict: "
        + "; ".join(f"{r.article} {r.verdict} {r.claims}" for r in per_article.itertuples())
        + ".",
    )
