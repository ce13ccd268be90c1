"""The speed bench's worker tasks: each measures one system in its own fresh interpreter
(`python -m bench.speed worker TASK ARGS`) — our build and queries, stock whoosh, pure jieba,
tantivy, bm25s — and prints one `RESULT {json}` line (and `READY` when its first answer is out).

Apart from the parent side because this code runs in the child only, where it must be the sole
thing that loads (peak RSS and cold start belong to that system alone).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

from bench import metrics
from bench.speed_gauges import dir_bytes, latency_summary, peak_rss_mb, timed_rounds


def _read_clauses(path: Path) -> list[tuple[str, str]]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            out.append((row["id"], row["text"]))
    return out


def task_ours_build(args: dict[str, Any]) -> dict[str, Any]:
    """`policykg build` (Engine.build: ingest → graph → index → snapshot), each stage timed by the
    engine itself; writes the clause list for the other systems.

    Like the stock build (jieba.initialize() before its timer), the load-once resources — ingest's
    jieba dictionary, the gazetteer, OpenCC, the graph's tables — are loaded before the timer
    (`Backend.warm_up`, which `Engine.build` also calls first). Every per-document step is timed.
    `workers` (default: Settings, i.e. POLICYKG_BUILD_WORKERS or the usable CPUs up to 4).
    """
    from policykg.settings import Settings
    from service.engine import Engine

    corpus, data_dir = Path(args["corpus"]), Path(args["data_dir"])
    overrides: dict[str, Any] = {"data_dir": data_dir, "corpus_dir": corpus}
    if args.get("workers"):
        overrides["build_workers"] = int(args["workers"])
    settings = Settings(**overrides)
    engine = Engine(settings, preload_writes=False)  # as `policykg build` (service.cli.make_engine)
    engine.backend.warm_up()
    profile = args.get("profile")
    profiler = None
    if profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.002)
        profiler.start()
    stages: dict[str, float] = {}
    t0 = time.perf_counter()
    report = engine.build(corpus, timings=stages)
    engine_s = time.perf_counter() - t0
    if profiler is not None:
        profiler.stop()
        Path(profile).write_text(
            profiler.output_text(unicode=True, color=False, flat=True, flat_time="self", show_all=True)
            + "\n\n"
            + profiler.output_text(unicode=True, color=False),
            encoding="utf-8",
        )
    snapshot = data_dir / "snapshots" / str(report.snapshot)
    engine.close()
    # the build's peak, before the clause list below is read back (it is the bench's, not the build's)
    build_peak_mb = peak_rss_mb()
    documents = 0
    clauses: list[tuple[str, str]] = []
    with open(snapshot / "documents.jsonl", encoding="utf-8") as fh:
        for line in fh:  # a line at a time: all documents at once would outgrow the build
            documents += 1
            clauses.extend((c["id"], c["text"]) for c in json.loads(line)["clauses"])
    if args.get("clauses_out"):
        with open(args["clauses_out"], "w", encoding="utf-8") as fh:
            for cid, text in clauses:
                fh.write(json.dumps({"id": cid, "text": text}, ensure_ascii=False) + "\n")
    return {
        "documents": documents,
        "clauses": len(clauses),
        "chars": sum(len(t) for _, t in clauses),
        "workers": settings.build_workers,
        "ingest_s": stages["ingest_s"],
        "graph_s": stages["graph_s"],
        "index_s": stages["index_s"],
        # the pipeline (what stock's build also does: text → searchable index); the snapshot's
        # extra files (graph.json, documents.jsonl, originals, fsync) are in engine_s
        "full_s": stages["ingest_s"] + stages["graph_s"] + stages["index_s"],
        "engine_s": engine_s,
        "index_dir": str(snapshot / "index"),
        "index_bytes": dir_bytes(snapshot / "index"),
        "peak_rss_mb": build_peak_mb,
        "failed_files": sum(1 for o in report.outcomes if o.status == "rejected"),
    }


def task_stock_build(args: dict[str, Any]) -> dict[str, Any]:
    from bench.baseline import StockIndex

    clauses = _read_clauses(Path(args["clauses"]))
    index_dir = Path(args["index"])
    import jieba

    jieba.initialize()  # dictionary load is start-up, not indexing
    t0 = time.perf_counter()
    StockIndex.build(clauses, index_dir)
    t1 = time.perf_counter()
    return {
        "clauses": len(clauses),
        "chars": sum(len(t) for _, t in clauses),
        "build_s": t1 - t0,
        "index_bytes": dir_bytes(index_dir),
        "peak_rss_mb": peak_rss_mb(),
    }


def task_jieba(args: dict[str, Any]) -> dict[str, Any]:
    """Pure segmentation of the same clause texts: jieba (search mode, as ChineseAnalyzer uses it,
    and accurate mode) and rjieba (accurate mode) — the floor of any jieba pipeline."""
    import jieba
    import rjieba

    texts = [t for _, t in _read_clauses(Path(args["clauses"]))]
    jieba.initialize()
    rjieba.cut("预热")
    out: dict[str, Any] = {"chars": sum(map(len, texts))}
    t0 = time.perf_counter()
    for t in texts:
        jieba.lcut_for_search(t)
    out["jieba_search_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    for t in texts:
        jieba.lcut(t)
    out["jieba_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    for t in texts:
        rjieba.cut(t)
    out["rjieba_s"] = time.perf_counter() - t0
    return out


_WORD = re.compile(r"\w+")


def _tantivy_tokens(text: str) -> list[str]:
    import rjieba

    return [w for w in rjieba.cut(text) if _WORD.fullmatch(w)]


def task_tantivy(args: dict[str, Any]) -> dict[str, Any]:
    """tantivy over the same clauses, pre-segmented by (r)jieba, whitespace tokenizer: build time
    (segmentation excluded) and top-10 OR query latency with stored fields fetched."""
    import tantivy

    clauses = _read_clauses(Path(args["clauses"]))
    queries = json.loads(Path(args["queries"]).read_text(encoding="utf-8"))
    index_dir = Path(args["index"])
    index_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    segmented = [(cid, " ".join(_tantivy_tokens(t))) for cid, t in clauses]
    seg_s = time.perf_counter() - t0
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("body", stored=True, tokenizer_name="whitespace")
    ix = tantivy.Index(sb.build(), path=str(index_dir))
    t0 = time.perf_counter()
    writer = ix.writer(heap_size=128_000_000, num_threads=1)
    for cid, body in segmented:
        writer.add_document(tantivy.Document(id=cid, body=body))
    writer.commit()
    writer.wait_merging_threads()
    build_s = time.perf_counter() - t0
    ix.reload()
    searcher = ix.searcher()
    parsed = {q: " ".join(dict.fromkeys(_tantivy_tokens(q))) for q in queries}

    def run_one(q: str) -> None:
        text = parsed[q]
        if not text:
            return
        res = searcher.search(ix.parse_query(text, ["body"]), 10)
        for _score, addr in res.hits:
            searcher.doc(addr)

    lat = timed_rounds(run_one, queries, int(args.get("rounds", 3)))
    return {
        "segment_s": seg_s,
        "build_s": build_s,
        "chars": sum(len(t) for _, t in clauses),
        "index_bytes": dir_bytes(index_dir),
        "latency": latency_summary(lat),
    }


def task_bm25s(args: dict[str, Any]) -> dict[str, Any]:
    """bm25s (precomputed BM25 impacts in sparse numpy arrays) over the same clauses and jieba
    tokens as tantivy: top 10 with the clause ids read, one query at a time."""
    import bm25s

    clauses = _read_clauses(Path(args["clauses"]))
    queries = json.loads(Path(args["queries"]).read_text(encoding="utf-8"))
    tokens = [_tantivy_tokens(t) for _cid, t in clauses]
    t0 = time.perf_counter()
    retriever = bm25s.BM25()
    retriever.index(tokens, show_progress=False)
    build_s = time.perf_counter() - t0
    vocab = set(retriever.vocab_dict)
    parsed = {q: [w for w in dict.fromkeys(_tantivy_tokens(q)) if w in vocab] for q in queries}
    ids = [cid for cid, _t in clauses]

    def run_one(q: str) -> None:
        words = parsed[q]
        if not words:
            return
        docs, _scores = retriever.retrieve([words], k=10, show_progress=False, n_threads=1)
        [ids[d] for d in docs[0]]

    lat = timed_rounds(run_one, queries, int(args.get("rounds", 3)))
    return {"build_s": build_s, "latency": latency_summary(lat), "peak_rss_mb": peak_rss_mb()}


def _ready() -> None:
    """Tell the parent the first answer is out (cold start ends here)."""
    print("READY", flush=True)


def task_ours_query(args: dict[str, Any]) -> dict[str, Any]:
    from search.index import ClauseIndex
    from search.results import SearchRequest

    queries = json.loads(Path(args["queries"]).read_text(encoding="utf-8"))
    ix = ClauseIndex.open(Path(args["index"]))
    ix.search(SearchRequest(q=queries[0], limit=10))
    _ready()
    totals: list[int] = []

    def run_one(q: str) -> None:
        page = ix.search(SearchRequest(q=q, limit=10, highlight=True, facets=True))
        totals.append(page.total)

    profiler = None
    if args.get("profile"):
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
    lat = timed_rounds(run_one, queries, int(args.get("rounds", 3)))
    if profiler is not None:
        profiler.stop()
        Path(args["profile"]).write_text(
            profiler.output_text(unicode=True, color=False, flat=True, flat_time="self", show_all=True)
            + "\n\n"
            + profiler.output_text(unicode=True, color=False),
            encoding="utf-8",
        )
    out = {"latency": latency_summary(lat), "median_total": metrics.median(totals)}
    if args.get("plain"):
        # plain top 10 (no highlights, no facets): what tantivy's figure measures

        def run_plain(q: str) -> None:
            ix.search(SearchRequest(q=q, limit=10, highlight=False, facets=False))

        out["latency_plain"] = latency_summary(timed_rounds(run_plain, queries, int(args.get("rounds", 3))))
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def task_stock_query(args: dict[str, Any]) -> dict[str, Any]:
    from bench.baseline import StockIndex

    queries = json.loads(Path(args["queries"]).read_text(encoding="utf-8"))
    ix = StockIndex.open(Path(args["index"]))
    ix.search(queries[0], limit=10, grouping="or")
    _ready()
    rounds = int(args.get("rounds", 3))
    plain = timed_rounds(lambda q: ix.search(q, limit=10, grouping="or"), queries, rounds)
    hl = timed_rounds(lambda q: ix.search(q, limit=10, grouping="or", highlight=True), queries, rounds)
    return {
        "latency": latency_summary(plain),
        "latency_highlight": latency_summary(hl),
        "peak_rss_mb": peak_rss_mb(),
    }


def task_engine_build(args: dict[str, Any]) -> dict[str, Any]:
    """What `policykg build` does (Engine.build: ingest, graph, index, snapshot files)."""
    from policykg.settings import Settings
    from service.engine import Engine

    t0 = time.perf_counter()
    engine = Engine(Settings(data_dir=Path(args["data_dir"]), corpus_dir=Path(args["corpus"])))
    report = engine.build(Path(args["corpus"]))
    engine.close()
    return {"build_s": time.perf_counter() - t0, "clauses": report.clauses, "peak_rss_mb": peak_rss_mb()}


TASKS = {
    "ours-build": task_ours_build,
    "stock-build": task_stock_build,
    "jieba": task_jieba,
    "tantivy": task_tantivy,
    "bm25s": task_bm25s,
    "ours-query": task_ours_query,
    "stock-query": task_stock_query,
    "engine-build": task_engine_build,
}


def worker_main(task: str, payload: str) -> int:
    result = TASKS[task](json.loads(payload))
    print("RESULT " + json.dumps(result), flush=True)
    return 0
