"""KnowledgeGraph: merging, lookup (exact, alias, t/s folding, substring), neighbors, paths,
subgraphs, persistence."""

from __future__ import annotations

import json
import os

import pytest

from graph.store import FORMAT_VERSION, GraphFormatError, KnowledgeGraph, name_key
from policykg.model import ClauseAnnotation, Entity, Fact


def small() -> KnowledgeGraph:
    kg = KnowledgeGraph()
    kg.add_entity(Entity("region:210000", "辽宁省", "region", ["辽宁"], {"level": "province"}, ["d:0001"]))
    kg.add_entity(Entity("region:210100", "沈阳市", "region", ["沈阳"], {"level": "city"}, ["d:0002"]))
    kg.add_entity(
        Entity("program:支部力量·红枫行动", "支部力量·红枫行动", "program", ["红枫行动"], {}, ["d:0001"])
    )
    kg.add_entity(Entity("program:枫叶驿站", "枫叶驿站", "program", [], {}, ["d:0003"]))
    kg.add_entity(
        Entity("document:d", "关于开展红枫行动的意见", "document", ["辽老通字〔2020〕4号"], {}, ["d:0001"])
    )
    kg.add_edge("region:210100", "region:210000", "part_of", ["d:0002"])
    kg.add_edge("program:枫叶驿站", "program:支部力量·红枫行动", "part_of", ["d:0003"])
    kg.add_edge("document:d", "program:支部力量·红枫行动", "launches", ["d:0001"])
    kg.add_edge("document:d", "region:210000", "covers", ["d:0001"])
    return kg


def test_add_entity_merges_aliases_evidence_and_missing_attributes() -> None:
    kg = small()
    kg.add_entity(
        Entity(
            "region:210100",
            "沈阳市",
            "region",
            ["沈阳", "盛京"],
            {"level": "x", "code": "210100"},
            ["e:0001"],
        )
    )
    e = kg.entity("region:210100")
    assert e is not None
    assert e.aliases == ["沈阳", "盛京"]
    assert e.evidence == ["d:0002", "e:0001"]
    assert e.attributes == {"level": "city", "code": "210100"}  # existing values win


def test_add_edge_merges_evidence_and_refuses_unknown_ends_and_loops() -> None:
    kg = small()
    edge = kg.add_edge("region:210100", "region:210000", "part_of", ["d:0002", "d:0009"])
    assert edge.evidence == ["d:0002", "d:0009"]
    assert len(kg.edges("part_of")) == 2
    with pytest.raises(KeyError):
        kg.add_edge("region:210100", "region:999999", "part_of", ["x"])
    with pytest.raises(ValueError):
        kg.add_edge("region:210100", "region:210100", "part_of", ["x"])


def test_lookup_exact_name_then_alias_then_substring() -> None:
    kg = small()
    assert [e.id for e in kg.lookup("沈阳市")] == ["region:210100"]
    assert kg.lookup("红枫行动")[0].id == "program:支部力量·红枫行动"  # alias
    assert kg.lookup("红枫行动", type="region") == []
    # substring: names containing the query, shorter names first
    assert [e.id for e in kg.lookup("驿站")] == ["program:枫叶驿站"]
    ids = [e.id for e in kg.lookup("红枫")]
    assert "program:支部力量·红枫行动" in ids and "document:d" in ids
    assert kg.lookup("") == []


def test_lookup_folds_traditional_quotes_and_middle_dots() -> None:
    kg = small()
    assert kg.lookup("瀋陽市")[0].id == "region:210100"
    assert kg.lookup("“支部力量•红枫行动”")[0].id == "program:支部力量·红枫行动"
    assert name_key("紅楓行動") == name_key("红枫行动")


def test_neighbors_both_directions_with_evidence() -> None:
    kg = small()
    ns = kg.neighbors("program:支部力量·红枫行动")
    got = {(n.relation, n.direction, n.entity.id, tuple(n.evidence)) for n in ns}
    assert ("part_of", "in", "program:枫叶驿站", ("d:0003",)) in got
    assert ("launches", "in", "document:d", ("d:0001",)) in got
    assert kg.neighbors("nope") == []


def test_path_walks_edges_in_either_direction() -> None:
    kg = small()
    steps = kg.path("program:枫叶驿站", "region:210000")
    assert [(s.source, s.relation, s.target) for s in steps] == [
        ("program:枫叶驿站", "part_of", "program:支部力量·红枫行动"),
        ("document:d", "launches", "program:支部力量·红枫行动"),
        ("document:d", "covers", "region:210000"),
    ]
    assert all(s.evidence for s in steps)
    assert kg.path("program:枫叶驿站", "region:210000", max_len=2) == []
    assert kg.path("program:枫叶驿站", "region:210100") != []


def test_subgraph_keeps_only_one_documents_contribution() -> None:
    kg = small()
    kg.add_entity(Entity("region:210200", "大连市", "region", [], {}, ["e:0001"]))
    kg.add_edge("region:210200", "region:210000", "part_of", ["e:0001"])
    sub = kg.subgraph("d")
    assert sub.entity("region:210200") is None
    assert sub.entity("program:枫叶驿站") is not None
    assert {e.relation for e in sub.edges()} == {"part_of", "launches", "covers"}


def test_facts_annotations_terms_stats() -> None:
    kg = small()
    f = Fact("threshold", 5, "人", "党员人数5人以上的", "d:0002", "以上")
    kg.add_fact(f)
    kg.add_fact(f)  # the same fact twice is kept once
    assert kg.facts_for("d:0002") == [f]
    assert kg.facts_for("d:0009") == []
    terms = kg.dictionary_terms()
    assert "红枫行动" in terms and "沈阳市" in terms
    assert "关于开展红枫行动的意见" not in terms  # documents are not segmenter words
    stats = kg.stats()
    assert stats["entities_by_type"]["region"] == 2
    assert stats["edges_by_relation"]["part_of"] == 2


def test_save_load_round_trip_is_atomic_and_versioned(tmp_path) -> None:  # type: ignore[no-untyped-def]
    kg = small()
    kg.annotations["d:0002"] = ClauseAnnotation(
        "d:0002", ["支部力量·红枫行动"], ["region:210100"], [], ["辽宁省"], None
    )
    kg.add_fact(Fact("amount", 300, "元/月", "每月不低于300元", "d:0002", "不低于"))
    target = tmp_path / "sub" / "graph.json"
    kg.save(target)
    assert sorted(os.listdir(target.parent)) == ["graph.json"]  # no temp file left behind
    loaded = KnowledgeGraph.load(target)
    assert loaded.to_dict() == kg.to_dict()
    assert loaded.lookup("红枫行动")[0].id == "program:支部力量·红枫行动"
    assert loaded.annotations["d:0002"].region_path == ["辽宁省"]
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT_VERSION
    data["format"] = FORMAT_VERSION + 1
    target.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GraphFormatError):
        KnowledgeGraph.load(target)
    target.write_text("{broken", encoding="utf-8")
    with pytest.raises(GraphFormatError):
        KnowledgeGraph.load(target)


def test_save_streams_the_same_bytes_as_one_json_dumps(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """graph.json is written an item at a time (policykg.jsonstream), byte for byte what
    json.dumps of the whole graph wrote before — including lists longer than one write batch."""
    from policykg import jsonstream

    kg = small()
    for i in range(2 * jsonstream._BATCH + 3):
        cid = f"d:{i:05d}"
        kg.annotations[cid] = ClauseAnnotation(cid, ["枫叶驿站"], ["program:枫叶驿站"], [], ["辽宁省"], None)
        kg.add_fact(Fact("count", i, "次", f"每年{i}次", cid, "至少"))
    target = tmp_path / "graph.json"
    kg.save(target)
    want = json.dumps(kg.to_dict(), ensure_ascii=False, separators=(",", ":"))
    assert target.read_text(encoding="utf-8") == want
    empty = tmp_path / "empty.json"
    KnowledgeGraph().save(empty)
    assert empty.read_text(encoding="utf-8") == json.dumps(
        KnowledgeGraph().to_dict(), ensure_ascii=False, separators=(",", ":")
    )
