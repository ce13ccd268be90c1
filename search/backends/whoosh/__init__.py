"""The whoosh backend: whoosh3's postings, positions and stored fields as the index format;
scoring on numpy arrays built from those postings (see ranking.py)."""

from __future__ import annotations

from search.backends.whoosh.index import ClauseIndex as BACKEND

__all__ = ["BACKEND"]
