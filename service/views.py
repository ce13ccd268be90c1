"""Dict views of the model for the API and the CLI (the API's pydantic models validate them)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ingest.report import missing_fields, publisher
from policykg.model import Clause, Document, Edge, Entity, Fact

if TYPE_CHECKING:
    from graph.store import PathStep


def document_summary(doc: Document) -> dict[str, Any]:
    """The `document` object the contract embeds in results."""
    return {
        "doc_id": doc.id,
        "title": doc.title,
        "issuer": publisher(doc),
        "doc_no": doc.doc_no,
        "date": doc.date,
        "doc_type": doc.doc_type,
        "region": {"id": doc.region.id, "name": doc.region.name} if doc.region else None,
        "parent_id": doc.parent_id,
        "author_unit": doc.author_unit,
        "source_unit": doc.source_unit,
        "authors": list(doc.authors),
        "year": doc.year,
    }


def listing_summary(doc: Document) -> dict[str, Any]:
    out = document_summary(doc)
    out.update(
        {
            "issuers": list(doc.issuers),
            "clause_count": len(doc.clauses),
            "children": list(doc.children),
        }
    )
    return out


def extracted_summary(doc: Document) -> dict[str, Any]:
    """What an upload reports for one document: the metadata ingest found."""
    return {
        "doc_id": doc.id,
        "title": doc.title,
        "doc_no": doc.doc_no,
        "issuer": publisher(doc),
        "source_unit": doc.source_unit,
        "author_unit": doc.author_unit,
        "date": doc.date,
        "doc_type": doc.doc_type,
        "region": {"id": doc.region.id, "name": doc.region.name} if doc.region else None,
        "parent_id": doc.parent_id,
        "clause_count": len(doc.clauses),
        "missing": missing_fields(doc),
        "warnings": list(doc.warnings),
    }


def entity_brief(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases)}


def edge_view(e: Edge | PathStep) -> dict[str, Any]:
    return {"source": e.source, "target": e.target, "relation": e.relation, "evidence": list(e.evidence)}


def fact_view(f: Fact) -> dict[str, Any]:
    return {"kind": f.kind, "value": f.value, "unit": f.unit, "text": f.text, "qualifier": f.qualifier}


def clause_view(c: Clause, facts: Iterable[Fact] = ()) -> dict[str, Any]:
    return {
        "clause_id": c.id,
        "ordinal": c.ordinal,
        "number": c.number,
        "heading": c.heading,
        "path": list(c.path),
        "level": c.level,
        "kind": c.kind,
        "text": c.text,
        "start": c.start,
        "end": c.end,
        "facts": [fact_view(f) for f in facts],
    }


def clause_tree(clauses: Sequence[Clause]) -> list[dict[str, Any]]:
    """Nested outline from the clauses' heading paths.

    A heading that stands alone in the text (一、总体要求) is not a clause, only a path element: it
    becomes a node without clause_id. A clause whose own inline heading ends its path
    (（二）创建“枫叶驿站”。…) is the node of that heading; other clauses are leaves under their path.
    """
    root: dict[str, Any] = {"children": []}
    nodes: dict[tuple[str, ...], dict[str, Any]] = {(): root}

    def ensure(prefix: tuple[str, ...]) -> dict[str, Any]:
        node = nodes.get(prefix)
        if node is None:
            parent = ensure(prefix[:-1])
            node = {
                "clause_id": None,
                "number": None,
                "heading": prefix[-1],
                "kind": "heading",
                "level": len(prefix) - 1,
                "children": [],
            }
            parent["children"].append(node)
            nodes[prefix] = node
        return node

    for c in clauses:
        path = tuple(c.path)
        own = bool(c.heading) and bool(path) and path[-1] == c.heading
        parent = ensure(path[:-1] if own else path)
        node = {
            "clause_id": c.id,
            "number": c.number,
            "heading": c.heading,
            "kind": c.kind,
            "level": c.level,
            "children": [],
        }
        if own and path in nodes:  # the heading was seen before its clause: fill the placeholder
            placeholder = nodes[path]
            if placeholder["clause_id"] is None:
                placeholder.update({k: v for k, v in node.items() if k != "children"})
                continue
        parent["children"].append(node)
        if own:
            nodes[path] = node
    return root["children"]


def document_detail(
    doc: Document, parent: Document | None, parts: Sequence[Document], facts: Callable[[str], list[Fact]]
) -> dict[str, Any]:
    """GET /api/documents/{id}: metadata, bulletin parent and parts, clauses with facts, outline."""
    out = listing_summary(doc)
    out.update(
        {
            "source": doc.source,
            "sha256": doc.sha256,
            "script": doc.script,
            "printed_date": doc.printed_date,
            "printed_by": doc.printed_by,
            "wrapper_title": doc.wrapper_title,
            "years": list(doc.years),
            "author_offices": dict(doc.author_offices),
            "warnings": list(doc.warnings),
            "parent": listing_summary(parent) if parent else None,
            "parts": [listing_summary(c) for c in parts],
            "clauses": [clause_view(c, facts(c.id)) for c in doc.clauses],
            "outline": clause_tree(doc.clauses),
            "text": doc.text,
        }
    )
    return out


def path_step_view(step: Edge | PathStep, clauses: Mapping[str, tuple[Clause, Document]]) -> dict[str, Any]:
    """One step of a graph path with (up to three of) its evidence clauses, shortened."""
    evidence = []
    for cid in step.evidence[:3]:
        found = clauses.get(cid)
        if found:
            evidence.append({"clause_id": cid, "doc_id": found[1].id, "text": found[0].text[:300]})
    return {**edge_view(step), "evidence_clauses": evidence}
