"""SIPRI Military Expenditure Database: the six states' spending in long form, from the release workbook."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

# The GDP extract's first year, so that spending and GDP cover the same years.
from factbook.extracts.worldbank import FIRST_YEAR

RAW_FILES = ("sipri_milex/SIPRI-Milex-data-1949-2024_2.xlsx",)

COUNTRIES = {
    "China": "CHN",
    "Russia": "RUS",
    "United States of America": "USA",
    "Japan": "JPN",
    "Korea, South": "KOR",
    "Korea, North": "PRK",
}

# sheet name -> (measure, unit, factor applied to the cell value)
SHEETS = {
    "Constant (2023) US$": ("constant_2023_usd_million", "US$ m, constant 2023 prices and exchange rates", 1),
    "Current US$": ("current_usd_million", "US$ m, current prices and exchange rates", 1),
    "Share of GDP": ("share_of_gdp_pct", "% of GDP", 100),
    "Local currency calendar years": ("local_currency_current", None, 1),
}

# SIPRI marks estimates in blue and highly uncertain figures in red.
FONT_FLAGS = {"FF0000FF": "estimate", "FFFF0000": "highly uncertain"}


def sipri_milex(files: list[Path]) -> pd.DataFrame:
    """SIPRI military expenditure in long form: one row per country, year and measure."""
    (raw_file,) = files
    book = openpyxl.load_workbook(raw_file)
    rows = []
    for sheet, (measure, unit, factor) in SHEETS.items():
        header = None
        for cells in book[sheet].iter_rows():
            label = cells[0].value
            if label == "Country":
                header = [c.value for c in cells]
                continue
            if header is None or label not in COUNTRIES:
                continue
            currency = str(cells[1].value).strip() if unit is None else None
            for title, cell in zip(header, cells, strict=False):
                if not isinstance(title, (int, float)) or title < FIRST_YEAR:
                    continue
                # '...' means no data and 'xxx' no such state; a 0 stands where other sheets hold '...'.
                if not isinstance(cell.value, (int, float)) or cell.value == 0:
                    continue
                colour = cell.font.color.rgb if cell.font and cell.font.color else None
                rows.append(
                    {
                        "country_iso3": COUNTRIES[label],
                        "sipri_country": label,
                        "year": int(title),
                        "measure": measure,
                        "unit": unit or f"{currency}, current prices",
                        "value": cell.value * factor,
                        "sipri_flag": FONT_FLAGS.get(colour, ""),
                    }
                )
    return pd.DataFrame(rows).sort_values(["country_iso3", "measure", "year"], ignore_index=True)
