"""The write queue: every HTTP write runs on one worker thread, requests wait without a thread.

Writes are serialised anyway (the data dir's lock); letting each upload wait for that lock on a
request thread means a burst of uploads occupies the thread pool the reads need (issue 17, D3:
60 parallel uploads made one search wait 38.9 s). Here a write is queued and the request awaits
its future on the event loop; one worker thread runs the writes in order.

Uploads waiting together are committed together (group commit): a job submitted with a batch
function runs with the jobs queued right behind it that have the same function, as one call
(`Engine.ingest_batch`: one generation for all of them, each request its own report or error).
A burst of 60 uploads is then a handful of generations instead of 60, which is less work for
the writer, fewer snapshot reloads for the readers and fewer generations on disk.

The queue is bounded by jobs and by the bytes they carry: a burst beyond it is refused at once
(429 with Retry-After), never left to pile up in memory.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from policykg.errors import WriteQueueFull

DEFAULT_MAX_JOBS = 64
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
DEFAULT_MAX_GROUP = 16

BatchFn = Callable[[list[Any]], Sequence[Any]]


@dataclass
class _Job:
    run: Callable[[], Any] | None  # a job on its own
    batch: BatchFn | None  # or an item for a batch function
    item: Any
    cost: int
    future: Future[Any] = field(default_factory=Future)


class WriteQueue:
    """A bounded FIFO of write jobs run by one worker thread (started on first use)."""

    def __init__(
        self,
        max_jobs: int = DEFAULT_MAX_JOBS,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_group: int = DEFAULT_MAX_GROUP,
    ) -> None:
        self.max_jobs = max(1, int(max_jobs))
        self.max_bytes = max(1, int(max_bytes))
        self.max_group = max(1, int(max_group))
        self._cond = threading.Condition()
        self._queue: deque[_Job] = deque()
        self._jobs = 0  # queued or running
        self._bytes = 0
        self._worker: threading.Thread | None = None
        self._closed = False

    @property
    def pending(self) -> int:
        """Jobs queued or running."""
        return self._jobs

    def submit(self, fn: Callable[..., Any], *args: Any, cost: int = 0, **kwargs: Any) -> Future[Any]:
        """Queue `fn(*args, **kwargs)` on its own; WriteQueueFull when there is no room."""
        return self._put(_Job(run=lambda: fn(*args, **kwargs), batch=None, item=None, cost=max(0, int(cost))))

    def submit_batched(self, batch: BatchFn, item: Any, *, cost: int = 0) -> Future[Any]:
        """Queue `item` for `batch`, which is called with the items of consecutive queued jobs
        of the same function and returns one result per item (an exception instance in an
        item's place is raised to that item's caller only)."""
        return self._put(_Job(run=None, batch=batch, item=item, cost=max(0, int(cost))))

    async def run(self, fn: Callable[..., Any], *args: Any, cost: int = 0, **kwargs: Any) -> Any:
        """`submit` and await the result without holding a thread while it waits its turn."""
        return await asyncio.wrap_future(self.submit(fn, *args, cost=cost, **kwargs))

    async def run_batched(self, batch: BatchFn, item: Any, *, cost: int = 0) -> Any:
        return await asyncio.wrap_future(self.submit_batched(batch, item, cost=cost))

    def _put(self, job: _Job) -> Future[Any]:
        with self._cond:
            if self._closed:
                raise WriteQueueFull("服务正在停止，暂不接受写操作，请稍后重试")
            # One job always fits, whatever its size: the upload limit already bounds it.
            if self._jobs >= self.max_jobs or (self._jobs and self._bytes + job.cost > self.max_bytes):
                raise WriteQueueFull(f"写入队列已满（{self._jobs} 个写操作正在排队），请稍后重试")
            self._jobs += 1
            self._bytes += job.cost
            self._queue.append(job)
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="policykg-write", daemon=True)
                self._worker.start()
            self._cond.notify()
        return job.future

    def _take(self) -> list[_Job] | None:
        with self._cond:
            while not self._queue and not self._closed:
                self._cond.wait()
            if not self._queue:
                return None
            group = [self._queue.popleft()]
            head = group[0]
            while (
                head.batch is not None
                and self._queue
                and self._queue[0].batch == head.batch  # bound methods: equal, not identical
                and len(group) < self.max_group
            ):
                group.append(self._queue.popleft())
            return group

    def _work(self) -> None:
        while (group := self._take()) is not None:
            try:
                _run_group(group)
            finally:
                with self._cond:
                    self._jobs -= len(group)
                    self._bytes -= sum(j.cost for j in group)

    def close(self) -> None:
        """Finish the queued jobs and stop the worker (the app's shutdown)."""
        with self._cond:
            self._closed = True
            worker = self._worker
            self._cond.notify_all()
        if worker is not None:
            worker.join()


def _run_group(group: list[_Job]) -> None:
    """Run one job, or one batch call for a group, and settle every job's future."""
    for job in group:
        job.future.set_running_or_notify_cancel()
    head = group[0]
    try:
        if head.batch is None:
            assert head.run is not None
            results: Sequence[Any] = [head.run()]
        else:
            results = head.batch([j.item for j in group])
            if len(results) != len(group):
                raise RuntimeError("a batch function must return one result per item")
    except BaseException as exc:  # the whole call failed: every job of it gets the error
        for job in group:
            job.future.set_exception(exc)
        if not isinstance(exc, Exception):
            raise
        return
    for job, result in zip(group, results, strict=True):
        if isinstance(result, BaseException):
            job.future.set_exception(result)
        else:
            job.future.set_result(result)
