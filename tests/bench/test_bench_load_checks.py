"""bench.load_checks: the probe document's two versions, and the Checker's rules on answers that
are whole, mixed, partial or misattributed (the reliability load test relies on each one)."""

from __future__ import annotations

from typing import Any

from bench import load_checks
from bench.load_checks import PROBE_ID, PROBE_MARKER, Checker, Probe


def _hit(cid: str, text: str, doc_id: str = PROBE_ID, title: str | None = None) -> dict[str, Any]:
    return {"clause_id": cid, "doc_id": doc_id, "text": text, "document": {"doc_id": doc_id, "title": title}}


def _checker() -> Checker:
    ids = frozenset({f"{PROBE_ID}:0001", f"{PROBE_ID}:0002"})
    return Checker({"seed": "种子文档"}, Probe(search_ids={1: ids, 2: ids}, detail_counts={1: 2, 2: 3}))


def test_probe_text_marks_every_line_with_its_version() -> None:
    for version, numeral in load_checks.VERSIONS.items():
        lines = [ln for ln in load_checks.probe_text(version).splitlines() if ln]
        assert len(lines) == 7
        assert all(PROBE_MARKER in ln and f"第{numeral}版" in ln for ln in lines)
    assert load_checks.probe_text(1) != load_checks.probe_text(2)


def test_a_whole_version_of_the_probe_is_recognised() -> None:
    hits = [
        _hit(f"{PROBE_ID}:0001", "条款甲，本条为第二版。"),
        _hit(f"{PROBE_ID}:0002", "条款乙，本条为第二版。"),
    ]
    assert _checker().probe_state("search", hits) == ("v2", [])


def test_other_documents_in_a_probe_search_do_not_count_as_the_probe() -> None:
    hits = [_hit("seed:0001", "无关", doc_id="seed", title="种子文档")]
    assert _checker().probe_state("search", hits) == ("absent", [])


def test_a_clause_without_a_version_is_a_mix() -> None:
    state, problems = _checker().probe_state("search", [_hit(f"{PROBE_ID}:0001", "没有版本")])
    assert state == "mixed" and "versions []" in problems[0]


def test_results_accept_the_probe_and_its_articles_but_not_strangers() -> None:
    c = _checker()
    assert c.results("t", [_hit(f"{PROBE_ID}:0001", "x")]) == []
    assert c.results("t", [_hit(f"{PROBE_ID}~1:0001", "x", doc_id=f"{PROBE_ID}~1")]) == []
    assert c.results("t", [_hit("stranger:0001", "x", doc_id="stranger")]) == ["t: unknown document stranger"]


def test_a_detail_page_of_the_wrong_length_is_flagged() -> None:
    c = _checker()
    whole = {"title": "（第二版）", "clauses": [{"text": "第二版"}] * 3}
    assert c.probe_detail("detail", 200, whole) == ("v2", [])
    short = {"title": "（第二版）", "clauses": [{"text": "第二版"}] * 2}
    assert c.probe_detail("detail", 200, short) == ("v2", ["detail: probe detail v2 has 2 clauses"])
