"""Load with consistency checks: mixed reads while documents are added, replaced and deleted.

    python -m bench.load --seconds 30 [--workers 2] [--readers 4] [--data-dir DIR] [--no-wrk]

Starts `uvicorn service.app:create_app` on loopback (N workers over one data dir), then for
`--seconds` runs reader threads (search, precedents, compare, document detail) against one writer
thread that cycles a probe document: add (version 1) → replace (version 2) → delete.

Every response is checked, and each check can fail:
- no errors at all (any non-2xx read, any failed write, any connection error);
- search/precedents/compare results are self-consistent (a clause id belongs to the doc id it
  is reported with; the embedded document is the one the seed build knows);
- the probe document is all-or-nothing: a search for its marker returns either none of its
  clauses or exactly the clause set of one version, never a mix of versions or a partial set;
  its detail page is 404 or one whole version;
- read-your-writes across workers: after each write returns, a fresh connection sees that state.

Latency p50/p95 per endpoint and overall throughput are reported. When `wrk` is installed (Debian:
apt-get install -y wrk) a second, read-only phase drives the same server with wrk for raw numbers.
The short form runs in `make test` (tests/reliability/test_reliability_load.py).

This module is the command (its CLI and the Markdown summary); its parts live beside it: the
server in bench/load_server.py, the probe and the consistency rules in bench/load_checks.py, the
readers, the writer and their results in bench/load_traffic.py, the wrk phase in
bench/load_wrk.py.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.load_checks import Checker, Probe
from bench.load_server import build_seed, free_port, start_server, stop_server, wait_ready
from bench.load_traffic import run_load
from bench.load_wrk import run_wrk

__all__ = [
    "Checker",
    "Probe",
    "free_port",
    "main",
    "report_markdown",
    "run_load",
    "run_wrk",
    "start_server",
    "stop_server",
    "wait_ready",
]


def report_markdown(summary: dict[str, Any], wrk: dict[str, Any] | None, command: str) -> str:
    lines = [
        f"Command: `{command}`",
        "",
        f"Mixed load, {summary['workers']} uvicorn worker(s), {summary['readers']} reader threads + 1 writer, "
        f"{summary['seconds']} s: {summary['requests']} requests, {summary['writes']} writes, "
        f"**{summary['throughput_rps']} req/s**, p50 **{summary['p50_ms']} ms**, p95 **{summary['p95_ms']} ms**; "
        f"errors {summary['errors']}, inconsistencies {summary['inconsistencies']}; "
        f"probe states seen by readers: {summary['probe_states_seen']}.",
        "",
        "| endpoint | n | p50 ms | p95 ms |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, row in summary["by_endpoint"].items():
        lines.append(f"| {name} | {row['n']} | {row['p50_ms']} | {row['p95_ms']} |")
    if wrk:
        lines += [
            "",
            f"wrk (read-only, search/precedents/compare): {wrk.get('throughput_rps')} req/s, "
            f"p50 {wrk.get('p50_ms')} ms, p90 {wrk.get('p90_ms')} ms, p99 {wrk.get('p99_ms')} ms, "
            f"non-2xx {wrk.get('non_2xx')}.",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="policykg load test with consistency checks")
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--readers", type=int, default=4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--data-dir", type=Path, default=None, help="a built data dir to copy (default: build the seeds)"
    )
    ap.add_argument("--no-wrk", action="store_true")
    ap.add_argument("--wrk-seconds", type=int, default=None)
    ap.add_argument("--json", type=Path, default=None, help="write the summary as JSON here")
    args = ap.parse_args(argv)

    token = "bench-load-token"
    tmp = Path(tempfile.mkdtemp(prefix="policykg-load-"))
    proc = None
    try:
        data = tmp / "data"
        if args.data_dir:
            shutil.copytree(args.data_dir, data, symlinks=True)
        else:
            print("building the seed corpus …", file=sys.stderr)
            build_seed(data)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_server(data, port, args.workers, token, tmp / "server.log")
        wait_ready(base, proc)
        result = run_load(
            base, token, args.seconds, readers=args.readers, seed=args.seed, workers=args.workers
        )
        summary = result.summary()
        wrk = None if args.no_wrk else run_wrk(base, args.wrk_seconds or max(5, int(args.seconds // 2)))
        command = "python -m bench.load " + " ".join(argv if argv is not None else sys.argv[1:])
        print(report_markdown(summary, wrk, command.strip()))
        for line in (result.errors + result.inconsistencies)[:20]:
            print("  !", line)
        if args.json:
            args.json.write_text(
                json.dumps({"summary": summary, "wrk": wrk, "errors": result.errors[:50],
                            "inconsistencies": result.inconsistencies[:50]}, ensure_ascii=False, indent=1),
                encoding="utf-8",
            )  # fmt: skip
        return 0 if not result.errors and not result.inconsistencies else 1
    finally:
        if proc is not None:
            stop_server(proc)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
