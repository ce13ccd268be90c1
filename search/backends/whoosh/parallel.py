"""Building a fresh index's segments, in this process or split over worker processes.

The documents are split into contiguous chunks of about equal text, each written by a worker
process into its own segment(s) of the same index directory
(``search.backends.whoosh.bulk.SegmentBuilder``). The caller commits the segments in chunk order
in one TOC, so document numbers, and with them every search, tie order and facet, come out as
in a serial build.

With ``fork`` the caller writes no chunk itself: it already holds every document and the graph,
and a chunk's postings on top of them (up to ``SEGMENT_MAX_POSTINGS`` as Python lists, ~165 MB
at 200k clauses, measured) were the build's peak; a forked worker gets its chunk for nothing and
frees it on exit, and the caller's core is the one the extra worker uses. With ``spawn`` the
caller keeps chunk 0: handing it over would cost its pickling and another interpreter start.

Documents spilled by the build's ingest workers (``policykg.docspill.SpilledDocuments``) stay a
lazy sequence here: the caller splits them by the text lengths it knows without reading them, and
each worker reads its chunk's documents back from the spill one at a time.

Start method: ``fork`` when the calling process runs a single thread — the cheapest (documents,
annotations and the loaded dictionary are inherited, nothing is pickled); a forked child of a
multi-threaded process (the web server) can inherit a lock held by another thread and hang, so
there ``spawn`` is used: the worker pays interpreter start, imports and the dictionary load
(about a second), and its chunk is pickled to it.

Failure: a worker that raises, is killed or exits without an answer fails the whole build; the
caller removes the directory's contents. On any exception in the caller (KeyboardInterrupt
included) the workers still running are terminated and joined before it propagates, and a worker
asks the kernel to kill it when its parent dies (Linux), so no worker outlives a build.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import shutil
import tempfile
import threading
import traceback
from collections.abc import Iterable, Mapping, Sequence
from multiprocessing.connection import wait
from typing import Any

from policykg.docchunks import read_chunk, write_chunk
from policykg.docspill import SpilledDocuments, metadata
from policykg.model import ClauseAnnotation, Document
from search.backends.whoosh.bulk import SegmentBuilder
from search.backends.whoosh.schema import clause_records
from search.segment import Segmenter, get_segmenter, remember_fingerprint

# Below this much clause text a build runs in one process. With fork a worker costs ~30 ms (the
# fork, one more segment) and halves the rest when a core is free: on 2 idle cores 154k chars
# built in 0.38 s instead of 0.48 s and 1.6 M chars in 2.0 s instead of 3.8 s; but on the shared
# machine under load (bench run with two other jobs) 160k chars took 0.60 s with 2 workers
# against 0.48 s in one process, while 1.6 M chars still gained (2.6 s against 3.2 s). So: from
# 500k chars (~3k clauses). A spawned worker first starts an interpreter, imports and loads the
# dictionary (~0.7 s more than fork at 1.6 M chars), so it only pays from about a million on.
PARALLEL_MIN_CHARS = 500_000
SPAWN_MIN_CHARS = 1_000_000


def doc_chars(doc: Document) -> int:
    return sum(len(c.text) for c in doc.clauses) + len(doc.title or "")


def split_chunks(documents: Sequence[Document], n: int) -> list[list[Document]]:
    """Contiguous chunks of about equal text (never empty; fewer than n for few documents)."""
    docs = list(documents)
    return [docs[a:b] for a, b in split_ranges([doc_chars(d) for d in docs], n)]


def split_ranges(chars: Sequence[int], n: int) -> list[tuple[int, int]]:
    """`split_chunks` as (start, stop) ranges over the documents' text lengths."""
    total = sum(chars)
    starts = [0]
    done = 0
    for i, size in enumerate(chars):
        # start the next chunk once this one has its share
        if i > starts[-1] and len(starts) < n and done >= total * len(starts) / n:
            starts.append(i)
        done += size
    return list(zip(starts, [*starts[1:], len(chars)], strict=True)) if chars else [(0, 0)]


def _chars(docs: Sequence[Document]) -> list[int]:
    """Each document's text length; spilled documents (policykg.docspill) know theirs without
    being read back."""
    return docs.chars() if isinstance(docs, SpilledDocuments) else [doc_chars(d) for d in docs]


def build_chunk(
    ix: Any,
    documents: Iterable[Document],
    annotations: Mapping[str, ClauseAnnotation],
    seg: Segmenter,
    max_postings: int | None = None,
) -> list[Any]:
    """Write the documents' clauses as segments of `ix` (not committed); the segments in order."""
    return build_pairs(ix, ((doc, annotations) for doc in documents), seg, max_postings)


def build_pairs(
    ix: Any,
    pairs: Iterable[tuple[Document, Mapping[str, ClauseAnnotation]]],
    seg: Segmenter,
    max_postings: int | None,
) -> list[Any]:
    """`build_chunk` over (document, annotations of its clauses) pairs."""
    builder = SegmentBuilder(ix, max_postings)
    try:
        for doc, annotations in pairs:
            builder.add_all(clause_records(doc, annotations, seg))
        return builder.finish()
    except BaseException:
        builder.cancel()
        raise


def start_method() -> str:
    if threading.active_count() == 1 and "fork" in mp.get_all_start_methods():
        return "fork"
    return "spawn"


def build_segments(
    ix: Any,
    documents: Iterable[Document],
    annotations: Mapping[str, ClauseAnnotation],
    extra_terms: tuple[str, ...],
    *,
    workers: int = 1,
    max_postings: int | None = None,
    min_chars: int | None = None,
    method: str | None = None,
) -> list[Any]:
    """Every segment of a fresh build, in document order (the caller commits them).

    The segmenter (~25 MB at 200k clauses: its own jieba dictionary with the corpus's names) is
    made only in the processes that write a chunk: not in a forking caller, whose workers make
    their own and report its fingerprint (`search.segment.remember_fingerprint`)."""
    # spilled documents stay a lazy sequence: each chunk reads its documents back one at a time
    docs = documents if isinstance(documents, SpilledDocuments) else list(documents)
    light = metadata(docs)  # what this process reads of them: no text
    method = method or start_method()
    if min_chars is None:
        min_chars = PARALLEL_MIN_CHARS if method == "fork" else max(PARALLEL_MIN_CHARS, SPAWN_MIN_CHARS)
    chars = _chars(docs)
    if workers > 1 and sum(chars) >= min_chars:
        chunks = [docs[a:b] for a, b in split_ranges(chars, workers)]
    else:
        chunks = [docs]
    if len(chunks) == 1:
        return build_chunk(ix, docs, annotations, get_segmenter(extra_terms), max_postings)
    if any(d.region is not None and d.region.code for d in light):
        from policykg.gazetteer import Gazetteer

        Gazetteer.default()  # region ancestors: loaded once, before the workers fork
    ctx = mp.get_context(method)
    own = [] if method == "fork" else chunks[0]  # the chunk this process writes (module docstring)
    # the workers' documents and annotations, one file per chunk (policykg.docchunks): removed
    # before the caller commits (or fails) the segments
    folder = tempfile.mkdtemp(prefix=".chunks-", dir=str(ix.storage.folder))
    try:
        paths = []
        for i, chunk in enumerate(chunks if method == "fork" else chunks[1:]):
            paths.append(os.path.join(folder, f"chunk-{i}.pickle"))
            write_chunk(paths[-1], chunk, annotations)
        del chunks
        return _run_workers(ctx, ix, own, paths, annotations, extra_terms, max_postings)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run_workers(
    ctx: Any,
    ix: Any,
    own: Sequence[Document],
    paths: list[str],
    annotations: Mapping[str, ClauseAnnotation],
    extra_terms: tuple[str, ...],
    max_postings: int | None,
) -> list[Any]:
    """Start one worker per chunk file, write `own` here, gather the segments in order."""
    procs: list[tuple[Any, Any]] = []
    if ctx.get_start_method() == "fork":
        _trim_heap()
    # Forked workers share the parent's pages until written; a collection in the child would
    # touch every inherited object and copy them all. Frozen objects are never collected.
    gc.freeze()
    try:
        for path in paths:
            recv, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(
                target=_worker,
                args=(send, str(ix.storage.folder), ix.indexname, path, extra_terms, max_postings),
                name="policykg-index-worker",
                daemon=True,
            )
            proc.start()
            send.close()  # the worker holds the only write end: its death is EOF here
            procs.append((proc, recv))
        gc.unfreeze()
        segments = build_chunk(ix, own, annotations, get_segmenter(extra_terms), max_postings) if own else []
        prints = set()
        for i, (proc, recv) in enumerate(procs, start=1):
            status, payload = _answer(proc, recv)
            if status != "ok":
                raise RuntimeError(f"索引子进程 {i} 失败：{payload}")
            written, fingerprint = payload
            segments.extend(written)
            prints.add(fingerprint)
            proc.join()
        if len(prints) != 1:  # one dictionary for every segment, or the index is not one index
            raise RuntimeError(f"索引子进程的分词词典不一致：{sorted(prints)}")
        remember_fingerprint(extra_terms, prints.pop())
        return segments
    finally:
        gc.unfreeze()  # (no-op when already done)
        for proc, recv in procs:
            if proc.is_alive():
                proc.terminate()
            proc.join()
            recv.close()


def _answer(proc: Any, recv: Any) -> tuple[str, Any]:
    """The worker's answer, or ("error", …) once it has exited without one. Not EOF alone: a
    spawned worker that dies before taking its end of the pipe leaves that end open in the
    parent's resource sharer, and the read would never return."""
    while True:
        ready = wait([recv, proc.sentinel])
        if recv in ready:
            try:
                return recv.recv()
            except EOFError:
                break
        if proc.sentinel in ready:
            # exited: an answer sent just before exiting is still in the pipe
            if recv.poll(0):
                try:
                    return recv.recv()
                except EOFError:
                    pass
            break
    proc.join()
    return "error", f"异常退出（退出码 {proc.exitcode}）"


def _worker(
    send: Any,
    directory: str,
    indexname: str,
    chunk_path: str,
    extra_terms: tuple[str, ...],
    max_postings: int | None,
) -> None:
    _die_with_parent()
    try:
        from whoosh import index as windex

        ix = windex.open_dir(directory, indexname=indexname)
        seg = get_segmenter(extra_terms)
        segments = build_pairs(ix, read_chunk(chunk_path), seg, max_postings)
        send.send(("ok", (segments, seg.fingerprint)))
    except BaseException as exc:  # reported to the parent, which fails the build
        send.send(("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=5)}"))
    finally:
        send.close()


def _trim_heap() -> None:
    """Linux/glibc: hand the heap's free pages back to the kernel before forking. A build's
    caller has freed its graph and scans by now, but glibc keeps the freed pages mapped: they
    would stay in its RSS next to the workers' (9 of 350 MB at 20k clauses), and a worker's
    allocations would fault copies of them. A no-op elsewhere."""
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _die_with_parent() -> None:
    """Linux: SIGTERM this process when its parent dies (no orphan keeps writing)."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
