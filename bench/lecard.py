"""LeCaRD (SIGIR 2021) on the project's search core.

Data: ../shared/benchmarks/lecard (read its README). Candidates are streamed straight from the
tar.xz (never unpacked to disk); the pools of a small query subset can be cached as gzip JSON
under bench/out/ so the smoke run does not decompress the whole archive every time.

Each query's pool (100 candidates, plus the 50001+ extras of 7 queries) is ranked in full: the
candidates a ranker does not score are appended in id order, so no system is rewarded for
retrieving fewer documents (the paper protocol's IDCG and AP only see what was retrieved).

This module is the command (its CLI), the benchmark run and its table; its parts live beside it:
the data files and records in bench/lecard_data.py, the candidate pools in bench/lecard_pools.py,
the measures, published rows and ranker runs in bench/lecard_scoring.py, our and stock whoosh's
rankers in bench/lecard_rankers.py.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from bench.lecard_data import LECARD_DIR, Candidate, LecardData, Query, load_data, load_predictions
from bench.lecard_pools import cached_pools, stream_pools
from bench.lecard_rankers import DEFAULT_VARIANT, QUESTION_READING, Variant, project_rankers, stock_ranker
from bench.lecard_scoring import (
    PAPER_KEYS,
    PUBLISHED,
    Ranker,
    complete_ranking,
    reproduce_published,
    run_rankers,
    score_rankings,
)
from bench.report import write_json

__all__ = [
    "DEFAULT_VARIANT",
    "LECARD_DIR",
    "OURS",
    "PAPER_KEYS",
    "PUBLISHED",
    "QUESTION_READING",
    "Candidate",
    "LecardData",
    "Query",
    "Variant",
    "cached_pools",
    "complete_ranking",
    "load_data",
    "load_predictions",
    "main",
    "markdown",
    "project_rankers",
    "reproduce_published",
    "run_lecard",
    "run_rankers",
    "score_rankings",
    "stream_pools",
]

OURS = "ours (policykg search core, pool re-ranking)"
ABLATION = "ablation: ours with the long-text mode off (question reading)"
STOCK = "stock whoosh + ChineseAnalyzer, OR (pool re-ranking)"


def run_lecard(
    n: int = 100,
    *,
    cache: bool = False,
    stock: bool = True,
    ablation: bool = False,
    work_dir: Path | None = None,
    root: Path = LECARD_DIR,
    log: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """The first n queries (label-file order): published rows recomputed from the prediction
    files, ours and (optionally) the stock baseline ranking each query's pool."""
    import tempfile

    data = load_data(root)
    qids = data.first(n)
    reproduced = reproduce_published(data, n, root) if n == 100 else {}
    with tempfile.TemporaryDirectory(prefix="policykg-lecard-", dir=work_dir) as tmp:
        variants = {OURS: DEFAULT_VARIANT}
        if ablation:
            variants[ABLATION] = QUESTION_READING
        rankers: dict[str, Ranker] = dict(project_rankers(Path(tmp), variants))
        if stock:
            rankers[STOCK] = stock_ranker("or")
        pools: Iterable[tuple[str, Sequence[Candidate]]]
        pools = cached_pools(qids, root=root).items() if cache else stream_pools(qids, root)
        t0 = time.perf_counter()
        systems = run_rankers(data, rankers, qids, pools, log)
        wall = time.perf_counter() - t0
    published_subset = {f"{k} (recomputed from prediction file)": v for k, v in reproduced.items()}
    return {
        "queries": len(qids),
        "published": PUBLISHED if n == 100 else {},
        "reproduced": published_subset,
        "systems": {k: {kk: vv for kk, vv in v.items() if kk != "rankings"} for k, v in systems.items()},
        "variants": {
            name: {"weights": dict(v.weights), "search_options": dict(v.search_options)}
            for name, v in variants.items()
        },
        "rankings": {k: v["rankings"] for k, v in systems.items()},
        "wall_s": wall,
    }


def markdown(result: dict[str, Any]) -> str:
    keys = (*PAPER_KEYS, "cail_ndcg@30")
    head = "| system | P@5 | P@10 | MAP | NDCG@10 | NDCG@20 | NDCG@30 | CAIL NDCG@30 |"
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|"]
    rows: list[tuple[str, dict[str, float]]] = []
    rows.extend(result.get("published", {}).items())
    rows.extend(result.get("reproduced", {}).items())
    rows.extend((name, sysres["mean"]) for name, sysres in result["systems"].items())
    lmir = PUBLISHED["LMIR (published)"]
    for name, m in rows:
        cells = []
        for k in keys:
            if k not in m:
                cells.append("–")
                continue
            cell = f"{m[k]:.3f}"
            if name in result["systems"] and result.get("published") and k in ("p@5", "p@10", "map"):
                cell = f"**{cell}**" if round(m[k], 3) > lmir[k] else cell
            cells.append(cell)
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    notes = []
    for name, sysres in result["systems"].items():
        notes.append(
            f"- {name}: {sysres['queries']} queries, median {sysres['median_seconds_per_query']:.2f} s per query "
            f"(the first of our variants includes indexing the pool)"
            + (f"; ⚠ {len(sysres['errors'])} queries failed" if sysres["errors"] else "")
        )
        for qid, err in list(sysres["errors"].items())[:5]:
            notes.append(f"    - query {qid}: `{err}`")
    for name, v in result.get("variants", {}).items():
        if v.get("weights") or v.get("search_options"):
            notes.append(f"- {name}: Weights {v.get('weights')}, search options {v.get('search_options')}")
    return "\n".join([*lines, "", *notes])


def main(argv: Sequence[str] | None = None) -> int:
    import argparse
    import sys

    ap = argparse.ArgumentParser(description="LeCaRD with the project's search core.")
    ap.add_argument("-n", type=int, default=100, help="first n queries in label-file order")
    ap.add_argument("--cache", action="store_true", help="cache these pools as gzip JSON under bench/out/")
    ap.add_argument("--no-stock", action="store_true")
    ap.add_argument(
        "--ablation", action="store_true", help="also rank with the long-text mode off (question reading)"
    )
    ap.add_argument("--no-what-if", action="store_true", help=argparse.SUPPRESS)  # old flag: no-op
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    result = run_lecard(
        args.n,
        cache=args.cache,
        stock=not args.no_stock,
        ablation=args.ablation,
        log=lambda m: print(m, file=sys.stderr, flush=True),
    )
    print(markdown(result))
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
