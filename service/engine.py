"""The Engine: the one facade the API and the CLI call (reads over the live snapshot, writes).

Reads go to the live `Snapshot` (service/snapshot.py), which `LiveSnapshot`
(service/livesnapshot.py) reopens when the CURRENT pointer changes; writes go through `Writer`
(service/writes.py), which prepares a new generation next to the live one and swaps the pointer
(service/store.py). All calls into ingest/, graph/ and search/ that build or load things go
through `Backend` (service/backend.py); tests inject a fake one.

The Engine validates each request and picks the snapshot; the pages it answers with are built in
service/searchresults.py (search), service/practicepages.py (precedents, compare),
service/documentpages.py (documents) and service/graphpages.py (entities, paths).

The names tests and tools import from here are re-exported below.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from policykg.errors import BadQuery, NotFound, PolicyKGError
from policykg.gazetteer import default_gazetteer
from policykg.model import Document
from policykg.settings import Settings
from service import documentpages, graphpages, practicepages, searchresults, searchview
from service import library as library_mod
from service import overrides as overrides_mod
from service.backend import Backend, SnapshotGone
from service.entitycounts import entity_counts
from service.livesnapshot import LiveSnapshot
from service.practicepages import COMPARE_POOL, PRECEDENT_POOL
from service.repository.datadir import datadir_status, manifest_generation
from service.snapshot import Snapshot, gazetteer_lookup, read_documents
from service.store import DataStore
from service.values import (
    FileOutcome,
    Hit,
    IngestRejected,
    OrgInfo,
    RegionInfo,
    SearchOutcome,
    SearchParams,
    Upload,
    WriteReport,
)
from service.views import (
    clause_tree,
    clause_view,
    document_summary,
    edge_view,
    entity_brief,
    extracted_summary,
    fact_view,
    listing_summary,
)
from service.writeproc import WriterProcess
from service.writes import SUPPORTED_EXTS, WRITE_LOCK_TIMEOUT, Writer

__all__ = [
    "COMPARE_POOL",
    "PRECEDENT_POOL",
    "SUPPORTED_EXTS",
    "WRITE_LOCK_TIMEOUT",
    "Backend",
    "Engine",
    "FileOutcome",
    "Hit",
    "IngestRejected",
    "OrgInfo",
    "RegionInfo",
    "SearchOutcome",
    "SearchParams",
    "Snapshot",
    "Upload",
    "WriteReport",
    "clause_tree",
    "clause_view",
    "document_summary",
    "edge_view",
    "entity_brief",
    "extracted_summary",
    "fact_view",
    "gazetteer_lookup",
    "listing_summary",
    "read_documents",
]


class Engine:
    """One per process. Thread-safe for reads; writes are serialised by the data dir's lock."""

    def __init__(
        self,
        settings: Settings,
        backend: Backend | None = None,
        *,
        write_process: bool = False,
        preload_writes: bool = True,
    ) -> None:
        """`preload_writes`: open each generation this process commits before the swap, so its
        readers never pay the load. A process that exits after its write (the CLI) passes False:
        the preload would hold a second copy of the documents and graph next to the build's own
        (at 200k clauses the build's peak RSS)."""
        self.settings = settings
        self.backend = backend or Backend(settings)
        self.store = DataStore(
            settings.resolved_data_dir(),
            grace_seconds=settings.snapshot_grace_seconds,
            max_superseded=settings.snapshot_max_superseded,
        )
        # the generation reads are served from, and the one a write of this process preloaded
        self.live = LiveSnapshot(self.store, self.backend)
        self.writer: Writer | WriterProcess
        if write_process and backend is None and settings.database_url is None:
            # a served embedded instance: commits run in a child process, off this interpreter's
            # lock (a PostgreSQL replica keeps its writer here: it applies followed changes too)
            self.writer = WriterProcess(settings, preload=self.live.preload, install=self.live.install)
        else:
            self.writer = Writer(
                settings,
                self.backend,
                self.store,
                preload=self.live.preload if preload_writes else None,
                install=self.live.install if preload_writes else None,
            )
        self.replica = None  # a PostgreSQL replica (service/replica.py) when a database is configured
        if settings.database_url is not None:
            from service.replica import follow

            self.replica = follow(settings, self.store, self.writer)

    # -- lifecycle -----------------------------------------------------------------------------

    def has_snapshot(self) -> bool:
        return self.store.has_snapshot()

    def snapshot(self) -> Snapshot:
        """The live snapshot; reopened when CURRENT was swapped (a stat per call, a read on change)."""
        return self.live.current()

    def close(self) -> None:
        if self.replica is not None:
            self.replica.stop()
        if isinstance(self.writer, WriterProcess):
            self.writer.close()
        self.live.close()

    # -- writes --------------------------------------------------------------------------------

    def build(self, corpus_dir: Path | None = None, timings: dict[str, float] | None = None) -> WriteReport:
        """A new generation from a corpus folder; `timings` receives the seconds of each stage."""
        return self.writer.build(corpus_dir, timings)

    def ingest(self, uploads: Sequence[Upload | FileOutcome], *, atomic: bool) -> WriteReport:
        """Add or replace documents. atomic=True (HTTP): any failed file → IngestRejected, nothing changes."""
        with self.live.writing():
            report = self.writer.ingest(uploads, atomic=atomic)
        if report.changed:
            self._attach_entity_counts(report)
        return report

    def ingest_batch(
        self, batches: Sequence[Sequence[Upload | FileOutcome]], *, atomic: bool = True
    ) -> list[WriteReport | PolicyKGError]:
        """Several requests' uploads in one generation (the write queue's group commit); each
        gets its report, or its own error (an IngestRejected stays that request's)."""
        with self.live.writing():
            results = self.writer.ingest_batch(batches, atomic=atomic)
        for result in results:
            if isinstance(result, WriteReport) and result.changed:
                self._attach_entity_counts(result)
        return results

    def ingest_paths(self, paths: Sequence[Path]) -> WriteReport:
        return self.ingest(self.writer.read_paths(paths), atomic=False)

    def delete(self, doc_id: str) -> WriteReport:
        with self.live.writing():
            return self.writer.delete(doc_id)

    def validate_patch(self, doc_id: str, changes: Any) -> dict[str, str | None]:
        """A PATCH body checked against the live library (400 before the write is queued)."""
        snap = self.snapshot()
        if doc_id not in snap.documents:
            raise NotFound(f"文档不存在：{doc_id}")
        types = overrides_mod.known_doc_types(d.doc_type for d in snap.documents.values())
        return overrides_mod.validate_changes(changes, types, default_gazetteer())

    def patch(self, doc_id: str, changes: dict[str, str | None]) -> dict[str, Any]:
        """Set or clear a document's curated metadata (validated by validate_patch); the document as
        GET /api/documents/{id} now shows it."""
        with self.live.writing():
            self.writer.patch(doc_id, changes)
        return self.document(doc_id)

    def doc_types(self) -> list[str]:
        snap = self.snapshot()
        return overrides_mod.known_doc_types(d.doc_type for d in snap.documents.values())

    def _attach_entity_counts(self, report: WriteReport) -> None:
        """What the graph found in each new document (counts by entity type)."""
        try:
            snap = self.snapshot()
        except PolicyKGError:
            return
        summaries = [s for outcome in report.outcomes for s in outcome.documents]
        try:  # one pass over the graph for all of them (service/entitycounts.py)
            counts = entity_counts(snap.graph, [s["doc_id"] for s in summaries])
        except Exception:
            return
        for summary in summaries:
            summary["entities"] = counts.get(summary["doc_id"], {})

    # -- validation ----------------------------------------------------------------------------

    def validate_query(self, q: str | None, name: str = "q") -> str:
        q = (q or "").strip()
        if not q:
            raise BadQuery(f"查询词不能为空（参数 {name}）")
        if len(q) > self.settings.max_query_chars:
            raise BadQuery(f"查询词过长：最多 {self.settings.max_query_chars} 个字符")
        return q

    def validate_page(self, limit: int, offset: int = 0) -> None:
        if not 1 <= limit <= self.settings.max_page_size:
            raise BadQuery(f"limit 必须在 1 到 {self.settings.max_page_size} 之间")
        if not 0 <= offset <= self.settings.max_offset:
            raise BadQuery(f"offset 必须在 0 到 {self.settings.max_offset} 之间")

    # -- search, precedents, compare -----------------------------------------------------------

    def health(self) -> dict[str, Any]:
        snap = self.snapshot()
        return {
            "status": "ok",
            "documents": len(snap.documents),
            "clauses": len(snap.clauses),
            "entities": snap.entity_count(),
            "snapshot": snap.name,
            "generation": manifest_generation(snap.manifest),
            # a write process commits to the data dir (PostgreSQL replicas keep their writer here)
            **(self.writer.repository.status() if isinstance(self.writer, Writer) else datadir_status()),
        }

    def search(self, params: SearchParams) -> dict[str, Any]:
        """The results page (service/searchresults.py)."""
        params.q = self.validate_query(params.q)
        self.validate_page(params.limit, params.offset)
        if params.year_from is not None and params.year_to is not None and params.year_from > params.year_to:
            raise BadQuery("year_from 不能大于 year_to")
        snap = self.snapshot()
        # Unknown region → 400, not silently nothing; a short name (辽宁) becomes the full one;
        # dates, sort and field checked; a loosely spelled 文号 searched in its canonical form.
        notices = searchview.prepare(snap, params)
        try:
            outcome, own = searchresults.run_search(self.backend, snap, params)
        except SnapshotGone:  # its files vanished under us: once more on the live snapshot
            self.live.forget(snap)
            snap = self.snapshot()
            outcome, own = searchresults.run_search(self.backend, snap, params)
        return searchresults.results_page(snap, params, outcome, own, notices, self._library_summary)

    def precedents(self, q: str, limit: int = 10, offset: int = 0) -> dict[str, Any]:
        """A page of the practices for a question (service/practicepages.py)."""
        q = self.validate_query(q)
        self.validate_page(limit, offset)
        return practicepages.precedents_page(self.backend, self.snapshot(), q, limit, offset)

    def compare(
        self, topic: str, regions: Sequence[str] | None = None, limit: int = 10, offset: int = 0
    ) -> dict[str, Any]:
        """Regions side by side; `limit`/`offset` page every column (service/practicepages.py)."""
        topic = self.validate_query(topic, "topic")
        self.validate_page(limit, offset)
        return practicepages.compare_page(self.backend, self.snapshot(), topic, regions, limit, offset)

    # -- documents and graph ------------------------------------------------------------------

    def documents(self, offset: int = 0, limit: int = 20, top_level: bool = False) -> dict[str, Any]:
        self.validate_page(limit, offset)
        return documentpages.documents_page(self.snapshot(), offset, limit, top_level)

    def document(self, doc_id: str) -> dict[str, Any]:
        return documentpages.document_page(self.snapshot(), doc_id, self._library_summary)

    def _library_summary(self, doc: Document) -> dict[str, Any]:
        return library_mod.library_summary(doc, self.store.originals_dir, listing_summary(doc))

    def library(self, query: library_mod.LibraryQuery) -> dict[str, Any]:
        """GET /api/documents with the library's filters, facets and sort (service/library.py)."""
        self.validate_page(query.limit, query.offset)
        return library_mod.library_listing(self.snapshot(), query, self._library_summary)

    def original(self, doc_id: str) -> tuple[Path, str]:
        """The stored original bytes of a document and the file name to offer them under."""
        return documentpages.original_file(self.snapshot(), self.store.originals_dir, doc_id)

    def document_graph(self, doc_id: str) -> dict[str, Any]:
        return graphpages.document_graph(self.snapshot(), doc_id)

    def entities(self, q: str | None = None, type: str | None = None, limit: int = 10) -> dict[str, Any]:
        self.validate_page(limit)
        snap = self.snapshot()
        q = (q or "").strip()
        if len(q) > self.settings.max_query_chars:
            raise BadQuery(f"查询词过长：最多 {self.settings.max_query_chars} 个字符")
        return graphpages.entity_matches(snap, q, type, limit)

    def entity(self, entity_id: str) -> dict[str, Any]:
        return graphpages.entity_page(self.snapshot(), entity_id)

    def graph_path(self, source: str, target: str, via_concepts: bool = False) -> dict[str, Any]:
        """How two entities connect; through generic `concept` nodes (a shared slogan) only when
        asked, else `concept_path` says whether such a path exists."""
        source = self.validate_query(source, "source")
        target = self.validate_query(target, "target")
        return graphpages.path_page(self.snapshot(), source, target, via_concepts)
