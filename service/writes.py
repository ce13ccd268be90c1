"""The write path: files → documents → a new generation (graph, index, documents) → swap.

Every write takes the data dir's lock, prepares the next generation next to the live one
(the index hard-linked from it and updated incrementally when possible), keeps the originals,
then commits (fsync, rename, swap CURRENT; see service/store.py). A write that fails anywhere
leaves the live generation as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from policykg.errors import NotFound, PolicyKGError
from policykg.gazetteer import default_gazetteer
from policykg.model import Document
from policykg.settings import Settings
from service import overrides as overrides_mod
from service.backend import Backend
from service.buildwrite import CorpusBuild
from service.generation import GenerationWriting
from service.ingestplan import IngestPlan
from service.repository.datadir import DataDirRepository, manifest_generation
from service.repository.protocol import Change, DocumentRepository
from service.store import DataStore, NoSnapshot
from service.values import FileOutcome, IngestRejected, Upload, WriteReport
from service.writeguards import disk_full_is_507
from service.writeread import SUPPORTED_EXTS, FileReading

__all__ = ["SUPPORTED_EXTS", "WRITE_LOCK_TIMEOUT", "Writer"]


WRITE_LOCK_TIMEOUT = 60.0


class Writer(FileReading, CorpusBuild, GenerationWriting):
    """Build, ingest and delete over one data dir. Stateless between calls.

    Its parts, one module each: reading files (service/writeread.py), the build
    (service/buildwrite.py), one generation (service/generation.py); here the writes of a
    running library (ingest, delete, patch) and their reports."""

    def __init__(
        self,
        settings: Settings,
        backend: Backend,
        store: DataStore,
        *,
        preload: Callable[[Path], Any] | None = None,
        install: Callable[[Any], None] | None = None,
        repository: DocumentRepository | None = None,
    ) -> None:
        self.settings = settings
        self.backend = backend
        self.store = store
        # how the engine opens a generation before its swap and serves it right after (DataStore.commit)
        self.preload = preload
        self.install = install
        # the system of record (service/repository/): the data dir itself unless a replica sets one
        self.repository: DocumentRepository = repository or DataDirRepository(store, self.materialize)

    def lock_timeout(self) -> float:
        """How long a write waits for the data dir's lock (the module's setting, read at each write)."""
        return WRITE_LOCK_TIMEOUT

    # -- the writes of a running library ---------------------------------------------------------

    def ingest(self, uploads: Sequence[Upload | FileOutcome], *, atomic: bool) -> WriteReport:
        """Add or replace documents. atomic=True (HTTP): any failed file → IngestRejected, nothing changes."""
        result = self.ingest_batch([uploads], atomic=atomic)[0]
        if isinstance(result, BaseException):
            raise result
        return result

    def ingest_batch(
        self, batches: Sequence[Sequence[Upload | FileOutcome]], *, atomic: bool
    ) -> list[WriteReport | PolicyKGError]:
        """Several writes in one generation (the write queue's group commit): each batch is what
        one request sent, all-or-nothing on its own when atomic (its IngestRejected in its
        place); the accepted ones are committed together, in order, as if one after another."""
        limit = self.settings.max_upload_bytes if atomic else self.settings.max_ingest_bytes
        results: list[WriteReport | PolicyKGError | None] = [None] * len(batches)
        jobs: list[tuple[int, list[FileOutcome], list[tuple[Upload, list[Document]]]]] = []
        for i, uploads in enumerate(batches):
            outcomes, parsed = self._parse_uploads(uploads, limit)
            if atomic and outcomes:
                results[i] = IngestRejected(outcomes)
            elif not parsed:
                results[i] = self.report(outcomes, changed=False)
            else:
                jobs.append((i, outcomes, parsed))
        if not jobs:
            return [r for r in results if r is not None]

        committed = None
        with disk_full_is_507(), self.repository.writing(WRITE_LOCK_TIMEOUT) as head:
            plan = IngestPlan(head.documents)
            record = overrides_mod.record_of(head.documents)
            done: list[tuple[int, list[FileOutcome]]] = []
            for i, outcomes, parsed in jobs:
                clashes = [plan.clash(upload, docs) for upload, docs in parsed]
                if atomic and any(clashes):
                    results[i] = IngestRejected([c for c in clashes if c is not None])
                    continue
                for (upload, docs), clash in zip(parsed, clashes, strict=True):
                    outcomes.append(clash or plan.add(upload, docs))
                done.append((i, outcomes))
            if plan.added:
                # a re-ingested document keeps its curated metadata
                overrides_mod.apply_all(plan.added.values(), record, default_gazetteer())
                added = list(plan.added.values())
                change = Change(
                    kind="ingest",
                    documents=plan.all_documents(),
                    put=added,
                    deleted=sorted(plan.delete_ids - plan.added.keys()),
                    originals=plan.originals,
                    index_delete=sorted(plan.delete_ids),
                    index_add=added,
                )
                committed = head.commit(change)
        name, manifest = self.repository.visible(committed) if committed else (None, None)
        for i, outcomes in done:
            changed = manifest is not None and any(o.status in ("added", "replaced") for o in outcomes)
            results[i] = self.report(
                outcomes,
                changed=changed,
                name=name,
                manifest=manifest,
                generation=committed.generation if changed and committed else None,
            )
        return [r for r in results if r is not None]

    def delete(self, doc_id: str) -> WriteReport:
        """Remove a document (and, for a bulletin, its articles)."""
        with disk_full_is_507(), self.repository.writing(WRITE_LOCK_TIMEOUT) as head:
            if not head.documents and not self.store.has_snapshot() and head.generation == 0:
                raise NoSnapshot("索引尚未建立：请先运行 policykg build")
            docs = head.documents
            target = next((d for d in docs if d.id == doc_id), None)
            if target is None:
                raise NotFound(f"文档不存在：{doc_id}")
            gone = {doc_id, *target.children, *(d.id for d in docs if d.parent_id == doc_id)}
            remaining = []
            parents = []
            for d in docs:
                if d.id in gone:
                    continue
                if doc_id in d.children:  # an article removed from its bulletin
                    d.children = [c for c in d.children if c != doc_id]
                    parents.append(d)
                remaining.append(d)
            # the record stores the bulletin without the article; the data dir's index keeps its
            # clauses as they were (their text did not change)
            change = Change(
                kind="delete",
                documents=remaining,
                put=parents,
                deleted=sorted(gone),
                index_delete=sorted(gone),
            )
            committed = head.commit(change)
        name, manifest = self.repository.visible(committed)
        outcome = FileOutcome(file=target.source, status="deleted", doc_ids=sorted(gone))
        return self.report(
            [outcome], changed=True, name=name, manifest=manifest, generation=committed.generation
        )

    def patch(self, doc_id: str, changes: dict[str, str | None]) -> list[str]:
        """Set or clear curated metadata of one document (validated changes, service/overrides.py):
        a new generation with the document re-indexed and the graph remade. Returns the fields
        now overridden."""
        with disk_full_is_507(), self.repository.writing(WRITE_LOCK_TIMEOUT) as head:
            docs = head.documents
            target = next((d for d in docs if d.id == doc_id), None)
            if target is None:
                raise NotFound(f"文档不存在：{doc_id}")
            wanted = overrides_mod.merged(target.overrides, changes)
            if wanted == target.overrides:
                return list(wanted)
            overrides_mod.apply_overrides(target, wanted, default_gazetteer())
            # the record stores the document with its overrides (PostgreSQL: one more put)
            change = Change(
                kind="patch", documents=docs, put=[target], index_delete=[doc_id], index_add=[target]
            )
            committed = head.commit(change)
        self.repository.visible(committed)
        return list(target.overrides)

    def _live_path(self) -> Path | None:
        return self.store.current_path() if self.store.has_snapshot() else None

    def report(
        self,
        outcomes: list[FileOutcome],
        *,
        changed: bool,
        name: str | None = None,
        manifest: dict[str, Any] | None = None,
        generation: int | None = None,
    ) -> WriteReport:
        """The outcome of a write with the counts of the generation now live; `generation` is
        the one the write committed (the live one when it changed nothing)."""
        if manifest is None:
            name = self.store.current_name()
            manifest = self.store.read_manifest(self.store.snapshots_dir / name) if name else {}
        return WriteReport(
            outcomes=outcomes,
            snapshot=name,
            documents=int(manifest.get("documents", 0)),
            clauses=int(manifest.get("clauses", 0)),
            entities=int(manifest.get("entities", 0)),
            changed=changed,
            generation=manifest_generation(manifest) if generation is None else generation,
        )
