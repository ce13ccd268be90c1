"""The speed run: for each corpus size, generate the corpus, run every system's build and queries
in fresh worker processes (interleaved, repeated at the small sizes), profile one size, serve it
over HTTP, and compute throughputs and same-run ratios.

Apart from the workers and the report: this is the plan of a run (what runs, in which order,
against which files) and the figures derived from it, not a measurement or a table.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.speed_gauges import median_of
from bench.speed_inputs import DEFAULT_SIZES, REPO, load_paragraphs, load_queries
from bench.speed_spawn import http_bench, run_worker


@dataclass
class SpeedConfig:
    sizes: tuple[int, ...] = DEFAULT_SIZES
    queries: list[str] = field(default_factory=load_queries)
    rounds: int = 5
    build_repeats_small: int = 3  # sizes ≤ 10k: median of this many fresh-process builds
    http_seconds: int = 10
    http: bool = True
    serial_build: bool = True  # also time our build with build_workers=1
    profile_size: int | None = 10000  # the size profiled with pyinstrument (None: no profile)
    # Another source tree of the project (e.g. `git archive <commit>` of the version before a
    # change): its query path is measured in the same run, on the same index (questions,
    # pasted paragraphs, HTTP), so "× previous" ratios are same-run ratios.
    previous: Path | None = None
    paragraphs: list[str] = field(default_factory=load_paragraphs)
    # HTTP over the data dir of the first `ours` build (the same Engine.build) instead of a
    # second build: at 200k clauses a build takes minutes on a loaded machine
    reuse_build_for_http: bool = False
    work_dir: Path | None = None
    out_dir: Path = REPO / "bench" / "out"


def measure_size(size: int, cfg: SpeedConfig, work: Path, log=print) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from bench.corpus_gen import write_corpus

    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus"
    gen = write_corpus(corpus, size)
    clauses_file = work / "clauses.jsonl"
    queries_file = work / "queries.json"
    queries_file.write_text(json.dumps(cfg.queries, ensure_ascii=False), encoding="utf-8")
    reps = cfg.build_repeats_small if size <= 10000 else 1
    ours_runs, stock_runs, jieba_runs, serial_runs = [], [], [], []
    for r in range(reps):
        # interleaved, so drift in machine load hits every system alike
        ddir = work / f"ours-data-{r}"
        shutil.rmtree(ddir, ignore_errors=True)
        log(f"  [{size}] ours build {r + 1}/{reps}")
        ours_runs.append(
            run_worker(
                "ours-build",
                {"corpus": str(corpus), "data_dir": str(ddir), "clauses_out": str(clauses_file)},
            )
        )
        if r > 0:
            shutil.rmtree(ddir, ignore_errors=True)
        if cfg.serial_build:
            # the same build in one process: what the pool gains (or, on a loaded machine, costs)
            sdir = work / f"ours-serial-data-{r}"
            shutil.rmtree(sdir, ignore_errors=True)
            log(f"  [{size}] ours build, 1 process {r + 1}/{reps}")
            serial_runs.append(
                run_worker("ours-build", {"corpus": str(corpus), "data_dir": str(sdir), "workers": 1})
            )
            shutil.rmtree(sdir, ignore_errors=True)
        sidx = work / f"stock-index-{r}"
        shutil.rmtree(sidx, ignore_errors=True)
        log(f"  [{size}] stock whoosh build {r + 1}/{reps}")
        stock_runs.append(run_worker("stock-build", {"clauses": str(clauses_file), "index": str(sidx)}))
        if r > 0:
            shutil.rmtree(sidx, ignore_errors=True)
        log(f"  [{size}] jieba {r + 1}/{reps}")
        jieba_runs.append(run_worker("jieba", {"clauses": str(clauses_file)}))
    chars = ours_runs[0]["chars"]
    log(f"  [{size}] tantivy")
    tant = run_worker(
        "tantivy",
        {
            "clauses": str(clauses_file),
            "queries": str(queries_file),
            "index": str(work / "tantivy"),
            "rounds": cfg.rounds,
        },
    )
    bm25 = None
    if importlib.util.find_spec("bm25s") is not None:
        log(f"  [{size}] bm25s")
        bm25 = run_worker(
            "bm25s", {"clauses": str(clauses_file), "queries": str(queries_file), "rounds": cfg.rounds}
        )
    log(f"  [{size}] queries")
    ours_q = run_worker(
        "ours-query",
        {"index": ours_runs[0]["index_dir"], "queries": str(queries_file), "rounds": cfg.rounds},
    )
    prev_q = None
    if cfg.previous is not None:
        log(f"  [{size}] queries, previous version")
        prev_q = run_worker(
            "ours-query",
            {"index": ours_runs[0]["index_dir"], "queries": str(queries_file), "rounds": cfg.rounds},
            src=cfg.previous,
        )
    stock_q = run_worker(
        "stock-query",
        {"index": str(work / "stock-index-0"), "queries": str(queries_file), "rounds": cfg.rounds},
    )
    # plain top 10, this version (after stock: interleaved with the other query runs)
    plain_q = run_worker(
        "ours-query",
        {
            "index": ours_runs[0]["index_dir"],
            "queries": str(queries_file),
            "rounds": cfg.rounds,
            "plain": True,
        },
    )
    # pasted paragraphs (long-text mode), this version and the previous one
    para_file = work / "paragraphs.json"
    para_file.write_text(json.dumps(cfg.paragraphs, ensure_ascii=False), encoding="utf-8")
    log(f"  [{size}] pasted paragraphs")
    para_args = {"index": ours_runs[0]["index_dir"], "queries": str(para_file), "rounds": cfg.rounds}
    para_q = run_worker("ours-query", para_args)
    prev_para = run_worker("ours-query", para_args, src=cfg.previous) if cfg.previous is not None else None
    res: dict[str, Any] = {
        "size": size,
        "generated": gen,
        "clauses": ours_runs[0]["clauses"],
        "documents": ours_runs[0]["documents"],
        "chars": chars,
        "build_repeats": reps,
        "ours_build": ours_runs,
        "ours_build_serial": serial_runs,
        "stock_build": stock_runs,
        "jieba": jieba_runs,
        "tantivy": tant,
        "ours_query": ours_q,
        "ours_query_plain": plain_q,
        "bm25s": bm25,
        "stock_query": stock_q,
        "paragraphs": para_q,
    }
    if prev_q is not None:
        res["previous_query"] = prev_q
        res["previous_paragraphs"] = prev_para
    full_s = median_of(ours_runs, "full_s")
    index_s = median_of(ours_runs, "index_s")  # the index stage of the same runs (documents in memory)
    stock_s = median_of(stock_runs, "build_s")
    res["throughput_mchars_s"] = {
        "ours_full": chars / full_s / 1e6,
        "ours_index": chars / index_s / 1e6,
        "ours_ingest": chars / median_of(ours_runs, "ingest_s") / 1e6,
        "stock_whoosh": chars / stock_s / 1e6,
        "jieba_search": chars / median_of(jieba_runs, "jieba_search_s") / 1e6,
        "jieba": chars / median_of(jieba_runs, "jieba_s") / 1e6,
        "rjieba": chars / median_of(jieba_runs, "rjieba_s") / 1e6,
        "tantivy_index": chars / tant["build_s"] / 1e6,
    }
    if serial_runs:
        res["throughput_mchars_s"]["ours_full_serial"] = chars / median_of(serial_runs, "full_s") / 1e6
    res["ratios"] = {
        "index_vs_stock_build": stock_s / index_s,
        "full_vs_stock_build": stock_s / full_s,
        "query_p95_vs_stock": ours_q["latency"]["p95_ms"] / stock_q["latency"]["p95_ms"],
        "query_p95_vs_stock_highlight": ours_q["latency"]["p95_ms"] / stock_q["latency_highlight"]["p95_ms"],
        "query_p50_vs_stock": ours_q["latency"]["p50_ms"] / stock_q["latency"]["p50_ms"],
        "query_p50_vs_tantivy": ours_q["latency"]["p50_ms"] / tant["latency"]["p50_ms"],
        "query_p95_vs_tantivy": ours_q["latency"]["p95_ms"] / tant["latency"]["p95_ms"],
        "index_bytes_vs_stock": ours_runs[0]["index_bytes"] / stock_runs[0]["index_bytes"],
        "cold_start_vs_stock": ours_q["cold_start_s"] / stock_q["cold_start_s"],
        "plain_p50_vs_tantivy": plain_q["latency_plain"]["p50_ms"] / tant["latency"]["p50_ms"],
    }
    if bm25 is not None:
        res["ratios"]["plain_p50_vs_bm25s"] = plain_q["latency_plain"]["p50_ms"] / bm25["latency"]["p50_ms"]
    if prev_q is not None and prev_para is not None:
        res["ratios"]["query_p50_vs_previous"] = ours_q["latency"]["p50_ms"] / prev_q["latency"]["p50_ms"]
        res["ratios"]["query_p95_vs_previous"] = ours_q["latency"]["p95_ms"] / prev_q["latency"]["p95_ms"]
        res["ratios"]["paragraph_p95_vs_previous"] = (
            para_q["latency"]["p95_ms"] / prev_para["latency"]["p95_ms"]
        )
        res["ratios"]["paragraph_p50_vs_previous"] = (
            para_q["latency"]["p50_ms"] / prev_para["latency"]["p50_ms"]
        )
    if cfg.profile_size is not None and size == cfg.profile_size:
        cfg.out_dir.mkdir(parents=True, exist_ok=True)
        pb = cfg.out_dir / f"profile-build-{size}.txt"
        pq = cfg.out_dir / f"profile-query-{size}.txt"
        log(f"  [{size}] profiles")
        pdata = work / "profile-data"
        shutil.rmtree(pdata, ignore_errors=True)
        # one process (workers=1), so the profile sees every stage's work
        run_worker(
            "ours-build", {"corpus": str(corpus), "data_dir": str(pdata), "profile": str(pb), "workers": 1}
        )
        shutil.rmtree(pdata, ignore_errors=True)
        run_worker(
            "ours-query",
            {
                "index": ours_runs[0]["index_dir"],
                "queries": str(queries_file),
                "rounds": cfg.rounds,
                "profile": str(pq),
            },
        )
        res["profiles"] = {"build (ingest + graph + index)": hot_spots(pb), "query": hot_spots(pq)}
    if cfg.http:
        log(f"  [{size}] engine build + HTTP")
        data_dir = work / "data"
        try:
            if cfg.reuse_build_for_http:
                data_dir = work / "ours-data-0"
                res["engine_build"] = {"build_s": ours_runs[0]["engine_s"], "reused": True}
            else:
                shutil.rmtree(data_dir, ignore_errors=True)
                res["engine_build"] = run_worker(
                    "engine-build", {"corpus": str(corpus), "data_dir": str(data_dir)}
                )
            res["http"] = http_bench(data_dir, cfg.queries, cfg.http_seconds)
            if cfg.previous is not None:
                log(f"  [{size}] HTTP, previous version")
                res["http_previous"] = http_bench(data_dir, cfg.queries, cfg.http_seconds, src=cfg.previous)
                hp, hn = res["http_previous"], res["http"]
                if "rps" in hp and "rps" in hn:
                    res["ratios"]["http_rps_vs_previous"] = hn["rps"] / hp["rps"]
                    res["ratios"]["http_p95_vs_previous"] = hn["p95_ms"] / hp["p95_ms"]
        except Exception as exc:  # the service failing is a finding, not a crash of the bench
            res["http"] = {"error": f"{type(exc).__name__}: {exc}"[:500]}
    return res


def hot_spots(profile_path: Path, n: int = 8) -> list[str]:
    """The top self-time lines of a pyinstrument flat profile (the harness's own frames left out)."""
    if not profile_path.exists():
        return []
    lines = []
    for line in profile_path.read_text(encoding="utf-8").splitlines():
        if re.match(r"\s*\d+\.\d+\s+\S", line) and "bench/" not in line:
            lines.append(line.strip())
        if len(lines) >= n:
            break
    return lines


def run_speed(cfg: SpeedConfig, log=print) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    own_tmp = cfg.work_dir is None
    work_root = Path(tempfile.mkdtemp(prefix="policykg-speed-")) if own_tmp else Path(cfg.work_dir)  # type: ignore[arg-type]
    try:
        sizes = []
        for size in cfg.sizes:
            log(f"speed: {size} clauses")
            try:
                sizes.append(measure_size(size, cfg, work_root / f"n{size}", log))
            except Exception as exc:  # one size failing (memory, a crash) keeps the others
                sizes.append({"size": size, "error": f"{type(exc).__name__}: {exc}"[:1000]})
            if own_tmp:
                shutil.rmtree(work_root / f"n{size}", ignore_errors=True)
        return {
            "queries": len(cfg.queries),
            "rounds": cfg.rounds,
            "http_seconds": cfg.http_seconds if cfg.http else 0,
            "sizes": sizes,
        }
    finally:
        if own_tmp:
            shutil.rmtree(work_root, ignore_errors=True)
