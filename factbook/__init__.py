"""Data, claims and charts for the China–Russia–North Korea evidence book.

Modules: ``data`` (catalogue and loader), ``extract`` (raw files to extracts),
``claims`` and ``checks`` (registry and verdicts), ``indicators`` (shared series),
``charts`` (theme, renderer, offline bundle), ``build`` (build preparation).
"""
