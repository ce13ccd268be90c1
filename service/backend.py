"""The one adapter to ingest/, graph/ and search/: files → documents, documents → graph and index.

The engine reads the graph (graph.store.KnowledgeGraph) and the index (search.index.ClauseIndex)
through their own methods; this class is where they are built, loaded, saved and searched, so
tests can swap the whole stack for small fakes (tests/service/svc_fakes.py).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from whoosh.index import EmptyIndexError

from policykg.errors import IndexVersionMismatch
from policykg.model import ClauseAnnotation, Document
from policykg.settings import Settings
from service.store import NoSnapshot
from service.values import Hit, SearchOutcome, SearchParams

if TYPE_CHECKING:
    from graph.store import KnowledgeGraph
    from search.index import ClauseIndex

# The engine's candidate pools (precedents, compare) ask the index for this many clauses even
# when the user-facing max_page_size is smaller (the engine validates user limits itself).
INDEX_PAGE_FLOOR = 100


class SnapshotGone(NoSnapshot):
    """The snapshot's files vanished under a reader (pruned): read CURRENT again."""


class Backend:
    """Calls into ingest/, graph/ and search/. Override in tests with small fakes."""

    def __init__(self, settings: Settings | None = None) -> None:
        settings = settings or Settings()
        self.index_options = {
            "max_query_chars": settings.max_query_chars,
            "max_page_size": max(settings.max_page_size, INDEX_PAGE_FLOOR),
            "max_offset": settings.max_offset,
        }

    # -- ingest --------------------------------------------------------------------------------

    def read_bytes(self, name: str, data: bytes, max_bytes: int) -> list[Document]:
        from ingest.pipeline import read_bytes

        return read_bytes(name, data, max_bytes=max_bytes)

    def safe_name(self, name: str) -> str:
        from ingest.ids import safe_name

        return safe_name(name)

    def corpus_files(self, corpus_dir: Path) -> list[Path]:
        from ingest.manifest import corpus_files

        return corpus_files(corpus_dir)

    # -- graph ---------------------------------------------------------------------------------

    def build_graph(self, docs: list[Document]) -> KnowledgeGraph:
        from graph.build import build_graph

        return build_graph(docs)

    def load_graph(self, path: Path) -> KnowledgeGraph:
        from graph.store import GraphFormatError, KnowledgeGraph

        try:
            return KnowledgeGraph.load(path)
        except GraphFormatError as exc:  # written by another version: rebuild, like the index
            raise IndexVersionMismatch(exc.message) from exc

    def save_graph(self, graph: KnowledgeGraph, path: Path) -> None:
        graph.save(path)

    def render_report(self, graph: KnowledgeGraph, docs: list[Document]) -> str:
        from graph.report import render_report

        return render_report(graph, docs)

    # -- search --------------------------------------------------------------------------------

    def create_index(
        self, path: Path, docs: list[Document], annotations: dict[str, ClauseAnnotation], terms: list[str]
    ) -> ClauseIndex:
        from search.index import ClauseIndex

        return ClauseIndex.create(path, docs, annotations, terms, **self.index_options)

    def open_index(self, path: Path) -> ClauseIndex:
        from search.index import ClauseIndex
        from search.schema import check_schema

        index = ClauseIndex.open(path, **self.index_options)
        try:
            check_schema(index.searcher().schema)
        except BaseException:
            index.close()
            raise
        return index

    def update_index(
        self,
        index: ClauseIndex,
        delete_ids: list[str],
        add_docs: list[Document],
        annotations: dict[str, ClauseAnnotation],
    ) -> None:
        if delete_ids:
            index.delete_documents(delete_ids)
        if add_docs:
            index.add_documents(add_docs, annotations)

    def close_index(self, index: ClauseIndex) -> None:
        with contextlib.suppress(Exception):  # closing must not mask the error being handled
            index.close()

    def search(self, index: ClauseIndex, params: SearchParams) -> SearchOutcome:
        from search.results import SearchRequest

        request = SearchRequest(
            q=params.q,
            limit=params.limit,
            offset=params.offset,
            region=params.region,
            doc_type=params.doc_type,
            year_from=params.year_from,
            year_to=params.year_to,
            program=params.program,
            issuer=params.issuer,
            doc_id=params.doc_id,
            highlight=params.highlight,
            facets=params.facets,
        )
        try:
            page = index.search(request)
        except (FileNotFoundError, EmptyIndexError) as exc:  # its files were removed under us
            raise SnapshotGone("索引正在更新，请稍后重试") from exc
        return SearchOutcome(
            total=page.total,
            hits=[Hit(clause_id=h.clause_id, score=h.score, highlight=h.highlight) for h in page.results],
            facets={
                name: [{"value": str(v["value"]), "count": int(v["count"])} for v in rows]
                for name, rows in page.facets.items()
            },
            notices=[str(n) for n in page.notices],
        )
