"""bench.lecard_scoring: the paper protocol over complete rankings, published rows recomputed from
prediction files, and the one-ranker shortcut."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import lecard_scoring
from bench.lecard_data import Candidate, LecardData, Query


def _data() -> LecardData:
    return LecardData(
        queries={"q": Query("q", "案情")},
        labels={"q": {"a": 3, "b": 3, "c": 1}},
        annotated={"q": ["a", "b", "c", "d"]},
        order=["q"],
    )


def test_the_published_rows_carry_every_paper_measure() -> None:
    for row in lecard_scoring.PUBLISHED.values():
        assert set(row) == set(lecard_scoring.PAPER_KEYS)


def test_score_rankings_perfect_and_reversed() -> None:
    data = _data()
    best = lecard_scoring.score_rankings(data, {"q": ["a", "b", "c", "d"]}, ["q"])
    assert best["queries"] == 1
    assert best["mean"]["map"] == 1.0 and best["mean"]["p@5"] == pytest.approx(0.4)
    assert best["mean"]["ndcg@30"] == 1.0 and best["mean"]["cail_ndcg@30"] == 1.0
    worst = lecard_scoring.score_rankings(data, {"q": ["d", "c", "b", "a"]}, ["q"])
    assert worst["mean"]["map"] == pytest.approx((1 / 3 + 2 / 4) / 2)
    assert worst["per_query"]["q"]["ndcg@30"] < 1.0


def test_unannotated_candidates_do_not_count_in_the_paper_protocol() -> None:
    # "x" is not among the 30 annotated: the paper protocol filters it out, CAIL counts it as 0
    got = lecard_scoring.score_rankings(_data(), {"q": ["x", "a", "b", "c"]}, ["q"])["mean"]
    assert got["map"] == 1.0
    assert got["cail_ndcg@30"] < 1.0


def test_reproduce_published_reads_each_run_best_first(tmp_path: Path) -> None:
    prediction = tmp_path / "data" / "prediction"
    prediction.mkdir(parents=True)
    # the same ranking stored as the authors did: BM25 and TF-IDF worst-first, LMIR best-first
    for name in ("bm25_top100.json", "tfidf_top100.json"):
        (prediction / name).write_text(json.dumps({"q": ["d", "c", "b", "a"]}), encoding="utf-8")
    (prediction / "lm_top100.json").write_text(json.dumps({"q": ["a", "b", "c", "d"]}), encoding="utf-8")
    out = lecard_scoring.reproduce_published(_data(), 1, tmp_path)
    assert set(out) == {"BM25", "TF-IDF", "LMIR"}
    assert out["BM25"] == out["TF-IDF"] == out["LMIR"]
    assert out["LMIR"]["map"] == 1.0


def test_run_ranker_completes_the_ranking_and_times_it() -> None:
    pool = [Candidate(c, {}) for c in ("d", "c", "b", "a")]
    got = lecard_scoring.run_ranker(_data(), lambda query, cands: ["a"], ["q"], [("q", pool)])
    assert got["rankings"] == {"q": ["a", "b", "c", "d"]}
    assert got["errors"] == {} and got["median_seconds_per_query"] >= 0
    assert got["mean"]["map"] == 1.0
