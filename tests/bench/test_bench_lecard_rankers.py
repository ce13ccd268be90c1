"""bench.lecard_rankers: a candidate as a one-clause Document, and both rankers put the matching
case first in a tiny pool."""

from __future__ import annotations

from pathlib import Path

from bench import lecard_rankers
from bench.lecard_data import Candidate, Query

POOL = [
    Candidate(
        "11",
        {
            "ajName": "李某故意伤害案",
            "ajjbqk": "被告人李某持刀将被害人刺伤，经鉴定为轻伤二级。",
            "cpfxgc": "",
        },
    ),
    Candidate(
        "12",
        {
            "ajName": "王某盗窃案",
            "ajjbqk": "被告人王某在仓库内盗窃电缆线，价值人民币四千元。",
            "cpfxgc": "本院认为，被告人构成盗窃罪。",
        },
    ),
    Candidate("13", {"ajName": "张某诈骗案", "ajjbqk": "被告人张某虚构事实骗取钱款。", "cpfxgc": ""}),
]
QUERY = Query("q", "被告人在仓库内盗窃电缆线")


def test_candidate_document_is_one_clause_of_facts_and_reasoning() -> None:
    doc = lecard_rankers.candidate_document(POOL[1])
    assert (doc.id, doc.title, doc.source) == ("c12", "王某盗窃案", "12.json")
    assert doc.text == "被告人王某在仓库内盗窃电缆线，价值人民币四千元。\n本院认为，被告人构成盗窃罪。"
    assert [c.id for c in doc.clauses] == ["c12:0001"] and doc.clauses[0].text == doc.text
    # an empty field adds no blank line; other fields can be chosen
    assert lecard_rankers.candidate_document(POOL[0]).text == POOL[0].fields["ajjbqk"]
    assert lecard_rankers.candidate_document(POOL[0], ("ajName",)).text == "李某故意伤害案"


def test_variants() -> None:
    assert lecard_rankers.Variant() == lecard_rankers.DEFAULT_VARIANT
    assert dict(lecard_rankers.QUESTION_READING.weights) == {"long_query_chars": 10**9}


def test_our_ranker_puts_the_matching_case_first(tmp_path: Path) -> None:
    ranked = lecard_rankers.project_ranker(tmp_path)(QUERY, POOL)
    assert ranked[0] == "12"


def test_stock_ranker_puts_the_matching_case_first() -> None:
    ranked = lecard_rankers.stock_ranker("or")(QUERY, POOL)
    assert ranked[0] == "12"
    assert set(ranked) <= {"11", "12", "13"}
