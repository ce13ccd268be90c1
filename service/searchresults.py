"""The search results page: what the backend found, as the clauses, facets, notices and matched
document the API returns.

service/searchview.py checks and rewrites the request and counts the facets that ignore their own
selection; this module runs the search and assembles the answer. The Engine validates the
request, picks the snapshot and retries once when its files vanish under the search.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from policykg.model import Document
from service import searchview
from service.backend import Backend
from service.citation import document_citation
from service.snapshot import Snapshot
from service.values import SearchOutcome, SearchParams
from service.views import document_summary

FacetRows = dict[str, list[dict[str, Any]]]


def run_search(backend: Backend, snap: Snapshot, params: SearchParams) -> tuple[SearchOutcome, FacetRows]:
    """The ranked hits, and the facets counted without their own selection when facets are asked."""
    outcome = backend.search(snap.index, params)
    own = searchview.own_facets(backend, snap.index, params) if params.facets else {}
    return outcome, own


def results_page(
    snap: Snapshot,
    params: SearchParams,
    outcome: SearchOutcome,
    own: FacetRows,
    notices: list[str],
    library_summary: Callable[[Document], dict[str, Any]],
) -> dict[str, Any]:
    results = []
    for hit in outcome.hits:
        found = snap.clauses.get(hit.clause_id)
        if found is None:
            continue
        clause, doc = found
        results.append(
            {
                "clause_id": clause.id,
                "doc_id": doc.id,
                "text": clause.text,
                "highlight": hit.highlight or html.escape(clause.text),
                "path": list(clause.path),
                "heading": clause.heading,
                "score": round(hit.score, 4),
                "document": document_summary(doc),
                "citation": snap.citation(clause.id),
                "strong": hit.strong,
            }
        )
    facets = {k: outcome.facets.get(k, []) for k in ("region", "doc_type", "year", "program")}
    facets.update({k: v for k, v in outcome.facets.items() if k not in facets})
    facets.update(own)
    matched = searchview.document_match(snap, params.q)
    return {
        "query": params.q,
        "total": outcome.total,
        "strong_total": outcome.strong_total,
        "offset": params.offset,
        "limit": params.limit,
        "results": results,
        "facets": facets,
        "notices": [*notices, *outcome.notices],
        "document_match": match_view(snap, matched, library_summary) if matched else None,
    }


def match_view(
    snap: Snapshot, doc: Document, library_summary: Callable[[Document], dict[str, Any]]
) -> dict[str, Any]:
    """The document a 文号 in the query names, with its library fields and citation."""
    parent = snap.documents.get(doc.parent_id) if doc.parent_id else None
    out = library_summary(doc)
    out["citation"] = document_citation(doc, parent).to_dict()
    return out
