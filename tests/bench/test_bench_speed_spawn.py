"""bench.speed_spawn: a task runs in a fresh interpreter of this source tree and comes back with its
wall time; a failing worker raises with its last stderr line; HTTP without wrk is a note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import speed_spawn
from bench.speed_inputs import REPO


def test_run_worker_returns_the_result_and_wall_time(tmp_path: Path) -> None:
    clauses = tmp_path / "clauses.jsonl"
    clauses.write_text(json.dumps({"id": "d:0001", "text": "离退休干部党支部"}, ensure_ascii=False) + "\n")
    out = speed_spawn.run_worker("jieba", {"clauses": str(clauses)}, timeout=300)
    assert out["chars"] == 8
    assert out["wall_s"] > 0
    assert "cold_start_s" not in out  # only query tasks report READY


def test_run_worker_raises_when_the_task_fails(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match=r"worker jieba failed \(1\): FileNotFoundError"):
        speed_spawn.run_worker("jieba", {"clauses": str(tmp_path / "missing.jsonl")}, timeout=300)


def test_env_puts_the_chosen_source_tree_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PYTHONPATH", "/elsewhere")
    assert speed_spawn._env()["PYTHONPATH"].split(":") == [str(REPO), "/elsewhere"]
    assert speed_spawn._env(tmp_path)["PYTHONPATH"].split(":") == [str(tmp_path), "/elsewhere"]
    monkeypatch.delenv("PYTHONPATH")
    assert speed_spawn._env()["PYTHONPATH"] == str(REPO)


def test_http_bench_without_wrk_is_skipped_with_a_note(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(speed_spawn.shutil, "which", lambda name: None)
    out = speed_spawn.http_bench(tmp_path, ["党支部"], seconds=1)
    assert set(out) == {"skipped"} and "wrk" in out["skipped"]
