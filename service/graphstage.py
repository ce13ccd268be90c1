"""A build's graph stage in a forked child: the build process never holds the networkx graph.

At 200k clauses the graph stage took the build process from ~712 to ~1,035 MB (round 5 of issue
14): the graph's entities, edges and evidence, the linker's working sets and the annotations all
lived in it at once, and glibc and pymalloc kept most of those pages after the graph was freed, so
the index stage started from there. A child forked after ingest inherits the light documents
(shared pages, nothing pickled), reads the workers' scans from their spill files
(service/scanspill.py), builds the same graph with the same code,
writes graph.json into the build's spill folder (`save_early`), the clause annotations as one
record per document (policykg.annotationfile: the index reads them from there, one document at a
time) and their digests, and hands back only the segmenter's words, the entity count and the
records' offsets as a small pickle file, read here once the child is gone. Pickle keeps every
type, so the index, graph.json and the digests are the same bytes.

Only when fork is safe (one thread: the CLI, the bench; ingest.parallel.start_method) and the
workers made scans: otherwise the graph is built here as before (the scan cache of an in-process
build, service/scancache.py, lives in this process).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import pickle
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ingest.parallel import start_method
from policykg.annotationfile import AnnotationFile, write_annotations
from policykg.model import Document
from service.annotationdigest import DIGEST_FILE, annotation_digests, save_digests
from service.savedgraph import SavedGraph, save_early

log = logging.getLogger("policykg.engine")
RESULT = "graph-stage.pickle"
ANNOTATIONS = "annotations.pickle"


def graph_stage(
    backend: Any, docs: list[Document], scans: Mapping[str, Any] | None, folder: Path
) -> SavedGraph:
    """The build's graph from `docs` (and the ingest workers' `scans`), saved to `folder`."""
    if scans and start_method() == "fork":
        saved = _in_child(backend, docs, scans, folder)
        if saved is not None:
            return saved
    graph = backend.build_graph_scanned(docs, scans) if scans else backend.build_graph(docs)
    del scans  # the graph keeps what it needs of them
    return save_early(backend, graph, folder)


def _in_child(
    backend: Any, docs: list[Document], scans: Mapping[str, Any], folder: Path
) -> SavedGraph | None:
    """The graph made and saved by a forked child; None when the child died without a word
    (killed: the stage is pure, so it is made again here). A child's error is raised here."""
    folder.mkdir(parents=True, exist_ok=True)
    result = folder / RESULT
    ctx = multiprocessing.get_context("fork")
    # a collection in the child would touch (and copy) every inherited object: frozen ones
    # are never collected (as the index workers, search/backends/whoosh/parallel.py)
    gc.freeze()
    try:
        proc = ctx.Process(target=_child, args=(backend, docs, scans, folder), name="policykg-graph")
        proc.start()
    finally:
        gc.unfreeze()
    proc.join()
    try:
        if proc.exitcode != 0 or not result.exists():
            log.warning("graph stage child failed (exit code %s); building here", proc.exitcode)
            return None
        with open(result, "rb") as fh:
            status, payload = pickle.load(fh)
    finally:
        result.unlink(missing_ok=True)
    if status == "error":
        raise payload
    if status == "file":  # the annotations stay in the child's file (policykg.annotationfile)
        path, terms, entities, offsets = payload
        annotations = AnnotationFile(str(folder / ANNOTATIONS), docs, offsets)
        return SavedGraph(path, annotations, terms, entities, digest_file=folder / DIGEST_FILE)
    return payload


def _child(backend: Any, docs: list[Document], scans: Mapping[str, Any], folder: Path) -> None:
    try:
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
