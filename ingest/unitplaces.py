"""Units whose place is not in their name: 吉林大学 is in 长春市 (not 吉林市), 河北工业大学 in 天津.

The table (``ingest/data/unit_places.tsv``) is a reviewed public list with its source, not the
schools of particular pages; docregion asks it before reading a place out of the unit's name.
"""

from __future__ import annotations

from functools import lru_cache

from ingest import vocab

_TABLE = "unit_places.tsv"


@lru_cache(maxsize=1)
def _entries() -> tuple[tuple[str, str], ...]:
    """(unit, place) pairs, longest unit first (中国矿业大学（北京） before 中国矿业大学)."""
    pairs = {(r[0], r[1]) for r in vocab.rows(_TABLE) if len(r) > 1 and r[0] and r[1]}
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


def place_of_unit(name: str) -> str | None:
    """The place path (吉林省长春市) of the listed unit that `name` contains (吉林大学离退休工作处), or None.

    `name` is folded (simplified) text."""
    for unit, place in _entries():
        if unit in name:
            return place
    return None
