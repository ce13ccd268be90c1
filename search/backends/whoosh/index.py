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

import heapq
import json
import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from operator import itemgetter
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh import scoring
from whoosh.index import EmptyIndexError, LockError

from policykg.errors import BadQuery, IndexVersionMismatch, StoreBusy
from policykg.model import ClauseAnnotation, Document
from search.analysis import analyze
from search.backends.whoosh.bulk import codec as _codec
from search.backends.whoosh.bulk import commit_segments
from search.backends.whoosh.parallel import build_segments
from search.backends.whoosh.ranking import (
    PostingContext,
    SharedCache,
    evaluate,
    index_positions,
    proximity_bonus,
)
from search.backends.whoosh.schema import (
    FORMAT_VERSION,
    build_schema,
    check_schema,
    clause_records,
    fold_filter_value,
)
from search.backends.whoosh.tokenizer import PolicyTokenizer
from search.highlight import match_spans, render
from search.protocol import IndexGone
from search.query import QueryBuilder, QueryPlan, Weights
from search.results import Hit, SearchPage, SearchRequest
from search.segment import get_segmenter

VERSION_FILE = "VERSION"
META_FILE = "meta.json"
INDEX_NAME = "MAIN"
FACET_FIELDS = {
    "region": "region",
    "doc_type": "doc_type",
    "year": "year",
    "program": "program",
    "issuer": "issuer",
}
MAX_FACET_VALUES = 50
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
        self.max_query_chars = max_query_chars
        self.max_page_size = max_page_size
        self.max_offset = max_offset
        self.writer_timeout = writer_timeout
        self._write_lock = threading.Lock()
        self._generation = 0
        self._local = threading.local()
        self._shared_lock = threading.Lock()
        self._shared: tuple[int, SharedCache] = (-1, SharedCache())

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
            ix = windex.create_in(str(directory), build_schema(terms), indexname=INDEX_NAME)
            segments = build_segments(
                ix, documents, _annotation_map(annotations), terms, workers=max(1, int(workers))
            )
            commit_segments(ix, segments)
            _write_meta(directory, get_segmenter(terms).fingerprint, terms)
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
            ix = windex.open_dir(str(directory), indexname=INDEX_NAME)
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
                    self._shared = (generation, SharedCache())
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

    def _search(self, request: SearchRequest) -> SearchPage:
        limit, offset, notices = self._validate(request)
        state = self._reader_state()
        ctx = state.context
        plan = self.builder.build(request.q or "", ctx)
        page = SearchPage(
            query=request.q, total=0, offset=offset, limit=limit, notices=notices + plan.notices
        )
        allowed = self._allowed(ctx, request)
        if plan.ranked is None and allowed is None:
            if not (request.q or "").strip():
                raise BadQuery("请输入检索内容。", code="empty_query")
            page.notices.append("查询中没有可检索的文字。")
            return page
        analyses: dict[int, list] = {}
        if plan.ranked is not None:
            scores = evaluate(ctx, plan.ranked, allowed, self.builder.weights.coordination)
            self._rerank(state, plan, scores, analyses, max(offset + limit, 0))
        else:  # filters only: every allowed clause, in document order
            if (request.q or "").strip():
                page.notices.append("查询中没有可检索的文字，已只按筛选条件列出。")
            scores = dict.fromkeys(allowed - ctx.deleted if allowed is not None else (), 0.0)
        page.total = len(scores)
        if request.facets:
            page.facets = state.facets(scores.keys())
        if limit > 0 and offset < page.total:
            top = self._top(state.searcher, scores, offset + limit)
            page.results = self._hits(state, top[offset : offset + limit], plan, request.highlight, analyses)
        return page

    # ------------------------------------------------------------ internals
    def _validate(self, r: SearchRequest) -> tuple[int, int, list[str]]:
        notices: list[str] = []
        if r.q is not None and not isinstance(r.q, str):
            raise BadQuery("查询内容必须是文本。")
        if r.q and len(r.q) > self.max_query_chars:
            raise BadQuery(
                f"查询过长（{len(r.q)} 字），最多 {self.max_query_chars} 字。", code="query_too_long"
            )
        for name in ("limit", "offset"):
            value = getattr(r, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise BadQuery(f"参数 {name} 必须是整数。")
        if r.limit < 0:
            raise BadQuery("参数 limit 不能为负数。")
        if r.offset < 0:
            raise BadQuery("参数 offset 不能为负数。")
        if r.offset > self.max_offset:
            raise BadQuery(f"参数 offset 最大为 {self.max_offset}。")
        limit = r.limit
        if limit > self.max_page_size:
            limit = self.max_page_size
            notices.append(f"每页最多 {self.max_page_size} 条，已按 {self.max_page_size} 条返回。")
        for name in ("year_from", "year_to"):
            value = getattr(r, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise BadQuery(f"参数 {name} 必须是年份（整数）。")
        return limit, r.offset, notices

    def _allowed(self, ctx: PostingContext, r: SearchRequest) -> frozenset[int] | None:
        """The clauses the filters allow (None: no filter)."""
        sets: list[frozenset[int]] = []
        if r.region is not None and str(r.region).strip():
            sets.append(self._region_docs(ctx, str(r.region).strip()))
        for name in ("doc_type", "program", "issuer"):
            value = getattr(r, name)
            if value is not None and str(value).strip():
                sets.append(ctx.docs(name, fold_filter_value(str(value))))
        if r.doc_id:
            sets.append(ctx.docs("doc_id", r.doc_id))
        if r.year_from is not None or r.year_to is not None:
            lo, hi = r.year_from, r.year_to
            if lo is not None and hi is not None and lo > hi:
                lo, hi = hi, lo
            years = frozenset()
            for term in ctx.searcher.lexicon("year"):
                y = int(term.decode("ascii"))
                if (lo is None or y >= lo) and (hi is None or y <= hi):
                    years |= ctx.docs("year", term.decode("ascii"))
            sets.append(years)
        if not sets:
            return None
        sets.sort(key=len)
        out = sets[0]
        for other in sets[1:]:
            out = out & other
        return out

    @staticmethod
    def _region_docs(ctx: PostingContext, value: str) -> frozenset[int]:
        """Clauses in a region or below it: by id (region:210100), by full name (沈阳市), or by a
        short name or alias the gazetteer knows (沈阳, 辽宁)."""
        if value.startswith("region:"):
            return ctx.docs("region_id", value)
        name = fold_filter_value(value)
        docs = ctx.docs("region", name)
        if docs:
            return docs
        from policykg.gazetteer import Gazetteer

        out: frozenset[int] = frozenset()
        for region in Gazetteer.default().lookup(name):
            out |= ctx.docs("region", region.name)
        return out

    def _rerank(
        self,
        state: _ReaderState,
        plan: QueryPlan,
        scores: dict[int, float],
        analyses: dict[int, list],
        needed: int,
    ) -> None:
        """Add the proximity bonus to the top clauses (in place)."""
        assert plan.ranked is not None
        w = self.builder.weights
        pairs = plan.ranked.pairs
        if not pairs or w.proximity <= 0 or not scores:
            return
        ctx = state.context
        weighted = [(a, b, w.proximity * min(ctx.idf("text", a), ctx.idf("text", b))) for a, b, _x in pairs]
        window = max(w.proximity_window, min(needed, 200))
        top = heapq.nlargest(window, scores.items(), key=itemgetter(1))
        # Positions straight from the text field's postings (stored per clause at indexing, from
        # the same folded analysis): no stored-field read, folding or segmentation per candidate.
        # A clause lacking a word of every pair gets no bonus, as before.
        words = {x for a, b, _w in weighted for x in (a, b)}
        positions = index_positions(ctx, "text", words, [d for d, _s in top])
        slop = w.proximity_slop
        for docnum, score in top:
            bonus = proximity_bonus(positions[docnum], weighted, slop)
            if bonus:
                scores[docnum] = score + bonus

    def _top(self, searcher, scores: dict[int, float], n: int) -> list[tuple[float, int]]:  # type: ignore[no-untyped-def]
        """The first n (score, docnum) in the deterministic order: score desc, then (doc_id, ordinal)."""
        if not scores or n <= 0:
            return []
        keys = searcher.reader().column_reader("sort_key")
        if n >= len(scores):
            chosen = list(scores.items())
        else:
            chosen = heapq.nlargest(n, scores.items(), key=itemgetter(1))
            boundary = chosen[-1][1]
            # every clause tied with the last one competes for the remaining places
            chosen = [kv for kv in chosen if kv[1] > boundary]
            chosen += [kv for kv in scores.items() if kv[1] == boundary]
        chosen.sort(key=lambda kv: (-kv[1], keys[kv[0]]))
        return [(s, d) for d, s in chosen[:n]]

    def _hits(
        self,
        state: _ReaderState,
        ranked: list[tuple[float, int]],
        plan: QueryPlan,
        with_highlight: bool,
        analyses: dict[int, list],
    ) -> list[Hit]:
        seg = get_segmenter(self.extra_terms)
        searcher = state.searcher
        docs: dict[str, dict[str, Any]] = {}
        hits: list[Hit] = []
        for score, docnum in ranked:
            stored = searcher.stored_fields(docnum)
            rec = stored["record"]
            doc_id = stored["doc_id"]
            if doc_id not in docs:
                docs[doc_id] = json.loads(rec.get("document") or _document_json(state.context, doc_id))
            document = docs[doc_id]
            text = rec["text"]
            mark = ""
            if with_highlight:
                terms = analyses.get(docnum) or analyze(text, rec.get("script"), seg=seg)
                mark = render(text, match_spans(terms, plan.words, plan.phrases))
            hits.append(
                Hit(
                    clause_id=stored["clause_id"],
                    doc_id=doc_id,
                    text=text,
                    highlight=mark,
                    path=list(rec.get("path") or []),
                    score=round(float(score), 4),
                    document={k: document.get(k) for k in _DOCUMENT_KEYS},
                    ordinal=int(rec.get("ordinal") or 0),
                )
            )
        return hits


@dataclass
class _ReaderState:
    """One thread's view of one index generation: its searcher and posting context."""

    generation: int
    searcher: Any
    context: PostingContext

    def facet_masks(self) -> dict[str, list[tuple[str, int]]]:
        """facet → [(value, mask)] where mask has byte d set to 1 when clause d has the value
        (built once per generation, shared by the threads)."""
        shared = self.context.shared
        if shared.facet_masks is None:
            n = self.context.n
            masks: dict[str, list[tuple[str, int]]] = {}
            reader = self.searcher.reader()
            for facet, fieldname in FACET_FIELDS.items():
                values = []
                for term in reader.lexicon(fieldname) if fieldname in reader.indexed_field_names() else ():
                    value = term.decode("utf-8")
                    buf = bytearray(n)
                    for d in self.context.docs(fieldname, value):
                        buf[d] = 1
                    values.append((value, int.from_bytes(buf, "little")))
                masks[facet] = values
            shared.facet_masks = masks
        return shared.facet_masks

    def facets(self, docs: Iterable[int]) -> dict[str, list[dict[str, Any]]]:
        buf = bytearray(self.context.n)
        for d in docs:
            buf[d] = 1
        matched = int.from_bytes(buf, "little")
        out: dict[str, list[dict[str, Any]]] = {}
        for facet, values in self.facet_masks().items():
            counts = [(v, (m & matched).bit_count()) for v, m in values]
            counts = sorted((vc for vc in counts if vc[1]), key=lambda vc: (-vc[1], vc[0]))[:MAX_FACET_VALUES]
            out[facet] = [
                {"value": int(v) if facet == "year" and v.isdigit() else v, "count": c} for v, c in counts
            ]
        return out


def _document_json(ctx: PostingContext, doc_id: str) -> str:
    """The document summary, stored with the document's first clause (FORMAT_VERSION 3)."""
    for docnum in sorted(ctx.docs("doc_id", doc_id) - ctx.deleted):
        rec = ctx.searcher.stored_fields(docnum)["record"]
        if "document" in rec:
            return rec["document"]
    return "{}"


_DOCUMENT_KEYS = ("doc_id", "title", "issuer", "doc_no", "date", "doc_type", "region", "year")


POOL_MAX_ITEMS = 2_000_000  # postings held grouped in memory before spilling to whoosh's pool


class GroupingPool:
    """Postings grouped by term in memory: whoosh's pool sorts every posting tuple at commit, this
    one sorts the distinct terms only (postings of one term arrive in docnum order). Past
    `max_items` postings it hands everything to whoosh's disk-spilling pool, so memory stays
    bounded. Used by incremental updates (add/delete, with whoosh's segment merges); a fresh
    build goes through search.bulk instead.
    """

    def __init__(self, writer: Any, limitmb: int, max_items: int | None = None) -> None:
        self.groups: dict[tuple[str, bytes], list[tuple]] = {}
        self.fieldnames: set[str] = set()
        self.count = 0
        self.max_items = max_items if max_items is not None else POOL_MAX_ITEMS
        self._writer = writer
        self._limitmb = limitmb
        self._spilled: Any = None
        self._unsorted: set[tuple[str, bytes]] = set()

    def add(self, item: tuple) -> None:
        if self._spilled is not None:
            self._spilled.add(item)
            return
        key = (item[0], item[1])
        lst = self.groups.get(key)
        if lst is None:
            self.groups[key] = [item]
            self.fieldnames.add(item[0])
        else:
            if item[2] < lst[-1][2]:
                self._unsorted.add(key)  # merged segments may interleave
            lst.append(item)
        self.count += 1
        if self.count > self.max_items:
            self._spill()

    def _spill(self) -> None:
        from whoosh.writing import PostingPool

        w = self._writer
        pool = PostingPool(w._tempstorage, w.newsegment, limitmb=self._limitmb)
        for lst in self.groups.values():
            for item in lst:
                pool.add(item)
        self.groups.clear()
        self._spilled = pool
        self.fieldnames = pool.fieldnames

    def iter_postings(self):  # type: ignore[no-untyped-def]
        if self._spilled is not None:
            yield from self._spilled.iter_postings()
            return
        for key in sorted(self.groups):
            lst = self.groups[key]
            if key in self._unsorted:
                lst.sort(key=itemgetter(2))
            yield from lst

    def cleanup(self) -> None:
        self.groups.clear()
        if self._spilled is not None:
            self._spilled.cleanup()


def _open_writer(ix: windex.Index, limitmb: int, **kwargs: Any):  # type: ignore[no-untyped-def]
    writer = ix.writer(limitmb=limitmb, codec=_codec(), **kwargs)
    writer.pool = GroupingPool(writer, limitmb)
    return writer


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
