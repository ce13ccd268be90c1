"""A document written for this test (tests/fixtures/graph/jilin_songjiang.txt, not from the
seeds) gets the same treatment as the seeds: a new program with sub-brands, a cited document
with its 3号文件 alias, thresholds and amounts, a branch with what it implements, its unit and
regions — through the real ingest pipeline."""

from __future__ import annotations

import pytest
from graph_helpers import FIXTURES, neighbor_names, one

from graph.build import build_graph
from graph.store import KnowledgeGraph


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    from ingest.pipeline import read_file

    return build_graph(read_file(FIXTURES / "jilin_songjiang.txt"))


def test_new_program_with_sub_brands(kg: KnowledgeGraph) -> None:
    prog = one(kg, "松江行动", "program")  # the short form finds the full name
    assert prog.name == "银龄先锋·松江行动"
    assert sorted(neighbor_names(kg, prog.id, "part_of", "in")) == ["江畔书屋", "雪松驿站", "雾凇讲堂"]
    launchers = neighbor_names(kg, prog.id, "launches", "in")
    assert launchers == ["关于开展“银龄先锋·松江行动”党建品牌创建活动的实施意见"]
    assert prog.attributes["region"] == "吉林省"
    # the enumerated sub-brands are launched by the same document
    assert neighbor_names(kg, one(kg, "雪松驿站", "program").id, "launches", "in") == launchers
    # a formula in the same document is a concept, not a program
    assert kg.lookup("两个维护", "program") == []
    assert kg.lookup("两个维护", "concept")


def test_citation_with_number_title_and_alias(kg: KnowledgeGraph) -> None:
    cited = one(kg, "3号文件", "document")
    assert cited.id == "document:中办发〔2016〕3号"
    assert cited.name == "关于进一步加强和改进离退休干部工作的意见"
    assert neighbor_names(kg, cited.id, "cites", "in") == [
        "关于开展“银龄先锋·松江行动”党建品牌创建活动的实施意见"
    ]
    assert sorted(neighbor_names(kg, cited.id, "issued_by", "out")) == ["中共中央办公厅"]


def test_threshold_and_amount_facts(kg: KnowledgeGraph) -> None:
    facts = {(f.kind, f.value, f.unit, f.text) for f in kg.all_facts()}
    assert ("threshold", 7, "人", "党员人数7人以上的") in facts
    assert ("threshold", 60, "人", "党员人数超过60人的") in facts
    assert ("amount", 200, "元/月", "每月不低于200元") in facts
    assert ("frequency", 1, "次/年", "每年至少开展一次") in facts
    clause_id = next(f.clause_id for f in kg.all_facts() if f.value == 7)
    assert any(f.value == 7 for f in kg.annotations[clause_id].facts)


def test_unit_branch_person_regions(kg: KnowledgeGraph) -> None:
    unit = one(kg, "中共吉林省委老干部局", "organization")
    assert neighbor_names(kg, unit.id, "located_in", "out") == ["吉林省"]
    assert neighbor_names(kg, unit.id, "issued_by", "in") == [
        "关于开展“银龄先锋·松江行动”党建品牌创建活动的实施意见"
    ]
    branch = one(kg, "红石砬子镇离退休党支部", "branch")
    assert sorted(neighbor_names(kg, branch.id, "implements", "out")) == ["三联三帮工作法", "银发宣讲团"]
    chain = []
    region = one(kg, "红石砬子镇", "region")
    while True:
        chain.append(region.name)
        parents = [
            n.entity for n in kg.neighbors(region.id) if n.relation == "part_of" and n.direction == "out"
        ]
        if not parents:
            break
        region = parents[0]
    assert chain == ["红石砬子镇", "桦甸市", "吉林市", "吉林省"]
    assert one(kg, "王德厚", "person").attributes["role"] == "老党员"
