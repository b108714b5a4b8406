"""The catalogue is valid, every dataset loads, and bad input fails loudly with file, column and row."""

from __future__ import annotations

import frictionless
import nbformat
import pandas as pd
import pytest

from factbook.data import DESCRIPTOR, REPO_ROOT, describe, load, read_catalogue
from factbook.schema import DataError, read_table

from conftest import resources, rewrite

IDS = [r["name"] for r in resources()]


def test_catalogue_is_a_valid_data_package_descriptor():
    # Rows are validated by factbook.schema (see the broken-copy tests below); frictionless checks
    # only that the hand-written descriptor follows the Data Package standard.
    report = frictionless.Package.validate_descriptor(str(read_catalogue().folder / DESCRIPTOR))
    assert report.valid, report.flatten(["type", "note"])


def test_load_gives_the_preferred_rows_and_all_sources_on_request():
    every = load("nk_trade_kotra", all_sources=True)
    preferred = load("nk_trade_kotra")
    assert len(preferred) == every["preferred"].sum() < len(every)
    assert preferred["preferred"].all()
    assert not preferred.duplicated(subset=["year", "measure"]).any()
    gdp = load("worldbank_gdp")
    assert len(gdp) == len(load("worldbank_gdp", all_sources=True)), "a table without a preference keeps every row"


def test_catalogue_is_read_once_until_it_changes(data_copy):
    first = read_catalogue()
    assert read_catalogue() is first
    descriptor = data_copy / DESCRIPTOR
    descriptor.write_text(
        descriptor.read_text(encoding="utf-8").replace("GDP, current US$", "GDP (current US$)"), encoding="utf-8"
    )
    again = read_catalogue()
    assert again is not first and again.resource("worldbank_gdp")["title"].startswith("GDP (current US$)")


def test_an_extract_missing_from_the_lock_is_named(data_copy):
    lock = data_copy / "datapackage.lock.json"
    lock.write_text(lock.read_text(encoding="utf-8").replace('"sipri_milex"', '"sipri_milex_old"'), encoding="utf-8")
    with pytest.raises(DataError, match="no entry for the extract 'sipri_milex'"):
        load("sipri_milex")


@pytest.mark.parametrize("dataset_id", IDS)
def test_dataset_loads_with_provenance(dataset_id):
    resource = read_catalogue().resource(dataset_id)
    table = load(dataset_id, all_sources=True)
    assert len(table) > 0
    assert list(table.columns) == [f["name"] for f in resource["schema"]["fields"]]
    for key in ("producer", "as_of", "licenses", "title", "kind"):
        assert resource.get(key), f"{dataset_id} lacks '{key}' in the catalogue"
    if resource["kind"] == "extract":
        assert resource["hash"].startswith("sha256:") and resource["raw"]["files"], (
            f"{dataset_id}: checksums not recorded"
        )
        assert all(len(f["sha256"]) == 64 for f in resource["raw"]["files"])
        for key in ("url", "obtained", "version"):
            assert resource["raw"].get(key), f"{dataset_id}: raw.{key} missing"


def test_describe_computes_coverage_from_the_files():
    table = describe().set_index("dataset")
    gdp = load("worldbank_gdp")
    assert table.at["worldbank_gdp", "rows"] == len(gdp)
    assert table.at["worldbank_gdp", "last_year"] == gdp["year"].max()
    assert table.at["sipri_milex", "countries"] == load("sipri_milex")["country_iso3"].nunique()


def test_unknown_dataset_names_the_known_ones():
    with pytest.raises(KeyError, match="worldbank_gdp"):
        load("no_such_dataset")


# --- deliberately broken copies of real files -------------------------------------------------


def _error(dataset_id: str) -> DataError:
    with pytest.raises(DataError) as caught:
        load(dataset_id, all_sources=True)
    return caught.value


def _set(row: int, column: str, value: str):
    def change(table):
        table.loc[row, column] = value
        return table

    return change


def test_missing_column(data_copy):
    rewrite(data_copy, "sipri_milex", lambda t: t.drop(columns=["value"]))
    error = _error("sipri_milex")
    assert (error.column, error.row) == ("value", 1)
    assert "sipri_milex.csv" in error.file and "column 'value'" in str(error) and "row 1" in str(error)


def test_wrong_type(data_copy):
    rewrite(data_copy, "sipri_milex", _set(10, "value", "twelve"))
    error = _error("sipri_milex")
    assert (error.column, error.row) == ("value", 12)
    assert "'twelve'" in str(error)


def test_duplicate_key(data_copy):
    path = rewrite(data_copy, "worldbank_gdp", lambda t: pd.concat([t, t.iloc[[3]]], ignore_index=True))
    error = _error("worldbank_gdp")
    last_row = len(path.read_text(encoding="utf-8").splitlines())
    assert error.row == last_row and error.column == "country_iso3+year"
    assert "same as row 5" in str(error)


def test_negative_value(data_copy):
    rewrite(data_copy, "worldbank_gdp", _set(7, "gdp_usd_current", "-5"))
    error = _error("worldbank_gdp")
    assert (error.column, error.row) == ("gdp_usd_current", 9)
    assert "minimum" in str(error)


def test_year_out_of_range(data_copy):
    rewrite(data_copy, "sipri_milex", _set(0, "year", "1850"))
    error = _error("sipri_milex")
    assert (error.column, error.row) == ("year", 2)


def test_value_outside_enum(data_copy):
    rewrite(data_copy, "sipri_milex", _set(4, "measure", "dollars"))
    assert (_error("sipri_milex").column, _error("sipri_milex").row) == ("measure", 6)


def test_pattern_violation(data_copy):
    rewrite(data_copy, "claims", _set(0, "claim_id", "claim-one"))
    error = _error("claims")
    assert (error.column, error.row) == ("claim_id", 2)


def test_required_value_missing(data_copy):
    rewrite(data_copy, "claims", _set(1, "expected_verdict", ""))
    error = _error("claims")
    assert (error.column, error.row) == ("expected_verdict", 3)
    assert "required" in str(error)


def test_checksum_mismatch(data_copy):
    rewrite(data_copy, "worldbank_gdp", _set(0, "gdp_usd_current", "1"), update_hash=False)
    error = _error("worldbank_gdp")
    assert "checksum mismatch" in str(error) and "worldbank_gdp.csv" in error.file


def test_not_utf8(data_copy):
    path = data_copy / "claims.csv"
    lines = path.read_bytes().split(b"\n")
    index = next(i for i, line in enumerate(lines) if b"Soviet" in line)
    lines[index] = lines[index].replace(b"Soviet", b"Sovi\xe9t")
    path.write_bytes(b"\n".join(lines))
    error = _error("claims")
    assert error.row == index + 1 and "not UTF-8" in str(error)


def test_ragged_row(data_copy):
    path = data_copy / "articles.csv"
    path.write_text(path.read_text(encoding="utf-8") + "A9,extra.txt,title,surplus\n", encoding="utf-8")
    error = _error("articles")
    assert error.row == 7 and "4 values" in str(error)


def test_impossible_date(tmp_path):
    file = tmp_path / "events.csv"
    file.write_text("event,date\nfirst,2024-06-19\nsecond,2023-02-30\n", encoding="utf-8")
    resource = {"schema": {"fields": [{"name": "event", "type": "string"}, {"name": "date", "type": "date"}]}}
    with pytest.raises(DataError) as caught:
        read_table(file, resource)
    assert (caught.value.column, caught.value.row) == ("date", 3)
    assert "2023-02-30" in str(caught.value)


def test_missing_file(data_copy):
    (data_copy / "articles.csv").unlink()
    assert "cannot read the file" in str(_error("articles"))


def test_missing_values_stay_missing():
    claims = load("claims")
    unchecked = claims[claims["check"].isna()]
    assert len(unchecked) > 0 and unchecked["check"].map(lambda v: v is None).all()
    assert not (load("sipri_milex")["value"] == 0).any(), "a zero in SIPRI's sheets must be read as missing"


def _read_by_the_book() -> tuple[str, set[str]]:
    """The code the book runs (every page's code cells and the package's modules, not the extract builders) and
    the datasets the claims' checks read."""
    pages = [p for p in (REPO_ROOT / "notebooks").glob("*.ipynb") if p.name != "template.ipynb"]
    cells = [c.source for p in pages for c in nbformat.read(p, as_version=4).cells if c.cell_type == "code"]
    modules = [p.read_text(encoding="utf-8") for p in (REPO_ROOT / "factbook").glob("*.py")]
    checked = {name for names in load("claims")["datasets"].dropna() for name in names.split(";")}
    return "\n".join([*cells, *modules]), checked


def test_every_catalogued_dataset_is_read_by_some_page():
    code, checked = _read_by_the_book()
    unread = [name for name in read_catalogue().ids if f'"{name}"' not in code and name not in checked]
    assert not unread, f"no page, check or package module reads {unread}: analyse them or drop them"
