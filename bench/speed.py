"""Speed: build throughput, query latency, index size, memory, cold start and HTTP, side by side
with stock whoosh + jieba ChineseAnalyzer, pure jieba segmentation and tantivy, on a
deterministic scaled corpus (bench.corpus_gen) at several sizes.

Every measurement runs in a fresh subprocess (``python -m bench.speed worker TASK ARGS``) so
peak RSS (getrusage) and cold start belong to that system alone. The machines are shared and
noisy: builds are repeated (median) at the small sizes, latencies are reported as p50/p95 over
all queries × rounds, and the report states ratios measured in the same run.

    python -m bench.speed [--sizes 1000,10000,50000,200000] [--json OUT]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench import metrics
from bench.report import write_json

REPO = Path(__file__).resolve().parent.parent
QUERIES_FILE = Path(__file__).resolve().parent / "data" / "queries.txt"
DEFAULT_SIZES = (1000, 10000, 50000, 200000)


def load_queries(path: Path = QUERIES_FILE) -> list[str]:
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def load_paragraphs(corpus: Path = REPO / "corpus", n: int = 12, chars: int = 450) -> list[str]:
    """Pasted paragraphs (long-text mode): n texts of about `chars` characters, consecutive lines
    of the seed documents joined, spread evenly over the seeds (deterministic)."""
    texts: list[str] = []
    for path in sorted(corpus.glob("*.txt")):
        buf = ""
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) < 20:
                continue
            buf += line
            if len(buf) >= chars:
                texts.append(buf[:chars])
                buf = ""
    step = max(1, len(texts) // n)
    return texts[::step][:n]


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


def _read_clauses(path: Path) -> list[tuple[str, str]]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            out.append((row["id"], row["text"]))
    return out


def _latency_summary(ms: Sequence[float]) -> dict[str, float]:
    return {"p50_ms": metrics.percentile(ms, 50), "p95_ms": metrics.percentile(ms, 95), "n": len(ms)}


def _timed_rounds(run_one, queries: Sequence[str], rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
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


# --------------------------------------------------------------------------------------------
# Workers (each in its own process)
# --------------------------------------------------------------------------------------------


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

    lat = _timed_rounds(run_one, queries, int(args.get("rounds", 3)))
    return {
        "segment_s": seg_s,
        "build_s": build_s,
        "chars": sum(len(t) for _, t in clauses),
        "index_bytes": dir_bytes(index_dir),
        "latency": _latency_summary(lat),
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

    lat = _timed_rounds(run_one, queries, int(args.get("rounds", 3)))
    return {"build_s": build_s, "latency": _latency_summary(lat), "peak_rss_mb": peak_rss_mb()}


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
    lat = _timed_rounds(run_one, queries, int(args.get("rounds", 3)))
    if profiler is not None:
        profiler.stop()
        Path(args["profile"]).write_text(
            profiler.output_text(unicode=True, color=False, flat=True, flat_time="self", show_all=True)
            + "\n\n"
            + profiler.output_text(unicode=True, color=False),
            encoding="utf-8",
        )
    out = {"latency": _latency_summary(lat), "median_total": metrics.median(totals)}
    if args.get("plain"):
        # plain top 10 (no highlights, no facets): what tantivy's figure measures

        def run_plain(q: str) -> None:
            ix.search(SearchRequest(q=q, limit=10, highlight=False, facets=False))

        out["latency_plain"] = _latency_summary(_timed_rounds(run_plain, queries, int(args.get("rounds", 3))))
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def task_stock_query(args: dict[str, Any]) -> dict[str, Any]:
    from bench.baseline import StockIndex

    queries = json.loads(Path(args["queries"]).read_text(encoding="utf-8"))
    ix = StockIndex.open(Path(args["index"]))
    ix.search(queries[0], limit=10, grouping="or")
    _ready()
    rounds = int(args.get("rounds", 3))
    plain = _timed_rounds(lambda q: ix.search(q, limit=10, grouping="or"), queries, rounds)
    hl = _timed_rounds(lambda q: ix.search(q, limit=10, grouping="or", highlight=True), queries, rounds)
    return {
        "latency": _latency_summary(plain),
        "latency_highlight": _latency_summary(hl),
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


# --------------------------------------------------------------------------------------------
# Parent side
# --------------------------------------------------------------------------------------------


def _env(src: Path | None = None) -> dict[str, str]:
    """The workers' environment; `src`: another source tree of the project (the previous
    version, --previous) first on the path instead of this one."""
    env = dict(os.environ)
    root = str(src or REPO)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run_worker(
    task: str, args: dict[str, Any], timeout: float = 7200, src: Path | None = None
) -> dict[str, Any]:
    """Run one task in a fresh interpreter; returns its result plus `cold_start_s` (spawn → READY)
    when the task reports one and `wall_s` (spawn → exit). `src`: run it with another source tree
    of the project (its own bench.speed worker and search code)."""
    cmd = [sys.executable, "-m", "bench.speed", "worker", task, json.dumps(args)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=src or REPO, env=_env(src), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    cold: float | None = None
    result: dict[str, Any] | None = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("READY") and cold is None:
            cold = time.perf_counter() - t0
        elif line.startswith("RESULT "):
            result = json.loads(line[7:])
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0 or result is None:
        last = next((ln for ln in reversed(stderr.splitlines()) if ln.strip()), "")
        raise RuntimeError(f"worker {task} failed ({proc.returncode}): {last}\n{stderr[-2000:]}")
    result["wall_s"] = time.perf_counter() - t0
    if cold is not None:
        result["cold_start_s"] = cold
    return result


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format("BENCH p50_us=%%d p95_us=%%d requests=%%d errors=%%d\\n",
    latency:percentile(50), latency:percentile(95), summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def http_bench(
    data_dir: Path,
    queries: Sequence[str],
    seconds: int,
    connections: int = 4,
    src: Path | None = None,
    warm: bool = False,
) -> dict[str, Any]:
    """Serve the data dir (policykg serve, loopback) and drive /api/search with wrk for a bounded
    time and connection count. Skipped with a note when wrk is absent.

    `warm`: ask every question once, one at a time, before wrk starts, so the window measures a
    served library rather than the first read of each question's terms (at 200k clauses that
    first read is hundreds of ms a question: in a 10 s window it dominated, measured)."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return {"skipped": "wrk 未安装（apt-get install -y wrk）"}
    port = _free_port()
    cmd = [
        sys.executable,
        "-m",
        "service.cli",
        "serve",
        "--data-dir",
        str(data_dir),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    server = subprocess.Popen(
        cmd,
        cwd=src or REPO,
        env=_env(src),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        t0 = time.perf_counter()
        cold = None
        while time.perf_counter() - t0 < 300:
            if server.poll() is not None:
                raise RuntimeError(
                    "server exited: " + (server.stderr.read().decode()[-1000:] if server.stderr else "")
                )
            try:
                with urllib.request.urlopen(
                    f"{base}/api/search?{urlencode({'q': queries[0], 'limit': 10})}", timeout=30
                ) as r:
                    if r.status == 200:
                        cold = time.perf_counter() - t0
                        break
            except OSError:
                time.sleep(0.2)
        if cold is None:
            raise RuntimeError("server did not answer within 300 s")
        warm_s = None
        if warm:
            t1 = time.perf_counter()
            for q in queries:
                with urllib.request.urlopen(
                    f"{base}/api/search?{urlencode({'q': q, 'limit': 10})}", timeout=120
                ) as r:
                    r.read()
            warm_s = time.perf_counter() - t1
        paths = ",".join(json.dumps("/api/search?" + urlencode({"q": q, "limit": 10})) for q in queries)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
            fh.write(WRK_SCRIPT % paths)
            script = fh.name
        try:
            out = subprocess.run(
                [wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script, base],
                capture_output=True,
                text=True,
                timeout=seconds + 60,
            ).stdout
        finally:
            os.unlink(script)
        rps = re.search(r"Requests/sec:\s*([\d.]+)", out)
        m = re.search(r"BENCH p50_us=(\d+) p95_us=(\d+) requests=(\d+) errors=(\d+)", out)
        non2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", out)
        if not rps or not m:
            return {"error": "could not parse wrk output", "raw": out[-1000:]}
        return {
            "rps": float(rps.group(1)),
            "p50_ms": int(m.group(1)) / 1000,
            "p95_ms": int(m.group(2)) / 1000,
            "requests": int(m.group(3)),
            "errors": int(m.group(4)) + (int(non2xx.group(1)) if non2xx else 0),
            "seconds": seconds,
            "connections": connections,
            "cold_start_s": cold,
            "warm_up_s": warm_s,
        }
    finally:
        # the server is our own child in its own session: stop exactly that process group
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait()


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


def _median_of(rows: Sequence[dict[str, Any]], key: str) -> float:
    return metrics.median([r[key] for r in rows])


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
    full_s = _median_of(ours_runs, "full_s")
    index_s = _median_of(ours_runs, "index_s")  # the index stage of the same runs (documents in memory)
    stock_s = _median_of(stock_runs, "build_s")
    res["throughput_mchars_s"] = {
        "ours_full": chars / full_s / 1e6,
        "ours_index": chars / index_s / 1e6,
        "ours_ingest": chars / _median_of(ours_runs, "ingest_s") / 1e6,
        "stock_whoosh": chars / stock_s / 1e6,
        "jieba_search": chars / _median_of(jieba_runs, "jieba_search_s") / 1e6,
        "jieba": chars / _median_of(jieba_runs, "jieba_s") / 1e6,
        "rjieba": chars / _median_of(jieba_runs, "rjieba_s") / 1e6,
        "tantivy_index": chars / tant["build_s"] / 1e6,
    }
    if serial_runs:
        res["throughput_mchars_s"]["ours_full_serial"] = chars / _median_of(serial_runs, "full_s") / 1e6
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


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def markdown(result: dict[str, Any]) -> str:
    rows = [r for r in result["sizes"] if "error" not in r]
    failed = [r for r in result["sizes"] if "error" in r]
    out = []
    for r in failed:
        out.append(f"⚠ size {r['size']:,} did not complete: `{r['error'].splitlines()[0]}`")
        out.append("")
    out.append(
        "Build throughput, M chars/s of clause text (median of fresh-process runs; same clauses for every system):"
    )
    out.append("")
    out.append(
        "| clauses | chars | ours full (ingest+graph+index) | ours index step | stock whoosh + ChineseAnalyzer | jieba search-mode | jieba | rjieba | tantivy (pre-segmented) | **index ÷ stock** (target ≥ 2) | **full ÷ stock** (target ≥ 1.5) |"
    )
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        t, q = r["throughput_mchars_s"], r["ratios"]
        out.append(
            f"| {r['clauses']:,} | {r['chars']:,} | {t['ours_full']:.3f} | {t['ours_index']:.3f} | {t['stock_whoosh']:.3f} | "
            f"{t['jieba_search']:.3f} | {t['jieba']:.3f} | {t['rjieba']:.2f} | {t['tantivy_index']:.2f} | "
            f"{q['index_vs_stock_build']:.2f}× | {q['full_vs_stock_build']:.2f}× |"
        )
    serial_rows = [r for r in rows if r.get("ours_build_serial")]
    if serial_rows:
        out.append("")
        out.append(
            "Our full build with the pool (`build_workers` as in Settings) and in one process (`--workers 1`), same run:"
        )
        out.append("")
        out.append(
            "| clauses | build workers | full, pool | full, 1 process | stock | **full ÷ stock**, pool | full ÷ stock, 1 process | ingest+graph pool / 1 process s | index pool / 1 process s |"
        )
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in serial_rows:
            t, b, sb = r["throughput_mchars_s"], r["ours_build"], r["ours_build_serial"]
            ig = _median_of(b, "ingest_s") + _median_of(b, "graph_s")
            igs = _median_of(sb, "ingest_s") + _median_of(sb, "graph_s")
            out.append(
                f"| {r['clauses']:,} | {b[0].get('workers', 1)} | {t['ours_full']:.3f} | {t['ours_full_serial']:.3f} | "
                f"{t['stock_whoosh']:.3f} | {t['ours_full'] / t['stock_whoosh']:.2f}× | "
                f"{t['ours_full_serial'] / t['stock_whoosh']:.2f}× | {ig:.2f} / {igs:.2f} | "
                f"{_median_of(b, 'index_s'):.2f} / {_median_of(sb, 'index_s'):.2f} |"
            )
    out.append("")
    out.append(
        "Stages of our full build (`Engine.build`, the `policykg build` path; share of ingest + graph + index; "
        "ingest includes the graph's per-document scans when they run in the ingest workers; "
        "`policykg build` s adds writing the snapshot: graph.json, documents.jsonl, originals, fsync):"
    )
    out.append("")
    out.append("| clauses | build workers | ingest | graph | index | `policykg build` s |")
    out.append("|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        b = r["ours_build"]
        full = _median_of(b, "full_s")
        engine = f"{_median_of(b, 'engine_s'):.1f}" if all("engine_s" in x for x in b) else "–"
        out.append(
            f"| {r['clauses']:,} | {b[0].get('workers', 1)} | {_median_of(b, 'ingest_s') / full:.0%} | "
            f"{_median_of(b, 'graph_s') / full:.0%} | {_median_of(b, 'index_s') / full:.0%} | {engine} |"
        )
    out.append("")
    out.append(
        f"Query latency over {result['queries']} queries × {result['rounds']} rounds (after a warm-up pass), top 10; "
        "ours with highlights and facets, stock whoosh OR-grouped (plain / with highlights), tantivy OR over the same jieba tokens:"
    )
    out.append("")
    out.append(
        "| clauses | ours p50 / p95 ms | stock p50 / p95 ms | stock+highlights p50 / p95 ms | tantivy p50 / p95 ms | **ours p95 ÷ stock p95** (target ≤ 1) | ours p95 ÷ stock+hl p95 | ours p50 ÷ tantivy p50 |"
    )
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        o, s, t, q = (
            r["ours_query"]["latency"],
            r["stock_query"]["latency"],
            r["tantivy"]["latency"],
            r["ratios"],
        )
        sh = r["stock_query"]["latency_highlight"]
        out.append(
            f"| {r['clauses']:,} | {o['p50_ms']:.2f} / {o['p95_ms']:.2f} | {s['p50_ms']:.2f} / {s['p95_ms']:.2f} | "
            f"{sh['p50_ms']:.2f} / {sh['p95_ms']:.2f} | {t['p50_ms']:.3f} / {t['p95_ms']:.3f} | "
            f"{q['query_p95_vs_stock']:.2f}× | {q['query_p95_vs_stock_highlight']:.2f}× | {q['query_p50_vs_tantivy']:.0f}× |"
        )
    out.append("")
    out.append("Index size, peak RSS, cold start (process start → first answer):")
    out.append("")
    out.append(
        "| clauses | ours index | stock index | ours ÷ stock | peak RSS ours build / stock build | peak RSS ours query / stock query | cold start ours / stock | ratio |"
    )
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        ob, sb = r["ours_build"][0], r["stock_build"][0]
        oq, sq = r["ours_query"], r["stock_query"]
        out.append(
            f"| {r['clauses']:,} | {_mb(ob['index_bytes'])} | {_mb(sb['index_bytes'])} | {r['ratios']['index_bytes_vs_stock']:.2f}× | "
            f"{ob['peak_rss_mb']:.0f} / {sb['peak_rss_mb']:.0f} MB | {oq['peak_rss_mb']:.0f} / {sq['peak_rss_mb']:.0f} MB | "
            f"{oq['cold_start_s']:.2f} / {sq['cold_start_s']:.2f} s | {r['ratios']['cold_start_vs_stock']:.2f}× |"
        )
    http_rows = [r for r in rows if "http" in r]
    if http_rows:
        out.append("")
        out.append(
            "HTTP (`policykg serve` on loopback, wrk -t1 over the query set, GET /api/search limit=10):"
        )
        out.append("")
        out.append(
            "| clauses | `policykg build` s | req/s | p50 ms | p95 ms | errors | connections × seconds | serve cold start s |"
        )
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in http_rows:
            h = r["http"]
            eb = r.get("engine_build", {}).get("build_s")
            ebs = f"{eb:.1f}" if eb else "–"
            if "rps" in h:
                out.append(
                    f"| {r['clauses']:,} | {ebs} | {h['rps']:.1f} | {h['p50_ms']:.1f} | {h['p95_ms']:.1f} | {h['errors']} | "
                    f"{h['connections']} × {h['seconds']} | {h['cold_start_s']:.1f} |"
                )
            else:
                note = str(h.get("skipped") or h.get("error") or "").splitlines()[0].replace("|", "/")
                out.append(f"| {r['clauses']:,} | {ebs} | {note} | | | | | |")
    out.extend(_issue14_rows(rows))
    graph_errors = {r["ours_build"][0].get("graph_error") for r in rows} - {None}
    if graph_errors:
        out.append("")
        out.append(
            "⚠ graph.build failed on the generated corpus; the index was built without annotations/dictionary terms:"
        )
        out.extend(f"- `{e}`" for e in sorted(graph_errors))
    prof = [r for r in rows if r.get("profiles")]
    for r in prof:
        out.append("")
        out.append(
            f"Hot spots (pyinstrument, self time, {r['clauses']:,} clauses; full profiles in bench/out/):"
        )
        for name, lines in r["profiles"].items():
            out.append("")
            out.append(f"- {name}:")
            out.extend(f"    - `{ln}`" for ln in lines)
    return "\n".join(out)


def _fmt(lat: dict[str, Any] | None) -> str:
    return f"{lat['p50_ms']:.1f} / {lat['p95_ms']:.1f}" if lat else "–"


def _issue14_rows(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Array scoring vs the previous version and the issue's targets (same-run ratios)."""
    out = [
        "",
        "Array scoring (this version) vs the previous version (`--previous`, same run, same index) and the "
        "targets of the library-scale issue: questions with highlights + facets; plain top 10 (no highlights, "
        "no facets) against tantivy; twelve pasted 450-character paragraphs (long-text mode):",
        "",
        "| clauses | questions p50 / p95 ms: ours / previous | **ours p95 ÷ stock p95** (≤ 0.1) | plain top 10 p50 ms | "
        "**plain p50 ÷ tantivy p50** (≤ 25) | bm25s p50 / p95 ms (÷ ours plain p50) | paragraphs p50 / p95 ms: ours / previous | **paragraph p95 ÷ previous** (≤ 0.05) | "
        "HTTP req/s ours / previous (**≥ 25×**) | HTTP p95 ms ours / previous (**≤ 0.1×**) | query RSS MB ours / previous |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        q = r["ratios"]
        prev, pp = r.get("previous_query"), r.get("previous_paragraphs")
        plain = r["ours_query_plain"]["latency_plain"]
        h, hp = r.get("http", {}), r.get("http_previous", {})
        cells = [
            f"{r['clauses']:,}",
            f"{_fmt(r['ours_query']['latency'])} / {_fmt(prev['latency'] if prev else None)}",
            f"{q['query_p95_vs_stock']:.3f}×",
            f"{plain['p50_ms']:.2f}",
            f"{q['plain_p50_vs_tantivy']:.0f}×",
            f"{_fmt(r['bm25s']['latency'])} ({q['plain_p50_vs_bm25s']:.1f}×)" if r.get("bm25s") else "–",
            f"{_fmt(r['paragraphs']['latency'])} / {_fmt(pp['latency'] if pp else None)}",
            f"{q['paragraph_p95_vs_previous']:.3f}×" if "paragraph_p95_vs_previous" in q else "–",
            f"{h['rps']:.1f} / {hp['rps']:.1f} ({q['http_rps_vs_previous']:.1f}×)"
            if "http_rps_vs_previous" in q
            else "–",
            f"{h['p95_ms']:.0f} / {hp['p95_ms']:.0f} ({q['http_p95_vs_previous']:.2f}×)"
            if "http_p95_vs_previous" in q
            else "–",
            f"{r['ours_query']['peak_rss_mb']:.0f} / {prev['peak_rss_mb']:.0f}"
            if prev
            else f"{r['ours_query']['peak_rss_mb']:.0f}",
        ]
        out.append("| " + " | ".join(cells) + " |")
    return out


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
