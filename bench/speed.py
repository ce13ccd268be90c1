"""Speed: build throughput, query latency, index size, memory, cold start and HTTP, side by side
with stock whoosh + jieba ChineseAnalyzer, pure jieba segmentation and tantivy, on a
deterministic scaled corpus (bench.corpus_gen) at several sizes.

Every measurement runs in a fresh subprocess (``python -m bench.speed worker TASK ARGS``) so
peak RSS (getrusage) and cold start belong to that system alone. The machines are shared and
noisy: builds are repeated (median) at the small sizes, latencies are reported as p50/p95 over
all queries × rounds, and the report states ratios measured in the same run.

    python -m bench.speed [--sizes 1000,10000,50000,200000] [--json OUT]

This module is the command (its CLI and the `worker` entry every measurement process starts
at); its parts live beside it: the query set, paragraphs and sizes in bench/speed_inputs.py,
the gauges (bytes, peak RSS, timed rounds) in bench/speed_gauges.py, the worker tasks in
bench/speed_tasks.py, starting a worker or the served service under wrk in
bench/speed_spawn.py, the run over sizes and its ratios in bench/speed_sizes.py, the Markdown
tables in bench/speed_report.py.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.report import write_json
from bench.speed_inputs import DEFAULT_SIZES, load_paragraphs, load_queries
from bench.speed_report import markdown
from bench.speed_sizes import SpeedConfig, run_speed
from bench.speed_spawn import http_bench, run_worker
from bench.speed_tasks import worker_main

__all__ = [
    "DEFAULT_SIZES",
    "SpeedConfig",
    "http_bench",
    "load_paragraphs",
    "load_queries",
    "main",
    "markdown",
    "run_speed",
    "run_worker",
]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "worker":
        return worker_main(argv[1], argv[2])
    ap = argparse.ArgumentParser(description="Speed bench: ours vs stock whoosh, jieba and tantivy.")
    ap.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--http-seconds", type=int, default=10)
    ap.add_argument("--no-http", action="store_true")
    ap.add_argument("--no-serial-build", action="store_true", help="skip the one-process build runs")
    ap.add_argument("--work-dir", type=Path)
    ap.add_argument("--json", type=Path)
    ap.add_argument(
        "--previous", type=Path, help="source tree of the previous version, measured in the same run"
    )
    ap.add_argument(
        "--reuse-build-for-http", action="store_true", help="HTTP over the first build's data dir"
    )
    ap.add_argument("--build-repeats-small", type=int, default=3)
    args = ap.parse_args(argv)
    cfg = SpeedConfig(
        sizes=tuple(int(s) for s in args.sizes.split(",") if s.strip()),
        rounds=args.rounds,
        http_seconds=args.http_seconds,
        http=not args.no_http,
        serial_build=not args.no_serial_build,
        work_dir=args.work_dir,
        previous=args.previous,
        reuse_build_for_http=args.reuse_build_for_http,
        build_repeats_small=args.build_repeats_small,
    )
    result = run_speed(cfg, log=lambda m: print(m, file=sys.stderr, flush=True))
    print(markdown(result))
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
