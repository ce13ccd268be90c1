"""bench.lecard_data over a tiny LeCaRD tree of our own: queries, labels and annotated pools in
label-file order, published runs best first, the stopword list."""

from __future__ import annotations

import json
from pathlib import Path

from bench import lecard_data


def _tree(root: Path) -> Path:
    data = root / "data"
    for sub in ("query", "label", "prediction", "others"):
        (data / sub).mkdir(parents=True)
    (data / "query" / "query.json").write_text(
        json.dumps({"ridx": 7, "q": "盗窃电缆", "crime": ["盗窃罪"]}, ensure_ascii=False)
        + "\n\n"
        + json.dumps({"ridx": 3, "q": "故意伤害"}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    # label-file order (3 before 7) is the order of the benchmark's "first n queries"
    labels = {"3": {"30": 3, "31": "1"}, "7": {"70": 2}}
    (data / "label" / "label_top30_dict.json").write_text(json.dumps(labels), encoding="utf-8")
    combined = {"3": list(range(100, 140)), "7": [70, 71]}
    (data / "prediction" / "combined_top100.json").write_text(json.dumps(combined), encoding="utf-8")
    (data / "prediction" / "bm25_top100.json").write_text(json.dumps({"3": [1, 2, 3]}), encoding="utf-8")
    (data / "prediction" / "lm_top100.json").write_text(json.dumps({"3": [1, 2, 3]}), encoding="utf-8")
    (data / "others" / "stopword.txt").write_text("的\n 了 \n\n是\n", encoding="utf-8")
    return root


def test_load_data_reads_queries_labels_and_annotated_pools(tmp_path: Path) -> None:
    data = lecard_data.load_data(_tree(tmp_path))
    assert data.queries["7"] == lecard_data.Query("7", "盗窃电缆", ("盗窃罪",))
    assert data.queries["3"].crime == ()
    assert data.labels == {"3": {"30": 3, "31": 1}, "7": {"70": 2}}  # ids and gains normalised
    assert data.annotated["3"] == [str(c) for c in range(100, 130)]  # the first 30 of the pool
    assert data.annotated["7"] == ["70", "71"]
    assert data.order == ["3", "7"] and data.first(1) == ["3"]


def test_published_runs_come_best_first(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    assert lecard_data.load_predictions("BM25", root) == {"3": ["3", "2", "1"]}  # stored worst-first
    assert lecard_data.load_predictions("LMIR", root) == {"3": ["1", "2", "3"]}


def test_stopwords_are_stripped_and_blank_lines_dropped(tmp_path: Path) -> None:
    assert lecard_data.stopwords(_tree(tmp_path)) == frozenset({"的", "了", "是"})
