"""The generation this process serves reads from, kept current as the CURRENT pointer moves.

A read stats the pointer (service/store.py) and reopens the `Snapshot` when another process
swapped it; a write of this process opens its generation before the swap (`preload`) and serves
it from the moment CURRENT names it (`install`), so no read pays for the load.

Separate from the Engine because this is its one piece of concurrency: who may replace the served
snapshot, under which lock, and what a read does when the pointer moves under it. The Engine
holds one `LiveSnapshot` and hands `preload`/`install` to its writer.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from policykg.errors import PolicyKGError
from service.backend import Backend
from service.snapshot import Snapshot
from service.store import DataStore, NoSnapshot, PointerState


class LiveSnapshot:
    """The served snapshot of one data dir. Thread-safe: replacing it takes the reload lock."""

    def __init__(self, store: DataStore, backend: Backend) -> None:
        self.store = store
        self.backend = backend
        self.snap: Snapshot | None = None  # the generation served now (None until the first read)
        # the generation a write of this process opened before its swap, until it is served
        self.prepared: Snapshot | None = None
        self._reload = threading.RLock()

    def current(self) -> Snapshot:
        """The live snapshot; reopened when CURRENT was swapped (a stat per call, a read on change)."""
        for _attempt in range(3):
            state = self.store.pointer_state()
            if state is None:
                raise NoSnapshot("索引尚未建立：请先运行 policykg build")
            snap = self.snap
            if snap is not None and snap.state == state:
                return snap
            # A read that noticed a newer CURRENT waits for it to be loaded (by itself, another
            # reader or the writer of this process): answering from the generation before could
            # miss a write another worker has already acknowledged.
            self._reload.acquire()
            try:
                snap = self.snap
                if snap is not None and snap.state == state:
                    return snap
                if self._adopt_prepared(state):
                    return self.snap  # type: ignore[return-value]
                try:
                    new = Snapshot(state, self.store.snapshots_dir / state.name, self.backend, snap)
                except FileNotFoundError:
                    continue  # pruned between reading the pointer and opening it: read it again
                except PolicyKGError:
                    # Replaced meanwhile: read the pointer again; a snapshot that is really
                    # broken raises on the second try.
                    if self.store.pointer_state() != state:
                        continue
                    raise
                self.snap = new
                # The old snapshot is not closed here: requests in flight may still hold it (it
                # releases its directory lock when the last of them lets go).
                return new
            finally:
                self._reload.release()
        raise NoSnapshot("索引正在更新，请稍后重试")

    def forget(self, snap: Snapshot) -> None:
        """Stop serving `snap` (its files vanished): the next read opens the pointer again."""
        with self._reload:
            if self.snap is snap:
                self.snap = None

    def close(self) -> None:
        if self.snap is not None:
            self.snap.close()
            self.snap = None

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Run a write, then load the generation it made before answering, so the client reads
        its own write and the first read after it does not pay for the load. The reload lock is
        taken for the load only: a write waiting for another worker's write must not keep this
        worker's readers on an old generation (they may have seen that other write acknowledged)."""
        try:
            yield
        finally:
            with self._reload:
                state = self.store.pointer_state()
                if state is None or not self._adopt_prepared(state):
                    self._load_live()
                self.prepared = None  # a generation opened for a swap that failed

    def preload(self, path: Path) -> Snapshot:
        """A committed generation opened before CURRENT points at it (its pointer state is set when
        it is installed): the load happens while readers still use the live generation."""
        live = self.snap  # its unchanged documents are taken over, not parsed again
        snap = Snapshot(PointerState(name=path.name, inode=-1, mtime_ns=-1), path, self.backend, live)
        # its search caches too, from what the live generation's readers use: no read pays for them
        self.backend.warm_index(snap.index, live.index if live is not None else None)
        with self._reload:
            self.prepared = snap
        return snap

    def _adopt_prepared(self, state: PointerState) -> bool:
        """Serve the generation this process's write opened, when CURRENT now names it (call
        under _reload): a read that notices the swap before the writer's install takes it over
        instead of loading the generation again."""
        prepared = self.prepared
        if prepared is None or prepared.name != state.name:
            return False
        prepared.state = state
        self.snap = prepared
        self.prepared = None
        return True

    def install(self, snap: Snapshot) -> None:
        """Serve the preloaded generation from the moment CURRENT names it."""
        state = self.store.pointer_state()
        with self._reload:
            if self.prepared is snap:
                self.prepared = None
            if self.snap is snap:
                return  # a read adopted it already
            if state is not None and state.name == snap.name:
                snap.state = state
                self.snap = snap
            else:  # replaced meanwhile by another process's write: let the next read load that one
                snap.close()

    def _load_live(self) -> None:
        state = self.store.pointer_state()
        if state is None or (self.snap is not None and self.snap.state == state):
            return
        try:
            self.snap = Snapshot(state, self.store.snapshots_dir / state.name, self.backend)
        except (FileNotFoundError, PolicyKGError):
            return  # the next read loads it (and reports what is wrong)
