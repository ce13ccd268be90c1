"""The region a unit's name gives and the counties units are named after (ingest.unitregion), with
names written for the test."""

from __future__ import annotations

import pytest

from ingest.regionrefs import ref_of
from ingest.unitregion import (
    county_of_medium,
    county_of_short_named_units,
    county_of_unit_short_name,
    region_of_org,
)
from policykg.gazetteer import default_gazetteer


@pytest.fixture(scope="module")
def gaz():  # type: ignore[no-untyped-def]
    return default_gazetteer()


def test_a_companys_branch_sits_where_its_own_name_says(gaz) -> None:  # type: ignore[no-untyped-def]

    assert region_of_org(gaz, "中国铁路成都局集团有限公司贵阳供电段").name == "贵阳市"  # type: ignore[union-attr]
    assert region_of_org(gaz, "中国联合网络通信有限公司通辽市分公司").name == "通辽市"  # type: ignore[union-attr]
    assert region_of_org(gaz, "成都市老干部局").name == "成都市"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("unit", "region"),
    [
        ("天水市运管局麦积分局", "麦积区"),  # a city bureau's branch named by its district
        ("国网天津宁河公司", "宁河区"),  # a company's branch named by its district in a province-level city
        ("天津市公安局河东分局", "河东区"),  # a shared district name, inside the city the unit names
        ("国网阿克苏供电公司", "阿克苏地区"),  # the branch of the named prefecture itself, not its city
        ("遵义供电局", "遵义市"),  # nor a county once named after the city (遵义县)
        ("中国农业银行江西省分行", "江西省"),  # a province's branch stays the province's
    ],
)
def test_a_branch_named_by_its_county_sits_in_that_county(gaz, unit: str, region: str) -> None:  # type: ignore[no-untyped-def]
    ref = region_of_org(gaz, unit)
    assert ref is not None and ref.name == region


def test_a_court_or_procuratorate_of_a_two_character_county_is_that_countys(gaz) -> None:  # type: ignore[no-untyped-def]
    for unit in ("代县检察院", "代县人民法院"):
        ref = region_of_org(gaz, unit)
        assert ref is not None and ref.name == "代县", unit


def test_a_unit_named_by_its_countys_short_name_inside_the_pages_province(gaz) -> None:  # type: ignore[no-untyped-def]
    liaoning = ref_of(gaz, gaz.lookup("辽宁省")[0])
    heilongjiang = ref_of(gaz, gaz.lookup("黑龙江省")[0])
    assert county_of_unit_short_name(gaz, "北镇监狱", liaoning).name == "北镇市"
    assert county_of_unit_short_name(gaz, "绥棱局", heilongjiang).name == "绥棱县"
    # outside that province, a city's own short name, a unit naming its level, no place at all: nothing
    assert county_of_unit_short_name(gaz, "北镇监狱", heilongjiang) is None
    assert county_of_unit_short_name(gaz, "九江市委老干部局", ref_of(gaz, gaz.lookup("江西省")[0])) is None
    assert county_of_unit_short_name(gaz, "衡阳监狱", ref_of(gaz, gaz.lookup("湖南省")[0])) is None
    assert county_of_unit_short_name(gaz, "老干部局", liaoning) is None
    gansu = ref_of(gaz, gaz.lookup("甘肃省")[0])
    assert county_of_unit_short_name(gaz, "甘肃华亭公路段", gansu).name == "华亭市"  # the province first


def test_a_countys_own_news_app_named_by_its_short_name_places_the_page(gaz) -> None:  # type: ignore[no-untyped-def]
    assert county_of_medium(gaz, "云上通山").name == "通山县"  # type: ignore[union-attr]
    assert county_of_medium(gaz, "通山新闻网").name == "通山县"  # type: ignore[union-attr]
    assert county_of_medium(gaz, "微通山").name == "通山县"  # type: ignore[union-attr]
    assert county_of_medium(gaz, "微党课") is None  # 党课 names no county
    assert county_of_medium(gaz, "无线睢宁").name == "睢宁县"  # type: ignore[union-attr]
    assert county_of_medium(gaz, "武隆微发布").name == "武隆区"  # type: ignore[union-attr]
    assert county_of_medium(gaz, "普陀新闻网") is None  # two 普陀区 (上海, 舟山)
    assert county_of_medium(gaz, "通山县老年大学") is None  # not a medium's name


def test_units_named_again_and_again_by_a_countys_short_name_place_a_placeless_page(gaz) -> None:  # type: ignore[no-untyped-def]
    text = "在通山法院有一支特殊的党支部。通山法院老干部党支部常年开展活动，多次受到表彰。"
    assert county_of_short_named_units(gaz, text).name == "通山县"  # type: ignore[union-attr]
    assert county_of_short_named_units(gaz, "在通山法院有一支特殊的党支部。") is None  # once is not enough
    credit = "10月28日，通山联社组织开展重阳敬老活动。下一步，通山联社还会继续关心退休职工。"
    assert county_of_short_named_units(gaz, credit).name == "通山县"  # type: ignore[union-attr]
    assert (
        county_of_short_named_units(gaz, "通山县法院、通山县医院") is None
    )  # written out: the gazetteer reads it


@pytest.mark.parametrize(
    ("unit", "name"),
    [
        ("南通运输集团启东某某分公司", "启东市"),  # a city's company, its branch named by a county further on
        ("绍兴某某集团诸暨某某营业部", "诸暨市"),
        ("苏州市公安局", "苏州市"),  # no county is called 公安
        ("成都市第一人民医院", "成都市"),
    ],
)
def test_a_city_unit_with_a_county_named_further_on_is_that_countys_branch(gaz, unit: str, name: str) -> None:  # type: ignore[no-untyped-def]
    ref = region_of_org(gaz, unit)
    assert ref is not None and ref.name == name


@pytest.mark.parametrize(
    ("unit", "name"),
    [
        ("上海嘉定", "嘉定区"),  # a source credited as an address is spoken: city, then its district
        ("苏州吴中融媒", "吴中区"),
        ("上海市委老干部局", "上海市"),  # the city's own unit
        ("湖南日报", "湖南省"),  # no county is called 日报
        ("云南红河学院", "红河哈尼族彝族自治州"),  # 红河 is a prefecture's name too: not the county
    ],
)
def test_a_unit_named_by_a_place_and_one_of_its_counties_short_names_is_that_county(
    gaz, unit: str, name: str
) -> None:  # type: ignore[no-untyped-def]
    ref = region_of_org(gaz, unit)
    assert ref is not None and ref.name == name


def test_a_countys_media_centre_credited_in_full_names_that_county(gaz) -> None:  # type: ignore[no-untyped-def]
    from ingest.unitregion import county_of_credited_medium

    assert county_of_credited_medium(gaz, "宁乡市融媒体中心记者王某").name == "宁乡市"  # type: ignore[union-attr]
    assert county_of_credited_medium(gaz, "通山县广播电视台 张某").name == "通山县"  # type: ignore[union-attr]
    assert county_of_credited_medium(gaz, "长沙市融媒体中心记者王某") is None  # a city's, not a county's
    assert county_of_credited_medium(gaz, "鼓楼区融媒体中心") is None  # many 鼓楼区


@pytest.mark.parametrize(
    ("unit", "name"),
    [
        ("济源水文局", "济源市"),  # a county's own station named by its short name
        ("谷城车站", "谷城县"),
        ("杨浦军事退休中心", "杨浦区"),
        ("铜城镇老年大学", "铜城镇"),  # the one town of that name (filed under its county later)
    ],
)
def test_a_local_station_or_a_towns_unit_named_without_its_county_places_it(
    gaz, unit: str, name: str
) -> None:  # type: ignore[no-untyped-def]
    ref = region_of_org(gaz, unit)
    assert ref is not None and ref.name == name


@pytest.mark.parametrize("unit", ["公安局离退休科", "城关镇老年大学"])
def test_an_everyday_word_or_a_common_town_name_places_no_unit(gaz, unit: str) -> None:  # type: ignore[no-untyped-def]
    assert region_of_org(gaz, unit) is None  # 公安 is police, not 公安县; many towns are called 城关镇
