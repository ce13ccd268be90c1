"""service.graphpages over a fake graph: a document's subgraph, entity matches and detail, paths."""

from __future__ import annotations

import pytest
from svc_fakes import built_engine

from policykg.errors import NotFound
from service.graphpages import document_graph, entity_matches, entity_page, path_page
from service.snapshot import Snapshot


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    root = tmp_path_factory.mktemp("graphpages")
    eng = built_engine(root)
    return eng.snapshot()


def test_document_graph_is_the_documents_subgraph(snap: Snapshot) -> None:
    g = document_graph(snap, "fuzhou")
    assert g["doc_id"] == "fuzhou"
    assert {n["id"] for n in g["nodes"]} == {"document:fuzhou", "program:1335"}
    assert [(e["source"], e["relation"], e["target"]) for e in g["edges"]] == [
        ("document:fuzhou", "implements", "program:1335")
    ]
    with pytest.raises(NotFound):
        document_graph(snap, "nowhere")


def test_entity_matches_keep_the_query_and_the_limit(snap: Snapshot) -> None:
    out = entity_matches(snap, "辽宁省", None, 1)
    assert out["query"] == "辽宁省" and [e["id"] for e in out["results"]] == ["region:辽宁省"]


def test_entity_page_sorts_neighbours_by_relation_direction_and_name(snap: Snapshot) -> None:
    out = entity_page(snap, "region:丹东市")
    assert out["id"] == "region:丹东市" and "attributes" in out and "evidence" in out
    keys = [(n["relation"], n["direction"], n["entity"]["name"]) for n in out["neighbors"]]
    assert (
        keys == sorted(keys) and ("part_of", "in", "振兴区") in keys and ("part_of", "out", "辽宁省") in keys
    )
    with pytest.raises(NotFound):
        entity_page(snap, "region:nowhere")


def test_path_page_steps_and_the_trivial_path(snap: Snapshot) -> None:
    out = path_page(snap, "document:fuzhou", "1335", via_concepts=False)
    assert out["found"] and out["length"] == 1 and not out["concept_path"]
    assert {n["id"] for n in out["nodes"]} == {"document:fuzhou", "program:1335"}
    same = path_page(snap, "region:辽宁省", "region:辽宁省", via_concepts=False)
    assert same["found"] and same["length"] == 0 and same["steps"] == []
    with pytest.raises(NotFound, match="nowhere"):
        path_page(snap, "region:辽宁省", "nowhere", via_concepts=False)
