"""The clause builder: the nesting stack (paths, depth, ranks, headings left without children) and
the emission of a paragraph (ids, pieces, inline enumerations, a merged salutation).

What each line of a text becomes is in test_clauses.py; these drive the builder directly."""

from __future__ import annotations

from ingest.clausebuilder import ClauseBuilder, Paragraph, StackEntry
from ingest.segments import ENUM_SPLIT, MAX_CLAUSE


def builder(text: str, script: str = "simplified") -> ClauseBuilder:
    return ClauseBuilder("d", text, script)  # type: ignore[arg-type]


def whole(text: str, line: str) -> Paragraph:
    start = text.index(line)
    return Paragraph(start, start + len(line), line)


def sentence(n: int, word: str = "加强组织建设") -> str:
    return "".join(f"第{i}句要{word}，推动各项工作落实。" for i in range(n))


def test_the_stack_gives_the_path_depth_and_the_rank_of_an_unnumbered_heading() -> None:
    b = builder("")
    b.stack += [
        StackEntry(1.0, "一、总体要求", numbered=True, pure=True),
        StackEntry(1.5, "行动背景", numbered=False, pure=True),
        StackEntry(3.0, None, numbered=True, pure=False),  # an item without a heading
    ]
    assert b.path() == ["一、总体要求", "行动背景"]
    assert b.depth() == 2 and b.in_numbered_section()
    assert b.heading_rank() == 1.5  # just below the nearest numbered heading line
    b.pop_to_rank(1.5)
    assert [e.label for e in b.stack] == ["一、总体要求"]
    b.close()
    assert b.stack == [] and b.clauses == []  # entries without a paragraph leave no clause


def test_a_heading_closed_with_nothing_under_it_becomes_a_heading_clause() -> None:
    text = "（一）加强组织领导\n（二）完善工作机制。各地要定期调度。"
    b = builder(text)
    first = whole(text, "（一）加强组织领导")
    b.stack.append(
        StackEntry(2.0, first.text, True, True, first, path=[first.text], level=1, number="（一）")
    )
    b.pop_to_rank(2.0)
    (c,) = b.clauses
    assert (c.text, c.kind, c.heading, c.number, c.level) == (first.text, "heading", first.text, "（一）", 1)
    assert c.path == [first.text] and (c.start, c.end) == (0, len(first.text))


def test_a_heading_with_a_clause_under_it_is_only_a_path() -> None:
    text = "一、总体要求\n坚持党建引领，服务发展大局。"
    b = builder(text)
    head = whole(text, "一、总体要求")
    b.stack.append(StackEntry(1.0, head.text, True, True, head, path=[head.text], level=1))
    b.body(
        whole(text, "坚持党建引领，服务发展大局。"),
        lead=None,
        ancestors=b.path(),
        heading=None,
        number=None,
        level=0,
        kind="paragraph",
    )
    assert b.stack[0].has_child
    b.close()
    (c,) = b.clauses
    assert c.text == "坚持党建引领，服务发展大局。" and c.path == ["一、总体要求"] and c.kind == "paragraph"


def test_emit_numbers_clauses_folds_search_text_and_marks_only_the_first_piece() -> None:
    text = "離退休幹部黨支部\n" + "甲" * 4000
    b = builder(text, "traditional")
    b.emit(0, 8, path=[])
    assert b.clauses[0].search_text == "离退休干部党支部"
    b.emit(9, len(text), path=["1.标题"], heading="1.标题", number="1.", level=1, kind="item")
    pieces = b.clauses[1:]
    assert len(pieces) >= 3 and all(len(c.text) <= MAX_CLAUSE for c in pieces)
    assert [c.id for c in b.clauses] == [f"d:{n:04d}" for n in range(1, len(b.clauses) + 1)]
    assert (pieces[0].heading, pieces[0].number) == ("1.标题", "1.")
    assert all(c.heading is None and c.number is None for c in pieces[1:])
    assert all(c.path == ["1.标题"] and c.kind == "item" for c in pieces)
    assert "".join(c.text for c in pieces) == text[9:]


def test_a_short_paragraph_with_an_enumeration_stays_whole() -> None:
    text = "主要有三项任务：一是建好书记队伍。二是建好骨干队伍。三是建好联络员队伍。"
    assert len(text) <= ENUM_SPLIT
    b = builder(text)
    b.body(
        whole(text, text),
        lead=None,
        ancestors=["二、建好队伍"],
        heading=None,
        number=None,
        level=0,
        kind="paragraph",
    )
    (c,) = b.clauses
    assert c.text == text and c.path == ["二、建好队伍"] and c.number is None


def test_a_long_paragraph_is_cut_at_its_enumeration_into_child_items() -> None:
    text = (
        "3.开展党建美学活动。指导各支部建设一批党建美学载体。"
        f"一是打造阵地美。{sentence(8, '统一标识标牌')}"
        f"二是塑造仪式美。{sentence(8, '融入组织生活')}"
    )
    assert len(text) > ENUM_SPLIT
    b = builder(text)
    b.body(
        whole(text, text),
        lead=None,
        ancestors=["二、完善组织体系"],
        heading="3.开展党建美学活动",
        number="3.",
        level=2,
        kind="item",
    )
    lead, one, two = b.clauses
    assert lead.path == ["二、完善组织体系", "3.开展党建美学活动"] and lead.number == "3." and lead.level == 2
    assert one.path == [*lead.path, "一是打造阵地美"]
    assert (one.number, one.level, one.kind) == ("一是", 3, "item")
    assert two.path == [*lead.path, "二是塑造仪式美"] and two.heading == "二是塑造仪式美"
    assert "".join(c.text for c in b.clauses) == text


def test_an_enumeration_at_the_items_own_number_gives_siblings() -> None:
    text = "一是建好书记队伍。加强培训。二是建好骨干队伍。加强管理。"
    b = builder(text)
    b.body(
        whole(text, text),
        lead=None,
        ancestors=["二、建好两支队伍"],
        heading="一是建好书记队伍",
        number="一是",
        level=2,
        kind="item",
    )
    one, two = b.clauses
    assert one.path == ["二、建好两支队伍", "一是建好书记队伍"] and one.number == "一是"
    assert two.path == ["二、建好两支队伍", "二是建好骨干队伍"] and two.number == "二是"
    assert one.level == two.level == 2


def test_a_salutation_lead_opens_the_clause() -> None:
    text = "同志们：\n今天召开会议，部署任务。"
    b = builder(text)
    b.body(
        whole(text, "今天召开会议，部署任务。"),
        lead=0,
        ancestors=[],
        heading=None,
        number=None,
        level=0,
        kind="paragraph",
    )
    (c,) = b.clauses
    assert c.start == 0 and c.text == text
