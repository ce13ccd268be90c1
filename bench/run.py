"""Run the three benches and write the report.

    python -m bench.run --out bench/REPORT.md            # full (make bench)
    python -m bench.run --smoke --out bench/out/REPORT-smoke.md   # 1k clauses, 3 queries, 5 LeCaRD queries

The full JSON (every per-query row) goes next to the report under bench/out/.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench import eval as bench_eval
from bench import lecard, speed
from bench.report import facts_markdown, machine_facts

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "bench" / "out"
PARTS = ("eval", "lecard", "speed")


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def run_part(name: str, fn: Callable[[], Any]) -> dict[str, Any]:
    """One bench; its failure is a finding in the report, not a lost run."""
    t0 = time.perf_counter()
    try:
        return {"ok": True, "result": fn(), "seconds": time.perf_counter() - t0}
    except Exception as exc:
        import traceback

        return {
            "ok": False,
            "error": f"{type(exc).__name__}: {exc}"[:2000],
            "traceback": traceback.format_exc()[-4000:],
            "seconds": time.perf_counter() - t0,
        }


HELDOUT_DIR = REPO / "bench" / "data"  # heldout*.jsonl: auditors' sets, scored, never tuned on


def gold_sets(smoke: bool) -> dict[str, list[dict[str, Any]]]:
    """The published dev set, and the held-out set when the repo has one (full runs only)."""
    dev = bench_eval.load_gold(bench_eval.DEFAULT_GOLD)
    if smoke:  # one of each kind that needs the index, up to 3
        picked: list[dict[str, Any]] = []
        for kind in ("clause", "precedent", "graph"):
            picked.extend([g for g in dev if g["kind"] == kind][:1])
        return {"dev": picked[:3]}
    sets = {"dev": dev}
    for path in sorted(HELDOUT_DIR.glob("heldout*.jsonl")):
        sets["held-out" + path.stem.removeprefix("heldout")] = bench_eval.load_gold(path)
    return sets


def do_eval(smoke: bool, url: str | None) -> dict[str, Any]:
    sets = gold_sets(smoke)
    if url:
        get = bench_eval.http_getter(url)
        return {name: bench_eval.run_eval(gold, get) for name, gold in sets.items()}
    with bench_eval.inprocess_getter() as get:
        return {name: bench_eval.run_eval(gold, get) for name, gold in sets.items()}


def do_lecard(smoke: bool) -> dict[str, Any]:
    if smoke:
        return lecard.run_lecard(5, cache=True, stock=False, log=_log)
    return lecard.run_lecard(100, cache=False, stock=True, ablation=True, log=_log)


def do_speed(smoke: bool, sizes: Sequence[int] | None) -> dict[str, Any]:
    if smoke:
        cfg = speed.SpeedConfig(
            sizes=(1000,),
            queries=speed.load_queries()[:3],
            rounds=2,
            build_repeats_small=1,
            http=False,
            profile_size=None,
        )
    else:
        cfg = speed.SpeedConfig(sizes=tuple(sizes) if sizes else speed.DEFAULT_SIZES)
    return speed.run_speed(cfg, log=_log)


def _section(title: str, part: dict[str, Any] | None, render: Callable[[Any], str]) -> str:
    if part is None:
        return f"## {title}\n\n(not run)\n"
    if not part["ok"]:
        return f"## {title}\n\n⚠ failed after {part['seconds']:.0f} s: `{part['error']}`\n\n```\n{part['traceback']}\n```\n"
    try:
        body = render(part["result"])
    except Exception as exc:  # keep the report; the JSON next to it has the raw result
        body = f"⚠ failed to render: `{type(exc).__name__}: {exc}`"
    return f"## {title}\n\n{body}\n\n(ran in {part['seconds']:.0f} s)\n"


def summary_rows(parts: dict[str, dict[str, Any]]) -> list[str]:
    """Targets of the issues next to what this run measured."""
    rows = ["| target | measured | met |", "|---|---|---|"]

    def add(target: str, value: str, ok: bool | None) -> None:
        rows.append(f"| {target} | {value} | {'✅' if ok else '❌' if ok is not None else '–'} |")

    ev = parts.get("eval")
    for set_name, res in (ev["result"] if ev and ev["ok"] else {}).items():
        if "ours" not in res["systems"]:
            continue
        summ = res["systems"]["ours"]["summary"]
        for kind, target in (("clause", 0.85), ("precedent", 0.85), ("compare", 1.0), ("graph", 1.0)):
            if kind in summ:
                v = summ[kind].get("ndcg", summ[kind].get("score", 0.0))
                name = "nDCG@10" if kind in bench_eval.RANKED_KINDS else "score"
                add(
                    f"{set_name} {kind} {name} ≥ {target}",
                    f"{v:.3f} (n={int(summ[kind]['n'])})",
                    v >= target - 1e-9,
                )
        ours_rows = {r["id"]: r for r in res["systems"]["ours"]["rows"]}
        below: set[str] = set()
        for base in ("stock whoosh AND / paragraphs", "stock whoosh OR / paragraphs"):
            for r in res["systems"].get(base, {}).get("rows", []):
                if r["kind"] == "clause" and ours_rows.get(r["id"], {}).get("score", 0.0) < r["score"] - 1e-9:
                    below.add(r["id"])
        add(
            f"{set_name}: no clause query below the stock paragraph baselines",
            ", ".join(sorted(below)) if below else "none below",
            not below,
        )
    lc = parts.get("lecard")
    if lc and lc["ok"]:
        res = lc["result"]
        ours = res["systems"].get(lecard.OURS)
        if ours:
            lmir = lecard.PUBLISHED["LMIR (published)"]
            for k in ("p@5", "p@10", "map"):
                v = ours["mean"][k]
                add(
                    f"LeCaRD {k.upper()} > LMIR {lmir[k]:.3f} ({res['queries']} queries)",
                    f"{v:.3f}",
                    round(v, 3) > lmir[k] if res["queries"] == 100 else None,
                )
    sp = parts.get("speed")
    if sp and sp["ok"]:
        for r in sp["result"]["sizes"]:
            if "error" in r:
                add(f"speed at {r['size']:,} clauses", "did not complete (see section 3)", False)
                continue
            q = r["ratios"]
            n = f"{r['clauses']:,}"
            add(
                f"index step ≥ 2× stock whoosh build ({n})",
                f"{q['index_vs_stock_build']:.2f}×",
                q["index_vs_stock_build"] >= 2,
            )
            add(
                f"full pipeline ≥ 1.5× stock whoosh build ({n})",
                f"{q['full_vs_stock_build']:.2f}×",
                q["full_vs_stock_build"] >= 1.5,
            )
            add(
                f"query p95 ≤ 1.0× stock whoosh ({n})",
                f"{q['query_p95_vs_stock']:.2f}×",
                q["query_p95_vs_stock"] <= 1.0,
            )
    return rows


def _safe_summary(parts: dict[str, dict[str, Any]]) -> list[str]:
    try:
        return summary_rows(parts)
    except Exception as exc:  # a rendering bug must not cost the measurements
        return [f"⚠ summary failed: `{type(exc).__name__}: {exc}`"]


def render(
    parts: dict[str, dict[str, Any]], facts: dict[str, Any], argv: Sequence[str], smoke: bool, end_load: Any
) -> str:
    cmd = "python -m bench.run " + " ".join(argv)
    out = [
        "# policykg bench report" + (" (smoke)" if smoke else ""),
        "",
        "Generated by `make bench` (`.venv/bin/python -m bench.run --out bench/REPORT.md`); smoke: `make bench-smoke`."
        " Do not edit by hand.",
        "",
        f"Command of this run: `{cmd}`",
        "",
        facts_markdown(facts, end_load),
        "",
        "## Summary",
        "",
        *_safe_summary(parts),
        "",
        _section(
            "1. Answer quality on the gold sets (dev: ../shared/eval/dev.jsonl; held-out: bench/data/heldout*.jsonl)",
            parts.get("eval"),
            lambda r: (
                "Ours through the contract's HTTP endpoints (in-process app over a data dir built from corpus/); "
                "baselines: stock whoosh + `jieba.analyse.ChineseAnalyzer`, default BM25F and QueryParser (AND) or "
                "OR-grouped, over blank-line paragraphs of the seeds and over the project's clauses. nDCG@10 with gain "
                "2^g − 1 (a result earns the grade of the best evidence first found in it), R_top = recall of "
                "top-grade evidence in the top 10, MRR.\n\n"
                + "\n\n".join(
                    f"### {name} ({res['gold_items']} items)\n\n{bench_eval.markdown(res)}"
                    for name, res in r.items()
                )
            ),
        ),
        _section(
            "2. LeCaRD (SIGIR 2021) with the project's search core",
            parts.get("lecard"),
            lambda r: (
                "Paper protocol (README table: ranking filtered to each query's 30 annotated candidates) for the "
                "first queries in label-file order; CAIL NDCG@30 = the discriminative full-ranking protocol (unannotated = 0, "
                "IDCG over all labels). Ours and the stock baseline rank each query's whole candidate pool "
                "(unscored candidates appended in id order); the published runs retrieved from the 43k corpus. "
                "Bold: above LMIR.\n\n" + lecard.markdown(r)
            ),
        ),
        _section("3. Speed (deterministic scaled corpus from the seeds)", parts.get("speed"), speed.markdown),
    ]
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ap = argparse.ArgumentParser(
        description="Run the quality, LeCaRD and speed benches and write the report."
    )
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--smoke", action="store_true", help="1k clauses, 3 queries, 5 LeCaRD queries, no HTTP")
    ap.add_argument("--sizes", help="speed sizes, e.g. 1000,10000 (default 1k,10k,50k,200k)")
    ap.add_argument("--only", help=f"comma list of {','.join(PARTS)}")
    ap.add_argument("--url", help="score a running service instead of the in-process app")
    args = ap.parse_args(argv)
    only = set(args.only.split(",")) if args.only else set(PARTS)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else None
    facts = machine_facts()
    parts: dict[str, dict[str, Any]] = {}
    if "eval" in only:
        _log("bench: eval")
        parts["eval"] = run_part("eval", lambda: do_eval(args.smoke, args.url))
    if "lecard" in only:
        _log("bench: lecard")
        parts["lecard"] = run_part("lecard", lambda: do_lecard(args.smoke))
    if "speed" in only:
        _log("bench: speed")
        parts["speed"] = run_part("speed", lambda: do_speed(args.smoke, sizes))
    text = render(parts, facts, argv, args.smoke, os.getloadavg())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    json_path = OUT_DIR / (args.out.stem + ".json")
    slim = {k: v for k, v in parts.items()}
    if "lecard" in slim and slim["lecard"].get("ok"):
        slim["lecard"] = {
            **slim["lecard"],
            "result": {k: v for k, v in slim["lecard"]["result"].items() if k != "rankings"},
        }
    json_path.write_text(
        json.dumps({"facts": facts, "parts": slim}, ensure_ascii=False, indent=1, default=str),
        encoding="utf-8",
    )
    _log(f"bench: wrote {args.out} and {json_path}")
    return 0 if all(p["ok"] for p in parts.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
