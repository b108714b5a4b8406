"""Chart conventions: one Altair theme, a source line under every chart, offline rendering.

Every chart in the book goes through :func:`sourced`, which attaches its alt text and
the datasets it shows; the ``factbook`` renderer refuses a chart without them and
writes the source and as-of line under it. Charts draw with vega-embed from the
book's own ``_static/vega-bundle.js`` (written by :mod:`factbook.build`), never a CDN.
"""

from __future__ import annotations

import hashlib
import html
import json
import math

import altair as alt

from factbook.data import Catalogue, read_catalogue

THEME = "factbook"
RENDERER = "factbook"

# Okabe–Ito: distinguishable with the common forms of colour blindness.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
# The hues of the verdict badges on every page (_static/factbook.css), so charts and tables agree.
VERDICT_COLOURS = {
    "supported": "#009E73",
    "partly supported": "#E69F00",
    "contradicted": "#D55E00",
    "unverifiable": "#999999",
    "interpretive": "#56B4E9",
}

# How often each chart spec has been rendered in this process: a repeat gets a numbered id,
# so two identical charts on one page both draw and ids stay the same from run to run.
_RENDERED: dict[str, int] = {}

EMBED_OPTIONS = {"renderer": "svg", "actions": {"export": True, "source": False, "compiled": False, "editor": False}}


def theme() -> alt.theme.ThemeConfig:
    """The book's look: readable type, left-aligned titles, a colour-blind-safe palette."""
    return {
        "config": {
            "view": {"continuousWidth": 600, "continuousHeight": 320, "stroke": None},
            "font": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "title": {"anchor": "start", "fontSize": 15, "subtitleFontSize": 12, "subtitleColor": "#555"},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "gridColor": "#e6e6e6"},
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "bottom"},
            "range": {"category": PALETTE},
            "line": {"strokeWidth": 2.5},
        }
    }


def enable() -> None:
    """Register and switch on the theme and the offline renderer for this session."""
    alt.theme.register(THEME, enable=True)(theme)
    alt.renderers.register(RENDERER, render)
    alt.renderers.enable(RENDERER)


def sourced(chart: alt.TopLevelMixin, datasets: list[str], alt_text: str, note: str = "") -> alt.TopLevelMixin:
    """Attach the datasets a chart shows and its text alternative."""
    if not alt_text.strip():
        raise ValueError("a chart needs alt text describing what it shows")
    catalogue = read_catalogue()
    for dataset_id in datasets:
        catalogue.resource(dataset_id)
    return chart.properties(description=alt_text, usermeta={"factbook": {"datasets": list(datasets), "note": note}})


def source_line(datasets: list[str], catalogue: Catalogue | None = None) -> str:
    """'Source: producer (as of date); …' for the given dataset ids."""
    catalogue = catalogue or read_catalogue()
    parts = []
    for dataset_id in datasets:
        resource = catalogue.resource(dataset_id)
        parts.append(f"{resource['producer']}, as of {resource['as_of']} [{dataset_id}]")
    return "Source: " + "; ".join(parts) + "."


def render(spec: dict, **_metadata) -> dict:
    """Altair renderer: an HTML figure drawn by the local vega-embed, with its source line."""
    meta = spec.get("usermeta", {}).get("factbook")
    if not meta or not meta.get("datasets") or not spec.get("description"):
        raise ValueError("chart has no source or alt text: wrap it in factbook.charts.sourced(...)")
    spec = _json_safe(spec)
    payload = json.dumps(spec, sort_keys=True, ensure_ascii=False, allow_nan=False)
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]
    _RENDERED[digest] = _RENDERED.get(digest, 0) + 1
    chart_id = f"chart-{digest}" + (f"-{_RENDERED[digest]}" if _RENDERED[digest] > 1 else "")
    footer = source_line(meta["datasets"]) + (" " + meta["note"] if meta.get("note") else "")
    script_safe = payload.replace("</", "<\\/")
    options = json.dumps(EMBED_OPTIONS)
    label = html.escape(spec["description"])
    markup = (
        f'<figure class="factbook-chart">'
        f'<div id="{chart_id}" class="factbook-chart-canvas" role="img" aria-label="{label}"></div>'
        f'<figcaption class="chart-source">{html.escape(footer)}</figcaption>'
        f"<script>(function(){{var spec={script_safe};"
        f'function draw(){{vegaEmbed("#{chart_id}",spec,{options}).catch(function(e){{console.error(e);}});}}'
        f'if(window.vegaEmbed){{draw();}}else{{window.addEventListener("load",draw);}}}})();</script>'
        f"</figure>"
    )
    return {
        "text/html": markup,
        f"application/vnd.vegalite.v{alt.SCHEMA_VERSION.split('.')[0].lstrip('v')}+json": spec,
        "text/plain": spec["description"] + "\n" + footer,
    }


def _json_safe(value):
    """Replace NaN and infinities (which JSON cannot carry) with null, recursively."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_safe(item) for item in value]
    return value
