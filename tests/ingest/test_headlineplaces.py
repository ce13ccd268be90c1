"""Places a headline or its story's lead names (ingest.headlineplaces), with texts written for the test."""

from __future__ import annotations

import pytest

from ingest.headlineplaces import story_places, title_lead_inside, title_place_lead, title_start_inside
from ingest.unitregion import region_of_org
from policykg.gazetteer import default_gazetteer


@pytest.fixture(scope="module")
def gaz():  # type: ignore[no-untyped-def]
    return default_gazetteer()


def test_a_headline_leading_with_a_place_before_its_colon(gaz) -> None:  # type: ignore[no-untyped-def]
    assert title_place_lead(gaz, "江苏张家港市：老年大学开学").name == "张家港市"
    assert title_place_lead(gaz, "青松老人：退休不褪色") is None  # no level word: not a place lead


def test_a_short_county_name_inside_the_units_region(gaz) -> None:  # type: ignore[no-untyped-def]
    city = region_of_org(gaz, "唐山市委老干部局")
    assert [r.name for r in title_lead_inside(gaz, "路北：老党员义务巡逻", city)] == ["路北区"]
    beijing = region_of_org(gaz, "北京市委老干部局")
    assert title_start_inside(gaz, "延庆好乡亲丨五老宣讲团", beijing).name == "延庆区"


def test_the_county_a_storys_first_paragraph_names(gaz) -> None:  # type: ignore[no-untyped-def]
    province = region_of_org(gaz, "湖南省委老干部局")
    body = "湖南好人林青守护旧址\n本报讯 益阳市资阳区一处革命旧址三年来接待参观者2万多人次。\n老人倾尽所有。"
    assert [r.name for r in story_places(gaz, province, "湖南好人林青守护旧址", body)] == ["资阳区"]
    several = "本报讯 益阳市、常德市、岳阳市的老党员交流守护旧址的经验做法，成效明显。"
    assert story_places(gaz, province, "湖南老党员守护旧址", several) == []


def test_where_a_storys_lead_says_it_happened_is_its_place_but_an_events_venue_is_not(gaz) -> None:  # type: ignore[no-untyped-def]
    city = region_of_org(gaz, "邢台市委老干部局")
    body = "4月4日上午，在邢台巨鹿县某某村的纪念馆，一位老人为前来扫墓的志愿者讲解烈士事迹。\n"
    assert [r.name for r in story_places(gaz, city, "邢台一位八旬老人守护烈士墓", body)] == ["巨鹿县"]
    province = region_of_org(gaz, "江西省委老干部局")
    event = "5月19日上午，银龄志愿服务示范项目在赣州举行启动仪式，各地代表参加了仪式。\n"
    assert story_places(gaz, province, "银龄志愿服务示范项目江西启动", event) == []
