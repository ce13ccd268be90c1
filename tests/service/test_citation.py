"""Exact citations (issue 16, point 2): every clause of a document cites to its own place."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.model import Clause, Document
from service.citation import (
    bulletin_issue,
    clause_citations,
    document_citation,
    level_label,
    locators,
)

REPO = Path(__file__).resolve().parents[2]


def _clause(
    doc_id: str, i: int, path: list[str], number: str | None = None, heading: str | None = None
) -> Clause:
    text = f"{heading or number or ''}第{i}句内容。"
    return Clause(
        id=f"{doc_id}:{i:04d}",
        doc_id=doc_id,
        ordinal=i,
        text=text,
        search_text=text,
        path=path,
        number=number,
        heading=heading,
        kind="item" if number else "paragraph",
    )


def _doc(doc_id: str, clauses: list[Clause], **kw: object) -> Document:
    return Document(
        id=doc_id,
        title=kw.pop("title", "关于某事的通知"),
        text="",
        search_text="",
        source="x.txt",
        sha256="0" * 64,
        clauses=clauses,
        **kw,
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("一、总体要求", "第一部分"),
        ("（三）开设“枫采课堂”", "第（三）项"),
        ("(二) 突出特色", "第（二）项"),
        ("1.加强领导", "第1条"),
        ("12、建立台账", "第12条"),
        ("（2）每月一次", "第（2）目"),
        ("一是", "一是"),
        ("十二是完善制度", "十二是"),
        ("第三章 组织设置", "第三章"),
        ("第十条 党支部", "第十条"),
        ("第一，牢固树立", "第一"),
        ("行动背景", None),
        ("2020年工作", None),
    ],
)
def test_level_labels(heading: str, expected: str | None) -> None:
    assert level_label(heading) == expected


def test_every_level_and_items_named() -> None:
    """一是/二是 under 第二部分第（三）项第1条 are told apart; the unnumbered parent is named by its words."""
    path = ["二、主要内容", "（三）具体措施", "1.建设阵地"]
    clauses = [
        _clause("d", 1, path[:1]),
        _clause("d", 2, path, number="一是"),
        _clause("d", 3, path, number="二是"),
        _clause("d", 4, ["行动背景"]),
        _clause("d", 5, ["工作措施", "1.强化学习"], heading="1.强化学习"),
        _clause("d", 6, ["其他措施", "1.强化学习"], heading="1.强化学习"),
    ]
    loc = locators(clauses)
    assert loc["d:0002"] == "第二部分第（三）项第1条一是"
    assert loc["d:0003"] == "第二部分第（三）项第1条二是"
    assert loc["d:0001"] == "第二部分"
    assert loc["d:0004"] == "「行动背景」"
    # the same number under two unnumbered headings: the headings' own words keep them apart
    assert loc["d:0005"] == "「工作措施」第1条"
    assert loc["d:0006"] == "「其他措施」第1条"


def test_paragraphs_under_one_heading_are_numbered() -> None:
    path = ["三、组织实施", "（一）加强领导"]
    clauses = [
        _clause("d", 1, path, number="（一）", heading="（一）加强领导"),
        _clause("d", 2, path),
        _clause("d", 3, path),
        _clause("d", 4, []),
        _clause("d", 5, []),
    ]
    loc = locators(clauses)
    assert loc["d:0001"] == "第三部分第（一）项"
    assert loc["d:0002"] == "第三部分第（一）项第2段"
    assert loc["d:0003"] == "第三部分第（一）项第3段"
    assert loc["d:0004"] == "第1段"
    assert loc["d:0005"] == "第2段"


def test_repeated_numbering_still_distinct() -> None:
    clauses = [_clause("d", i, ["一、要求"], number="一是") for i in range(1, 4)]
    loc = locators(clauses)
    assert len(set(loc.values())) == 3
    assert loc["d:0001"] == "第一部分一是"


def test_citation_line_has_unit_title_number() -> None:
    doc = _doc(
        "d",
        [_clause("d", 1, ["二、主要内容", "（三）开设课堂"], heading="（三）开设课堂")],
        title="关于开展创建活动的实施意见",
        doc_no="辽老通字〔2020〕4号",
        issuers=["中共辽宁省委老干部局"],
    )
    cite = clause_citations(doc)["d:0001"]
    assert (
        cite.text
        == "中共辽宁省委老干部局《关于开展创建活动的实施意见》（辽老通字〔2020〕4号）第二部分第（三）项"
    )
    assert cite.text_original is None


def test_bulletin_article_cites_unit_and_issue() -> None:
    parent = _doc("b", [], title="老干部工作动态 第7期（总第494期）", issuers=["中共辽宁省委老干部局"])
    art = _doc(
        "b~03",
        [_clause("b~03", 1, ["一、强化政治引领"])],
        title="以政治建设为统领",
        author_unit="中共沈阳市委老干部局",
        parent_id="b",
    )
    assert bulletin_issue(parent.title) == ("老干部工作动态", "第7期（总第494期）")
    cite = clause_citations(art, parent)["b~03:0001"]
    assert (
        cite.text
        == "中共沈阳市委老干部局《以政治建设为统领》，载《老干部工作动态》第7期（总第494期）第一部分"
    )
    # an article without its own unit is cited with the bulletin's
    art.author_unit = None
    assert document_citation(art, parent).text.startswith("中共辽宁省委老干部局《以政治建设为统领》")


def test_traditional_document_cites_simplified_with_original() -> None:
    doc = _doc("t", [_clause("t", 1, ["行動背景"])], title="棗莊市離退休幹部黨建工作", script="traditional")
    cite = clause_citations(doc)["t:0001"]
    assert cite.text == "《枣庄市离退休干部党建工作》「行动背景」"
    assert cite.text_original == "《棗莊市離退休幹部黨建工作》「行動背景」"
    assert cite.locator == "「行动背景」"


def _corpus_documents() -> dict[str, Document]:
    from ingest.pipeline import read_bytes

    docs: dict[str, Document] = {}
    for p in sorted((REPO / "corpus").iterdir()):
        if p.suffix in (".txt", ".md", ".html", ".docx", ".pdf"):
            for d in read_bytes(p.name, p.read_bytes(), max_bytes=50 * 1024 * 1024):
                docs[d.id] = d
    return docs


def test_every_corpus_clause_cites_distinctly() -> None:
    """The property over the seed corpus: no two clauses of one document share a citation."""
    docs = _corpus_documents()
    assert docs
    total = 0
    for doc in docs.values():
        parent = docs.get(doc.parent_id) if doc.parent_id else None
        cites = clause_citations(doc, parent)
        assert set(cites) == {c.id for c in doc.clauses}
        texts = [c.text for c in cites.values()]
        assert len(set(texts)) == len(texts), doc.id
        assert all(c.locator for c in cites.values()), doc.id
        total += len(texts)
    assert total > 100


def test_api_carries_citations(seed_client) -> None:  # type: ignore[no-untyped-def]
    docs = seed_client.get("/api/documents", params={"limit": 100}).json()["documents"]
    for summary in docs:
        detail = seed_client.get(f"/api/documents/{summary['doc_id']}").json()
        cites = [c["citation"]["text"] for c in detail["clauses"]]
        assert len(set(cites)) == len(cites)
    hit = seed_client.get("/api/search", params={"q": "社区报到"}).json()["results"][0]
    assert hit["citation"]["text"].endswith(hit["citation"]["locator"])
    assert "《" in hit["citation"]["text"]
    prec = seed_client.get("/api/precedents", params={"q": "到社区报到"}).json()
    assert all(i["citation"]["locator"] for g in prec["groups"] for i in g["items"])
    comp = seed_client.get("/api/compare", params={"topic": "党支部设置", "regions": "福州市,枣庄市"}).json()
    assert all(i["citation"] for c in comp["columns"] for i in c["items"])
