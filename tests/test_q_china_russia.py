"""The China–Russia page (Q5): its headline numbers, recomputed here from the data files with pandas alone, stand in
the built page as the page formats them."""

from __future__ import annotations

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from factbook.data import REPO_ROOT

DATA = REPO_ROOT / "data"


def _preferred(name: str) -> pd.DataFrame:
    table = pd.read_csv(DATA / "curated" / f"{name}.csv")
    return table[table["preferred"].astype(str).str.lower() == "true"]


@pytest.fixture(scope="module")
def page_text(built_html) -> str:
    page = built_html / "notebooks" / "q_china_russia.html"
    assert page.is_file(), f"{page} not built"
    text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("main").get_text()
    return " ".join(text.replace("\u2019", "'").split())


def test_trade_growth_since_2021(page_text):
    trade = _preferred("cn_rus_trade_customs").query("measure == 'total'").set_index("year")["value"]
    last = trade.index.max()
    change = (trade[last] / trade[2021] - 1) * 100
    assert f"China–Russia trade rose {change:.0f}% from 2021 to {last}, to US${trade[last]:.1f} billion" in page_text


def test_crude_from_russia_and_saudi_arabia(page_text):
    crude = _preferred("cn_crude_imports").query("unit == 'million_tonnes'")
    tonnes = crude.pivot(index="year", columns="origin_iso3", values="value")
    last = tonnes.index.max()
    assert tonnes.at[last, "RUS"] > tonnes.at[last, "SAU"], "the page says Russia sold China more than Saudi Arabia"
    assert f"China bought {tonnes.at[last, 'RUS']:.1f} million tonnes of Russian crude in {last}" in page_text
    assert f"({tonnes.at[last, 'SAU']:.1f} million tonnes in {last})" in page_text


def test_pipeline_gas_multiple(page_text):
    gas = _preferred("ru_cn_pipeline_gas").set_index("year")["value"]
    assert f"{gas[2024] / gas[2021]:.1f} times as much Russian pipeline gas in 2024 as in 2021" in page_text


def test_china_joins_russias_vetoes(page_text):
    old = pd.read_csv(DATA / "extracts" / "unsc_vetoes.csv", parse_dates=["date"])
    new = pd.read_csv(DATA / "curated" / "unsc_vetoes_recent.csv", parse_dates=["date"])
    rows = pd.concat([old, new])[["date", "draft", "vetoing_member_iso3"]]
    members = rows.groupby(["date", "draft"])["vetoing_member_iso3"].apply(set)
    years = members.index.get_level_values("date").year
    russian = members[(years >= 2022) & members.map(lambda m: "RUS" in m)]
    joint = int(russian.map(lambda m: "CHN" in m).sum())
    alone = int(members[(years >= 2022) & members.map(lambda m: "CHN" in m and "RUS" not in m)].size)
    assert f"China joined {joint} of Russia's {len(russian)} vetoes since 2022" in page_text
    assert f"({alone} vetoes without Russia)" in page_text


def test_neighbours_budgets_and_real_spending(page_text):
    plans = _preferred("defence_budget_plans").query("measure == 'defence_budget'")
    assert set(plans["unit"]) <= {"jpy_trillion", "krw_trillion"}, "budgets are compared in trillions"
    japan = plans.query("country_iso3 == 'JPN'").set_index("fiscal_year")["value"].sort_index()
    change = (japan.iloc[-1] / japan["FY2022"] - 1) * 100
    assert f"Japan's defence budget rose {change:.0f}% from fiscal 2022 to {japan.index[-1][2:]}" in page_text
    milex = pd.read_csv(DATA / "extracts" / "sipri_milex.csv")
    korea = milex.query("country_iso3 == 'KOR' and measure == 'constant_2023_usd_million'").set_index("year")["value"]
    last = korea.index.max()
    assert f"({(korea[last] / korea[2021] - 1) * 100:+.1f}% from 2021 to {last})" in page_text
