"""The checks behind the registry's claims, each deciding its verdict by a stated rule."""

from __future__ import annotations

import pandas as pd

from factbook.claims import Result, check, evidence
from factbook.data import load
from factbook.indicators import change_pct, gdp, gdp_rank, milex, ratio

# "Junior partner": China's economy at least this many times Russia's, and China
# out-spending Russia on its military, in the latest year of each series.
JUNIOR_GDP_RATIO = 2.0
# The last full year before Russia's invasion of Ukraine (24 February 2022).
YEAR_BEFORE_WAR = 2021
# A change in spending smaller than this, either way, counts as flat.
FLAT_CHANGE_PCT = 1.0
# Spending claims are tested over this many years up to the latest year of data.
SPENDING_WINDOW_YEARS = 3

REAL = "constant_2023_usd_million"
NOMINAL = "local_currency_current"


def _gdp_rows(table: pd.DataFrame) -> pd.DataFrame:
    return table.assign(measure="gdp_usd_current", value=table["gdp_usd_current"], unit="US$, current prices")


def _milex_rows(table: pd.DataFrame) -> pd.DataFrame:
    return table.assign(note=table["sipri_flag"].fillna(""))


def _junior(gdp_ratio: float, milex_ratio: float) -> bool:
    return gdp_ratio >= JUNIOR_GDP_RATIO and milex_ratio > 1


@check
def russia_junior_partner() -> Result:
    """Russia is now the junior partner, and became so only with the war in Ukraine."""
    economy = ratio(gdp(["CHN", "RUS"]), "gdp_usd_current", "CHN", "RUS").set_index("year")["ratio"]
    military = ratio(milex(REAL, ["CHN", "RUS"]), "value", "CHN", "RUS").set_index("year")["ratio"]
    gdp_year, milex_year = int(economy.index.max()), int(military.index.max())
    now = _junior(economy[gdp_year], military[milex_year])
    before = _junior(economy[YEAR_BEFORE_WAR], military[YEAR_BEFORE_WAR])
    below = economy[economy < JUNIOR_GDP_RATIO]
    streak_start = int(below.index.max()) + 1 if not below.empty else int(economy.index.min())
    if not now:
        verdict = "contradicted"
    else:
        verdict = "partly supported" if before else "supported"
    finding = (
        f"China's GDP was {economy[gdp_year]:.1f} times Russia's in {gdp_year} and its military spending "
        f"{military[milex_year]:.1f} times Russia's in {milex_year}; "
    )
    if streak_start <= gdp_year:
        finding += f"China's economy has been at least {JUNIOR_GDP_RATIO:g} times Russia's every year since {streak_start}, "
    if not now:
        finding += "so by this rule Russia is not the junior partner."
    elif before:
        finding += "so Russia was already the junior partner before the war."
    else:
        finding += "a status Russia did not have before the war."
    rows = pd.concat([
        evidence(_gdp_rows(gdp(["CHN", "RUS"]).query("year in [@YEAR_BEFORE_WAR, @gdp_year]")), "worldbank_gdp"),
        evidence(_milex_rows(milex(REAL, ["CHN", "RUS"]).query("year in [@YEAR_BEFORE_WAR, @milex_year]")), "sipri_milex"),
    ], ignore_index=True)
    return Result(
        verdict=verdict,
        measured=float(economy[gdp_year]),
        measured_label=f"China's GDP ÷ Russia's GDP, {gdp_year} (current US$)",
        tolerance=(f"junior = China's GDP at least {JUNIOR_GDP_RATIO:g}× Russia's and China's military spending "
                   f"above Russia's; 'since the war' holds only if that was not so in {YEAR_BEFORE_WAR}"),
        finding=finding,
        evidence=rows,
    )


@check
def china_second_largest_economy() -> Result:
    """China ranks second among the world's economies by GDP."""
    latest = int(gdp(["CHN"])["year"].max())
    ranked = gdp_rank(latest)
    rank = int(ranked.loc[ranked["country_iso3"] == "CHN", "rank"].iloc[0])
    leaders = ranked.head(3)
    finding = (f"In {latest} China ranked {rank} of {len(ranked)} economies by GDP in current US$, behind "
               + ", ".join(leaders["country"][leaders["rank"] < rank]) + "." if rank > 1 else
               f"In {latest} China ranked first of {len(ranked)} economies by GDP in current US$.")
    return Result(
        verdict="supported" if rank == 2 else "contradicted",
        measured=float(rank),
        measured_label=f"China's rank by GDP, {latest} (current US$)",
        tolerance="exact rank among economies; aggregates such as the European Union are not economies here",
        finding=finding,
        evidence=evidence(_gdp_rows(leaders).assign(note="rank " + leaders["rank"].astype(str)), "worldbank_gdp"),
    )


def _spending_rose(iso3: str, country: str) -> Result:
    """Shared rule: did a country's defence spending rise over the window, in budget and in real terms?"""
    real = milex(REAL, [iso3])
    nominal = milex(NOMINAL, [iso3])
    end = int(min(real["year"].max(), nominal["year"].max()))
    start = end - SPENDING_WINDOW_YEARS
    real_change, nominal_change = change_pct(real, start, end), change_pct(nominal, start, end)
    if nominal_change <= FLAT_CHANGE_PCT:
        verdict = "contradicted"
    elif real_change <= FLAT_CHANGE_PCT:
        verdict = "partly supported"
    else:
        verdict = "supported"
    finding = (f"From {start} to {end} {country}'s military spending changed by {nominal_change:+.1f}% in its own "
               f"currency at current prices and by {real_change:+.1f}% at constant 2023 prices.")
    rows = pd.concat([real, nominal]).query("year in [@start, @end]")
    return Result(
        verdict=verdict,
        measured=real_change,
        measured_label=f"{country}'s real change in military spending, {start}–{end} (%)",
        tolerance=(f"a change within ±{FLAT_CHANGE_PCT:g}% is flat; supported if spending rose beyond that both in "
                   f"national currency and at constant prices, partly if only in national currency"),
        finding=finding,
        evidence=evidence(_milex_rows(rows), "sipri_milex"),
    )


@check
def japan_defence_spending_rose() -> Result:
    """Japan has ramped up its defence spending."""
    return _spending_rose("JPN", "Japan")


@check
def south_korea_defence_budget_rose() -> Result:
    """South Korea has increased its defence budget."""
    return _spending_rose("KOR", "South Korea")


# --- General checks, parameterised from the registry's `params` -------------------------------


def _rows(dataset: str, where: dict) -> pd.DataFrame:
    """Rows of a dataset matching ``where`` ({column: value or [values]}); curated tables' preferred rows only."""
    table = load(dataset)
    if "preferred" in table.columns:
        table = table[table["preferred"]]
    for column, wanted in where.items():
        if column not in table.columns:
            raise KeyError(f"{dataset} has no column '{column}'")
        values = table[column].map(_text)
        table = table[values.isin([_text(w) for w in wanted]) if isinstance(wanted, list) else values == _text(wanted)]
    return table


def _text(value) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _bounds(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"between {low:g} and {high:g}"
    return f"at least {low:g}" if low is not None else f"at most {high:g}"


def _within(value: float, low: float | None, high: float | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def _range_result(value: float, rows: pd.DataFrame, dataset: str, column: str, low: float | None, high: float | None,
                  label: str, subject: str, detail: str = "") -> Result:
    """Verdict for one figure against the bounds an article's words imply."""
    return Result(
        verdict="supported" if _within(value, low, high) else "contradicted",
        measured=value,
        measured_label=label,
        tolerance=f"the article's words read as {_bounds(low, high)}",
        finding=f"{subject} {value:,.4g}{detail}; the article implies {_bounds(low, high)}.",
        evidence=evidence(rows.assign(value=rows[column]), dataset),
    )


@check
def event_on_record(event_id: str, date: str | None = None) -> Result:
    """The event is in the cited timeline, on the date the article gives (at the article's precision)."""
    timeline = load("events_timeline")
    rows = timeline[timeline["event_id"] == event_id]
    chosen = rows[rows["preferred"]]
    if chosen.empty:
        raise LookupError(f"event '{event_id}' is not in the timeline")
    record = chosen["date"].iloc[0]
    if date is None:
        verdict, finding = "supported", f"The timeline records it on {record}: {chosen['title'].iloc[0]}."
    else:
        precision = min(len(date), len(record))
        alternatives = set(rows["date"].str[:precision])
        if record[:precision] == date[:precision]:
            verdict = "supported"
        elif date[:precision] in alternatives:
            verdict = "partly supported"
        else:
            verdict = "contradicted"
        finding = f"The article's date is {date}; the book's preferred source gives {record} ({chosen['title'].iloc[0]})."
    return Result(
        verdict=verdict,
        measured=record,
        measured_label=f"date on record for {event_id}",
        tolerance="the event must be in the timeline; a stated date must match at the precision both give "
                  "(partly supported when only a non-preferred source gives it)",
        finding=finding,
        evidence=evidence(rows.assign(measure=rows["category"], note=rows["title"]), "events_timeline"),
    )


@check
def value_in_range(dataset: str, where: dict, column: str = "value", low: float | None = None, high: float | None = None) -> Result:
    """One figure lies within the bounds the article's words imply."""
    rows = _rows(dataset, where)
    if len(rows) != 1:
        raise LookupError(f"{dataset} {where}: {len(rows)} matching rows, expected exactly one")
    description = ", ".join(f"{k} {_text(v)}" for k, v in where.items())
    return _range_result(float(rows[column].iloc[0]), rows, dataset, column, low, high,
                         label=f"{dataset}: {description}", subject="The data give", detail=f" ({description})")


@check
def count_in_range(dataset: str, where: dict, low: float | None = None, high: float | None = None) -> Result:
    """The number of matching rows (e.g. vetoes of a kind) lies within the implied bounds."""
    rows = _rows(dataset, where)
    description = ", ".join(f"{k} {_text(v)}" for k, v in where.items())
    return Result(
        verdict="supported" if _within(len(rows), low, high) else "contradicted",
        measured=float(len(rows)),
        measured_label=f"rows of {dataset} with {description}",
        tolerance=f"the article's words read as a count {_bounds(low, high)}",
        finding=f"{len(rows)} rows of {dataset} match {description}; the article implies {_bounds(low, high)}.",
        evidence=evidence(rows, dataset),
    )


@check
def change_between(dataset: str, where: dict, start: int, end: int, direction: str, column: str = "value", min_pct: float = 0.0) -> Result:
    """A figure moved in the stated direction between two years, by at least ``min_pct`` percent."""
    rows = _rows(dataset, where)
    period = "year" if "year" in rows.columns else "period"
    by_period = rows.assign(_p=rows[period].map(_text)).set_index("_p")[column]
    first, last = float(by_period[str(start)]), float(by_period[str(end)])
    change = (last / first - 1) * 100
    rising = change > 0
    if (direction == "up") != rising:
        verdict = "contradicted"
    else:
        verdict = "supported" if abs(change) >= min_pct else "partly supported"
    return Result(
        verdict=verdict,
        measured=change,
        measured_label=f"% change in {column}, {start}–{end}",
        tolerance=f"direction {direction}, by at least {min_pct:g}% (smaller moves the right way: partly supported)",
        finding=f"From {start} to {end} the figure went from {first:,.4g} to {last:,.4g} ({change:+.1f}%).",
        evidence=evidence(rows[rows[period].map(_text).isin([str(start), str(end)])], dataset),
    )


@check
def events_on_record(events: list[dict]) -> Result:
    """Several events (each an event_on_record) together: all on record, some, or none."""
    results = [event_on_record(**event) for event in events]
    held = sum(r.verdict == "supported" for r in results)
    verdict = "supported" if held == len(results) else "partly supported" if held else "contradicted"
    return Result(
        verdict=verdict,
        measured=f"{held} of {len(results)}",
        measured_label="events on record at the stated dates",
        tolerance="every event must be on record at its stated date; some: partly supported",
        finding=" ".join(r.finding for r in results),
        evidence=pd.concat([r.evidence for r in results], ignore_index=True),
    )


@check
def greater_than(dataset: str, where: dict, larger: dict, smaller: dict, column: str = "value") -> Result:
    """One figure exceeds another in the same table (``where`` shared; ``larger``/``smaller`` pick each)."""
    big, small = _rows(dataset, {**where, **larger}), _rows(dataset, {**where, **smaller})
    if len(big) != 1 or len(small) != 1:
        raise LookupError(f"{dataset}: expected one row each for {larger} and {smaller}, found {len(big)} and {len(small)}")
    a, b = float(big[column].iloc[0]), float(small[column].iloc[0])
    names = [", ".join(f"{k} {_text(v)}" for k, v in side.items()) for side in (larger, smaller)]
    return Result(
        verdict="supported" if a > b else "contradicted",
        measured=a / b if b else float("inf"),
        measured_label=f"ratio of {names[0]} to {names[1]}",
        tolerance="the first figure must exceed the second",
        finding=f"{names[0]}: {a:,.4g}; {names[1]}: {b:,.4g}.",
        evidence=evidence(pd.concat([big, small]), dataset),
    )


@check
def not_on_record_before(event_ids: list[str], date: str) -> Result:
    """None of the events had happened by ``date`` (e.g. no official confirmation yet when the article was written)."""
    timeline = load("events_timeline")
    rows = timeline[timeline["event_id"].isin(event_ids)]
    missing = set(event_ids) - set(rows["event_id"])
    if missing:
        raise LookupError(f"events not in the timeline: {sorted(missing)}")
    chosen = rows[rows["preferred"]]
    earlier = chosen[chosen["date"].map(lambda d: d[: min(len(d), len(date))] < date[: min(len(d), len(date))])]
    first = chosen["date"].min()
    return Result(
        verdict="contradicted" if len(earlier) else "supported",
        measured=first,
        measured_label="earliest of the events on record",
        tolerance=f"none of the events may be dated before {date} (the article's date)",
        finding=f"The earliest of these events on record is dated {first}; the article is dated {date}.",
        evidence=evidence(rows.assign(measure=rows["category"], note=rows["title"]), "events_timeline"),
    )


@check
def max_in_range(dataset: str, where: dict, column: str, low: float | None = None, high: float | None = None,
                 contains: dict | None = None, until: dict | None = None) -> Result:
    """The largest matching figure (optionally: text containing a word, dated up to a day) lies within bounds."""
    rows = _rows(dataset, where)
    for name, word in (contains or {}).items():
        rows = rows[rows[name].fillna("").str.contains(word, case=False)]
    for name, last in (until or {}).items():
        rows = rows[rows[name].map(_text) <= last]
    if rows.empty:
        raise LookupError(f"{dataset}: no rows match {where} {contains} {until}")
    return _range_result(float(rows[column].astype(float).max()), rows, dataset, column, low, high,
                         label=f"largest {column} among {len(rows)} matching rows of {dataset}",
                         subject=f"The largest of {len(rows)} matching figures is")


@check
def largest_among(dataset: str, where: dict, column: str, subject: str, among: list[str], key: str = "country_iso3") -> Result:
    """``subject`` has the largest figure among the listed countries."""
    rows = _rows(dataset, where)
    rows = rows[rows[key].isin(among)]
    if set(rows[key]) != set(among) or rows[key].duplicated().any():
        raise LookupError(f"{dataset}: expected one row for each of {among}")
    ranked = rows.sort_values(column, ascending=False)
    leader = ranked[key].iloc[0]
    second = ranked.iloc[1]
    return Result(
        verdict="supported" if leader == subject else "contradicted",
        measured=float(ranked[column].iloc[0] / second[column]) if leader == subject else float(ranked.loc[ranked[key] == subject, column].iloc[0]),
        measured_label=f"{subject}'s {column} over the next largest" if leader == subject else f"{subject}'s {column}",
        tolerance=f"{subject} must rank first among {', '.join(among)}",
        finding=f"Largest {column}: {leader}; next: {second[key]}.",
        evidence=evidence(ranked.assign(value=ranked[column], measure=column), dataset),
    )
