"""Response models of the 检索 endpoints (service/search_schemas.py): search, precedents, compare."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from service.search_schemas import (
    CompareResponse,
    DocumentMatch,
    PrecedentsResponse,
    SearchResponse,
    SearchResult,
)


@pytest.mark.parametrize("model", [SearchResponse, PrecedentsResponse, CompareResponse])
def test_the_openapi_examples_are_valid_responses(model: type[BaseModel]) -> None:
    (example,) = model.model_json_schema()["examples"]
    assert model.model_validate(example).model_dump(exclude_unset=True) == example


def test_a_search_hit_is_strong_unless_said_otherwise() -> None:
    hit = {
        "clause_id": "d:0001",
        "doc_id": "d",
        "text": "到社区报到",
        "highlight": "到<mark>社区</mark>报到",
        "path": [],
        "score": 1.0,
        "document": {"doc_id": "d", "title": "通知"},
    }
    assert SearchResult.model_validate(hit).strong is True
    assert SearchResult.model_validate({**hit, "strong": False}).strong is False


def test_search_response_defaults() -> None:
    resp = SearchResponse(query="党建", total=0, results=[], facets={})
    assert (resp.offset, resp.limit, resp.notices, resp.strong_total, resp.document_match) == (
        0,
        10,
        [],
        None,
        None,
    )


def test_document_match_lists_are_not_shared() -> None:
    a = DocumentMatch(doc_id="a", title="甲")
    b = DocumentMatch(doc_id="b", title="乙")
    a.issuers.append("中共某市委老干部局")
    a.issuer_units.append("某单位")
    assert b.issuers == [] and b.issuer_units == []
    assert "default" in DocumentMatch.model_json_schema()["properties"]["issuers"]
