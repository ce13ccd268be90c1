"""The data dir as the system of record (the embedded default).

The data dir is record and derived state at once: committing a change builds the next local
generation (service/generation.py `Writer._commit`) and swaps CURRENT; the generation number is kept
in the snapshot's manifest (`generation`, 0 for snapshots written before it existed). The
version the engine compares is the CURRENT pointer's identity (service/store.py PointerState).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable, Iterator
from typing import Any

from service.repository.protocol import Change, Committed, Head
from service.snapshot import read_documents
from service.store import DataStore

# (change, base generation's directory or None, manifest extras, hints) → (snapshot name, manifest)
Materialize = Callable[..., tuple[str, dict[str, Any]]]


def manifest_generation(manifest: dict[str, Any]) -> int:
    try:
        return max(0, int(manifest.get("generation", 0)))
    except (TypeError, ValueError):
        return 0


def datadir_status() -> dict[str, Any]:
    """Health fields of the embedded store: the data dir is the record, so there is never lag."""
    return {
        "store": DataDirRepository.kind,
        "store_connected": True,
        "lag": {"generations": 0, "seconds": 0.0},
    }


class DataDirRepository:
    """DocumentRepository over one data dir; `materialize` is the writer's generation builder."""

    kind = "datadir"

    def __init__(self, store: DataStore, materialize: Materialize) -> None:
        self.store = store
        self.materialize = materialize

    def version(self) -> Hashable | None:
        return self.store.pointer_state()

    def generation(self) -> int:
        name = self.store.current_name()
        if name is None:
            return 0
        with contextlib.suppress(OSError, ValueError):
            return manifest_generation(self.store.read_manifest(self.store.snapshots_dir / name))
        return 0

    @contextlib.contextmanager
    def writing(self, timeout: float) -> Iterator[Head]:
        with self.store.write_lock(timeout):
            base = self.store.current_path() if self.store.has_snapshot() else None
            docs = read_documents(base / "documents.jsonl") if base else []
            generation = manifest_generation(self.store.read_manifest(base)) if base else 0

            def commit(change: Change, **hints: Any) -> Committed:
                name, manifest = self.materialize(
                    change, None if change.full else base, {"generation": generation + 1}, **hints
                )
                return Committed(generation + 1, name, manifest)

            yield Head(generation, docs, commit)

    def visible(self, committed: Committed) -> tuple[str | None, dict[str, Any] | None]:
        return committed.name, committed.manifest  # built by the commit itself

    def status(self) -> dict[str, Any]:
        return datadir_status()
