"""The "did you mean" for a region name no region has (沈杨市 → 沈阳市; 延边自治州 → 延边州): the
known names closest to it, behind Gazetteer.suggest.

Separate from policykg.gazetteer because it runs only on the error path (an unknown region name in
a request or an override) and works on names alone: edit distance, shared characters, level.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Callable, Iterable

from policykg.regionrecords import RANK, Region

# Level words, not what tells one name from another: suggest() does not match on them.
_LEVEL_CHARS = frozenset("省市县区镇乡州旗盟街道自治族地")


def names_by_char(names: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each character that is not a level word → the names holding it (the candidates' pool)."""
    index: dict[str, list[str]] = defaultdict(list)
    for cand in names:
        for ch in set(cand) - _LEVEL_CHARS:
            index[ch].append(cand)
    return {ch: tuple(v) for ch, v in index.items()}


def suggest(
    name: str,
    by_char: dict[str, tuple[str, ...]],
    lookup: Callable[[str], list[Region]],
    limit: int = 5,
) -> list[str]:
    """Known names closest to an unknown one, for a "did you mean" message: by edit distance, a
    name inside the other, shared characters, then level (a city before a town). One name per
    region; [] when nothing is close. `by_char` is `names_by_char` of the known names, `lookup`
    gives a known name's regions."""
    query = name.strip()
    own = set(query) - _LEVEL_CHARS
    if not own:
        return []
    pool = set().union(*(by_char.get(ch, ()) for ch in own))
    limit_distance = max(1, (len(query) + 1) // 2)
    scored = []
    for cand in pool:
        inside = _stem(cand) in query or _stem(query) in cand
        distance = _edit_distance(query, cand) - (2 if inside else 0)
        if distance > limit_distance:
            continue
        regions = lookup(cand)
        level = min(RANK[r.level] for r in regions)
        gap = abs(len(cand) - len(query))
        scored.append(((distance, -len(own & set(cand)), level, gap, cand), cand, regions))
    out: list[str] = []
    seen: set[str] = set()
    for _key, cand, regions in sorted(scored, key=operator.itemgetter(0)):
        codes = {r.code for r in regions}
        if codes & seen:
            continue
        seen |= codes
        out.append(cand)
        if len(out) == limit:
            break
    return out


def _stem(name: str) -> str:
    """A name without its trailing level words (延边自治州 → 延边, 沈阳市 → 沈阳)."""
    stem = name.rstrip("".join(_LEVEL_CHARS))
    return stem if len(stem) >= 2 else name


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insert, delete, substitute), two rows at a time."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
