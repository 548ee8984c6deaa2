"""Embedded storage: SQLite for the truth, DuckDB for questions about it."""

from nargis_desktop.store.db import Store

__all__ = ["Store"]
