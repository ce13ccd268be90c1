"""LeCaRD rankers: ours (each query's pool indexed with the project's search core, the query text
searched as a user would send it, through public options only: Variant) and stock whoosh +
jieba ChineseAnalyzer over the same pool.

Apart from the scoring (which takes any Ranker) and the data: this is the only part that touches
the project's search code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.lecard_data import Candidate, Query
from bench.lecard_scoring import Ranker


def candidate_document(c: Candidate, body_fields: Sequence[str] = ("ajjbqk", "cpfxgc")) -> Any:
    """A candidate as a one-clause policykg Document: case name → title, facts (+ reasoning) → text."""
    from policykg.model import Clause, Document

    body = "\n".join(c.fields.get(f, "") for f in body_fields if c.fields.get(f))
    doc_id = f"c{c.cid}"
    clause = Clause(id=f"{doc_id}:0001", doc_id=doc_id, ordinal=1, text=body, search_text=body, end=len(body))
    return Document(
        id=doc_id,
        title=c.fields.get("ajName", ""),
        text=body,
        search_text=body,
        source=f"{c.cid}.json",
        sha256="",
        clauses=[clause],
    )


@dataclass(frozen=True)
class Variant:
    """How one ranking of ours searches the pool index, through public options only.

    `search_options` go to SearchRequest; `weights` to ClauseIndex (search.query.Weights fields).
    The default variant is exactly the service's path: ClauseIndex.search(SearchRequest(q=text))
    with the default Weights (the long-text mode of search.query picks itself from the text)."""

    search_options: Mapping[str, Any] = field(default_factory=dict)
    weights: Mapping[str, Any] = field(default_factory=dict)


DEFAULT_VARIANT = Variant()
# Ablation: the same search with the long-text mode switched off (threshold out of reach), i.e.
# a fact description read as a typed question (24 rarest words, quotes as required phrases,
# proximity, coordination, the index's BM25). What the service did before the mode existed.
QUESTION_READING = Variant(weights={"long_query_chars": 10**9})


def project_rankers(
    work_dir: Path,
    variants: Mapping[str, Variant],
    body_fields: Sequence[str] = ("ajjbqk", "cpfxgc"),
) -> dict[str, Ranker]:
    """Rankers that use the project's search core: ClauseIndex.create over the pool (same
    analyzer, folding and schema the service uses), then ClauseIndex.search with the query text
    as a user would send it. The pool index is built once per query and shared by the variants."""
    import shutil

    from search.index import ClauseIndex
    from search.query import Weights
    from search.results import SearchRequest

    built: dict[str, Path] = {}

    def index_for(query: Query, pool: Sequence[Candidate]) -> Path:
        directory = work_dir / f"q{query.qid}"
        if built.get("qid") != query.qid:
            for old in work_dir.glob("q*"):
                shutil.rmtree(old, ignore_errors=True)
            docs = [candidate_document(c, body_fields) for c in pool]
            ClauseIndex.create(directory, docs, None, ()).close()
            built["qid"] = query.qid  # type: ignore[assignment]
        return directory

    def make(variant: Variant) -> Ranker:
        def rank(query: Query, pool: Sequence[Candidate]) -> list[str]:
            directory = index_for(query, pool)
            weights = Weights(**variant.weights) if variant.weights else None
            ix = ClauseIndex.open(
                directory, weights=weights, max_query_chars=10000, max_page_size=len(pool) + 10
            )
            try:
                request = SearchRequest(
                    q=query.text,
                    limit=len(pool),
                    highlight=False,
                    facets=False,
                    **dict(variant.search_options),
                )
                page = ix.search(request)
            finally:
                ix.close()
            return [h.doc_id[1:] for h in page.results]

        return rank

    return {name: make(v) for name, v in variants.items()}


def project_ranker(work_dir: Path, variant: Variant = DEFAULT_VARIANT) -> Ranker:
    return project_rankers(work_dir, {"ours": variant})["ours"]


def stock_ranker(grouping: str = "or") -> Ranker:
    """Stock whoosh + jieba ChineseAnalyzer over ajName + facts + reasoning, default BM25F."""
    from bench.baseline import StockIndex

    def rank(query: Query, pool: Sequence[Candidate]) -> list[str]:
        units = [
            (c.cid, "\n".join(c.fields.get(f, "") for f in ("ajName", "ajjbqk", "cpfxgc"))) for c in pool
        ]
        ix = StockIndex.build(units)
        return [h["id"] for h in ix.search(query.text, limit=len(pool), grouping=grouping)]

    return rank
