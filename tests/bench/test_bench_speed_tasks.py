"""bench.speed_tasks: the worker entry prints one RESULT line, and the tasks measure what their
clause list holds (count, characters, bytes on disk, latency rounds)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import speed_tasks

CLAUSES = [
    ("d1:0001", "离退休干部党员人数5人以上的，可以单独建立党支部。"),
    ("d1:0002", "各党支部要坚持三会一课制度，定期开展主题党日活动。"),
    ("d2:0001", "组织离退休干部到社区报到，参加志愿服务。"),
]


def _clause_file(tmp_path: Path, clauses: list[tuple[str, str]] = CLAUSES) -> Path:
    path = tmp_path / "clauses.jsonl"
    path.write_text(
        "".join(json.dumps({"id": cid, "text": t}, ensure_ascii=False) + "\n" for cid, t in clauses),
        encoding="utf-8",
    )
    return path


def test_worker_main_prints_one_result_line(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(speed_tasks.TASKS, "echo", lambda args: {"got": args["x"] * 2})
    assert speed_tasks.worker_main("echo", json.dumps({"x": 21})) == 0
    assert capsys.readouterr().out == 'RESULT {"got": 42}\n'


def test_every_task_the_parent_names_exists() -> None:
    assert set(speed_tasks.TASKS) == {
        "ours-build",
        "stock-build",
        "jieba",
        "tantivy",
        "bm25s",
        "ours-query",
        "stock-query",
        "engine-build",
    }


def test_jieba_task_segments_every_clause(tmp_path: Path) -> None:
    out = speed_tasks.task_jieba({"clauses": str(_clause_file(tmp_path))})
    assert out["chars"] == sum(len(t) for _, t in CLAUSES)
    assert all(out[k] >= 0 for k in ("jieba_search_s", "jieba_s", "rjieba_s"))


def test_stock_build_task_indexes_the_clause_list(tmp_path: Path) -> None:
    index = tmp_path / "stock"
    out = speed_tasks.task_stock_build({"clauses": str(_clause_file(tmp_path)), "index": str(index)})
    assert out["clauses"] == 3
    assert out["chars"] == sum(len(t) for _, t in CLAUSES)
    assert out["index_bytes"] > 0 and index.is_dir()
    assert out["peak_rss_mb"] > 0


def test_bm25s_task_times_every_query_every_round(tmp_path: Path) -> None:
    pytest.importorskip("bm25s")
    queries = tmp_path / "queries.json"
    queries.write_text(json.dumps(["党支部", "社区报到"], ensure_ascii=False), encoding="utf-8")
    # bm25s returns a full top 10, so the corpus needs at least ten clauses
    clauses = [
        (f"d{i}:{j:04d}", f"{text}（第{i}份）") for i in range(4) for j, (_, text) in enumerate(CLAUSES)
    ]
    out = speed_tasks.task_bm25s(
        {"clauses": str(_clause_file(tmp_path, clauses)), "queries": str(queries), "rounds": 2}
    )
    assert out["latency"]["n"] == 4  # 2 queries × 2 rounds (the warm-up pass is not counted)
