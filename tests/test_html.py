"""The built book: no off-site scripts, a source line under every chart, working links, no stale numbers."""

from __future__ import annotations

import csv
import functools
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup

from factbook import build, claims, views
from factbook.data import REPO_ROOT

from conftest import book_pages

# The pages that show claims' findings, read from the registry without validating it (only to name the tests).
with open(REPO_ROOT / "data" / "claims.csv", newline="", encoding="utf-8") as handle:
    CHAPTERS = sorted({row["chapter"] for row in csv.DictReader(handle)} - {views.LEDGER_PAGE})


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _off_site(url: str) -> bool:
    return bool(urlparse(url).netloc) or url.startswith("//")


def test_no_script_or_stylesheet_loads_from_another_host(built_html):
    for page in book_pages(built_html):
        soup = _soup(page)
        scripts = [s["src"] for s in soup.find_all("script", src=True) if _off_site(s["src"])]
        styles = [link["href"] for link in soup.find_all("link", rel="stylesheet") if _off_site(link["href"])]
        assert not scripts + styles, f"{page.name} loads {scripts + styles}"


def test_chart_pages_load_the_local_bundle_once(built_html):
    assert (built_html / "_static" / build.BUNDLE_NAME).is_file()
    chart_pages = 0
    for page in book_pages(built_html):
        soup = _soup(page)
        if not soup.select(".factbook-chart-canvas"):
            continue
        chart_pages += 1
        bundles = [s["src"] for s in soup.find_all("script", src=True) if build.BUNDLE_NAME in s["src"]]
        assert len(bundles) == 1, f"{page.name} loads the vega bundle {len(bundles)} times"
    assert chart_pages > 0


def test_every_chart_has_a_source_line_and_alt_text(built_html):
    for page in book_pages(built_html):
        for figure in _soup(page).select("figure.factbook-chart"):
            caption = figure.select_one("figcaption.chart-source")
            assert caption and caption.get_text().startswith("Source: ") and " as of " in caption.get_text(), page.name
            assert figure.select_one(".factbook-chart-canvas")["aria-label"].strip(), page.name
            assert figure.select_one("script"), page.name


@functools.cache
def _ids(page) -> set[str]:
    """The ids on a page, which a link's #fragment must name."""
    return {tag["id"] for tag in _soup(page).find_all(id=True)}


def test_local_links_and_anchors_resolve(built_html):
    for page in book_pages(built_html):
        for anchor in _soup(page).find_all("a", href=True):
            link = urlparse(anchor["href"])
            if _off_site(anchor["href"]) or link.scheme in ("mailto", "javascript"):
                continue
            target = (page.parent / unquote(link.path)).resolve() if link.path else page
            assert target.exists(), f"{page.name}: broken link {anchor['href']}"
            if link.fragment and target.suffix == ".html":
                fragment = unquote(link.fragment)
                assert fragment in _ids(target), f"{page.name}: {anchor['href']} names no anchor in {target.name}"


def test_redirect_stub_points_to_a_page(built_html):
    refresh = _soup(built_html / "index.html").find("meta", attrs={"http-equiv": "Refresh"})
    if refresh is not None:
        target = refresh["content"].split("url=")[1]
        assert (built_html / target).is_file()


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_shows_the_verdicts_computed_from_current_data(built_html, chapter):
    text = " ".join(_soup(built_html / "notebooks" / f"{chapter}.html").get_text().split())
    for claim in claims.of_chapter(chapter).itertuples():
        finding = " ".join(claim.finding.split())
        assert finding in text, (
            f"{chapter}: the page does not show {claim.claim_id}'s current finding; is the build stale?"
        )


def test_ledger_lists_every_claim_and_each_audit_page_holds_its_articles_trails(built_html):
    soup = _soup(built_html / "notebooks" / "ledger.html")
    registry = claims.registry()
    rows = soup.select("table.claims-ledger tbody tr")
    assert len(rows) == len(registry)
    for claim_id in registry["claim_id"]:
        page, target = views.audit_link(claim_id).split("#")
        assert soup.find("a", href=f"{page}#{target}") is not None, f"the ledger does not link {claim_id}"
        audit = _soup(built_html / "notebooks" / page)
        assert audit.find(id=target) is not None, f"{page} has no audit trail for {claim_id}"
    for page in (built_html / "notebooks").glob("audit_a*.html"):
        trails = {tag["id"] for tag in _soup(page).select("[id^=claim-]")}
        article = page.stem.split("_")[1].upper()
        assert trails == {views.anchor(c) for c in registry.loc[registry["article"] == article, "claim_id"]}


def test_chapter_links_in_the_ledger_reach_the_claim(built_html):
    for claim in claims.registry().itertuples():
        if claim.chapter != "ledger":
            soup = _soup(built_html / "notebooks" / f"{claim.chapter}.html")
            assert soup.find(id=views.anchor(claim.claim_id)) is not None, (
                f"{claim.chapter} has no anchor for {claim.claim_id}"
            )


def test_chart_ids_are_unique_on_every_page(built_html):
    for page in book_pages(built_html):
        ids = [c["id"] for c in _soup(page).select(".factbook-chart-canvas")]
        assert len(ids) == len(set(ids)), f"{page.name}: two charts share an id, so one would not draw"


@pytest.mark.parametrize("prefix, budget", [("article_", 250_000), ("", 400_000)])
def test_pages_keep_their_size_budgets(built_html, prefix, budget):
    pages = sorted((built_html / "notebooks").glob(f"{prefix}*.html"))
    assert pages
    over = {p.name: p.stat().st_size for p in pages if p.stat().st_size > budget}
    assert not over, f"pages over {budget:,} bytes: {over}"


def test_no_page_carries_the_unused_live_code_scripts(built_html):
    for page in book_pages(built_html):
        soup = _soup(page)
        scripts = [s for s in soup.find_all("script") if "thebe" in (s.get("src", "") + s.get("type", "") + s.text)]
        styles = [link["href"] for link in soup.find_all("link", rel="stylesheet") if "thebe" in link["href"]]
        assert not scripts and not styles, f"{page.name} still carries thebe: {styles} {[str(s)[:80] for s in scripts]}"
