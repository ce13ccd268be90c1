"""What a line is to the clause tree (ingest.headinglines), with lines written for the test."""

from __future__ import annotations

from ingest.headinglines import (
    aligned_line,
    inline_heading,
    is_heading_line,
    is_unnumbered_heading,
    item_heading,
)


def test_a_numbered_line_without_a_sentence_is_a_heading_line() -> None:
    assert is_heading_line("二、主要内容：", 2) == (True, "二、主要内容")
    assert is_heading_line("二、组织老同志参加活动。成效明显。", 2)[0] is False


def test_a_short_first_sentence_before_a_body_is_the_items_heading() -> None:
    s = "（二）创建“枫叶驿站”。以社区为依托，开展志愿服务。"
    assert inline_heading(s, 3) == "（二）创建“枫叶驿站”"
    assert item_heading(s, 3, "paren", None) == "（二）创建“枫叶驿站”"
    assert item_heading("第三条 党支部每月召开一次支委会。其他事项另行规定。", 4, "article", None) is None


def test_unnumbered_headings_and_aligned_rows() -> None:
    assert is_unnumbered_heading("行动背景")
    assert not is_unnumbered_heading("2031年5月6日")
    assert not is_unnumbered_heading("张**　　李**")  # names set apart by wide gaps
    assert aligned_line("中共青松县委老干部局　　青松县财政局")


def test_a_credit_or_a_widget_never_heads_a_clause() -> None:
    assert is_unnumbered_heading("银龄教师走进山村")
    for line in (
        "本报记者 张禾｜通讯员 李小川",
        "责任编辑:王大江",
        "版权所有 青松县老干部局",
        "字号 大 中 小",
    ):
        assert not is_unnumbered_heading(line), line
