"""The book prints to PDF through Debian's Chromium with its charts drawn, not as blank boxes."""

from __future__ import annotations

import shutil
import unicodedata

from pypdf import PdfReader

from factbook import pdf

from conftest import require

CHAPTER = "notebooks/article_a0"
# The visible text vega draws into each chart's SVG (axis titles and labels, legends, titles), line by line.
CHART_TEXT = f"""() => [...document.querySelectorAll('{pdf.CHART} svg text')]
  .filter(t => t.getAttribute('opacity') !== '0')
  .flatMap(t => t.querySelector('tspan') ? [...t.querySelectorAll('tspan')] : [t])
  .map(t => t.textContent.trim())"""


def _words(text: str) -> str:
    """Text with ligatures (the PDF's "ﬁ") unfolded and whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_a_chapter_prints_with_its_charts_drawn(built_html, tmp_path):
    require(shutil.which(pdf.CHROMIUM) is not None, f"Chromium not found at {pdf.CHROMIUM}: `apt-get install chromium`")
    target = tmp_path / "chapter.pdf"
    with pdf.serve(built_html) as base, pdf.chromium() as browser:
        page = browser.new_page()
        pdf.print_page(page, f"{base}/{CHAPTER}.html", target)
        drawn = [text for text in page.evaluate(CHART_TEXT) if text]
    reader = PdfReader(target)
    printed = _words(" ".join(p.extract_text() for p in reader.pages))
    assert len(reader.pages) >= 1, f"{CHAPTER}: the PDF has no page"
    assert len(drawn) >= 10, f"{CHAPTER}: the charts drew too little text to check ({drawn})"
    missing = [text for text in drawn if _words(text) not in printed]
    assert not missing, f"{CHAPTER}: chart text drawn on screen but absent from the PDF: {missing[:10]}"


def test_the_book_prints_every_page_in_the_order_of_its_contents(built_html, tmp_path):
    require(shutil.which(pdf.CHROMIUM) is not None, f"Chromium not found at {pdf.CHROMIUM}: `apt-get install chromium`")
    pages = pdf.book_order()
    assert pages[0] == "notebooks/index" and CHAPTER in pages and len(pages) == len(set(pages))
    printed = pdf.print_book(built_html, tmp_path, pages[:2])
    counts = [len(PdfReader(path).pages) for path in printed]
    assert [path.stem for path in printed] == [name.split("/")[-1] for name in pages[:2]]
    assert all(count >= 1 for count in counts), dict(zip(pages[:2], counts, strict=True))
    assert len(PdfReader(tmp_path / "book.pdf").pages) == sum(counts)
