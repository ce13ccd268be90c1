"""LeCaRD (SIGIR 2021) on the project's search core.

Data: ../shared/benchmarks/lecard (read its README). Candidates are streamed straight from the
tar.xz (never unpacked to disk); the pools of a small query subset can be cached as gzip JSON
under bench/out/ so the smoke run does not decompress the whole archive every time.

Each query's pool (100 candidates, plus the 50001+ extras of 7 queries) is ranked in full: the
candidates a ranker does not score are appended in id order, so no system is rewarded for
retrieving fewer documents (the paper protocol's IDCG and AP only see what was retrieved).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import tarfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from bench import metrics
from bench.report import write_json

LECARD_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "lecard"
if not LECARD_DIR.exists():  # the repo may be checked out elsewhere; the shared folder is fixed
    LECARD_DIR = Path("/work/shared/benchmarks/lecard")
OUT_DIR = Path(__file__).resolve().parent / "out"

# Fields of a candidate we index; qw (the full text) repeats them and is left out.
CANDIDATE_FIELDS = ("ajName", "ajjbqk", "cpfxgc", "pjjg")

PUBLISHED: dict[str, dict[str, float]] = {
    # README "Experiment" table 1 (first 100 queries, corpus-level runs)
    "BM25 (published)": {
        "p@5": 0.406,
        "p@10": 0.381,
        "map": 0.484,
        "ndcg@10": 0.731,
        "ndcg@20": 0.797,
        "ndcg@30": 0.888,
    },
    "TF-IDF (published)": {
        "p@5": 0.304,
        "p@10": 0.261,
        "map": 0.457,
        "ndcg@10": 0.795,
        "ndcg@20": 0.832,
        "ndcg@30": 0.848,
    },
    "LMIR (published)": {
        "p@5": 0.436,
        "p@10": 0.406,
        "map": 0.495,
        "ndcg@10": 0.769,
        "ndcg@20": 0.818,
        "ndcg@30": 0.900,
    },
}
PREDICTION_FILES = {
    "BM25": ("bm25_top100.json", True),
    "TF-IDF": ("tfidf_top100.json", True),
    "LMIR": ("lm_top100.json", False),
}
PAPER_KEYS = ("p@5", "p@10", "map", "ndcg@10", "ndcg@20", "ndcg@30")


@dataclass(frozen=True)
class Query:
    qid: str
    text: str
    crime: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    cid: str
    fields: Mapping[str, str]


@dataclass
class LecardData:
    queries: dict[str, Query]
    labels: dict[str, dict[str, int]]  # qid -> {cid: gain}, key order as in the label file
    annotated: dict[str, list[str]]  # qid -> its 30 pooled and annotated candidates
    order: list[str] = field(default_factory=list)  # qids in label-file order

    def first(self, n: int) -> list[str]:
        return self.order[:n]


def _read_json_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_data(root: Path = LECARD_DIR) -> LecardData:
    data = root / "data"
    queries = {
        str(q["ridx"]): Query(str(q["ridx"]), q["q"], tuple(q.get("crime") or ()))
        for q in _read_json_lines(data / "query" / "query.json")
    }
    raw_labels = json.loads((data / "label" / "label_top30_dict.json").read_text(encoding="utf-8"))
    labels = {qid: {str(c): int(g) for c, g in lab.items()} for qid, lab in raw_labels.items()}
    combined = json.loads((data / "prediction" / "combined_top100.json").read_text(encoding="utf-8"))
    annotated = {qid: [str(c) for c in combined[qid][:30]] for qid in labels}
    return LecardData(queries=queries, labels=labels, annotated=annotated, order=list(labels))


@lru_cache(maxsize=1)
def stopwords(root: Path = LECARD_DIR) -> frozenset[str]:
    """The authors' stopword list (also used by the CAIL2021 BM25 baseline)."""
    text = (root / "data" / "others" / "stopword.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip())


def load_predictions(name: str, root: Path = LECARD_DIR) -> dict[str, list[str]]:
    """A published run, best first (bm25 and tfidf are stored worst-first)."""
    fname, reverse = PREDICTION_FILES[name]
    raw = json.loads((root / "data" / "prediction" / fname).read_text(encoding="utf-8"))
    return {qid: [str(c) for c in (ids[::-1] if reverse else ids)] for qid, ids in raw.items()}


# --------------------------------------------------------------------------------------------
# Candidate pools
# --------------------------------------------------------------------------------------------


def _candidate(cid: str, raw: Mapping[str, Any]) -> Candidate:
    return Candidate(cid, {f: str(raw.get(f) or "") for f in CANDIDATE_FIELDS})


def stream_pools(
    qids: Iterable[str] | None = None, root: Path = LECARD_DIR
) -> Iterator[tuple[str, list[Candidate]]]:
    """Yield (qid, pool) in archive order, one query folder at a time (members are grouped by
    folder), decoding only members of the wanted queries. Stops once all wanted pools are out."""
    wanted = set(qids) if qids is not None else None
    path = root / "data" / "candidates" / "candidates.tar.xz"
    current: str | None = None
    pool: list[Candidate] = []
    with tarfile.open(path, "r:xz") as tf:
        for member in tf:
            if not member.isfile():
                continue
            parts = member.name.split("/")
            if len(parts) != 3:
                continue
            qid, cid = parts[1], parts[2].removesuffix(".json")
            if qid != current:
                if current is not None and pool:
                    yield current, pool
                    if wanted is not None:
                        wanted.discard(current)
                        if not wanted:
                            return
                current, pool = qid, []
            if wanted is not None and qid not in wanted:
                continue
            fh = tf.extractfile(member)
            if fh is not None:
                pool.append(_candidate(cid, json.loads(fh.read())))
        if current is not None and pool:
            yield current, pool


def _cache_path(qids: Sequence[str], cache_dir: Path) -> Path:
    key = hashlib.sha1(",".join(sorted(qids)).encode()).hexdigest()[:12]
    return cache_dir / f"lecard-pools-{len(qids)}-{key}.json.gz"


def cached_pools(
    qids: Sequence[str], cache_dir: Path = OUT_DIR, root: Path = LECARD_DIR
) -> dict[str, list[Candidate]]:
    """Pools of a (small) query subset, from a gzip JSON cache written on first use."""
    path = _cache_path(qids, cache_dir)
    if path.exists():
        raw = json.loads(gzip.decompress(path.read_bytes()))
        return {qid: [Candidate(c["cid"], c["fields"]) for c in pool] for qid, pool in raw.items()}
    pools = dict(stream_pools(qids, root))
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    payload = {qid: [{"cid": c.cid, "fields": dict(c.fields)} for c in pool] for qid, pool in pools.items()}
    tmp.write_bytes(gzip.compress(json.dumps(payload, ensure_ascii=False).encode(), compresslevel=6))
    tmp.replace(path)
    return pools


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------

Ranker = Callable[[Query, Sequence[Candidate]], list[str]]


def complete_ranking(scored: Sequence[str], pool: Sequence[Candidate]) -> list[str]:
    """The ranker's order, then every unscored pool member in id order (a neutral order; the
    pool file's own order is a ranking by the authors' systems and would leak)."""
    seen = set(scored)
    rest = sorted((c.cid for c in pool if c.cid not in seen), key=lambda s: (len(s), s))
    return list(scored) + rest


def score_rankings(
    data: LecardData, rankings: Mapping[str, Sequence[str]], qids: Sequence[str]
) -> dict[str, Any]:
    per_query = {}
    for qid in qids:
        ranking = list(rankings.get(qid, []))
        row = metrics.lecard_paper_query(ranking, data.annotated[qid], data.labels[qid])
        row["cail_ndcg@30"] = metrics.lecard_cail_ndcg(ranking, data.labels[qid], 30)
        per_query[qid] = row
    return {
        "queries": len(qids),
        "mean": metrics.mean_dicts(list(per_query.values())),
        "per_query": per_query,
    }


def reproduce_published(
    data: LecardData, n: int = 100, root: Path = LECARD_DIR
) -> dict[str, dict[str, float]]:
    """Recompute the README table rows from the published prediction files (paper protocol)."""
    qids = data.first(n)
    out = {}
    for name in PREDICTION_FILES:
        scored = score_rankings(data, load_predictions(name, root), qids)
        out[name] = scored["mean"]
    return out


def run_rankers(
    data: LecardData,
    rankers: Mapping[str, Ranker],
    qids: Sequence[str],
    pools: Iterable[tuple[str, Sequence[Candidate]]],
    log: Callable[[str], None] | None = None,
) -> dict[str, dict[str, Any]]:
    """Rank every wanted pool with every ranker (pools are streamed once) and score both
    protocols. A ranker that fails on a query gets the unranked pool for it; the error is kept."""
    wanted = set(qids)
    rankings: dict[str, dict[str, list[str]]] = {name: {} for name in rankers}
    seconds: dict[str, list[float]] = {name: [] for name in rankers}
    errors: dict[str, dict[str, str]] = {name: {} for name in rankers}
    done = 0
    for qid, pool in pools:
        if qid not in wanted:
            continue
        for name, ranker in rankers.items():
            t0 = time.perf_counter()
            try:
                scored = ranker(data.queries[qid], pool)
            except Exception as exc:
                errors[name][qid] = f"{type(exc).__name__}: {exc}"[:300]
                scored = []
            seconds[name].append(time.perf_counter() - t0)
            rankings[name][qid] = complete_ranking(scored, pool)
        done += 1
        if log is not None and (done % 10 == 0 or done == len(wanted)):
            log(f"  lecard: {done}/{len(wanted)} queries")
    out = {}
    for name in rankers:
        result = score_rankings(data, rankings[name], qids)
        result["median_seconds_per_query"] = metrics.median(seconds[name])
        result["errors"] = errors[name]
        result["rankings"] = rankings[name]
        out[name] = result
    return out


def run_ranker(
    data: LecardData,
    ranker: Ranker,
    qids: Sequence[str],
    pools: Iterable[tuple[str, Sequence[Candidate]]],
) -> dict[str, Any]:
    return run_rankers(data, {"ranker": ranker}, qids, pools)["ranker"]


# --------------------------------------------------------------------------------------------
# Rankers
# --------------------------------------------------------------------------------------------


def candidate_document(c: Candidate, body_fields: Sequence[str] = ("ajjbqk", "cpfxgc")) -> Any:
    """A candidate as a one-clause policykg Document: case name → title, facts (+ reasoning) → text."""
    from policykg.model import Clause, Document

    body = "\n".join(c.fields.get(f, "") for f in body_fields if c.fields.get(f))
    doc_id = f"c{c.cid}"
    clause = Clause(id=f"{doc_id}:0001", doc_id=doc_id, ordinal=1, text=body, search_text=body, end=len(body))
    return Document(
        id=doc_id,
        title=c.fields.get("ajName", ""),
        text=body,
        search_text=body,
        source=f"{c.cid}.json",
        sha256="",
        clauses=[clause],
    )


@dataclass(frozen=True)
class Variant:
    """How one ranking of ours searches the pool index, through public options only.

    `search_options` go to SearchRequest; `weights` to ClauseIndex (search.query.Weights fields).
    The default variant is exactly the service's path: ClauseIndex.search(SearchRequest(q=text))
    with the default Weights (the long-text mode of search.query picks itself from the text)."""

    search_options: Mapping[str, Any] = field(default_factory=dict)
    weights: Mapping[str, Any] = field(default_factory=dict)


DEFAULT_VARIANT = Variant()
# Ablation: the same search with the long-text mode switched off (threshold out of reach), i.e.
# a fact description read as a typed question (24 rarest words, quotes as required phrases,
# proximity, coordination, the index's BM25). What the service did before the mode existed.
QUESTION_READING = Variant(weights={"long_query_chars": 10**9})


def project_rankers(
    work_dir: Path,
    variants: Mapping[str, Variant],
    body_fields: Sequence[str] = ("ajjbqk", "cpfxgc"),
) -> dict[str, Ranker]:
    """Rankers that use the project's search core: ClauseIndex.create over the pool (same
    analyzer, folding and schema the service uses), then ClauseIndex.search with the query text
    as a user would send it. The pool index is built once per query and shared by the variants."""
    import shutil

    from search.index import ClauseIndex
    from search.query import Weights
    from search.results import SearchRequest

    built: dict[str, Path] = {}

    def index_for(query: Query, pool: Sequence[Candidate]) -> Path:
        directory = work_dir / f"q{query.qid}"
        if built.get("qid") != query.qid:
            for old in work_dir.glob("q*"):
                shutil.rmtree(old, ignore_errors=True)
            docs = [candidate_document(c, body_fields) for c in pool]
            ClauseIndex.create(directory, docs, None, ()).close()
            built["qid"] = query.qid  # type: ignore[assignment]
        return directory

    def make(variant: Variant) -> Ranker:
        def rank(query: Query, pool: Sequence[Candidate]) -> list[str]:
            directory = index_for(query, pool)
            weights = Weights(**variant.weights) if variant.weights else None
            ix = ClauseIndex.open(
                directory, weights=weights, max_query_chars=10000, max_page_size=len(pool) + 10
            )
            try:
                request = SearchRequest(
                    q=query.text,
                    limit=len(pool),
                    highlight=False,
                    facets=False,
                    **dict(variant.search_options),
                )
                page = ix.search(request)
            finally:
                ix.close()
            return [h.doc_id[1:] for h in page.results]

        return rank

    return {name: make(v) for name, v in variants.items()}


def project_ranker(work_dir: Path, variant: Variant = DEFAULT_VARIANT) -> Ranker:
    return project_rankers(work_dir, {"ours": variant})["ours"]


def stock_ranker(grouping: str = "or") -> Ranker:
    """Stock whoosh + jieba ChineseAnalyzer over ajName + facts + reasoning, default BM25F."""
    from bench.baseline import StockIndex

    def rank(query: Query, pool: Sequence[Candidate]) -> list[str]:
        units = [
            (c.cid, "\n".join(c.fields.get(f, "") for f in ("ajName", "ajjbqk", "cpfxgc"))) for c in pool
        ]
        ix = StockIndex.build(units)
        return [h["id"] for h in ix.search(query.text, limit=len(pool), grouping=grouping)]

    return rank


# --------------------------------------------------------------------------------------------
# The benchmark run and its table
# --------------------------------------------------------------------------------------------

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
