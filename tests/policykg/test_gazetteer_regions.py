"""Region names people type (customary forms, former names, 全国), the stop list of idioms and
common words, street names, the needs-support rule for ambiguous names, and suggestions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policykg import gazetteer
from policykg.gazetteer import NATIONAL_CODE, Gazetteer, load_alias_rows, load_extra_divisions
from policykg.placenames import county_stem, customary_form

DATA = Path(gazetteer.__file__).parent / "data"
ROWS = load_alias_rows(DATA / "region_aliases.tsv")


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


@pytest.fixture(scope="module")
def gz_without_stops() -> Gazetteer:
    with open(DATA / "divisions" / "pcas-code.json", encoding="utf-8") as f:
        tree = json.load(f)
    extra = load_extra_divisions(DATA / "extra_divisions.tsv")
    return Gazetteer(tree, [row for row in ROWS if row[2] != "stop"], extra)


def names_of(regions) -> list[str]:
    return [r.name for r in regions]


def surfaces(gz: Gazetteer, text: str) -> list[str]:
    return [m.surface for m in gz.find_mentions(text)]


# -- customary forms of autonomous divisions ---------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "official"),
    [
        ("红河州", "红河哈尼族彝族自治州"),
        ("湘西州", "湘西土家族苗族自治州"),
        ("延边州", "延边朝鲜族自治州"),
        ("黔东南州", "黔东南苗族侗族自治州"),
        ("大理州", "大理白族自治州"),
        ("楚雄州", "楚雄彝族自治州"),
        ("恩施州", "恩施土家族苗族自治州"),
        ("阿坝州", "阿坝藏族羌族自治州"),
        ("西双版纳州", "西双版纳傣族自治州"),
        ("伊犁州", "伊犁哈萨克自治州"),
        ("长阳县", "长阳土家族自治县"),
        ("龙胜县", "龙胜各族自治县"),
        ("鄂伦春旗", "鄂伦春自治旗"),
        ("鄂温克旗", "鄂温克族自治旗"),
        # exceptions to the rule, rows of region_aliases.tsv (kind=lookup)
        ("巴州", "巴音郭楞蒙古自治州"),
        ("博州", "博尔塔拉蒙古自治州"),
        ("克州", "克孜勒苏柯尔克孜自治州"),
        ("锡盟", "锡林郭勒盟"),
        ("莫旗", "莫力达瓦达斡尔族自治旗"),
        ("察右中旗", "察哈尔右翼中旗"),  # Inner Mongolia's banners by their contractions
        ("科左后旗", "科尔沁左翼后旗"),
        ("准旗", "准格尔旗"),
    ],
)
def test_customary_forms_look_up(gz: Gazetteer, typed: str, official: str) -> None:
    assert names_of(gz.lookup(typed)) == [official]


def test_every_autonomous_prefecture_has_its_form(gz: Gazetteer) -> None:
    prefectures = [r for r in gz._regions.values() if r.level == "city" and r.name.endswith("自治州")]
    assert len(prefectures) == 30
    for region in prefectures:
        form = customary_form(region.name, region.level)
        assert form is not None and form.endswith("州") and len(form) >= 3, region.name
        assert gz.lookup(form) == [region], form


def test_customary_form_rule() -> None:
    assert customary_form("本溪满族自治县", "county") == "本溪县"
    assert customary_form("莫力达瓦达斡尔族自治旗", "county") == "莫力达瓦旗"
    assert customary_form("沈阳市", "city") is None
    assert customary_form("红河哈尼族彝族自治州", "town") is None


def test_customary_forms_in_running_text(gz: Gazetteer) -> None:
    [m] = gz.resolve("中共红河州委老干部局")
    assert m.region.name == "红河哈尼族彝族自治州"  # type: ignore[union-attr]
    assert gz.region_of_org("中共恩施州委老干部局").name == "恩施土家族苗族自治州"  # type: ignore[union-attr]


def test_lookup_only_names_are_not_scanned(gz: Gazetteer) -> None:
    # 巴州 is typed for 巴音郭楞; in text it would be a false place
    assert surfaces(gz, "巴州") == []
    # 河南县 (河南蒙古族自治县) is typed; in text 河南县域 is the province's counties
    assert names_of(gz.lookup("河南县")) == ["河南蒙古族自治县"]
    assert surfaces(gz, "推进河南县域经济发展") == ["河南"]
    assert names_of(gz.lookup("本溪县")) == ["本溪满族自治县"]


# -- former names ------------------------------------------------------------------------------
FORMER = [row for row in ROWS if row[2] == "former" or (row[2] == "lookup" and "国务院批复" in row[3])]


def test_former_rows_are_sourced_and_do_not_shadow_current_names(gz: Gazetteer) -> None:
    assert len(FORMER) >= 200
    official = {r.name for r in gz._regions.values()}
    for alias, target, _kind, note in FORMER:
        assert alias not in official, alias  # a former name that is a current one would be ambiguous
        if note.startswith(("原铁法市", "2002年更名", "2010年更名", "2007年更名", "2019年撤销")):
            continue  # the earlier rows, sourced in their own words
        m = re.match(r"(\d{4})年国务院批复：(\S+?)改为(\S+?)(；|$)", note)
        assert m, note
        assert 1980 <= int(m[1]) <= 2025 and m[2] == alias
        region = gz.lookup(alias)[0]
        assert region.name == m[3] and (target == region.name or target == region.code), alias


@pytest.mark.parametrize(
    ("typed", "official", "path"),
    [
        ("富阳市", "富阳区", ("浙江省", "杭州市", "富阳区")),
        ("吴江市", "吴江区", ("江苏省", "苏州市", "吴江区")),
        ("通州市", "通州区", ("江苏省", "南通市", "通州区")),  # not 北京市通州区
        ("崇文区", "东城区", ("北京市", "东城区")),
        ("湾里区", "新建区", ("江西省", "南昌市", "新建区")),  # merged into another district
        ("监利县", "监利市", ("湖北省", "荆州市", "监利市")),
        ("松花江地区", "哈尔滨市", ("黑龙江省", "哈尔滨市")),  # a prefecture merged into a city
        ("开县", "开州区", ("重庆市", "开州区")),
        ("毕节地区", "毕节市", ("贵州省", "毕节市")),
        ("伊克昭盟", "鄂尔多斯市", ("内蒙古自治区", "鄂尔多斯市")),
        ("襄樊", "襄阳市", ("湖北省", "襄阳市")),
        ("宁乡县", "宁乡市", ("湖南省", "长沙市", "宁乡市")),
        ("旬阳县", "旬阳市", ("陕西省", "安康市", "旬阳市")),  # 2021
        ("会理县", "会理市", ("四川省", "凉山彝族自治州", "会理市")),  # 2021
        ("增城市", "增城区", ("广东省", "广州市", "增城区")),  # lookup-only
    ],
)
def test_former_names_look_up(gz: Gazetteer, typed: str, official: str, path: tuple[str, ...]) -> None:
    [region] = gz.lookup(typed)
    assert region.name == official and gz.path_names(region.code) == path


def test_former_names_in_running_text(gz: Gazetteer) -> None:
    assert gz.region_of_org("中共富阳市委老干部局").name == "富阳区"  # type: ignore[union-attr]
    assert gz.region_of_org("中共宁乡县委组织部").name == "宁乡市"  # type: ignore[union-attr]
    # a two-character former county name is weak: 召开县委, 担任县长 are not 开县, 任县
    assert surfaces(gz, "召开县委常委会，他曾担任县长") == []
    mentions = gz.resolve("重庆市开县")
    assert [m.region.name for m in mentions] == ["重庆市", "开州区"]  # type: ignore[union-attr]
    # lookup-only former names are never read in text (新增城市绿地 is not 增城市)
    assert surfaces(gz, "新增城市绿地") == []


# -- national scope ----------------------------------------------------------------------------
def test_national_names(gz: Gazetteer) -> None:
    for name in ("全国", "中央", "全国范围", "中国", "中华人民共和国"):
        assert [r.code for r in gz.lookup(name)] == [NATIONAL_CODE], name
    assert gz.find_mentions("全国老干部工作会议在中央党校召开") == []
    assert "全国" in gz.names()


# -- stop list: idioms and common words --------------------------------------------------------
STOPS = [row for row in ROWS if row[2] == "stop"]


@pytest.mark.parametrize("row", STOPS, ids=[row[0] for row in STOPS])
def test_every_stop_row_is_needed_and_keeps_the_region(
    gz: Gazetteer, gz_without_stops: Gazetteer, row: tuple[str, str, str, str]
) -> None:
    phrase = row[0]
    sentence = f"我们要{phrase}。"
    start, end = 3, 3 + len(phrase)
    # needed: without the stop list the scan reads a region inside the phrase
    inside = [m for m in gz_without_stops.find_mentions(sentence) if start <= m.start < end]
    assert inside, f"{phrase}: no region inside, the row is not needed"
    # with it, nothing inside the phrase
    assert not [m for m in gz.find_mentions(sentence) if m.start < end and m.end > start], phrase
    # the region the phrase contains is still found where it is meant (its official name)
    region = inside[0].candidates[0]
    found = gz.find_mentions(f"中共{region.name}委{phrase}")
    assert found and found[0].surface == region.name, phrase


def test_stop_list_examples(gz: Gazetteer) -> None:
    assert surfaces(gz, "拿出真金白银支持老干部工作") == []
    assert surfaces(gz, "加大理论学习力度，树立远大理想") == []
    assert surfaces(gz, "确保定期召开组织生活会，推广安全知识") == []
    assert surfaces(gz, "建设美丽新乡村，培育新乡贤") == []
    assert surfaces(gz, "老同志朗诵《岳阳楼记》") == []  # a classical essay, not 岳阳楼区
    assert surfaces(gz, "岳阳楼区委老干部局") == ["岳阳楼区"]
    assert surfaces(gz, "青松县妇联会同县老龄办走访老人") == []  # 会同 as a verb: together with
    assert surfaces(gz, "怀化市会同县老干部局") == ["怀化市", "会同县"]


def test_a_two_character_county_opening_a_units_name(gz: Gazetteer) -> None:
    assert surfaces(gz, "嵩县信访局退休干部周某") == ["嵩县"]
    assert surfaces(gz, "近日，在单县老年大学") == ["单县"]
    # where its first character closes a word, it is no county
    assert surfaces(gz, "召开县委常委会") == []
    assert surfaces(gz, "工作经费县财政局统一安排") == []
    assert surfaces(gz, "在市委和县委的领导下") == []
    assert surfaces(gz, "东区老体协举行健步走") == []  # a campus's east part, not 东区
    assert surfaces(gz, "嵩县的老干部") == []  # alone in running text it stays too weak
    assert surfaces(gz, "白银市委老干部局") == ["白银市"]
    assert surfaces(gz, "甘肃白银") == ["甘肃", "白银"]
    assert surfaces(gz, "正值新中国成立70周年大庆之时") == []  # a celebration, not 大庆市
    assert surfaces(gz, "大庆市委老干部局") == ["大庆市"]
    # schools, hospitals and halls named after 孙中山 are everywhere: no 中山市
    assert surfaces(gz, "宣讲团走进新塘小学、中山小学等学校") == []
    assert surfaces(gz, "中山大学离退休工作处组织老同志参观中山纪念堂") == []
    assert surfaces(gz, "中山市委老干部局") == ["中山市"]


def test_a_short_name_closing_a_persons_name_before_tongzhi_is_no_place(gz: Gazetteer) -> None:
    assert surfaces(gz, "省局离休干部郑九江同志荣获表彰") == []
    assert surfaces(gz, "九江市同志们积极参与") == ["九江市"]
    assert surfaces(gz, "四川同志们积极参与") == ["四川"]  # a province's people stay the province


# -- streets -----------------------------------------------------------------------------------
def test_street_names_are_not_regions(gz: Gazetteer) -> None:
    assert surfaces(gz, "中山路社区") == []
    assert surfaces(gz, "北京西路88号") == []
    assert surfaces(gz, "兰州市天水中路8号") == ["兰州市"]
    assert surfaces(gz, "上海南京路步行街") == ["上海"]
    assert surfaces(gz, "中山公园") == []
    assert surfaces(gz, "珠江西二路") == []
    # a full name before a street word is still the place; so is a short name before other words
    assert surfaces(gz, "福州南后街") == ["福州"]
    assert surfaces(gz, "北京大兴区") == ["北京", "大兴区"]


# -- the needs-support rule --------------------------------------------------------------------
def test_ambiguous_district_needs_its_city(gz: Gazetteer) -> None:
    assert len(gz.lookup("鼓楼区")) == 4  # 南京, 徐州, 福州, 开封
    [m] = gz.resolve("鼓楼区召开老干部座谈会")
    assert m.region is None and len(m.candidates) == 4
    assert gz.resolve("福州市鼓楼区")[1].region.code == "350102"  # type: ignore[union-attr]
    assert gz.resolve("南京鼓楼区")[1].region.code == "320106"  # type: ignore[union-attr]
    # a province decides when one candidate lies in it, not between two cities inside it
    assert gz.resolve("福建省鼓楼区")[1].region.code == "350102"  # type: ignore[union-attr]
    assert gz.resolve("江苏省鼓楼区")[1].region is None
    # support from anywhere in the same text: the city named in another sentence
    text = "开封市老干部局召开座谈会。会上，鼓楼区介绍了经验。"
    assert [m.region.code for m in gz.resolve(text)] == ["410200", "410204"]  # type: ignore[union-attr]
    # the document's own context does
    [m] = gz.resolve("鼓楼区", context_codes=("region:350100",))
    assert m.region.code == "350102"  # type: ignore[union-attr]
    [m] = gz.resolve("朝阳区")
    assert m.region is None
    assert gz.resolve("北京朝阳区")[1].region.code == "110105"  # type: ignore[union-attr]


def test_ambiguous_town_needs_its_county(gz: Gazetteer) -> None:
    assert len(gz.lookup("城关镇")) > 50
    [m] = gz.resolve("城关镇")
    assert m.region is None
    town = gz.lookup("城关镇")[0]
    county = gz.get(town.parent_code)  # type: ignore[arg-type]
    mentions = gz.resolve(f"{county.name}城关镇")  # type: ignore[union-attr]
    assert mentions[-1].region == town


def test_nested_candidates_need_no_support(gz: Gazetteer) -> None:
    # 吉林 is 吉林省 or 吉林市 inside it: the broader reading is never wrong
    [m] = gz.resolve("吉林")
    assert m.region.code == "220000"  # type: ignore[union-attr]


def test_region_of_org_with_ambiguous_names(gz: Gazetteer) -> None:
    assert gz.region_of_org("中共鼓楼区委老干部局") is None
    assert gz.region_of_org("中共福州市鼓楼区委老干部局").code == "350102"  # type: ignore[union-attr]
    assert gz.region_of_org("江苏省鼓楼区老干部局").code == "320000"  # type: ignore[union-attr]
    assert gz.region_of_org("中共鼓楼区委", context_codes=("320300",)).code == "320302"  # type: ignore[union-attr]


# -- suggestions -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("沈杨市", "沈阳市"),
        ("红河洲", "红河州"),
        ("延边自治州", "延边州"),
        ("湘西自治州", "湘西州"),
        ("哈尔宾", "哈尔滨"),
        ("鼓楼去", "鼓楼区"),
        ("宁夏自治区", "宁夏回族自治区"),
    ],
)
def test_suggest_closest_names(gz: Gazetteer, typed: str, first: str) -> None:
    got = gz.suggest(typed)
    assert got and got[0] == first and len(got) <= 5, got


def test_suggest_nothing_for_nonsense(gz: Gazetteer) -> None:
    assert gz.suggest("xyz") == []
    assert gz.suggest("市") == []


# -- towns named like common words -------------------------------------------------------------
def test_towns_named_like_common_words_need_their_county(gz: Gazetteer) -> None:
    # 于城镇 (海盐县), 小城镇, 古城镇 … are towns; 城镇/乡镇/村镇 are everyday words
    assert surfaces(gz, "由于城镇化进程加快，推进中小城镇建设，老城镇改造和古城镇保护") == []
    assert surfaces(gz, "海盐县于城镇") == ["海盐县", "于城镇"]
    # 乡村 is a word: 海南乡村振兴 is 海南 and 乡村, not the township 海南乡 (海伦市)
    assert surfaces(gz, "推进海南乡村振兴") == ["海南"]
    assert surfaces(gz, "铁岭县阿吉镇") == ["铁岭县", "阿吉镇"]  # strong town names unchanged


def test_a_banners_contraction_is_found_in_a_unit_name(gz: Gazetteer) -> None:
    assert gz.region_of_org("察右后旗教体局").name == "察哈尔右翼后旗"  # type: ignore[union-attr]
    assert surfaces(gz, "准旗") == []  # two characters: typed, never scanned


def test_a_county_level_stem_of_three_characters_or_more_is_a_name(gz: Gazetteer) -> None:
    assert names_of(gz.lookup("都江堰")) == ["都江堰市"]
    assert [m.region.name for m in gz.resolve("乌兰浩特卷烟厂召开座谈会") if m.region] == ["乌兰浩特市"]
    assert surfaces(gz, "弘扬井冈山精神") == []  # a stop phrase, not the city
    assert county_stem("义乌市", "county") is None  # two characters: too often part of a word
    assert county_stem("郑州经济技术开发区", "county") is None


# -- divisions outside the NBS tree ------------------------------------------------------------


def test_xpcc_is_a_division_under_xinjiang(gz: Gazetteer) -> None:
    (corps,) = gz.lookup("兵团")
    assert corps.name == "新疆生产建设兵团" and gz.lookup("新疆兵团") == [corps]
    assert gz.path_names(corps.code) == ("新疆维吾尔自治区", "新疆生产建设兵团")
    assert gz.is_within(corps, gz.lookup("新疆")[0])
    # its short name is scanned in running text; metaphors and army units of that name are not it
    assert surfaces(gz, "兵团党委老干部局召开会议") == ["兵团"]
    assert surfaces(gz, "组建银发兵团，开展志愿服务") == []
    assert surfaces(gz, "他随野战军一兵团进疆") == []
    # its cities stay where the national division tree puts them
    assert gz.path_names(gz.lookup("石河子市")[0].code) == ("新疆维吾尔自治区", "石河子市")


def test_extra_divisions_need_a_known_parent() -> None:
    bad = [gazetteer.Region("660000", "某兵团", "city", "990000", ())]
    with pytest.raises(ValueError, match="extra_divisions"):
        Gazetteer([], [], bad)


def test_national_new_areas_and_demonstration_zones_resolve_to_the_region_holding_them(gz: Gazetteer) -> None:
    def path(name: str) -> tuple[str, ...]:
        (region,) = gz.lookup(name)
        return gz.path_names(region.code)

    assert path("天府新区") == ("四川省", "成都市")
    assert path("西咸新区") == ("陕西省",)  # across two cities: the province holds it
    assert path("青岛西海岸新区") == ("山东省", "青岛市", "黄岛区")
    assert path("杨凌示范区") == ("陕西省", "咸阳市", "杨陵区")
    assert surfaces(gz, "杨凌示范区老干部局组织老同志参观") == ["杨凌示范区"]
    # 杨凌 alone is typed, never scanned: it is also a person's name
    assert path("杨凌") == ("陕西省", "咸阳市", "杨陵区")
    assert surfaces(gz, "退休教师杨凌同志发言") == []
