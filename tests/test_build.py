"""Build preparation: a change to data/, factbook/ or _static/ discards the previous build."""

from __future__ import annotations

from factbook import build


def _tree(root):
    (root / "data").mkdir()
    (root / "data" / "table.csv").write_text("a\n1\n")
    (root / "factbook").mkdir()
    (root / "factbook" / "code.py").write_text("x = 1\n")
    (root / "_config.yml").write_text("title: t\n")


def test_fingerprint_changes_with_data_only(tmp_path):
    _tree(tmp_path)
    first = build.fingerprint(tmp_path)
    assert build.fingerprint(tmp_path) == first
    (tmp_path / "notes.txt").write_text("not an input")
    assert build.fingerprint(tmp_path) == first
    (tmp_path / "data" / "table.csv").write_text("a\n2\n")
    assert build.fingerprint(tmp_path) != first


def test_prepare_removes_a_stale_build_and_keeps_a_fresh_one(tmp_path):
    _tree(tmp_path)
    out = tmp_path / "_build"
    assert build.prepare(tmp_path, out) is False
    (out / "html").mkdir()
    assert build.prepare(tmp_path, out) is False and (out / "html").is_dir()
    (tmp_path / "factbook" / "code.py").write_text("x = 2\n")
    assert build.prepare(tmp_path, out) is True
    assert not (out / "html").exists()
    assert (tmp_path / "_static" / "vega-bundle.js").is_file()


def test_a_changed_stylesheet_discards_the_build(tmp_path):
    _tree(tmp_path)
    out = tmp_path / "_build"
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "book.css").write_text("p { margin: 0; }\n")
    build.prepare(tmp_path, out)
    (out / "html").mkdir()
    (tmp_path / "_static" / "book.css").write_text("p { margin: 1rem; }\n")
    assert build.prepare(tmp_path, out) is True and not (out / "html").exists()
