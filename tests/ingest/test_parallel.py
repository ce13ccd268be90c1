"""The build's process pool: order, per-file outcomes, start method, thresholds."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from ingest import parallel, pipeline
from ingest.parallel import WorkerPool, start_method, worker_pool

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture
def fork(monkeypatch):
    """These tests exercise the fork path; the whole suite may have left threads behind (a
    TestClient, a browser), which would switch the pool to forkserver/spawn."""
    monkeypatch.setattr(parallel, "start_method", lambda: "fork")


def _double(x: int) -> int:
    return 2 * x


def test_serial_pool_maps_in_order():
    assert WorkerPool(None, 4).map(_double, [3, 1, 2]) == [6, 2, 4]
    assert not WorkerPool(None, 4).parallel


def test_pool_below_threshold_is_serial():
    with worker_pool(2, size=10, min_size=100) as pool:
        assert not pool.parallel
    with worker_pool(1, size=10**9, min_size=0) as pool:
        assert not pool.parallel


def test_process_pool_keeps_input_order(fork):
    with worker_pool(2, size=1, min_size=0) as pool:
        assert pool.parallel
        assert pool.map(_double, list(range(50))) == [2 * i for i in range(50)]


def _dies_in_a_worker(x: int) -> int:
    if os.getpid() != int(os.environ["POLICYKG_TEST_PARENT_PID"]):
        os._exit(3)  # a worker killed mid-task (out of memory, a signal)
    return 2 * x


def test_broken_pool_falls_back_to_this_process(monkeypatch, fork):
    monkeypatch.setenv("POLICYKG_TEST_PARENT_PID", str(os.getpid()))
    with worker_pool(2, size=1, min_size=0) as pool:
        assert pool.map(_dies_in_a_worker, [1, 2, 3, 4]) == [2, 4, 6, 8]
        assert not pool.parallel


def test_fork_only_without_other_threads(monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(threading, "active_count", lambda: 1)  # earlier tests may have left threads
        assert start_method() == "fork"
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert start_method() in ("forkserver", "spawn")
    finally:
        stop.set()
        t.join()


@pytest.mark.parametrize("workers", [1, 2])
def test_read_files_outcomes_in_order_with_errors(tmp_path, monkeypatch, workers):
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)  # use the pool even for small files
    seeds = sorted(CORPUS.glob("*.txt"))[:3]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    paths = [seeds[0], tmp_path / "missing.txt", seeds[1], empty, seeds[2]]
    got = pipeline.read_files(paths, workers=workers)
    assert [r.name for r in got] == [p.name for p in paths]
    assert [r.ok for r in got] == [True, False, True, False, True]
    assert got[1].code == "not_found" and "missing.txt" in (got[1].message or "")
    assert got[3].code == "empty_document"
    for path, r in zip(paths, got, strict=True):
        if r.ok:
            assert [d.to_dict() for d in r.documents] == [d.to_dict() for d in pipeline.read_file(path)]


def test_parse_bytes_turns_a_reader_bug_into_an_outcome(monkeypatch):
    def boom(raw):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(pipeline, "documents_from_raw", boom)
    got = pipeline.parse_bytes(("a.txt", "正文内容".encode(), 1000))
    assert not got.ok and got.unexpected == "ZeroDivisionError"


def test_warm_up_reads_a_document():
    docs = pipeline.warm_up()
    assert docs and docs[0].clauses


def test_threshold_is_positive():
    assert parallel.PARALLEL_MIN_BYTES > 0
