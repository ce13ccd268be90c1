"""Seed expectations: the graph built from the five seed documents (through the real ingest).

Seed-specific strings live here only; the extractors know none of them.
"""

from __future__ import annotations

import json

import pytest
from graph_helpers import DEV, neighbor_names, one

from graph.store import KnowledgeGraph
from policykg.model import Document

B = "001_a6bb10912aa23e10"


def region_chain(kg: KnowledgeGraph, entity_id: str) -> list[str]:
    names = []
    current = kg.entity(entity_id)
    while current is not None:
        names.append(current.name)
        ups = [n.entity for n in kg.neighbors(current.id) if n.relation == "part_of" and n.direction == "out"]
        current = ups[0] if ups else None
    return names


def covered(kg: KnowledgeGraph, doc_id: str) -> str:
    regions = [n.entity.id for n in kg.neighbors(f"document:{doc_id}") if n.relation == "covers"]
    assert len(regions) == 1, regions
    return regions[0]


@pytest.mark.parametrize(
    ("doc_id", "chain"),
    [
        ("000_07bae7d3feccb87b", ["辽宁省"]),
        (B, ["辽宁省"]),
        (f"{B}~01", ["辽宁省"]),
        (f"{B}~03", ["沈阳市", "辽宁省"]),
        (f"{B}~04", ["大连市", "辽宁省"]),
        (f"{B}~05", ["盘锦市", "辽宁省"]),
        (f"{B}~06", ["朝阳市", "辽宁省"]),
        (f"{B}~07", ["振兴区", "丹东市", "辽宁省"]),
        (f"{B}~08", ["铁岭县", "铁岭市", "辽宁省"]),
        (f"{B}~09", ["调兵山市", "铁岭市", "辽宁省"]),
        ("002_147be02ba23ae852", ["枣庄市", "山东省"]),
        ("004_0247a5a9630a91d5", ["福州市", "福建省"]),
    ],
)
def test_region_chain_of_every_seed_document(seed_kg: KnowledgeGraph, doc_id: str, chain: list[str]) -> None:
    assert region_chain(seed_kg, covered(seed_kg, doc_id)) == chain


def test_masked_county_is_unknown_and_has_no_parent(seed_kg: KnowledgeGraph) -> None:
    rid = covered(seed_kg, "003_78741f0be6bfd9f7")
    region = seed_kg.entity(rid)
    assert region is not None and rid == "region:unknown:003_78741f0be6bfd9f7"
    assert region.attributes["level"] == "county" and region.attributes["known"] is False
    assert region_chain(seed_kg, rid) == [region.name]


@pytest.mark.parametrize(
    ("child", "unit", "region"),
    [
        ("03", "中共沈阳市委老干部局", "沈阳市"),
        ("04", "中共大连市委老干部局", "大连市"),
        ("05", "中共盘锦市委老干部局", "盘锦市"),
        ("06", "中共朝阳市委老干部局", "朝阳市"),
        ("07", "中共丹东市振兴区委组织部", "振兴区"),
        ("08", "中共铁岭县委组织部", "铁岭县"),
        ("09", "铁法煤业（集团）有限责任公司老干部管理服务中心", "调兵山市"),
        ("10", "辽宁大学离退休工作处", "沈阳市"),  # the school's city (教育部's list), inside 辽宁省
    ],
)
def test_bulletin_articles_units_and_regions(
    seed_kg: KnowledgeGraph, child: str, unit: str, region: str
) -> None:
    doc = f"document:{B}~{child}"
    assert neighbor_names(seed_kg, doc, "issued_by", "out") == [unit]
    assert neighbor_names(seed_kg, doc, "part_of", "out") == ["老干部工作动态 第7期（总第494期）"]
    org = one(seed_kg, unit, "organization")
    assert org.name == unit
    assert neighbor_names(seed_kg, org.id, "located_in", "out") == [region]


def test_bulletin_speakers_with_office(seed_kg: KnowledgeGraph) -> None:
    liu = one(seed_kg, "刘文生", "person")
    assert liu.attributes["office"] == "省委组织部部务委员、省委老干部局局长"
    assert sorted(neighbor_names(seed_kg, liu.id, "member_of", "out")) == [
        "中共辽宁省委组织部",
        "中共辽宁省委老干部局",
    ]
    assert neighbor_names(seed_kg, f"document:{B}~01", "authored_by", "out") == ["刘文生"]
    zhang = one(seed_kg, "张克", "person")
    assert neighbor_names(seed_kg, zhang.id, "member_of", "out") == ["中共辽宁省委老干部局"]
    # short forms in the speeches resolve to the full name
    bureau = one(seed_kg, "省委老干部局", "organization")
    assert bureau.name == "中共辽宁省委老干部局"


def test_red_maple_six_parts_and_implementers(seed_kg: KnowledgeGraph) -> None:
    prog = one(seed_kg, "红枫行动", "program")
    assert prog.name == "支部力量·红枫行动"
    parts = neighbor_names(seed_kg, prog.id, "part_of", "in")
    assert sorted(parts) == sorted(["枫林逸景", "枫叶驿站", "枫采课堂", "枫华空间", "枫尚传人", "枫耀辽宁"])
    assert neighbor_names(seed_kg, prog.id, "launches", "in") == [
        "关于开展“支部力量·红枫行动”党建品牌创建活动的实施意见"
    ]
    implementers = {
        n.entity.id for n in seed_kg.neighbors(prog.id) if n.relation == "implements" and n.direction == "in"
    }
    for child in ("03", "04", "05", "06", "07", "08", "10"):
        assert f"document:{B}~{child}" in implementers
    for unit in (
        "中共沈阳市委老干部局",
        "中共大连市委老干部局",
        "中共盘锦市委老干部局",
        "中共丹东市振兴区委组织部",
    ):
        assert f"organization:{unit}" in implementers
    # the launching document and the launching bureau's own speeches are not implementers
    assert "document:000_07bae7d3feccb87b" not in implementers
    assert f"document:{B}~01" not in implementers
    assert "organization:中共辽宁省委老干部局" not in implementers


def test_local_brands_of_branches(seed_kg: KnowledgeGraph) -> None:
    aji = one(seed_kg, "阿吉镇离退休党支部", "branch")
    assert neighbor_names(seed_kg, aji.id, "located_in", "out") == ["阿吉镇"]
    assert neighbor_names(seed_kg, aji.id, "implements", "out") == ["134工作模式"]
    assert region_chain(seed_kg, "region:211221102") == ["阿吉镇", "铁岭县", "铁岭市", "辽宁省"]
    xfw = one(seed_kg, "幸福湾社区离退休党支部", "branch")
    assert "幸福四点课堂" in neighbor_names(seed_kg, xfw.id, "implements", "out")


def test_bense_jiayuan_is_provincial_and_zaozhuang_implements_it(seed_kg: KnowledgeGraph) -> None:
    prog = one(seed_kg, "本色家园", "program")
    launcher = neighbor_names(seed_kg, prog.id, "launches", "in")
    assert launcher == ["关于深入推进“本色家园”离退休干部党支部建设工作的通知"]
    assert prog.attributes["region"] == "山东省"
    assert "document:002_147be02ba23ae852" in {
        n.entity.id for n in seed_kg.neighbors(prog.id) if n.relation == "implements" and n.direction == "in"
    }


def test_1335_mechanism_defined_by_fuzhou(seed_kg: KnowledgeGraph) -> None:
    prog = one(seed_kg, "1335", "program")
    assert prog.name == "1335离退休干部党建工作机制"
    assert neighbor_names(seed_kg, prog.id, "launches", "in") == [
        "关于推进“1335”离退休干部党建工作机制的通知"
    ]
    assert sorted(neighbor_names(seed_kg, prog.id, "part_of", "in")) == sorted(
        ["思想教育", "组织建设", "日常管理", "发挥作用", "关爱激励"]
    )


def test_concepts_are_kept_apart(seed_kg: KnowledgeGraph) -> None:
    for formula in ("四个意识", "两个维护", "三会一课", "两学一做"):
        assert seed_kg.lookup(formula, "concept"), formula
        assert not [e for e in seed_kg.lookup(formula) if e.type == "program" and e.name == formula]


def test_citations_of_004(seed_kg: KnowledgeGraph) -> None:
    cited = neighbor_names(seed_kg, "document:004_0247a5a9630a91d5", "cites", "out")
    assert sorted(cited) == sorted(
        ["关于进一步加强和改进离退休干部工作的意见", "闽委办发〔2017〕6号", "榕委办发〔2017〕27号"]
    )
    assert neighbor_names(
        seed_kg, one(seed_kg, "闽委办发〔2017〕6号", "document").id, "issued_by", "out"
    ) == ["中共福建省委办公厅"]


def test_citations_of_001_with_3_hao_alias_merge(seed_kg: KnowledgeGraph) -> None:
    speech = f"document:{B}~01"
    cited = neighbor_names(seed_kg, speech, "cites", "out")
    for title in (
        "关于建立老干部退休制度的决定",
        "关于加强离退休干部党支部建设的意见",
        "关于进一步加强和改进离退休干部党支部建设工作的意见",
        "关于进一步加强和改进离退休干部工作的意见",
        "中国共产党支部工作条例（试行）",
        "辽宁省离退休干部党支部规范化建设标准（试行）",
        "关于开展“支部力量·红枫行动”党建品牌创建活动的实施意见",  # the corpus document 000
    ):
        assert title in cited, title
    doc3 = one(seed_kg, "中办发〔2016〕3号", "document")
    assert doc3.name == "关于进一步加强和改进离退休干部工作的意见"
    assert "3号文件" in doc3.aliases
    assert one(seed_kg, "3号文件", "document").id == doc3.id
    assert sorted(n.entity.id for n in seed_kg.neighbors(doc3.id) if n.relation == "cites") == sorted(
        [speech, "document:004_0247a5a9630a91d5"]
    )
    assert len(seed_kg.edge_evidence(speech, doc3.id, "cites")) >= 3  # title clause + 3号文件 clauses
    assert sorted(neighbor_names(seed_kg, doc3.id, "issued_by", "out")) == ["中共中央办公厅", "国务院办公厅"]
    zutong = one(seed_kg, "组通字〔1997〕10号", "document")
    assert zutong.name == "关于加强离退休干部党支部建设的意见"
    assert neighbor_names(seed_kg, zutong.id, "issued_by", "out") == ["中共中央组织部"]
    # a corpus document cited by its title is the corpus document, with the citing short form
    red = seed_kg.entity("document:000_07bae7d3feccb87b")
    assert red is not None and "《红枫行动》" in red.aliases


def test_threshold_and_amount_facts(seed_kg: KnowledgeGraph) -> None:
    facts = {(f.kind, f.value, f.unit, f.text, f.clause_id.split(":")[0]) for f in seed_kg.all_facts()}
    assert ("threshold", 5, "人", "党员人数5人以上的", "004_0247a5a9630a91d5") in facts
    assert ("threshold", 50, "人", "党员人数超过50人的", "004_0247a5a9630a91d5") in facts
    assert ("amount", 300, "元/月", "每月不低于300元", "004_0247a5a9630a91d5") in facts
    assert ("threshold", 3, "人", "党员人数达到3人以上的", "002_147be02ba23ae852") in facts
    assert ("frequency", 1, "次/年", "每年至少培训一次", "004_0247a5a9630a91d5") in facts
    assert ("count", 30, "条", "6个方面30条标准", "000_07bae7d3feccb87b") in facts


def test_annotations_carry_programs_regions_and_units(
    seed_kg: KnowledgeGraph, seed_docs: list[Document]
) -> None:
    by_id = {d.id: d for d in seed_docs}
    shenyang = by_id[f"{B}~03"]
    hits = [c.id for c in shenyang.clauses if "支部力量·红枫行动" in seed_kg.annotations[c.id].programs]
    assert hits
    ann = seed_kg.annotations[hits[0]]
    assert ann.region_path == ["辽宁省", "沈阳市"]
    assert ann.organization == "organization:中共沈阳市委老干部局"
    threshold_clause = next(f.clause_id for f in seed_kg.all_facts() if f.value == 5)
    assert [f.text for f in seed_kg.annotations[threshold_clause].facts][:1] == ["党员人数5人以上的"]
    assert all(c.id in seed_kg.annotations for d in seed_docs for c in d.clauses)


def test_every_edge_and_entity_has_evidence(seed_kg: KnowledgeGraph, seed_docs: list[Document]) -> None:
    assert all(e.evidence for e in seed_kg.edges())
    real = {c.id for d in seed_docs for c in d.clauses}
    cited = {cid for e in seed_kg.edges() for cid in e.evidence} | {
        cid for e in seed_kg.entities() for cid in e.evidence
    }
    assert cited <= real
    # regions added only as ancestors may lack their own mention; everything else is evidenced
    assert all(e.evidence for e in seed_kg.entities() if e.type != "region")


def test_dictionary_terms_for_the_segmenter(seed_kg: KnowledgeGraph) -> None:
    terms = set(seed_kg.dictionary_terms())
    for t in (
        "支部力量·红枫行动",
        "红枫行动",
        "枫叶驿站",
        "本色家园",
        "中共辽宁省委老干部局",
        "沈阳市",
        "阿吉镇离退休党支部",
    ):
        assert t in terms, t


def _entities_lookup(kg: KnowledgeGraph, name: str, type: str):  # type: ignore[no-untyped-def]
    """The contract's /api/entities?q=NAME&type=TYPE: exact name/alias first."""
    found = kg.lookup(name, type)
    return found[0] if found else None


_ASK = {
    "parts": ("part_of", "in"),
    "implementers": ("implements", "in"),
    "cited_by": ("cites", "in"),
    "issued": ("issued_by", "in"),
}


def _graph_items() -> list[dict]:  # type: ignore[type-arg]
    if not DEV.exists():
        return []
    items = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [it for it in items if it["kind"] == "graph"]


@pytest.mark.parametrize("item", _graph_items(), ids=lambda it: it["id"])
def test_dev_gold_graph_items(seed_kg: KnowledgeGraph, item: dict) -> None:  # type: ignore[type-arg]
    entity = _entities_lookup(seed_kg, item["entity"], item["type"])
    assert entity is not None
    if item["ask"] == "alias":
        names = [entity.name, *entity.aliases]
    elif item["ask"] == "region_parent":
        names = [
            x
            for n in seed_kg.neighbors(entity.id)
            if n.relation in ("part_of", "located_in") and n.direction == "out"
            for x in (n.entity.name, *n.entity.aliases)
        ]
    else:
        rel, direction = _ASK[item["ask"]]
        names = [
            x
            for n in seed_kg.neighbors(entity.id)
            if n.relation == rel and n.direction == direction
            for x in (n.entity.name, *n.entity.aliases)
        ]
    missing = [e for e in item["expect"] if not any(e in n for n in names)]
    assert missing == []
