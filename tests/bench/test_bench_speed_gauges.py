"""bench.speed_gauges: bytes on disk, peak RSS, timed rounds and their p50/p95, the median of a
key over runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import speed_gauges


def test_dir_bytes_counts_every_file_below(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "a").write_bytes(b"x" * 10)
    (tmp_path / "sub" / "b").write_bytes(b"y" * 5)
    (tmp_path / "sub" / "deeper" / "c").write_bytes(b"z" * 7)
    assert speed_gauges.dir_bytes(tmp_path) == 22


def test_peak_rss_is_in_mb_and_covers_a_live_allocation() -> None:
    block = bytearray(64 * 1024 * 1024)  # zero-filled, so every page is resident
    peak = speed_gauges.peak_rss_mb()
    del block
    # MB, not kB or bytes: at least the block, far below what a kB figure would read
    assert 64 <= peak < 64 * 1024


def test_timed_rounds_warms_up_once_then_times_every_query_every_round() -> None:
    calls: list[str] = []
    out = speed_gauges.timed_rounds(calls.append, ["a", "b", "c"], rounds=2)
    assert calls == ["a", "b", "c"] * 3  # one untimed warm-up pass + 2 rounds
    assert len(out) == 6 and all(ms >= 0 for ms in out)


def test_latency_summary_interpolates_percentiles() -> None:
    summary = speed_gauges.latency_summary([1.0, 2.0, 3.0, 4.0, 5.0])
    assert summary == {"p50_ms": 3.0, "p95_ms": pytest.approx(4.8), "n": 5}


def test_median_of_one_key_over_runs() -> None:
    runs = [{"build_s": 3.0}, {"build_s": 1.0}, {"build_s": 2.0}, {"build_s": 10.0}]
    assert speed_gauges.median_of(runs, "build_s") == 2.5
