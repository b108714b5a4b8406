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
from factbook.verdict import DIRECTIONS, Result, evidence

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


def _series(where: dict) -> str:
    """The series a filter picks, in the words of its values (e.g. 'china_share_of_trade')."""
    names = ["/".join(map(str, v)) if isinstance(v, list) else str(v) for v in where.values()]
    return ", ".join(names) or "the figure"


def _number(value: float) -> str:
    """A figure as readers write it: 11,000 and 98.35, never 1.1e+04."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}" if abs(value) >= 1000 else f"{value:.4g}"


def _bounds(low: float | None, high: float | None, shown: Callable[[float], str] | None = None) -> str:
    shown = shown or _number
    if low is not None and high is not None:
        return f"between {shown(low)} and {shown(high)}"
    return f"at least {shown(low)}" if low is not None else f"at most {shown(high)}"


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
    """Verdict for one figure against the bounds an article's words imply (a year printed as a year)."""
    shown = _text if "year" in column else _number
    return Result(
        verdict="supported" if _within(value, low, high) else "contradicted",
        measured=value,
        measured_label=label,
        rule=f"the article's words read as {_bounds(low, high, shown)}",
        finding=f"{subject} {shown(value)}{detail}; the article implies {_bounds(low, high, shown)}.",
        evidence=evidence(rows.assign(value=rows[column]), dataset),
        bounds=(low, high),
    )


@check
def event_on_record(
    event_id: str,
    date: str | None = None,
    by: str | None = None,
    since: str | None = None,
    actors: list[str] | None = None,
    kind: str | list[str] | None = None,
    partly_kind: list[str] | None = None,
) -> Result:
    """The event is in the cited timeline: on the date the article gives (at the article's precision), or,
    where the article gives none, no later than ``by`` (the latest date its words allow, e.g. its own date)
    and, where its words open a span, no earlier than ``since``.

    Where the article names them, the event must also involve ``actors`` and be of the ``kind`` (timeline
    category) its words describe; a looser ``partly_kind`` (a summit where the article speaks of a pact)
    makes the claim partly supported. The verdict is the weakest of these tests.
    """
    if (date is None) == (by is None):
        raise ValueError(f"an event check gives the article's date for '{event_id}' or the date it must precede")
    if since is not None and by is None:
        raise ValueError(f"'since' opens a span that 'by' closes; '{event_id}' gives a date instead")
    timeline = load("events_timeline", all_sources=True)
    rows = timeline[timeline["event_id"] == event_id]
    chosen = rows[rows["preferred"]]
    if chosen.empty:
        raise LookupError(f"event '{event_id}' is not in the timeline")
    record, title = chosen["date"].iloc[0], chosen["title"].iloc[0]
    if by is not None:
        inside = record[: len(by)] <= by and (since is None or not _earlier(record, since))
        verdict = "supported" if inside else "contradicted"
        span = f"between {since} and {by}" if since else f"no later than {by}"
        finding = f"The timeline dates it {record} ({title}); the article's words place it {span}."
        allowed = "within the span" if since else "no later than"
        rule = f"the event must be in the timeline, dated {allowed} the article's words allow"
    else:
        precision = min(len(date), len(record))
        alternatives = set(rows["date"].str[:precision])
        if record[:precision] == date[:precision]:
            verdict = "supported"
        elif date[:precision] in alternatives:
            verdict = "partly supported"
        else:
            verdict = "contradicted"
        finding = f"The article's date is {date}; the book's preferred source gives {record} ({title})."
        rule = (
            "the event must be in the timeline, on the article's date at the precision both give "
            "(partly supported when only a non-preferred source gives it)"
        )
    verdicts, findings, rules = _who_and_what(chosen.iloc[0], actors, kind, partly_kind)
    return Result(
        verdict=_weakest([verdict, *verdicts]),
        measured=record,
        measured_label=f"date on record for {event_id}",
        rule="; ".join([rule, *rules]),
        finding=" ".join([finding, *findings]),
        evidence=evidence(rows.assign(measure=rows["category"], note=rows["title"]), "events_timeline"),
        events=(event_id,),
    )


# From the strongest verdict a factual check gives to the weakest.
_STRENGTH = ("supported", "partly supported", "contradicted")


def _weakest(verdicts: list[str]) -> str:
    return max(verdicts, key=_STRENGTH.index)


def _earlier(date: str, than: str) -> bool:
    """``date`` falls before ``than`` at the precision both give (1961 is not earlier than 1961-07)."""
    precision = min(len(date), len(than))
    return date[:precision] < than[:precision]


def _who_and_what(
    record: pd.Series, actors: list[str] | None, kind: str | list[str] | None, partly_kind: list[str] | None
) -> tuple[list[str], list[str], list[str]]:
    """Verdicts, findings and rules for the actors and the kind of event an article's words name."""
    verdicts, findings, rules = [], [], []
    if actors:
        involved = record["actors"].split(";")
        missing = [actor for actor in actors if actor not in involved]
        verdicts.append("contradicted" if missing else "supported")
        findings.append(
            f"Its actors on record are {', '.join(involved)}"
            + (f"; {', '.join(missing)} not among them." if missing else ".")
        )
        rules.append(f"it must involve {', '.join(actors)}")
    if kind:
        kinds, looser = [kind] if isinstance(kind, str) else list(kind), list(partly_kind or [])
        category = record["category"]
        verdicts.append(
            "supported" if category in kinds else "partly supported" if category in looser else "contradicted"
        )
        findings.append(f"The timeline files it under {category}; the article's words call for {' or '.join(kinds)}.")
        rules.append(
            f"it must be filed under {' or '.join(kinds)}"
            + (f" ({' or '.join(looser)}: partly supported)" if looser else "")
        )
    return verdicts, findings, rules


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
def count_in_range(
    dataset: str, where: dict, low: float | None = None, high: float | None = None, partly_low: float | None = None
) -> Result:
    """The number of matching rows (e.g. vetoes of a kind) lies within the implied bounds; a count below ``low``
    but at least ``partly_low`` (the thing happened, not as often as the words say) is partly supported."""
    rows = _rows(dataset, where)
    description = ", ".join(f"{k} {_text(v)}" for k, v in where.items())
    if _within(len(rows), low, high):
        verdict = "supported"
    elif partly_low is not None and _within(len(rows), partly_low, high):
        verdict = "partly supported"
    else:
        verdict = "contradicted"
    partly = f" (at least {_number(partly_low)}: partly supported)" if partly_low is not None else ""
    return Result(
        verdict=verdict,
        measured=float(len(rows)),
        measured_label=f"rows of {dataset} with {description}",
        rule=f"the article's words read as a count {_bounds(low, high)}{partly}",
        finding=f"{len(rows)} rows of {dataset} match {description}; the article implies {_bounds(low, high)}.",
        evidence=evidence(rows, dataset),
        bounds=(low, high),
    )


@check
def change_between(
    dataset: str,
    where: dict,
    start: int,
    end: int,
    direction: str,
    column: str = "value",
    min_pct: float = 0.0,
    period: str | None = None,
    alongside: list[dict] | None = None,
) -> Result:
    """A figure moved in the stated direction between two years, by at least ``min_pct`` percent.

    ``period`` names the column holding the year (default: ``year``, else ``period``). ``alongside`` lists other
    measures of the same thing (each ``dataset``, ``where``, optional ``column``, ``period`` and a ``label``),
    whose change over the same years the finding shows beside it; they never decide the verdict.
    """
    first, last, rows = _endpoints(dataset, where, start, end, column, period)
    change = (last / first - 1) * 100
    rising = change > 0
    if (direction == "up") != rising:
        verdict = "contradicted"
    else:
        verdict = "supported" if abs(change) >= min_pct else "partly supported"
    finding = f"From {start} to {end}, {_series(where)} went from {_number(first)} to {_number(last)} ({change:+.1f}%)."
    shown = [evidence(rows, dataset)]
    for other in alongside or []:
        a, b, other_rows = _endpoints(
            other["dataset"], other["where"], start, end, other.get("column", "value"), other.get("period")
        )
        finding += f" Alongside, {other['label']}: {_number(a)} to {_number(b)} ({(b / a - 1) * 100:+.1f}%)."
        shown.append(evidence(other_rows, other["dataset"]))
    return Result(
        verdict=verdict,
        measured=change,
        measured_label=f"% change in {column}, {start}–{end}",
        rule=f"direction {direction}, by at least {min_pct:g}% (smaller moves the right way: partly supported)",
        finding=finding,
        evidence=pd.concat(shown, ignore_index=True),
    )


def _endpoints(
    dataset: str, where: dict, start: int, end: int, column: str, period: str | None
) -> tuple[float, float, pd.DataFrame]:
    """A series' figures in two years, and the two rows they come from."""
    rows = _rows(dataset, where)
    period = period or ("year" if "year" in rows.columns else "period")
    years = rows[period].map(_text)
    by_period = rows.assign(_p=years).set_index("_p")[column]
    for year in (start, end):
        if (by_period.index == str(year)).sum() != 1:
            raise LookupError(f"{dataset}: {(by_period.index == str(year)).sum()} rows for {year} match {where}")
    first, last = float(by_period[str(start)]), float(by_period[str(end)])
    return first, last, rows[years.isin([str(start), str(end)])]


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
def not_on_record_before(event_ids: list[str], date: str, alongside: list[dict] | None = None) -> Result:
    """None of the events had happened by ``date`` (e.g. no official confirmation yet when the article was written).

    ``alongside`` lists rows of other datasets the finding shows beside it (each ``dataset``, ``where``, optional
    ``contains`` and ``until`` as in :func:`max_in_range`, and a ``label``); they never decide the verdict.
    """
    timeline = load("events_timeline", all_sources=True)
    rows = timeline[timeline["event_id"].isin(event_ids)]
    missing = set(event_ids) - set(rows["event_id"])
    if missing:
        raise LookupError(f"events not in the timeline: {sorted(missing)}")
    chosen = rows[rows["preferred"]]
    earlier = chosen[chosen["date"].map(lambda d: d[: min(len(d), len(date))] < date[: min(len(d), len(date))])]
    first = chosen["date"].min()
    finding = f"The earliest of these events on record is dated {first}; the article is dated {date}."
    shown = [evidence(rows.assign(measure=rows["category"], note=rows["title"]), "events_timeline")]
    for other in alongside or []:
        found = _filtered(other["dataset"], other.get("where", {}), other.get("contains"), other.get("until"))
        finding += f" Alongside, {other['label']}: {len(found)} rows"
        if "name" in other and len(found):
            names = found.sort_values(other["date"])[other["name"]].str.split(" \\(").str[0]
            finding += f", from {found[other['date']].map(_text).min()}: {', '.join(dict.fromkeys(names))}"
        finding += "."
        shown.append(evidence(found, other["dataset"]))
    return Result(
        verdict="contradicted" if len(earlier) else "supported",
        measured=first,
        measured_label="earliest of the events on record",
        rule=f"none of the events may be dated before {date} (the article's date)",
        finding=finding,
        evidence=pd.concat(shown, ignore_index=True),
        events=tuple(event_ids),
    )


def _filtered(dataset: str, where: dict, contains: dict | None = None, until: dict | None = None) -> pd.DataFrame:
    """Rows matching ``where``, whose text columns match ``contains`` (regular expressions, any case) and whose
    date columns are no later than ``until``."""
    rows = _rows(dataset, where)
    for name, pattern in (contains or {}).items():
        rows = rows[rows[name].fillna("").str.contains(pattern, case=False, regex=True)]
    for name, last in (until or {}).items():
        rows = rows[rows[name].map(_text) <= last]
    return rows


@check
def max_in_range(
    dataset: str,
    where: dict,
    column: str,
    low: float | None = None,
    high: float | None = None,
    contains: dict | None = None,
    until: dict | None = None,
    fallback: str | None = None,
) -> Result:
    """The largest matching figure (optionally: text containing a word, dated up to a day) lies within bounds.

    Where a row leaves ``column`` blank, ``fallback`` names the column read instead (an estimate's "at least"
    figure where it gives no upper one).
    """
    rows = _filtered(dataset, where, contains, until)
    if rows.empty:
        raise LookupError(f"{dataset}: no rows match {where} {contains} {until}")
    figures = rows[column].astype(float)
    if fallback is not None:
        figures = figures.fillna(rows[fallback].astype(float))
    read = f"{column}, else {fallback}" if fallback else column
    return _range_result(
        float(figures.max()),
        rows.assign(**{column: figures}),
        dataset,
        column,
        low,
        high,
        label=f"largest {read} among {len(rows)} matching rows of {dataset}",
        subject=f"The largest of {len(rows)} matching figures ({read}) is",
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


@check
def proxy(measure: str, checks: list[dict]) -> Result:
    """An interpretive claim measured by a stated proxy: factual checks run on data, the verdict kept interpretive.

    Each entry of ``checks`` names a factual check and its params (what would hold if the claim's reading
    were right). The proxy points the claim's way (consistent) when every check holds, against it
    (inconsistent) when none does, and both ways (mixed) otherwise.
    """
    inner = [CHECKS[entry["check"]](**entry.get("params", {})) for entry in checks]
    if any(result.verdict not in DIRECTIONS for result in inner):
        raise ValueError(f"a proxy runs factual checks, not {[r.verdict for r in inner]}")
    held = [result.verdict == "supported" for result in inner]
    failed = [result.verdict == "contradicted" for result in inner]
    direction = "consistent" if all(held) else "inconsistent" if all(failed) else "mixed"
    bounds = next((r.bounds for r in inner if r.bounds != (None, None)), (None, None))
    return Result(
        verdict="interpretive",
        measured="; ".join(_number(r.measured) if isinstance(r.measured, float) else str(r.measured) for r in inner),
        measured_label=f"proxy: {measure}",
        rule=f"interpretive; the proxy ({measure}) is consistent with the claim when each of its "
        f"{len(inner)} checks holds, inconsistent when none does, mixed otherwise",
        finding=f"Proxy, {measure}: {' '.join(r.finding for r in inner)} The proxy is {direction} with the claim.",
        evidence=pd.concat([r.evidence for r in inner], ignore_index=True),
        bounds=bounds,
        events=tuple(dict.fromkeys(e for r in inner for e in r.events)),
        direction=direction,
    )


@check
def years_since(event_id: str, until: str, low: float | None = None, high: float | None = None) -> Result:
    """The years from an event on record to ``until`` (e.g. the article's date) lie within the bounds the article's
    words imply ("a century" of ties, talks held lately)."""
    timeline = load("events_timeline", all_sources=True)
    rows = timeline[timeline["event_id"] == event_id]
    chosen = rows[rows["preferred"]]
    if chosen.empty:
        raise LookupError(f"event '{event_id}' is not in the timeline")
    record, title = chosen["date"].iloc[0], chosen["title"].iloc[0]
    years = round((_first_day(until) - _first_day(record)).days / 365.25, 1)
    return Result(
        verdict="supported" if _within(years, low, high) else "contradicted",
        measured=years,
        measured_label=f"years from {event_id} to {until}",
        rule=f"the article's words read as {_bounds(low, high)} years from the event to {until}",
        finding=f"The timeline dates it {record} ({title}): {_number(years)} years before {until}; "
        f"the article implies {_bounds(low, high)} years.",
        evidence=evidence(rows.assign(measure=rows["category"], note=rows["title"]), "events_timeline"),
        bounds=(low, high),
        events=(event_id,),
    )


def _last_day(date: str) -> pd.Timestamp:
    """A date at any precision (1950, 1950-10, 1950-10-25) as the last day it can mean."""
    end = {4: pd.offsets.YearEnd(0), 7: pd.offsets.MonthEnd(0)}.get(len(date), pd.Timedelta(0))
    return _first_day(date) + end


def _first_day(date: str) -> pd.Timestamp:
    """A date at any precision (1950, 1950-10, 1950-10-25) as the first day it can mean."""
    parts = [int(part) for part in date.split("-")] + [1, 1]
    return pd.Timestamp(parts[0], parts[1], parts[2])


def _matching_events(
    actors: list[str] | None = None,
    exactly: bool = False,
    kind: str | list[str] | None = None,
    title: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> tuple[pd.DataFrame, str]:
    """Timeline events (preferred dates) that match a filter, and the filter in words."""
    events = load("events_timeline")
    involved = events["actors"].str.split(";").map(set)
    words = []
    if actors:
        wanted = set(actors)
        events = events[involved == wanted if exactly else involved.map(wanted.issubset)]
        words.append(f"between {', '.join(actors)} alone" if exactly else f"involving {', '.join(actors)}")
    if kind:
        kinds = [kind] if isinstance(kind, str) else list(kind)
        events = events[events["category"].isin(kinds)]
        words.append(f"filed under {' or '.join(kinds)}")
    if title:
        events = events[events["title"].str.contains(title, case=False, regex=True)]
        words.append(f"with a title matching '{title}'")
    if since:
        events = events[events["date"].map(lambda date: not _earlier(date, since)).astype(bool)]
    if until:
        events = events[events["date"].map(lambda date: not _earlier(until, date)).astype(bool)]
    if since or until:
        words.append(f"dated {since or 'any time'} to {until or 'now'}")
    return events.sort_values("date"), ", ".join(words)


def _listed(events: pd.DataFrame) -> str:
    return "; ".join(f"{e.date} {e.title}" for e in events.itertuples()) or "none"


@check
def events_matching(
    actors: list[str] | None = None,
    exactly: bool = False,
    kind: str | list[str] | None = None,
    title: str | None = None,
    since: str | None = None,
    until: str | None = None,
    low: float | None = None,
    high: float | None = None,
    alongside: list[dict] | None = None,
) -> Result:
    """How many timeline events involve the ``actors`` (``exactly`` those, or at least those), are of a ``kind``,
    have a title matching ``title`` (a regular expression) and fall between ``since`` and ``until``: the count
    lies within the bounds the article's words imply (``high`` 0 for "no statement", ``low`` 1 for "there was one").

    ``alongside`` lists further filters, each with a ``label``, whose counts the finding shows for comparison;
    they never decide the verdict.
    """
    if low is None and high is None:
        raise ValueError("a count of events is compared with a bound the article's words imply: give low or high")
    chosen, description = _matching_events(actors, exactly, kind, title, since, until)
    finding = (
        f"{len(chosen)} event{'' if len(chosen) == 1 else 's'} on the timeline {description}: {_listed(chosen)}. "
        f"The article implies {_bounds(low, high)}."
    )
    shown = [chosen]
    for other in alongside or []:
        spec = {key: value for key, value in other.items() if key != "label"}
        rows, _ = _matching_events(**spec)
        finding += f" Alongside, {other['label']}: {len(rows)} ({_listed(rows)})."
        shown.append(rows)
    rows = pd.concat(shown).drop_duplicates()
    return Result(
        verdict="supported" if _within(len(chosen), low, high) else "contradicted",
        measured=float(len(chosen)),
        measured_label=f"timeline events {description}",
        rule=f"the article's words read as a count of such events {_bounds(low, high)}",
        finding=finding,
        evidence=evidence(rows.assign(measure=rows["category"], note=rows["title"]), "events_timeline"),
        bounds=(low, high),
        events=tuple(chosen["event_id"]),
    )


@check
def all_of(parts: list[dict]) -> Result:
    """A claim of several parts, each a factual check (``{"check": name, "params": {...}}``): supported when every
    part holds, contradicted when none holds even in part, partly supported otherwise."""
    results = [CHECKS[part["check"]](**part.get("params", {})) for part in parts]
    if any(result.verdict not in _STRENGTH for result in results):
        raise ValueError(f"the parts of a claim are factual checks, not {[r.verdict for r in results]}")
    held = sum(result.verdict == "supported" for result in results)
    failed = sum(result.verdict == "contradicted" for result in results)
    verdict = "supported" if held == len(results) else "contradicted" if failed == len(results) else "partly supported"
    return Result(
        verdict=verdict,
        measured=f"{held} of {len(results)}",
        measured_label="parts of the claim that hold",
        rule="every part must hold (" + "; ".join(r.rule for r in results) + "); some: partly supported",
        finding=" ".join(f"({n}) {r.finding}" for n, r in enumerate(results, start=1)),
        evidence=pd.concat([r.evidence for r in results], ignore_index=True),
        events=tuple(dict.fromkeys(e for r in results for e in r.events)),
    )


@check
def largest_total(
    dataset: str,
    where: dict,
    column: str,
    key: str,
    subject: str,
    groups: dict[str, list[str]],
    since: dict | None = None,
) -> Result:
    """``subject`` has the largest total of ``column`` among ``groups`` (each a label and the ``key`` values it
    sums, e.g. Moscow as the USSR and then Russia), over rows with ``since`` columns at or after a value."""
    rows = _rows(dataset, where)
    for name, first in (since or {}).items():
        rows = rows[pd.to_numeric(rows[name], errors="coerce") >= first]
    owner = {value: label for label, values in groups.items() for value in values}
    rows = rows[rows[key].isin(owner)].assign(group=lambda t: t[key].map(owner))
    totals = rows.groupby("group")[column].sum().reindex(list(groups), fill_value=0.0).sort_values(ascending=False)
    counts = rows["group"].value_counts()
    if subject not in groups or rows.empty:
        raise LookupError(f"{dataset}: no rows for {groups} (subject {subject})")
    leader = totals.index[0]
    window = ", ".join(f"{name} from {_text(first)}" for name, first in (since or {}).items())
    return Result(
        verdict="supported" if leader == subject and totals.iloc[0] > totals.iloc[1] else "contradicted",
        measured=float(totals[subject] / totals.sum() * 100),
        measured_label=f"{subject}'s share of the total {column} (%)",
        rule=f"{subject} must have the largest total among {', '.join(groups)}",
        finding=f"Total {column}"
        + (f" ({window})" if window else "")
        + ": "
        + "; ".join(f"{label} {_number(total)} from {counts.get(label, 0)} rows" for label, total in totals.items())
        + f". {subject}'s share: {totals[subject] / totals.sum() * 100:.0f}%.",
        evidence=evidence(_largest_first(rows, column, key, since), dataset),
    )


def _largest_first(rows: pd.DataFrame, column: str, key: str, since: dict | None) -> pd.DataFrame:
    """Rows as evidence, largest figure first: who (``key``), when (the first ``since`` column) and how much."""
    when = next(iter(since or {}), None)
    shown = rows.assign(value=rows[column], measure=column, subject=rows[key])
    if when is not None:
        shown = shown.assign(period=rows[when].map(_text))
    return shown.sort_values("value", ascending=False, kind="stable")


@check
def kinds_on_record(dataset: str, where: dict, column: str, kinds: dict[str, str]) -> Result:
    """Each kind of thing the article names (a label and a regular expression over ``column``, e.g. weapon
    descriptions) has at least one matching row: all kinds supported, some partly supported, none contradicted."""
    rows = _rows(dataset, where)
    text = rows[column].fillna("").astype(str)
    found = {label: rows[text.str.contains(pattern, case=False, regex=True)] for label, pattern in kinds.items()}
    held = [label for label, matched in found.items() if len(matched)]
    verdict = "supported" if len(held) == len(kinds) else "partly supported" if held else "contradicted"
    described = "; ".join(
        f"{label}: {len(matched)} ({', '.join(sorted(set(matched[column].astype(str)))) or 'none'})"
        for label, matched in found.items()
    )
    where_text = ", ".join(f"{k} {_text(v)}" for k, v in where.items())
    return Result(
        verdict=verdict,
        measured=f"{len(held)} of {len(kinds)}",
        measured_label=f"kinds the article names with rows in {dataset}",
        rule="every kind the article names must have a matching row; some: partly supported",
        finding=f"Rows of {dataset} with {where_text}, by the kinds the article names: {described}.",
        evidence=evidence(rows.assign(measure=rows[column]), dataset),
    )


def _counts(dataset: str, where: dict, column: str) -> tuple[pd.Series, pd.DataFrame, str]:
    """How many matching rows each value of ``column`` (e.g. each year) has, the rows, and the filter in words."""
    rows = _rows(dataset, where)
    described = ", ".join(f"{k} {_text(v)}" for k, v in where.items())
    return (
        rows[column].map(_text).astype(str).value_counts(),
        rows,
        f"rows of {dataset}" + (f" with {described}" if where else ""),
    )


@check
def count_change(
    dataset: str, where: dict, column: str, before: list, after: list, direction: str, min_pct: float = 0.0
) -> Result:
    """The number of matching rows moved in the stated direction from the ``before`` values of ``column`` (e.g.
    the years 2019–2021) to as many ``after`` values, by at least ``min_pct`` percent; both counts come from the
    data, so the finding updates with it."""
    if len(before) != len(after):
        raise ValueError(f"count_change compares windows of equal length, not {before} and {after}")
    counts, rows, matching = _counts(dataset, where, column)
    first = int(counts.reindex([_text(v) for v in before], fill_value=0).sum())
    last = int(counts.reindex([_text(v) for v in after], fill_value=0).sum())
    change = (last / first - 1) * 100 if first else float("inf") if last else 0.0
    if (direction == "up") != (last > first) or last == first:
        verdict = "contradicted"
    else:
        verdict = "supported" if abs(change) >= min_pct else "partly supported"
    window = [_text(v) for v in before + after]
    span = [f"{_text(w[0])}–{_text(w[-1])}" if len(w) > 1 else _text(w[0]) for w in (before, after)]
    return Result(
        verdict=verdict,
        measured=change,
        measured_label=f"% change in the count of {matching}, {span[0]} to {span[1]}",
        rule=f"the count must go {direction}, by at least {min_pct:g}% (smaller moves the right way: partly supported)",
        finding=f"{matching.capitalize()}: {first} in {span[0]}, {last} in {span[1]}"
        + (f" ({change:+.0f}%)." if first else "."),
        evidence=evidence(rows[rows[column].map(_text).isin(window)], dataset),
    )


@check
def count_record(dataset: str, where: dict, column: str, value) -> Result:
    """The matching rows in ``value`` of ``column`` (e.g. one year) outnumber those in every earlier value: a
    record on the data's own count."""
    counts, rows, matching = _counts(dataset, where, column)
    mine = int(counts.get(_text(value), 0))
    earlier = counts[counts.index < _text(value)]
    if earlier.empty:
        raise LookupError(f"{dataset}: no {matching} before {column} {_text(value)} to compare")
    best, peak = int(earlier.max()), earlier.idxmax()
    return Result(
        verdict="supported" if mine > best else "contradicted",
        measured=float(mine),
        measured_label=f"{matching} in {_text(value)}",
        rule=f"the count in {_text(value)} must exceed the count in every earlier {column}",
        finding=f"{matching.capitalize()}: {mine} in {_text(value)}; the most in any earlier "
        f"{column} was {best} ({peak}).",
        evidence=evidence(rows[rows[column].map(_text).isin([_text(value), peak])], dataset),
    )


TIME_COLUMNS = ("date", "year", "period", "estimate_date")


def _dated(dataset: str) -> tuple[pd.DataFrame, pd.Series]:
    """A dataset's dated rows and their dates as text (the first of :data:`TIME_COLUMNS` it has)."""
    table = load(dataset)
    column = next((name for name in TIME_COLUMNS if name in table.columns), None)
    table = table.dropna(subset=[column]) if column else table
    if column is None or table.empty:
        raise LookupError(f"{dataset} has no rows dated by any of {TIME_COLUMNS}")
    return table, table[column].map(_text).str[:10]


def latest(dataset: str) -> pd.Timestamp:
    """The last day a dataset covers: its latest date, or the end of its latest year."""
    return _last_day(_dated(dataset)[1].max())


def _latest_rows(dataset: str) -> pd.DataFrame:
    """The rows of a dataset's latest date: what shows how far its record runs."""
    table, dates = _dated(dataset)
    return table[dates == dates.max()]


@check
def forecast(horizon: str, coverage: str, check: str, params: dict, negative: bool = False) -> Result:
    """A forecast, judged on what has happened since, up to the latest data (``coverage``, the dataset that would
    record the outcome). The outcome is a factual ``check`` that tests it by the ``horizon`` the article's words
    allow. A forecast that something will happen is supported once its outcome holds and contradicted once the
    data reach the horizon without it; a ``negative`` one (it will not happen: the outcome check tests its
    absence) fails as soon as the outcome fails and holds only once the data reach the horizon. Until it is
    decided it is not yet decidable (unverifiable), and the finding says when it becomes so."""
    outcome = CHECKS[check](**params)
    if outcome.verdict not in DIRECTIONS:
        raise ValueError(f"a forecast's outcome is a factual check, not {outcome.verdict}")
    reach, last_rows = latest(coverage), _latest_rows(coverage)
    due = _last_day(horizon)
    waiting = "supported" if negative else "contradicted"
    if outcome.verdict != waiting or reach >= due:
        verdict = outcome.verdict
        status = f"The data ({coverage}) run to {reach:%Y-%m-%d}; the forecast's horizon is {horizon}."
    else:
        verdict = "unverifiable"
        status = (
            f"Not yet decidable: {coverage} runs to {reach:%Y-%m-%d} and the forecast's horizon is {horizon}; "
            f"it becomes decidable once the data reach {due:%Y-%m-%d}."
        )
    decided = "fails once its outcome does; it holds only" if negative else "holds once its outcome does; it fails only"
    return Result(
        verdict=verdict,
        measured=outcome.measured,
        measured_label=f"forecast outcome: {outcome.measured_label}",
        rule=f"a forecast that something will {'not ' if negative else ''}happen {decided} once {coverage} "
        f"reaches its horizon, {horizon} (outcome: {outcome.rule})",
        finding=f"{outcome.finding} {status}",
        evidence=outcome.evidence
        if len(outcome.evidence)
        else evidence(last_rows, coverage).assign(note="the latest entry on record"),
        bounds=outcome.bounds,
        events=outcome.events,
    )


@check
def remark_on_record(remark_id: str, speaker: str, says: str, by: str, since: str | None = None) -> Result:
    """An attributed view ("X said Y") against the record of the remark (``data/curated/remarks.csv``): made by
    ``speaker``, in words matching ``says`` (a regular expression for what the article has them say), dated no
    later than ``by`` (the article's date) and, where the article's words open a span, no earlier than ``since``.
    The verdict is the weakest of the three tests."""
    rows = load("remarks", all_sources=True)
    rows = rows[rows["remark_id"] == remark_id]
    chosen = rows[rows["preferred"]]
    if chosen.empty:
        raise LookupError(f"remark '{remark_id}' is not in data/curated/remarks.csv")
    record = chosen.iloc[0]
    tests = {
        f"made by {speaker}": speaker.lower() in record["speaker"].lower(),
        f"in words matching '{says}'": bool(pd.Series([record["quote"]]).str.contains(says, case=False).iloc[0]),
        f"dated between {since} and {by}" if since else f"dated no later than {by}": not _earlier(by, record["date"])
        and (since is None or not _earlier(record["date"], since)),
    }
    failed = [test for test, held in tests.items() if not held]
    return Result(
        verdict="contradicted" if failed else "supported",
        measured=record["date"],
        measured_label=f"date of remark {remark_id}",
        rule="the remark on record must be " + ", ".join(tests),
        finding=f"On record: {record['speaker']} ({record['role']}), {record['date']}, as {record['publisher']} "
        f"printed it: “{record['quote'].rstrip('.')}”." + (f" It fails: {'; '.join(failed)}." if failed else ""),
        evidence=evidence(
            rows.assign(subject=rows["speaker"], measure="remark", note=rows["role"], source=rows["publisher"]),
            "remarks",
        ),
    )
