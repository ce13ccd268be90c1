"""The graph file: field order, the format check, files that are not a graph, and a failed save
that leaves the previous file in place and no temporary file behind.

The round trip of a whole graph and the streamed bytes are in test_store.py."""

from __future__ import annotations

import json
import os

import pytest

from graph.graphfile import FORMAT_VERSION, GraphFormatError
from graph.store import KnowledgeGraph
from policykg.model import Entity, Fact


def two_regions() -> KnowledgeGraph:
    kg = KnowledgeGraph()
    kg.add_entity(Entity("region:210000", "辽宁省", "region", [], {}, ["d:0001"]))
    kg.add_entity(Entity("region:210100", "沈阳市", "region", ["沈阳"], {}, ["d:0001"]))
    kg.add_edge("region:210100", "region:210000", "part_of", ["d:0001"])
    kg.add_fact(Fact("count", 2, "次", "每年2次", "d:0001", "至少"))
    return kg


def test_the_saved_object_lists_format_entities_edges_annotations_facts_in_order() -> None:
    data = two_regions().to_dict()
    assert list(data) == ["format", "entities", "edges", "annotations", "facts"]
    assert data["format"] == FORMAT_VERSION
    assert [e["id"] for e in data["entities"]] == ["region:210000", "region:210100"]
    assert data["edges"] == [
        {"source": "region:210100", "target": "region:210000", "relation": "part_of", "evidence": ["d:0001"]}
    ]
    assert data["annotations"] == [] and len(data["facts"]) == 1


def test_from_dict_rebuilds_what_it_reads_and_refuses_other_versions() -> None:
    data = two_regions().to_dict()
    kg = KnowledgeGraph.from_dict(data)
    assert isinstance(kg, KnowledgeGraph)
    assert kg.edge_evidence("region:210100", "region:210000", "part_of") == ["d:0001"]
    assert kg.facts_for("d:0001")[0].value == 2
    assert KnowledgeGraph.from_dict({"format": FORMAT_VERSION}).stats()["entities"] == 0
    with pytest.raises(GraphFormatError, match="格式版本为 None"):
        KnowledgeGraph.from_dict({"entities": data["entities"]})


def test_load_refuses_json_that_is_not_an_object(tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "graph.json"
    target.write_text(json.dumps([FORMAT_VERSION]), encoding="utf-8")
    with pytest.raises(GraphFormatError, match="格式不正确"):
        KnowledgeGraph.load(target)
    assert GraphFormatError.code == "graph_format" and GraphFormatError.status == 500


def test_a_failed_save_keeps_the_previous_file_and_leaves_no_temporary_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "graph.json"
    two_regions().save(target)
    before = target.read_bytes()
    broken = two_regions()
    broken.add_fact(Fact("count", object(), "次", "每年?次", "d:0002", "至少"))  # not JSON
    with pytest.raises(TypeError):
        broken.save(target)
    assert os.listdir(tmp_path) == ["graph.json"]
    assert target.read_bytes() == before
