"""The smoke run of the whole bench (1k clauses, 3 queries, 5 LeCaRD queries, no HTTP): every
part runs end to end through the project's code and the report has every section."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_bench_smoke_writes_a_complete_report(tmp_path: Path) -> None:
    out = tmp_path / "REPORT-smoke.md"
    proc = subprocess.run(
        [sys.executable, "-m", "bench.run", "--smoke", "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert out.exists(), proc.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert "⚠ failed" not in text, text
    assert "did not complete" not in text, text
    assert proc.returncode == 0, proc.stderr[-3000:]
    # the dev-set section scored ours and the baselines
    assert "| ours |" in text
    assert "stock whoosh OR / paragraphs" in text
    # LeCaRD: the protocol table with our row
    assert "| ours (policykg search core, pool re-ranking) |" in text
    # speed: throughput, latency and size tables at 1k clauses
    assert "index ÷ stock" in text and "ours p95 ÷ stock p95" in text and "cold start" in text
    assert "Load average" in text and "Python " in text
