"""Query-side speed on indexes that already exist (no builds): this version vs a previous one.

    python -m bench.speed_queries --index DIR --clauses FILE [--previous SRC] [--stock-index DIR]
        [--data-dir DIR] [--rounds 3] [--http-seconds 10] [--json OUT]

For sizes where a full ``bench.speed`` run does not fit the time available (a 200k-clause build
takes tens of minutes on a loaded 2-core machine): the index of one ``policykg build`` (``--index``,
and its data dir for HTTP), the clause list it wrote (``--clauses``, for tantivy and bm25s), and
optionally stock whoosh's index of the same clauses. Every system runs in a fresh process, one
after the other in the same run (same-run ratios), exactly as in ``bench.speed``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.speed import http_bench, load_paragraphs, load_queries, run_worker


def measure_queries(
    index: Path,
    clauses: Path,
    *,
    previous: Path | None = None,
    stock_index: Path | None = None,
    data_dir: Path | None = None,
    rounds: int = 3,
    http_seconds: int = 10,
    previous_questions: bool = True,
    bm25s: bool = True,
    http_only: bool = False,
    http_warm: bool = False,
    log=print,  # type: ignore[no-untyped-def]
) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="policykg-speedq-"))
    qfile, pfile = work / "queries.json", work / "paragraphs.json"
    qfile.write_text(json.dumps(load_queries(), ensure_ascii=False), encoding="utf-8")
    pfile.write_text(json.dumps(load_paragraphs(), ensure_ascii=False), encoding="utf-8")
    q = {"index": str(index), "queries": str(qfile), "rounds": rounds}
    p = {"index": str(index), "queries": str(pfile), "rounds": rounds}
    res: dict[str, Any] = {"index": str(index), "rounds": rounds}
    if not http_only:
        _in_process(
            res, q, p, work, clauses, qfile, previous, stock_index, rounds, previous_questions, bm25s, log
        )
    if data_dir is not None and http_seconds > 0:
        # this version, then the previous one, each in a fresh server on the same data dir
        log("HTTP")
        res["http"] = http_bench(data_dir, load_queries(), http_seconds, warm=http_warm)
        if previous is not None:
            log("HTTP, previous")
            res["http_previous"] = http_bench(
                data_dir, load_queries(), http_seconds, src=previous, warm=http_warm
            )
    res["ratios"] = _ratios(res)
    return res


def _in_process(  # type: ignore[no-untyped-def]
    res: dict[str, Any],
    q: dict[str, Any],
    p: dict[str, Any],
    work: Path,
    clauses: Path,
    qfile: Path,
    previous: Path | None,
    stock_index: Path | None,
    rounds: int,
    previous_questions: bool,
    bm25s: bool,
    log,
) -> None:
    """Every system's questions and pasted paragraphs, each in a fresh process."""
    log("tantivy")
    res["tantivy"] = run_worker(
        "tantivy",
        {"clauses": str(clauses), "queries": str(qfile), "index": str(work / "tantivy"), "rounds": rounds},
    )
    if bm25s:
        log("bm25s")
        res["bm25s"] = run_worker("bm25s", {"clauses": str(clauses), "queries": str(qfile), "rounds": rounds})
    log("ours")
    res["ours"] = run_worker("ours-query", q)
    if previous is not None and previous_questions:
        log("previous")
        res["previous"] = run_worker("ours-query", q, src=previous)
    if stock_index is not None:
        log("stock")
        res["stock"] = run_worker("stock-query", {**q, "index": str(stock_index)})
    log("ours plain")
    res["ours_plain"] = run_worker("ours-query", {**q, "plain": True})
    log("paragraphs")
    res["paragraphs"] = run_worker("ours-query", p)
    if previous is not None:
        log("paragraphs, previous")
        res["previous_paragraphs"] = run_worker("ours-query", p, src=previous)


def _ratios(res: dict[str, Any]) -> dict[str, float]:
    r: dict[str, float] = {}
    h, hp = res.get("http", {}), res.get("http_previous", {})
    if "rps" in h and "rps" in hp:
        r["http_rps_vs_previous"] = h["rps"] / hp["rps"]
        r["http_p95_vs_previous"] = h["p95_ms"] / hp["p95_ms"]
    if "ours" not in res:  # --http-only
        return r
    o, pl, para = res["ours"]["latency"], res["ours_plain"]["latency_plain"], res["paragraphs"]["latency"]
    r["plain_p50_vs_tantivy"] = pl["p50_ms"] / res["tantivy"]["latency"]["p50_ms"]
    if "bm25s" in res:
        r["plain_p50_vs_bm25s"] = pl["p50_ms"] / res["bm25s"]["latency"]["p50_ms"]
    if "previous" in res:
        r["query_p50_vs_previous"] = o["p50_ms"] / res["previous"]["latency"]["p50_ms"]
        r["query_p95_vs_previous"] = o["p95_ms"] / res["previous"]["latency"]["p95_ms"]
    if "previous_paragraphs" in res:
        r["paragraph_p50_vs_previous"] = para["p50_ms"] / res["previous_paragraphs"]["latency"]["p50_ms"]
        r["paragraph_p95_vs_previous"] = para["p95_ms"] / res["previous_paragraphs"]["latency"]["p95_ms"]
    if "stock" in res:
        r["query_p95_vs_stock"] = o["p95_ms"] / res["stock"]["latency"]["p95_ms"]
    return r


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Query speed on existing indexes: this version vs --previous.")
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--clauses", type=Path, required=True)
    ap.add_argument("--previous", type=Path)
    ap.add_argument("--stock-index", type=Path)
    ap.add_argument("--data-dir", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--http-seconds", type=int, default=10)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--no-bm25s", action="store_true")
    ap.add_argument("--http-only", action="store_true", help="HTTP only (needs --data-dir)")
    ap.add_argument("--http-warm", action="store_true", help="every question once before wrk starts")
    ap.add_argument(
        "--no-previous-questions", action="store_true", help="previous version: paragraphs and HTTP only"
    )
    args = ap.parse_args(argv)
    res = measure_queries(
        args.index,
        args.clauses,
        previous=args.previous,
        stock_index=args.stock_index,
        data_dir=args.data_dir,
        rounds=args.rounds,
        http_seconds=args.http_seconds,
        previous_questions=not args.no_previous_questions,
        bm25s=not args.no_bm25s,
        http_only=args.http_only,
        http_warm=args.http_warm,
        log=lambda m: print(m, file=sys.stderr, flush=True),
    )
    text = json.dumps(res, ensure_ascii=False, indent=1)
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    print(json.dumps(res["ratios"], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
