"""D3 (issue 17): a burst of uploads must not take the threads reads need.

The attack: 60 parallel small uploads while writes are serialised; on main every waiting upload
held a request thread polling the write lock, so reads queued behind them (one search 38.9 s)
and uploads got 503. Here the thread pool is shrunk to 4 so that 8 uploads are the same burst,
and the write lock is held by the test, so no upload can finish: a read must still be served.
The long form (60 uploads, 12k clauses, p50/p95) is `python -m bench.writeburst`.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import TOKEN, auth, make_client

pytestmark = pytest.mark.e2e

THREADS = 4
BURST = 2 * THREADS


def _small_thread_pool() -> None:
    from anyio import to_thread

    to_thread.current_default_thread_limiter().total_tokens = THREADS


def _text(i: int) -> bytes:
    return f"关于第{i}批离退休干部党支部活动的通知\n\n一、各党支部每月开展一次主题党日活动。\n".encode()


def test_d3_reads_are_served_while_a_burst_of_uploads_waits(data_dir: Path, monkeypatch) -> None:
    import service.routes as routes
    from service import writes
    from service.store import DataStore

    monkeypatch.setattr(writes, "WRITE_LOCK_TIMEOUT", 600.0)  # waiting writers never give up here
    received = threading.Semaphore(0)
    real_read_uploads = routes.read_uploads

    async def counting_read_uploads(request, max_bytes):  # type: ignore[no-untyped-def]
        out = await real_read_uploads(request, max_bytes)
        received.release()
        return out

    monkeypatch.setattr(routes, "read_uploads", counting_read_uploads)
    with make_client(data_dir, api_token=TOKEN) as client:
        client.portal.call(_async_small_pool)
        assert client.get("/api/search", params={"q": "党支部"}).status_code == 200
        store = DataStore(data_dir)
        pool = ThreadPoolExecutor(BURST + 1)
        with store.write_lock(5.0):
            uploads = [
                pool.submit(
                    client.post,
                    "/api/documents",
                    headers=auth(),
                    files={"files": (f"burst-{i}.txt", _text(i), "text/plain")},
                )
                for i in range(BURST)
            ]
            for _ in range(BURST):
                assert received.acquire(timeout=120), "the uploads never reached the server"
            read = pool.submit(client.get, "/api/search", params={"q": "主题党日"})
            # The lock is still held: no upload can have finished. The read must not wait for them.
            served_while_locked = _wait(read, 60.0)
        statuses = [u.result(timeout=600).status_code for u in uploads]
        read_status = read.result(timeout=600).status_code
        pool.shutdown()
        docs = client.get("/api/documents", params={"limit": 100}).json()["documents"]
    # Asserted after the client closed: a failing check inside it can hang the test client.
    assert served_while_locked, "a read waited behind uploads that hold the request threads"
    assert read_status == 200
    assert all(s == 201 for s in statuses), statuses
    assert {f"burst-{i}" for i in range(BURST)} <= {d["doc_id"] for d in docs}


async def _async_small_pool() -> None:
    _small_thread_pool()


def _wait(future, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    try:
        future.result(timeout=seconds)
    except TimeoutError:
        return False
    return True


def test_d3_a_burst_beyond_the_queue_is_refused_at_once_with_retry_after(data_dir: Path) -> None:
    from service.store import DataStore

    with make_client(data_dir, api_token=TOKEN, write_queue_jobs=2) as client:
        store = DataStore(data_dir)
        pool = ThreadPoolExecutor(4)
        with store.write_lock(5.0):
            first = [
                pool.submit(
                    client.post,
                    "/api/documents",
                    headers=auth(),
                    files={"files": (f"q-{i}.txt", _text(i), "text/plain")},
                )
                for i in range(2)
            ]
            queue = client.app.state.write_queue
            while queue.pending < 2:
                threading.Event().wait(0.01)
            refused = client.post(
                "/api/documents", headers=auth(), files={"files": ("q-9.txt", _text(9), "text/plain")}
            )
            assert refused.status_code == 429, refused.text
            assert refused.headers.get("Retry-After", "").isdigit()
            err = refused.json()["error"]
            assert err["code"] == "write_queue_full" and "队列" in err["message"]
        assert [f.result(timeout=300).status_code for f in first] == [201, 201]
        pool.shutdown()
