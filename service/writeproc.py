"""The writer in its own process: a served instance's commits do not take CPU from its reads.

A commit at library scale is seconds of pure-Python work (ingest, the graph's scans and linking,
the index update, serialising documents and graph). Run on the server's write thread it holds the
interpreter lock against every read: measured at 12.8k clauses, read p95 went from 110 ms idle
to 2 s during a burst of 60 uploads (18×), and the reads waiting on file I/O suffered most (each
`read` gives the lock up and waits up to a switch interval to get it back). Here the `Writer`
runs in a child process with its own interpreter; the server keeps only what must happen in it:
opening the new generation before the swap and serving it from the swap on (`preload` and
`install`, called back from the child at the same points of `DataStore.commit` as in process).

Protocol over one duplex pipe, one call at a time (writes are serialised anyway):
  parent → child  ("call", method, args, kwargs)
  child → parent  ("preload", path) → parent replies ("preloaded", token or None)
  child → parent  ("install", token) → parent replies ("installed", None)
  child → parent  ("result", value) | ("error", exception)
Exceptions travel with their type and attributes (`_dumps`), whatever their constructor takes.
The child ignores SIGINT (the server drains its queue on Ctrl-C) and exits when the pipe closes
or on SIGTERM (a killed write leaves only a temporary directory: the data dir is crash-safe). A child that died is replaced on the next write; the write it
was running fails with a 503 (the data dir keeps the last committed generation).
"""

from __future__ import annotations

import contextlib
import copyreg
import io
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from policykg.errors import PolicyKGError
from policykg.settings import Settings

WRITER_NICE = 10
# the Writer methods the engine calls
METHODS = frozenset({"build", "ingest", "ingest_batch", "delete", "patch", "read_paths"})


class WriterGone(PolicyKGError):
    """The write process ended during a write: nothing was acknowledged, retry."""

    code = "writer_restarted"
    status = 503
    retry_after = 2


def _rebuild_exception(
    cls: type[BaseException], args: tuple[Any, ...], state: dict[str, Any]
) -> BaseException:
    exc = cls.__new__(cls)
    BaseException.__init__(exc, *args)
    exc.__dict__.update(state)
    return exc


class _Pickler(pickle.Pickler):
    """Exceptions by type, args and attributes (their __init__ may take anything else)."""

    dispatch_table = copyreg.dispatch_table.copy()

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, BaseException):
            return _rebuild_exception, (type(obj), obj.args, dict(obj.__dict__))
        return NotImplemented


def _dumps(obj: Any) -> bytes:
    buf = io.BytesIO()
    _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return buf.getvalue()


def _loads(data: bytes) -> Any:
    return pickle.loads(data)


def _child_main(conn: Any, settings: Settings) -> None:
    """The child: one Writer over the data dir, its preload/install forwarded to the parent."""
    # Ctrl-C reaches the whole process group: the server drains its write queue on it, so the
    # child must live on to run those writes. SIGTERM ends it (a killed write leaves only a
    # temporary directory, removed by the next writer).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Reads first: when the CPUs are busy, the scheduler gives the server's readers precedence
    # over a commit (the same session, so the same autogroup: nice values count between them).
    with contextlib.suppress(OSError):
        os.nice(WRITER_NICE)
    from service.backend import Backend
    from service.store import DataStore
    from service.writes import Writer

    def ask(kind: str, value: Any) -> Any:
        conn.send_bytes(_dumps((kind, value)))
        _reply, answer = _loads(conn.recv_bytes())
        return answer

    def preload(path: Path) -> Any:
        token = ask("preload", str(path))
        if token is None:  # the parent could not open it: the first read there loads it
            raise RuntimeError("preload failed in the server process")
        return token

    def install(token: Any) -> None:
        ask("install", token)

    store = DataStore(
        settings.resolved_data_dir(),
        grace_seconds=settings.snapshot_grace_seconds,
        max_superseded=settings.snapshot_max_superseded,
    )
    writer = Writer(settings, Backend(settings), store, preload=preload, install=install)
    while True:
        try:
            message = _loads(conn.recv_bytes())
        except (EOFError, OSError):
            return  # the server is gone
        _kind, method, args, kwargs = message
        try:
            value = ("result", getattr(writer, method)(*args, **kwargs))
        except Exception as exc:
            value = ("error", exc)
        try:
            conn.send_bytes(_dumps(value))
        except (EOFError, OSError):
            return


class WriterProcess:
    """A `Writer` stand-in whose calls run in a child process (started on first use).

    `preload(path)` and `install(preloaded)` are the engine's (see LiveSnapshot.preload/install in
    service/livesnapshot.py); they run in this process, on the calling thread, while the child waits.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        preload: Callable[[Path], Any] | None = None,
        install: Callable[[Any], None] | None = None,
    ) -> None:
        self.settings = settings
        self.preload = preload
        self.install = install
        self._lock = threading.Lock()
        self._proc: Any = None
        self._conn: Any = None
        self._pending: dict[int, Any] = {}  # preloaded generations by token, until installed
        self._next_token = 0

    # the Writer methods the engine uses
    def build(self, *args: Any, **kwargs: Any) -> Any:
        return self.call("build", *args, **kwargs)

    def ingest(self, *args: Any, **kwargs: Any) -> Any:
        return self.call("ingest", *args, **kwargs)

    def ingest_batch(self, *args: Any, **kwargs: Any) -> Any:
        return self.call("ingest_batch", *args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        return self.call("delete", *args, **kwargs)

    def patch(self, *args: Any, **kwargs: Any) -> Any:
        return self.call("patch", *args, **kwargs)

    def read_paths(self, *args: Any, **kwargs: Any) -> Any:
        return self.call("read_paths", *args, **kwargs)

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None and self._proc.is_alive() else None

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        if method not in METHODS:
            raise AttributeError(method)
        with self._lock:
            conn = self._ensure()
            try:
                conn.send_bytes(_dumps(("call", method, args, kwargs)))
                return self._serve(conn)
            except (EOFError, OSError, BrokenPipeError) as exc:
                self._discard()
                raise WriterGone("写入进程意外退出，写操作未完成，请重试") from exc
            finally:
                self._drop_pending()

    def _serve(self, conn: Any) -> Any:
        """Answer the child's callbacks until its result arrives."""
        while True:
            kind, value = _loads(conn.recv_bytes())
            if kind == "result":
                return value
            if kind == "error":
                raise value
            if kind == "preload":
                conn.send_bytes(_dumps(("preloaded", self._preload(Path(value)))))
            elif kind == "install":
                snap = self._pending.pop(value, None)
                if snap is not None and self.install is not None:
                    self.install(snap)
                conn.send_bytes(_dumps(("installed", None)))
            else:  # pragma: no cover - a protocol error is a bug
                raise RuntimeError(f"unexpected message from the write process: {kind}")

    def _preload(self, path: Path) -> int | None:
        if self.preload is None:
            return None
        try:
            snap = self.preload(path)
        except Exception:  # as in process: the first read loads it
            return None
        self._next_token += 1
        self._pending[self._next_token] = snap
        return self._next_token

    def _drop_pending(self) -> None:
        """Forget generations preloaded but never installed (the commit failed after the preload,
        or the child died after its swap). Dropped, not closed: a read may have adopted one
        (LiveSnapshot._adopt_prepared); a snapshot releases its lock with its last reference."""
        self._pending.clear()

    def _ensure(self) -> Any:
        if self._proc is not None and self._proc.is_alive():
            return self._conn
        self._discard()
        ctx = multiprocessing.get_context("spawn")  # never fork a threaded server
        parent, child = ctx.Pipe(duplex=True)
        proc = ctx.Process(
            target=_child_main, args=(child, self.settings), name="policykg-writer", daemon=True
        )
        proc.start()
        child.close()
        self._proc, self._conn = proc, parent
        return parent

    def _discard(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
        if self._proc is not None:
            proc = self._proc
            proc.join(timeout=0.1)
            if proc.is_alive():
                proc.kill()
                proc.join(timeout=5)
        self._proc = self._conn = None

    def close(self) -> None:
        """Stop the child (it finishes a write in flight first: it sees the pipe close after)."""
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(Exception):
                    self._conn.close()
            if self._proc is not None:
                self._proc.join(timeout=60)
                if self._proc.is_alive():
                    self._proc.kill()
                    self._proc.join(timeout=5)
            self._proc = self._conn = None
