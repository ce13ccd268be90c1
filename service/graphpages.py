"""The knowledge graph as the API shows it: a document's subgraph, entity lookup and detail, and
how two entities connect.

Pure functions over one snapshot's graph; the Engine validates the parameters and picks the
snapshot. Separate from the Engine so the graph's views (which neighbours, in what order, when a
path may go through generic concepts) have one home.
"""

from __future__ import annotations

from typing import Any

from policykg.errors import NotFound
from service.snapshot import Snapshot
from service.views import edge_view, entity_brief, path_step_view


def document_graph(snap: Snapshot, doc_id: str) -> dict[str, Any]:
    if doc_id not in snap.documents:
        raise NotFound(f"文档不存在：{doc_id}")
    sub = snap.graph.subgraph(doc_id)
    return {
        "doc_id": doc_id,
        "nodes": [entity_brief(e) for e in sub.entities()],
        "edges": [edge_view(e) for e in sub.edges()],
    }


def entity_matches(snap: Snapshot, q: str, type: str | None, limit: int) -> dict[str, Any]:
    found = snap.find_entities(q, type)
    return {"query": q, "results": [entity_brief(e) for e in found[:limit]]}


def entity_page(snap: Snapshot, entity_id: str) -> dict[str, Any]:
    """An entity with its attributes, evidence and neighbours (by relation, direction, name)."""
    ent = snap.graph.entity(entity_id)
    if ent is None:
        raise NotFound(f"实体不存在：{entity_id}")
    neighbors = [
        {
            "relation": n.relation,
            "direction": n.direction,
            "entity": entity_brief(n.entity),
            "evidence": list(n.evidence),
        }
        for n in snap.graph.neighbors(entity_id)
    ]
    neighbors.sort(key=lambda n: (n["relation"], n["direction"], n["entity"]["name"]))
    out = entity_brief(ent)
    out.update({"attributes": ent.attributes, "evidence": list(ent.evidence), "neighbors": neighbors})
    return out


def path_page(snap: Snapshot, source: str, target: str, via_concepts: bool) -> dict[str, Any]:
    """How two entities connect; through generic `concept` nodes (a shared slogan) only when
    asked, else `concept_path` says whether such a path exists."""
    a, b = (snap.resolve_entity(ref) for ref in (source, target))
    if a is None or b is None:
        raise NotFound(f"实体不存在：{source if a is None else target}")
    avoid = () if via_concepts else ("concept",)
    steps = snap.graph.path(a.id, b.id, avoid_types=avoid) if a.id != b.id else []
    concept_path = bool(not steps and not via_concepts and a.id != b.id and snap.graph.path(a.id, b.id))
    ids = {a.id, b.id} | {s.source for s in steps} | {s.target for s in steps}
    nodes = [entity_brief(x) for x in (snap.graph.entity(i) for i in sorted(ids)) if x]
    return {
        "source": entity_brief(a),
        "target": entity_brief(b),
        "found": bool(steps) or a.id == b.id,
        "length": len(steps),
        "steps": [path_step_view(s, snap.clauses) for s in steps],
        "nodes": nodes,
        "concept_path": concept_path,
    }
