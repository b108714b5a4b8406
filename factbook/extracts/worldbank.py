"""World Bank GDP in current US$ (WDI indicator NY.GDP.MKTP.CD), as repackaged by datahub."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pycountry

from factbook.extracts.raw import dict_rows
from factbook.schema import DataError

RAW_FILES = ("worldbank_gdp/gdp.csv",)

FIRST_YEAR = 1990

# World Bank economies whose codes are not ISO 3166-1 (every other non-ISO code in
# the file is an aggregate such as WLD or EUU, and is left out).
ECONOMIES_WITHOUT_ISO_CODE = {"XKX", "CHI"}


def worldbank_gdp(files: list[Path]) -> pd.DataFrame:
    """GDP in current US$ for every economy (aggregates dropped), from FIRST_YEAR on."""
    (raw_file,) = files
    rows = []
    for line, record in dict_rows(raw_file, "utf-8", ["Country Code", "Country Name", "Year", "Value"]):
        code = record["Country Code"]
        if pycountry.countries.get(alpha_3=code) is None and code not in ECONOMIES_WITHOUT_ISO_CODE:
            continue
        try:
            year, value = int(record["Year"]), float(record["Value"])
        except ValueError as error:
            raise DataError(raw_file, f"unreadable value ({error})", row=line) from error
        if year >= FIRST_YEAR:
            rows.append(
                {"country_iso3": code, "country": record["Country Name"], "year": year, "gdp_usd_current": value}
            )
    return pd.DataFrame(rows).sort_values(["country_iso3", "year"], ignore_index=True)
