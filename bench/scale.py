"""Scale-out figures: PostgreSQL as the record, replicas following it, nginx in front.

    python -m bench.scale [--clauses 10000,50000] [--writes 20] [--wrk-seconds 10] [--json OUT]
    python -m bench.scale --only-bootstrap --clauses 50000 --json OUT   # the large bootstrap alone

Everything real and throwaway: a PostgreSQL cluster (initdb in a temp folder, loopback port),
`policykg serve` replicas, nginx (tests/scale/scaleharness.py starts them). Measured:

- commit-to-visible lag on the *other* replica (p50/p95): from the generation's row in
  PostgreSQL (written inside the commit) to the first /api/health of replica B that serves it;
  on the seed library and on the largest library bootstrapped below;
- bootstrap of a new replica (empty data dir, PostgreSQL only) at each library size: process start
  to /api/health 200, next to the same process starting over a data dir that is already current;
- read throughput through nginx with one vs two replicas (wrk, search/precedents/compare);
- quality (dev gold) through a replica's HTTP API vs the embedded default in process.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "scale"))

from scaleharness import (  # noqa: E402
    Nginx,
    ReplicaProcess,
    http,
    running_cluster,
    upload,
)

TOKEN = "bench-scale-token-0123456789"


def percentile(values: list[float], q: float) -> float:
    xs = sorted(values)
    if not xs:
        return float("nan")
    k = min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))
    return xs[k]


def commit_times(url: str) -> dict[int, float]:
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT generation, extract(epoch FROM created_at) FROM policykg_generations")
        return {int(g): float(t) for g, t in rows}


def measure_lag(a: ReplicaProcess, b: ReplicaProcess, writes: int) -> dict[str, Any]:
    """Upload through A, one at a time; B's health is watched from its own thread."""
    seen: dict[int, float] = {}
    stop = threading.Event()

    def watch() -> None:
        last = -1
        while not stop.is_set():
            try:
                status, body = http("GET", f"{b.base}/api/health", timeout=60)
            except OSError:  # a loaded machine: ask again
                continue
            now = time.time()
            if status == 200 and body["generation"] != last:
                for g in range(last + 1, body["generation"] + 1):
                    seen.setdefault(g, now)
                last = body["generation"]
            time.sleep(0.002)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    mine: list[int] = []
    write_s: list[float] = []
    for i in range(writes):
        text = f"关于开展第{i}批银发先锋试点工作的通知\n\n一、试点单位组织离退休干部党员开展银发先锋第{i}号活动。\n"
        t = time.perf_counter()
        status, body = upload(a.base, TOKEN, [(f"lag_{i}_{time.time_ns()}.txt", text.encode())])
        write_s.append(time.perf_counter() - t)
        assert status == 201, body
        mine.append(body["generation"])
        deadline = time.monotonic() + 300
        while body["generation"] not in seen and time.monotonic() < deadline:
            time.sleep(0.01)
    stop.set()
    watcher.join()
    committed = commit_times(a.database_url)
    lags = [(seen[g] - committed[g]) * 1000 for g in mine if g in seen]
    return {
        "writes": writes,
        "lag_p50_ms": round(percentile(lags, 0.5), 1),
        "lag_p95_ms": round(percentile(lags, 0.95), 1),
        "write_p50_ms": round(percentile([x * 1000 for x in write_s], 0.5), 1),
        "write_p95_ms": round(percentile([x * 1000 for x in write_s], 0.95), 1),
        # every write's figures, in order: a p95 of a few writes is their maximum, and the first
        # write after a replica starts has no graph scans cached yet (service/scancache.py)
        "lags_ms": [round(x) for x in lags],
        "writes_ms": [round(x * 1000) for x in write_s],
    }


def embedded_writes(data_dir: Path, tmp: Path, writes: int) -> dict[str, Any]:
    """The same uploads into a copy of a replica's data dir with the embedded default (no
    database), in process: what a write costs without PostgreSQL and replicas, same run."""
    import shutil

    from policykg.settings import Settings
    from service.engine import Engine, Upload

    copy = tmp / f"embedded-{time.time_ns()}"
    shutil.copytree(data_dir, copy, symlinks=True)
    engine = Engine(Settings(data_dir=copy, build_workers=1))
    times = []
    try:
        for i in range(writes):
            # not the texts measure_lag uploaded (the same bytes again would be a no-op)
            text = f"关于开展第{i}批金色夕阳对照试点的通知\n\n一、对照单位组织离退休干部党员开展金色夕阳第{i}号活动。\n"
            t = time.perf_counter()
            report = engine.ingest([Upload(f"emb_{i}.txt", text.encode())], atomic=True)
            times.append((time.perf_counter() - t) * 1000)
            assert report.changed, report.outcomes
    finally:
        engine.close()
        shutil.rmtree(copy, ignore_errors=True)
    return {"writes": writes, "write_p50_ms": round(percentile(times, 0.5), 1),
            "write_p95_ms": round(percentile(times, 0.95), 1)}  # fmt: skip


def timed_ready(replica: ReplicaProcess) -> float:
    t = time.perf_counter()
    replica.start().wait_ready(timeout=3600)
    return time.perf_counter() - t


def bootstrap_library(
    pg: Any, tmp: Path, clauses: int, replica: Callable[[Path, str], ReplicaProcess]
) -> dict[str, Any]:
    """Fill a library of `clauses` (bench.corpus_gen) through `policykg build` into PostgreSQL,
    then time a new replica bootstrapping from PostgreSQL alone."""
    import os
    import subprocess

    from bench.corpus_gen import write_corpus

    corpus = tmp / f"corpus{clauses}"
    gen = write_corpus(corpus, clauses)
    url = pg.create_database(f"lib{clauses}")
    env = {**os.environ, "POLICYKG_DATABASE_URL": url, "PYTHONPATH": str(REPO)}
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "import sys; from service.cli import main; sys.exit(main())", "build",
         "--corpus", str(corpus), "--data-dir", str(tmp / f"writer{clauses}" / "data")],
        env=env, check=True, capture_output=True, cwd=REPO,
    )  # fmt: skip
    fill_s = time.perf_counter() - t
    fresh = replica(tmp / f"new{clauses}" / "data", url)
    bootstrap_s = timed_ready(fresh)
    health = http("GET", f"{fresh.base}/api/health")[1]
    fresh.stop()
    restart_s = timed_ready(fresh)  # same data dir, already current: process start only
    return {
        "clauses_generated": gen["clauses"],
        "documents": health["documents"],
        "clauses": health["clauses"],
        "fill_via_policykg_build_s": round(fill_s, 1),
        "bootstrap_s": round(bootstrap_s, 1),
        "restart_current_s": round(restart_s, 1),
        "url": url,
        "replica": fresh,
        "writer_data": tmp / f"writer{clauses}" / "data",
    }


def quality(replica: ReplicaProcess) -> dict[str, Any]:
    from bench.eval import DEFAULT_GOLD, http_getter, inprocess_getter, load_gold, run_eval

    gold = load_gold(DEFAULT_GOLD)
    via_replica = run_eval(gold, http_getter(replica.base), baselines=False)["systems"]["ours"]
    with inprocess_getter() as get:
        embedded = run_eval(gold, get, baselines=False)["systems"]["ours"]
    same_rows = [r["score"] for r in via_replica["rows"]] == [r["score"] for r in embedded["rows"]]
    return {"replica": via_replica["summary"], "embedded": embedded["summary"], "identical_rows": same_rows}


def throughput(tmp: Path, ports: list[int], seconds: int) -> dict[str, Any]:
    from bench.load import run_wrk

    out = {}
    for label, ups in (("one_replica", ports[:1]), ("two_replicas", ports)):
        proxy = Nginx(tmp / f"nginx-{label}", ups).start()
        try:
            run_wrk(proxy.base, 2)  # warm caches on every replica
            got = run_wrk(proxy.base, seconds) or {}
            got.pop("raw", None)
            out[label] = got
        finally:
            proxy.stop()
    return out


class Results(dict):  # type: ignore[type-arg]
    """The figures so far, written to `path` after every one (a long run keeps what it measured)."""

    def __init__(self, path: Path | None) -> None:
        super().__init__(started=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
        self.path = path

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        print(json.dumps({key: value}, ensure_ascii=False, default=str), flush=True)
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(
                json.dumps(self, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
            )


def run(
    clauses: list[int], writes: int, wrk_seconds: int, path: Path | None = None, only_bootstrap: bool = False
) -> dict[str, Any]:
    out = Results(path)
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="policykg-scale-")))
        pg = stack.enter_context(running_cluster(tmp / "pg"))

        def replica(data: Path, url: str) -> ReplicaProcess:
            r = ReplicaProcess(data, url, TOKEN, build_workers=None)
            stack.callback(r.stop)  # whatever fails, no replica outlives the run
            return r

        if only_bootstrap:
            for n in clauses:
                lib = bootstrap_library(pg, tmp, n, replica)
                lib.pop("replica").stop()
                lib.pop("writer_data"), lib.pop("url")
                out[f"bootstrap_{n}"] = lib
            return out
        url = pg.create_database("seed")
        a = replica(tmp / "a" / "data", url)
        out["seed_first_replica_build_and_ready_s"] = round(timed_ready(a), 1)
        b = replica(tmp / "b" / "data", url)
        out["seed_second_replica_ready_s"] = round(timed_ready(b), 1)
        out["quality"] = quality(b)
        out["lag_seed"] = measure_lag(a, b, writes)
        out["embedded_writes_seed"] = embedded_writes(a.data_dir, tmp, max(5, writes // 2))
        out["read_throughput_seed"] = throughput(tmp, [a.port, b.port], wrk_seconds)
        a.stop()
        b.stop()
        for n in clauses:
            lib = bootstrap_library(pg, tmp, n, replica)
            fresh: ReplicaProcess = lib.pop("replica")
            writer_data: Path = lib.pop("writer_data")
            lib_url = lib.pop("url")
            out[f"bootstrap_{n}"] = lib
            if n == clauses[0]:  # lag and throughput at this size too
                a2 = replica(writer_data, lib_url)
                timed_ready(a2)
                out[f"lag_{n}"] = measure_lag(a2, fresh, max(5, writes // 2))
                out[f"embedded_writes_{n}"] = embedded_writes(writer_data, tmp, max(5, writes // 2))
                out[f"read_throughput_{n}"] = throughput(tmp, [a2.port, fresh.port], wrk_seconds)
                a2.stop()
            fresh.stop()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--clauses", default="10000,50000", help="library sizes for the bootstrap (comma-separated)"
    )
    ap.add_argument("--writes", type=int, default=20)
    ap.add_argument("--wrk-seconds", type=int, default=10)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument(
        "--only-bootstrap", action="store_true", help="only fill and bootstrap the --clauses sizes"
    )
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.clauses.split(",") if x.strip()]
    if args.writes < 1:
        ap.error("--writes must be at least 1")
    run(sizes, args.writes, args.wrk_seconds, args.json, args.only_bootstrap)
    return 0


if __name__ == "__main__":
    sys.exit(main())
