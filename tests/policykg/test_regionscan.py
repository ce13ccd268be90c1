"""policykg.regionscan: the scan for region names in running text, its index, and the rules that
tell a place from a word that looks like one."""

from __future__ import annotations

import pytest

from policykg.gazetteer import Gazetteer
from policykg.regionrecords import Region
from policykg.regionscan import _in_persons_name, _is_street, _is_weak, find_mentions, scan_index

PEIXIAN = Region("320322", "沛县", "county", "320300")


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    tree = [
        {
            "code": "32",
            "name": "江苏省",
            "children": [
                {
                    "code": "3203",
                    "name": "徐州市",
                    "children": [
                        {
                            "code": "320322",
                            "name": "沛县",
                            "children": [{"code": "320322100", "name": "龙固镇"}],
                        }
                    ],
                }
            ],
        },
        {
            "code": "21",
            "name": "辽宁省",
            "children": [
                {"code": "2101", "name": "沈阳市", "children": [{"code": "210102", "name": "和平区"}]}
            ],
        },
    ]
    return Gazetteer(tree, [("沈阳故宫", "-", "stop", "")])


def surfaces(gz: Gazetteer, text: str) -> list[str]:
    return [m.surface for m in find_mentions(gz, text)]


# -- the index ---------------------------------------------------------------------------------
def test_scan_index_by_first_two_chars_longest_first() -> None:
    lengths, whole2, heads3 = scan_index(["沈阳市", "沈阳", "和平区", "京"], ["沈阳故宫"])
    assert lengths == {"沈阳": [4, 3, 2], "和平": [3]}  # one-character names are never scanned
    assert whole2 == {"沈阳"}
    assert heads3 == {"沈阳市", "和平区", "沈阳故"}


# -- the scan ----------------------------------------------------------------------------------
def test_offsets_and_the_gazetteer_method_agree(gz: Gazetteer) -> None:
    text = "我在沈阳市和平区工作"
    got = [(m.start, m.end, m.surface) for m in find_mentions(gz, text)]
    assert got == [(2, 5, "沈阳市"), (5, 8, "和平区")]
    assert gz.find_mentions(text) == find_mentions(gz, text)


def test_a_weak_name_needs_its_parent_grandparent_or_own_town(gz: Gazetteer) -> None:
    assert surfaces(gz, "沛县") == []
    assert surfaces(gz, "徐州市沛县") == ["徐州市", "沛县"]
    assert surfaces(gz, "江苏沛县") == ["江苏", "沛县"]  # its province, as headlines write it
    assert surfaces(gz, "辽宁沛县") == ["辽宁"]  # a province that does not hold it
    assert surfaces(gz, "沛县龙固镇") == ["沛县", "龙固镇"]


def test_false_continuations_streets_and_stop_phrases(gz: Gazetteer) -> None:
    assert surfaces(gz, "沈阳市场") == ["沈阳"]  # 市场, not 沈阳市
    assert surfaces(gz, "沈阳路小学") == []
    assert surfaces(gz, "参观沈阳故宫") == []


# -- the rules ---------------------------------------------------------------------------------
def test_is_weak() -> None:
    assert _is_weak(PEIXIAN, "沛县")
    assert not _is_weak(Region("320300", "徐州市", "city", "320000"), "徐州")
    assert not _is_weak(Region("210603", "振兴区", "county", "210600"), "振兴区")
    assert _is_weak(Region("410302", "老城区", "county", "410300"), "老城区")  # an everyday word
    assert _is_weak(Region("500154", "开州区", "county", "500000"), "开县")  # judged on the surface
    assert not _is_weak(Region("211221102", "阿吉镇", "town", "211221"), "阿吉镇")
    assert _is_weak(Region("330424100", "于城镇", "town", "330424"), "于城镇")
    assert _is_weak(Region("321323400", "五图河农场", "town", "321323"), "五图河农场")


def test_is_street() -> None:
    zhongshan = (Region("442000", "中山市", "city", "440000", ("中山",)),)
    assert _is_street("中山路社区", 2, "中山", zhongshan)
    assert _is_street("中山公园", 2, "中山", zhongshan)
    assert not _is_street("中山市路", 3, "中山市", zhongshan)  # the full name is the place
    assert not _is_street("中山大学", 2, "中山", zhongshan)


def test_in_persons_name() -> None:
    jiujiang = (Region("360400", "九江市", "city", "360000", ("九江",)),)
    assert _in_persons_name("郑九江同志", 3, "九江", jiujiang)
    assert not _in_persons_name("九江市同志们", 3, "九江市", jiujiang)
    assert not _in_persons_name("九江同学", 2, "九江", jiujiang)
    sichuan = (Region("510000", "四川省", "province", None, ("四川",)),)
    assert not _in_persons_name("四川同志们", 2, "四川", sichuan)


def test_a_river_bank_and_a_disaster_are_no_places() -> None:
    tree = [
        {
            "code": "15",
            "name": "内蒙古自治区",
            "children": [
                {"code": "1501", "name": "呼和浩特市", "children": [{"code": "150124", "name": "清水河县"}]}
            ],
        },
        {"code": "63", "name": "青海省", "children": [{"code": "6327", "name": "玉树藏族自治州"}]},
    ]
    gz = Gazetteer(tree, [("玉树", "玉树藏族自治州", "alias", "")])
    assert surfaces(gz, "清水河县委老干部局") == ["清水河县"]
    assert surfaces(gz, "活动中心从清水河畔搬到县城") == []  # the river the county is named after
    assert surfaces(gz, "为青海玉树地震灾区捐款") == ["青海"]  # the disaster, not the prefecture
    assert surfaces(gz, "玉树老干部") == ["玉树"]


def test_a_short_city_name_read_across_a_county_and_its_town_gives_way_to_the_town() -> None:
    # 临海东塍镇: 海东 (a city elsewhere) reads across 临海 and 东塍镇; the town is the place named
    tree = [
        {"code": "63", "name": "青海省", "children": [
            {"code": "6302", "name": "海东市", "children": [{"code": "630203", "name": "平安区"}]},
        ]},
        {"code": "33", "name": "浙江省", "children": [
            {"code": "3310", "name": "台州市", "children": [
                {"code": "331082", "name": "临海市", "children": [{"code": "331082100", "name": "东塍镇"}]},
            ]},
        ]},
    ]  # fmt: skip
    gz = Gazetteer(tree, [])
    assert surfaces(gz, "记临海东塍镇岭根村退休老党员") == ["东塍镇"]
    assert surfaces(gz, "到海东考察") == ["海东"]
    assert surfaces(gz, "青海海东市平安区") == ["青海", "海东市", "平安区"]
