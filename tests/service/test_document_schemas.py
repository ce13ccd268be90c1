"""Models of a document and a document list (service/document_schemas.py)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from service.document_schemas import ClauseOut, DocumentDetail, DocumentListItem, OutlineNode


def _detail(**extra: object) -> DocumentDetail:
    return DocumentDetail.model_validate(
        {
            "doc_id": "d",
            "title": "关于加强离退休干部党支部建设的通知",
            "clause_count": 1,
            "source": "d.txt",
            "sha256": "0" * 64,
            "script": "simplified",
            "clauses": [
                {
                    "clause_id": "d:0001",
                    "ordinal": 1,
                    "path": [],
                    "level": 1,
                    "kind": "paragraph",
                    "text": "党员人数3人以上的，可单独建立党支部。",
                    "start": 0,
                    "end": 19,
                    "facts": [{"kind": "threshold", "value": 3, "unit": "人", "text": "3人以上的"}],
                }
            ],
            "text": "党员人数3人以上的，可单独建立党支部。",
            **extra,
        }
    )


def test_outline_nests_to_any_depth() -> None:
    tree = OutlineNode.model_validate(
        {
            "kind": "heading",
            "level": 1,
            "heading": "一、总体要求",
            "children": [
                {
                    "clause_id": "d:0002",
                    "kind": "item",
                    "level": 2,
                    "children": [{"kind": "item", "level": 3}],
                }
            ],
        }
    )
    assert tree.clause_id is None  # a heading on its own line is no clause
    assert tree.children[0].children[0].level == 3
    assert isinstance(tree.children[0].children[0], OutlineNode)


def test_detail_parses_clauses_facts_and_parts() -> None:
    doc = _detail(parts=[{"doc_id": "d~01", "title": "第一篇", "clause_count": 2}])
    assert isinstance(doc.clauses[0], ClauseOut) and doc.clauses[0].facts[0].value == 3
    assert isinstance(doc.parts[0], DocumentListItem) and doc.parts[0].clause_count == 2
    assert (doc.years, doc.author_offices, doc.warnings, doc.outline, doc.parent) == ([], {}, [], [], None)


def test_detail_defaults_are_not_shared() -> None:
    a, b = _detail(), _detail()
    a.warnings.append("无日期")
    a.author_offices["张三"] = "某局"
    a.children.append("d~01")
    assert (b.warnings, b.author_offices, b.children) == ([], {}, [])


def test_a_list_item_needs_its_clause_count() -> None:
    with pytest.raises(ValidationError):
        DocumentListItem.model_validate({"doc_id": "d", "title": "通知"})
