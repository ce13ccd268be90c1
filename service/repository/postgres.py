"""PostgreSQL as the system of record (`POLICYKG_DATABASE_URL`).

A write is one transaction under an advisory lock: the generation row (the change that produced
it), the original bytes, the parsed documents and the touched ids commit together or not at all,
with a `NOTIFY policykg_changes` that PostgreSQL delivers at the commit. A writer killed inside
the transaction leaves nothing (PostgreSQL rolls back a transaction whose connection is gone).

Replicas (service/replica.py) read `changes_since(their generation)` in one repeatable-read
transaction, so a delta is always exactly one committed generation's state. Documents are
stored parsed (Document.to_dict() as JSON text), so no replica re-reads a file.

Every connection is opened per operation (loopback; writes are rare next to reads, which never
touch PostgreSQL): an unreachable database is `StoreUnavailable` (503) at that operation only.
"""

from __future__ import annotations

import contextlib
import json
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg

from policykg.errors import StoreBusy, StoreUnavailable
from policykg.model import Document
from service.repository.migrate import current_version, migrate
from service.repository.protocol import Change, Committed, Head

WRITE_LOCK_KEY = 7_150_001  # pg_advisory_xact_lock key: one writer across every replica
INIT_LOCK_KEY = 7_150_003  # pg_advisory_lock key: one replica builds an empty library
CHANNEL = "policykg_changes"
UNAVAILABLE = "数据库暂时无法连接：写操作未执行，请稍后重试（检索不受影响）"


@dataclass
class Delta:
    """What a replica at `since` must apply to reach `generation` (one committed state).

    `full`: rebuild from `documents` (all of them, canonical order) — the replica is empty, of
    another library, ahead of the record (a restored backup) or a build happened since.
    Otherwise `documents` are the touched documents still live (canonical order) and `touched`
    every id put or deleted since."""

    since: int
    generation: int
    library: str
    full: bool
    token: str = ""  # the newest generation's commit identity
    index_terms: list[str] | None = None  # a full delta's: the last build's segmenter dictionary
    documents: list[Document] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)
    committed_at: datetime | None = None


def _doc_json(doc: Document) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False)


def _ext(name: str) -> str:
    ext = Path(name).suffix.lower()
    return ext if ext and len(ext) <= 8 and ext[1:].isalnum() else ""


class PostgresRepository:
    """DocumentRepository over one PostgreSQL database."""

    kind = "postgresql"

    def __init__(self, url: str, *, connect_timeout: float = 5.0, writer: str | None = None) -> None:
        self.url = url
        self.connect_timeout = max(1, int(connect_timeout))
        self.writer = writer or socket.gethostname()
        self._migrated = False
        # set by the replica that follows this repository (read your writes, health)
        self.await_local: Callable[[Committed], tuple[str | None, dict[str, Any] | None]] | None = None
        self.follower_status: Callable[[], dict[str, Any]] | None = None

    # -- connections ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def connect(self) -> Iterator[psycopg.Connection]:
        """An autocommit connection; an unreachable database (or one lost mid-call) is StoreUnavailable."""
        try:
            conn = psycopg.connect(
                self.url, autocommit=True, connect_timeout=self.connect_timeout, application_name="policykg"
            )
        except psycopg.OperationalError as exc:
            raise StoreUnavailable(UNAVAILABLE) from exc
        try:
            with conn:
                if not self._migrated:  # once per process: every entry point finds the schema in place
                    migrate(conn)
                    self._migrated = True
                yield conn
        except psycopg.OperationalError as exc:
            raise StoreUnavailable(UNAVAILABLE) from exc

    def ensure_schema(self) -> int:
        with self.connect() as conn:
            return current_version(conn)

    # -- reading -------------------------------------------------------------------------------

    def version(self) -> int:
        return self.generation()

    def generation(self) -> int:
        with self.connect() as conn:
            return _generation(conn)

    def library(self) -> str:
        with self.connect() as conn:
            return _library(conn)

    def changes_since(self, since: int, library: str | None, token: str | None = None) -> Delta:
        """The delta from generation `since` (commit `token`) of `library` to the newest one."""
        with self.connect() as conn:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            conn.read_only = True
            with conn.transaction():
                lib = _library(conn)
                newest = _generation(conn)
                row = conn.execute(
                    "SELECT created_at, token::text FROM policykg_generations WHERE generation = %s",
                    (newest,),
                ).fetchone()
                at, newest_token = (row[0], row[1]) if row else (None, "")
                row = conn.execute(
                    "SELECT token::text FROM policykg_generations WHERE generation = %s", (since,)
                ).fetchone()
                # the replica's generation is this record's (not one lost in a failover, not of a
                # restored older backup); without a token (an older local manifest) by number only
                known = row is not None and (token is None or row[0] == token)
                if newest == since and lib == library and known:
                    return Delta(since, newest, lib, full=False, token=newest_token, committed_at=at)
                built = conn.execute(
                    "SELECT count(*) FROM policykg_generations WHERE generation > %s AND kind = 'build'",
                    (since,),
                ).fetchone()
                if lib != library or not known or (built and built[0]):
                    docs = _documents(conn, "SELECT doc FROM policykg_documents ORDER BY position", ())
                    terms = conn.execute(
                        "SELECT index_terms FROM policykg_generations WHERE index_terms IS NOT NULL"
                        " ORDER BY generation DESC LIMIT 1"
                    ).fetchone()
                    return Delta(
                        since, newest, lib, full=True, documents=docs, token=newest_token, committed_at=at,
                        index_terms=json.loads(terms[0]) if terms else None,
                    )  # fmt: skip
                touched = {
                    r[0]
                    for r in conn.execute(
                        "SELECT DISTINCT doc_id FROM policykg_changes WHERE generation > %s", (since,)
                    )
                }
                docs = _documents(
                    conn,
                    "SELECT doc FROM policykg_documents WHERE doc_id = ANY(%s) ORDER BY position",
                    (sorted(touched),),
                )
                terms = conn.execute(
                    "SELECT index_terms FROM policykg_generations WHERE index_terms IS NOT NULL"
                    " ORDER BY generation DESC LIMIT 1"
                ).fetchone()
                return Delta(
                    since,
                    newest,
                    lib,
                    index_terms=json.loads(terms[0]) if terms else None,
                    full=False,
                    documents=docs,
                    touched=touched,
                    token=newest_token,
                    committed_at=at,
                )

    def original(self, sha256: str) -> tuple[str, bytes] | None:
        """The kept bytes of a live document's file (extension, data)."""
        with self.connect() as conn:
            row = conn.execute(
                "SELECT ext, data FROM policykg_originals WHERE sha256 = %s", (sha256,)
            ).fetchone()
        return (row[0], bytes(row[1])) if row else None

    # -- writing -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def writing(self, timeout: float) -> Iterator[Head]:
        """The advisory lock and the live documents, in one transaction that the commit ends."""
        with self.connect() as conn, conn.transaction():
            conn.execute(f"SET LOCAL lock_timeout = '{max(1, int(timeout * 1000))}ms'")
            try:
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
            except psycopg.errors.LockNotAvailable:
                raise StoreBusy("另一个写操作正在进行，请稍后重试") from None
            conn.execute("SET LOCAL lock_timeout = 0")
            generation = _generation(conn)
            docs = _documents(conn, "SELECT doc FROM policykg_documents ORDER BY position", ())
            yield Head(generation, docs, lambda change, **_hints: self._commit(conn, generation, change))

    def _commit(self, conn: psycopg.Connection, base: int, change: Change) -> Committed:
        """Write one change as generation base + 1 (inside the writer's transaction)."""
        gen = base + 1
        conn.execute(
            "INSERT INTO policykg_generations (generation, kind, writer, summary, index_terms)"
            " VALUES (%s, %s, %s, %s, %s)",
            (
                gen,
                change.kind,
                self.writer,
                json.dumps(change.summary(), ensure_ascii=False),
                None
                if change.index_terms is None
                else json.dumps(list(change.index_terms), ensure_ascii=False),
            ),
        )
        gone = [r[0] for r in conn.execute("SELECT doc_id FROM policykg_documents")] if change.full else []
        deleted = sorted({*change.deleted, *gone})
        put_ids = {d.id for d in change.put}
        with conn.cursor() as cur:
            if deleted:
                cur.execute("DELETE FROM policykg_documents WHERE doc_id = ANY(%s)", (deleted,))
            if put_ids:
                cur.execute("DELETE FROM policykg_documents WHERE doc_id = ANY(%s)", (sorted(put_ids),))
            cur.executemany(
                "INSERT INTO policykg_documents (doc_id, position, parent_id, sha256, generation, doc)"
                " VALUES (%s, nextval('policykg_position_seq'), %s, %s, %s, %s)",
                [(d.id, d.parent_id, d.sha256, gen, _doc_json(d)) for d in change.put],
            )
            ops = [(gen, i, "delete") for i in deleted if i not in put_ids]
            ops += [(gen, d.id, "put") for d in change.put]
            cur.executemany("INSERT INTO policykg_changes (generation, doc_id, op) VALUES (%s, %s, %s)", ops)
            cur.executemany(
                "INSERT INTO policykg_originals (sha256, ext, data, generation) VALUES (%s, %s, %s, %s)"
                " ON CONFLICT (sha256) DO NOTHING",
                [(doc.sha256, _ext(up.name), up.data, gen) for up, doc in change.originals],
            )
            # the bytes of deleted and replaced documents go with them (as in the data dir)
            cur.execute(
                "DELETE FROM policykg_originals o WHERE NOT EXISTS"
                " (SELECT 1 FROM policykg_documents d WHERE d.sha256 = o.sha256)"
            )
            cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, str(gen)))
        return Committed(gen)

    @contextlib.contextmanager
    def initializing(self) -> Iterator[int]:
        """A session lock for a replica that may build an empty library (the others wait, then
        find it built); yields the generation under the lock."""
        with self.connect() as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", (INIT_LOCK_KEY,))
            try:
                yield _generation(conn)
            finally:
                with contextlib.suppress(psycopg.Error):
                    conn.execute("SELECT pg_advisory_unlock(%s)", (INIT_LOCK_KEY,))

    # -- the replica's side --------------------------------------------------------------------

    def visible(self, committed: Committed) -> tuple[str | None, dict[str, Any] | None]:
        if self.await_local is None:
            return None, None
        return self.await_local(committed)

    def status(self) -> dict[str, Any]:
        out: dict[str, Any] = {"store": self.kind}
        if self.follower_status is not None:
            out.update(self.follower_status())
        return out


def _generation(conn: psycopg.Connection) -> int:
    row = conn.execute("SELECT coalesce(max(generation), 0) FROM policykg_generations").fetchone()
    return int(row[0]) if row else 0


def _library(conn: psycopg.Connection) -> str:
    row = conn.execute("SELECT value FROM policykg_meta WHERE key = 'library_id'").fetchone()
    return str(row[0]) if row else ""


def _documents(conn: psycopg.Connection, sql: str, params: tuple[Any, ...]) -> list[Document]:
    return [Document.from_dict(json.loads(r[0])) for r in conn.execute(sql, params)]  # type: ignore[arg-type]
