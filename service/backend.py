"""The one adapter to ingest/, graph/ and search/: files → documents, documents → graph and index.

The engine reads the graph (graph.store.KnowledgeGraph) and the index (search.protocol.ClauseIndex, opened through search.index)
through their own methods; this class is where they are built, loaded, saved and searched, so
tests can swap the whole stack for small fakes (tests/service/svc_fakes.py).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest.pipeline import ParsedFile
from policykg.docspill import TextSpill
from policykg.errors import IndexVersionMismatch, IngestError, PolicyKGError
from policykg.model import ClauseAnnotation, Document
from service.corpusfiles import CorpusFile, contents, size_of
from service.safelog import log_exception
from service.scancache import ScanCache
from service.scanspill import ScanRef, SpilledScans, spill_scans
from service.store import NoSnapshot
from service.values import SearchOutcome, SearchParams

if TYPE_CHECKING:
    from graph.store import KnowledgeGraph
    from policykg.settings import Settings
    from search.protocol import ClauseIndex

# The engine's candidate pools (precedents, compare) ask the index for this many clauses even
# when the user-facing max_page_size is smaller (the engine validates user limits itself).
INDEX_PAGE_FLOOR = 100
INTERNAL_READ_ERROR = "文件无法解析（内部错误），请检查文件是否完整"
log = logging.getLogger("policykg.engine")


def _as_result(parsed: ParsedFile) -> list[Document] | PolicyKGError:
    if parsed.unexpected is not None:  # logged here: the worker's log would be lost
        log.warning("ingest of %s failed unexpectedly: %s", parsed.name, parsed.unexpected)
        return IngestError(INTERNAL_READ_ERROR)
    if parsed.code is not None:
        return PolicyKGError(parsed.message or "", code=parsed.code)
    return parsed.documents


def _parse_and_scan(item: tuple[str, bytes | CorpusFile, int]) -> tuple[ParsedFile, list[Any]]:
    """In a worker: one file's documents and, while they are at hand, the graph's per-document
    scan of them (pure per file: a bulletin's articles come with their bulletin). A build's
    file is read here, not in the parent (service/corpusfiles.CorpusFile)."""
    from graph.build import scan_documents
    from ingest.pipeline import parse_bytes

    name, data, max_bytes = item
    parsed = parse_bytes((name, contents(data, max_bytes), max_bytes))
    return parsed, scan_documents(parsed.documents) if parsed.documents else []


def _parse_scan_spill(
    item: tuple[str, bytes | CorpusFile, int, str],
) -> tuple[ParsedFile, tuple[ScanRef, list[str]] | None, list[Any]]:
    """`_parse_and_scan`, then the documents' texts go to the worker's spill file in the given
    folder and only light copies travel back (policykg.docspill), and the scans to its scan
    spill file, whose place travels back (service/scanspill.py): the build's parent holds
    neither the texts nor the scans."""
    from policykg.docspill import spill_texts, strip_text

    name, data, max_bytes, folder = item
    parsed, scans = _parse_and_scan((name, data, max_bytes))
    if not parsed.documents:
        return parsed, None, []
    refs = spill_texts(folder, parsed.documents)
    parsed.documents = [strip_text(d) for d in parsed.documents]
    return parsed, (spill_scans(folder, scans), [s.doc_id for s in scans]), refs


class SnapshotGone(NoSnapshot):
    """The snapshot's files vanished under a reader (pruned): read CURRENT again."""


class Backend:
    """Calls into ingest/, graph/ and search/. Override in tests with small fakes."""

    def __init__(self, settings: Settings | None = None) -> None:
        if settings is None:  # imported here: the graph stage's child unpickles a backend without it
            from policykg.settings import Settings

            settings = Settings()
        self.build_workers = settings.build_workers
        self.search_backend = settings.search_backend
        self._scan_cache = ScanCache()
        self.index_options = {
            "max_query_chars": settings.max_query_chars,
            "max_page_size": max(settings.max_page_size, INDEX_PAGE_FLOOR),
            "max_offset": settings.max_offset,
        }

    def __getstate__(self) -> dict[str, Any]:
        """A copy for another process (the graph stage's child, service/graphstage.py): without
        this process's scan cache, which a copy never shares."""
        state = dict(self.__dict__)
        state["_scan_cache"] = ScanCache()
        return state

    # -- ingest --------------------------------------------------------------------------------

    def warm_up(self) -> None:
        """Load the build's load-once resources (ingest's jieba dictionary, the gazetteer, OpenCC,
        the graph's data tables, the index's jieba dictionary) by building one tiny built-in text: start-up, not per-document
        work. Before a pool is forked, so its workers inherit them. A no-op for test doubles."""
        if not self._real_reader():
            return
        from graph.build import build_graph
        from ingest.pipeline import warm_up
        from search.segment import get_segmenter

        build_graph(warm_up())
        # the index step's jieba (rjieba) dictionary; the build's own segmenter (domain words +
        # this corpus's entity names) is still made inside the index step
        get_segmenter()

    def _real_reader(self) -> bool:
        return type(self).read_bytes is Backend.read_bytes

    def read_bytes(self, name: str, data: bytes, max_bytes: int) -> list[Document]:
        from ingest.pipeline import read_bytes

        return read_bytes(name, data, max_bytes=max_bytes)

    def read_many(
        self,
        items: Sequence[tuple[str, bytes | CorpusFile]],
        max_bytes: int,
        spill: TextSpill | None = None,
    ) -> tuple[list[list[Document] | PolicyKGError], Mapping[str, Any] | None]:
        """Many files at once (a build): each file's documents or its error, in input order, and
        the graph's per-document scans (graph.build.DocScan by document id) when worker processes
        made them alongside — else None.

        Over `build_workers` processes when the files are large enough to pay for the pool
        (ingest.parallel.PARALLEL_MIN_BYTES); a test double overriding `read_bytes` is always
        called serially, in this process. With `spill` the workers write the documents' texts to
        its folder and return light documents (policykg.docspill), whose texts' places go into
        it; read in this process (no pool), documents stay whole.
        """
        from ingest.parallel import PARALLEL_MIN_BYTES, worker_pool
        from ingest.pipeline import parse_bytes

        if not self._real_reader():
            return [
                self._read_or_error(name, contents(data, max_bytes), max_bytes) for name, data in items
            ], None
        work = [(name, data, max_bytes) for name, data in items]
        size = sum(size_of(data) for _, data in items)
        with worker_pool(self.build_workers, size, PARALLEL_MIN_BYTES) as pool:
            if not pool.parallel:
                return [_as_result(parse_bytes((n, contents(d, m), m))) for n, d, m in work], None
            if spill is None:
                pairs = pool.map(_parse_and_scan, work)
            else:
                triples = pool.map(_parse_scan_spill, [(*w, spill.folder) for w in work])
                where: dict[str, ScanRef] = {}
                for parsed, spilled, refs in triples:
                    for doc, ref in zip(parsed.documents, refs, strict=True):
                        spill.refs[(doc.sha256, doc.id)] = ref
                    if spilled is not None:
                        where.update(dict.fromkeys(spilled[1], spilled[0]))
                return [_as_result(parsed) for parsed, _spilled, _refs in triples], SpilledScans(where)
        scans = {s.doc_id: s for _parsed, file_scans in pairs for s in file_scans}
        return [_as_result(parsed) for parsed, _scans in pairs], scans

    def _read_or_error(self, name: str, data: bytes, max_bytes: int) -> list[Document] | PolicyKGError:
        try:
            return self.read_bytes(name, data, max_bytes)
        except PolicyKGError as exc:
            return exc
        except Exception as exc:  # a reader bug must reject one file, not the batch
            log_exception(log, "ingest of one file failed unexpectedly", exc)
            return IngestError(INTERNAL_READ_ERROR)

    def safe_name(self, name: str) -> str:
        from ingest.ids import safe_name

        return safe_name(name)

    def corpus_files(self, corpus_dir: Path) -> list[Path]:
        from ingest.manifest import corpus_files

        return corpus_files(corpus_dir)

    # -- graph ---------------------------------------------------------------------------------

    def build_graph(self, docs: list[Document]) -> KnowledgeGraph:
        # unchanged documents keep their scans from the previous write (service/scancache.py)
        return self._scan_cache.build_graph(docs)

    def build_graph_scanned(self, docs: list[Document], scans: Mapping[str, Any]) -> KnowledgeGraph:
        """`build_graph` with the per-document scans made by `read_many`'s workers (the same graph).
        The scans are spent: their mentions are emptied as the graph uses them."""
        from graph.build import build_graph

        missing = [d.id for d in docs if d.id not in scans]
        if missing:  # cannot happen for a build's own documents; stay correct if it does
            return self.build_graph(docs)
        if isinstance(scans, SpilledScans):  # read from the workers' spill files, each once
            scans = scans.load()
        return build_graph(docs, scans=[scans[d.id] for d in docs], consume=True)

    def rescan(
        self, docs: list[Document], changed: Sequence[str], scans: Mapping[str, Any]
    ) -> Mapping[str, Any]:
        """The per-document scans with those of the `changed` documents (curated metadata) made
        again, each with its bulletin family (a scan reads an article with its bulletin)."""
        from graph.build import scan_documents

        by_id = {d.id: d for d in docs}
        roots = {by_id[i].parent_id or i for i in changed if i in by_id}
        family = [d for d in docs if d.id in roots or d.parent_id in roots]
        again = {s.doc_id: s for s in scan_documents(family)}
        if isinstance(scans, SpilledScans):  # the others stay on disk
            return scans.replaced(again)
        out = dict(scans)
        out.update(again)
        return out

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
        from search.index import ClauseIndex as Indexes

        return Indexes.create(
            path,
            docs,
            annotations,
            terms,
            backend=self.search_backend,
            workers=self.build_workers,
            **self.index_options,
        )

    def open_index(self, path: Path) -> ClauseIndex:
        from search.index import ClauseIndex as Indexes

        # the backend checks its own format (version, schema, dictionary) on open
        return Indexes.open(path, backend=self.search_backend, **self.index_options)

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

    def warm_index(self, index: ClauseIndex, previous: ClauseIndex | None = None) -> None:
        """Build a generation's search caches before it is served, when its backend can
        (`warm(previous)`, optional in the protocol); a failure only leaves them to the first reads."""
        warm = getattr(index, "warm", None)
        if warm is None:
            return
        try:
            warm(previous)
        except Exception as exc:
            log.warning("warming the new index generation failed (%s)", type(exc).__name__)

    def close_index(self, index: ClauseIndex) -> None:
        with contextlib.suppress(Exception):  # closing must not mask the error being handled
            index.close()

    def search(self, index: ClauseIndex, params: SearchParams) -> SearchOutcome:
        from search.protocol import IndexGone

        try:
            page = index.search(params)
        except (IndexGone, FileNotFoundError) as exc:  # its files were removed under us
            raise SnapshotGone("索引正在更新，请稍后重试") from exc
        # facet values as strings (years are ints in the index's page)
        page.facets = {
            name: [{"value": str(v["value"]), "count": int(v["count"])} for v in rows]
            for name, rows in page.facets.items()
        }
        page.notices = [str(n) for n in page.notices]
        return page
