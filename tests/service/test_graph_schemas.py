"""Response models of the 图谱 endpoints (service/graph_schemas.py): entities, paths, subgraphs."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from service.graph_schemas import EdgeOut, EntityBrief, EntityDetail, PathResponse, PathStep, SubgraphResponse


@pytest.mark.parametrize("model", [EntityBrief, EntityDetail, PathResponse])
def test_the_openapi_examples_are_valid_responses(model: type[BaseModel]) -> None:
    (example,) = model.model_json_schema()["examples"]
    assert model.model_validate(example).model_dump(exclude_unset=True) == example


def test_a_path_step_is_an_edge_with_its_clauses() -> None:
    step = PathStep.model_validate(
        {
            "source": "document:d",
            "target": "program:1335",
            "relation": "launches",
            "evidence": ["d:0003"],
            "evidence_clauses": [{"clause_id": "d:0003", "doc_id": "d", "text": "推进“1335”机制"}],
        }
    )
    assert isinstance(step, EdgeOut)
    assert step.evidence_clauses[0].clause_id == "d:0003"


def test_path_not_found_says_whether_concepts_would_connect() -> None:
    end = {"id": "program:1335", "name": "1335", "type": "program"}
    resp = PathResponse.model_validate(
        {"source": end, "target": end, "found": False, "length": 0, "steps": [], "nodes": []}
    )
    assert resp.concept_path is False
    assert resp.source.aliases == []


def test_subgraph_carries_nodes_and_edges() -> None:
    sub = SubgraphResponse.model_validate(
        {
            "doc_id": "d",
            "nodes": [{"id": "document:d", "name": "通知", "type": "document"}],
            "edges": [{"source": "document:d", "target": "region:350100", "relation": "applies_to"}],
        }
    )
    assert sub.nodes[0].type == "document" and sub.edges[0].evidence == []
