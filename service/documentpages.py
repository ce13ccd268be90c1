"""The documents as the API shows them: the listing, one document's detail and its original file.

Pure functions over one snapshot; the Engine validates the page and picks the snapshot. Separate
from the Engine so what a document's page holds (clauses with their citations, library fields,
the related documents) has one home; `cite` is shared with the precedents and compare pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from policykg.errors import NotFound
from policykg.model import Document
from service import library as library_mod
from service.citation import document_citation
from service.snapshot import Snapshot
from service.views import document_detail, listing_summary


def cite(snap: Snapshot, items: Iterable[dict[str, Any]]) -> None:
    """Each item's `citation` (service/citation.py), from its clause id."""
    for item in items:
        item["citation"] = snap.citation(item["clause_id"])


def documents_page(snap: Snapshot, offset: int, limit: int, top_level: bool) -> dict[str, Any]:
    docs = [d for d in snap.documents.values() if not (top_level and d.parent_id)]
    page = docs[offset : offset + limit]
    return {
        "total": len(docs),
        "offset": offset,
        "limit": limit,
        "documents": [listing_summary(d) for d in page],
    }


def document_page(
    snap: Snapshot, doc_id: str, library_summary: Callable[[Document], dict[str, Any]]
) -> dict[str, Any]:
    """GET /api/documents/{id}: the clauses, parts and facts, the library's fields, the citation
    and the related documents."""
    doc = snap.documents.get(doc_id)
    if doc is None:
        raise NotFound(f"文档不存在：{doc_id}")
    parent = snap.documents.get(doc.parent_id) if doc.parent_id else None
    parts = [snap.documents[c] for c in doc.children if c in snap.documents]
    out = document_detail(doc, parent, parts, snap.facts)
    cite(snap, out["clauses"])
    out.update(library_summary(doc))
    out["extracted"] = dict(doc.extracted)
    out["citation"] = document_citation(doc, parent).to_dict()
    out["related"] = library_mod.related(snap, doc, library_summary)
    return out


def original_file(snap: Snapshot, originals_dir: Path, doc_id: str) -> tuple[Path, str]:
    """The stored original bytes of a document and the file name to offer them under."""
    doc = snap.documents.get(doc_id)
    if doc is None:
        raise NotFound(f"文档不存在：{doc_id}")
    path = library_mod.original_path(originals_dir, doc)
    if path is None:
        raise NotFound(f"此文档没有保存原始文件：{doc_id}")
    return path, doc.source
