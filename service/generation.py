"""One generation: a change's documents built into the next generation's folder (graph, index,
annotation digests, documents, overrides), its originals kept, then committed.

`GenerationWriting` is the part of `Writer` (service/writes.py) that every write ends in: the
index updated in place over the base generation when it can be (hard-linked, then the change's
documents deleted and added, with the documents whose annotations changed), else built from
scratch; the store's commit (fsync, rename, swap CURRENT) and the pruning of originals no live
document needs.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from policykg.annotationfile import AnnotationFile
from policykg.docspill import SpilledDocuments, metadata
from policykg.errors import PolicyKGError
from policykg.model import Document
from policykg.settings import Settings
from service import overrides as overrides_mod
from service.annotationdigest import (
    annotation_digests,
    load_digests,
    place_digests,
    restale_documents,
    save_digests,
)
from service.backend import Backend
from service.corpusfiles import CorpusOriginals
from service.docsfile import NAME as DOCUMENTS_NAME
from service.docsfile import EarlyDocuments, write_documents_file
from service.repository.protocol import Change
from service.savedgraph import SavedGraph
from service.store import DataStore, link_or_copy_tree
from service.values import Upload
from service.writeguards import disk_full_is_507

log = logging.getLogger("policykg.engine")


class GenerationWriting:
    """Writing a generation for `Writer` (its settings, backend, store, preload and install)."""

    settings: Settings
    backend: Backend
    store: DataStore
    preload: Callable[[Path], Any] | None
    install: Callable[[Any], None] | None

    def materialize(
        self,
        change: Change,
        base: Path | None,
        extra: dict[str, Any] | None = None,
        *,
        graph: Any = None,
        stage: Stages | None = None,
        documents_file: EarlyDocuments | None = None,
    ) -> tuple[str, dict[str, Any]]:
        """Build a change into the next local generation (call under the data dir's write lock):
        incremental over `base` when given, else from scratch; `extra` goes into the manifest.
        `documents_file`: the change's documents.jsonl, written already (a build's)."""
        return self._commit(
            _sequence(change.documents),
            change.originals if isinstance(change.originals, CorpusOriginals) else list(change.originals),
            base,
            list(change.index_delete),
            _sequence(change.index_add),
            graph=graph,
            stage=stage,
            extra=extra,
            terms=change.index_terms,
            documents_file=documents_file,
        )

    def _commit(
        self,
        docs: Sequence[Document],
        originals: Sequence[tuple[Upload, Document]],
        base: Path | None = None,
        delete_ids: Sequence[str] = (),
        add_docs: Sequence[Document] = (),
        *,
        graph: Any = None,
        stage: Stages | None = None,
        extra: dict[str, Any] | None = None,
        terms: Sequence[str] | None = None,
        documents_file: EarlyDocuments | None = None,
    ) -> tuple[str, dict[str, Any]]:
        with disk_full_is_507():
            name, tmp = self.store.prepare()
            try:
                manifest = self._write_generation(
                    tmp,
                    docs,
                    base,
                    delete_ids,
                    add_docs,
                    graph=graph,
                    stage=stage,
                    terms=terms,
                    documents_file=documents_file,
                )
                manifest.update(extra or {})
                # Originals before the swap: an original without a live document is harmless,
                # the reverse (a document whose bytes are lost) is not.
                for upload, doc in originals:
                    self.store.store_original(doc.sha256, Path(upload.name).suffix, upload.data)
                self.store.commit(name, tmp, manifest, preload=self.preload, install=self.install)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
        # After the swap: the bytes of deleted and replaced documents go too (issue 17, D10).
        try:
            self.store.prune_originals({d.sha256 for d in metadata(docs)})
        except OSError as exc:  # the write is done; a leftover original is only disk space
            log.warning("pruning originals failed (%s)", type(exc).__name__)
        return name, manifest

    def _write_generation(
        self,
        tmp: Path,
        docs: Sequence[Document],
        base: Path | None = None,
        delete_ids: Sequence[str] = (),
        add_docs: Sequence[Document] = (),
        *,
        graph: Any = None,
        stage: Stages | None = None,
        terms: Sequence[str] | None = None,
        documents_file: EarlyDocuments | None = None,
    ) -> dict[str, Any]:
        """Graph (unless given: a KnowledgeGraph, or a build's SavedGraph), index, documents into
        tmp (documents.jsonl placed from `documents_file` when given). Incremental index when
        base is given, else a full build (with `terms` as the segmenter's extra words when given,
        else the graph's)."""
        stage = stage or Stages(None)
        if graph is None:
            graph = self.backend.build_graph(list(metadata(docs)))
        saved = graph if isinstance(graph, SavedGraph) else None
        # a build's annotations stay on disk when its graph was made in a child (service/graphstage.py)
        annotations = saved.annotations if saved is not None else dict(graph.annotations)
        digest_file = saved.digest_file if saved is not None and base is None else None
        digests = annotation_digests(annotations) if digest_file is None else {}
        held = load_digests(base) if base is not None else None
        index_dir = tmp / "index"
        index = None
        if held is not None and base is not None and (base / "index").is_dir():
            try:
                link_or_copy_tree(base / "index", index_dir)
                index = self.backend.open_index(index_dir)
                # documents whose clauses the new graph annotates otherwise (links over the whole
                # library) are re-indexed with the write's own: the index keeps no stale annotation
                relinked = restale_documents(held, digests, docs, {d.id for d in add_docs})
                self.backend.update_index(index, list(delete_ids), [*add_docs, *relinked], annotations)
            except PolicyKGError:
                raise
            except Exception as exc:  # an index that cannot be updated in place is rebuilt
                log.warning("incremental index update failed (%s); rebuilding", type(exc).__name__)
                if index is not None:
                    self.backend.close_index(index)
                shutil.rmtree(index_dir, ignore_errors=True)
                index = None
        if index is None:
            words = list(terms) if terms is not None else graph.dictionary_terms()
            index = self.backend.create_index(index_dir, docs, annotations, words)
        self.backend.close_index(index)
        if isinstance(annotations, AnnotationFile):
            annotations.close()
        if digest_file is not None:
            place_digests(tmp, digest_file)
        else:
            save_digests(tmp, digests)
        stage.done("index_s")
        if isinstance(graph, SavedGraph):
            graph.place(tmp / "graph.json")
        else:
            self.backend.save_graph(graph, tmp / "graph.json")
        if documents_file is not None:
            documents_file.place(tmp / DOCUMENTS_NAME)
        else:
            write_documents_file(tmp / DOCUMENTS_NAME, docs)
        overrides_mod.write_record(tmp, metadata(docs))
        stage.done("save_s")
        return {
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "documents": len(docs),
            "clauses": sum(len(d.clauses) for d in metadata(docs)),
            "entities": graph.entities if isinstance(graph, SavedGraph) else int(graph.stats()["entities"]),
        }


def _sequence(docs: Sequence[Document]) -> Sequence[Document]:
    """A change's documents as a sequence of this write: spilled ones stay on disk (a list
    of them would read every text back at once), others are copied as before."""
    return docs if isinstance(docs, SpilledDocuments) else list(docs)


class Stages:
    """Seconds per build stage into a caller's dict (or nowhere)."""

    def __init__(self, out: dict[str, float] | None) -> None:
        self.out = out
        self.t = time.perf_counter()

    def done(self, name: str) -> None:
        now = time.perf_counter()
        if self.out is not None:
            self.out[name] = now - self.t
        self.t = now
