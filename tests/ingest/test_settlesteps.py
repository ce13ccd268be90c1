"""The settling steps (ingest.settlesteps) through read_bytes, with pages written for the test."""

from __future__ import annotations

import pytest

from ingest.pipeline import read_bytes


def _doc(text: str):  # type: ignore[no-untyped-def]
    [doc, *_] = read_bytes("page.txt", text.encode("utf-8"))
    return doc


def test_a_document_named_in_the_opening_and_printed_below_is_the_title() -> None:
    page = (
        "近日，市委老干部局印发《“银龄同行 共建家园”倡议书》，号召老同志参与城市建设。\n"
        "中共青山市委老干部局\n"
        "“银龄同行 共建家园”倡议书\n"
        "广大离退休干部：\n一、争做文明的践行者。\n二、争做和谐的促进者。\n"
    )
    doc = _doc(page)
    assert doc.title == "“银龄同行共建家园”倡议书"
    assert doc.doc_type == "倡议书"


def test_a_transmittal_headed_only_by_its_number_takes_the_attached_documents_name() -> None:
    page = (
        "青关工委〔2020〕5号\n"
        "各县（区）关工委：\n"
        "现将修订后的《青山市关心下一代工作委员会议事规则》印发给你们，请遵照执行。\n"
        "特此通知。\n"
        "青山市关心下一代工作委员会议事规则\n"
        "第一章 总则\n第一条 为做好关心下一代工作，制定本规则。\n"
    )
    doc = _doc(page)
    assert doc.title == "青山市关心下一代工作委员会议事规则"
    assert doc.doc_no == "青关工委〔2020〕5号"


def test_a_quoted_name_never_printed_below_gives_no_title() -> None:
    page = "近日，市委老干部局印发《关于做实离退休干部党建的若干意见》。\n会议要求抓好落实。\n"
    assert _doc(page).title != "关于做实离退休干部党建的若干意见"


def test_the_sites_name_glued_before_the_headline_is_cut_as_the_breadcrumb_spells_it() -> None:
    page = (
        "当前位置：青松老体协官方网站 > 离退休处 > 规章制度\n"
        "青松老体协官方网站离退休职工关心下一代小组议事规则\n"
        "2023-03-22 15:13 | 编稿：张三\n"
        "第一条 为做好关心下一代工作，制定本条例。\n第二条 本会在校党委领导下工作。\n"
    )
    assert _doc(page).title == "离退休职工关心下一代小组议事规则"


def test_a_genre_label_before_the_headline_is_cut() -> None:
    page = "经验做法：以新担当新作为开创老干部工作新局面\n一、从抓点到促面，开拓党建模式。\n我们紧紧抓住支部书记这个关键。\n"
    assert _doc(page).title == "以新担当新作为开创老干部工作新局面"


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


def test_a_headless_template_page_is_named_by_its_collectors_note() -> None:
    page = (
        "金秋时节，我们迎来了重阳节，下面就是小编给大家整理的青松区重阳节老干部座谈会讲话，仅供参考。\n"
        "青松区重阳节老干部座谈会讲话(一)\n尊敬的各位老领导、老同志：\n今天，我们欢聚一堂，共度重阳佳节。\n"
    )
    assert _doc(page).title == "青松区重阳节老干部座谈会讲话"


def test_a_machine_translated_pages_first_headline_line_is_its_title() -> None:
    page = (
        "\nQingsong County: Make good use of silver-haired talents to serve the villages\n\n"
        "author:Retired cadres in Qingsong\n\n"
        "Recently, a senior agronomist of the county went to the planting base to give guidance on the spot. "
        "He answered the questions of the farmers one by one.\n"
    )
    assert _doc(page).title == "Qingsong County: Make good use of silver-haired talents to serve the villages"
    # a Chinese page keeps its own headline rules: an English menu line is no headline there
    chinese = (
        "English\n青松县银发人才助力乡村振兴\n近日，青松县银发人才服务队走进田间地头，为农户提供技术指导。\n"
    )
    assert _doc(chinese).title == "青松县银发人才助力乡村振兴"


def test_a_unit_named_by_its_countys_short_name_refines_the_sites_province() -> None:
    page = (
        "情系桑榆 同迎新春——北镇监狱举办老干部新春联欢\n"
        "发布时间：2031-02-12 来源：北镇监狱\n"
        "新春佳节来临之际，监狱党委班子成员走访慰问离退休老干部，送上节日祝福。\n"
    )
    [doc, *_] = read_bytes("page.txt", page.encode("utf-8"), source_url="https://www.ln.gov.cn/news/1.html")
    assert doc.region is not None and doc.region.name == "北镇市"


def test_a_pages_first_section_heading_is_no_title() -> None:
    page = (
        "摘要：近年来，青松市积极推动干部荣誉退休工作，本文从四个方面介绍我市的做法。\n"
        "一、完善干部荣誉退休制度\n"
        "在推进干部荣誉退休工作的过程中，我市首先着眼于完善相关制度。\n"
    )
    doc = _doc(page)
    assert not (doc.title or "").startswith("一、")
    assert "未识别出标题" in doc.warnings


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


def test_a_headline_printed_between_the_paragraphs_of_a_page_without_one_on_top() -> None:
    from ingest.pipeline import read_bytes

    page = (
        "本篇文章520字，读完约2分钟\n\n日前，记者从青松市委老干部局了解到，全市离退休党组织工作经费标准提高。\n\n"
        "青松市离退休党组织工作经费标准本月起提高\n\n新标准按党员人数核拨，每人每年200元。\n\n"
        "青松市离退休党组织工作经费标准本月起提高\n\n经费由市财政统一安排。\n"
    )
    assert read_bytes("p.txt", page.encode("utf-8"))[0].title == "青松市离退休党组织工作经费标准本月起提高"
    once = page.replace("青松市离退休党组织工作经费标准本月起提高\n\n经费", "经费")
    assert read_bytes("p.txt", once.encode("utf-8"))[0].title != "青松市离退休党组织工作经费标准本月起提高"


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


def test_a_headline_going_on_with_ji_on_its_next_line_is_one_title() -> None:
    page = (
        "2030年青山老年门球公开赛（松岭站）\n"
        "暨第三届青山松岭两地门球友谊赛竞赛规程\n"
        "一、比赛时间和地点\n2030年6月1日至3日在青山市体育中心举行。\n"
    )
    assert _doc(page).title == "2030年青山老年门球公开赛（松岭站）暨第三届青山松岭两地门球友谊赛竞赛规程"
    # a line that goes on with a sentence is the text, not the headline's second line
    other = page.replace("暨第三届青山松岭两地门球友谊赛竞赛规程", "暨第三届友谊赛同时举行，欢迎报名。")
    assert _doc(other).title == "2030年青山老年门球公开赛（松岭站）"
