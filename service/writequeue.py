"""The write queue: every HTTP write runs on one worker thread, requests wait without a thread.

Writes are serialised anyway (the data dir's lock); letting each upload wait for that lock on a
request thread means a burst of uploads occupies the thread pool the reads need (issue 17, D3:
60 parallel uploads made one search wait 38.9 s). Here a write is queued and the request awaits
its future on the event loop; one worker thread parses and commits, one job after another.

The queue is bounded by jobs and by the bytes they carry: a burst beyond it is refused at once
(429 with Retry-After), never left to pile up in memory.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from policykg.errors import WriteQueueFull

T = TypeVar("T")

DEFAULT_MAX_JOBS = 64
DEFAULT_MAX_BYTES = 256 * 1024 * 1024


class WriteQueue:
    """A bounded FIFO of write jobs run by one worker thread (created on first use)."""

    def __init__(self, max_jobs: int = DEFAULT_MAX_JOBS, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_jobs = max(1, int(max_jobs))
        self.max_bytes = max(1, int(max_bytes))
        self._lock = threading.Lock()
        self._jobs = 0
        self._bytes = 0
        self._executor: ThreadPoolExecutor | None = None

    @property
    def pending(self) -> int:
        """Jobs queued or running."""
        return self._jobs

    def submit(self, fn: Callable[..., T], *args: Any, cost: int = 0, **kwargs: Any) -> Future[T]:
        """Queue `fn(*args, **kwargs)`; raises WriteQueueFull when the queue has no room for it.

        `cost` is the bytes the job holds while it waits (the uploaded files).
        """
        cost = max(0, int(cost))
        with self._lock:
            # One job always fits, whatever its size: the upload limit already bounds it.
            if self._jobs >= self.max_jobs or (self._jobs and self._bytes + cost > self.max_bytes):
                raise WriteQueueFull(
                    f"写入队列已满（{self._jobs} 个写操作正在排队），请稍后重试",
                )
            self._jobs += 1
            self._bytes += cost
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="policykg-write")
            executor = self._executor
        try:
            future = executor.submit(fn, *args, **kwargs)
        except BaseException:
            self._release(cost)
            raise
        future.add_done_callback(lambda _f: self._release(cost))
        return future

    async def run(self, fn: Callable[..., T], *args: Any, cost: int = 0, **kwargs: Any) -> T:
        """`submit` and await the result without holding a thread while it waits its turn."""
        return await asyncio.wrap_future(self.submit(fn, *args, cost=cost, **kwargs))

    def _release(self, cost: int) -> None:
        with self._lock:
            self._jobs -= 1
            self._bytes -= cost

    def close(self) -> None:
        """Finish the queued jobs and stop the worker (the app's shutdown)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True)
