"""The short, bounded form of `python -m bench.writeburst` (issue 17, D3/D6): the seeds, a burst of
8 uploads while 2 readers search, 12 more writes. No latency bound here (no wall-clock limits in
tests): zero 5xx, every upload lands, the reads ran during the burst, and the data dir stays
within 3× one generation."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import writeburst

pytestmark = pytest.mark.e2e


def test_writeburst_short_form(tmp_path: Path) -> None:
    data = tmp_path / "data"
    writeburst.build_library(data, 0, tmp_path)
    out = writeburst.run(data, readers=2, reads=5, burst_size=8, writes=12, log_path=tmp_path / "server.log")
    print("\n" + writeburst.report_markdown(out, "tests/bench/test_bench_writeburst.py"))
    assert out["5xx"] == 0 and out["tracebacks_in_log"] == 0
    assert out["burst"]["statuses"] == {201: 8}
    assert out["writes"]["statuses"] == {201: 12}
    assert out["burst_reads"]["requests"] > 0 and set(out["burst_reads"]["statuses"]) == {200}
    assert out["disk"]["ratio"] <= 3, out["disk"]
    assert out["disk"]["snapshot_dirs"] <= 3, out["disk"]
