"""The national scope rules (ingest.nationalscope), with sentences written for the test."""

from __future__ import annotations

import pytest

from ingest.nationalscope import (
    central_after_dateline,
    central_medium,
    central_story,
    is_central,
    speaks_for_the_nation,
)
from ingest.pipeline import read_bytes


@pytest.mark.parametrize(
    ("unit", "central"),
    [
        ("民政部", True),
        ("国家体育总局离退休干部局", True),
        ("中共中央组织部", True),
        ("省民政厅", False),
        ("中国地震局老干部活动中心", True),  # a central administration named 中国…局
        ("国家民委机关党委", True),  # a commission's usual short form
        ("中国老年大学协会调研组", True),  # a national association
        ("中国共产党青山县委员会", False),
        ("中国老年大学协会青山市分会", False),  # a branch of one
        ("水利部离退休干部局", True),
        ("中国科学院青松高原生物研究所", False),  # an institute of a national body sits in one place
        ("中国科学院老科学技术工作者协会", True),
        ("中国老科协", True),  # the usual short form of a national association
    ],
)
def test_is_central(unit: str, central: bool) -> None:
    assert is_central(unit) is central


@pytest.mark.parametrize(
    ("body", "national"),
    [
        ("新华社北京3月2日电（记者张三）民政部、全国老龄办2日共同启动“银龄行动”。", True),
        ("民政部、全国老龄办近日联合印发通知。", True),
        ("民政部离退休干部局的老同志近日座谈。", False),  # no act
        ("青山县民政局近日启动“银龄行动”。", False),  # not central
        ("2022年8月12日，水利部离退休干部局某党支部采用线上形式开展宣讲。", True),  # a dated opening
        ("5月1日，中国老年大学协会青山市分会开展活动。", False),  # a place's branch
    ],
)
def test_a_story_of_central_organs_acting(body: str, national: bool) -> None:
    assert central_after_dateline(body) is national


@pytest.mark.parametrize(
    ("body", "national"),
    [
        ("随着我国人口老龄化加深，离退休干部数量持续增加，做好服务管理意义重大。", True),
        ("党的十四大以后，全国各地认真落实中央对老干部工作的部署。", True),
        ("我校离退休党支部认真学习，我国老干部工作取得新进展。", False),  # the writer's own unit
        ("在市委领导下，我国老干部工作的经验在社区落地。", False),  # a local committee
        ("离退休干部是党的宝贵财富，要做好服务。", False),  # no national register
    ],
)
def test_an_essay_in_the_national_register(body: str, national: bool) -> None:
    assert speaks_for_the_nation(body) is national


def _region_of(text: str, url: str | None = None) -> str | None:
    [doc, *_] = read_bytes("essay.txt", text.encode("utf-8"), source_url=url)
    return doc.region.name if doc.region is not None else None


def test_a_placeless_national_essay_is_the_countrys() -> None:
    essay = "浅谈新时代离退休干部工作\n随着我国人口老龄化加深，离退休干部队伍结构发生变化。\n一、存在的问题\n服务方式单一。\n"
    assert _region_of(essay) == "全国"
    # the page's address places it first: a portal of one province hosting the same essay
    assert _region_of(essay, "https://www.shaanxi.gov.cn/a/1.html") == "陕西省"
    # a place in the text outweighs the national register
    assert _region_of(essay.replace("服务方式单一", "宝鸡市的服务方式单一")) == "宝鸡市"


@pytest.mark.parametrize(
    ("source", "region"),
    [
        ("中国铁路总公司离退休干部局", "全国"),  # a central enterprise's headquarters: the nation's
        ("中国农业银行离退休人员管理部", "全国"),
        ("中国农业银行江西分行", "江西省"),  # its branch is placed by the place it names
    ],
)
def test_a_central_enterprise_acting_is_the_nations_unless_it_names_its_place(
    source: str, region: str
) -> None:
    text = (
        "表彰离退休干部先进集体和先进个人\n"
        f"来源：{source}\n"
        "日前，系统内表彰了一批为老服务先进单位和个人。广大老同志积极响应号召，发挥优势作用。\n"
    )
    doc = read_bytes("c.txt", text.encode("utf-8"))[0]
    assert doc.region is not None and doc.region.name == region


def test_a_national_meeting_held_at_a_venue_is_the_nations() -> None:
    text = (
        "青松在线据行业网站报道 4月18日，2030年全国某某行业离退休干部工作会议在北京举行。"
        "会议回顾总结了上年离退休干部工作，对今年工作任务进行了安排部署。\n"
    )
    doc = read_bytes("m.txt", text.encode("utf-8"))[0]
    assert doc.region is not None and doc.region.name == "全国"
    local = "4月18日，全市离退休干部工作会议在青山区召开。会议部署了今年的工作。\n"
    doc = read_bytes("m.txt", local.encode("utf-8"))[0]
    assert doc.region is None or doc.region.name != "全国"


def test_the_supreme_court_and_procuratorate_are_central_organs() -> None:
    assert is_central("最高人民检察院") and is_central("最高检") and is_central("最高人民法院")
    assert not is_central("青松市人民检察院")
    assert central_after_dateline("今天下午，最高人民检察院举行座谈会，听取离退休老干部意见。")


def test_a_wire_story_whose_reporter_credit_runs_into_the_text_is_the_central_organs() -> None:
    text = (
        "青松网北京1月21日讯 记者 张小河 今天下午，最高人民检察院举行座谈会，听取离退休老干部意见。\n"
        "老干部们畅所欲言，提出了意见和建议。\n"
    )
    d = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert not d.clauses[0].text.startswith("记者")
    assert d.region is not None and d.region.name == "全国"


@pytest.mark.parametrize(
    ("body", "national"),
    [
        ("今天是重阳节 佳节之际 水利部离退休干部局 向系统离退休老同志送上节日祝福。", True),
        ("7月2日，全国老龄工作委员会下发通知，部署今年的敬老月活动。", True),
        ("新华社北京3月2日电 中共中央政治局委员出席座谈会并讲话。", True),
        ("本组报道由国家某某总局离退休干部局组稿，讲述老同志的故事。", True),  # 由 + organ: its subject
        ("新春佳节来临之际，国家青松和草原局党组书记、局长看望慰问了老同志。", True),  # a 国家…局
        ("认真落实党中央、国务院对退休人员管理的部署。", False),  # a list after 党中央, not a subject
        ("近年来，中国科学院某某研究所离退休党支部开展活动。", False),  # an institute sits in one place
        ("2030-06-21 08:17中国老年人体育协会6月18日，青分会举办健步走。", False),  # a credit, then a branch
        ("7月2日，全国老龄工作委员会下发通知。全市各单位认真落实。", False),  # a city's own scope
        ("7月2日，水利部离退休干部局组织参观。我校离退休党员参加。", False),  # the writer's own school
    ],
)
def test_a_placeless_story_of_a_central_organ(body: str, national: bool) -> None:
    assert central_story(body) is national


def test_a_placeless_page_opened_by_a_central_organ_is_the_countrys() -> None:
    text = (
        "敬老月活动倡导全民参与\n"
        "更新时间：2030-07-31\n"
        "今年是敬老月活动开展的第十个年头。记者了解到，敬老月活动由全国老龄工作委员会发起，今年以“敬老爱老”为主题。\n"
        "活动包括六个方面。\n"
    )
    assert _region_of(text) == "全国"


def test_a_placeless_commentary_from_a_central_medium_is_the_countrys() -> None:
    assert central_medium("人民网") and central_medium("《光明日报》") and not central_medium("青山日报")
    text = (
        "细品老党员的初心\n"
        "来源：人民网 2031-06-08 16:32\n"
        "“从工作岗位上可以退休，共产党员没有退休。”这句话朴实无华，却彰显了共产党人的信仰。\n"
        "对党忠诚是共产党员的身份证。\n"
    )
    assert _region_of(text) == "全国"
    # a place the text names places it first
    assert _region_of(text.replace("对党忠诚", "宝鸡市的老党员说，对党忠诚")) == "宝鸡市"


def test_a_national_society_named_after_a_revolutionary_spirit_is_the_nations() -> None:
    text = (
        "中国延安精神研究会召开理论研讨会\n"
        "近日，中国延安精神研究会召开理论研讨会，来自各地的专家学者参加会议。\n"
        "与会者围绕弘扬延安精神进行了交流。\n"
    )
    assert _region_of(text) == "全国"


def test_only_the_home_desk_dateline_of_a_central_medium_loses_its_place() -> None:
    from ingest.nationalscope import without_capital_dateline

    assert (
        without_capital_dateline("新华社北京10月10日电 习近平给老同志回信") == "新华社电 习近平给老同志回信"
    )
    assert "南京" in without_capital_dateline("新华社南京10月10日电 一批退休专家走进乡村")
    assert "北京" in without_capital_dateline("北京市委老干部局10月10日召开会议")


def test_a_national_honour_in_the_headline_is_no_national_piece() -> None:
    from ingest.nationalscope import NATIONAL_TITLE_RE

    assert not NATIONAL_TITLE_RE.search("追忆全国先进离休干部王某某")
    assert not NATIONAL_TITLE_RE.search("青松街道志愿者助力全国文明城区建设")
    assert NATIONAL_TITLE_RE.search("全国老干部工作会议在京召开")
    page = "追忆全国先进离休干部王某某\n王某某生前是长春市某局离休干部，长春市的老同志都记得他。\n他在长春市南关区住了四十年。\n"
    [doc] = read_bytes("p.txt", page.encode("utf-8"))
    assert doc.region is not None and doc.region.name != "全国"
