"""Index backends: one subpackage each, exposing ``BACKEND`` (a search.protocol.ClauseIndex class).

Adding a backend (tantivy, PostgreSQL full text …) is a new subpackage here plus its name in
``BACKENDS``; nothing else in the tree names a backend library.
"""

from __future__ import annotations

from importlib import import_module

from search.protocol import ClauseIndex

DEFAULT_BACKEND = "whoosh"
BACKENDS = ("whoosh",)


def backend_class(name: str | None = None) -> type[ClauseIndex]:
    """The index class of a backend by name (None: the default)."""
    name = (name or DEFAULT_BACKEND).strip().lower()
    if name not in BACKENDS:
        raise ValueError(f"unknown search backend {name!r}; known: {', '.join(BACKENDS)}")
    return import_module(f"search.backends.{name}").BACKEND
