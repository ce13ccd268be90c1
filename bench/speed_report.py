"""The speed bench's Markdown: the build throughput, build stages, query latency, size / RSS / cold
start, HTTP and array-scoring tables of REPORT.md from a run's result dict.

Apart from the run because it only renders: a result saved with --json renders the same later.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bench.speed_gauges import median_of


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def markdown(result: dict[str, Any]) -> str:
    rows = [r for r in result["sizes"] if "error" not in r]
    failed = [r for r in result["sizes"] if "error" in r]
    out = []
    for r in failed:
        out.append(f"⚠ size {r['size']:,} did not complete: `{r['error'].splitlines()[0]}`")
        out.append("")
    out.append(
        "Build throughput, M chars/s of clause text (median of fresh-process runs; same clauses for every system):"
    )
    out.append("")
    out.append(
        "| clauses | chars | ours full (ingest+graph+index) | ours index step | stock whoosh + ChineseAnalyzer | jieba search-mode | jieba | rjieba | tantivy (pre-segmented) | **index ÷ stock** (target ≥ 2) | **full ÷ stock** (target ≥ 1.5) |"
    )
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        t, q = r["throughput_mchars_s"], r["ratios"]
        out.append(
            f"| {r['clauses']:,} | {r['chars']:,} | {t['ours_full']:.3f} | {t['ours_index']:.3f} | {t['stock_whoosh']:.3f} | "
            f"{t['jieba_search']:.3f} | {t['jieba']:.3f} | {t['rjieba']:.2f} | {t['tantivy_index']:.2f} | "
            f"{q['index_vs_stock_build']:.2f}× | {q['full_vs_stock_build']:.2f}× |"
        )
    serial_rows = [r for r in rows if r.get("ours_build_serial")]
    if serial_rows:
        out.append("")
        out.append(
            "Our full build with the pool (`build_workers` as in Settings) and in one process (`--workers 1`), same run:"
        )
        out.append("")
        out.append(
            "| clauses | build workers | full, pool | full, 1 process | stock | **full ÷ stock**, pool | full ÷ stock, 1 process | ingest+graph pool / 1 process s | index pool / 1 process s |"
        )
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in serial_rows:
            t, b, sb = r["throughput_mchars_s"], r["ours_build"], r["ours_build_serial"]
            ig = median_of(b, "ingest_s") + median_of(b, "graph_s")
            igs = median_of(sb, "ingest_s") + median_of(sb, "graph_s")
            out.append(
                f"| {r['clauses']:,} | {b[0].get('workers', 1)} | {t['ours_full']:.3f} | {t['ours_full_serial']:.3f} | "
                f"{t['stock_whoosh']:.3f} | {t['ours_full'] / t['stock_whoosh']:.2f}× | "
                f"{t['ours_full_serial'] / t['stock_whoosh']:.2f}× | {ig:.2f} / {igs:.2f} | "
                f"{median_of(b, 'index_s'):.2f} / {median_of(sb, 'index_s'):.2f} |"
            )
    out.append("")
    out.append(
        "Stages of our full build (`Engine.build`, the `policykg build` path; share of ingest + graph + index; "
        "ingest includes the graph's per-document scans when they run in the ingest workers; "
        "`policykg build` s adds writing the snapshot: graph.json, documents.jsonl, originals, fsync):"
    )
    out.append("")
    out.append("| clauses | build workers | ingest | graph | index | `policykg build` s |")
    out.append("|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        b = r["ours_build"]
        full = median_of(b, "full_s")
        engine = f"{median_of(b, 'engine_s'):.1f}" if all("engine_s" in x for x in b) else "–"
        out.append(
            f"| {r['clauses']:,} | {b[0].get('workers', 1)} | {median_of(b, 'ingest_s') / full:.0%} | "
            f"{median_of(b, 'graph_s') / full:.0%} | {median_of(b, 'index_s') / full:.0%} | {engine} |"
        )
    out.append("")
    out.append(
        f"Query latency over {result['queries']} queries × {result['rounds']} rounds (after a warm-up pass), top 10; "
        "ours with highlights and facets, stock whoosh OR-grouped (plain / with highlights), tantivy OR over the same jieba tokens:"
    )
    out.append("")
    out.append(
        "| clauses | ours p50 / p95 ms | stock p50 / p95 ms | stock+highlights p50 / p95 ms | tantivy p50 / p95 ms | **ours p95 ÷ stock p95** (target ≤ 1) | ours p95 ÷ stock+hl p95 | ours p50 ÷ tantivy p50 |"
    )
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        o, s, t, q = (
            r["ours_query"]["latency"],
            r["stock_query"]["latency"],
            r["tantivy"]["latency"],
            r["ratios"],
        )
        sh = r["stock_query"]["latency_highlight"]
        out.append(
            f"| {r['clauses']:,} | {o['p50_ms']:.2f} / {o['p95_ms']:.2f} | {s['p50_ms']:.2f} / {s['p95_ms']:.2f} | "
            f"{sh['p50_ms']:.2f} / {sh['p95_ms']:.2f} | {t['p50_ms']:.3f} / {t['p95_ms']:.3f} | "
            f"{q['query_p95_vs_stock']:.2f}× | {q['query_p95_vs_stock_highlight']:.2f}× | {q['query_p50_vs_tantivy']:.0f}× |"
        )
    out.append("")
    out.append("Index size, peak RSS, cold start (process start → first answer):")
    out.append("")
    out.append(
        "| clauses | ours index | stock index | ours ÷ stock | peak RSS ours build / stock build | peak RSS ours query / stock query | cold start ours / stock | ratio |"
    )
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        ob, sb = r["ours_build"][0], r["stock_build"][0]
        oq, sq = r["ours_query"], r["stock_query"]
        out.append(
            f"| {r['clauses']:,} | {_mb(ob['index_bytes'])} | {_mb(sb['index_bytes'])} | {r['ratios']['index_bytes_vs_stock']:.2f}× | "
            f"{ob['peak_rss_mb']:.0f} / {sb['peak_rss_mb']:.0f} MB | {oq['peak_rss_mb']:.0f} / {sq['peak_rss_mb']:.0f} MB | "
            f"{oq['cold_start_s']:.2f} / {sq['cold_start_s']:.2f} s | {r['ratios']['cold_start_vs_stock']:.2f}× |"
        )
    http_rows = [r for r in rows if "http" in r]
    if http_rows:
        out.append("")
        out.append(
            "HTTP (`policykg serve` on loopback, wrk -t1 over the query set, GET /api/search limit=10):"
        )
        out.append("")
        out.append(
            "| clauses | `policykg build` s | req/s | p50 ms | p95 ms | errors | connections × seconds | serve cold start s |"
        )
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in http_rows:
            h = r["http"]
            eb = r.get("engine_build", {}).get("build_s")
            ebs = f"{eb:.1f}" if eb else "–"
            if "rps" in h:
                out.append(
                    f"| {r['clauses']:,} | {ebs} | {h['rps']:.1f} | {h['p50_ms']:.1f} | {h['p95_ms']:.1f} | {h['errors']} | "
                    f"{h['connections']} × {h['seconds']} | {h['cold_start_s']:.1f} |"
                )
            else:
                note = str(h.get("skipped") or h.get("error") or "").splitlines()[0].replace("|", "/")
                out.append(f"| {r['clauses']:,} | {ebs} | {note} | | | | | |")
    out.extend(_issue14_rows(rows))
    graph_errors = {r["ours_build"][0].get("graph_error") for r in rows} - {None}
    if graph_errors:
        out.append("")
        out.append(
            "⚠ graph.build failed on the generated corpus; the index was built without annotations/dictionary terms:"
        )
        out.extend(f"- `{e}`" for e in sorted(graph_errors))
    prof = [r for r in rows if r.get("profiles")]
    for r in prof:
        out.append("")
        out.append(
            f"Hot spots (pyinstrument, self time, {r['clauses']:,} clauses; full profiles in bench/out/):"
        )
        for name, lines in r["profiles"].items():
            out.append("")
            out.append(f"- {name}:")
            out.extend(f"    - `{ln}`" for ln in lines)
    return "\n".join(out)


def _fmt(lat: dict[str, Any] | None) -> str:
    return f"{lat['p50_ms']:.1f} / {lat['p95_ms']:.1f}" if lat else "–"


def _issue14_rows(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Array scoring vs the previous version and the issue's targets (same-run ratios)."""
    out = [
        "",
        "Array scoring (this version) vs the previous version (`--previous`, same run, same index) and the "
        "targets of the library-scale issue: questions with highlights + facets; plain top 10 (no highlights, "
        "no facets) against tantivy; twelve pasted 450-character paragraphs (long-text mode):",
        "",
        "| clauses | questions p50 / p95 ms: ours / previous | **ours p95 ÷ stock p95** (≤ 0.1) | plain top 10 p50 ms | "
        "**plain p50 ÷ tantivy p50** (≤ 25) | bm25s p50 / p95 ms (÷ ours plain p50) | paragraphs p50 / p95 ms: ours / previous | **paragraph p95 ÷ previous** (≤ 0.05) | "
        "HTTP req/s ours / previous (**≥ 25×**) | HTTP p95 ms ours / previous (**≤ 0.1×**) | query RSS MB ours / previous |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        q = r["ratios"]
        prev, pp = r.get("previous_query"), r.get("previous_paragraphs")
        plain = r["ours_query_plain"]["latency_plain"]
        h, hp = r.get("http", {}), r.get("http_previous", {})
        cells = [
            f"{r['clauses']:,}",
            f"{_fmt(r['ours_query']['latency'])} / {_fmt(prev['latency'] if prev else None)}",
            f"{q['query_p95_vs_stock']:.3f}×",
            f"{plain['p50_ms']:.2f}",
            f"{q['plain_p50_vs_tantivy']:.0f}×",
            f"{_fmt(r['bm25s']['latency'])} ({q['plain_p50_vs_bm25s']:.1f}×)" if r.get("bm25s") else "–",
            f"{_fmt(r['paragraphs']['latency'])} / {_fmt(pp['latency'] if pp else None)}",
            f"{q['paragraph_p95_vs_previous']:.3f}×" if "paragraph_p95_vs_previous" in q else "–",
            f"{h['rps']:.1f} / {hp['rps']:.1f} ({q['http_rps_vs_previous']:.1f}×)"
            if "http_rps_vs_previous" in q
            else "–",
            f"{h['p95_ms']:.0f} / {hp['p95_ms']:.0f} ({q['http_p95_vs_previous']:.2f}×)"
            if "http_p95_vs_previous" in q
            else "–",
            f"{r['ours_query']['peak_rss_mb']:.0f} / {prev['peak_rss_mb']:.0f}"
            if prev
            else f"{r['ours_query']['peak_rss_mb']:.0f}",
        ]
        out.append("| " + " | ".join(cells) + " |")
    return out
