"""`make refresh` prints what a rebuild from new raw files would change, row by row and verdict by verdict, and writes
nothing to data/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from factbook.extracts import refresh
from factbook.extracts.run import STEPS

GDP = "worldbank_gdp/gdp.csv"


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def new_release(raw: Path, folder: Path, change) -> Path:
    """A copy of the raw folder whose World Bank file has gone through ``change`` (a function of its lines)."""
    shutil.copytree(raw, folder)
    lines = (folder / GDP).read_text(encoding="utf-8").splitlines()
    (folder / GDP).write_text("\n".join(change(lines)) + "\n", encoding="utf-8")
    return folder


def shrink_china_add_2024_drop_zimbabwe_2023(lines: list[str]) -> list[str]:
    kept = [line for line in lines if not line.startswith("Zimbabwe,ZWE,2023,")]
    changed = ["China,CHN,2023,1000000000" if line.startswith("China,CHN,2023,") else line for line in kept]
    return [*changed, "China,CHN,2024,2000000000"]


def test_refresh_prints_rows_added_removed_and_changed_and_the_verdicts_that_change(raw, data_copy, tmp_path, capsys):
    before = contents(data_copy)
    release = new_release(raw, tmp_path / "raw", shrink_china_add_2024_drop_zimbabwe_2023)
    assert refresh.main(["--raw", str(release)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^worldbank_gdp +1 +1 +1$", out, re.MULTILINE), out
    for step in STEPS[1:]:
        assert re.search(rf"^{step.dataset_id} +0 +0 +0$", out, re.MULTILINE), out
    assert "added: (CHN, 2024)\n" in out and "removed: (ZWE, 2023)\n" in out and "changed: (CHN, 2023)\n" in out
    # China no longer the second-largest economy: the claims that say it is would be contradicted.
    assert "A2-08: supported -> contradicted." in out and "A3-01: supported -> contradicted." in out
    assert contents(data_copy) == before


def test_refresh_from_the_locked_raw_files_changes_nothing(raw, data_copy, capsys):
    before = contents(data_copy)
    assert refresh.main(["--raw", str(raw)]) == 0
    out = capsys.readouterr().out
    for step in STEPS:
        assert re.search(rf"^{step.dataset_id} +0 +0 +0$", out, re.MULTILINE), out
    assert "No claim's verdict would change." in out
    assert contents(data_copy) == before


def test_a_rebuilt_extract_that_breaks_its_schema_fails_naming_it_and_writes_nothing(raw, data_copy, tmp_path, capsys):
    before = contents(data_copy)
    release = new_release(raw, tmp_path / "raw", lambda lines: [*lines, "China,CHN,2023,5"])  # a duplicate key
    assert refresh.main(["--raw", str(release)]) == 1
    error = capsys.readouterr().err
    assert f"nothing written to {data_copy}" in error
    assert "worldbank_gdp.csv" in error and "duplicate key (country_iso3=CHN, year=2023)" in error
    assert contents(data_copy) == before
