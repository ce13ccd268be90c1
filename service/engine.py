"""The Engine: the one facade the API and the CLI call (reads over the live snapshot, writes).

Reads go to the live `Snapshot` (service/snapshot.py), reopened when the CURRENT pointer
changes; writes go through `Writer` (service/writes.py), which prepares a new generation next to
the live one and swaps the pointer (service/store.py). All calls into ingest/, graph/ and search/
that build or load things go through `Backend` (service/backend.py); tests inject a fake one.

The names tests and tools import from here are re-exported below.
"""

from __future__ import annotations

import contextlib
import html
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from policykg.errors import BadQuery, NotFound, PolicyKGError
from policykg.gazetteer import default_gazetteer
from policykg.model import Document
from policykg.settings import Settings
from service import compare as compare_mod
from service import library as library_mod
from service import overrides as overrides_mod
from service import precedents as precedents_mod
from service import searchview
from service.backend import Backend, SnapshotGone
from service.citation import document_citation
from service.entitycounts import entity_counts
from service.repository.datadir import datadir_status, manifest_generation
from service.snapshot import Snapshot, gazetteer_lookup, read_documents
from service.store import DataStore, NoSnapshot, PointerState
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
    document_detail,
    document_summary,
    edge_view,
    entity_brief,
    extracted_summary,
    fact_view,
    listing_summary,
    path_step_view,
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

PRECEDENT_POOL = 120
COMPARE_POOL = 80


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
        self.writer: Writer | WriterProcess
        if write_process and backend is None and settings.database_url is None:
            # a served embedded instance: commits run in a child process, off this interpreter's
            # lock (a PostgreSQL replica keeps its writer here: it applies followed changes too)
            self.writer = WriterProcess(settings, preload=self._preload, install=self._install)
        else:
            self.writer = Writer(
                settings,
                self.backend,
                self.store,
                preload=self._preload if preload_writes else None,
                install=self._install if preload_writes else None,
            )
        self.replica = None  # a PostgreSQL replica (service/replica.py) when a database is configured
        if settings.database_url is not None:
            from service.replica import follow

            self.replica = follow(settings, self.store, self.writer)
        self._snap: Snapshot | None = None
        # the generation a write of this process opened before its swap, until it is served
        self._prepared: Snapshot | None = None
        self._reload = threading.RLock()

    # -- lifecycle -----------------------------------------------------------------------------

    def has_snapshot(self) -> bool:
        return self.store.has_snapshot()

    def snapshot(self) -> Snapshot:
        """The live snapshot; reopened when CURRENT was swapped (a stat per call, a read on change)."""
        for _attempt in range(3):
            state = self.store.pointer_state()
            if state is None:
                raise NoSnapshot("索引尚未建立：请先运行 policykg build")
            snap = self._snap
            if snap is not None and snap.state == state:
                return snap
            # A read that noticed a newer CURRENT waits for it to be loaded (by itself, another
            # reader or the writer of this process): answering from the generation before could
            # miss a write another worker has already acknowledged.
            self._reload.acquire()
            try:
                snap = self._snap
                if snap is not None and snap.state == state:
                    return snap
                if self._adopt_prepared(state):
                    return self._snap  # type: ignore[return-value]
                try:
                    new = Snapshot(state, self.store.snapshots_dir / state.name, self.backend, snap)
                except FileNotFoundError:
                    continue  # pruned between reading the pointer and opening it: read it again
                except PolicyKGError:
                    # Replaced meanwhile: read the pointer again; a snapshot that is really
                    # broken raises on the second try.
                    if self.store.pointer_state() != state:
                        continue
                    raise
                self._snap = new
                # The old snapshot is not closed here: requests in flight may still hold it (it
                # releases its directory lock when the last of them lets go).
                return new
            finally:
                self._reload.release()
        raise NoSnapshot("索引正在更新，请稍后重试")

    def _forget(self, snap: Snapshot) -> None:
        with self._reload:
            if self._snap is snap:
                self._snap = None

    def close(self) -> None:
        if self.replica is not None:
            self.replica.stop()
        if isinstance(self.writer, WriterProcess):
            self.writer.close()
        if self._snap is not None:
            self._snap.close()
            self._snap = None

    # -- writes --------------------------------------------------------------------------------

    def build(self, corpus_dir: Path | None = None, timings: dict[str, float] | None = None) -> WriteReport:
        """A new generation from a corpus folder; `timings` receives the seconds of each stage."""
        return self.writer.build(corpus_dir, timings)

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Run a write, then load the generation it made before answering, so the client reads
        its own write and the first read after it does not pay for the load. The reload lock is
        taken for the load only: a write waiting for another worker's write must not keep this
        worker's readers on an old generation (they may have seen that other write acknowledged)."""
        try:
            yield
        finally:
            with self._reload:
                state = self.store.pointer_state()
                if state is None or not self._adopt_prepared(state):
                    self._load_live()
                self._prepared = None  # a generation opened for a swap that failed

    def _preload(self, path: Path) -> Snapshot:
        """A committed generation opened before CURRENT points at it (its pointer state is set when
        it is installed): the load happens while readers still use the live generation."""
        live = self._snap  # its unchanged documents are taken over, not parsed again
        snap = Snapshot(PointerState(name=path.name, inode=-1, mtime_ns=-1), path, self.backend, live)
        # its search caches too, from what the live generation's readers use: no read pays for them
        self.backend.warm_index(snap.index, live.index if live is not None else None)
        with self._reload:
            self._prepared = snap
        return snap

    def _adopt_prepared(self, state: PointerState) -> bool:
        """Serve the generation this process's write opened, when CURRENT now names it (call
        under _reload): a read that notices the swap before the writer's install takes it over
        instead of loading the generation again."""
        prepared = self._prepared
        if prepared is None or prepared.name != state.name:
            return False
        prepared.state = state
        self._snap = prepared
        self._prepared = None
        return True

    def _install(self, snap: Snapshot) -> None:
        """Serve the preloaded generation from the moment CURRENT names it."""
        state = self.store.pointer_state()
        with self._reload:
            if self._prepared is snap:
                self._prepared = None
            if self._snap is snap:
                return  # a read adopted it already
            if state is not None and state.name == snap.name:
                snap.state = state
                self._snap = snap
            else:  # replaced meanwhile by another process's write: let the next read load that one
                snap.close()

    def _load_live(self) -> None:
        state = self.store.pointer_state()
        if state is None or (self._snap is not None and self._snap.state == state):
            return
        try:
            self._snap = Snapshot(state, self.store.snapshots_dir / state.name, self.backend)
        except (FileNotFoundError, PolicyKGError):
            return  # the next read loads it (and reports what is wrong)

    def ingest(self, uploads: Sequence[Upload | FileOutcome], *, atomic: bool) -> WriteReport:
        """Add or replace documents. atomic=True (HTTP): any failed file → IngestRejected, nothing changes."""
        with self._writing():
            report = self.writer.ingest(uploads, atomic=atomic)
        if report.changed:
            self._attach_entity_counts(report)
        return report

    def ingest_batch(
        self, batches: Sequence[Sequence[Upload | FileOutcome]], *, atomic: bool = True
    ) -> list[WriteReport | PolicyKGError]:
        """Several requests' uploads in one generation (the write queue's group commit); each
        gets its report, or its own error (an IngestRejected stays that request's)."""
        with self._writing():
            results = self.writer.ingest_batch(batches, atomic=atomic)
        for result in results:
            if isinstance(result, WriteReport) and result.changed:
                self._attach_entity_counts(result)
        return results

    def ingest_paths(self, paths: Sequence[Path]) -> WriteReport:
        return self.ingest(self.writer.read_paths(paths), atomic=False)

    def delete(self, doc_id: str) -> WriteReport:
        with self._writing():
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
        with self._writing():
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
        params.q = self.validate_query(params.q)
        self.validate_page(params.limit, params.offset)
        if params.year_from is not None and params.year_to is not None and params.year_from > params.year_to:
            raise BadQuery("year_from 不能大于 year_to")
        snap = self.snapshot()
        # Unknown region → 400, not silently nothing; a short name (辽宁) becomes the full one;
        # dates, sort and field checked; a loosely spelled 文号 searched in its canonical form.
        notices = searchview.prepare(snap, params)
        try:
            outcome = self.backend.search(snap.index, params)
            own = searchview.own_facets(self.backend, snap.index, params) if params.facets else {}
        except SnapshotGone:  # its files vanished under us: once more on the live snapshot
            self._forget(snap)
            snap = self.snapshot()
            outcome = self.backend.search(snap.index, params)
            own = searchview.own_facets(self.backend, snap.index, params) if params.facets else {}
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
            "document_match": self._match_view(snap, matched) if matched else None,
        }

    def _match_view(self, snap: Snapshot, doc: Document) -> dict[str, Any]:
        parent = snap.documents.get(doc.parent_id) if doc.parent_id else None
        out = self._library_summary(doc)
        out["citation"] = document_citation(doc, parent).to_dict()
        return out

    def _pool(
        self, snap: Snapshot, q: str, size: int, region: str | None = None
    ) -> list[precedents_mod.Candidate]:
        outcome = self.backend.search(
            snap.index, SearchParams(q=q, limit=size, region=region, facets=False, highlight=False)
        )
        cands = [snap.candidate(h) for h in outcome.hits]
        return [c for c in cands if c is not None]

    def precedents(self, q: str, limit: int = 10, offset: int = 0) -> dict[str, Any]:
        """A page of the practices for a question; `total` is how many can be listed (page with
        offset): the pool does not depend on the page, so every page is of one list."""
        q = self.validate_query(q)
        self.validate_page(limit, offset)
        snap = self.snapshot()
        pool = self._pool(snap, precedents_mod.retrieval_query(q), PRECEDENT_POOL)
        total, groups = precedents_mod.rank_page(q, pool, offset, limit)
        out_groups = [g.to_dict(document_summary) for g in groups]
        _cite(snap, (item for g in out_groups for item in g["items"]))
        return {
            "query": q,
            "total": total,
            "offset": offset,
            "limit": limit,
            "groups": out_groups,
        }

    def compare(
        self, topic: str, regions: Sequence[str] | None = None, limit: int = 10, offset: int = 0
    ) -> dict[str, Any]:
        """Regions side by side; `limit`/`offset` page every column (its `total` counts them all)."""
        topic = self.validate_query(topic, "topic")
        self.validate_page(limit, offset)
        snap = self.snapshot()
        names = [r.strip() for r in (regions or []) if r and r.strip()]
        if len(names) > 20:
            raise BadQuery("一次最多比较 20 个地区")
        resolved: list[RegionInfo] = []
        for n in names:
            r = snap.resolve_region(n)
            if r not in resolved:
                resolved.append(r)
        # what to retrieve: the topic without the regions' names and the comparison wording
        subject = compare_mod.retrieval_topic(topic, [*names, *(r.name for r in resolved)])
        if not resolved:
            pool = self._pool(snap, subject, COMPARE_POOL * 2)
            resolved = compare_mod.regions_on_topic(pool, max_regions=8)
        columns = []
        for region in resolved:
            pool = self._pool(snap, subject, COMPARE_POOL, region=region.name)
            pool = [c for c in pool if c.region is not None and compare_mod.within(c.region.path, region)]
            # A region with nothing on the topic stays empty; one with something also gets the
            # clauses naming its own programs (its brand may be called 机制 where the topic says 品牌).
            extra = self._program_candidates(snap, region, {c.clause.id for c in pool}) if pool else []
            column = compare_mod.rank_column(
                subject, region, pool + extra, snap.region_programs.get(region.name, Counter()), limit, offset
            )
            columns.append(column.to_dict(document_summary))
            _cite(snap, columns[-1]["items"])
        return {
            "topic": topic,
            "regions": [r.name for r in resolved],
            "offset": offset,
            "limit": limit,
            "columns": columns,
        }

    def _program_candidates(
        self, snap: Snapshot, region: RegionInfo, seen: set[str]
    ) -> list[precedents_mod.Candidate]:
        """Clauses of the region naming its most frequent programs, when retrieval missed them
        (a topic such as 党建品牌 matches a region whose brand is called 机制 or 行动)."""
        programs = snap.region_programs.get(region.name)
        if not programs:
            return []
        top = {p for p, _ in programs.most_common(3)}
        out = []
        for cid in snap.clauses:
            if cid in seen or not top.intersection(snap.programs(cid)):
                continue
            reg = snap.clause_region(cid)
            if reg is None or not compare_mod.within(reg.path, region):
                continue
            cand = snap.candidate(Hit(clause_id=cid, score=0.0))
            if cand is not None:
                out.append(cand)
        return out

    # -- documents and graph ------------------------------------------------------------------

    def documents(self, offset: int = 0, limit: int = 20, top_level: bool = False) -> dict[str, Any]:
        self.validate_page(limit, offset)
        snap = self.snapshot()
        docs = [d for d in snap.documents.values() if not (top_level and d.parent_id)]
        page = docs[offset : offset + limit]
        return {
            "total": len(docs),
            "offset": offset,
            "limit": limit,
            "documents": [listing_summary(d) for d in page],
        }

    def document(self, doc_id: str) -> dict[str, Any]:
        snap = self.snapshot()
        doc = snap.documents.get(doc_id)
        if doc is None:
            raise NotFound(f"文档不存在：{doc_id}")
        parent = snap.documents.get(doc.parent_id) if doc.parent_id else None
        parts = [snap.documents[c] for c in doc.children if c in snap.documents]
        out = document_detail(doc, parent, parts, snap.facts)
        _cite(snap, out["clauses"])
        out.update(self._library_summary(doc))
        out["extracted"] = dict(doc.extracted)
        out["citation"] = document_citation(doc, parent).to_dict()
        out["related"] = library_mod.related(snap, doc, self._library_summary)
        return out

    def _library_summary(self, doc: Document) -> dict[str, Any]:
        return library_mod.library_summary(doc, self.store.originals_dir, listing_summary(doc))

    def library(self, query: library_mod.LibraryQuery) -> dict[str, Any]:
        """GET /api/documents with the library's filters, facets and sort (service/library.py)."""
        self.validate_page(query.limit, query.offset)
        return library_mod.library_listing(self.snapshot(), query, self._library_summary)

    def original(self, doc_id: str) -> tuple[Path, str]:
        """The stored original bytes of a document and the file name to offer them under."""
        snap = self.snapshot()
        doc = snap.documents.get(doc_id)
        if doc is None:
            raise NotFound(f"文档不存在：{doc_id}")
        path = library_mod.original_path(self.store.originals_dir, doc)
        if path is None:
            raise NotFound(f"此文档没有保存原始文件：{doc_id}")
        return path, doc.source

    def document_graph(self, doc_id: str) -> dict[str, Any]:
        snap = self.snapshot()
        if doc_id not in snap.documents:
            raise NotFound(f"文档不存在：{doc_id}")
        sub = snap.graph.subgraph(doc_id)
        return {
            "doc_id": doc_id,
            "nodes": [entity_brief(e) for e in sub.entities()],
            "edges": [edge_view(e) for e in sub.edges()],
        }

    def entities(self, q: str | None = None, type: str | None = None, limit: int = 10) -> dict[str, Any]:
        self.validate_page(limit)
        snap = self.snapshot()
        q = (q or "").strip()
        if len(q) > self.settings.max_query_chars:
            raise BadQuery(f"查询词过长：最多 {self.settings.max_query_chars} 个字符")
        found = snap.find_entities(q, type)
        return {"query": q, "results": [entity_brief(e) for e in found[:limit]]}

    def entity(self, entity_id: str) -> dict[str, Any]:
        snap = self.snapshot()
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

    def graph_path(self, source: str, target: str, via_concepts: bool = False) -> dict[str, Any]:
        """How two entities connect; through generic `concept` nodes (a shared slogan) only when
        asked, else `concept_path` says whether such a path exists."""
        source = self.validate_query(source, "source")
        target = self.validate_query(target, "target")
        snap = self.snapshot()
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


def _cite(snap: Snapshot, items: Iterable[dict[str, Any]]) -> None:
    """Each item's `citation` (service/citation.py), from its clause id."""
    for item in items:
        item["citation"] = snap.citation(item["clause_id"])
