"""Print the built book to PDF through Debian's Chromium, with every chart drawn.

Each page of the book, in the order of ``_toc.yml``, is served on http://127.0.0.1, opened in
Chromium, printed once its charts have drawn their marks, and written to
``_build/pdf/<page>.pdf``; the pages are then joined into ``_build/pdf/book.pdf``. One file per
page lets a reader print one chapter and keeps a failure on its page.

    python -m factbook.pdf                               # the whole book
    python -m factbook.pdf notebooks/article_a0          # some pages only
    python -m factbook.pdf --html /tmp/out/_build/html   # a book built elsewhere
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import yaml
from pypdf import PdfWriter

from factbook.data import REPO_ROOT

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CHART = ".factbook-chart-canvas"
# Milliseconds since navigation began, once every chart on the page holds a drawn mark.
DRAWN = f"""() => [...document.querySelectorAll('{CHART}')].every(
  c => c.querySelector('svg .mark-line, svg .mark-rect, svg .mark-symbol, svg .mark-rule, canvas'))
  && performance.now()"""
CHART_TIMEOUT_MS = 20_000


def book_order(root: Path = REPO_ROOT) -> list[str]:
    """The book's pages as ``notebooks/<name>`` in the order of its table of contents."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    entries = [toc["root"]]

    def walk(items: list[dict]) -> None:
        for item in items:
            if "file" in item:
                entries.append(item["file"])
            walk(item.get("chapters", []) + item.get("sections", []))

    walk(toc.get("parts", []) + toc.get("chapters", []))
    return entries


@contextlib.contextmanager
def serve(folder: Path, handler: type | None = None, **settings) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 for the length of the block (with a handler of one's own, reading the server's
    ``settings`` as attributes, if given); yields the base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(handler or _QuietHandler, directory=str(folder)))
    for name, value in settings.items():
        setattr(server, name, value)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that closes a page before a download ends is no error of the server's."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def chromium():
    """Debian's Chromium driven by Playwright, headless; fails with the install command when absent."""
    if shutil.which(CHROMIUM) is None:
        raise RuntimeError(f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_drawn(page, url: str) -> float | None:
    """Open ``url`` and wait until its charts have drawn; milliseconds from navigation, None without charts."""
    page.goto(url, wait_until="load", timeout=30_000)
    if not page.locator(CHART).count():
        return None
    return page.wait_for_function(DRAWN, polling="raf", timeout=CHART_TIMEOUT_MS).json_value()


def print_page(page, url: str, target: Path) -> Path:
    """Print one page, its charts drawn, to ``target`` (A4, backgrounds kept)."""
    open_drawn(page, url)
    target.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(target), format="A4", print_background=True, margin=dict.fromkeys(("top", "bottom"), "12mm"))
    return target


def print_book(html: Path, output: Path, pages: list[str]) -> list[Path]:
    """Print ``pages`` of the book built in ``html`` into ``output``, one PDF each, then join them into book.pdf."""
    missing = [name for name in pages if not (html / f"{name}.html").is_file()]
    if missing:
        raise FileNotFoundError(f"not in the built book {html}: {missing} (run `make book` first)")
    with serve(html) as base, chromium() as browser:
        page = browser.new_page()
        printed = [print_page(page, f"{base}/{name}.html", output / f"{Path(name).name}.pdf") for name in pages]
    book = PdfWriter()
    for path in printed:
        book.append(str(path))
    with (output / "book.pdf").open("wb") as handle:
        book.write(handle)
    return printed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="pages as notebooks/<name> (default: every page in _toc.yml)")
    parser.add_argument("--html", type=Path, default=REPO_ROOT / "_build" / "html", help="the built book")
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "_build" / "pdf", help="where the PDFs go")
    args = parser.parse_args(argv)
    printed = print_book(args.html, args.output, args.pages or book_order())
    print(f"{len(printed)} pages printed into {args.output} (joined in {args.output / 'book.pdf'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
