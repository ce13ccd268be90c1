"""The settling steps (ingest.settlesteps) through read_bytes, with pages written for the test."""

from __future__ import annotations

import pytest

from ingest.pipeline import read_bytes


def _doc(text: str):  # type: ignore[no-untyped-def]
    [doc, *_] = read_bytes("page.txt", text.encode("utf-8"))
    return doc


def test_a_town_written_after_its_county_files_the_page_under_the_county() -> None:
    page = (
        "安吉县孝丰镇老干部党支部开展“银龄护河”志愿服务\n"
        "近日，安吉县孝丰镇老干部党支部组织二十余名老党员沿溪巡河，清理垃圾。\n"
        "支部书记表示，将把巡河活动坚持下去。\n"
    )
    doc = _doc(page)
    assert doc.region is not None and doc.region.name == "安吉县"


def test_a_town_named_on_its_own_is_filed_under_its_county_too() -> None:
    # a document's region is a division at county level or above; the town stays in its graph
    page = (
        "孝丰镇老干部党支部开展“银龄护河”志愿服务\n"
        "近日，孝丰镇老干部党支部组织二十余名老党员沿溪巡河，清理垃圾。\n"
        "支部书记表示，将学习安吉县各支部的做法，把巡河活动坚持下去。\n"
    )
    doc = _doc(page)
    assert doc.region is not None and doc.region.name == "安吉县"


def test_a_unit_named_by_its_countys_short_name_refines_the_sites_province() -> None:
    page = (
        "情系桑榆 同迎新春——北镇监狱举办老干部新春联欢\n"
        "发布时间：2031-02-12 来源：北镇监狱\n"
        "新春佳节来临之际，监狱党委班子成员走访慰问离退休老干部，送上节日祝福。\n"
    )
    [doc, *_] = read_bytes("page.txt", page.encode("utf-8"), source_url="https://www.ln.gov.cn/news/1.html")
    assert doc.region is not None and doc.region.name == "北镇市"


def test_a_page_whose_units_carry_a_countys_short_name_is_that_countys() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "在通山法院有一支特殊的党支部，党员人数达65人。\n"
        "几年来，通山法院的退休干部积极参与矛盾纠纷调解。\n"
        "通山法院老干部党支部多次被评为先进党支部。\n"
    )
    d = read_bytes("s.txt", text.encode("utf-8"))[0]
    assert d.region is not None and d.region.name == "通山县"


def test_a_street_offices_page_is_filed_under_its_district() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "四平路街道举办离退休老党员座谈会\n"
        "近日，四平路街道党工委举办离退休老党员座谈会，20余名老党员参加。\n"
        "四平路街道负责人介绍了街道为老服务工作情况。\n"
    )
    d = read_bytes("s.txt", text.encode("utf-8"))[0]
    assert d.region is not None and d.region.name == "杨浦区"


def test_a_provincial_unit_on_a_capitals_site_is_the_provinces() -> None:
    page = (
        "省气象局组织离退休干部参加健步走活动\n"
        "发布时间：2031-11-12 来源：省气象局\n"
        "为丰富老同志生活，省气象局组织离退休干部沿河健步走，大家精神饱满。\n"
    )
    url = "https://news.taiyuan.example.cn/a/1.html"
    [doc, *_] = read_bytes("page.txt", page.encode("utf-8"), source_url=url)
    assert doc.region is not None and doc.region.name == "山西省"


def test_a_piece_on_practice_across_provinces_is_the_nations() -> None:
    page = (
        "银龄志愿服务各地有新招\n"
        "发布时间：2031-11-12\n"
        "各地积极探索老党员发挥作用的新路子。\n"
        "绵阳市组织老党员宣讲政策，宝鸡市成立老党员调解工作室，"
        "淄博市开设银发讲堂，海口市推行志愿服务积分制。\n"
    )
    doc = _doc(page)
    assert doc.region is not None and doc.region.name == "全国"


def test_a_city_papers_story_on_its_winners_of_a_national_honour_is_the_citys() -> None:
    page = (
        "绵阳新闻网2031年1月1日讯（记者 张小山 通讯员 李大河）2030年12月30日，全国老干部工作表彰大会"
        "在北京召开。记者从市委老干部局了解到，绵阳共有一个集体和一人获表彰。\n"
        "其中，绵阳老干部志愿服务团获评全国离退休干部先进集体。\n"
    )
    doc = _doc(page)
    assert doc.region is not None and doc.region.name == "绵阳市"


def test_a_wire_dateline_with_its_year_dates_the_story_and_names_its_medium() -> None:
    page = (
        "青松网湖北通山2031年11月14日电(张小山、李大河)11月12日，通山县烈士陵园迎来一群平均年龄超过70岁的祭奠者，"
        "他们来自青松学院离退休人员第一党支部。\n"
        "老党员们瞻仰先烈，敬献花圈，重温入党誓词。\n"
    )
    doc = _doc(page)
    assert doc.date == "2031-11-14"
    assert doc.source_unit == "青松网"
    assert not (doc.author_unit or "").startswith("他们")


def test_a_provincial_units_report_on_visits_elsewhere_is_its_sites_province() -> None:
    page = (
        "省委老干部局学习交流外出考察成果\n"
        "发布时间：2031-11-12 来源：省委老干部局办公室\n"
        "近日，省委老干部局召开局务会，交流赴绵阳市、宝鸡市、淄博市、海口市学习考察的成果。"
        "大家认为，绵阳市的宣讲团、宝鸡市的调解室、淄博市的银发讲堂和海口市的积分制各有特色，值得借鉴。\n"
    )
    url = "https://www.ln.gov.cn/news/2.html"
    [doc, *_] = read_bytes("page.txt", page.encode("utf-8"), source_url=url)
    # a unit named by its level alone is one province's, never the nation's; the places it visited
    # are not whose page it is: the site's province
    assert doc.region is not None and doc.region.name == "辽宁省"


@pytest.mark.parametrize(
    ("title", "doc_type"),
    [
        ("青松省老促会调研组到白水市调研", "新闻报道"),  # a visit: news of an act
        ("青松省委老干部局第二调研组赴白水州开展专题调研", "新闻报道"),
        ("关于离退休干部党支部建设情况的调研", "调研报告"),  # a report's own title
    ],
)
def test_a_headline_reporting_a_visit_is_news_not_a_report(title: str, doc_type: str) -> None:
    text = f"{title}\n5月22日至25日，调研组一行先后走访了三个县区，召开座谈会听取意见。\n调研组对下一步工作提出要求。\n"
    assert _doc(text).doc_type == doc_type


def test_the_second_paragraphs_actor_places_a_page_nothing_else_places() -> None:
    page = (
        "老同志收看纪念大会\n"
        "2030年9月3日，是抗日战争胜利85周年纪念日。"
        "这一天，北京天安门广场举行纪念大会和阅兵式。\n"
        "丽水市政协办离退休支部的老同志们早早汇聚到会议室，共同收看纪念大会。\n"
        "大家纷纷表示深受鼓舞。\n"
    )
    region = read_bytes("p.txt", page.encode("utf-8"))[0].region
    assert region is not None and region.name == "丽水市"


def test_a_countys_media_centre_credited_with_the_reporter_places_a_village_story() -> None:
    page = (
        "青石镇红旗村有个老党员宣讲点\n"
        "9月3日，青石镇红旗村，老党员李某正在院子里给村民讲党史故事。\n"
        "宁乡市融媒体中心记者王某\n"
        "李某退休前在镇上工作，回村后把自家堂屋改成了宣讲点，还去长沙买来了展板。\n"
    )
    doc = _doc(page)
    assert doc.region is not None and doc.region.name == "宁乡市"  # the county-level city inside 长沙市
