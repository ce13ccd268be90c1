"""ingest.headfurniture: the lines a page prints around its headline that never join its text."""

from __future__ import annotations

import pytest

from ingest.headfurniture import dated_meta, head_furniture, stamp_line


@pytest.mark.parametrize(
    "line",
    [
        "2024-12-24 09:03:47 | 青松新闻网",
        "民生   2024-11-11 18:58   吉林",
        "• 25-11-28 20:22:22",
        "2024年04月17日 09：25 青松日报客户端",
    ],
)
def test_a_time_stamp_line_is_furniture(line: str) -> None:
    assert stamp_line(line) and head_furniture(line)


@pytest.mark.parametrize(
    "line",
    ["2024年4月17日09:30，青松县老干部局召开座谈会。", "青松县老干部局举办书画展", "会议于14:30开始"],
)
def test_a_sentence_or_a_headline_is_not(line: str) -> None:
    assert not stamp_line(line)
    assert not head_furniture(line)


def test_a_labelled_date_line_and_a_breadcrumb() -> None:
    assert dated_meta("发布日期：2012-12-20  浏览次数：35")
    assert not dated_meta("发布日期：")
    assert head_furniture("首页 > 新闻动态 > 工作动态")
    assert head_furniture("2023-04-04")


def test_a_day_and_the_medium_that_put_the_page_up_is_furniture_and_joins_no_headline() -> None:
    assert stamp_line("2031-07-09 青松关心下一代网")
    assert stamp_line("2031-07-09青松日报")  # the space lost
    assert not stamp_line("2031-07-09 青松县老干部局召开座谈会，部署工作")
