"""LeCaRD scoring: the paper's measures (P@5, P@10, MAP, NDCG@10/20/30) and the CAIL NDCG@30 over
complete rankings, the published table rows recomputed from the authors' prediction files, and
running every ranker over every pool with its time and errors kept.

Apart from the rankers because the protocol is the same whatever ranks (ours, stock whoosh, the
published runs), and apart from the run so it can be checked against the published figures alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from bench import metrics
from bench.lecard_data import LECARD_DIR, PREDICTION_FILES, Candidate, LecardData, Query, load_predictions

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
PAPER_KEYS = ("p@5", "p@10", "map", "ndcg@10", "ndcg@20", "ndcg@30")

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
