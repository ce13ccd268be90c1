"""bench.load_wrk: no wrk, no phase; wrk's latency table is read in milliseconds whatever unit it
prints, and non-2xx answers and socket errors are kept."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from bench import load_wrk, wrkrun

WRK_OUT = """Running 5s test @ http://127.0.0.1:8000
  2 threads and 8 connections
  Latency Distribution
     50%  920.00us
     75%    2.10ms
     90%    4.56ms
     99%    1.20s
  5310 requests in 5.00s, 12.3MB read
  Socket errors: connect 0, read 0, write 0, timeout 2
  Non-2xx or 3xx responses: 7
Requests/sec:   1062.40
Transfer/sec:      2.46MB
"""


def test_no_wrk_means_no_phase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load_wrk.shutil, "which", lambda name: None)
    assert load_wrk.run_wrk("http://127.0.0.1:1", 1) is None


def test_wrk_output_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_run(cmd, **kwargs):  # type: ignore[no-untyped-def]
        seen["cmd"] = cmd
        with open(cmd[cmd.index("-s") + 1], encoding="utf-8") as fh:
            seen["script"] = fh.read()
        return subprocess.CompletedProcess(cmd, 0, stdout=WRK_OUT, stderr="")

    monkeypatch.setattr(load_wrk.shutil, "which", lambda name: "/usr/bin/wrk")
    monkeypatch.setattr(wrkrun.subprocess, "run", fake_run)
    out = load_wrk.run_wrk("http://127.0.0.1:8000", 5, threads=2, connections=8)
    assert out is not None
    assert out["throughput_rps"] == 1062.4
    assert (out["p50_ms"], out["p90_ms"], out["p99_ms"]) == (0.9, 4.6, 1200.0)
    assert out["non_2xx"] == 7
    assert out["socket_errors"] == "Socket errors: connect 0, read 0, write 0, timeout 2"
    assert seen["cmd"][1:5] == ["-t2", "-c8", "-d5s", "--latency"]
    # the script asks the load test's queries, URL-encoded
    assert "%E7%A4%BE%E5%8C%BA%E6%8A%A5%E5%88%B0" in seen["script"]  # 社区报到
