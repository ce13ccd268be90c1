"""Gazetteer: hierarchy from the vendored NBS tree, names, mentions, disambiguation, org regions."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg import gazetteer
from policykg.gazetteer import Gazetteer, load_alias_rows
from policykg.model import RegionRef
from policykg.placenames import short_name


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


def codes(regions) -> list[str]:
    return [r.code for r in regions]


def test_default_is_cached(gz: Gazetteer) -> None:
    assert Gazetteer.default() is gz


# -- hierarchy ---------------------------------------------------------------------------------
def test_city_parent_is_province(gz: Gazetteer) -> None:
    shenyang = gz.get("210100")
    assert shenyang is not None and shenyang.name == "沈阳市" and shenyang.level == "city"
    assert shenyang.parent_code == "210000"
    assert gz.get("210000").name == "辽宁省"  # type: ignore[union-attr]
    assert gz.get("21") == gz.get("210000") == gz.get("region:210000")


def test_county_path(gz: Gazetteer) -> None:
    assert gz.path_names("210603") == ("辽宁省", "丹东市", "振兴区")
    assert [r.level for r in gz.ancestors("210603")] == ["province", "city", "county"]
    assert gz.path_names("211221102") == ("辽宁省", "铁岭市", "铁岭县", "阿吉镇")
    assert gz.ancestors("999999") == []


def test_municipality_placeholders_skipped(gz: Gazetteer) -> None:
    dongcheng = gz.lookup("东城区")[0]
    assert dongcheng.code == "110101" and dongcheng.parent_code == "110000"
    assert gz.path_names("110101") == ("北京市", "东城区")
    assert gz.lookup("市辖区") == []
    assert gz.get("110100") is None
    # provincial-direct counties hang from the province
    assert gz.lookup("济源市")[0].parent_code == "410000"
    assert gz.lookup("石河子市")[0].parent_code == "650000"


def test_city_without_counties_not_repeated(gz: Gazetteer) -> None:
    assert codes(gz.lookup("东莞市")) == ["441900"]
    town = gz.lookup("虎门镇")[0]
    assert gz.path_names(town.code) == ("广东省", "东莞市", "虎门镇")


# -- names -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "level", "short"),
    [
        ("辽宁省", "province", "辽宁"),
        ("北京市", "province", "北京"),
        ("广西壮族自治区", "province", "广西"),
        ("内蒙古自治区", "province", "内蒙古"),
        ("新疆维吾尔自治区", "province", "新疆"),
        ("西藏自治区", "province", "西藏"),
        ("沈阳市", "city", "沈阳"),
        ("大兴安岭地区", "city", "大兴安岭"),
        ("锡林郭勒盟", "city", "锡林郭勒"),
        ("延边朝鲜族自治州", "city", "延边"),
        ("德宏傣族景颇族自治州", "city", "德宏"),
        ("伊犁哈萨克自治州", "city", "伊犁"),
        ("海西蒙古族藏族自治州", "city", "海西"),
        ("和平区", "county", None),
        ("阿吉镇", "town", None),
    ],
)
def test_short_name(name: str, level: str, short: str | None) -> None:
    assert short_name(name, level) == short


def test_lookup_short_names(gz: Gazetteer) -> None:
    assert codes(gz.lookup("辽宁")) == ["210000"]
    assert codes(gz.lookup("沈阳")) == ["210100"]
    assert codes(gz.lookup("枣庄")) == ["370400"]
    assert codes(gz.lookup("吉林")) == ["220000", "220200"]  # province before city
    assert gz.lookup("和平") == []  # no county short names
    assert gz.lookup("阿吉") == []


def test_lookup_alias_and_former(gz: Gazetteer) -> None:
    assert codes(gz.lookup("金普新区")) == ["210200"]
    assert codes(gz.lookup("铁法")) == ["211281"]
    assert gz.lookup("铁法")[0].name == "调兵山市"


def test_abbrevs(gz: Gazetteer) -> None:
    expected = {
        "辽": "辽宁省",
        "闽": "福建省",
        "鲁": "山东省",
        "京": "北京市",
        "沪": "上海市",
        "粤": "广东省",
        "湘": "湖南省",
        "榕": "福州市",
        "穗": "广州市",
        "甬": "宁波市",
    }
    for ch, name in expected.items():
        region = gz.region_of_abbrev(ch)
        assert region is not None and region.name == name, ch
    assert gz.region_of_abbrev("老") is None


def test_every_province_has_an_abbrev(gz: Gazetteer) -> None:
    rows = load_alias_rows(Path(gazetteer.__file__).parent / "data" / "region_aliases.tsv")
    covered = {gz.region_of_abbrev(a).code for a, _t, kind, _n in rows if kind == "abbrev"}  # type: ignore[union-attr]
    provinces = {code for code in covered if code.endswith("0000")}
    assert len(provinces) == 31


def test_ref(gz: Gazetteer) -> None:
    ref = gz.ref(gz.get("210603"))  # type: ignore[arg-type]
    assert ref == RegionRef(
        id="region:210603", name="振兴区", level="county", code="210603", path=("辽宁省", "丹东市", "振兴区")
    )
    masked = gz.unknown_ref("d123", "county", "**县", parent=gz.get("210000"))
    assert masked.id == "region:unknown:d123" and masked.code is None and not masked.known
    assert masked.path == ("辽宁省", "**县")


# -- mentions ----------------------------------------------------------------------------------
def test_mention_offsets(gz: Gazetteer) -> None:
    text = "我在辽宁省沈阳市和平区工作，也去过枣庄。"
    got = [(m.start, m.end, m.surface) for m in gz.find_mentions(text)]
    assert got == [(2, 5, "辽宁省"), (5, 8, "沈阳市"), (8, 11, "和平区"), (17, 19, "枣庄")]
    assert all(text[s:e] == surface for s, e, surface in got)


def test_no_false_regions(gz: Gazetteer) -> None:
    assert gz.find_mentions("城区新区发展") == []
    assert gz.find_mentions("郊区矿区改造，和县级部门") == []
    assert gz.find_mentions("维护社会长治久安，隆重庆祝建党百年，各位来宾") == []
    assert gz.find_mentions("城东区域，辽老通字") == []
    assert gz.find_mentions("推进老城区改造和新城区建设") == []


def test_rejected_continuation_falls_back_to_short_name(gz: Gazetteer) -> None:
    [m] = gz.find_mentions("沈阳市场繁荣")
    assert (m.start, m.end, m.surface) == (0, 2, "沈阳")


def test_weak_name_only_after_its_parent(gz: Gazetteer) -> None:
    assert gz.find_mentions("沛县") == []
    mentions = gz.find_mentions("徐州市沛县")
    assert [m.surface for m in mentions] == ["徐州市", "沛县"]
    assert codes(mentions[1].candidates) == ["320322"]
    [_, city] = gz.resolve("阳泉市城区")
    assert city.region.code == "140302"  # type: ignore[union-attr]
    assert [m.surface for m in gz.find_mentions("洛阳市老城区")] == ["洛阳市", "老城区"]


def test_short_name_inside_university_is_a_mention(gz: Gazetteer) -> None:
    [m] = gz.resolve("辽宁大学")
    assert m.region.code == "210000"  # type: ignore[union-attr]


# -- disambiguation ----------------------------------------------------------------------------
def test_duplicate_town_resolved_by_other_mentions(gz: Gazetteer) -> None:
    # 鸡冠山乡 exists under 灯塔市 (辽阳), 铁岭县 and 上栗县 (萍乡) in the NBS data.
    assert len(gz.lookup("鸡冠山乡")) == 3
    by_text = {
        "铁岭县鸡冠山乡": "211221208",
        "铁岭的鸡冠山乡": "211221208",
        "辽阳灯塔市鸡冠山乡": "211081205",
        "江西萍乡鸡冠山乡": "360322200",
    }
    for text, code in by_text.items():
        mention = next(m for m in gz.resolve(text) if m.surface == "鸡冠山乡")
        assert mention.region.code == code, text  # type: ignore[union-attr]


def test_context_codes_and_default_order(gz: Gazetteer) -> None:
    [m] = gz.resolve("鸡冠山乡", context_codes=("360300",))
    assert m.region.code == "360322200"  # type: ignore[union-attr]
    [m] = gz.resolve("鸡冠山乡")
    assert m.region is None  # no evidence: three towns of the same name, none is chosen
    [m] = gz.resolve("朝阳区", context_codes=["region:220100"])
    assert m.region.code == "220104"  # type: ignore[union-attr]


def test_province_or_city_by_related_mention(gz: Gazetteer) -> None:
    assert gz.resolve("吉林")[0].region.code == "220000"  # type: ignore[union-attr]
    assert gz.resolve("北京朝阳区")[1].region.code == "110105"  # type: ignore[union-attr]
    assert gz.resolve("长春朝阳区")[1].region.code == "220104"  # type: ignore[union-attr]


# -- organizations -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("org", "code"),
    [
        ("中共沈阳市委老干部局", "210100"),
        ("中共丹东市振兴区委组织部", "210603"),
        ("中共铁岭县委组织部", "211221"),
        ("中共福州市委离退休干部工作委员会", "350100"),
        ("辽宁大学离退休工作处", "210000"),
        ("中共辽宁省委老干部局", "210000"),
        ("铁法煤业（集团）有限责任公司老干部管理服务中心", "211281"),
        ("中共延边州委老干部局", "222400"),
        ("中共北京市朝阳区委", "110105"),
        ("中共长春市朝阳区委", "220104"),
    ],
)
def test_region_of_org(gz: Gazetteer, org: str, code: str) -> None:
    region = gz.region_of_org(org)
    assert region is not None and region.code == code


def test_region_of_org_inner_must_be_inside_outer(gz: Gazetteer) -> None:
    # 沈阳 is not inside 福建: the outer region stands.
    assert gz.region_of_org("福建省沈阳商会").code == "350000"  # type: ignore[union-attr]
    assert gz.region_of_org("老干部局") is None


# -- data files --------------------------------------------------------------------------------
def test_alias_loader_skips_comments(tmp_path: Path) -> None:
    f = tmp_path / "a.tsv"
    f.write_text("# comment\n\n甲乙\t沈阳市\talias\tnote\n丙丁\t-\tstop\n", encoding="utf-8")
    assert load_alias_rows(f) == [("甲乙", "沈阳市", "alias", "note"), ("丙丁", "-", "stop", "")]


def _tiny_tree() -> list[dict]:
    return [
        {
            "code": "21",
            "name": "辽宁省",
            "children": [
                {"code": "2101", "name": "沈阳市", "children": [{"code": "210102", "name": "和平区"}]},
                {"code": "2102", "name": "大连市", "children": [{"code": "210202", "name": "和平区"}]},
            ],
        }
    ]


def test_alias_target_must_be_unique() -> None:
    with pytest.raises(ValueError, match="use a code"):
        Gazetteer(_tiny_tree(), [("某区", "和平区", "alias", "")])
    gz = Gazetteer(_tiny_tree(), [("某区", "210202", "alias", "")])
    assert codes(gz.lookup("某区")) == ["210202"]
    with pytest.raises(ValueError, match="unknown kind"):
        Gazetteer(_tiny_tree(), [("某区", "210202", "typo", "")])


def test_weak_county_after_its_province_as_headlines_write_it(gz: Gazetteer) -> None:
    assert [m.surface for m in gz.find_mentions("陕西眉县老干部")] == ["陕西", "眉县"]
    assert [m.surface for m in gz.find_mentions("江苏省丰县")] == ["江苏省", "丰县"]
    # a province that does not hold it gives no support
    assert [m.surface for m in gz.find_mentions("山东沛县")] == ["山东"]


def test_a_two_character_county_right_before_one_of_its_towns_counts(gz: Gazetteer) -> None:
    found = [
        (m.surface, m.region.name if m.region else None) for m in gz.resolve("近年来，眉县汤峪镇始终坚持")
    ]
    assert ("眉县", "眉县") in found
    assert [m.surface for m in gz.resolve("召开县委会议，眉县长期坚持")] == []  # alone it stays untrusted


def test_a_county_level_citys_former_county_name_is_looked_up(gz: Gazetteer) -> None:
    # 玉环县 became 玉环市 (2017): people still type the county's name; it resolves, but only by name
    assert [r.name for r in gz.lookup("玉环县")] == ["玉环市"]
    assert [r.name for r in gz.lookup("密云县")] == ["密云区"]  # a listed former name too
    assert gz.lookup("鼓楼县") == []  # many 鼓楼区: no single region it could be
    assert not gz.find_mentions("光明县域经济")  # never scanned in running text


def test_a_village_or_community_named_like_a_city_is_not_the_city(gz: Gazetteer) -> None:
    assert gz.find_mentions("某街道眉山村的防汛营房") == []
    assert gz.find_mentions("长春社区的老人们") == []
    assert [m.surface for m in gz.find_mentions("眉山市老干部局")] == ["眉山市"]  # the level word: the city
    assert [m.surface for m in gz.find_mentions("老战士在新疆屯垦戍边")] == [
        "新疆"
    ]  # 屯垦 is reclaiming land
