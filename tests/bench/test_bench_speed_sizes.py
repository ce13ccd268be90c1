"""bench.speed_sizes: the run over sizes keeps going when one size fails, the defaults are the
documented ones, and profile hot spots leave the harness's own frames out."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import speed_sizes
from bench.speed_inputs import DEFAULT_SIZES


def test_config_defaults() -> None:
    cfg = speed_sizes.SpeedConfig(queries=["q"], paragraphs=["p"])
    assert cfg.sizes == DEFAULT_SIZES
    assert (cfg.rounds, cfg.build_repeats_small, cfg.http_seconds) == (5, 3, 10)
    assert cfg.http and cfg.serial_build and cfg.previous is None
    assert cfg.out_dir.parts[-2:] == ("bench", "out")


def test_run_speed_keeps_the_other_sizes_when_one_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def measure(size, cfg, work, log):  # type: ignore[no-untyped-def]
        if size == 20:
            raise MemoryError("too big")
        return {"size": size, "work": work.name}

    monkeypatch.setattr(speed_sizes, "measure_size", measure)
    cfg = speed_sizes.SpeedConfig(
        sizes=(10, 20, 30), queries=["a", "b"], paragraphs=[], rounds=2, http=False, work_dir=tmp_path
    )
    logged: list[str] = []
    out = speed_sizes.run_speed(cfg, log=logged.append)
    assert out["queries"] == 2 and out["rounds"] == 2 and out["http_seconds"] == 0
    assert out["sizes"][0] == {"size": 10, "work": "n10"}
    assert out["sizes"][1] == {"size": 20, "error": "MemoryError: too big"}
    assert out["sizes"][2] == {"size": 30, "work": "n30"}
    assert logged == ["speed: 10 clauses", "speed: 20 clauses", "speed: 30 clauses"]


def test_hot_spots_reads_self_time_lines_without_the_harness(tmp_path: Path) -> None:
    profile = tmp_path / "profile.txt"
    profile.write_text(
        "  _     ._   __/__   _ _  _  _ _/_   Recorded: 10:00:00\n"
        "0.412 search/index.py:120 ClauseIndex.search\n"
        "0.300 bench/speed_tasks.py:40 run_one\n"
        "  0.101 search/query.py:88 QueryBuilder.build\n"
        "0.050 ingest/segment.py:10 cut\n",
        encoding="utf-8",
    )
    assert speed_sizes.hot_spots(profile, n=2) == [
        "0.412 search/index.py:120 ClauseIndex.search",
        "0.101 search/query.py:88 QueryBuilder.build",
    ]
    assert speed_sizes.hot_spots(tmp_path / "absent.txt") == []
