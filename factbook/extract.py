"""Regenerate the committed extracts in ``data/extracts`` from raw third-party files.

Each step reads one raw file exactly as its producer published it and writes one tidy
CSV. The run is deterministic: the same raw file always gives the same bytes. The
catalogue records, for every extract, its own sha256 and the raw file's sha256.

    python -m factbook.extract            # rewrite the extracts and the catalogue
    python -m factbook.extract --check    # rebuild in memory, report any difference

The raw folder is ``$FACTBOOK_RAW`` or ``../shared/data-raw`` beside the repository.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import openpyxl
import pandas as pd
import pycountry

from factbook.data import REPO_ROOT, DataError, data_dir, read_catalogue
from factbook.extract_security import (
    cns_missile_tests,
    csis_provocations,
    sipri_arms_tiv_pairs,
    sipri_arms_transfers,
    unsc_vetoes,
)
from factbook.extract_un_votes import unga_idealpoints_session, unga_idealpoints_year, unga_votes

FIRST_YEAR = 1990

# World Bank economies whose codes are not ISO 3166-1 (every other non-ISO code in
# the file is an aggregate such as WLD or EUU, and is left out).
WORLD_BANK_ECONOMIES_WITHOUT_ISO_CODE = {"XKX", "CHI"}

SIPRI_COUNTRIES = {
    "China": "CHN",
    "Russia": "RUS",
    "United States of America": "USA",
    "Japan": "JPN",
    "Korea, South": "KOR",
    "Korea, North": "PRK",
}

# sheet name -> (measure, unit, factor applied to the cell value)
SIPRI_SHEETS = {
    "Constant (2023) US$": ("constant_2023_usd_million", "US$ m, constant 2023 prices and exchange rates", 1),
    "Current US$": ("current_usd_million", "US$ m, current prices and exchange rates", 1),
    "Share of GDP": ("share_of_gdp_pct", "% of GDP", 100),
    "Local currency calendar years": ("local_currency_current", None, 1),
}

# SIPRI marks estimates in blue and highly uncertain figures in red.
SIPRI_FONT_FLAGS = {"FF0000FF": "estimate", "FFFF0000": "highly uncertain"}


def raw_dir() -> Path:
    """The folder of raw files: ``$FACTBOOK_RAW`` or ``../shared/data-raw``."""
    return Path(os.environ.get("FACTBOOK_RAW", REPO_ROOT.parent / "shared" / "data-raw"))


def worldbank_gdp(files: list[Path]) -> pd.DataFrame:
    """GDP in current US$ for every economy (aggregates dropped), from FIRST_YEAR on."""
    (raw_file,) = files
    rows = []
    with open(raw_file, newline="", encoding="utf-8") as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            code = record["Country Code"]
            if pycountry.countries.get(alpha_3=code) is None and code not in WORLD_BANK_ECONOMIES_WITHOUT_ISO_CODE:
                continue
            try:
                year, value = int(record["Year"]), float(record["Value"])
            except ValueError as error:
                raise DataError(raw_file, f"unreadable value ({error})", row=line) from error
            if year >= FIRST_YEAR:
                rows.append({"country_iso3": code, "country": record["Country Name"], "year": year, "gdp_usd_current": value})
    return pd.DataFrame(rows).sort_values(["country_iso3", "year"], ignore_index=True)


def sipri_milex(files: list[Path]) -> pd.DataFrame:
    """SIPRI military expenditure in long form: one row per country, year and measure."""
    (raw_file,) = files
    book = openpyxl.load_workbook(raw_file)
    rows = []
    for sheet, (measure, unit, factor) in SIPRI_SHEETS.items():
        header = None
        for cells in book[sheet].iter_rows():
            label = cells[0].value
            if label == "Country":
                header = [c.value for c in cells]
                continue
            if header is None or label not in SIPRI_COUNTRIES:
                continue
            currency = str(cells[1].value).strip() if unit is None else None
            for title, cell in zip(header, cells):
                if not isinstance(title, (int, float)) or title < FIRST_YEAR:
                    continue
                # '...' means no data and 'xxx' no such state; a 0 stands where other sheets hold '...'.
                if not isinstance(cell.value, (int, float)) or cell.value == 0:
                    continue
                colour = cell.font.color.rgb if cell.font and cell.font.color else None
                rows.append({
                    "country_iso3": SIPRI_COUNTRIES[label],
                    "sipri_country": label,
                    "year": int(title),
                    "measure": measure,
                    "unit": unit or f"{currency}, current prices",
                    "value": cell.value * factor,
                    "sipri_flag": SIPRI_FONT_FLAGS.get(colour, ""),
                })
    return pd.DataFrame(rows).sort_values(["country_iso3", "measure", "year"], ignore_index=True)


@dataclass(frozen=True)
class Step:
    """One extract: the raw files it reads (glob patterns under the raw folder) and the function that tidies them."""

    dataset_id: str
    raw_patterns: tuple[str, ...]
    build: Callable[[list[Path]], pd.DataFrame]

    def raw_files(self, raw: Path) -> list[Path]:
        """The raw files this step reads, sorted; a pattern that matches nothing is an error."""
        files = []
        for pattern in self.raw_patterns:
            matched = sorted(p for p in raw.glob(pattern) if p.is_file())
            if not matched:
                raise DataError(raw / pattern, f"raw file for '{self.dataset_id}' not found; see data/README.md for where to download it")
            files.extend(matched)
        return files


STEPS = [
    Step("worldbank_gdp", ("worldbank_gdp/gdp.csv",), worldbank_gdp),
    Step("sipri_milex", ("sipri_milex/SIPRI-Milex-data-1949-2024_2.xlsx",), sipri_milex),
    Step(
        "unga_votes",
        (
            "unga_votes_1992_2021/199?_RAW_COIN.csv",
            "unga_votes_1992_2021/20[01]?_RAW_COIN.csv",
            "unga_votes_1992_2021/202[01]_RAW_COIN.csv",
            "unga_votes_1992_2021/Country_Code_index.txt",
            "pigeon_ungavoting/ungaVoting_003.csv",
        ),
        unga_votes,
    ),
    Step(
        "unga_idealpoints_session",
        ("unga_idealpoints_voeten/IdealpointestimatesAll_Apr2020.csv", "bsv_idealpoints_jun2024/IdealpointestimatesAll_Jun2024.csv"),
        unga_idealpoints_session,
    ),
    Step("unga_idealpoints_year", ("bsv_idealpoints_1946_2025/Idealpointestimates1946-2025.tab",), unga_idealpoints_year),
    Step("unsc_vetoes", ("unsc_vetoes_wpdl/unsc_vetoes_1946_sept2022.csv",), unsc_vetoes),
    Step("csis_provocations", ("csis_provocations/raw_north_korea_provocations_1958_present.csv",), csis_provocations),
    Step("cns_missile_tests", ("cns_missile_tests/north_korea_missile_test_database.csv",), cns_missile_tests),
    Step("sipri_arms_transfers", ("sipri_arms_transfers/trade-register.csv",), sipri_arms_transfers),
    Step(
        "sipri_arms_tiv_pairs",
        (
            "sipri_arms_transfers/export-values_by_supplier_1950-2024.csv",
            "sipri_arms_transfers/import-export-values_1950-2024.csv",
            "sipri_arms_transfers/trade-register.csv",
        ),
        sipri_arms_tiv_pairs,
    ),
]


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The canonical CSV form of an extract: UTF-8, LF line ends, shortest exact floats."""
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def run(raw: Path, folder: Path, check: bool = False) -> list[str]:
    """Rebuild every extract; write it (and the catalogue) or, with ``check``, list differences."""
    catalogue = read_catalogue(folder)
    descriptor = json.loads(json.dumps(catalogue.descriptor))
    resources = {r["name"]: r for r in descriptor["resources"]}
    differences = []
    for step in STEPS:
        files = step.raw_files(raw)
        content = csv_bytes(step.build(files))
        resource = resources[step.dataset_id]
        recorded = [{"path": f.relative_to(raw).as_posix(), "sha256": hashlib.sha256(f.read_bytes()).hexdigest(), "bytes": f.stat().st_size} for f in files]
        target = folder / resource["path"]
        if check:
            if not target.is_file() or target.read_bytes() != content:
                differences.append(f"{target}: differs from the extract rebuilt from {raw}")
            if resource["raw"]["files"] != recorded:
                differences.append(f"{step.dataset_id}: the raw files' names or sha256 differ from those the catalogue records")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        resource["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()
        resource["bytes"] = len(content)
        resource["raw"]["files"] = recorded
    if not check:
        (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=None, help="folder of raw files (default: $FACTBOOK_RAW or ../shared/data-raw)")
    parser.add_argument("--check", action="store_true", help="rebuild in memory and report differences; write nothing")
    args = parser.parse_args(argv)
    differences = run(args.raw or raw_dir(), data_dir(), check=args.check)
    for line in differences:
        print(line, file=sys.stderr)
    if not args.check:
        print(f"wrote {len(STEPS)} extracts to {data_dir() / 'extracts'}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
