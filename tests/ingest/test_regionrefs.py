"""Region references (ingest.regionrefs), with sentences written for the test."""

from __future__ import annotations

import pytest

from ingest.regionrefs import short_named_home
from policykg.gazetteer import default_gazetteer


@pytest.fixture(scope="module")
def gaz():  # type: ignore[no-untyped-def]
    return default_gazetteer()


def _home(gaz, text: str) -> str | None:  # type: ignore[no-untyped-def]
    ref = short_named_home(gaz, text)
    return ref.name if ref is not None else None


def test_a_page_speaking_as_a_county_names_it_by_its_short_name(gaz) -> None:  # type: ignore[no-untyped-def]
    assert _home(gaz, "我县召开座谈会。会议要求为法库发展献策，推动法库振兴。") == "法库县"


def test_a_two_character_county_written_out_outweighs_a_name_inside_a_persons(gaz) -> None:  # type: ignore[no-untyped-def]
    text = "我县召开座谈会。县长李云龙出席。介绍了赵县发展现状，谱写赵县新篇章，推进赵县发展，赵县老同志参加。李云龙讲话。"
    assert _home(gaz, text) == "赵县"


def test_two_short_names_as_often_decide_nothing(gaz) -> None:  # type: ignore[no-untyped-def]
    assert _home(gaz, "我县召开会议。为法库发展，为法库振兴；闽清经验，闽清做法。") is None


@pytest.mark.parametrize(
    "text, name",
    [
        ("组织志愿服务队 金华婺城构建为民服务强磁场", "婺城区"),  # a city, then its district's short name
        ("上海普陀石泉街道开展活动", "普陀区"),
        ("福建晋江老干部活动中心成立30年", "晋江市"),  # a province, then a county-level city in it
        ("湖南长沙召开会议", "长沙市"),  # a city's own name stays the city
        ("浙江大学离退休工作处", "浙江省"),  # no county is called 大学
        ("我校在长沙市岳麓山下开展活动", "长沙市"),  # a mountain named like its district is no district
        ("文艺汇演在泸州市江阳艺术宫举行", "泸州市"),  # nor a hall named after it
        ("老同志在成都市锦江宾馆座谈", "成都市"),
    ],
)
def test_a_place_written_before_one_of_its_counties_short_names_is_that_county(
    gaz, text: str, name: str
) -> None:  # type: ignore[no-untyped-def]
    from ingest.regionrefs import regions_in

    assert regions_in(gaz, text)[-1].name == name


def test_another_provinces_corps_is_that_province_and_its_bare_name_is_not_xinjiangs(gaz) -> None:  # type: ignore[no-untyped-def]
    from ingest.regionrefs import regions_in

    text = "1970年我到内蒙古生产建设兵团当知青。那段兵团生活很苦，我常想起兵团的战友。"
    assert [r.name for r in regions_in(gaz, text)] == ["内蒙古自治区"]
    # in a text about Xinjiang's corps, 兵团 alone is still Xinjiang's
    assert [r.name for r in regions_in(gaz, "新疆生产建设兵团第一师的老战士回忆兵团生活。")] == [
        "新疆生产建设兵团",
        "新疆生产建设兵团",
    ]
