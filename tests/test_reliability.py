"""The build needs no network, shows markup from data as text, and gives the same HTML twice.

The main build (`make book`) runs under ``factbook.offline``; its record says the network was off. One
extra build, of a copy of the book whose data carry markup in a timeline row and a claim, serves the
escaping test in Chromium and the determinism test: every page the markup does not reach must be byte for
byte the main build's page. The list of volatile parts is empty: two clean builds, in different folders,
gave identical HTML, chart ids and asset hashes included.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
import test_browser

from factbook import offline
from factbook.data import REPO_ROOT

from conftest import book_pages, rewrite

browser = test_browser.browser  # the browser tests' Chromium, offline

RECORD = "network-off.json"
PROBE = "factbook-probe"
MARKUP = f"""<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> & "{PROBE}" 'q'"""
EVENT = "zhenbao-damansky-island-clash-on-the-ussuri"  # the only event of claim A4-17
CLAIM = "A4-17"
# The pages that show the changed event or claim; only they may differ from the main build.
AFFECTED = {"notebooks/article_a4.html", "notebooks/audit_a4.html"}
LOOPBACK_AND_AWAY = """
import http.server, socket, subprocess, sys, threading
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
threading.Thread(target=server.serve_forever, daemon=True).start()
socket.create_connection(("127.0.0.1", server.server_address[1])).close()
away = "import socket\\ntry: socket.create_connection(('192.0.2.1', 80), timeout=2)\\nexcept OSError: pass"
subprocess.run([sys.executable, "-c", away], check=True)
"""


def _run_offline(command: list[str], record: Path) -> dict:
    returncode = offline.run(command, record)
    summary = json.loads(record.read_text(encoding="utf-8"))
    assert returncode == 0, f"{' '.join(command[:3])} failed with the network off (record in {record})"
    return summary


def _offline(summary: dict) -> None:
    """Every process the run started was guarded and, in a namespace, saw only the loopback interface."""
    assert summary["processes"], "no process of the run loaded the socket guard"
    if summary["mode"] == "namespace":
        for process in summary["processes"]:
            assert process["namespace"] != summary["host_namespace"], f"{process['argv'][:2]} ran in the host's network"
            assert process["interfaces"] == ["lo"], f"{process['argv'][:2]} saw {process['interfaces']}"


@pytest.mark.parametrize("mode", ["namespace", "socket guard"])
def test_a_run_keeps_the_loopback_and_refuses_the_network(tmp_path, monkeypatch, mode):
    if mode == "namespace":
        if not offline.namespace_available():  # a kernel setting, not something CI installs: the guard still runs
            pytest.skip("`unshare -rn` is not allowed on this machine; the socket-guard case covers the build")
    else:
        monkeypatch.setattr(offline, "namespace_available", lambda: False)
    summary = _run_offline([sys.executable, "-c", LOOPBACK_AND_AWAY], tmp_path / RECORD)
    assert summary["mode"] == mode
    _offline(summary)
    assert len(summary["processes"]) == 2, "the child process was not guarded"
    assert [entry["refused"] for entry in summary["refused"]] == ["('192.0.2.1', 80)"]


def test_the_book_was_built_with_the_network_off(built_html):
    record = built_html.parent / RECORD
    assert record.is_file(), f"no {record}: build the book with `make book`, which runs it under factbook.offline"
    summary = json.loads(record.read_text(encoding="utf-8"))
    assert "jupyter-book" in " ".join(summary["command"]) and summary["returncode"] == 0, summary["command"]
    _offline(summary)
    assert not summary["refused"], f"the build tried to reach the network: {summary['refused']}"
    later = [p.name for p in book_pages(built_html) if p.stat().st_mtime > summary["finished"]]
    assert not later, f"pages written after the network-off build: {later[:5]}"


def _with_markup(key_column: str, key: str, fields: tuple[str, ...]):
    """A change for ``rewrite`` that appends MARKUP to ``fields`` of the rows whose ``key_column`` is ``key``."""

    def change(table):
        rows = table[key_column] == key
        for field in fields:
            table.loc[rows, field] = table.loc[rows, field] + " " + MARKUP
        return table

    return change


@pytest.fixture(scope="module")
def altered_book(tmp_path_factory):
    """The book built, with the network off, from a copy whose data carry MARKUP; its build time is printed."""
    root = tmp_path_factory.mktemp("altered")
    source = root / "book"
    shutil.copytree(REPO_ROOT, source, ignore=shutil.ignore_patterns(".*", "_build", "*.egg-info", "__pycache__"))
    rewrite(source / "data", "events_timeline", _with_markup("event_id", EVENT, ("title", "quote", "notes")))
    rewrite(source / "data", "claims", _with_markup("claim_id", CLAIM, ("restatement",)))
    jupyter_book = str(Path(sys.executable).parent / "jupyter-book")
    command = [jupyter_book, "build", str(source), "-W", "-n", "--keep-going", "--path-output", str(root)]
    started = time.perf_counter()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FACTBOOK_DATA", str(source / "data"))
        summary = _run_offline(command, root / RECORD)
    print(f"\nextra build (altered copy, network off): {time.perf_counter() - started:.0f} s")
    _offline(summary)
    return root / "_build" / "html"


# The text a reader sees: every text node outside scripts and styles, and whether any markup ran.
SHOWN = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  while (walker.nextNode()) {
    if (!walker.currentNode.parentElement.closest('script, style, template')) parts.push(walker.currentNode.data);
  }
  return {text: parts.join(' '), ran: window.pwned ?? null, injected: document.querySelectorAll('img[onerror]').length};
}"""


def _pages_with_probe(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in book_pages(root) if PROBE in p.read_text(encoding="utf-8")}


def test_markup_in_data_shows_as_text_and_never_runs(altered_book, browser):
    assert _pages_with_probe(altered_book) == AFFECTED, "the markup reached other pages than those that show it"
    context = browser.new_context()

    def from_disk(route):
        url = urlparse(route.request.url)
        file = altered_book / url.path.lstrip("/")
        if url.hostname == "127.0.0.1" and file.is_file():
            route.fulfill(path=file)
        else:
            route.abort()

    context.route("**/*", from_disk)
    shown = " ".join(MARKUP.split())
    for name in sorted(AFFECTED):
        page = context.new_page()
        page.goto(f"http://127.0.0.1/{name}", wait_until="load")
        seen = page.evaluate(SHOWN)
        assert seen["ran"] is None and seen["injected"] == 0, f"{name}: markup from the data ran as HTML"
        assert shown in " ".join(seen["text"].split()), f"{name}: the markup does not show as text"
        page.close()
    context.close()


def test_two_clean_builds_give_the_same_html(built_html, altered_book):
    pages = {p.relative_to(altered_book).as_posix() for p in book_pages(altered_book)}
    assert pages == {p.relative_to(built_html).as_posix() for p in book_pages(built_html)}
    differ = [
        name
        for name in sorted(pages - AFFECTED)
        if (built_html / name).read_bytes() != (altered_book / name).read_bytes()
    ]
    assert not differ, f"pages differ between two builds of the same inputs (is {built_html} stale?): {differ}"
