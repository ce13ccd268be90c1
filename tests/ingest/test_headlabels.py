"""ingest.headlabels: column labels, menus and section names that are not a page's headline."""

from __future__ import annotations

from ingest.headlabels import column_before, headline_here, menu_or_label
from ingest.webhead import read_head


def test_a_short_column_name_over_a_longer_headline_is_a_label() -> None:
    lines = ["工作动态", "青松县老干部局举办离退休干部书画展", "发布日期：2024-06-03"]
    assert not headline_here(lines, 0, len(lines))
    assert headline_here(lines, 1, len(lines))


def test_a_menu_printed_one_item_a_line() -> None:
    lines = ["组织机构", "公告栏", "干部工作", "青松县老干部局举办离退休干部书画展"]
    assert menu_or_label(lines, 0)
    assert not menu_or_label(lines, 3)


def test_a_unit_over_its_act_is_one_headline_not_a_label() -> None:
    lines = ["青松大学", "组织开展离退休教职工重阳节登高活动", "10月9日，青松大学组织离退休教职工登山。"]
    assert not menu_or_label(lines, 0)


def test_a_column_name_glued_before_the_meta_fields() -> None:
    lines = ["岁月随笔时间：2024-06-03", "青松县老干部局举办离退休干部书画展"]
    assert column_before("岁月随笔", lines, 0, len(lines))
    assert not column_before("青松县老干部局举办书画展", lines, 0, len(lines))


def test_a_column_the_breadcrumb_names_is_a_label() -> None:
    trail = ["您所在的位置: 首页 - 综合园地 - 离退休"]
    lines = [
        "综合园地",
        "离退休",
        "青松集团组织退休职工秋游活动",
        "为丰富退休职工文化生活，集团于10月组织秋游。",
    ]
    assert menu_or_label(lines, 0, trail)
    assert not menu_or_label(lines, 0)  # without the trail the two short lines are no menu
    assert not menu_or_label(lines, 2, trail)


def test_a_short_label_over_a_dated_headline_with_its_counter_line() -> None:
    lines = ["云端报刊", "2022年03月05日", "88岁老党员的心愿", "阅读数：1200   本文字数：800", "近日，老人……"]
    assert menu_or_label(lines, 0)
    head = read_head(lines)
    assert head.title == "88岁老党员的心愿"
    assert head.meta.date == "2022-03-05"
