"""bench.speed_report: the tables render a run's result dict; failed sizes, the one-process build,
HTTP notes and the previous version's columns appear only when the result has them."""

from __future__ import annotations

from typing import Any

from bench.speed_report import markdown


def _lat(p50: float, p95: float) -> dict[str, float]:
    return {"p50_ms": p50, "p95_ms": p95, "n": 10}


def _row(**extra: Any) -> dict[str, Any]:
    build = {
        "workers": 2,
        "ingest_s": 1.0,
        "graph_s": 1.0,
        "index_s": 2.0,
        "full_s": 4.0,
        "engine_s": 5.0,
        "index_bytes": 3_400_000,
        "peak_rss_mb": 346.0,
    }
    row = {
        "size": 1000,
        "clauses": 1073,
        "chars": 161288,
        "ours_build": [build],
        "ours_build_serial": [],
        "stock_build": [{"build_s": 2.3, "index_bytes": 2_100_000, "peak_rss_mb": 230.0}],
        "tantivy": {"latency": _lat(0.035, 0.051)},
        "ours_query": {"latency": _lat(0.84, 1.28), "peak_rss_mb": 147.0, "cold_start_s": 0.51},
        "ours_query_plain": {"latency_plain": _lat(0.53, 0.9)},
        "stock_query": {
            "latency": _lat(6.44, 13.22),
            "latency_highlight": _lat(13.13, 21.14),
            "peak_rss_mb": 200.0,
            "cold_start_s": 1.25,
        },
        "bm25s": None,
        "paragraphs": {"latency": _lat(2.4, 2.6)},
        "throughput_mchars_s": {
            "ours_full": 0.091,
            "ours_index": 0.245,
            "stock_whoosh": 0.070,
            "jieba_search": 0.281,
            "jieba": 0.328,
            "rjieba": 9.95,
            "tantivy_index": 1.44,
        },
        "ratios": {
            "index_vs_stock_build": 3.5,
            "full_vs_stock_build": 1.3,
            "query_p95_vs_stock": 0.097,
            "query_p95_vs_stock_highlight": 0.06,
            "query_p50_vs_tantivy": 24.0,
            "index_bytes_vs_stock": 1.61,
            "cold_start_vs_stock": 0.40,
            "plain_p50_vs_tantivy": 15.1,
        },
    }
    row.update(extra)
    return row


def _result(*rows: dict[str, Any]) -> dict[str, Any]:
    return {"queries": 60, "rounds": 1, "http_seconds": 0, "sizes": list(rows)}


def test_the_main_tables_carry_the_row() -> None:
    text = markdown(_result(_row()))
    assert "| 1,073 | 161,288 | 0.091 | 0.245 | 0.070 | 0.281 | 0.328 | 9.95 | 1.44 | 3.50× | 1.30× |" in text
    assert "| 1,073 | 2 | 25% | 25% | 50% | 5.0 |" in text  # build stages as shares of full_s
    assert "| 1,073 | 3.4 MB | 2.1 MB | 1.61× | 346 / 230 MB | 147 / 200 MB | 0.51 / 1.25 s | 0.40× |" in text
    assert "Query latency over 60 queries × 1 rounds" in text
    # optional sections stay out when the result has nothing for them
    assert "in one process" not in text and "HTTP (" not in text and "Hot spots" not in text
    # no previous version: its cells are dashes, the RSS cell is ours alone
    assert "| 1,073 | 0.8 / 1.3 / – | 0.097× | 0.53 | 15× | – | 2.4 / 2.6 / – | – | – | – | 147 |" in text


def test_a_failed_size_is_a_warning_not_a_row() -> None:
    text = markdown(_result({"size": 200000, "error": "MemoryError: out\nmore detail"}, _row()))
    assert text.startswith("⚠ size 200,000 did not complete: `MemoryError: out`")
    assert "200,000 |" not in text and "| 1,073 |" in text


def test_one_process_build_and_http_notes() -> None:
    serial = [{**_row()["ours_build"][0], "workers": 1, "full_s": 8.0}]
    row = _row(ours_build_serial=serial, http={"skipped": "wrk 未安装"})
    row["throughput_mchars_s"]["ours_full_serial"] = 0.05
    text = markdown(_result(row))
    assert "| 1,073 | 2 | 0.091 | 0.050 | 0.070 | 1.30× | 0.71× | 2.00 / 2.00 | 2.00 / 2.00 |" in text
    assert "| 1,073 | – | wrk 未安装 | | | | | |" in text
