"""The title steps (ingest.titlesteps) through read_bytes, with pages written for the test."""

from __future__ import annotations

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


def test_a_pages_first_section_heading_is_no_title() -> None:
    page = (
        "摘要：近年来，青松市积极推动干部荣誉退休工作，本文从四个方面介绍我市的做法。\n"
        "一、完善干部荣誉退休制度\n"
        "在推进干部荣誉退休工作的过程中，我市首先着眼于完善相关制度。\n"
    )
    doc = _doc(page)
    assert not (doc.title or "").startswith("一、")
    assert "未识别出标题" in doc.warnings


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


def test_an_opening_that_lays_down_the_rules_below_names_them() -> None:
    page = (
        "为调动老同志参与志愿服务的积极性，现结合实际，制定如下银龄志愿服务积分办法及兑换细则。\n"
        "一、积分制度\n对老同志的志愿服务量化积分，累计积分可兑换服务。\n二、适用范围\n组织关系在本单位的老同志。\n"
    )
    doc = _doc(page)
    assert doc.title == "银龄志愿服务积分办法及兑换细则"
    assert doc.doc_type in ("办法", "细则")
    # 制定本办法 names no rules of its own; 制定了如下实施方案 names none either
    assert not (_doc("为加强管理，制定本办法。\n第一条 本办法适用于老同志。\n").title or "").startswith(
        "本办法"
    )
    assert _doc("为加强管理，制定了如下实施方案。\n一、目标\n服务老同志。\n").title != "如下实施方案"
