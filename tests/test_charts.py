"""Charts: the theme, the sourced renderer, and the offline vega bundle."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest

from factbook import build, charts

TABLE = pd.DataFrame({"year": [2020, 2021, 2022], "value": [1.0, float("nan"), 3.0]})


def _chart(data=TABLE):
    return alt.Chart(data).mark_line().encode(x="year:Q", y="value:Q")


def test_enable_registers_theme_and_renderer():
    charts.enable()
    assert alt.theme.active == charts.THEME
    assert alt.renderers.active == charts.RENDERER
    assert charts.theme()["config"]["range"]["category"] == charts.PALETTE


def test_renderer_refuses_a_chart_without_source_or_alt_text():
    with pytest.raises(ValueError, match="no source or alt text"):
        charts.render(_chart().to_dict())


def test_sourced_needs_alt_text_and_known_datasets():
    with pytest.raises(ValueError, match="alt text"):
        charts.sourced(_chart(), ["worldbank_gdp"], alt_text=" ")
    with pytest.raises(KeyError, match="no_such"):
        charts.sourced(_chart(), ["no_such"], alt_text="a line")


def test_render_writes_source_line_alt_text_and_safe_json():
    spec = charts.sourced(_chart(), ["worldbank_gdp", "sipri_milex"], alt_text='Values <rise> & "fall"').to_dict()
    bundle = charts.render(spec)
    markup = bundle["text/html"]
    assert 'aria-label="Values &lt;rise&gt; &amp; &quot;fall&quot;"' in markup
    caption = re.search(r'<figcaption class="chart-source">(.*?)</figcaption>', markup).group(1)
    assert caption.startswith("Source: World Bank") and "SIPRI" in caption and "as of" in caption
    assert "NaN" not in markup
    embedded = json.loads(re.search(r"var spec=(\{.*?\});function", markup).group(1))
    assert embedded["description"] == 'Values <rise> & "fall"'
    assert bundle["text/plain"].startswith("Values <rise>")


def test_render_is_deterministic_and_ids_follow_content():
    first = charts.render(charts.sourced(_chart(), ["worldbank_gdp"], alt_text="a line").to_dict())
    again = charts.render(charts.sourced(_chart(), ["worldbank_gdp"], alt_text="a line").to_dict())
    other = charts.render(
        charts.sourced(_chart(TABLE.assign(value=[4.0, 5.0, 6.0])), ["worldbank_gdp"], alt_text="a line").to_dict()
    )
    first_id = re.search(r'id="(chart-[0-9a-f-]+)"', first["text/html"]).group(1)
    again_id = re.search(r'id="(chart-[0-9a-f-]+)"', again["text/html"]).group(1)
    assert again_id.startswith(first_id) and again_id != first_id, "a repeated chart needs its own id"
    assert first["text/html"].replace(first_id, "") == again["text/html"].replace(again_id, "")
    assert first_id.split("-")[1] not in other["text/html"]


def test_script_cannot_close_early():
    spec = charts.sourced(_chart(TABLE.assign(label="</script><b>")), ["worldbank_gdp"], alt_text="x").to_dict()
    markup = charts.render(spec)["text/html"]
    assert markup.count("</script>") == 1


def test_bundled_libraries_match_what_altair_asks_for():
    versions = build.bundled_versions()
    assert versions["vega"].split(".")[0] == alt.VEGA_VERSION.lstrip("v").split(".")[0]
    assert versions["vega-lite"] == ".".join(alt.VEGALITE_VERSION.lstrip("v").split(".")[:2])
    assert versions["vega-embed"].split(".")[0] == alt.VEGAEMBED_VERSION.lstrip("v").split(".")[0]


def test_bundle_is_wrapped_and_exports_globals(tmp_path):
    target = build.write_vega_bundle(tmp_path)
    text = target.read_text(encoding="utf-8")
    header, body = text.split("\n", 1)
    for name, version in build.bundled_versions().items():
        assert f"{name} {version}" in header
    assert body.startswith("(function(){") and body.rstrip().endswith("})();")
    assert "window.vegaEmbed=" in body
    mtime = target.stat().st_mtime_ns
    build.write_vega_bundle(tmp_path)
    assert target.stat().st_mtime_ns == mtime, "an unchanged bundle must not be rewritten"
