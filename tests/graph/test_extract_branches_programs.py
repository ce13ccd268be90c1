"""Branches, programs, brands and people in the shapes real pages use, on invented sentences."""

from __future__ import annotations

from graph_helpers import clause

from graph.extract.branches import find_branches
from graph.extract.people import find_people
from graph.extract.programs import find_programs
from policykg.gazetteer import Gazetteer

GAZ = Gazetteer.default()


def branches(text: str, acting: str | None = None) -> list[tuple]:
    return [(b.name, b.organization) for b in find_branches(clause(text), GAZ, (), acting)]


# -------------------------------------------------------------------- branches
def test_ordinal_branches_of_the_acting_unit_and_lists_of_ordinals() -> None:
    got = branches("离退休第八党支部组织学习，离退休第二和第十二党支部联合开展活动。", "青山学院")
    assert got == [
        ("青山学院离退休第八党支部", "青山学院"),
        ("青山学院离退休第二党支部", "青山学院"),
        ("青山学院离退休第十二党支部", "青山学院"),
    ]


def test_a_list_of_named_branches_of_units() -> None:
    got = branches("通化市税务局离退休干部第二党支部、通化市人民医院退休党支部和通化市交通局党总支受到表彰。")
    assert got == [
        ("通化市税务局离退休干部第二党支部", "通化市税务局"),
        ("通化市人民医院退休党支部", "通化市人民医院"),
        ("通化市交通局党总支", "通化市交通局"),
    ]


def test_labels_awards_generic_and_counted_branches_are_not_named_ones() -> None:
    text = (
        "开展离退休干部示范党支部创建，评选先进党支部，开办离退休干部党支部书记轮训班，"
        "全市8个离退休干部党支部参加，各单位党支部要落实。"
    )
    assert branches(text) == []


# -------------------------------------------------------------------- programs and brands
def programs(text: str) -> list[tuple]:
    progs, _concepts, _lists = find_programs(clause(text))
    return [(p.name, p.category) for p in progs]


def test_unquoted_brands_after_a_verb_of_setting_up() -> None:
    got = programs("县委老干部局打造青松映红品牌，实施银发先锋引领工程，打造特色品牌，推行规范化管理模式。")
    assert got == [("青松映红", "品牌"), ("银发先锋引领工程", None)]


def test_titles_and_generic_labels_are_not_programs() -> None:
    text = "开展“示范党支部”创建活动，评选“最美银发志愿团队”，打造“互动型”党支部。"
    assert programs(text) == []


def test_an_enumerated_mechanism_gives_its_parts() -> None:
    progs, _c, lists = find_programs(clause("构建“三链”工作机制：思想链、服务链、责任链，效果明显。"))
    assert [p.name for p in progs] == ["三链工作机制"]
    assert [cl.items for cl in lists] == [["思想链", "服务链", "责任链"]]
    progs, _c, lists = find_programs(clause("推行“四个一”：一次走访、一次谈心、一次学习、一次评议。"))
    assert [p.name for p in progs] == ["四个一"]
    assert [cl.items for cl in lists] == [["一次走访", "一次谈心", "一次学习", "一次评议"]]


def test_a_count_that_does_not_match_its_list_gives_no_parts() -> None:
    _p, _c, lists = find_programs(clause("推行“四个一”：一次走访、一次谈心。"))
    assert lists == []


# -------------------------------------------------------------------- people
def test_people_need_a_role_a_title_or_comrade() -> None:
    text = "老同志发挥余热，群众满意度高。党支部书记秦晓东带头，退休教师邹丽同志参加，相关负责人表示满意。"
    assert [p.name for p in find_people(clause(text))] == ["秦晓东", "邹丽"]


def test_straight_quotes_generic_names_and_written_out_parts() -> None:
    got = programs('擦亮"松花银辉"品牌，建设一批老党员工作室，推行"党建+志愿服务"模式。')
    assert got == [("松花银辉", "品牌"), ("党建+志愿服务模式", None)]
    _p, _c, lists = find_programs(clause("开展银晖助企、银晖治理、银晖助农三大行动，成效明显。"))
    assert [cl.items for cl in lists] == [["银晖助企", "银晖治理", "银晖助农"]]
    _p, _c, lists = find_programs(clause("开展银晖助企、银晖治理四大行动。"))
    assert lists == []


def test_a_party_group_of_a_named_place_is_a_branch() -> None:
    # a unit named without its place is not an organization of its own
    assert branches("松苑养老院党小组组织学习，党小组长带头发言。") == [("松苑养老院党小组", None)]


def test_bylines_and_roles_written_after_names() -> None:
    text = "(记者邵文涛通讯员卢晓丽)近日，老党员座谈会召开。"
    assert [p.name for p in find_people(clause(text))] == ["邵文涛", "卢晓丽"]
    assert [p.name for p in find_people(clause("会后大家合影留念。(韦明)"))] == ["韦明"]
