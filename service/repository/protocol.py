"""The document repository seam: the system of record behind every write.

A repository holds the documents (parsed form and metadata), the original bytes, a monotonically
increasing generation number with the change that produced it, and the writer lock. Graph and
index are *derived*, local state: a generation of a replica is (repository generation → graph +
index), built by service/writes.py into the local data dir.

Two implementations:
- `service.repository.datadir.DataDirRepository` — the data dir is the record and the derived
  state at once (the embedded default; committing a change *is* building the local generation);
- `service.repository.postgres.PostgresRepository` — PostgreSQL is the record; replicas follow it
  (service/replica.py) and build their local generations from it.

A new kind of stored record (e.g. per-document metadata overrides) is one more field of `Change`
and one more table/method of each implementation.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from policykg.model import Document
from service.values import Upload

CHANGE_KINDS = ("build", "ingest", "delete", "patch")  # patch: curated metadata (service/overrides.py)


@dataclass(frozen=True)
class Change:
    """One write, as the writer planned it under the lock.

    `documents` is the whole library after the change (canonical order). The record gets `put`
    (added or replaced documents, stored whole) and `deleted` (ids no longer live); the local
    derived state of the writing process gets the index delta (`index_delete`, `index_add`),
    which for the data dir keeps the embedded behaviour exactly. `full` rebuilds from scratch.
    """

    kind: str
    documents: Sequence[Document]
    put: Sequence[Document] = ()
    deleted: Sequence[str] = ()
    originals: Sequence[tuple[Upload, Document]] = ()
    index_delete: Sequence[str] = ()
    index_add: Sequence[Document] = ()
    full: bool = False
    # the segmenter dictionary of a full index build (fixed in the index at its creation): a build
    # records it, so a replica bootstrapping later indexes with the same words as those that followed
    index_terms: Sequence[str] | None = None

    def summary(self) -> dict[str, Any]:
        """What the change did, by id (stored with its generation; no document text)."""
        return {
            "put": [d.id for d in self.put],
            "deleted": list(self.deleted),
            "originals": sorted({doc.sha256 for _u, doc in self.originals}),
        }


@dataclass(frozen=True)
class Committed:
    """A committed change: its generation and, when already built locally, that generation's
    snapshot name and manifest (the data dir builds it in the commit; a replica later)."""

    generation: int
    name: str | None = None
    manifest: dict[str, Any] | None = None


@dataclass
class Head:
    """The live state a writer plans against, under the writer lock."""

    generation: int
    documents: list[Document]
    _commit: Any = field(repr=False, default=None)

    def commit(self, change: Change, **hints: Any) -> Committed:
        """Commit the change as generation + 1 (all or nothing). `hints` (graph, stage) are
        what the data dir can reuse from the writer's own work; other repositories ignore them."""
        if change.kind not in CHANGE_KINDS:
            raise ValueError(f"unknown change kind {change.kind!r}")
        return self._commit(change, **hints)


class DocumentRepository(Protocol):
    """The system of record. `kind` names it in /api/health."""

    kind: str

    def version(self) -> Hashable | None:
        """An opaque value that changes with every commit (cheap; None when nothing is stored)."""
        ...

    def generation(self) -> int:
        """The newest committed generation (0 when nothing was ever committed)."""
        ...

    def writing(self, timeout: float) -> AbstractContextManager[Head]:
        """The writer lock (one writer across processes and machines) and the head to plan
        against; the commit happens through `Head.commit` inside the block."""
        ...

    def visible(self, committed: Committed) -> tuple[str | None, dict[str, Any] | None]:
        """Wait until this process serves a local generation including `committed` (read your
        writes); its snapshot name and manifest."""
        ...

    def status(self) -> dict[str, Any]:
        """What /api/health shows about the record: store kind, generation, lag, reachability."""
        ...
