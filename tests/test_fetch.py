"""`make raw` fetches every raw file the lock records, keeps it only if its sha256 matches, and leaves nothing partial.

The producers are stood in for by a server on 127.0.0.1 that serves a copy of the raw folder.
"""

from __future__ import annotations

import http.server
import json
import re
import shutil
import socket
from pathlib import Path

from factbook.data import LOCK, read_catalogue
from factbook.extracts import fetch, run
from factbook.pdf import serve

TAMPERED = "unsc_vetoes_wpdl/unsc_vetoes_1946_sept2022.csv"
CUT_SHORT = "sipri_arms_transfers/trade-register.csv"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder; the file named by the server's ``cut_short`` is sent only half, then the connection closes."""

    def do_GET(self):
        if self.path.lstrip("/") != self.server.cut_short:
            return super().do_GET()
        content = (Path(self.directory) / self.server.cut_short).read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content[: len(content) // 2])
        self.close_connection = True

    def log_message(self, *args):
        pass


def closed_port_url() -> str:
    """The URL of a port on 127.0.0.1 where nothing listens, as when there is no network."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def registered(folder: Path) -> dict[str, str]:
    return fetch.registry(folder).registry


def files_in(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_registry_lists_exactly_the_raw_files_of_the_lock_with_their_sha256(tmp_path):
    lock = json.loads((read_catalogue().folder / LOCK).read_text(encoding="utf-8"))["resources"]
    locked = {f["path"]: "sha256:" + f["sha256"] for entry in lock.values() for f in entry["raw_files"]}
    assert registered(tmp_path) == locked


def test_every_repository_copy_is_downloaded_at_a_pinned_commit(tmp_path):
    urls = fetch.registry(tmp_path).urls
    assert set(urls) == set(registered(tmp_path))
    for name, url in urls.items():
        assert url.startswith("https://"), name
        if "github" in url:
            assert re.match(r"https://raw\.githubusercontent\.com/[^/]+/[^/]+/[0-9a-f]{40}/", url), (name, url)


def test_a_good_file_is_cached_verified_and_builds_the_committed_extracts(raw, tmp_path):
    cache = tmp_path / "cache"
    with serve(raw, _Handler, cut_short=None) as url:
        assert fetch.fetch(cache, url) == []
    assert files_in(cache) == set(registered(cache))
    for name in registered(cache):
        assert (cache / name).read_bytes() == (raw / name).read_bytes(), name
    # Cached and verified: a second run needs no network.
    assert fetch.fetch(cache, closed_port_url()) == []
    assert run.run(cache, read_catalogue().folder, check=True) == []


def test_a_tampered_file_fails_with_a_hash_error_naming_it_and_is_not_cached(raw, tmp_path):
    served, cache = tmp_path / "served", tmp_path / "cache"
    shutil.copytree(raw, served)
    with (served / TAMPERED).open("a", encoding="utf-8") as handle:
        handle.write("1946-01-01,S/1,1,USA\n")
    with serve(served, _Handler, cut_short=None) as url:
        failed = fetch.fetch(cache, url)
    assert len(failed) == 1
    assert failed[0].startswith(f"{TAMPERED} from {url}/{TAMPERED}: sha256 mismatch"), failed
    assert files_in(cache) == set(registered(cache)) - {TAMPERED}


def test_an_interrupted_transfer_leaves_nothing_partial(raw, tmp_path):
    cache = tmp_path / "cache"
    with serve(raw, _Handler, cut_short=CUT_SHORT) as url:
        failed = fetch.fetch(cache, url)
    assert failed == [f"{CUT_SHORT} from {url}/{CUT_SHORT}: the transfer was cut short"]
    assert files_in(cache) == set(registered(cache)) - {CUT_SHORT}  # no partial file, no temporary file


def test_without_network_the_message_names_every_file_and_the_manual_way(tmp_path, capsys):
    cache = tmp_path / "cache"
    assert fetch.main(["--raw", str(cache), "--mirror", closed_port_url()]) == 1
    message = capsys.readouterr().err
    assert f"could not fetch {len(registered(cache))} raw files into {cache} (none of them was kept)" in message
    for name in registered(cache):
        assert f"{name} from http://127.0.0.1:" in message and f"{name}: no connection" in message
    assert "data/README.md" in message and "FACTBOOK_RAW" in message
    assert files_in(cache) == set()


def test_the_cache_is_where_raw_files_go_unless_factbook_raw_says(monkeypatch, tmp_path):
    monkeypatch.delenv("FACTBOOK_RAW", raising=False)
    assert fetch.target() == fetch.CACHE
    monkeypatch.setenv("FACTBOOK_RAW", str(tmp_path))
    assert fetch.target() == tmp_path
