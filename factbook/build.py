"""Prepare a book build: ship the chart libraries and drop a build made from older inputs.

The chart libraries (vega, vega-lite, vega-embed) come from the installed vl-convert
package and are written into ``_static`` at build time, never committed.

Jupyter Book's execution cache keys on code cells only, and Sphinx re-reads a page
only when its own source changes, so a change in ``data/`` or ``factbook/`` would
otherwise leave old numbers in the book. :func:`prepare` fingerprints those inputs
and removes the build folder when the fingerprint differs from the last build's.

    python -m factbook.build            # run before `jupyter-book build .`

The module is also a small Sphinx extension (``_config.yml`` lists it): Jupyter Book
always loads sphinx-thebe, which adds its configuration script to every page twice
(a page error) and points at a remote script. The book does not offer live code, so
:func:`setup` unhooks sphinx-thebe before any page is read.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import altair as alt
import vl_convert as vlc

from factbook.data import REPO_ROOT

# Inputs whose change must re-execute every notebook.
INPUTS = ["data", "factbook", "_static", "_config.yml", "_toc.yml", "requirements.txt"]
STAMP = ".inputs-sha256"
BUNDLE_NAME = "vega-bundle.js"


def fingerprint(root: Path) -> str:
    """sha256 over the paths and bytes of every file under INPUTS."""
    digest = hashlib.sha256()
    for name in INPUTS:
        top = root / name
        files = sorted(top.rglob("*")) if top.is_dir() else [top]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(file.relative_to(root).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def bundled_versions() -> dict[str, str]:
    """Versions of vega, vega-lite and vega-embed that :func:`write_vega_bundle` ships."""
    return {
        "vega": vlc.get_vega_version(),
        "vega-lite": _vegalite_version(),
        "vega-embed": vlc.get_vega_embed_version(),
    }


def _vegalite_version() -> str:
    """The vega-lite minor version Altair's schema asks for, as vl-convert names it."""
    wanted = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    if wanted not in vlc.get_vegalite_versions():
        raise RuntimeError(f"vl-convert ships vega-lite {vlc.get_vegalite_versions()}, Altair needs {wanted}")
    return wanted


def write_vega_bundle(static_dir: Path) -> Path:
    """Write vega + vega-lite + vega-embed as one script into ``static_dir``.

    The bundle comes from the installed vl-convert package; it is wrapped in a
    function so its top-level names cannot collide with the page's own scripts.
    """
    versions = bundled_versions()
    header = (
        "/* " + ", ".join(f"{name} {version}" for name, version in versions.items()) + " (from vl-convert-python) */\n"
    )
    code = vlc.javascript_bundle(vl_version="v" + versions["vega-lite"])
    target = Path(static_dir) / BUNDLE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    content = header + "(function(){\n" + code + "\n})();\n"
    if not target.is_file() or target.read_text(encoding="utf-8") != content:
        target.write_text(content, encoding="utf-8")
    return target


def prepare(root: Path = REPO_ROOT, build_dir: Path | None = None) -> bool:
    """Write the vega bundle into ``_static``; remove a stale build. True if removed."""
    build_dir = build_dir or root / "_build"
    write_vega_bundle(root / "_static")
    stamp = build_dir / STAMP
    current = fingerprint(root)
    stale = build_dir.exists() and (not stamp.is_file() or stamp.read_text().strip() != current)
    if stale:
        shutil.rmtree(build_dir)
    build_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current + "\n")
    return stale


def setup(app) -> dict:
    """Sphinx extension entry point: keep sphinx-thebe's scripts, styles and nodes off every page."""
    app.connect("builder-inited", _unhook_thebe)
    app.connect("html-page-context", _drop_thebe_styles)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def _unhook_thebe(app) -> None:
    for listeners in app.events.listeners.values():
        listeners[:] = [entry for entry in listeners if getattr(entry.handler, "__module__", "") != "sphinx_thebe"]


def _drop_thebe_styles(app, pagename, templatename, context, doctree) -> None:
    if "css_files" in context:
        context["css_files"][:] = [css for css in context["css_files"] if "sphinx-thebe" not in str(css)]


def main() -> int:
    removed = prepare()
    print("inputs changed since the last build: removed _build" if removed else "inputs unchanged since the last build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
