"""The gauges every speed figure is read with: bytes on disk, peak RSS, latencies over timed rounds
and their p50/p95, the median of one key over repeated runs.

Apart from the tasks so the worker tasks (bench.speed_tasks), the per-size runs
(bench.speed_sizes) and the report (bench.speed_report) read the same figures the same way.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import metrics


def dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def peak_rss_mb() -> float:
    """Peak RSS of this process since exec. VmHWM, not getrusage: ru_maxrss survives execve and
    would report the (larger) parent the worker was forked from."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def latency_summary(ms: Sequence[float]) -> dict[str, float]:
    return {"p50_ms": metrics.percentile(ms, 50), "p95_ms": metrics.percentile(ms, 95), "n": len(ms)}


def timed_rounds(run_one, queries: Sequence[str], rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    """Latencies (ms) of every query in every round; one untimed warm-up pass first."""
    for q in queries:
        run_one(q)
    out = []
    for _ in range(rounds):
        for q in queries:
            t0 = time.perf_counter()
            run_one(q)
            out.append((time.perf_counter() - t0) * 1000)
    return out


def median_of(rows: Sequence[dict[str, Any]], key: str) -> float:
    return metrics.median([r[key] for r in rows])
