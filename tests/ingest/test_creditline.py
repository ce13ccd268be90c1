"""A credit line of its own (ingest.creditline), with lines written for the test."""

from __future__ import annotations

import pytest

from ingest.creditline import medium_credit
from ingest.pipeline import read_bytes


@pytest.mark.parametrize(
    ("line", "medium"),
    [
        ("张某某 青山新闻松岭观察 李某", "青山新闻松岭观察"),
        ("张某某青山新闻松岭观察李某", "青山新闻松岭观察"),  # the spacing repair joined them
        ("青山日报 王某某", "青山日报"),
        ("青山日报 王某 李某", "青山日报"),
        ("基层观察 看变化", None),  # no name after the medium
        ("一线观察话发展", None),
        ("青山晚报 综合", None),
        ("青山观察", None),  # a medium alone names no writer
    ],
)
def test_a_medium_between_its_writers_is_a_credit_line(line: str, medium: str | None) -> None:
    assert medium_credit(line) == medium


def test_a_credit_line_at_the_top_is_no_headline_and_names_the_source() -> None:
    page = (
        "张某某 青山新闻松岭观察 李某\n\n"
        "3月11日，松岭区“女儿节”民俗活动在河湾举行，上千名群众参加。\n\n"
        "活动中，老年腰鼓队的表演引来阵阵掌声。\n"
    )
    [doc] = read_bytes("p.txt", page.encode("utf-8"))
    assert doc.source_unit == "青山新闻松岭观察"
    assert "松岭观察" not in (doc.title or "")
    assert doc.clauses[0].text.startswith("3月11日")


def test_a_line_of_three_or_more_names_is_a_list_of_writers() -> None:
    from ingest.creditline import writers_line
    from ingest.lines import fix_spacing

    assert writers_line("李某龙 张萌 张某莹 夏某")
    assert not writers_line("金秋 高歌")  # two name-shaped words may be a headline's phrases
    assert not writers_line("银发 生辉 初心 不改")
    assert fix_spacing("李某龙 张萌 张某莹") == "李某龙 张萌 张某莹"  # the spaces stay between the names
    assert fix_spacing("老干部 活动中心") == "老干部活动中心"
