"""The power-balance rules: economic and military weight of China, Russia and their neighbours.

Unlike the general checks, each rule here is written for one claim and states its own threshold.
"""

from __future__ import annotations

import pandas as pd

from factbook.checks import check
from factbook.indicators import change_pct, gdp, gdp_rank, milex, ratio
from factbook.verdict import Result, evidence

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
        finding += (
            f"China's economy has been at least {JUNIOR_GDP_RATIO:g} times Russia's every year since {streak_start}, "
        )
    if not now:
        finding += "so by this rule Russia is not the junior partner."
    elif before:
        finding += "so Russia was already the junior partner before the war."
    else:
        finding += "a status Russia did not have before the war."
    rows = pd.concat(
        [
            evidence(_gdp_rows(gdp(["CHN", "RUS"]).query("year in [@YEAR_BEFORE_WAR, @gdp_year]")), "worldbank_gdp"),
            evidence(
                _milex_rows(milex(REAL, ["CHN", "RUS"]).query("year in [@YEAR_BEFORE_WAR, @milex_year]")), "sipri_milex"
            ),
        ],
        ignore_index=True,
    )
    return Result(
        verdict=verdict,
        measured=float(economy[gdp_year]),
        measured_label=f"China's GDP ÷ Russia's GDP, {gdp_year} (current US$)",
        rule=(
            f"junior = China's GDP at least {JUNIOR_GDP_RATIO:g}× Russia's and China's military spending "
            f"above Russia's; 'since the war' holds only if that was not so in {YEAR_BEFORE_WAR}"
        ),
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
    finding = (
        f"In {latest} China ranked {rank} of {len(ranked)} economies by GDP in current US$, behind "
        + ", ".join(leaders["country"][leaders["rank"] < rank])
        + "."
        if rank > 1
        else f"In {latest} China ranked first of {len(ranked)} economies by GDP in current US$."
    )
    return Result(
        verdict="supported" if rank == 2 else "contradicted",
        measured=float(rank),
        measured_label=f"China's rank by GDP, {latest} (current US$)",
        rule="exact rank among economies; aggregates such as the European Union are not economies here",
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
    finding = (
        f"From {start} to {end} {country}'s military spending changed by {nominal_change:+.1f}% in its own "
        f"currency at current prices and by {real_change:+.1f}% at constant 2023 prices."
    )
    rows = pd.concat([real, nominal]).query("year in [@start, @end]")
    return Result(
        verdict=verdict,
        measured=real_change,
        measured_label=f"{country}'s real change in military spending, {start}–{end} (%)",
        rule=(
            f"a change within ±{FLAT_CHANGE_PCT:g}% is flat; supported if spending rose beyond that both in "
            f"national currency and at constant prices, partly if only in national currency"
        ),
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
