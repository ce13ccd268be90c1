"""A build's graph stage in a child process of its own: the build process never holds the
networkx graph, and the child holds nothing of the build process's memory.

At 200k clauses the graph stage took the build process from ~712 to ~1,035 MB (round 5 of issue
14): the graph's entities, edges and evidence, the linker's working sets and the annotations all
lived in it at once. Round 6 moved it into a forked child, which then became the largest process
(~1,010 MB): a forked child's memory counts every page of the parent it maps (the load-once
dictionaries of ingest, the light documents, the scans), and it copied those it read. So the
child is a fresh interpreter (service/graphchild.py: only the graph's code and tables) that reads
what it needs from files: the light documents, which this process writes into the build's spill
folder first (one record per document, policykg.strpickle: this process's strings are not
grown), and the ingest workers' scans, which never left their spill files (service/scanspill.py).
It builds the same graph with the same code, writes graph.json (`save_early`), the clause
annotations as one record per document (policykg.annotationfile: the index reads them from
there, one document at a time) and their digests, and hands back only the segmenter's words,
the entity count and the records' offsets as a small pickle file, read here once the child is
gone. Pickle keeps every type, so the index, graph.json and the digests are the same bytes.

While the child runs, this process holds none of the documents (round 8: with its own copy beside
the child's, ~215 MB at 200k clauses, the two processes' PSS peaked at 1.55-1.57x the stock
two-process tree): the caller's list is emptied once they are written and filled again from the
same file afterwards. The heap gives back ~95 MB of it (probe at 200k): pymalloc keeps the
arenas that other objects of the build still pin (116 MB of free blocks in them).
The child is started before the job is written, so that its start overlaps the writing, and
this process writes documents.jsonl while the child runs (`meanwhile`: service/docsfile.py).

Only for a single-threaded caller (the CLI, the bench: ingest.parallel.start_method, as
before) and when the workers made scans: otherwise the graph is built here as before (the scan
cache of an in-process build, service/scancache.py, lives in this process). A child that dies
without a word (killed) is replaced by the stage here (it is pure); a child's error is raised
here and fails the build.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ingest.parallel import start_method
from policykg import strpickle
from policykg.annotationfile import AnnotationFile, write_annotations
from policykg.model import Document
from service.allocator import trim_heap
from service.annotationdigest import DIGEST_FILE, annotation_digests, save_digests
from service.graphchild import GraphChild
from service.savedgraph import SavedGraph, save_early
from service.scanspill import SpilledScans

log = logging.getLogger("policykg.engine")
RESULT = "graph-stage.pickle"
ANNOTATIONS = "annotations.pickle"
DOCUMENTS = "graph-documents.pickle"
JOB = "graph-job.pickle"


def graph_stage(
    backend: Any,
    docs: list[Document],
    scans: Mapping[str, Any] | None,
    folder: Path,
    meanwhile: Callable[[Iterable[Document]], None] | None = None,
) -> SavedGraph:
    """The build's graph from `docs` (and the ingest workers' `scans`), saved to `folder`.

    When the child makes it, `docs` is emptied while the child runs (the documents wait in the
    child's file) and filled again before this returns, with equal documents read back from that
    file: a caller holding no other reference to them holds none during the stage. `meanwhile`
    is then called here while the child runs, with the documents read back one at a time (an
    error in it fails the stage); made here, there is no meanwhile."""
    if scans and start_method() == "fork":
        saved = _in_child(backend, docs, scans, folder, meanwhile)
        if saved is not None:
            return saved
    graph = backend.build_graph_scanned(docs, scans) if scans else backend.build_graph(docs)
    del scans  # the graph keeps what it needs of them
    return save_early(backend, graph, folder)


def write_documents(path: Path, docs: Sequence[Document]) -> None:
    """The documents as one record per document (a record's pickle memo is all a write holds).

    policykg.strpickle, although the build process lets these documents go once written: plain
    pickle wrote the file 2.5x faster, but the UTF-8 copies it left in their strings while
    writing (~50 MB at 200k clauses) raised the build process's VmHWM 563 -> 616 MB, and freed
    with the documents they stayed in the heap: +44 MB PSS while the child ran (measured)."""
    with open(path, "wb") as fh:
        strpickle.dump(len(docs), fh)
        for doc in docs:
            strpickle.dump(doc, fh)


def read_documents(path: Path) -> list[Document]:
    with _no_collection():
        return list(iter_documents(path))


def iter_documents(path: Path) -> Iterator[Document]:
    """`write_documents`' documents one at a time."""
    with open(path, "rb") as fh:
        for _ in range(strpickle.load(fh)):
            yield strpickle.load(fh)


@contextmanager
def _no_collection() -> Iterator[None]:
    """No cyclic collection meanwhile: reading documents back makes many objects and no garbage,
    and each collection it would set off walks every object of the process."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _in_child(
    backend: Any,
    docs: list[Document],
    scans: Mapping[str, Any],
    folder: Path,
    meanwhile: Callable[[Iterable[Document]], None] | None,
) -> SavedGraph | None:
    """The graph made and saved by the child; None when the child died without a word
    (killed: the stage is pure, so it is made again here). A child's error is raised here."""
    folder.mkdir(parents=True, exist_ok=True)
    result = folder / RESULT
    job = folder / JOB
    parked = folder / DOCUMENTS
    child = GraphChild()  # its start overlaps the writing of its job
    try:
        write_documents(parked, docs)
        with open(job, "wb") as fh:
            pickle.dump((backend, scans, str(folder)), fh, protocol=pickle.HIGHEST_PROTOCOL)
        # The child holds its own copy of the documents: this process's (~215 MB at 200k
        # clauses) go for the stage and come back from the same file after it (round 8 of issue 14).
        docs.clear()
        trim_heap()
        try:
            code = _run_child(
                child, job, None if meanwhile is None else lambda: meanwhile(iter_documents(parked))
            )
        finally:
            docs.extend(read_documents(parked))
        if code != 0 or not result.exists():
            log.warning("graph stage child failed (exit code %s); building here", code)
            return None
        with open(result, "rb") as fh:
            status, payload = pickle.load(fh)
    finally:
        child.cancel()  # no-op once it has run; else it is let go, or ended
        for name in (RESULT, JOB, DOCUMENTS):
            (folder / name).unlink(missing_ok=True)
    if status == "error":
        raise payload
    if status == "file":  # the annotations stay in the child's file (policykg.annotationfile)
        path, terms, entities, offsets = payload
        annotations = AnnotationFile(str(folder / ANNOTATIONS), docs, offsets)
        return SavedGraph(path, annotations, terms, entities, digest_file=folder / DIGEST_FILE)
    return payload


def _run_child(child: GraphChild, job: Path, meanwhile: Callable[[], None] | None) -> int:
    """The child's exit code once it has run `job`; `meanwhile` runs here in the meantime (a
    seam: probes and tests wrap it)."""
    child.send(job)
    if meanwhile is not None:
        meanwhile()
    return child.wait()


def run_job(job: Path) -> None:
    """In the child: the graph of the job's documents and scans, its answer in RESULT."""
    # The child makes no cyclic garbage to speak of and exits when done: at 20k clauses its
    # collections took 0.66-0.9 s and freed 534 objects, all but 8 during its imports (measured).
    # Reference counting still frees what the job lets go.
    gc.disable()
    with open(job, "rb") as fh:
        backend, scans, folder_name = pickle.load(fh)
    folder = Path(folder_name)
    try:
        docs = read_documents(folder / DOCUMENTS)
        if isinstance(scans, SpilledScans):  # read from the workers' spill files, each once
            scans = scans.load()
        graph = backend.build_graph_scanned(docs, scans)
        del scans
        saved = save_early(backend, graph, folder)
        del graph
        offsets = write_annotations(str(folder / ANNOTATIONS), docs, saved.annotations)
        if offsets is None:  # an annotation of no document's clause: handed back whole
            answer: tuple[str, Any] = ("ok", saved)
        else:
            save_digests(folder, annotation_digests(saved.annotations))
            answer = ("file", (saved.path, saved.terms, saved.entities, offsets))
    except BaseException as exc:  # raised again in the parent, which fails the build
        answer = ("error", exc)
    tmp = folder / (RESULT + ".tmp")
    try:
        with open(tmp, "wb") as fh:
            pickle.dump(answer, fh, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # an exception that does not pickle: its text does
        with open(tmp, "wb") as fh:
            pickle.dump(("error", RuntimeError(f"{type(exc).__name__}: {exc}")), fh)
    os.replace(tmp, folder / RESULT)  # whole or absent: a killed child leaves no half file
