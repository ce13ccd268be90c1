"""Finding entities by name: the folded lookup key of a name and the ranked search over the graph's
names and aliases (exact name, then exact alias, then names containing the query).

Separate from ``graph.store`` because it is the one fuzzy part of reading the graph: how a name is
folded (traditional → simplified, quotes, spaces, middle dots) and which of several entities of
one name comes first are decisions of their own, shared with the program passes that merge names
(``graph.passes.programs``, ``graph.passes.program_merge`` take ``name_key``). ``NameLookup`` is a
mixin of ``graph.store.KnowledgeGraph``, which drops the index whenever a name or alias changes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.model import Entity
from policykg.text import fold

# Types listed first win ties in lookup: a program or organization is what people usually mean.
_TYPE_ORDER = {
    t: i
    for i, t in enumerate(["program", "organization", "region", "branch", "person", "document", "concept"])
}
_KEY_STRIP_RE = re.compile(r"[\s“”\"'‘’「」『』《》〈〉]+")
_DOTS_RE = re.compile(r"[·•・‧∙]")


@lru_cache(maxsize=65536)  # memoised: folding detects the script with two OpenCC passes
def name_key(name: str) -> str:
    """The lookup key of a name: folded (NFKC, t→s), quotes and spaces removed, one middle dot."""
    return _DOTS_RE.sub("·", _KEY_STRIP_RE.sub("", fold(name)))


class NameLookup:
    """Lookup of KnowledgeGraph (needs its ``_entities`` and ``_index``, the index of name keys
    that the graph resets to None whenever an entity, name or alias changes)."""

    _entities: dict[str, Entity]
    _index: dict[str, list[tuple[int, str]]] | None

    def _build_index(self) -> dict[str, list[tuple[int, str]]]:
        index: dict[str, list[tuple[int, str]]] = {}
        for e in self._entities.values():
            index.setdefault(name_key(e.name), []).append((0, e.id))
            for a in e.aliases:
                index.setdefault(name_key(a), []).append((1, e.id))
        return index

    def lookup(self, name: str, type: str | None = None, limit: int | None = None) -> list[Entity]:
        """Exact name, then exact alias (both folded t→s), then names/aliases containing the query."""
        key = name_key(name)
        if not key:
            return []
        if self._index is None:
            self._index = self._build_index()
        index = self._index

        def ok(eid: str) -> bool:
            return type is None or self._entities[eid].type == type

        def rank(eid: str) -> tuple[int, int, str]:
            e = self._entities[eid]
            return (_TYPE_ORDER.get(e.type, 9), -len(e.evidence), e.id)

        ordered: list[str] = []
        exact = [(kind, eid) for kind, eid in index.get(key, []) if ok(eid)]
        for wanted in (0, 1):
            ordered.extend(sorted({eid for kind, eid in exact if kind == wanted}, key=rank))
        seen = set(ordered)
        partial: list[tuple[int, tuple[int, int, str], str]] = []
        for k, entries in index.items():
            if key in k and k != key:
                for _kind, eid in entries:
                    if eid not in seen and ok(eid):
                        partial.append((len(k), rank(eid), eid))
        for _length, _rank, eid in sorted(partial):
            if eid not in seen:
                ordered.append(eid)
                seen.add(eid)
        result = [self._entities[eid] for eid in dict.fromkeys(ordered)]
        return result[:limit] if limit else result
