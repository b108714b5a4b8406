"""The missiles page (Q3): its headline numbers, recomputed here from the data, appear in the built page."""

from __future__ import annotations

from math import comb

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from factbook.data import load

PAGE = "q_missiles"
END = pd.Timestamp("2025-12-31")  # the page reads CSIS to the end of 2025
YEAR = pd.Timedelta(days=365)


@pytest.fixture(scope="module")
def page_text(built_html) -> str:
    soup = BeautifulSoup((built_html / "notebooks" / f"{PAGE}.html").read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.get_text().split())


@pytest.fixture(scope="module")
def launch_days() -> pd.Series:
    """Distinct dates of CSIS events flagged as missile launches, to the end of 2025."""
    csis = load("csis_provocations")
    return pd.Series(csis.loc[csis["missile_launch"] & (csis["date"] <= END), "date"].unique())


def _around(days: pd.Series, day: str, window: pd.Timedelta = YEAR) -> tuple[int, int]:
    """Launch days in the window before a date and in the window after it, the date itself in neither."""
    day = pd.Timestamp(day)
    return int(days.between(day - window, day, inclusive="left").sum()), int(
        days.between(day, day + window, inclusive="right").sum()
    )


def _two_sided_p(before: int, after: int) -> float:
    """Exact conditional test of equal rates: twice the smaller binomial(n, 1/2) tail at the observed split."""
    n = before + after
    if n == 0:
        return 1.0
    low_tail = sum(comb(n, i) for i in range(0, after + 1)) / 2**n
    high_tail = sum(comb(n, i) for i in range(after, n + 1)) / 2**n
    return min(1.0, 2 * min(low_tail, high_tail))


def _event_date(event_id: str) -> str:
    events = load("events_timeline").set_index("event_id")
    return str(events.loc[event_id, "date"])


def test_vostochny_counts_ratio_and_p_are_on_the_page(page_text, launch_days):
    before, after = _around(launch_days, _event_date("kim-putin-summit-at-vostochny-cosmodrome"))
    assert (
        f"CSIS lists {before} launch days, in the twelve months after {after} (ratio {after / before:.2f}" in page_text
    )
    assert f"count fell from {before} to {after} launch days (p = {_two_sided_p(before, after):.3f})" in page_text


def test_treaty_counts_are_on_the_page(page_text, launch_days):
    before, after = _around(launch_days, _event_date("russia-dprk-treaty-on-comprehensive-strategic-partnership-si"))
    assert f"around the treaty the counts are {before} and {after} (p = {_two_sided_p(before, after):.2f})" in page_text


def test_record_year_is_on_the_page(page_text, launch_days):
    per_year = launch_days.dt.year.value_counts()
    assert f"{per_year.idxmax()} is the record year with {per_year.max()} launch days" in page_text


def test_share_of_cns_launch_days_that_csis_also_lists_is_on_the_page(page_text, launch_days):
    cns_days = pd.Series(load("cns_missile_tests")["date"].dropna().unique())
    cns_end = cns_days.max()
    csis_days = launch_days[launch_days <= cns_end].to_numpy()
    found = cns_days.map(lambda d: bool((abs(csis_days - d.to_datetime64()) <= pd.Timedelta(days=1)).any()))
    assert f"of the {len(cns_days)} dated CNS launch days, {found.mean():.0%} have a CSIS launch day" in page_text


def test_placebo_false_alarm_rate_is_on_the_page(page_text, launch_days):
    starts = pd.date_range("2005-01-01", "2024-12-01", freq="MS")
    flagged = [_two_sided_p(*_around(launch_days, str(day.date()))) < 0.05 for day in starts]
    share = sum(flagged) / len(flagged)
    assert share > 0.05, "the page's point is that ordinary dates fail the test more often than one in twenty"
    assert f"{share:.0%} pass the test at the 5% level with twelve-month windows" in page_text
