"""The arms-flows page (Q4): its headline numbers, recomputed from SIPRI's extracts with pandas alone, stand in the
built page as the page formats them."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from factbook.data import REPO_ROOT

EXTRACTS = REPO_ROOT / "data" / "extracts"


@pytest.fixture(scope="module")
def register() -> pd.DataFrame:
    return pd.read_csv(EXTRACTS / "sipri_arms_transfers.csv")


@pytest.fixture(scope="module")
def pairs() -> pd.DataFrame:
    return pd.read_csv(EXTRACTS / "sipri_arms_tiv_pairs.csv")


@pytest.fixture(scope="module")
def page_text(built_html) -> str:
    page = built_html / "notebooks" / "q_arms_flows.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for script in soup.find_all("script"):
        script.decompose()
    return re.sub(r"\s+", " ", (soup.find("main") or soup).get_text())


def _delivered(register: pd.DataFrame, suppliers: list[str], recipient: str) -> float:
    rows = register[register.supplier_iso3.isin(suppliers) & (register.recipient_iso3 == recipient)]
    return float(rows.tiv_delivered_million.sum())


def test_moscow_delivered_most_of_north_koreas_arms(register, page_text):
    moscow = _delivered(register, ["SUN", "RUS"], "PRK")
    china = _delivered(register, ["CHN"], "PRK")
    share = moscow / (moscow + china) * 100
    assert share > 50, "the page says Moscow, not Beijing, supplied most of North Korea's arms"
    assert f"Soviet Union and then Russia delivered {share:.0f}% of the major arms North Korea received" in page_text


def test_russia_has_sent_china_more_than_the_soviet_union(register, page_text):
    russia, soviet = _delivered(register, ["RUS"], "CHN"), _delivered(register, ["SUN"], "CHN")
    assert russia > soviet, "the page says Russia has delivered more arms to China than the Soviet Union did"
    assert f"Russia has delivered {russia:,.0f} million TIV to China, more than the Soviet Union’s {soviet:,.0f}" in (
        page_text
    )


def test_the_longest_break_in_soviet_deliveries_to_china(pairs, page_text):
    years = set(pairs[(pairs.supplier_iso3 == "SUN") & (pairs.recipient_iso3 == "CHN")].year)
    runs, run = [], []
    for year in range(min(years), max(years) + 1):
        run = [] if year in years else run + [year]
        runs.append(run)
    longest = max(runs, key=len)
    assert f"no Soviet delivery to China for {len(longest)} years, {longest[0]}–{longest[-1]}" in page_text


def test_the_last_deliveries_to_north_korea(pairs, page_text):
    last = pairs[pairs.recipient_iso3 == "PRK"].groupby("supplier_iso3").year.max()
    assert f"from China on the register came in {last['CHN']} and from Russia in {last['RUS']}" in page_text


def test_north_koreas_deliveries_to_russia(register, page_text):
    deals = register[(register.supplier_iso3 == "PRK") & (register.recipient_iso3 == "RUS")]
    assert len(deals) == 1, "the page reads a single North Korean deal with Russia"
    deal = deals.iloc[0]
    expected = (
        f"{int(deal.number_delivered)} surface-to-surface missiles delivered in {int(deal.last_delivery_year)}, "
        f"worth {deal.tiv_delivered_million:.1f} million TIV"
    )
    assert expected in page_text
