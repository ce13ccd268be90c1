"""Crash safety: `policykg build` and `policykg ingest` killed with SIGKILL, then a restart.

Two kinds of kill:
- at random moments (seeded delays spread over the length of an uninterrupted run), as a power cut
  or an OOM kill would;
- at exact steps of the write path (tests/reliability/crashpoint.py kills the process just before
  the n-th call of a chosen function: the fsync of the new generation, the store of the original,
  the swap of CURRENT, the prune of old generations).

After every kill: CURRENT names a complete snapshot (manifest = documents = index = graph), a
fresh Engine serves it, the document being ingested is either fully there (documents, index,
original bytes) or not there at all, the write lock is free, and the next write succeeds.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import HERE, REPO

pytestmark = pytest.mark.e2e

SEED = 8
RANDOM_KILLS = int(os.environ.get("POLICYKG_CRASH_ITERATIONS", "2"))  # per test; more for a longer soak
CRASHPOINT = HERE / "crashpoint.py"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYKG_")}
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONHASHSEED"] = "0"
    return env


def run_cli(args: list[str], *, crash_at: str | None = None, kill_after: float | None = None) -> int:
    """Run the CLI through crashpoint.py; SIGKILL it after `kill_after` seconds if still running."""
    env = _env()
    if crash_at:
        env["POLICYKG_CRASH_AT"] = crash_at
    proc = subprocess.Popen(
        [sys.executable, str(CRASHPOINT), *args],
        env=env,
        cwd=str(REPO),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if kill_after is not None:
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
    _, stderr = proc.communicate()
    if proc.returncode not in (0, -signal.SIGKILL):
        raise AssertionError(
            f"{args[0]} exited {proc.returncode}: {stderr.decode('utf-8', 'replace')[-2000:]}"
        )
    return proc.returncode


def doc_text(n: int) -> str:
    return (
        f"关于崩溃安全测试第{n}号的通知\n\n"
        "一、总体要求\n"
        f"离退休干部党员人数{n + 2}人以上的，可以单独建立党支部，编号崩溃测试{n}号。\n\n"
        "二、工作措施\n"
        "各党支部要坚持“三会一课”制度，每月开展一次主题党日活动。\n"
    )


def live(data: Path) -> tuple[str, Path]:
    name = (data / "CURRENT").read_text(encoding="utf-8").strip()
    return name, data / "snapshots" / name


def check_complete(data: Path) -> dict:
    """The live snapshot is complete and agrees with itself; a fresh engine serves exactly it."""
    from graph.store import KnowledgeGraph
    from policykg.settings import Settings
    from search.index import ClauseIndex
    from service.engine import Engine

    name, snap = live(data)
    assert snap.is_dir(), f"CURRENT names a missing snapshot {name}"
    manifest = json.loads((snap / "manifest.json").read_text(encoding="utf-8"))
    docs = [json.loads(x) for x in (snap / "documents.jsonl").read_text(encoding="utf-8").splitlines() if x]
    assert manifest["documents"] == len(docs)
    assert manifest["clauses"] == sum(len(d["clauses"]) for d in docs)
    KnowledgeGraph.load(snap / "graph.json")
    index = ClauseIndex.open(snap / "index")
    try:
        assert index.clause_count == manifest["clauses"]
        assert index.document_ids() == {d["id"] for d in docs if d["clauses"]}
    finally:
        index.close()
    engine = Engine(Settings(data_dir=data, corpus_dir=REPO / "corpus"))
    try:
        health = engine.health()
        assert (health["documents"], health["clauses"]) == (manifest["documents"], manifest["clauses"])
        assert health.get("snapshot", name) == name
        from service.engine import SearchParams

        assert engine.search(SearchParams(q="离退休干部党支部", limit=5))["results"]
    finally:
        engine.close()
    # The writer's lock died with it: a new writer gets it at once.
    from service.store import DataStore

    with DataStore(data).write_lock(timeout=0):
        pass
    return {"name": name, "docs": {d["id"]: d for d in docs}}


def check_all_or_nothing(data: Path, doc_id: str, raw: bytes, state: dict) -> bool:
    """The document is fully ingested (documents, index, original bytes) or not at all."""
    from search.index import ClauseIndex

    sha = hashlib.sha256(raw).hexdigest()
    original = data / "originals" / f"{sha}.txt"
    present = doc_id in state["docs"]
    _, snap = live(data)
    index = ClauseIndex.open(snap / "index")
    try:
        in_index = doc_id in index.document_ids()
    finally:
        index.close()
    assert in_index == present, (doc_id, present, in_index)
    if present:
        assert state["docs"][doc_id]["sha256"] == sha
        assert original.is_file(), "a live document whose original bytes are missing"
    if original.exists():  # an original kept before a crash must be whole (atomic write)
        assert hashlib.sha256(original.read_bytes()).hexdigest() == sha
    return present


@pytest.fixture
def crash_dir(data_dir: Path) -> Path:
    return data_dir


def calibrate(args: list[str]) -> float:
    """Length of one uninterrupted run, to spread the random kill points over (not asserted)."""
    start = time.monotonic()
    assert run_cli(args) == 0
    return time.monotonic() - start


def test_build_killed_at_random_moments(crash_dir: Path) -> None:
    data = crash_dir
    args = ["build", "--data-dir", str(data), "--json"]
    duration = calibrate(args)
    first = check_complete(data)
    rng = random.Random(SEED)
    seen = {first["name"]}
    for _ in range(RANDOM_KILLS):
        before = check_complete(data)["name"]
        run_cli(args, kill_after=rng.uniform(0.05, 1.1) * duration)
        after = check_complete(data)
        # Either the old generation or a complete new one; never a half.
        assert after["name"] == before or after["name"] not in seen
        seen.add(after["name"])
    assert run_cli(args) == 0
    check_complete(data)


def test_ingest_killed_at_random_moments(crash_dir: Path, tmp_path: Path) -> None:
    data = crash_dir
    rng = random.Random(SEED + 1)
    warm = tmp_path / "crash-warm.txt"
    warm.write_text(doc_text(0), encoding="utf-8")
    duration = calibrate(["ingest", str(warm), "--data-dir", str(data), "--json"])
    for n in range(1, RANDOM_KILLS + 1):
        path = tmp_path / f"crash-{n}.txt"
        raw = doc_text(n).encode("utf-8")
        path.write_bytes(raw)
        run_cli(
            ["ingest", str(path), "--data-dir", str(data), "--json"],
            kill_after=rng.uniform(0.05, 1.1) * duration,
        )
        state = check_complete(data)
        check_all_or_nothing(data, f"crash-{n}", raw, state)
    # Re-running the ingest afterwards completes them all (nothing left stuck by a crash).
    paths = [str(tmp_path / f"crash-{n}.txt") for n in range(1, RANDOM_KILLS + 1)]
    assert run_cli(["ingest", *paths, "--data-dir", str(data), "--json"]) == 0
    state = check_complete(data)
    for n in range(1, RANDOM_KILLS + 1):
        assert check_all_or_nothing(data, f"crash-{n}", doc_text(n).encode("utf-8"), state)


# (crash point, whether the document must be live afterwards: True, False, or None for either)
# In an ingest, os.replace is called for graph.json, the original, then CURRENT; os.rename for
# whoosh's TOC, then the generation's .tmp-X → X (checked by tracing a run).
INGEST_POINTS = [
    ("service.store.DataStore.store_original:1", False),  # generation written, original not kept
    ("os.replace:2", False),  # original written to its temporary, not renamed into place
    ("service.store.fsync_tree:1", False),  # original kept, generation not fsynced or renamed
    ("os.rename:2", False),  # fsynced, the rename .tmp-X → X not done
    ("service.store.atomic_write_bytes:2", False),  # renamed, CURRENT not yet written
    ("os.replace:3", False),  # CURRENT's temporary written, not swapped
    ("service.store.DataStore.prune:1", True),  # CURRENT swapped, old generations not pruned
]


def test_ingest_killed_at_each_step(crash_dir: Path, tmp_path: Path) -> None:
    """One data dir, one crash per step (each crashed run is also the recovery test of the one before)."""
    data = crash_dir
    files = []
    for i, (point, expect_live) in enumerate(INGEST_POINTS):
        before = check_complete(data)
        doc_id = f"crash-step-{i}"
        raw = doc_text(100 + i).encode("utf-8")
        path = tmp_path / f"{doc_id}.txt"
        path.write_bytes(raw)
        files.append((doc_id, raw, path))
        code = run_cli(["ingest", str(path), "--data-dir", str(data), "--json"], crash_at=point)
        assert code == -signal.SIGKILL, f"crash point {point} was never reached"
        state = check_complete(data)
        present = check_all_or_nothing(data, doc_id, raw, state)
        assert present == expect_live, (point, present)
        if not present:
            assert state["name"] == before["name"], point
    # The next writer cleans up after the dead ones and completes every document.
    assert run_cli(["ingest", *(str(p) for _, _, p in files), "--data-dir", str(data), "--json"]) == 0
    state = check_complete(data)
    for doc_id, raw, _ in files:
        assert check_all_or_nothing(data, doc_id, raw, state), doc_id
    assert not list((data / "snapshots").glob(".tmp-*"))


BUILD_POINTS = [
    ("service.store.fsync_tree:1", False),
    ("service.store.atomic_write_bytes:1", False),  # CURRENT swap of the build
    ("service.store.DataStore.prune:1", True),
]


def test_build_killed_at_each_step(crash_dir: Path) -> None:
    data = crash_dir
    for point, expect_new in BUILD_POINTS:
        before = check_complete(data)
        code = run_cli(["build", "--data-dir", str(data), "--json"], crash_at=point)
        assert code == -signal.SIGKILL, f"crash point {point} was never reached"
        after = check_complete(data)
        assert (after["name"] != before["name"]) == expect_new, point
    assert run_cli(["build", "--data-dir", str(data), "--json"]) == 0
    check_complete(data)
    assert not list((data / "snapshots").glob(".tmp-*"))


def test_old_generation_is_untouched_by_an_incremental_write(crash_dir: Path, tmp_path: Path) -> None:
    """Index files are hard-linked into the next generation: writing it must not alter the old one."""
    from search.index import ClauseIndex

    data = crash_dir
    name, snap = live(data)
    files = {
        p.relative_to(snap): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in snap.rglob("*")
        if p.is_file()
    }
    path = tmp_path / "crash-hardlink.txt"
    path.write_bytes(doc_text(7).encode("utf-8"))
    assert run_cli(["ingest", str(path), "--data-dir", str(data), "--json"]) == 0
    assert live(data)[0] != name
    assert snap.is_dir()  # kept: a reader may still be on it
    now = {
        p.relative_to(snap): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in snap.rglob("*")
        if p.is_file()
    }
    assert now == files
    index = ClauseIndex.open(snap / "index")
    try:
        assert "crash-hardlink" not in index.document_ids()
    finally:
        index.close()


def test_crash_temporaries_are_cleaned_by_the_next_writer(crash_dir: Path, tmp_path: Path) -> None:
    data = crash_dir
    paths = []
    for i, point in enumerate(("os.replace:2", "os.replace:3")):  # inside the original's / CURRENT's write
        path = tmp_path / f"crash-tmp-{i}.txt"
        path.write_bytes(doc_text(200 + i).encode("utf-8"))
        paths.append(str(path))
        assert (
            run_cli(["ingest", str(path), "--data-dir", str(data), "--json"], crash_at=point)
            == -signal.SIGKILL
        )
    assert run_cli(["ingest", *paths, "--data-dir", str(data), "--json"]) == 0
    check_complete(data)
    leftovers = sorted(str(p.relative_to(data)) for p in data.rglob(".tmp-*"))
    assert not leftovers, leftovers
