"""Consistent reads under load, short form (the long form is `python -m bench.load --seconds 30`).

uvicorn with 2 workers over one data dir on loopback; reader threads send mixed search /
precedents / compare / document traffic while a writer adds, replaces and deletes a probe
document through the API. Zero errors, zero inconsistencies (see bench/load.py for the rules),
and the readers must actually have seen the probe in more than one state.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import TOKEN

from bench import load

pytestmark = pytest.mark.e2e

SECONDS = 4.0
WORKERS = 2
READERS = 3


@pytest.fixture
def server(data_dir: Path, tmp_path: Path):
    port = load.free_port()
    base = f"http://127.0.0.1:{port}"
    proc = load.start_server(data_dir, port, WORKERS, TOKEN, tmp_path / "server.log")
    try:
        load.wait_ready(base, proc)
        yield base
    finally:
        load.stop_server(proc)
    log = (tmp_path / "server.log").read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log and "unhandled" not in log, log[-3000:]


def test_mixed_load_with_writes_is_consistent(server: str, tmp_path: Path) -> None:
    result = load.run_load(server, TOKEN, SECONDS, readers=READERS, seed=1, workers=WORKERS)
    summary = result.summary()
    print("\n" + load.report_markdown(summary, None, "pytest tests/reliability/test_reliability_load.py -s"))
    (tmp_path / "load-summary.json").write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
    assert not result.errors, result.errors[:10]
    assert not result.inconsistencies, result.inconsistencies[:10]
    assert result.writes >= 3
    # Every kind of traffic ran, and the probe was seen in at least two states (else the
    # all-or-nothing check had nothing to check).
    assert {"search", "search_probe", "precedents", "compare", "document"} <= set(result.latencies)
    assert len([s for s in result.probe_states_seen if s in ("absent", "v1", "v2")]) >= 2, dict(
        result.probe_states_seen
    )
    concurrent_writers_on_all_workers(server)


def concurrent_writers_on_all_workers(base: str, n: int = 4) -> None:
    """n uploads at the same moment on fresh connections (so on both workers): the write lock
    serialises them across processes, every one lands, none is lost by a concurrent swap."""
    import threading

    import httpx

    before = httpx.get(f"{base}/api/health", timeout=60).json()
    barrier = threading.Barrier(n)
    statuses: list[int] = []

    def send(i: int) -> None:
        text = f"关于并发写入测试第{i}号的通知\n\n一、总体要求\n并发写入标记{i}号，离退休干部党支部建设。\n"
        barrier.wait()
        with httpx.Client(timeout=300) as c:
            r = c.post(
                f"{base}/api/documents",
                files=[("files", (f"concurrent-{i}.txt", text.encode(), "text/plain"))],
                headers={"Authorization": f"Bearer {TOKEN}"},
            )
        statuses.append(r.status_code)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [201] * n, statuses
    after = httpx.get(f"{base}/api/health", timeout=60).json()
    assert after["documents"] == before["documents"] + n, (before, after)
    for i in range(n):
        r = httpx.get(f"{base}/api/documents/concurrent-{i}", timeout=60)
        assert r.status_code == 200, (i, r.status_code)


# -- the checker itself must be able to fail ------------------------------------------------------


def _checker() -> load.Checker:
    probe = load.Probe(
        search_ids={
            1: frozenset({"loadprobe:0001", "loadprobe:0002"}),
            2: frozenset({"loadprobe:0001", "loadprobe:0002"}),
        },
        detail_counts={1: 2, 2: 2},
    )
    return load.Checker({"seed": "种子文档"}, probe)


def _hit(cid: str, text: str, doc_id: str = "loadprobe", title: str | None = None) -> dict:
    return {"clause_id": cid, "doc_id": doc_id, "text": text, "document": {"doc_id": doc_id, "title": title}}


def test_checker_flags_mixed_versions() -> None:
    state, problems = _checker().probe_state(
        "t", [_hit("loadprobe:0001", "负载探针第一版"), _hit("loadprobe:0002", "负载探针第二版")]
    )
    assert state == "mixed" and problems


def test_checker_flags_partial_visibility() -> None:
    state, problems = _checker().probe_state("t", [_hit("loadprobe:0001", "负载探针第一版")])
    assert state == "v1" and problems


def test_checker_accepts_whole_states() -> None:
    c = _checker()
    assert c.probe_state("t", []) == ("absent", [])
    whole = [_hit("loadprobe:0001", "负载探针第二版"), _hit("loadprobe:0002", "负载探针第二版")]
    assert c.probe_state("t", whole) == ("v2", [])


def test_checker_flags_clauses_under_the_wrong_document() -> None:
    c = _checker()
    assert c.results("t", [_hit("other:0001", "x", doc_id="seed", title="种子文档")])
    assert c.results("t", [_hit("seed:0001", "x", doc_id="seed", title="别的标题")])
    assert c.results("t", [_hit("ghost:0001", "x", doc_id="ghost")])
    assert not c.results("t", [_hit("seed:0001", "x", doc_id="seed", title="种子文档")])


def test_checker_flags_a_partial_detail_page() -> None:
    c = _checker()
    body = {"title": "（第一版）", "clauses": [{"text": "负载探针第一版"}]}
    state, problems = c.probe_detail("t", 200, body)
    assert state == "v1" and problems
    assert c.probe_detail("t", 404, {}) == ("absent", [])


# -- a request in flight when its generation is pruned -------------------------------------------


def test_a_request_on_an_older_generation_survives_later_commits(data_dir: Path) -> None:
    import threading

    from policykg.settings import Settings
    from service.engine import Engine, SearchParams, Upload

    reader = Engine(Settings(data_dir=data_dir))
    writer = Engine(Settings(data_dir=data_dir))
    try:
        snap = reader.snapshot()  # what a request holds from its first line to its last
        for i in range(3):  # other workers commit meanwhile
            text = f"关于第{i}次修剪测试的通知\n\n一、要求\n离退休干部党支部修剪测试第{i}条。\n"
            writer.ingest([Upload(f"prune-{i}.txt", text.encode())], atomic=True)
        failures: list[str] = []

        def search() -> None:  # the request's first search runs on a threadpool thread
            try:
                reader.backend.search(snap.index, SearchParams(q="社区报到", limit=5))
            except Exception as exc:
                failures.append(f"{type(exc).__name__}: {exc}")

        t = threading.Thread(target=search)
        t.start()
        t.join()
        assert not failures, failures
    finally:
        reader.close()
        writer.close()
