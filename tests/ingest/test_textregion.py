"""Regions from what a text says (ingest.textregion), with sentences written for the test."""

from __future__ import annotations

import pytest

from ingest.textregion import (
    body_region,
    honoured_place,
    own_level_depth,
    single_place,
    site_at_own_level,
    spread_over_provinces,
)
from policykg.gazetteer import default_gazetteer


@pytest.fixture(scope="module")
def gaz():  # type: ignore[no-untyped-def]
    return default_gazetteer()


def _name(ref) -> str | None:  # type: ignore[no-untyped-def]
    return ref.name if ref is not None else None


def test_a_place_named_once_is_too_weak_for_the_body(gaz) -> None:  # type: ignore[no-untyped-def]
    assert body_region(gaz, "", "绵阳市的老同志在活动室学习。") is None
    assert _name(body_region(gaz, "", "绵阳市的老同志学习。绵阳市老干部局组织参观。")) == "绵阳市"


def test_a_place_named_hardly_more_than_the_one_county_inside_it_gives_way_to_that_county(gaz) -> None:  # type: ignore[no-untyped-def]
    body = "重庆市的老党员们来到城口县的一个山村。大家一起参观了村史馆，听老支书讲过去的故事。"
    assert _name(body_region(gaz, "", body)) == "城口县"
    # the city named on its own again and again, a district of it once: the city's story
    body = "常州市老干部局组织活动。常州市的老同志参观了武进区的工厂。常州市老年大学也派人参加。"
    assert _name(body_region(gaz, "", body)) == "常州市"
    # two counties of the city: no one chain below it
    body = "长春市的老同志先到南关区，又到朝阳区参观。长春市老干部局组织。"
    assert _name(body_region(gaz, "", body)) == "长春市"


def test_province_scope_words_bound_the_body_region(gaz) -> None:  # type: ignore[no-untyped-def]
    body = "全省老干部工作会议在绵阳市召开。会议要求全省各地学习绵阳市经验。"
    assert _name(body_region(gaz, "", body)) == "四川省"
    # the headline's own scope is the piece's: a city meeting relaying the province's
    assert _name(body_region(gaz, "全市老干部工作会议召开", body)) == "绵阳市"


def test_full_address_chain_names_the_county(gaz) -> None:  # type: ignore[no-untyped-def]
    body = "72岁的绵阳市安州区某社区党员在活动室学习。大家交流心得。"
    assert _name(body_region(gaz, "", body)) == "安州区"
    assert _name(body_region(gaz, "", body + "绵阳市委老干部局推广这一做法。")) == "绵阳市"


def test_single_place_on_one_chain(gaz) -> None:  # type: ignore[no-untyped-def]
    assert _name(single_place(gaz, "四川省的老同志在绵阳市学习。")) == "绵阳市"
    assert single_place(gaz, "绵阳市和宝鸡市的老同志交流。") is None


def test_a_province_written_before_its_county_names_the_county(gaz) -> None:  # type: ignore[no-untyped-def]
    body = "老同志们来到四川省安州区某村，重温入党誓词。大家深受教育。"
    assert _name(body_region(gaz, "", body)) == "安州区"
    # the province named on its own besides: the province's
    assert _name(body_region(gaz, "", body + "四川省老干部局表示将推广。")) == "四川省"


def test_a_title_speaking_for_the_whole_city_lifts_a_county_but_not_a_county_level_city(gaz) -> None:  # type: ignore[no-untyped-def]
    from ingest.regionrefs import ref_of
    from ingest.textregion import lift_to_scope

    def lifted(name: str, title: str) -> str:
        [region] = gaz.lookup(name)
        return lift_to_scope(gaz, ref_of(gaz, region), title).name

    assert lifted("宜兴市", "全市关工委工作会议召开") == "宜兴市"
    assert lifted("江阴市", "全市政法系统关工委会议召开") == "江阴市"
    assert lifted("惠山区", "全市老干部工作会议召开") == "无锡市"


def test_a_town_named_again_and_again_counts_for_the_county_it_is_written_under(gaz) -> None:  # type: ignore[no-untyped-def]
    body = (
        "连日来，在赤水市长沙镇河边常见老党员清扫垃圾。长沙镇退休干部党支部有党员30名。"
        "长沙镇党委表示，将支持老党员发挥作用。作为土生土长的长沙人，他们乐于奉献。"
    )
    assert body_region(gaz, "", body).name == "赤水市"
    # an address written once does not outweigh the places the story is about
    once = "他的组织关系已转入上海市普陀区桃浦镇。公司在南昌设有项目部，南昌项目部的老党员积极参与。"
    assert body_region(gaz, "", once).name == "南昌市"


def test_places_spread_over_several_provinces_place_the_piece_in_none(gaz) -> None:  # type: ignore[no-untyped-def]
    body = (
        "各地探索银龄志愿服务新路子。绵阳市组织老党员宣讲，宝鸡市成立调解工作室，"
        "淄博市开设讲堂，海口市推行积分制。"
    )
    assert spread_over_provinces(gaz, "", body)
    # most mentions in one province: that province's piece, examples from elsewhere besides
    one = "绵阳市组织老党员宣讲。绵阳市老干部局总结经验。德阳市学习绵阳市做法，宝鸡市、淄博市也来参观。"
    assert not spread_over_provinces(gaz, "", one)
    assert not spread_over_provinces(gaz, "", "绵阳市和宝鸡市的老同志交流。")


def test_a_unit_of_a_higher_level_lifts_the_sites_city_to_its_level(gaz) -> None:  # type: ignore[no-untyped-def]
    [taiyuan] = gaz_refs(gaz, "太原市")
    assert site_at_own_level(gaz, ["省气象局"], "simplified", taiyuan).name == "山西省"
    assert site_at_own_level(gaz, ["市老年大学"], "simplified", taiyuan).name == "太原市"
    assert site_at_own_level(gaz, ["老干部活动中心"], "simplified", taiyuan).name == "太原市"
    [tongcheng] = gaz_refs(gaz, "桐城市")  # a county-level city has a 市 of its own
    assert site_at_own_level(gaz, ["市委老干部局"], "simplified", tongcheng).name == "桐城市"
    [yangpu] = gaz_refs(gaz, "杨浦区")  # a municipality's 市 is the municipality
    assert site_at_own_level(gaz, ["市委老干部局"], "simplified", yangpu).name == "上海市"


def gaz_refs(gaz, name: str):  # type: ignore[no-untyped-def]
    return [gaz.ref(r) for r in gaz.lookup(name)]


def test_a_text_naming_only_towns_of_one_county_is_that_countys(gaz) -> None:  # type: ignore[no-untyped-def]
    assert _name(single_place(gaz, "闯王镇老党员开展宣讲。洪港镇老党员成立调解室。")) == "通山县"
    # towns of two counties: no one place
    assert single_place(gaz, "闯王镇老党员开展宣讲。罗通山镇老党员成立调解室。") is None


def test_a_places_share_of_a_national_honour_names_the_place(gaz) -> None:  # type: ignore[no-untyped-def]
    assert _name(honoured_place(gaz, "记者从市委老干部局获悉，绵阳共有两个集体和一人获表彰。")) == "绵阳市"
    assert _name(honoured_place(gaz, "银龄风采——宝鸡市获全国先进集体表彰")) == "宝鸡市"
    assert honoured_place(gaz, "全国老干部工作表彰大会在北京召开。") is None


@pytest.mark.parametrize(
    ("unit", "depth"),
    [
        ("自治区党委", 0),  # an autonomous region's party committee is written 自治区党委, not 自治区委
        ("省委老干部局", 0),
        ("市委组织部", 1),
        ("县政协", 2),
        ("青松大学离退休处", None),
    ],
)
def test_the_level_of_a_unit_named_by_its_level_alone(unit: str, depth: int | None) -> None:
    assert own_level_depth([unit], "simplified") == depth


def test_a_memoirs_places_across_provinces_are_the_writers_life_not_a_national_scope(gaz) -> None:  # type: ignore[no-untyped-def]
    memoir = (
        "我生在南京市，十八岁那年我报名进藏。我先到成都市集训，后来我在拉萨市工作了二十年。"
        "我常想起在昆明市读书的日子，我也忘不了在兰州市转车的那个冬夜。我退休后回到家乡，我把这些写下来。"
    )
    assert not spread_over_provinces(gaz, "", memoir)
    report = memoir.replace("我", "老同志")  # the same places in a third-person round-up
    assert spread_over_provinces(gaz, "", report)


def test_a_county_named_once_in_full_then_by_its_short_name_is_the_bodys_place(gaz) -> None:  # type: ignore[no-untyped-def]
    body = "上海市老干部工作有新气象。杨浦区某社区的老党员组成巡逻队。杨浦的老同志们说，守护杨浦是本分。"
    assert body_region(gaz, "", body).name == "杨浦区"
    # a short name the gazetteer reads as a city of its own is not a county's (九江 is the city)
    city = "江西省九江市老干部局组织参观。九江的老同志表示，九江变化很大。"
    assert body_region(gaz, "", city).name == "九江市"


def test_a_county_level_citys_text_speaking_of_its_whole_city_stays_the_citys(gaz) -> None:  # type: ignore[no-untyped-def]
    body = "兴化市老干部局召开会议。会议部署全市离退休干部党建工作，要求全市各支部抓好落实。兴化的老同志积极参与。"
    assert body_region(gaz, "", body).name == "兴化市"


def test_a_county_named_with_one_of_its_streets_is_where_the_story_happened(gaz) -> None:  # type: ignore[no-untyped-def]
    body = (
        "西安市老干部工作成效明显。前几天在西安市雁塔区电子城街道，一支老党员志愿服务队为居民义务理发。"
        "西安市的老同志们纷纷点赞。"
    )
    assert body_region(gaz, "", body).name == "雁塔区"
    # the city named alone, its county without a street: still the city's piece
    plain = "西安市老干部工作成效明显。雁塔区一支老党员志愿服务队为居民义务理发。西安市的老同志们纷纷点赞。"
    assert body_region(gaz, "", plain).name == "西安市"


def test_a_countys_short_name_that_is_an_everyday_word_counts_for_no_county(gaz) -> None:  # type: ignore[no-untyped-def]
    body = (
        "荆州区一个公安分局举行荣誉退休仪式。民警林青生于公安县，在公安战线工作了四十年。"
        "公安分局的同事们为他送上鲜花，荆州区的老同志到场祝贺。"
    )
    assert body_region(gaz, "", body).name == "荆州区"  # 公安 here is the police, not 公安县 again


def test_a_first_person_account_that_never_speaks_for_the_country_is_not_spread_over_it(gaz) -> None:  # type: ignore[no-untyped-def]
    account = "我生在南京市，后来到成都市工作，退休后常去昆明市和兰州市看望老战友，大家都很怀念当年。"
    assert not spread_over_provinces(gaz, "", account)
    # the same writer speaking of practice across the country (全国各地): a national piece after all
    national = account + "全国各地的老同志都在发挥余热。"
    assert spread_over_provinces(gaz, "", national)
