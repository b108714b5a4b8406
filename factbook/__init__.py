"""Data, claims and charts for the China–Russia–North Korea evidence book.

One home per job, in layers that import only from the layers below them (a test
enforces this):

- ``schema``: Table-Schema validation; ``DataError`` names file, column and row.
- ``data``: the catalogue (read once until it changes) and ``load(id)``, the rows to use.
- ``curated``, ``indicators``, ``verdict``: curated-table consistency, shared series,
  the ``Result`` a check returns.
- ``checks`` (the general checks), then ``power_balance`` (rules written for one claim).
- ``claims`` (the registry; each claim evaluated once per version of the data; the steps
  of each article's argument) and ``charts`` (theme, source line, offline renderer).
- ``views`` (reader-facing tables, verdict badges, evidence dropdowns) and ``figures``
  (charts several pages show, each named; each step of an argument names its own in data).
- ``build`` (chart bundle, stale-build guard) and ``extracts`` (raw files to extracts).

Nothing runs on import.
"""
