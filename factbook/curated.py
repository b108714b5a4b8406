"""Hand-curated tables: checks that a table agrees with itself.

Figures in the press are rounded, so a share recomputed from a rounded total and a rounded
part cannot match the published share exactly. The tolerances here are derived from the
printed precision of each figure (half a unit of its last significant digit).
"""

from __future__ import annotations

import pandas as pd

from factbook.data import load


def half_unit(value: float) -> float:
    """Half a unit of the last significant digit of ``value`` as printed (5260 -> 5, 488.04 -> 0.005).

    A printed zero ("no imports at all") is exact, so it allows nothing.
    """
    if value == 0:
        return 0.0
    text = repr(float(value)).lower()
    if "e" in text:
        raise ValueError(f"{value!r}: too large or small to judge its printed precision")
    whole, _, fraction = text.lstrip("-").partition(".")
    fraction = fraction.rstrip("0")
    if fraction:
        return 0.5 * 10 ** -len(fraction)
    trailing = len(whole) - len(whole.rstrip("0")) if whole.strip("0") else 0
    return 0.5 * 10**trailing


def share_mismatches(wide: pd.DataFrame, share: str, part: str, total: str) -> pd.DataFrame:
    """Rows where the published share differs from part ÷ total by more than rounding allows."""
    rows = wide.dropna(subset=[share, part, total])
    implied = rows[part] / rows[total] * 100
    tolerance = [
        s * (half_unit(p) / p + half_unit(t) / t) + half_unit(s)
        for s, p, t in zip(rows[share], rows[part], rows[total], strict=True)
    ]
    gap = (rows[share] - implied).abs()
    return rows.assign(implied_share=implied, gap=gap, tolerance=tolerance)[gap > tolerance]


def sum_mismatches(wide: pd.DataFrame, total: str, parts: list[str]) -> pd.DataFrame:
    """Rows where a published total differs from the sum of its parts by more than rounding allows."""
    rows = wide.dropna(subset=[total, *parts])
    gap = (rows[total] - rows[parts].sum(axis=1)).abs()
    tolerance = [sum(half_unit(v) for v in values) for values in rows[[total, *parts]].itertuples(index=False)]
    return rows.assign(gap=gap, tolerance=tolerance)[gap > tolerance]


def parts_over_total(wide: pd.DataFrame, total: str, parts: list[str]) -> pd.DataFrame:
    """Rows where any one part exceeds the total by more than rounding allows, whether or not the others are known."""
    over = pd.Series(False, index=wide.index)
    for part in parts:
        rows = wide[[part, total]].dropna()
        tolerance = [half_unit(p) + half_unit(t) for p, t in rows.itertuples(index=False)]
        over.loc[rows.index] |= (rows[part] - rows[total]) > tolerance
    return wide[over]


def unit_switches(table: pd.DataFrame, series: list[str]) -> pd.DataFrame:
    """Series whose values switch scale within one currency or quantity (``jpy_trillion`` and ``jpy_billion``)."""
    quantity = table["unit"].str.rsplit("_", n=1).str[0]
    scales = table.assign(quantity=quantity).groupby([*series, "quantity"])["unit"].nunique()
    return scales[scales > 1].reset_index()


def wide(dataset_id: str, key: str) -> pd.DataFrame:
    """Preferred rows of a measure/value table, one column per measure, indexed by ``key``."""
    rows = load(dataset_id)
    return rows.pivot(index=key, columns="measure", values="value")
