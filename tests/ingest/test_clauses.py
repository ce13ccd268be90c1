"""The clause tree: numbering systems, heading paths, granularity, offsets, ids.

Fixture texts are written for these tests (one paragraph per line, as normalisation gives them);
the seed checks at the end run on the normalised seed files.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from ingest.clauses import split_clauses
from ingest.normalize import normalize_document_text
from ingest.segments import MAX_CLAUSE
from policykg.model import Clause
from policykg.text import detect_script, fold

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SEEDS = sorted(p.name[:3] for p in CORPUS.glob("*.txt"))


def check(clauses: list[Clause], text: str, doc_id: str = "d") -> None:
    """Invariants every clause list must satisfy."""
    for n, c in enumerate(clauses, start=1):
        assert c.ordinal == n
        assert c.id == f"{doc_id}:{n:04d}"
        assert c.doc_id == doc_id
        assert text[c.start : c.end] == c.text
        assert c.text == c.text.strip() and c.text
        assert len(c.text) <= MAX_CLAUSE
        if c.heading:
            assert c.path and c.path[-1] == c.heading
    starts = [c.start for c in clauses]
    assert starts == sorted(starts)
    for a, b in itertools.pairwise(clauses):
        assert a.end <= b.start


def split(text: str, **kw) -> list[Clause]:  # type: ignore[no-untyped-def]
    clauses = split_clauses("d", text, "simplified", **kw)
    check(clauses, text)
    return clauses


def sentence(n: int, word: str = "加强组织建设") -> str:
    return "".join(f"第{i}句要{word}，推动各项工作落实。" for i in range(n))


# --- numbering systems -------------------------------------------------------------------------------


def test_standard_hierarchy_paths_and_levels() -> None:
    text = "\n".join(
        [
            "一、总体要求",
            "坚持党建引领，服务发展大局。",
            "二、主要任务",
            "（一）加强组织建设",
            "1.健全组织体系。按照有利于参加活动的原则设置党支部。",
            "（1）党员人数3人以上的，单独建立党支部。",
            "（2）人数较少的，建立联合党支部。",
            "2.规范组织生活。认真落实“三会一课”制度。",
            "（二）创建服务品牌。以社区为依托，组织党员就近参加活动。",
        ]
    )
    cs = split(text)

    def by_start(prefix: str) -> Clause:
        (found,) = [c for c in cs if c.text.startswith(prefix)]
        return found

    assert by_start("坚持党建引领").path == ["一、总体要求"]
    assert by_start("坚持党建引领").kind == "paragraph" and by_start("坚持党建引领").level == 0
    item1 = by_start("1.健全组织")
    assert item1.path == ["二、主要任务", "（一）加强组织建设", "1.健全组织体系"]
    assert (item1.number, item1.heading, item1.level, item1.kind) == ("1.", "1.健全组织体系", 3, "item")
    sub = by_start("（1）党员人数")
    assert sub.path == ["二、主要任务", "（一）加强组织建设", "1.健全组织体系"]
    assert (sub.number, sub.level, sub.heading) == ("（1）", 4, None)
    item2 = by_start("2.规范组织")
    assert item2.path == ["二、主要任务", "（一）加强组织建设", "2.规范组织生活"]
    brand = by_start("（二）创建服务")
    assert brand.path == ["二、主要任务", "（二）创建服务品牌"]
    assert (brand.number, brand.level) == ("（二）", 2)
    # heading lines are not clauses themselves
    assert not any(c.text in ("一、总体要求", "二、主要任务", "（一）加强组织建设") for c in cs)


def test_heading_and_body_in_one_paragraph_is_one_clause() -> None:
    text = "三、具体措施\n（二）建设“红色驿站”。以社区为重点，组织老党员就近参加活动，发挥作用。"
    (c,) = split(text)
    assert c.text.startswith("（二）建设“红色驿站”。以社区")
    assert c.heading == "（二）建设“红色驿站”"
    assert c.path == ["三、具体措施", "（二）建设“红色驿站”"]
    assert c.number == "（二）"


def test_half_width_parentheses_and_full_width_dot() -> None:
    text = "(一) 加强领导。各级组织部门要科学安排部署。\n1．明确责任。要层层压实责任。"
    a, b = split(text)
    assert a.number == "(一)" and a.heading == "(一) 加强领导"
    assert b.number == "1．" and b.path == ["(一) 加强领导", "1．明确责任"]


def test_skipped_level_nests_by_convention() -> None:
    # 一、 directly followed by 1. (no （一）) and 1. items numbered across sections
    text = (
        "一、强化政治建设\n1.推进理论武装。组织老同志学习。\n二、完善组织体系\n2.开展支部创建。建设党员之家。"
    )
    a, b = split(text)
    assert a.path == ["一、强化政治建设", "1.推进理论武装"] and a.level == 2
    assert b.path == ["二、完善组织体系", "2.开展支部创建"]


def test_articles_and_chapters() -> None:
    text = "\n".join(
        [
            "第一章 总则",
            "第一条 为加强离退休干部党支部建设，制定本办法。",
            "第二条 党支部的主要职责是：",
            "（一）组织党员学习；",
            "（二）开展组织生活。",
            "第二章 组织设置",
            "第三条 党员人数3人以上的，可以单独建立党支部。",
        ]
    )
    cs = split(text)
    first = cs[0]
    assert first.number == "第一条" and first.path == ["第一章 总则"]
    # 第二条 ends with a colon and has items under it: a heading line, part of their paths
    items = [c for c in cs if c.number in ("（一）", "（二）")]
    assert [c.path for c in items] == [["第一章 总则", "第二条 党支部的主要职责是"]] * 2
    last = cs[-1]
    assert last.number == "第三条" and last.path == ["第二章 组织设置"]


def test_heading_without_children_is_kept_as_heading_clause() -> None:
    text = "（一）加强组织领导\n（二）完善工作机制\n（三）强化督促检查。各地要定期调度。"
    cs = split(text)
    assert [c.kind for c in cs] == ["heading", "heading", "item"]
    assert cs[0].text == "（一）加强组织领导" and cs[0].heading == "（一）加强组织领导"
    assert cs[0].path == ["（一）加强组织领导"]


def test_one_sentence_numbered_line_is_a_clause_and_heads_following_paragraphs() -> None:
    text = "一是把党建工作提升到新高度。\n会议指出，老干部工作是党的重要工作，要把它摆在突出位置。\n二是完善制度。"
    a, b, c = split(text)
    assert (a.kind, a.number, a.heading) == ("item", "一是", "一是把党建工作提升到新高度")
    assert b.path == ["一是把党建工作提升到新高度"] and b.kind == "paragraph"
    assert c.path == [] and c.heading is None  # a one-sentence item with nothing under it


def test_unnumbered_headings() -> None:
    text = "\n".join(
        [
            "行动背景",
            "深入贯彻落实上级精神，全面提升党建工作水平。",
            "十项举措",
            "1.实施规范化建设工程。制定建设标准。",
            "2.搭建正能量平台。开展主题活动。",
            "四个强化",
            "1.强化组织保障。研究制定工作计划。",
        ]
    )
    cs = split(text)
    assert [c.path for c in cs] == [
        ["行动背景"],
        ["十项举措", "1.实施规范化建设工程"],
        ["十项举措", "2.搭建正能量平台"],
        ["四个强化", "1.强化组织保障"],
    ]
    assert cs[1].level == 1


def test_inline_enumeration_short_paragraph_stays_one_clause() -> None:
    text = "二、建好队伍\n主要有三项任务：一是建好书记队伍。二是建好骨干队伍。三是建好联络员队伍。"
    (c,) = split(text)
    assert c.text.startswith("主要有三项任务")
    assert c.path == ["二、建好队伍"]


def test_inline_enumeration_long_paragraph_is_split() -> None:
    body = (
        "3.开展党建美学活动，推动工程落实。指导各支部建设一批党建美学载体。"
        f"一是打造阵地美。{sentence(5, '统一标识标牌')}"
        f"二是塑造仪式美。{sentence(5, '融入组织生活')}"
        f"三是发挥治理美。{sentence(5, '引导志愿服务')}"
    )
    text = "二、完善组织体系\n" + body
    cs = split(text)
    assert [c.number for c in cs] == ["3.", "一是", "二是", "三是"]
    lead, one, _two, three = cs
    assert lead.path == ["二、完善组织体系", "3.开展党建美学活动，推动工程落实"]
    assert one.path == [*lead.path, "一是打造阵地美"] and one.heading == "一是打造阵地美"
    assert three.path == [*lead.path, "三是发挥治理美"]
    assert one.level == lead.level + 1 and one.kind == "item"
    assert "".join(c.text for c in cs) == body


def test_enumeration_starting_the_paragraph_gives_siblings() -> None:
    body = f"一是建好书记队伍。{sentence(9)}二是建好骨干队伍。{sentence(9)}"
    cs = split("二、建好两支队伍\n" + body)
    assert [c.number for c in cs] == ["一是", "二是"]
    assert cs[0].path == ["二、建好两支队伍", "一是建好书记队伍"]
    assert cs[1].path == ["二、建好两支队伍", "二是建好骨干队伍"]
    assert cs[0].level == cs[1].level


def test_ordinal_enumeration_di_yi() -> None:
    body = "基本要求有三条：" + "".join(f"第{n}，{sentence(6)}" for n in "一二三")
    cs = split(body)
    assert [c.number for c in cs] == ["第一", "第二", "第三"]


def test_non_sequential_markers_are_not_an_enumeration() -> None:
    body = sentence(10) + "二是指另一回事。" + sentence(10)
    cs = split(body)
    assert all(c.number is None for c in cs)


# --- granularity ---------------------------------------------------------------------------------


def test_long_paragraph_is_cut_at_sentence_ends() -> None:
    body = sentence(60)  # ~1,200 characters, no enumeration
    cs = split("（三）抓好落实\n" + body)
    assert len(cs) >= 3
    for c in cs:
        assert 150 <= len(c.text) <= 600
        assert c.text.endswith("。")
        assert c.path == ["（三）抓好落实"]
    assert "".join(c.text for c in cs) == body


def test_cuts_prefer_sentence_ends_outside_quotes() -> None:
    quote = "“" + "要坚持不懈。" * 30 + "”"
    body = sentence(15) + "他指出：" + quote + "。" + sentence(15)
    cs = split(body)
    assert not any(c.text.startswith("要坚持不懈") for c in cs)


def test_no_clause_longer_than_limit_even_without_punctuation() -> None:
    text = "甲" * 5000 + " 乙" * 2000
    cs = split(text)
    assert len(cs) >= 4
    assert all(len(c.text) <= MAX_CLAUSE for c in cs)
    assert "".join(c.text for c in cs).replace(" ", "") == text.replace(" ", "")


def test_salutation_is_merged_into_next_clause_and_name_dropped() -> None:
    text = "刘某某\n同志们：\n今天召开会议，主要任务是总结工作、部署任务。"
    (c,) = split(text)
    assert c.text == "同志们：\n今天召开会议，主要任务是总结工作、部署任务。"


def test_date_and_doc_number_lines_are_not_clauses() -> None:
    text = "某市委老干部局文件\n某老发〔2021〕3号\n正文第一段，说明有关事项。\n某市委老干部局\n2021年3月5日"
    cs = split(text)
    assert [c.text for c in cs] == ["正文第一段，说明有关事项。"]


def test_skip_spans_exclude_front_and_back_matter() -> None:
    head = "关于开展活动的实施意见\n各单位：\n"
    body = "一、总体要求\n坚持党建引领，服务发展大局。\n"
    tail = "某市委老干部局\n2021年3月5日"
    text = head + body + tail
    cs = split(text, skip_spans=[(0, len(head)), (len(head) + len(body), len(text))])
    assert [c.text for c in cs] == ["坚持党建引领，服务发展大局。"]
    assert cs[0].path == ["一、总体要求"]


def test_skip_span_in_the_middle_of_a_line() -> None:
    text = "标题文字正文第一句，说明有关事项。"
    cs = split(text, skip_spans=[(0, 4)])
    assert cs[0].text == "正文第一句，说明有关事项。" and cs[0].start == 4


# --- identity, search text ---------------------------------------------------------------------------


def test_ids_are_stable_across_runs() -> None:
    text = "一、总体要求\n坚持党建引领，服务发展大局。\n（一）加强领导。要科学安排部署。"
    a = [c.to_dict() for c in split_clauses("doc", text, "simplified")]
    b = [c.to_dict() for c in split_clauses("doc", text, "simplified")]
    assert a == b
    assert [c["id"] for c in a] == ["doc:0001", "doc:0002"]


def test_search_text_of_traditional_document() -> None:
    text = "一、強化組織保障\n各地各單位要研究制定離退休幹部黨支部建設任務。"
    (c,) = split_clauses("t", text, "traditional")
    assert c.text == "各地各單位要研究制定離退休幹部黨支部建設任務。"
    assert c.search_text == "各地各单位要研究制定离退休干部党支部建设任务。"
    assert c.path == ["一、強化組織保障"]


def test_empty_text() -> None:
    assert split_clauses("d", "", "simplified") == []


# --- seeds -------------------------------------------------------------------------------------------


def seed_clauses(prefix: str) -> tuple[str, list[Clause]]:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    text, _ = normalize_document_text(path.read_text(encoding="utf-8"))
    script = detect_script(text)
    clauses = split_clauses(prefix, text, script)
    check(clauses, text, prefix)
    for c in clauses:
        assert c.search_text == fold(c.text, script)
    return text, clauses


@pytest.mark.parametrize("prefix", SEEDS)
def test_seed_offsets_and_sizes(prefix: str) -> None:
    text, clauses = seed_clauses(prefix)
    assert clauses
    # every paragraph of running text is inside some clause
    pos = 0
    for line in text.split("\n"):
        if len(line) > 40 and any(p in line for p in "。；"):
            assert any(c.start <= pos < c.end for c in clauses), line[:20]
        pos += len(line) + 1


def test_seed_000_heading_paths() -> None:
    _, clauses = seed_clauses("000")
    station = [c for c in clauses if "（二）创建“枫叶驿站”" in c.path]
    assert len(station) == 1
    assert station[0].path[-2:] == ["二、主要内容", "（二）创建“枫叶驿站”"]
    assert station[0].heading == "（二）创建“枫叶驿站”" and station[0].number == "（二）"
    assert any("要坚持组织推动" in c.text for c in clauses)
    assert any("理想信念，在学思践悟中" in c.text for c in clauses)


def test_seed_004_page_joined_clause() -> None:
    _, clauses = seed_clauses("004")
    (c,) = [c for c in clauses if c.heading == "（二）坚持以组织建设集聚内生动力"]
    assert "单位离退休干部党员人数5人以上的" in c.text
    assert "或与相近单位联合设立离退休干部联合党支部" in c.text
    assert "党员人数超过50人的，可建立离退休干部党总支" in c.text
    assert c.path[-1] == "（二）坚持以组织建设集聚内生动力"
    (pay,) = [c for c in clauses if "每月不低于300元" in c.text]
    assert "工作补贴按“每月不低于300元" in pay.text


def test_seed_002_traditional_items() -> None:
    _, clauses = seed_clauses("002")
    items = [c for c in clauses if c.path and c.path[0] == "十項舉措"]
    assert [c.number for c in items] == [f"{n}." for n in range(1, 11)]
    assert "党支部规范化建设提升工程" in items[0].search_text


def test_seed_003_enumeration_split() -> None:
    _, clauses = seed_clauses("003")
    marked = [c for c in clauses if c.number == "一是"]
    assert len(marked) == 2
    assert any("担任楼栋长" in c.text and c.number == "三是" for c in clauses)


def test_seed_001_whole_bulletin() -> None:
    _, clauses = seed_clauses("001")
    assert any(c.path[-1:] == ["(一) 离退休干部党建是从建立干部离退休制度开始逐步发展的"] for c in clauses)
    assert any("调整支部委员会任期" in c.text for c in clauses)
    assert max(len(c.text) for c in clauses) <= 700
