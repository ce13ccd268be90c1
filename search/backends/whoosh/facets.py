"""Facet counts over a match set, counted per document where the value is the document's.

A facet's count of a value is the number of matching clauses that carry it. Most facets are
properties of the document (type, year, issuer, level; the region of almost every document), so
every clause of a document carries the same values: their counts are a weighted count over
*documents* — each matching document weighted by how many of its clauses match — 13k documents
instead of 213k clauses at the library scale of issue 14. A clause that carries values of its own
(a clause naming another region, a program mentioned in one clause) makes its document *mixed*;
the clauses of mixed documents are counted one by one, as before.

The split is decided per facet and per generation from the index itself (no field is assumed to
be document-level), so the counts are the per-clause counts by construction
(tests/search/test_facets.py compares them, and tests/search/test_array_equality.py compares
whole pages with the reference path).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from search.backends.whoosh.arrays import PostingContext
from search.backends.whoosh.postings import document_index

FACET_FIELDS = {
    "region": "region",
    "doc_type": "doc_type",
    "year": "year",
    "program": "program",
    "issuer": "issuer",
    "level": "level",
}
MAX_FACET_VALUES = 50


@dataclass(frozen=True)
class FacetColumn:
    """One facet's (holder, value index) pairs. Values are in lexicon order, which is str order,
    so ties sort by value with no string compare."""

    values: list[str]
    # documents whose live clauses all carry the same values: counted once per document
    doc_docs: np.ndarray  # document index
    doc_vals: np.ndarray  # value index
    # the live clauses of the other (mixed) documents, in docnum order: counted per clause
    clause_docs: np.ndarray  # docnum
    clause_vals: np.ndarray  # value index
    # (indices are intp: bincount and gathers would convert int32 on every query)


@dataclass(frozen=True)
class FacetTable:
    """Every facet's column plus the clause → document map the per-document counts need."""

    doc_of: np.ndarray  # intp per docnum: its document's index (deleted clauses too)
    documents: int
    columns: dict[str, FacetColumn]


def facet_table(ctx: PostingContext) -> FacetTable:
    """Built once per generation (warm.warm_whole)."""
    doc_of, documents = document_index(ctx.reader, ctx.size)
    doc_of = doc_of.astype(np.intp)
    live_ids = np.flatnonzero(ctx.live)
    live_docs = doc_of[live_ids]
    # each document's first live clause stands for the document when its clauses agree
    present, first_at = np.unique(live_docs, return_index=True)
    first = np.zeros(documents, dtype=np.int64)
    first[present] = live_ids[first_at]
    indexed = set(ctx.reader.indexed_field_names())
    columns: dict[str, FacetColumn] = {}
    for facet, fieldname in FACET_FIELDS.items():
        values: list[str] = []
        postings: list[np.ndarray] = []
        for term in ctx.reader.lexicon(fieldname) if fieldname in indexed else ():
            values.append(term.decode("utf-8"))
            postings.append(ctx.live_docs(fieldname, values[-1]))
        columns[facet] = _column(values, postings, ctx.size, doc_of, live_ids, live_docs, present, first)
    return FacetTable(doc_of, documents, columns)


def _column(
    values: list[str],
    postings: list[np.ndarray],
    size: int,
    doc_of: np.ndarray,
    live_ids: np.ndarray,
    live_docs: np.ndarray,
    present: np.ndarray,
    first: np.ndarray,
) -> FacetColumn:
    pair_docs = np.concatenate(postings) if postings else np.zeros(0, dtype=np.int32)
    pair_vals = np.repeat(np.arange(len(values), dtype=np.int32), [len(p) for p in postings])
    slots = _slots(pair_docs, pair_vals, size)
    # a document is mixed when one of its live clauses' value rows differs from its first's
    differs = (slots[live_ids] != slots[first[live_docs]]).any(axis=1)
    mixed = np.zeros(len(first), dtype=bool)
    mixed[live_docs[differs]] = True
    whole = present[~mixed[present]]  # documents counted once
    rows = slots[first[whole]]
    held = rows > 0
    by_clause = mixed[doc_of[pair_docs]]
    order = np.argsort(pair_docs[by_clause], kind="stable")  # sequential gathers
    return FacetColumn(
        values=values,
        doc_docs=np.repeat(whole.astype(np.intp), held.sum(axis=1)),
        doc_vals=(rows[held] - 1).astype(np.intp),
        clause_docs=pair_docs[by_clause][order].astype(np.intp),
        clause_vals=pair_vals[by_clause][order].astype(np.intp),
    )


def _slots(pair_docs: np.ndarray, pair_vals: np.ndarray, size: int) -> np.ndarray:
    """(size, k) value index + 1 of every clause's values in value order, 0-padded."""
    per_doc = np.bincount(pair_docs, minlength=size)
    k = int(per_doc.max()) if len(per_doc) else 0
    slots = np.zeros((size, max(k, 1)), dtype=np.int32)
    order = np.argsort(pair_docs, kind="stable")  # stable: a row's values stay in value order
    sorted_docs = pair_docs[order]
    starts = np.concatenate(([0], np.cumsum(per_doc)[:-1]))
    rank = np.arange(len(sorted_docs)) - starts[sorted_docs]
    slots[sorted_docs, rank] = pair_vals[order] + 1
    return slots


def value_counts(table: FacetTable, ids: np.ndarray, size: int) -> dict[str, np.ndarray]:
    """Each facet's matching-clause count of every value (ids: the live matching docnums)."""
    per_doc = np.bincount(table.doc_of[ids], minlength=table.documents)
    matched: np.ndarray | None = None
    out: dict[str, np.ndarray] = {}
    for facet, col in table.columns.items():
        n = len(col.values)
        # float weights: sums of clause counts, exact far below 2**53
        counts = np.bincount(col.doc_vals, weights=per_doc[col.doc_docs], minlength=n).astype(np.int64)
        if len(col.clause_docs):
            if matched is None:
                matched = np.zeros(size, dtype=bool)
                matched[ids] = True
            counts += np.bincount(col.clause_vals[matched[col.clause_docs]], minlength=n)
        out[facet] = counts
    return out


def facet_counts(ctx: PostingContext, ids: np.ndarray) -> dict[str, list[dict[str, Any]]]:
    """The best values of every facet over the match set (count desc, then value)."""
    table: FacetTable = ctx.shared.whole("facets", lambda: facet_table(ctx))
    out: dict[str, list[dict[str, Any]]] = {}
    for facet, counts in value_counts(table, ids, ctx.size).items():
        values = table.columns[facet].values
        nz = np.flatnonzero(counts)
        if len(nz) > MAX_FACET_VALUES:  # only the best ones are sorted
            kth = np.partition(counts[nz], len(nz) - MAX_FACET_VALUES)[len(nz) - MAX_FACET_VALUES]
            nz = nz[counts[nz] >= kth]
        top = nz[np.lexsort((nz, -counts[nz]))][:MAX_FACET_VALUES]
        out[facet] = [
            {"value": int(v) if facet == "year" and v.isdigit() else v, "count": int(counts[i])}
            for i in top.tolist()
            for v in (values[i],)
        ]
    return out
