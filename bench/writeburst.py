"""Reads under a burst of writes (issue 17, D3 and D6): read latency idle vs during a burst of
parallel uploads, 5xx count, and the disk a data dir uses after many writes.

1. A library of `--clauses` generated clauses (bench/corpus_gen.py) is built and served by
   uvicorn (one worker, as `policykg serve`).
2. Idle: `--readers` threads send the same search queries (bench/data/queries.txt) for
   `--reads` requests each; p50/p95/max are the idle figures.
3. Burst: `--burst` uploads are sent at the same moment (one thread each) while the same readers
   send the same reads again; the read figures during the burst, every status of both.
4. Disk: `--writes` more writes (a probe document replaced, version after version), then the
   data dir's bytes (hard links counted once) against one generation's.

    python -m bench.writeburst                       # 12k clauses, 60 uploads, 600 writes
    python -m bench.writeburst --clauses 0 --writes 40 --burst 8   # the seeds only, quick
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.load import free_port, start_server, stop_server, wait_ready

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "bench" / "data" / "queries.txt"
TOKEN = "bench-writeburst-token"


def queries() -> list[str]:
    lines = QUERIES.read_text(encoding="utf-8").splitlines()
    return [q.strip() for q in lines if q.strip() and not q.startswith("#")]


def upload_text(i: int) -> str:
    return (
        f"关于做好第{i}批离退休干部党支部主题党日活动的通知\n\n"
        f"一、各党支部每月至少开展一次主题党日活动，第{i}批活动由所在社区党组织统筹安排。\n\n"
        "二、离退休干部党员人数5人以上的，可以单独建立党支部。\n"
    )


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


@dataclass
class Reads:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)

    def summary(self) -> dict[str, Any]:
        ms = [x * 1000 for x in self.latencies]
        return {
            "requests": len(ms),
            "p50_ms": round(percentile(ms, 0.50), 1),
            "p95_ms": round(percentile(ms, 0.95), 1),
            "max_ms": round(max(ms), 1) if ms else 0.0,
            "mean_ms": round(statistics.fmean(ms), 1) if ms else 0.0,
            "statuses": dict(self.statuses),
        }


def run_reads(base: str, readers: int, per_reader: int, stop: threading.Event | None = None) -> Reads:
    """`readers` threads, `per_reader` searches each (or until `stop` is set, when given)."""
    import httpx

    qs = queries()
    out = Reads()
    lock = threading.Lock()

    def reader(n: int) -> None:
        with httpx.Client(timeout=120) as client:
            i = 0
            while i < per_reader and not (stop is not None and stop.is_set()):
                q = qs[(n * 7 + i) % len(qs)]
                t = time.perf_counter()
                r = client.get(f"{base}/api/search", params={"q": q, "limit": 10})
                dt = time.perf_counter() - t
                with lock:
                    out.latencies.append(dt)
                    out.statuses[r.status_code] += 1
                i += 1

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def burst(base: str, n: int, offset: int = 0) -> tuple[Counter[int], float]:
    """n uploads sent at once (one connection each); their statuses and the wall time."""
    import httpx

    start = threading.Barrier(n)

    def one(i: int) -> int:
        with httpx.Client(timeout=600) as client:
            start.wait()
            files = {"files": (f"burst-{offset + i}.txt", upload_text(offset + i).encode(), "text/plain")}
            r = client.post(
                f"{base}/api/documents", headers={"Authorization": f"Bearer {TOKEN}"}, files=files
            )
            return r.status_code

    t = time.perf_counter()
    with ThreadPoolExecutor(n) as pool:
        statuses = Counter(pool.map(one, range(n)))
    return statuses, time.perf_counter() - t


def tree_bytes(root: Path) -> int:
    """Bytes below root, each hard-linked file counted once."""
    seen: dict[tuple[int, int], int] = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            try:
                st = os.lstat(os.path.join(dirpath, name))
            except FileNotFoundError:
                continue
            seen[(st.st_dev, st.st_ino)] = st.st_size
    return sum(seen.values())


def sequential_writes(base: str, n: int) -> tuple[Counter[int], float]:
    """n writes one after another: the probe document replaced by a new version each time."""
    import httpx

    statuses: Counter[int] = Counter()
    t = time.perf_counter()
    with httpx.Client(timeout=600) as client:
        for i in range(n):
            files = {"files": ("writeprobe.txt", (upload_text(i) + f"版本{i}。\n").encode(), "text/plain")}
            r = client.post(
                f"{base}/api/documents", headers={"Authorization": f"Bearer {TOKEN}"}, files=files
            )
            statuses[r.status_code] += 1
    return statuses, time.perf_counter() - t


def disk_figures(data: Path) -> dict[str, Any]:
    live = data / "snapshots" / (data / "CURRENT").read_text(encoding="utf-8").strip()
    snapshots = [p for p in (data / "snapshots").iterdir() if not p.name.startswith(".")]
    one = tree_bytes(live)
    total = tree_bytes(data)
    return {
        "generation_bytes": one,
        "data_dir_bytes": total,
        "ratio": round(total / max(one, 1), 2),
        "snapshot_dirs": len(snapshots),
    }


def build_library(data: Path, clauses: int, tmp: Path) -> dict[str, Any]:
    from policykg.settings import Settings
    from service.engine import Engine

    corpus = REPO / "corpus"
    if clauses > 0:
        from bench.corpus_gen import write_corpus

        corpus = tmp / "corpus"
        write_corpus(corpus, clauses)
    engine = Engine(Settings(data_dir=data, corpus_dir=corpus))
    report = engine.build(corpus)
    engine.close()
    return {"documents": report.documents, "clauses": report.clauses}


def run(
    data: Path,
    *,
    readers: int = 4,
    reads: int = 40,
    burst_size: int = 60,
    writes: int = 600,
    log_path: Path,
) -> dict[str, Any]:
    """The bench over a built data dir (modified: it is written to)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(data, port, 1, TOKEN, log_path)
    try:
        wait_ready(base, proc)
        run_reads(base, 1, 5)  # warm the caches before measuring
        idle = run_reads(base, readers, reads)
        stop = threading.Event()
        during: dict[str, Reads] = {}
        # The reads run for the whole burst (and stop when it ends).
        read_thread = threading.Thread(
            target=lambda: during.setdefault("reads", run_reads(base, readers, 10**9, stop))
        )
        read_thread.start()
        time.sleep(0.2)
        upload_statuses, burst_seconds = burst(base, burst_size)
        stop.set()
        read_thread.join()
        # the burst figures now: the writes below can take long on a large library
        print(
            json.dumps({"idle": idle.summary(), "burst": during["reads"].summary(),
                        "uploads": dict(upload_statuses), "burst_seconds": round(burst_seconds, 1)}),
            file=sys.stderr, flush=True,
        )  # fmt: skip
        write_statuses, write_seconds = sequential_writes(base, writes) if writes else (Counter(), 0.0)
        disk = disk_figures(data)
    finally:
        stop_server(proc)
    log = log_path.read_text(encoding="utf-8", errors="replace")
    loaded = during["reads"]
    fivexx = sum(
        c
        for statuses in (idle.statuses, loaded.statuses, upload_statuses, write_statuses)
        for s, c in statuses.items()
        if s >= 500
    )
    idle_s, loaded_s = idle.summary(), loaded.summary()
    return {
        "idle_reads": idle_s,
        "burst_reads": loaded_s,
        "p95_ratio": round(loaded_s["p95_ms"] / max(idle_s["p95_ms"], 0.001), 2),
        "burst": {
            "uploads": burst_size,
            "statuses": dict(upload_statuses),
            "seconds": round(burst_seconds, 1),
        },
        "writes": {"count": writes, "statuses": dict(write_statuses), "seconds": round(write_seconds, 1)},
        "disk": disk,
        "5xx": fivexx,
        "tracebacks_in_log": log.count("Traceback"),
    }


def report_markdown(out: dict[str, Any], command: str) -> str:
    i, b = out["idle_reads"], out["burst_reads"]
    d = out["disk"]
    return "\n".join(
        [
            f"## Reads under a write burst (`{command}`)",
            "",
            f"Library: {out.get('library', {})}",
            "",
            "| reads | requests | p50 ms | p95 ms | max ms |",
            "| --- | ---: | ---: | ---: | ---: |",
            f"| idle | {i['requests']} | {i['p50_ms']} | {i['p95_ms']} | {i['max_ms']} |",
            f"| during {out['burst']['uploads']} parallel uploads | {b['requests']} | {b['p50_ms']} | "
            f"{b['p95_ms']} | {b['max_ms']} |",
            "",
            f"p95 during / idle: {out['p95_ratio']}×; uploads {out['burst']['statuses']} in "
            f"{out['burst']['seconds']} s; 5xx in all: {out['5xx']}.",
            f"After {out['writes']['count']} more writes ({out['writes']['seconds']} s, "
            f"{out['writes']['statuses']}): data dir {d['data_dir_bytes'] / 1e6:.1f} MB = {d['ratio']}× one "
            f"generation ({d['generation_bytes'] / 1e6:.1f} MB), {d['snapshot_dirs']} snapshot dirs.",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="read latency idle vs during a burst of uploads; disk after writes"
    )
    ap.add_argument("--clauses", type=int, default=12_000, help="generated library size (0: the seeds)")
    ap.add_argument("--readers", type=int, default=4)
    ap.add_argument("--reads", type=int, default=40, help="idle searches per reader")
    ap.add_argument("--burst", type=int, default=60)
    ap.add_argument("--writes", type=int, default=600)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--library", type=Path, default=None, help="keep the built library here and reuse it")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="policykg-writeburst-"))
    try:
        data = tmp / "data"
        saved = args.library / f"clauses-{args.clauses}" if args.library else None
        if saved is not None and (saved / "CURRENT").is_file():
            shutil.copytree(saved, data, symlinks=True)
            library = json.loads((saved / "library.json").read_text(encoding="utf-8"))
        else:
            print("building the library …", file=sys.stderr)
            library = build_library(data, args.clauses, tmp)
            if saved is not None:
                shutil.copytree(data, saved, symlinks=True)
                (saved / "library.json").write_text(json.dumps(library), encoding="utf-8")
        out = run(
            data,
            readers=args.readers,
            reads=args.reads,
            burst_size=args.burst,
            writes=args.writes,
            log_path=tmp / "server.log",
        )
        out["library"] = library
        command = "python -m bench.writeburst " + " ".join(argv if argv is not None else sys.argv[1:])
        print(report_markdown(out, command.strip()))
        if args.json:
            args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
        ok = out["5xx"] == 0 and out["disk"]["ratio"] <= 3 and out["burst_reads"]["max_ms"] <= 2000
        return 0 if ok else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
