"""Headings inside long single-line paragraphs (ingest.inline) and short subheadings of news pages."""

from __future__ import annotations

from ingest.coverage import check
from ingest.inline import split_inline_headings
from ingest.pipeline import read_bytes

RUN_ON = (
    "关于加强离退休干部党支部建设的若干措施\n"
    "一、政治建设 1.把讲政治放在第一位，严守党的政治纪律。2.定期开展集中学习，引导老同志保持政治坚定。"
    "二、组织建设 3.按照应建尽建原则设置党支部，党员3人以上的单独建立支部。4.不足3人的，建立联合党支部。"
    "三、作用发挥 一是组织宣讲，传播正能量。二是参与基层治理，化解矛盾纠纷。\n"
)


def test_a_run_on_line_is_cut_before_each_heading_and_item() -> None:
    line = RUN_ON.split("\n")[1]
    assert split_inline_headings(line) == [
        "一、政治建设",
        "1.把讲政治放在第一位，严守党的政治纪律。",
        "2.定期开展集中学习，引导老同志保持政治坚定。",
        "二、组织建设",
        "3.按照应建尽建原则设置党支部，党员3人以上的单独建立支部。",
        "4.不足3人的，建立联合党支部。",
        "三、作用发挥",
        "一是组织宣讲，传播正能量。",
        "二是参与基层治理，化解矛盾纠纷。",
    ]


def test_numbers_and_enumerations_inside_a_paragraph_stay() -> None:
    para = "全市共有离退休党员1.2万人，占党员总数的13%。当前形势有新特点：一是队伍规模扩大；二是分布更加分散；三是需求更加多样，对工作提出了更高要求。"
    assert split_inline_headings(para) == [para]


def test_run_on_page_gives_one_clause_per_item_with_its_heading_path() -> None:
    [d] = read_bytes("runon.txt", RUN_ON.encode("utf-8"))
    assert check(d).ok
    by_start = {c.text[:6]: c for c in d.clauses}
    assert by_start["4.不足3人"].path == ["二、组织建设"]
    assert by_start["4.不足3人"].text == "4.不足3人的，建立联合党支部。"  # not ending with the next heading
    assert by_start["二是参与基层"].path[0] == "三、作用发挥"


def test_short_subheading_lines_of_a_news_page_are_headings() -> None:
    text = (
        "青禾县扎实推进离退休干部党建工作\n"
        "发布时间：2023-04-01 来源：青禾县委老干部局\n"
        "创新组织设置\n"
        "按照有利于教育管理、发挥作用的原则，灵活设置离退休干部党组织，实现全面覆盖。\n"
        "丰富组织生活\n"
        "坚持“三会一课”制度，每月开展一次主题党日活动，增强组织生活吸引力。\n"
    )
    [d] = read_bytes("news.txt", text.encode("utf-8"))
    assert check(d).ok
    assert [c.path for c in d.clauses] == [["创新组织设置"], ["丰富组织生活"]]
