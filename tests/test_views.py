"""Reader-facing views: honest bylines, labelled verdict badges, small tables, escaped text."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd
import pytest

from factbook import claims, views
from factbook.data import REPO_ROOT, load
from factbook.verdict import VERDICTS, Result

ARTICLES = ["A0", "A1", "A2", "A3", "A4"]


def test_byline_says_not_stated_where_the_text_is_silent():
    text = views.byline("A1")
    assert "**Title:** not stated" in text and "**Author:** not stated" in text
    assert "inferred" in text, "an inferred date must be labelled as inferred"
    assert "Mehmet Enes Beşer" in views.byline("A4")


@pytest.mark.parametrize("verdict", ["supported", "partly supported", "contradicted", "unverifiable", "interpretive"])
def test_a_verdict_badge_carries_its_word_not_only_a_colour(verdict):
    badge = views.badge(verdict)
    assert f">{verdict}</span>" in badge and f"verdict-{verdict.replace(' ', '-')}" in badge


def test_verdict_summary_counts_every_claim():
    results = claims.of_article("A2")
    text = views.verdict_summary(results).data
    assert text.startswith(f'<p class="verdict-summary">{len(results)} claims:')
    for verdict, count in results["verdict"].value_counts().items():
        assert f"{verdict}</span>&nbsp;{count}" in text


def test_evidence_dropdown_is_collapsed_and_holds_every_finding_and_its_first_sources():
    step = claims.of_article("A3")
    html = views.evidence_dropdown(step).data
    assert html.startswith('<details class="evidence">') and " open" not in html.split(">")[0]
    for finding in step["finding"]:
        assert views.html.escape(finding) in html
    for result in step["result"].dropna():
        for source in result.evidence["source"].head(views.EVIDENCE_ROWS):
            assert views.html.escape(str(source)) in html
        if len(result.evidence) > views.EVIDENCE_ROWS:
            assert f"{len(result.evidence) - views.EVIDENCE_ROWS} more rows the check read" in html


def test_table_refuses_a_wall_of_rows_and_names_its_source():
    frame = load("nk_trade_kotra").query("measure == 'china_share_of_trade'")[["year", "value"]]
    with pytest.raises(ValueError, match="at most 12 rows"):
        views.table(frame, ["nk_trade_kotra"], "China's share")
    html = views.table(frame.tail(3), ["nk_trade_kotra"], "China's <share>", {"value": "{:.1f}"}).data
    assert "China&#x27;s &lt;share&gt;" in html or "China&#39;s &lt;share&gt;" in html
    assert "[nk_trade_kotra]" in html and html.startswith('<table class="data-table">') and "id=" not in html


def test_text_from_data_is_escaped():
    results = claims.of_article("A0").head(2).copy()
    results.loc[0, "finding"] = "<script>alert(1)</script> & more"
    results.loc[0, "key_phrase"] = "<b>bold</b>"
    assert "&lt;b&gt;bold" in views.claims_table(results).data
    html = views.evidence_dropdown(results).data
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    details = views.claim_details(results)
    assert "<script>alert" not in details
    checked = claims.of_article("A2")
    position = checked["result"].first_valid_index()
    result = checked.at[position, "result"]
    evidence = result.evidence.copy()  # the cached result stays untouched
    evidence.loc[evidence.index[0], "note"] = "<img src=x onerror=alert(1)>"
    checked.at[position, "result"] = replace(result, evidence=evidence)
    assert "<img src=x" not in views.evidence_dropdown(checked).data


def test_ledger_links_each_claim_to_its_chapter():
    results = views.ledger_results()
    html = views.ledger_table(results).data
    for claim in results.itertuples():
        assert f'href="{views.audit_link(claim.claim_id)}"' in html
        if claim.chapter != views.LEDGER_PAGE:
            assert f'href="{claim.chapter}.html#{views.anchor(claim.claim_id)}"' in html


def test_every_verdict_has_a_badge_style_in_light_and_dark_mode():
    css = (REPO_ROOT / "_static" / "factbook.css").read_text(encoding="utf-8")
    for verdict in VERDICTS:
        name = "verdict-" + verdict.replace(" ", "-")
        assert f".{name} {{" in css and f'html[data-theme="dark"] .{name} {{' in css and f".{name}::before" in css


def test_an_interpretive_claim_shows_which_way_its_proxy_points():
    results = claims.of_article("A2").head(1).copy()
    evidence = pd.DataFrame({"dataset": ["d"]})
    proxy = Result("interpretive", 1.0, "proxy: x", "rule", "finding", evidence, direction="mixed")
    results.at[0, "result"], results.at[0, "verdict"] = proxy, "interpretive"
    shown = views.claims_table(results).data
    assert '>interpretive</span><br><span class="proxy-direction">proxy: mixed</span>' in shown


def test_an_audit_link_names_the_claims_article_page():
    assert views.audit_link("A3-07") == "audit_a3.html#claim-a3-07"


def test_an_audit_page_holds_each_claim_of_its_article_in_order():
    text = views.audit_trails("A2").data
    labels = [label.upper().removeprefix("CLAIM-") for label in re.findall(r"^\((claim-[a-z0-9-]+)\)=$", text, re.M)]
    assert labels == list(claims.of_article("A2")["claim_id"])
