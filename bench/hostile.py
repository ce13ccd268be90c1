"""The long form of the red-team suite (issue 17): the attack files at full size, and the query and
reader fuzzing with many more examples than `make test` runs, each input within a time and memory
budget.

    python -m bench.hostile                        # attacks + 500 reader inputs + 300 queries
    python -m bench.hostile --readers 5000 --queries 2000 --json out.json

Exit status 1 when any input escapes as an unexpected exception, or passes the budget.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RELIABILITY = REPO / "tests" / "reliability"
if str(RELIABILITY) not in sys.path:  # the generators live with the tests that use them
    sys.path.insert(0, str(RELIABILITY))

SECONDS_PER_INPUT = 10.0
BYTES_PER_INPUT = 512 * 1024 * 1024


def measure(fn: Callable[[], Any]) -> dict[str, Any]:
    """Run fn: its outcome (ok / error code / unexpected exception), seconds and peak traced bytes."""
    tracemalloc.start()
    t = time.perf_counter()
    outcome: str
    try:
        fn()
        outcome = "ok"
    except Exception as exc:
        from policykg.errors import PolicyKGError

        outcome = (
            f"error:{exc.code}" if isinstance(exc, PolicyKGError) else f"UNEXPECTED:{type(exc).__name__}"
        )
    seconds = time.perf_counter() - t
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    over = seconds > SECONDS_PER_INPUT or peak > BYTES_PER_INPUT
    return {
        "outcome": outcome,
        "seconds": round(seconds, 3),
        "peak_mb": round(peak / 1e6, 1),
        "over_budget": over,
    }


def attacks() -> dict[str, dict[str, Any]]:
    """The issue's attack files at full size through the reader."""
    import hostile

    from ingest.pipeline import read_bytes

    out = {}
    for fmt in ("upperRoman", "upperLetter"):
        data = hostile.numbered_docx(start=10**10, fmt=fmt, paragraphs=2000)
        result = measure(lambda data=data: read_bytes("attack.docx", data))
        out[f"D1 numbering 10**10 {fmt} ({len(data) // 1024} KB)"] = result
    return out


def _bounded(n: int) -> Any:
    """The long fuzz forms' hypothesis settings: n examples, reproducible, no time deadline."""
    from hypothesis import HealthCheck, settings

    return settings(
        max_examples=n,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


def fuzz_readers(n: int) -> dict[str, Any]:
    import readerfuzz
    from hypothesis import given

    from ingest.pipeline import read_bytes

    results: list[dict[str, Any]] = []

    @_bounded(n)
    @given(case=readerfuzz.mutated_file())
    def one(case: tuple[str, bytes]) -> None:
        name, data = case
        results.append({"file": name, **measure(lambda: read_bytes(name, data))})

    one()
    return summarise(results)


def fuzz_queries(n: int) -> dict[str, Any]:
    from hypothesis import given
    from test_reliability_hardening_queries import CHAIN, nested

    from policykg.settings import Settings
    from service.engine import Engine, SearchParams

    data = Path(tempfile.mkdtemp(prefix="policykg-hostile-")) / "data"
    engine = Engine(Settings(data_dir=data, corpus_dir=REPO / "corpus"))
    engine.build()
    results: list[dict[str, Any]] = []
    import hypothesis.strategies as st

    @_bounded(n)
    @given(q=st.one_of(nested(), CHAIN))
    def one(q: str) -> None:
        results.append(measure(lambda: engine.search(SearchParams(q=q, limit=10))))
        results.append(measure(lambda: engine.precedents(q, 5)))

    attack = "(" * 246 + "党支部 OR 社区" + ")" * 246
    results.append(measure(lambda: engine.search(SearchParams(q=attack, limit=10))))
    one()
    engine.close()
    return summarise(results)


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    outcomes: dict[str, int] = {}
    for r in results:
        outcomes[r["outcome"]] = outcomes.get(r["outcome"], 0) + 1
    return {
        "inputs": len(results),
        "outcomes": outcomes,
        "max_seconds": max((r["seconds"] for r in results), default=0.0),
        "max_peak_mb": max((r["peak_mb"] for r in results), default=0.0),
        "over_budget": sum(1 for r in results if r["over_budget"]),
        "unexpected": sum(1 for r in results if r["outcome"].startswith("UNEXPECTED")),
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="long red-team run: attack files, reader and query fuzzing")
    ap.add_argument("--readers", type=int, default=500, help="mutated reader inputs")
    ap.add_argument("--queries", type=int, default=300, help="fuzzed queries (each: search + precedents)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    out: dict[str, Any] = {"attacks": attacks()}
    if args.readers:
        out["readers"] = fuzz_readers(args.readers)
    if args.queries:
        out["queries"] = fuzz_queries(args.queries)
    print(json.dumps(out, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    bad = [r for r in out["attacks"].values() if r["outcome"].startswith("UNEXPECTED") or r["over_budget"]]
    bad += [s for k, s in out.items() if k != "attacks" and (s["unexpected"] or s["over_budget"])]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
