"""The one loader for the ingest vocabulary in ``ingest/data/*.tsv``.

Every table is UTF-8, TAB-separated, ``#`` starts a comment line and blank lines are ignored, so
vocabulary (web labels, residue markers, document types …) is a data change, not a code change.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=32)
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``ingest/data/{name}`` as tuples of stripped cells (read once)."""
    text = resources.files("ingest").joinpath(f"data/{name}").read_text(encoding="utf-8")
    out = []
    for raw in text.splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        out.append(tuple(cell.strip() for cell in raw.split("\t")))
    return tuple(out)


@lru_cache(maxsize=64)
def words(name: str, kind: str) -> tuple[str, ...]:
    """Second cells of the rows of `name` whose first cell is `kind`, longest first."""
    return tuple(sorted({r[1] for r in rows(name) if r[0] == kind and len(r) > 1}, key=len, reverse=True))


@lru_cache(maxsize=64)
def alternation(name: str, kind: str) -> str:
    """A regular-expression alternation of the `kind` words of `name` (escaped, longest first)."""
    return "|".join(re.escape(w) for w in words(name, kind))


@lru_cache(maxsize=64)
def patterns(name: str, kind: str) -> tuple[re.Pattern[str], ...]:
    """The `kind` rows of `name` compiled as regular expressions, in file order."""
    return tuple(re.compile(r[1]) for r in rows(name) if r[0] == kind and len(r) > 1)
