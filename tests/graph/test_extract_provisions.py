"""Provisions (facts) in the shapes policy texts use, on invented sentences."""

from __future__ import annotations

from graph_helpers import clause

from graph.extract.facts import find_facts


def facts_of(text: str) -> list[tuple]:
    return [(f.kind, f.value, f.value_max, f.unit, f.qualifier, f.subject) for f in find_facts(clause(text))]


def test_both_sides_of_a_threshold_with_what_each_side_gets() -> None:
    got = facts_of("正式党员3人以上的，单独建立党支部；不足3人的，建立联合党支部；超过50人的，可设立党总支。")
    assert got == [
        ("threshold", 3, None, "人", "以上", "党支部"),
        ("threshold", 3, None, "人", "不足", "联合党支部"),
        ("threshold", 50, None, "人", "超过", "党总支"),
    ]


def test_minimum_frequencies_with_the_activity_they_constrain() -> None:
    got = facts_of("每年组织集中学习不少于10次，每半年上门走访困难党员至少1次。")
    assert got == [
        ("frequency", 10, None, "次/年", "不少于", "集中学习"),
        ("frequency", 1, None, "次/半年", "至少", "上门走访"),
    ]


def test_range_frequency_and_plain_frequency() -> None:
    got = facts_of("党小组每月开展1—2次活动，支部每季度召开1次支委会。")
    assert got == [
        ("frequency", 1, 2, "次/月", "范围", "活动"),
        ("frequency", 1, None, "次/季度", None, "支委会"),
    ]


def test_terms_amounts_and_ratios() -> None:
    got = facts_of("支部委员会每届任期两年。书记工作补贴每人每月不低于200元。志愿服务参与率不低于30%。")
    assert got == [
        ("duration", 2, None, "年", "任期", "支部委员会"),
        ("amount", 200, None, "元/人每月", "不低于", "书记工作补贴"),
        ("ratio", 30, None, "%", "不低于", "志愿服务"),
    ]


def test_traditional_script_is_read_folded() -> None:
    got = facts_of("黨員人數不足3人的，建立聯合黨支部。每年學習不少於10次。")
    assert got == [
        ("threshold", 3, None, "人", "不足", "联合党支部"),
        ("frequency", 10, None, "次/年", "不少于", "学习"),
    ]


def test_statistics_are_not_provisions() -> None:
    assert facts_of("全县共有党员1200名，覆盖率达到95%，其中15人居住在外地，去年开展活动30次。") == []
