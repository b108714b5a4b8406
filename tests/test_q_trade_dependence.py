"""The trade-dependence page (Q2) states the headline numbers the curated tables give.

Each figure is recomputed here straight from the CSV files with pandas, not through the page's code or
``factbook.data``, and must appear, formatted as the page formats it, in the built page's text.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from factbook.data import REPO_ROOT

CURATED = REPO_ROOT / "data" / "curated"


def _preferred(name: str) -> pd.DataFrame:
    table = pd.read_csv(CURATED / f"{name}.csv", dtype={"period": str})
    return table[table["preferred"].astype(str).str.lower() == "true"]


def _kotra(measure: str) -> pd.Series:
    rows = _preferred("nk_trade_kotra")
    return rows[rows["measure"] == measure].set_index("year")["value"].astype(float).sort_index()


def _china_customs() -> pd.Series:
    rows = _preferred("cn_prk_trade_customs")
    rows = rows[(rows["period"].str.len() == 4) & (rows["measure"] == "total") & (rows["unit"] == "usd_million")]
    return rows.set_index(rows["period"].astype(int))["value"].astype(float).sort_index()


@pytest.fixture(scope="module")
def page(built_html) -> BeautifulSoup:
    path = built_html / "notebooks" / "q_trade_dependence.html"
    assert path.is_file(), f"{path} was not built"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _section(page: BeautifulSoup, section_id: str) -> str:
    section = page.find("section", id=section_id)
    assert section is not None, f"no section '{section_id}' on the page"
    return re.sub(r"\s+", " ", section.get_text())


def test_china_share_peak_and_latest(page):
    share = _kotra("china_share_of_trade")
    text = _section(page, "overview")
    assert f"{share.max():.1f}% in {share.idxmax()}" in text
    assert f"{share.iloc[-1]:.1f}% in {share.index[-1]}" in text


def test_kotra_above_china_customs_latest_year(page):
    kotra, customs = _kotra("trade_with_china"), _china_customs()
    year = int(kotra.index.max())
    gap = (kotra[year] / customs[year] - 1) * 100
    assert f"by {gap:.1f}% in {year}" in _section(page, "overview")


def test_china_share_on_customs_count_since_crude_oil_gap(page):
    kotra, customs, total = _kotra("trade_with_china"), _china_customs(), _kotra("total_trade")
    years = [y for y in kotra.index if 2014 <= y <= 2024 and y in customs.index]
    share = [customs[y] / (customs[y] + total[y] - kotra[y]) * 100 for y in years]
    assert f"not fallen below {min(share):.0f}% since 2014" in _section(page, "overview")


def test_russia_trade_as_share_of_china_latest_year(page):
    rows = _preferred("ru_prk_trade")
    rows = rows[(rows["measure"] == "total") & (rows["period"].str.len() == 4) & (rows["unit"] == "usd_million")]
    russia = rows.set_index(rows["period"].astype(int))["value"].astype(float)
    customs = _china_customs()
    year = max(set(russia.index) & set(customs.index))
    assert f"was {russia[year] / customs[year] * 100:.1f}% of China" in _section(page, "overview")


def test_monthly_pace_of_2023_against_2019(page):
    rows = _preferred("cn_prk_trade_customs")
    months = rows[rows["period"].str.startswith("2023-") & (rows["measure"] == "total")]
    pace = months["value"].astype(float).mean() / (_china_customs()[2019] / 12) * 100
    text = _section(page, "what-do-china-s-monthly-figures-say-about-the-reopening")
    assert f"{pace:.0f}% of the 2019 pace" in text
