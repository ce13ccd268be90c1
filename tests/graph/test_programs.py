"""Programs and brands: quoted names with categories or program nouns, 简称, enumerations,
component lists; concepts and slogans kept out. Texts are invented in the seeds' conventions."""

from __future__ import annotations

import pytest
from graph_helpers import clause, make_doc, neighbor_names, one

from graph.build import build_graph
from graph.extract.programs import (
    classify_quote,
    enumerations,
    find_programs,
    is_concept,
    item_sentences,
    title_launch_quotes,
)


@pytest.mark.parametrize(
    ("quote", "after", "expected"),
    [
        ("银龄先锋·松江行动", "党建品牌创建活动,要", ("银龄先锋·松江行动", "党建品牌创建活动", False)),
        ("长青家园", "离退休干部党建品牌", ("长青家园", "离退休干部党建品牌", False)),
        ("2246", "离退休干部党建工作机制", ("2246离退休干部党建工作机制", None, False)),
        ("258", "工作模式党建品牌", ("258工作模式", None, False)),
        ("2+3+N", "党建品牌", ("2+3+N", "党建品牌", True)),
        ("焦裕禄精神", "红色宣讲团党建品牌", ("焦裕禄精神红色宣讲团", None, False)),
        ("三问、三帮", "工作法", ("三问、三帮工作法", None, False)),
        ("夕阳课堂", "网络党课", ("夕阳课堂", None, False)),
        ("双百", "专项帮扶行动,共", ("双百专项帮扶行动", None, False)),
        ("金色晚霞", "正能量活动品牌。", ("金色晚霞", "正能量活动品牌", False)),
        ("我为家乡献一策", "实践活动", ("我为家乡献一策", "实践活动", False)),
    ],
)
def test_classify_quote_programs(quote: str, after: str, expected: tuple) -> None:  # type: ignore[type-arg]
    assert classify_quote(quote, after) == expected


@pytest.mark.parametrize(
    ("quote", "after"),
    [
        ("四个意识", "、坚定"),  # a political formula
        ("三会一课", "制度"),
        ("银发人才", "为重点"),  # a term, not a named program
        ("课前三分钟,思想不放松", "党的知识进课堂"),  # a slogan
        ("老有所学、老有所乐", "活动"),  # a list of aims, not a name
        ("最美老干部", "评选活动"),
        ("党员活动", "中心"),
    ],
)
def test_classify_quote_rejects_concepts_terms_and_slogans(quote: str, after: str) -> None:
    assert classify_quote(quote, after) is None


def test_concepts_by_list_and_by_numeric_pattern() -> None:
    assert is_concept("两个维护") and is_concept("不忘初心,牢记使命")
    assert is_concept("五个坚持")  # pattern: N个 + 2–6 chars
    assert not is_concept("五个一工程")  # a program noun at the end makes it a program
    assert not is_concept("长青家园")


def test_abbreviation_defines_a_program_with_code_and_long_form() -> None:
    c = clause(
        "全市离退休干部党建工作坚持“围绕一个中心、建好两支队伍、落实四项任务”(简称“124”离退休干部党建工作机制),推动工作。"
    )
    programs, _concepts, _lists = find_programs(c)
    defined = [p for p in programs if p.defines]
    assert len(defined) == 1
    p = defined[0]
    assert p.name == "124离退休干部党建工作机制"
    assert p.code == "124"
    assert "124" in p.aliases and "围绕一个中心、建好两支队伍、落实四项任务" in p.aliases


def test_component_list_needs_a_matching_count() -> None:
    _p, _c, lists = find_programs(clause("全面落实“学习教育、组织生活、志愿服务”三大任务。"))
    assert [lst.items for lst in lists] == [["学习教育", "组织生活", "志愿服务"]]
    _p, _c, lists = find_programs(clause("全面落实“学习教育、组织生活、志愿服务”五大任务。"))
    assert lists == []


def test_topic_lists_are_not_programs() -> None:
    programs, _c, _l = find_programs(clause("从“政治引领”“组织建设”“制度机制”三个方面持续用力。"))
    assert programs == []


def test_heading_names_an_unquoted_program() -> None:
    programs, _c, _l = find_programs(clause("2.实施党员教育提质工程。制定标准。"))
    assert [p.name for p in programs] == ["党员教育提质工程"]


def test_item_sentences_and_enumerations() -> None:
    clauses = [
        clause("开展“银龄先锋·松江行动”党建品牌创建活动,要坚持抓在日常。", ordinal=1),
        clause("(一)打造“江畔书屋”。依托社区建设学习阵地。", ordinal=2),
        clause("(二)创建“雪松驿站”。组织党员到社区报到。", ordinal=3),
        clause("(三)开设“雾凇讲堂”。依托老年大学宣讲。", ordinal=4),
        clause("做到“两个维护”。", ordinal=5),
    ]
    items = item_sentences(clauses)
    assert [i.name for i in items] == ["江畔书屋", "雪松驿站", "雾凇讲堂"]  # concepts are not items
    runs = enumerations(items)
    assert len(runs) == 1 and len(runs[0]) == 3
    assert enumerations(items[:2]) == []  # two items are not yet a list


def test_title_launch_quotes() -> None:
    assert title_launch_quotes("关于开展“银龄先锋·松江行动”党建品牌创建活动的实施意见") == [
        "银龄先锋·松江行动"
    ]
    assert title_launch_quotes("关于推进“2246”离退休干部党建工作机制的通知") == ["2246"]
    assert title_launch_quotes("松江市“长青家园”建设规范标准") == []


def test_build_merges_short_forms_links_parts_launch_and_implementers() -> None:
    province = make_doc(
        "p",
        [
            "开展“银龄先锋·松江行动”党建品牌创建活动,要坚持抓在日常。",
            "(一)打造“江畔书屋”。依托社区建设学习阵地。",
            "(二)创建“雪松驿站”。组织党员到社区报到。",
            "(三)开设“雾凇讲堂”。依托老年大学宣讲。",
        ],
        title="关于开展“银龄先锋·松江行动”党建品牌创建活动的实施意见",
        region="吉林省",
        issuers=["中共吉林省委老干部局"],
    )
    city = make_doc(
        "c",
        ["今年以来,我们积极开展“松江行动”,在社区创建“雪松驿站”12个。", "市委老干部局还提到“江畔书屋”。"],
        title="白山市经验交流",
        region="白山市",
        author_unit="中共白山市委老干部局",
        doc_type="经验交流",
    )
    kg = build_graph([province, city])
    prog = one(kg, "松江行动", "program")
    assert prog.name == "银龄先锋·松江行动" and "松江行动" in prog.aliases
    assert sorted(neighbor_names(kg, prog.id, "part_of", "in")) == ["江畔书屋", "雪松驿站", "雾凇讲堂"]
    assert neighbor_names(kg, prog.id, "launches", "in") == [province.title]
    implementers = neighbor_names(kg, prog.id, "implements", "in")
    assert "白山市经验交流" in implementers and "中共白山市委老干部局" in implementers
    assert province.title not in implementers  # the launcher does not implement its own program
    station = one(kg, "雪松驿站", "program")
    assert "白山市经验交流" in neighbor_names(kg, station.id, "implements", "in")
    # a mention without an implementation cue is only a mention
    book = one(kg, "江畔书屋", "program")
    assert "白山市经验交流" not in neighbor_names(kg, book.id, "implements", "in")
    assert "白山市经验交流" in neighbor_names(kg, book.id, "mentions", "in")


def test_build_components_of_a_defined_mechanism() -> None:
    doc = make_doc(
        "f",
        [
            "全市坚持“围绕一个中心、落实三项任务”(简称“13”离退休干部党建工作机制)。",
            "全面落实“学习教育、组织生活、志愿服务”三大任务。",
        ],
        title="关于推进“13”离退休干部党建工作机制的通知",
        region="松原市",
        issuers=["中共松原市委老干部局"],
    )
    kg = build_graph([doc])
    mech = one(kg, "13", "program")
    assert mech.name == "13离退休干部党建工作机制"
    assert sorted(neighbor_names(kg, mech.id, "part_of", "in")) == ["学习教育", "志愿服务", "组织生活"]
    assert neighbor_names(kg, mech.id, "launches", "in") == [doc.title]
    # components are scoped to their mechanism, not global programs
    comp = one(kg, "组织生活", "program")
    assert comp.id == "program:13离退休干部党建工作机制/组织生活"
