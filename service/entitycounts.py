"""What the graph found in each newly written document, for many documents in one pass.

`KnowledgeGraph.subgraph(doc_id)` walks every edge of the graph; a group commit of 16 uploads
asked it 16 times after each write, in the server process (a sixth of the server's share of a
write at 12.8k clauses). Here one walk over the edges serves every document of the write, with
the same membership rule as `subgraph`: an edge belongs to a document when one of its evidence
clauses is the document's (`{id}:…`) or one of its articles' (`{id}~…`), or when it touches the
document's own entity.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any


def _owners(clause_id: str, wanted: set[str]) -> set[str]:
    """The wanted documents whose clause (or article clause) this is: every prefix of the id
    ending before a ':' or '~' is a candidate (exactly subgraph's startswith test)."""
    out = set()
    for i, ch in enumerate(clause_id):
        if (ch == ":" or ch == "~") and clause_id[:i] in wanted:
            out.add(clause_id[:i])
    return out


def entity_counts(graph: Any, doc_ids: Iterable[str]) -> dict[str, dict[str, int]]:
    """doc id → {entity type: count} of the entities `graph.subgraph(doc_id)` would hold."""
    wanted = set(doc_ids)
    members: dict[str, set[str]] = {d: set() for d in wanted}
    by_entity = {f"document:{d}": d for d in wanted}
    for edge in graph.edges():
        owners: set[str] = set()
        for clause_id in edge.evidence:
            owners |= _owners(clause_id, wanted)
        for end in (edge.source, edge.target):
            if end in by_entity:
                owners.add(by_entity[end])
        for d in owners:
            members[d].update((edge.source, edge.target))
    out = {}
    for d, ids in members.items():
        types = (graph.entity(i) for i in ids)
        out[d] = dict(Counter(e.type for e in types if e is not None))
    return out
