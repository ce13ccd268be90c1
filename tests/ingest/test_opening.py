"""The opening sentence and the title as evidence (ingest.opening), with sentences written for the test."""

from __future__ import annotations

import pytest

from ingest.opening import places_not_venues, strip_opening_lead
from ingest.pipeline import read_bytes
from policykg.gazetteer import default_gazetteer


@pytest.mark.parametrize(
    ("opening", "subject"),
    [
        ("近年来，青山县委老干部局坚持…", "青山县委"),
        ("编者按：近年来，青山县委老干部局坚持…", "青山县委"),  # an editor's note label
        ("我们青山大学退休第三党支部，在党总支领导下…", "青山大学"),  # the writers name themselves
        ("我们要坚持学习。", "我们要"),  # 我们 with no unit after it stays
        ("为深入贯彻会议精神，青山县委老干部局…", "青山县委"),
    ],
)
def test_strip_opening_lead(opening: str, subject: str) -> None:
    assert strip_opening_lead(opening).startswith(subject)


def test_a_medium_names_no_place_of_the_story() -> None:
    gaz = default_gazetteer()
    assert [r.name for r in places_not_venues(gaz, "四川卫视关注绵阳市银龄宣讲团")] == ["绵阳市"]


def test_the_writers_naming_their_branch_make_it_the_author_unit() -> None:
    text = (
        "支部建强了 老人有依靠——退休第六党支部年度述职\n"
        "我们西北大学退休第六党支部，一年来在党总支的带领下坚持学习。\n"
        "（一）坚持学习\n支部每月集中学习一次。\n"
    )
    [doc] = read_bytes("report.txt", text.encode("utf-8"))
    assert doc.author_unit == "西北大学退休第六党支部"
    assert doc.region is not None and doc.region.name == "西安市"


def test_a_dateline_with_its_year_and_a_province_before_its_county_names_the_county() -> None:
    from ingest.opening import dateline_places
    from policykg.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    assert [r.name for r in dateline_places(gaz, "某某网广东南雄2020年11月19日电（记者张某）近日，")] == [
        "南雄市"
    ]
    assert [r.name for r in dateline_places(gaz, "某某网内江2月3日讯 近日，")] == ["内江市"]


def test_a_place_the_lead_sets_out_from_is_no_subject() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "央视网消息(记者 张小川)从西宁出发，向西行驶五个小时就到了德令哈。一路上的戈壁渐渐变成了绿色。"
        "这是德令哈全民种树的成果。\n"
        "德令哈的退休老干部们是种树的带头人，二十年来种下了上万棵树。\n"
        "德令哈市委老干部局组织老同志成立了护林队。\n"
    )
    assert read_bytes("n.txt", text.encode("utf-8"))[0].region.name == "德令哈市"
