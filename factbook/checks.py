"""The general checks: rules parameterised from the claims registry's ``params``.

A check is a function registered with :func:`check` under its own name, which the
registry's ``check`` column names; ``params`` (a JSON object) gives its keyword
arguments. Every check states what it compares (a date, the actors, a figure against the
bounds the article's words imply) and returns a :class:`~factbook.verdict.Result`.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from factbook.data import load
from factbook.verdict import Result, evidence

CHECKS: dict[str, Callable[..., Result]] = {}


def check(function: Callable[..., Result]) -> Callable[..., Result]:
    """Register a check under its function name (the registry's ``check`` column)."""
    CHECKS[function.__name__] = function
    return function


def _rows(dataset: str, where: dict) -> pd.DataFrame:
    """Rows of a dataset matching ``where`` ({column: value or [values]}); curated tables' preferred rows only."""
    table = load(dataset)
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


def _number(value: float) -> str:
    """A figure as readers write it: 11,000 and 98.35, never 1.1e+04."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}" if abs(value) >= 1000 else f"{value:.4g}"


def _bounds(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"between {_number(low)} and {_number(high)}"
    return f"at least {_number(low)}" if low is not None else f"at most {_number(high)}"


def _within(value: float, low: float | None, high: float | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def _range_result(
    value: float,
    rows: pd.DataFrame,
    dataset: str,
    column: str,
    low: float | None,
    high: float | None,
    label: str,
    subject: str,
    detail: str = "",
) -> Result:
    """Verdict for one figure against the bounds an article's words imply."""
    return Result(
        verdict="supported" if _within(value, low, high) else "contradicted",
        measured=value,
        measured_label=label,
        rule=f"the article's words read as {_bounds(low, high)}",
        finding=f"{subject} {_number(value)}{detail}; the article implies {_bounds(low, high)}.",
        evidence=evidence(rows.assign(value=rows[column]), dataset),
        bounds=(low, high),
    )


@check
def event_on_record(event_id: str, date: str | None = None) -> Result:
    """The event is in the cited timeline, on the date the article gives (at the article's precision)."""
    timeline = load("events_timeline", all_sources=True)
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
        finding = (
            f"The article's date is {date}; the book's preferred source gives {record} ({chosen['title'].iloc[0]})."
        )
    return Result(
        verdict=verdict,
        measured=record,
        measured_label=f"date on record for {event_id}",
        rule="the event must be in the timeline; a stated date must match at the precision both give "
        "(partly supported when only a non-preferred source gives it)",
        finding=finding,
        evidence=evidence(rows.assign(measure=rows["category"], note=rows["title"]), "events_timeline"),
        events=(event_id,),
    )


@check
def value_in_range(
    dataset: str, where: dict, column: str = "value", low: float | None = None, high: float | None = None
) -> Result:
    """One figure lies within the bounds the article's words imply."""
    rows = _rows(dataset, where)
    if len(rows) != 1:
        raise LookupError(f"{dataset} {where}: {len(rows)} matching rows, expected exactly one")
    description = ", ".join(f"{k} {_text(v)}" for k, v in where.items())
    return _range_result(
        float(rows[column].iloc[0]),
        rows,
        dataset,
        column,
        low,
        high,
        label=f"{dataset}: {description}",
        subject="The data give",
        detail=f" ({description})",
    )


@check
def count_in_range(dataset: str, where: dict, low: float | None = None, high: float | None = None) -> Result:
    """The number of matching rows (e.g. vetoes of a kind) lies within the implied bounds."""
    rows = _rows(dataset, where)
    description = ", ".join(f"{k} {_text(v)}" for k, v in where.items())
    return Result(
        verdict="supported" if _within(len(rows), low, high) else "contradicted",
        measured=float(len(rows)),
        measured_label=f"rows of {dataset} with {description}",
        rule=f"the article's words read as a count {_bounds(low, high)}",
        finding=f"{len(rows)} rows of {dataset} match {description}; the article implies {_bounds(low, high)}.",
        evidence=evidence(rows, dataset),
        bounds=(low, high),
    )


@check
def change_between(
    dataset: str, where: dict, start: int, end: int, direction: str, column: str = "value", min_pct: float = 0.0
) -> Result:
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
        rule=f"direction {direction}, by at least {min_pct:g}% (smaller moves the right way: partly supported)",
        finding=f"From {start} to {end} the figure went from {_number(first)} to {_number(last)} ({change:+.1f}%).",
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
        rule="every event must be on record at its stated date; some: partly supported",
        finding=" ".join(r.finding for r in results),
        evidence=pd.concat([r.evidence for r in results], ignore_index=True),
        events=tuple(event for r in results for event in r.events),
    )


@check
def greater_than(dataset: str, where: dict, larger: dict, smaller: dict, column: str = "value") -> Result:
    """One figure exceeds another in the same table (``where`` shared; ``larger``/``smaller`` pick each)."""
    big, small = _rows(dataset, {**where, **larger}), _rows(dataset, {**where, **smaller})
    if len(big) != 1 or len(small) != 1:
        raise LookupError(
            f"{dataset}: expected one row each for {larger} and {smaller}, found {len(big)} and {len(small)}"
        )
    a, b = float(big[column].iloc[0]), float(small[column].iloc[0])
    names = [", ".join(f"{k} {_text(v)}" for k, v in side.items()) for side in (larger, smaller)]
    return Result(
        verdict="supported" if a > b else "contradicted",
        measured=a / b if b else float("inf"),
        measured_label=f"ratio of {names[0]} to {names[1]}",
        rule="the first figure must exceed the second",
        finding=f"{names[0]}: {_number(a)}; {names[1]}: {_number(b)}.",
        evidence=evidence(pd.concat([big, small]), dataset),
    )


@check
def not_on_record_before(event_ids: list[str], date: str) -> Result:
    """None of the events had happened by ``date`` (e.g. no official confirmation yet when the article was written)."""
    timeline = load("events_timeline", all_sources=True)
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
        rule=f"none of the events may be dated before {date} (the article's date)",
        finding=f"The earliest of these events on record is dated {first}; the article is dated {date}.",
        evidence=evidence(rows.assign(measure=rows["category"], note=rows["title"]), "events_timeline"),
        events=tuple(event_ids),
    )


@check
def max_in_range(
    dataset: str,
    where: dict,
    column: str,
    low: float | None = None,
    high: float | None = None,
    contains: dict | None = None,
    until: dict | None = None,
) -> Result:
    """The largest matching figure (optionally: text containing a word, dated up to a day) lies within bounds."""
    rows = _rows(dataset, where)
    for name, word in (contains or {}).items():
        rows = rows[rows[name].fillna("").str.contains(word, case=False)]
    for name, last in (until or {}).items():
        rows = rows[rows[name].map(_text) <= last]
    if rows.empty:
        raise LookupError(f"{dataset}: no rows match {where} {contains} {until}")
    return _range_result(
        float(rows[column].astype(float).max()),
        rows,
        dataset,
        column,
        low,
        high,
        label=f"largest {column} among {len(rows)} matching rows of {dataset}",
        subject=f"The largest of {len(rows)} matching figures is",
    )


@check
def largest_among(
    dataset: str, where: dict, column: str, subject: str, among: list[str], key: str = "country_iso3"
) -> Result:
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
        measured=float(ranked[column].iloc[0] / second[column])
        if leader == subject
        else float(ranked.loc[ranked[key] == subject, column].iloc[0]),
        measured_label=f"{subject}'s {column} over the next largest" if leader == subject else f"{subject}'s {column}",
        rule=f"{subject} must rank first among {', '.join(among)}",
        finding=f"Largest {column}: {leader}; next: {second[key]}.",
        evidence=evidence(ranked.assign(value=ranked[column], measure=column), dataset),
    )
