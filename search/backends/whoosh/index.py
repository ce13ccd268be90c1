"""ClauseIndex: build, open, update and search the clause index (one whoosh index directory).

Lifecycle
- ``ClauseIndex.create(dir, docs, annotations, extra_terms)`` writes a complete index into a NEW
  (absent or empty) directory, then ``VERSION`` and ``meta.json`` last: a directory without them
  is an unfinished build. Swapping directories atomically is the service engine's job (data dir
  snapshots, see docs/INTERFACES.md). The segments are written by ``search.backends.whoosh.bulk`` (postings
  grouped in memory, a new segment whenever SEGMENT_MAX_POSTINGS are held: bounded memory, no
  external merge sort), over ``workers`` processes for large builds (``search.backends.whoosh.parallel``), and
  committed together in one TOC; a failed build leaves the directory empty.
- ``ClauseIndex.open(dir)`` checks ``VERSION`` (FORMAT_VERSION) and the dictionary fingerprint;
  a mismatch raises IndexVersionMismatch telling the user to run ``policykg build``.
- ``add_documents`` / ``delete_documents`` update in place: a document is replaced as a whole
  (its old clauses deleted by doc_id, the new ones added) in one commit. One writer at a time:
  a threading.Lock in the process plus whoosh's own file lock across processes (busy → StoreBusy).
  Whoosh never rewrites a segment file (new segments + a new TOC per commit; deletions live in
  the TOC), so an index directory copied with hard links (``cp -al``) can be updated without
  touching the original — the engine's copy-on-write snapshots rely on that (tested).
- Readers keep serving during writes: every thread keeps its own searcher for the generation it
  opened and moves to a new one after a commit; an old searcher is never closed under a reader.

The segmenter dictionary (domain words + extra terms) is part of the index: the extra terms are
stored in the schema's analyzer, so queries are segmented exactly like the indexed text.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh import scoring
from whoosh.index import EmptyIndexError, LockError

from policykg.errors import IndexVersionMismatch, StoreBusy
from policykg.model import ClauseAnnotation, Document
from search.backends.whoosh.arrays import GenerationArrays, PostingContext
from search.backends.whoosh.bulk import commit_segments
from search.backends.whoosh.facets import FACET_FIELDS, MAX_FACET_VALUES, facet_table
from search.backends.whoosh.parallel import build_segments
from search.backends.whoosh.schema import FORMAT_VERSION, build_schema, check_schema, clause_records
from search.backends.whoosh.searching import Limits, run_search
from search.backends.whoosh.storage import MappedStorage
from search.backends.whoosh.storage import open_index as open_mapped
from search.backends.whoosh.tokenizer import PolicyTokenizer
from search.backends.whoosh.warm import recent_keys, replay, warm_whole
from search.backends.whoosh.writing import GroupingPool, _open_writer
from search.plan import LENGTH_FIELDS
from search.protocol import IndexGone
from search.query import QueryBuilder, Weights
from search.results import SearchPage, SearchRequest
from search.segment import dictionary_fingerprint, get_segmenter

__all__ = ["FACET_FIELDS", "MAX_FACET_VALUES", "ClauseIndex", "GroupingPool"]

VERSION_FILE = "VERSION"
META_FILE = "meta.json"
INDEX_NAME = "MAIN"
REBUILD_HINT = "请运行 `policykg build` 重建索引。"

Annotations = Mapping[str, ClauseAnnotation] | Iterable[ClauseAnnotation] | None


def _annotation_map(annotations: Annotations) -> Mapping[str, ClauseAnnotation]:
    if annotations is None:
        return {}
    if isinstance(annotations, Mapping):
        return annotations
    return {a.clause_id: a for a in annotations}


K1 = 1.2
# Titles and heading paths are short and repeated: little length normalisation there.
FIELD_B = {"text": 0.75, "title": 0.3, "path": 0.3}


def weighting() -> scoring.WeightingModel:
    return scoring.BM25F(B=FIELD_B["text"], K1=K1, title_B=FIELD_B["title"], path_B=FIELD_B["path"])


class ClauseIndex:
    def __init__(
        self,
        directory: Path,
        ix: windex.Index,
        *,
        weights: Weights | None = None,
        max_query_chars: int = 2000,
        max_page_size: int = 100,
        max_offset: int = 10000,
        writer_timeout: float = 10.0,
    ) -> None:
        self.directory = Path(directory)
        self._ix = ix
        analyzer = ix.schema["text"].analyzer
        self.extra_terms: tuple[str, ...] = (
            analyzer.extra_terms if isinstance(analyzer, PolicyTokenizer) else ()
        )
        self.builder = QueryBuilder(self.extra_terms, weights)
        self.limits = Limits(max_query_chars, max_page_size, max_offset)
        self.writer_timeout = writer_timeout
        self._write_lock = threading.Lock()
        self._generation = 0
        self._local = threading.local()
        self._shared_lock = threading.Lock()
        self._shared: tuple[int, GenerationArrays] = (-1, GenerationArrays())

    # ------------------------------------------------------------ lifecycle
    @classmethod
    def create(
        cls,
        directory: str | os.PathLike[str],
        documents: Iterable[Document],
        annotations: Annotations = None,
        extra_terms: Iterable[str] = (),
        *,
        workers: int = 1,
        **options: Any,
    ) -> ClauseIndex:
        """Build a complete index into a new directory (absent or empty).

        With ``workers`` > 1 and enough text (search.parallel.PARALLEL_MIN_CHARS) the documents
        are split over that many processes; the index is the same either way. On any failure the
        directory's contents are removed.
        """
        directory = Path(directory)
        if directory.exists() and any(directory.iterdir()):
            raise FileExistsError(f"索引目录已存在且非空：{directory}")
        directory.mkdir(parents=True, exist_ok=True)
        terms = tuple(sorted(set(t for t in extra_terms if t)))
        try:
            ix = MappedStorage(str(directory)).create_index(build_schema(terms), indexname=INDEX_NAME)
            segments = build_segments(
                ix, documents, _annotation_map(annotations), terms, workers=max(1, int(workers))
            )
            commit_segments(ix, segments)
            _write_meta(directory, dictionary_fingerprint(terms), terms)
        except BaseException:
            _clear_directory(directory)
            raise
        return cls(directory, ix, **options)

    @classmethod
    def open(cls, directory: str | os.PathLike[str], **options: Any) -> ClauseIndex:
        directory = Path(directory)
        version_path = directory / VERSION_FILE
        try:
            found = version_path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            raise IndexVersionMismatch(
                f"索引不存在或未建完（缺少 {VERSION_FILE}）：{directory}。{REBUILD_HINT}"
            ) from None
        if found != str(FORMAT_VERSION):
            raise IndexVersionMismatch(
                f"索引格式版本为 {found}，当前程序需要版本 {FORMAT_VERSION}。{REBUILD_HINT}"
            )
        _unshare_lock_file(directory)
        try:
            ix = open_mapped(str(directory), INDEX_NAME)
        except Exception as exc:  # whoosh raises several types for a damaged/alien index
            raise IndexVersionMismatch(
                f"无法打开索引（{type(exc).__name__}）：{directory}。{REBUILD_HINT}"
            ) from exc
        inst = cls(directory, ix, **options)
        try:
            check_schema(ix.schema)
            meta = _read_meta(directory)
            fingerprint = get_segmenter(inst.extra_terms).fingerprint
            if meta.get("dictionary") != fingerprint:
                raise IndexVersionMismatch(f"分词词典已更改，索引与当前词典不一致。{REBUILD_HINT}")
        except BaseException:
            inst.close()
            raise
        return inst

    def close(self) -> None:
        self._local = threading.local()
        self._ix.close()

    def __enter__(self) -> ClauseIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ writes
    def add_documents(self, documents: Iterable[Document], annotations: Annotations = None) -> int:
        """Add or replace documents (by id); returns the number of clauses written."""
        docs = list(documents)
        anns = _annotation_map(annotations)
        seg = get_segmenter(self.extra_terms)
        # analysis outside the lock: only the commit is serialised
        records = [r for doc in docs for r in clause_records(doc, anns, seg)]
        with self._write_lock:
            writer = self._writer()
            try:
                for doc in docs:
                    writer.delete_by_term("doc_id", doc.id)
                for record in records:
                    writer.add_document(**record)
            except BaseException:
                writer.cancel()
                raise
            self._publish(writer)
        return len(records)

    def delete_documents(self, doc_ids: Iterable[str]) -> int:
        """Delete every clause of the given documents; returns the number of clauses deleted."""
        with self._write_lock:
            writer = self._writer()
            try:
                n = sum(writer.delete_by_term("doc_id", d) or 0 for d in doc_ids)
            except BaseException:
                writer.cancel()
                raise
            self._publish(writer)
        return n

    def _publish(self, writer) -> None:  # type: ignore[no-untyped-def]
        # Commit and bump the generation as one step for readers: a reader must never pair a
        # searcher of the new commit with the shared cache of the previous generation.
        with self._shared_lock:
            writer.commit()
            self._generation += 1

    def _writer(self):  # type: ignore[no-untyped-def]
        try:
            return _open_writer(self._ix, 128, timeout=self.writer_timeout)
        except LockError:
            raise StoreBusy("索引正在被另一个进程写入，请稍后再试。") from None

    # ------------------------------------------------------------ reads
    def searcher(self):  # type: ignore[no-untyped-def]
        """This thread's searcher for the current generation (opened on first use after a write)."""
        return self._reader_state().searcher

    def _reader_state(self) -> _ReaderState:
        local = self._local
        state = getattr(local, "state", None)
        if state is None or state.generation != self._generation:
            with self._shared_lock:  # generation, cache and searcher from the same commit
                generation = self._generation
                if self._shared[0] != generation:
                    self._shared = (generation, GenerationArrays())
                shared = self._shared[1]
                searcher = self._ix.searcher(weighting=weighting())
            state = _ReaderState(generation, searcher, PostingContext(searcher, K1, FIELD_B, shared))
            local.state = state
        return state

    @property
    def clause_count(self) -> int:
        return self.searcher().doc_count()

    def document_ids(self) -> set[str]:
        """Ids of the documents in the index (scans stored fields: for tools and tests)."""
        return {fields["doc_id"] for fields in self.searcher().all_stored_fields()}

    def search(self, request: SearchRequest) -> SearchPage:
        try:
            return self._search(request)
        except EmptyIndexError as exc:  # the snapshot's files were removed under this reader
            raise IndexGone(str(exc)) from exc

    def facets(self, request: SearchRequest) -> dict[str, list[dict[str, Any]]]:
        """The facet counts of the request's whole match set (no page is read)."""
        return self.search(replace(request, limit=0, offset=0, facets=True, highlight=False)).facets

    def warm(self, previous: Any = None) -> None:
        """Build this generation's arrays now, before it is served (search.backends.whoosh.warm):
        the whole-index ones, then the term data `previous` — the generation this one replaces
        — used most recently. Call it from the thread that prepares the generation."""
        ctx = self._reader_state().context
        warm_whole(ctx, LENGTH_FIELDS, facet_table)
        if isinstance(previous, ClauseIndex):
            replay(ctx, recent_keys(previous._shared[1]))

    def _search(self, request: SearchRequest) -> SearchPage:
        return run_search(self._reader_state().context, self.builder, self.limits, request)


@dataclass
class _ReaderState:
    """One thread's view of one index generation: its searcher and posting context."""

    generation: int
    searcher: Any
    context: PostingContext


def _clear_directory(directory: Path) -> None:
    """Remove what a failed build wrote (the directory itself was new or empty)."""
    import shutil

    for child in directory.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


def _unshare_lock_file(directory: Path) -> None:
    """A hard-linked snapshot copy shares whoosh's lock file with the original (same inode), so a
    writer in the copy would block writers of the original. A lock file with several links is
    replaced by the copy's own (whoosh re-creates it on the next lock)."""
    lock = directory / f"{INDEX_NAME}_WRITELOCK"
    try:
        if lock.stat().st_nlink > 1:
            lock.unlink()
    except FileNotFoundError:
        pass


def _write_meta(directory: Path, fingerprint: str, terms: tuple[str, ...]) -> None:
    meta = {"format": FORMAT_VERSION, "dictionary": fingerprint, "extra_terms": len(terms)}
    for name, content in (
        (META_FILE, json.dumps(meta, ensure_ascii=False, indent=1)),
        (VERSION_FILE, f"{FORMAT_VERSION}\n"),
    ):
        tmp = directory / f".{name}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, directory / name)


def _read_meta(directory: Path) -> dict[str, Any]:
    try:
        return json.loads((directory / META_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
