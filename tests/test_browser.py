"""A real browser opens every built page with the network cut off: every chart draws, no page logs an error,
and the article chapters keep their layout budgets at a desktop and a phone width."""

from __future__ import annotations

import shutil
from urllib.parse import urlparse

import pytest

from factbook.pdf import CHROMIUM, chromium

from conftest import book_pages, require

ARTICLE_PAGES = [f"notebooks/article_a{i}.html" for i in range(5)]
# The ledger and the audit pages are held to the same widths, not to the chapters' height.
LEDGER = ["notebooks/ledger.html", *(f"notebooks/audit_a{i}.html" for i in range(5))]
MAX_ARTICLE_HEIGHT = 15_000  # px at 1280 px wide, dropdowns closed
# Tables wider than the output (or block) that holds them, the page's width and height.
LAYOUT = """() => {
  const wide = [...document.querySelectorAll('main table')].filter(t => {
    const box = t.closest('.cell_output') || t.parentElement;
    return t.offsetParent !== null && t.scrollWidth > box.clientWidth + 1;
  }).map(t => (t.id || t.className || 'table') + ' ' + t.scrollWidth + 'px');
  return {wide, pageWidth: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight};
}"""


@pytest.fixture(scope="module")
def browser():
    require(
        shutil.which(CHROMIUM) is not None,
        f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`",
    )
    with chromium() as browser:
        yield browser


def test_every_page_draws_its_charts_offline(browser, built_html, book_server):
    context = browser.new_context()
    blocked = []

    def only_local(route):
        host = urlparse(route.request.url).hostname
        if host == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    # Redirect stubs (the root index.html) are checked in test_html; here only real pages.
    pages = [p for p in book_pages(built_html) if 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8")]
    charts_seen = 0
    problems = []
    for path in pages:
        url = f"{book_server}/{path.relative_to(built_html).as_posix()}"
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        page.on(
            "console", lambda message, errors=errors: errors.append(message.text) if message.type == "error" else None
        )
        page.goto(url, wait_until="load", timeout=30_000)
        count = page.locator(".factbook-chart-canvas").count()
        if count:
            page.wait_for_function(
                """() => [...document.querySelectorAll('.factbook-chart-canvas')].every(
                       c => c.querySelector(
                         'svg .mark-line, svg .mark-rect, svg .mark-symbol, svg .mark-rule, canvas'))""",
                timeout=20_000,
            )
        charts_seen += count
        if errors:
            problems.append(f"{path.name}: {errors}")
        page.close()
    context.close()
    assert not problems, "pages logged errors:\n" + "\n".join(problems)
    assert not blocked, f"pages tried to reach other hosts: {sorted(set(blocked))}"
    assert charts_seen > 0, "no chart found in the built book"


def test_ledger_filters_and_sorts(browser, built_html, book_server):
    page = browser.new_page()
    page.goto(f"{book_server}/notebooks/ledger.html", wait_until="load", timeout=30_000)
    rows = page.locator("table.claims-ledger tbody tr")
    total = rows.count()
    verdicts = [rows.nth(i).locator("td").nth(5).inner_text().strip() for i in range(total)]
    chosen = sorted(set(verdicts))[0]
    page.select_option("select[aria-label='Filter by verdict']", chosen)
    visible = page.locator("table.claims-ledger tbody tr:visible").count()
    assert visible == verdicts.count(chosen) < total or visible == total == verdicts.count(chosen)
    assert page.locator(".ledger-count").inner_text().startswith(f"{visible} of {total}")
    page.select_option("select[aria-label='Filter by verdict']", "")
    page.click("table.claims-ledger thead th:has-text('Verdict')")
    shown = [rows.nth(i).locator("td").nth(5).inner_text().strip() for i in range(total)]
    assert shown == sorted(shown, key=str.lower)
    page.close()


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_chapters_and_ledger_keep_their_layout_budgets(browser, built_html, book_server, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    problems = []
    for name in [*ARTICLE_PAGES, *LEDGER]:
        page.goto(f"{book_server}/{name}", wait_until="load", timeout=30_000)
        layout = page.evaluate(LAYOUT)
        if layout["pageWidth"] > width:
            problems.append(f"{name}: the page scrolls sideways ({layout['pageWidth']} px wide)")
        if width >= 1280 and layout["wide"]:
            problems.append(f"{name}: tables need sideways scrolling: {layout['wide']}")
        if width >= 1280 and name not in LEDGER and layout["height"] > MAX_ARTICLE_HEIGHT:
            problems.append(f"{name}: {layout['height']} px tall, budget {MAX_ARTICLE_HEIGHT}")
    page.close()
    assert not problems, f"at {width} px:\n" + "\n".join(problems)
