"""A process pool for the build: per-file ingest and per-document graph scans, in input order.

Both stages are pure per file / per document, so they map over worker processes and the
results (Documents, mentions) come back pickled — about 0.07 s each way for the 21 MB of
Documents of a 10k-clause corpus, small next to the 3 s of work they carry.

Start method: ``fork`` when this process runs a single thread (the CLI build, the bench), so the
workers inherit the loaded dictionaries, gazetteer and converters for free; ``forkserver`` (then
``spawn``) when other threads exist (the HTTP server: forking a process with threads can copy
a lock held by another thread and deadlock the child).
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TypeVar

log = logging.getLogger("policykg.ingest")
T = TypeVar("T")
R = TypeVar("R")

# Below this total size of the files a pool does not pay. Measured (bench.corpus_gen files, 2
# idle cores, fork, ingest + the graph's per-document scans, best of 3): 128 KB 0.070 s serial /
# 0.066 s pool, 256 KB 0.131 / 0.111, 512 KB 0.243 / 0.169, 1 MB 0.525 / 0.379, 2 MB 1.02 / 0.74.
# The seed corpus (150 KB) stays serial; spawn/forkserver workers would also load dictionaries.
PARALLEL_MIN_BYTES = 512 * 1024


def start_method() -> str:
    """fork only when no other thread can hold a lock at fork time (see the module docstring)."""
    methods = multiprocessing.get_all_start_methods()
    if threading.active_count() == 1 and "fork" in methods:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


class WorkerPool:
    """An ordered `map` over worker processes, or in this process when there is no pool."""

    def __init__(self, executor: Executor | None, workers: int) -> None:
        self.executor = executor
        self.workers = workers if executor is not None else 1

    @property
    def parallel(self) -> bool:
        return self.executor is not None

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """fn over items, results in input order. fn must be a module-level (picklable) function."""
        if self.executor is None or len(items) < 2:
            return [fn(x) for x in items]
        try:
            return list(self.executor.map(fn, items, chunksize=chunk_size(len(items), self.workers)))
        except BrokenProcessPool as exc:
            # a worker killed (out of memory, a signal) or unable to start: the work is pure, so
            # it is redone here rather than failing the build
            log.warning("build worker pool failed (%s); continuing in one process", exc)
            self.executor = None
            return [fn(x) for x in items]


def chunk_size(n: int, workers: int) -> int:
    # ~4 chunks per worker: big enough to keep the pickling overhead low, small enough to balance
    return max(1, n // (workers * 4))


@contextmanager
def worker_pool(workers: int, size: int = 0, min_size: int = 0) -> Iterator[WorkerPool]:
    """A pool of `workers` processes when workers > 1 and size ≥ min_size, else a serial one.

    The pool is shut down (and its processes joined) on exit, also on error.
    """
    if workers <= 1 or size < min_size:
        yield WorkerPool(None, 1)
        return
    method = start_method()
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))
    try:
        yield WorkerPool(executor, workers)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
