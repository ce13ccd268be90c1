"""Pickle compatibility: whoosh stores an index's schema pickled, with the class paths of the
time (``search.schema.ClauseText`` …). The schema now lives in ``search.backends.whoosh.schema``;
names are resolved from there lazily, so importing ``search`` never imports whoosh."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    from search.backends.whoosh import schema

    return getattr(schema, name)
