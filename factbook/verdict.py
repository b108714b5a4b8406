"""What a check returns: a verdict, the value it measured, the rule it applied and the rows it read."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from factbook.data import read_catalogue

VERDICTS = ("supported", "partly supported", "contradicted", "unverifiable", "interpretive")
# Which way an interpretive claim's proxy points, from the verdict of the factual check it runs.
DIRECTIONS = {"supported": "consistent", "partly supported": "mixed", "contradicted": "inconsistent"}

EVIDENCE_COLUMNS = ["dataset", "source", "subject", "period", "measure", "value", "unit", "note", "url", "quote"]
# Dataset columns that fill the evidence shape's general ones.
EVIDENCE_ALIASES = {
    "country_iso3": "subject",
    "actors": "subject",
    "year": "period",
    "date": "period",
    "publisher": "source",
}


@dataclass(frozen=True)
class Result:
    """What a check found.

    ``rule`` states how the verdict was decided; ``bounds`` are the (low, high) limits the
    article's words were read as, where the check compares a figure with them; ``events``
    are the timeline events the check looked up. An interpretive claim's result measures a
    proxy, and ``direction`` says which way it points (a value of :data:`DIRECTIONS`).
    """

    verdict: str
    measured: float | str
    measured_label: str
    rule: str
    finding: str
    evidence: pd.DataFrame = field(repr=False)
    bounds: tuple[float | None, float | None] = (None, None)
    events: tuple[str, ...] = ()
    direction: str = ""

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict '{self.verdict}'; expected one of {VERDICTS}")
        if self.direction not in ("", *DIRECTIONS.values()):
            raise ValueError(f"unknown direction '{self.direction}'; expected one of {list(DIRECTIONS.values())}")
        if (self.verdict == "interpretive") != bool(self.direction):
            raise ValueError("an interpretive result states which way its proxy points, and no other result does")
        if "dataset" not in self.evidence.columns:
            raise ValueError("evidence rows must name the dataset they come from")


def evidence(table: pd.DataFrame, dataset_id: str) -> pd.DataFrame:
    """Evidence rows in one shape: the dataset, who published each figure (and where), the figure itself."""
    resource = read_catalogue().resource(dataset_id)
    renames = {}
    for column, general in EVIDENCE_ALIASES.items():
        if column in table.columns and general not in table.columns and general not in renames.values():
            renames[column] = general
    rows = table.rename(columns=renames).assign(dataset=dataset_id)
    if "source" not in rows.columns:
        rows = rows.assign(source=resource["producer"])
    for column in EVIDENCE_COLUMNS:
        if column not in rows.columns:
            rows[column] = ""
    rows["period"] = rows["period"].map(_period)
    return rows[EVIDENCE_COLUMNS].reset_index(drop=True)


def _period(value) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
