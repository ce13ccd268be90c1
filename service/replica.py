"""A replica: a local generation (graph + index in the local data dir) that follows PostgreSQL.

`policykg serve` with `POLICYKG_DATABASE_URL` bootstraps the local data dir from the record
(every document, in canonical order, built with the same code as the embedded build), then
follows: a thread LISTENs on `policykg_changes` and, on a notification or every
`replica_poll_seconds` (the fallback when a notification was missed or the connection was lost),
applies the record's delta with the data dir's copy-on-write swap (service/writes.py
`Writer.materialize` → service/store.py). Reads never touch PostgreSQL: with the database down
they keep being served from the local generation; writes get 503 (StoreUnavailable).

Determinism: a generation's documents are listed in the record's order (positions); a bootstrap
builds graph and index from scratch over them (with the segmenter words of the record's last
build), a followed delta updates the local index in place (the touched documents, plus those
whose graph annotations the delta changed). Graph linking and indexing are deterministic and the
index's ranking statistics ignore deleted clauses, so replicas at generation N answer alike — also
one that bootstrapped at N next to one that followed every change since the first generation.

Read your writes: a write through this replica returns after the local generation includes it
(`wait_for`, called by `PostgresRepository.visible`). Several uvicorn workers of one replica
share its data dir: the data dir's write lock serialises their applies and each re-reads the
local generation under it, so a delta is applied once.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg

from policykg.errors import PolicyKGError, StoreBusy, StoreUnavailable
from policykg.settings import Settings
from service.repository.datadir import manifest_generation
from service.repository.postgres import CHANNEL, Delta, PostgresRepository
from service.repository.protocol import Change, Committed
from service.snapshot import read_documents
from service.store import DataStore, NoSnapshot
from service.writes import WRITE_LOCK_TIMEOUT, Writer

log = logging.getLogger("policykg.replica")

READ_YOUR_WRITES_SECONDS = 120.0  # a write waits at most this long for its own generation locally


class Replica:
    """Follows one PostgreSQL repository into one local data dir (one per Engine)."""

    def __init__(
        self, settings: Settings, repository: PostgresRepository, store: DataStore, writer: Writer
    ) -> None:
        self.repository = repository
        self.store = store
        self.writer = writer
        self.poll = float(settings.replica_poll_seconds)
        self._apply = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = False
        self.record_generation = 0  # newest generation seen in the record
        self.pending_since: datetime | None = None  # commit time of the oldest generation not yet applied
        repository.await_local = self.wait_for
        repository.follower_status = self.status

    # -- the local generation ------------------------------------------------------------------

    def local(self) -> tuple[int, str | None, Path | None]:
        """(generation, library id, directory) of the live local snapshot."""
        generation, library, _token, path = self._local()
        return generation, library, path

    def _local(self) -> tuple[int, str | None, str | None, Path | None]:
        name = self.store.current_name()
        if name is None:
            return 0, None, None, None
        path = self.store.snapshots_dir / name
        try:
            manifest = self.store.read_manifest(path)
        except (OSError, ValueError):
            return 0, None, None, None
        return manifest_generation(manifest), manifest.get("library"), manifest.get("generation_token"), path

    def sync(self) -> int:
        """Apply what the record has beyond the local generation; the local generation after.
        Raises StoreUnavailable when the record cannot be read (the local generation stays)."""
        with self._apply, self.store.write_lock(WRITE_LOCK_TIMEOUT):
            generation, library, token, base = self._local()
            try:
                delta = self.repository.changes_since(generation, library, token)
            except StoreUnavailable:
                self.connected = False
                raise
            self.connected = True
            self.record_generation = delta.generation
            if delta.generation == 0 or (delta.generation == generation and not delta.full):
                self.pending_since = None
                return generation
            if self.pending_since is None:
                self.pending_since = delta.committed_at
            self._materialize(delta, base)
            self.pending_since = None
            return delta.generation

    def _materialize(self, delta: Delta, base: Path | None) -> None:
        """Build the record's generation locally: incrementally over the live local generation
        (its index hard-linked and updated in place, service/generation.py — the data dir's
        copy-on-write swap), from scratch for a full delta or an empty data dir. Both give the
        same answers: ranking statistics count live clauses only and every document whose graph
        annotations changed is re-indexed (tests/service/test_incremental_generations.py)."""
        extra = {
            "generation": delta.generation,
            "generation_token": delta.token,
            "library": delta.library,
            "store": self.repository.kind,
        }
        if delta.full or base is None:
            docs = delta.documents if delta.full else []
            change = Change(
                kind="build", documents=docs, index_add=docs, full=True, index_terms=delta.index_terms
            )
            self.writer.materialize(change, None, extra)
            return
        # the untouched documents keep their order; every touched one still live was put after
        # them (record positions only grow), so this is the record's order
        local = read_documents(base / "documents.jsonl")
        docs = [d for d in local if d.id not in delta.touched] + delta.documents
        change = Change(
            kind="apply",
            documents=docs,
            index_delete=sorted(delta.touched),
            index_add=delta.documents,
            index_terms=delta.index_terms,
        )
        self.writer.materialize(change, base, extra)

    def wait_for(self, committed: Committed) -> tuple[str | None, dict[str, Any] | None]:
        """Return once the local generation includes `committed` (read your writes)."""
        self.reach(committed.generation, READ_YOUR_WRITES_SECONDS)
        name = self.store.current_name()
        return name, (self.store.read_manifest(self.store.snapshots_dir / name) if name else None)

    def reach(self, generation: int, timeout: float) -> bool:
        """Whether the local generation is (or, after catching up within `timeout`, becomes) at
        least `generation` (service/consistency.py)."""
        deadline = time.monotonic() + timeout
        while self.local()[0] < generation:
            with contextlib.suppress(StoreUnavailable, StoreBusy):
                self.sync()
            if self.local()[0] >= generation:
                break
            if time.monotonic() >= deadline:
                return False
            self._stop.wait(0.1)
        return True

    # -- following -----------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._follow, name="policykg-replica", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=self.poll + 5)

    def _follow(self) -> None:
        while not self._stop.is_set():
            try:
                with psycopg.connect(
                    self.repository.url, autocommit=True, connect_timeout=self.repository.connect_timeout
                ) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._sync_quietly()  # whatever was committed before the LISTEN
                    while not self._stop.is_set():
                        for _ in conn.notifies(timeout=self.poll, stop_after=1):
                            pass
                        self._sync_quietly()  # on a notification, or every poll interval
            except psycopg.Error as exc:
                self.connected = False
                log.warning("replica lost the database (%s); polling", type(exc).__name__)
            self._stop.wait(self.poll)
            self._sync_quietly()  # polling fallback while LISTEN cannot be set up

    def _sync_quietly(self) -> None:
        try:
            self.sync()
        except (StoreUnavailable, StoreBusy):
            pass
        except PolicyKGError as exc:
            log.warning("replica could not apply the record's changes (%s)", exc.code)
        except Exception as exc:  # never let the follower die: the next poll tries again
            log.warning("replica apply failed (%s)", type(exc).__name__)

    def status(self) -> dict[str, Any]:
        generation = self.local()[0]
        behind = max(0, self.record_generation - generation)
        seconds = 0.0
        if behind and self.pending_since is not None:
            seconds = max(0.0, (datetime.now(UTC) - self.pending_since).total_seconds())
        return {
            "store_connected": self.connected,
            "record_generation": self.record_generation,
            "lag": {"generations": behind, "seconds": round(seconds, 3)},
        }


def follow(settings: Settings, store: DataStore, writer: Writer) -> Replica:
    """The replica of an engine whose settings name a database: its writes go to PostgreSQL."""
    assert settings.database_url is not None
    repository = PostgresRepository(settings.database_url.get_secret_value())
    writer.repository = repository
    return Replica(settings, repository, store, writer)


def prepare(engine: Any, corpus: Path, say: Callable[[str], None]) -> None:
    """Before serving: schema in place, an empty library built from the corpus (by one replica),
    the local generation bootstrapped. With the database down, a replica that already has a
    local generation serves it (and follows once the database is back)."""
    replica: Replica = engine.replica
    try:
        with replica.repository.initializing() as generation:
            if generation == 0:
                say(f"数据库中还没有文档，先从 {corpus} 构建……")
                engine.build(corpus)
        replica.sync()
    except StoreUnavailable:
        if not engine.has_snapshot():
            raise
        say("警告：数据库暂时无法连接，先以本机已有的版本提供检索，恢复连接后自动同步。")
    generation, _lib, _path = replica.local()
    if generation == 0:
        raise NoSnapshot("本机尚无可用的索引版本：请检查数据库连接")
    say(f"本机版本：第 {generation} 代")
