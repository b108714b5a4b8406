"""The UN-voting question page (Q1): its headline numbers, recomputed here from the data, appear in the built page."""

from __future__ import annotations

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from factbook.data import load

PAGE = "q_un_voting"


@pytest.fixture(scope="module")
def page_text(built_html) -> str:
    soup = BeautifulSoup((built_html / "notebooks" / f"{PAGE}.html").read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.get_text().split())


def _same_vote_share(a: str, b: str, allowed: tuple[str, ...]) -> float:
    """Percent of roll calls, among those on which both a and b cast one of ``allowed``, where their votes match."""
    votes = load("unga_votes")
    both = votes[votes["country_iso3"].isin([a, b])].pivot(index="vote_id", columns="country_iso3", values="vote")
    counted = both[both[a].isin(allowed) & both[b].isin(allowed)]
    return float((counted[a] == counted[b]).mean() * 100)


@pytest.mark.parametrize("pair", [("CHN", "RUS"), ("CHN", "PRK"), ("RUS", "PRK")])
def test_identical_vote_share_of_each_pair_is_on_the_page(page_text, pair):
    share = _same_vote_share(*pair, allowed=("yes", "no", "abstain"))
    assert f"{share:.1f}%" in page_text, f"{pair}: {share:.1f}% not on the page"


def test_yes_no_only_share_of_china_and_russia_is_on_the_page(page_text):
    share = _same_vote_share("CHN", "RUS", allowed=("yes", "no"))
    assert f"{share:.1f}%" in page_text


def test_north_korea_votes_on_the_ukraine_resolutions_are_on_the_page(page_text):
    table = load("unga_ukraine_resolutions")
    north_korea = table[(table["country_iso3"] == "PRK") & table["vote"].notna()]
    against = int((north_korea["vote"] == "no").sum())
    assert against >= 1
    assert f"({against} of {len(north_korea)})" in page_text


def test_the_votes_file_really_lacks_the_emergency_session_months():
    """The page's gap bands rest on this: no roll call dated January to October 2022 in the votes file."""
    dates = pd.to_datetime(load("unga_votes")["date"].dropna())
    assert not dates.between("2022-01-01", "2022-10-31").any()
