"""Derived series that the chapters and the checks share."""

from __future__ import annotations

import pandas as pd

from factbook.data import load


def gdp(countries: list[str]) -> pd.DataFrame:
    """World Bank GDP (current US$) for the given ISO3 codes: country_iso3, country, year, gdp_usd_current."""
    table = load("worldbank_gdp")
    return table[table["country_iso3"].isin(countries)].reset_index(drop=True)


def ratio(table: pd.DataFrame, value: str, numerator: str, denominator: str) -> pd.DataFrame:
    """Year-by-year ratio of one country's ``value`` to another's, over the years both have."""
    wide = table.pivot(index="year", columns="country_iso3", values=value)
    both = wide[[numerator, denominator]].dropna()
    return pd.DataFrame(
        {
            "year": both.index.astype(int),
            numerator: both[numerator].to_numpy(),
            denominator: both[denominator].to_numpy(),
            "ratio": (both[numerator] / both[denominator]).to_numpy(),
        }
    )


def milex(measure: str, countries: list[str]) -> pd.DataFrame:
    """SIPRI military expenditure, one measure, for the given ISO3 codes (long form)."""
    table = load("sipri_milex")
    chosen = table[(table["measure"] == measure) & table["country_iso3"].isin(countries)]
    if chosen.empty:
        raise KeyError(f"no SIPRI rows for measure '{measure}' and countries {countries}")
    return chosen.reset_index(drop=True)


def change_pct(series: pd.DataFrame, start: int, end: int, value: str = "value") -> float:
    """Percentage change of ``value`` between two years of a one-country series."""
    by_year = series.set_index("year")[value]
    for year in (start, end):
        if year not in by_year.index or pd.isna(by_year[year]):
            raise KeyError(f"no value for {year}; the series covers {by_year.index.min()}–{by_year.index.max()}")
    return float((by_year[end] / by_year[start] - 1) * 100)


def gdp_rank(year: int) -> pd.DataFrame:
    """Economies ranked by GDP (current US$) in one year, largest first, with their rank."""
    table = load("worldbank_gdp")
    ranked = table[table["year"] == year].sort_values("gdp_usd_current", ascending=False, ignore_index=True)
    if ranked.empty:
        raise KeyError(f"no World Bank GDP rows for {year}")
    return ranked.assign(rank=range(1, len(ranked) + 1))
