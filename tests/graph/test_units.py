"""Organizations, branches, people, facts and regions on small invented texts."""

from __future__ import annotations

from graph_helpers import clause, make_doc, neighbor_names, one

from graph.build import build_graph
from graph.extract.branches import find_branches
from graph.extract.facts import find_facts
from graph.extract.organizations import OrgContext, find_orgs, normalize_org
from graph.extract.people import find_people
from policykg.gazetteer import Gazetteer

GAZ = Gazetteer.default()


def ctx_of(name: str) -> OrgContext:
    return OrgContext(GAZ, tuple(GAZ.ancestors(GAZ.lookup(name)[0].code)))


# -------------------------------------------------------------------- organizations
def test_short_party_units_completed_from_the_documents_place() -> None:
    text = "按照省委老干部局要求,向市委老干部局、市委离退休干部工委推荐,区委组织部参加。"
    found = find_orgs(text, ctx_of("船营区"))
    assert [m.name for m in found] == [
        "中共吉林省委老干部局",
        "中共吉林市委老干部局",
        "中共吉林市委离退休干部工作委员会",
        "中共吉林市船营区委组织部",  # a district carries its city
    ]
    assert [m.surface for m in found][:2] == ["省委老干部局", "市委老干部局"]
    jl = [m.name for m in find_orgs("省委老干部局和市委组织部、区委老干部工作领导小组", ctx_of("船营区"))]
    assert jl == ["中共吉林省委老干部局", "中共吉林市委组织部", "中共吉林市船营区委老干部工作领导小组"]
    # a province-level document has no city of its own: 市委… stays unresolved
    assert [m.name for m in find_orgs("市委组织部", ctx_of("吉林省"))] == []


def test_plural_unplaced_and_central_units() -> None:
    c = ctx_of("白山市")
    assert find_orgs("各市委老干部局要加强领导", c) == []
    assert find_orgs("党委老干部局", c) == []
    assert [m.name for m in find_orgs("中组部老干部局和中央组织部", c)] == [
        "中共中央组织部老干部局",
        "中共中央组织部",
    ]
    assert [m.name for m in find_orgs("白山市委老干部局、省关工委", c)] == [
        "中共白山市委老干部局",
        "吉林省关心下一代工作委员会",
    ]
    # a county named in full, and a bare 县 without a county in context
    assert [m.name for m in find_orgs("中共抚松县委组织部", c)] == ["中共抚松县委组织部"]
    assert find_orgs("县委组织部", c) == []


def test_normalize_metadata_units() -> None:
    m = normalize_org("中共吉林市委老干部局", ctx_of("吉林市"))
    assert m.name == "中共吉林市委老干部局" and m.region is not None and m.region.code == "220200"
    u = normalize_org("吉林大学离退休工作处", ctx_of("长春市"))
    assert u.name == "吉林大学离退休工作处" and u.kind == "unit"
    assert u.region is not None and u.region.name == "长春市"  # where the school sits (教育部 list)
    paren = normalize_org("通化钢铁(集团)有限责任公司老干部处", ctx_of("通化市"))
    assert paren.name == "通化钢铁（集团）有限责任公司老干部处"


# -------------------------------------------------------------------- branches
def test_branches_need_a_named_place() -> None:
    c = clause(
        "桦甸市红石砬子镇离退休党支部积极推行新做法。所辖的青松社区离退休党支部开设课堂。"
        "积极协助贫困村党支部开展工作。在党员较多的社区成立离退休党支部。各村党支部要配合。"
    )
    found = find_branches(c, GAZ, ("220282",))
    assert [(b.name, b.region.name if b.region else None) for b in found] == [
        ("红石砬子镇离退休党支部", "红石砬子镇"),
        ("青松社区离退休党支部", None),
    ]
    assert found[0].surface == "桦甸市红石砬子镇离退休党支部"


def test_ordinal_branch_of_the_acting_unit() -> None:
    c = clause("2019年,工作处第三党支部荣获先进集体称号。")
    found = find_branches(c, GAZ, (), "吉林大学离退休工作处")
    assert [(b.name, b.organization) for b in found] == [
        ("吉林大学离退休工作处第三党支部", "吉林大学离退休工作处")
    ]


# -------------------------------------------------------------------- people
def test_people_need_a_person_context() -> None:
    c = clause(
        "老党员王德厚义务做调解员。党支部书记陈建华带领大家。李红梅同志是退休教师。"
        "涌现出了周志刚、吴桂兰等先进典型。总书记强调:要团结。广大老同志积极参与。"
    )
    got = [(p.name, p.role) for p in find_people(c)]
    assert got == [
        ("王德厚", "老党员"),
        ("陈建华", "党支部书记"),
        ("李红梅", None),
        ("周志刚", None),
        ("吴桂兰", None),
    ]


def test_a_surname_inside_a_role_word_is_not_a_name_start() -> None:
    got = [p.name for p in find_people(clause("团队由市政协原主席罗志同志担任总顾问。"))]
    assert got == ["罗志"]


# -------------------------------------------------------------------- facts
def test_facts_thresholds_amounts_frequencies_counts() -> None:
    c = clause(
        "单位离退休干部党员人数7人以上的,要建立党支部;党员人数超过60人的,可建立党总支。"
        "书记工作补贴每月不低于200元。每年至少开展一次集中培训,每半年开展一次调度。"
        "按照5个方面20条标准建设。全省党员总数346万名,只有15人居住在本镇。"
    )
    facts = [(f.kind, f.value, f.unit, f.text, f.qualifier) for f in find_facts(c)]
    assert facts == [
        ("threshold", 7, "人", "党员人数7人以上的", "以上"),
        ("threshold", 60, "人", "党员人数超过60人的", "超过"),
        ("amount", 200, "元/月", "每月不低于200元", "不低于"),
        ("frequency", 1, "次/年", "每年至少开展一次", "至少"),
        ("frequency", 1, "次/半年", "每半年开展一次", None),
        ("count", 20, "条", "5个方面20条标准", "5个方面"),
    ]
    assert all(f.clause_id == c.id for f in find_facts(c))


# -------------------------------------------------------------------- build: units, people, regions
def test_build_units_people_branches_and_regions() -> None:
    article = make_doc(
        "a",
        [
            "桦甸市红石砬子镇离退休党支部积极推行“三联三帮”工作法,老党员王德厚同志带头宣讲。",
            "省关工委主任张国庆同志到市里调研,市委组织部参加。",
            "单位离退休干部党员人数7人以上的,要建立单独的离退休干部党支部。",
        ],
        title="吉林市经验交流",
        region="吉林市",
        author_unit="中共吉林市委老干部局",
        doc_type="经验交流",
    )
    speech = make_doc(
        "b",
        ["同志们:今天开个会。"],
        title="讲话",
        region="吉林省",
        authors=["刘 志 国"],
        author_offices={"刘 志 国": "省委组织部部务委员、省委老干部局局长"},
        doc_type="讲话",
    )
    kg = build_graph([article, speech])
    unit = one(kg, "中共吉林市委老干部局", "organization")
    assert neighbor_names(kg, unit.id, "located_in", "out") == ["吉林市"]
    assert neighbor_names(kg, unit.id, "issued_by", "in") == ["吉林市经验交流"]
    branch = one(kg, "红石砬子镇离退休党支部", "branch")
    assert neighbor_names(kg, branch.id, "located_in", "out") == ["红石砬子镇"]
    assert neighbor_names(kg, branch.id, "implements", "out") == ["三联三帮工作法"]
    town = one(kg, "红石砬子镇", "region")
    assert neighbor_names(kg, town.id, "part_of", "out") == ["桦甸市"]
    assert neighbor_names(kg, one(kg, "桦甸市", "region").id, "part_of", "out") == ["吉林市"]
    assert neighbor_names(kg, one(kg, "吉林市", "region").id, "part_of", "out") == ["吉林省"]
    exemplar = one(kg, "王德厚", "person")
    assert exemplar.attributes["cited_for"][0]["clause_id"] == "a:0001"
    leader = one(kg, "张国庆", "person")
    assert neighbor_names(kg, leader.id, "member_of", "out") == ["吉林省关心下一代工作委员会"]
    speaker = one(kg, "刘志国", "person")  # spaced name resolved
    assert neighbor_names(kg, speaker.id, "authored_by", "in") == ["讲话"]
    assert sorted(neighbor_names(kg, speaker.id, "member_of", "out")) == [
        "中共吉林省委组织部",
        "中共吉林省委老干部局",
    ]
    assert [f.text for f in kg.facts_for("a:0003")] == ["党员人数7人以上的"]
    # the clause opens with the branch that acted: it is the clause's actor, in its town
    ann = kg.annotations["a:0001"]
    assert ann.organization == branch.id
    assert ann.region_path == ["吉林省", "吉林市", "桦甸市", "红石砬子镇"]
    # a clause without an actor of its own acts for the article's unit
    ann = kg.annotations["a:0003"]
    assert ann.organization == "organization:中共吉林市委老干部局"
    assert ann.region_path == ["吉林省", "吉林市"]
    ann = kg.annotations["a:0001"]
    assert "三联三帮工作法" in ann.programs
    assert branch.id in ann.entities


def test_masked_region_is_never_guessed() -> None:
    from ingest.metadata import masked_region

    doc = make_doc("m", ["2023年,全县离退休干部党建工作要坚持正确方向。"], title="县2023年工作要点")
    doc.region = masked_region("m", "县")
    kg = build_graph([doc])
    region = kg.entity(doc.region.id)
    assert region is not None and region.attributes["known"] is False
    assert region.attributes["level"] == "county"
    assert neighbor_names(kg, region.id, "part_of", "out") == []
    assert neighbor_names(kg, "document:m", "covers", "out") == [region.name]


def test_bodies_listed_after_a_placed_one_share_its_place() -> None:
    text = "按照中共吉林省委组织部、省委老干部局、省财政厅要求，各地另行安排。"
    assert [m.name for m in find_orgs(text, OrgContext(GAZ, ()))] == [
        "中共吉林省委组织部",
        "中共吉林省委老干部局",
        "吉林省财政厅",
    ]


def test_a_bare_city_is_the_lowest_city_of_the_chain() -> None:
    assert [m.name for m in find_orgs("市委组织部下发通知。", ctx_of("梅河口市"))] == ["中共梅河口市委组织部"]
