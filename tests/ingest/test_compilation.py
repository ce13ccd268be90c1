"""Compilations (ingest.compilation): pieces headed by the page's title and their numbers, with pages
written for the test."""

from __future__ import annotations

from ingest.compilation import split_compilation
from ingest.pipeline import read_bytes

_PAGE = (
    "退休干部座谈会方案（最新3篇）\n"
    "为了把工作做扎实，往往需要事先拟好方案。下面是整理的几篇方案，供参考。\n"
    "退休干部座谈会方案 第一篇\n一、活动目的\n听取老同志意见建议。\n"
    "退休干部座谈会方案 第二篇\n一、活动时间\n2031年5月14日下午。\n"
    "退休干部座谈会方案 第三篇\n一、参加人员\n全体离退休干部。\n"
)


def test_pieces_headed_by_the_title_and_a_count_are_split() -> None:
    comp = split_compilation(_PAGE)
    assert comp is not None
    assert [p.title for p in comp.pieces] == ["退休干部座谈会方案"] * 3
    docs = read_bytes("p.txt", _PAGE.encode("utf-8"))
    assert len(docs) == 4
    assert docs[0].title == "退休干部座谈会方案（最新3篇）" and docs[0].doc_type == "汇编"
    assert docs[2].clauses[-1].text.startswith("2031年5月14日")


def test_numbered_lines_that_do_not_count_up_from_one_are_no_pieces() -> None:
    # a story's photos, numbered with gaps
    story = "青松老年太极队晨练\n太极图片1\n队员们在公园晨练。\n太极图片3\n动作整齐划一。\n太极图片4\n"
    assert split_compilation(story) is None
    # two lines numbered 2 and 3 only
    assert split_compilation(_PAGE.replace("第一篇", "第四篇")) is None


def test_pieces_from_the_first_line_give_the_page_its_title() -> None:
    page = "重阳节座谈会致辞 篇1\n各位老同志：\n大家好！祝节日快乐。\n重阳节座谈会致辞 篇2\n各位老领导：\n大家好！\n"
    docs = read_bytes("p001.txt", page.encode("utf-8"))
    assert docs[0].title == "重阳节座谈会致辞"
    assert len(docs) == 3
