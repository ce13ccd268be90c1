"""Web pages and news articles as users bring them (ingest.webhead, ingest.webresidue, ingest.profiles).

Every fixture here is written for the test: it reproduces the *shape* of a kind of real page met in
the development set (bench/data/real_pages_*.tsv), with invented names, places and words.
"""

from __future__ import annotations

import re

import pytest

from ingest.coverage import check
from ingest.pipeline import read_bytes
from policykg.model import Document


def page(text: str, name: str = "p001.txt") -> Document:
    docs = read_bytes(name, text.encode("utf-8"))
    for d in docs:
        report = check(d)
        assert report.ok, (d.id, [d.text[a:b] for a, b in report.uncovered], report.overlapping)
    return docs[0]


def clause_text(d: Document) -> str:
    return "\n".join(c.text for c in d.clauses)


def paths(d: Document) -> list[str]:
    return [p for c in d.clauses for p in c.path]


PORTAL = """县区动态

您当前所在的位置: 首页 >> 动态要闻 >> 县区动态 >> 正文

青禾县政协推进离退休干部党支部规范化建设

发布日期:2024-06-03 09:47:14 来源:云岭日报 作者:王小明、李大红 点击:[]

青禾县政协准确把握离退休干部党支部建设标准，不断推动离退休干部党支部创优建强。

坚持每年由党组书记为退休干部党员讲授党课，到退休干部党支部调研，明确组织设置等7个方面要求。
"""


def test_portal_page_headline_meta_and_no_chrome_in_clauses() -> None:
    d = page(PORTAL)
    assert d.profile == "web"
    assert d.title == "青禾县政协推进离退休干部党支部规范化建设"
    assert d.date == "2024-06-03"
    assert d.source_unit == "云岭日报"
    assert d.authors == ["王小明", "李大红"]
    body = clause_text(d)
    for chrome in ("首页", "县区动态", "发布日期", "点击", "来源"):
        assert chrome not in body and all(chrome not in p for p in paths(d))
    assert d.clauses[0].text.startswith("青禾县政协准确把握")
    assert d.doc_type == "新闻报道"


def test_headline_with_meta_glued_on_is_split() -> None:
    d = page(
        "银发先锋服务队走进社区 时间：2023-05-09 来源：松江区委老干部局\n\n近日，服务队走进社区开展义诊，受到群众欢迎。\n"
    )
    assert d.title == "银发先锋服务队走进社区"
    assert d.date == "2023-05-09"
    assert d.source_unit == "松江区委老干部局"


@pytest.mark.parametrize(
    ("masthead", "source", "date"),
    [
        ("晨光日报客户端 2024-06-24 19:05:17", "晨光日报客户端", "2024-06-24"),
        ("北原日报/2025 年/11 月/18 日/第 003 版", "北原日报", "2025-11-18"),
        ("Qing He Ri Bao·2025-02-03 08:15", "Qing He Ri Bao", "2025-02-03"),
    ],
)
def test_masthead_gives_source_and_date(masthead: str, source: str, date: str) -> None:
    d = page(
        f"全市表彰首批示范党支部\n\n{masthead}\n\n6月24日，全市表彰首批100个示范党支部，这是抓好离退休干部党建的一项实招。\n"
    )
    assert d.title == "全市表彰首批示范党支部"
    assert d.date == date
    assert (d.source_unit or "").replace(" ", "") == source.replace(" ", "") or source.isascii()
    assert d.clauses[0].text.startswith("6月24日")


def test_meta_one_label_per_line_with_value_below() -> None:
    d = page(
        "凝聚银龄力量开展志愿服务\n2024-05-27\n作者:\n来源:\n东岳日报\n\n上学放学的钟点，路口常有穿红马甲的老人帮着指挥车辆。\n"
    )
    assert d.title == "凝聚银龄力量开展志愿服务"
    assert d.date == "2024-05-27"
    assert "东岳日报" in (d.source_unit, d.author_unit)
    assert "东岳日报" not in clause_text(d)


def test_speech_date_under_title_wins_over_publish_date() -> None:
    text = (
        "您现在所在的位置:首页\n"
        "张某某同志在全省老干部工作现场会上的讲话\n"
        "发布人:管理员 发布时间:2015-08-24 浏览次数:11560\n"
        "(2015年7月7日，根据录音整理)\n"
        "今天这个现场会开得很及时，大家要把心思集中到会上来。\n"
    )
    d = page(text)
    assert d.title == "张某某同志在全省老干部工作现场会上的讲话"
    assert d.date == "2015-07-07"
    assert d.doc_type == "讲话"
    # a salutation with a site's watermark glued on is still a salutation
    d = page("各位老领导、同志们: 某某文档之家\n今天我们召开座谈会，听取大家的意见。\n下面，我讲三点意见。\n")
    assert d.doc_type == "讲话"


def test_pinyin_glosses_leave_titles_and_text() -> None:
    text = "省委辦公廳印發(fā)關(guān)于加強(qiáng)離退休干部黨建工作的實施意見\n\n近日，省委辦公廳印發(fā)《關(guān)于加強(qiáng)離退休干部黨建工作的實施意見》，要求認真貫徹落實。\n"
    d = page(text)
    assert "(" not in d.title and "guān" not in d.text and "fā" not in d.search_text
    assert "關于加強" in d.text
    assert d.residue.get("pinyin")


def test_pinyin_glosses_without_tone_marks_leave_a_line_that_has_several() -> None:
    text = (
        "十位干部返鄉(xiang)記\n\n近日，我們(men)走訪了返鄉(xiang)的十位退休干部，他們(men)都很關心家鄉。\n"
    )
    d = page(text)
    assert d.title == "十位干部返鄉記"
    assert "(men)" not in d.text and "返鄉的十位" in d.text
    # one bracketed Latin word in a line is the text's own
    assert "PPT(ppt)" in page("退休干部学用PPT(ppt)制作课件\n\n近日，老年大学开设课件制作课。\n").text


def test_news_residue_is_kept_out_of_clauses_and_kept_as_metadata() -> None:
    text = (
        "老党员宣讲团走进校园\n"
        "记者 周一 通讯员 吴二\n"
        "本报讯（记者 周一 通讯员 吴二）3月5日，老党员宣讲团走进实验小学，为师生讲述红色故事。\n"
        "图为老党员在为学生讲课。\n"
        "┌──────┬──────┐\n"
        "│ 场次 │ 人数 │\n"
        "└──────┴──────┘\n"
        "宣讲团今年已开展宣讲二十余场，受众三千余人次，受到广泛好评。\n"
        "宣讲团今年已开展宣讲二十余场，受众三千余人次，受到广泛好评。\n"
        "资料无法下载？请看说明：\n"
        "免责声明：文中所述只是作者一家之言。\n"
        "分享到：微信 微博\n"
        "第1页 共2页\n"
        "（通讯员供稿）（责任编辑 郑三）\n"
    )
    d = page(text)
    body = clause_text(d)
    assert d.clauses[0].text.startswith("3月5日，老党员宣讲团走进实验小学")
    for residue in ("记者", "通讯员", "图为", "┌", "│", "下载", "免责声明", "分享", "第1页", "责任编辑"):
        assert residue not in body, residue
    assert "场次\t人数" in body  # a table row is kept as a row, its borders are not
    assert body.count("宣讲团今年已开展宣讲二十余场") == 1  # a repeated paragraph is indexed once
    # (the page counter goes with the layout repair's page numbers)
    for kind in ("byline", "caption", "table", "duplicate", "paywall", "disclaimer"):
        assert d.residue.get(kind), kind
    assert d.doc_type == "新闻报道"


def test_reposted_official_document_keeps_its_signing_date_and_issuers() -> None:
    text = (
        "省離退休干部黨支部工作暫行規定的通知\n"
        "時間:2022-02-21 04:40:00\n"
        "導語:本文來源于網友上傳，不代表本站觀點。\n"
        "各市黨委組織部、老干部局：\n"
        "現將《離退休干部黨支部工作暫行規定》印發給你們，請結合實際認真貫徹執行。\n"
        "中共某某省委組織部中共某某省委老干部局\n"
        "2005年9月23日\n"
    )
    d = page(text)
    assert d.date == "2005-09-23"
    assert d.issuers == ["中共某某省委組織部", "中共某某省委老干部局"]
    assert d.doc_type == "通知"
    assert "本站觀點" not in clause_text(d)


@pytest.mark.parametrize(
    ("title", "doc_type"),
    [
        ("关于印发离退休干部党支部提质增效若干措施的通知", "措施"),  # the transmitted document's type
        ("离退休干部党支部提质增效若干措施", "措施"),
        ("南湖市银龄行动实施方案", "实施方案"),
        ("离退休干部学习阅文制度", "制度"),
        ("关于全省离退休干部党支部建设情况的调研报告", "调研报告"),
        ("在老干部工作会议上的讲话和发言材料汇编(3篇)", "汇编"),
    ],
)
def test_types_of_real_files(title: str, doc_type: str) -> None:
    d = page(f"{title}\n\n为进一步做好离退休干部工作，结合实际，现提出如下要求。\n")
    assert d.doc_type == doc_type


def test_a_cited_document_in_a_headline_is_not_the_pages_type() -> None:
    d = page(
        "西坪市委老干部局集中学习《西坪市老干部服务保障十条意见》\n\n2月15日，西坪市委老干部局组织全体工作人员集中学习。\n"
    )
    assert d.doc_type == "新闻报道"
    assert d.author_unit == "西坪市委老干部局"  # the unit the headline opens with acted


def test_experience_write_up_is_typed_as_such() -> None:
    text = "聚焦“三个着力”提升离退休干部党建质量\n\n近年来，我们以支部规范化建设为着力点，探索形成了一套行之有效的做法。\n"
    assert page(text).doc_type == "经验交流"


def test_glued_speech_headline_is_split_from_the_salutation() -> None:
    d = page("在全县老干部工作会议上的讲话同志们：今天我们召开会议，回顾上年工作，安排本年任务。\n")
    assert d.title == "在全县老干部工作会议上的讲话"
    assert d.doc_type == "讲话"


def test_menu_rows_and_sidebar_lists_are_not_titles() -> None:
    text = (
        "网站首页 关于我们 新闻中心 联系我们\n"
        "政策指南\n"
        "- 老年人权益保障法...[19-02-14]\n"
        "关于明确离退休干部党组织活动经费有关事项的通知\n"
        "各县（市）委组织部：\n"
        "为让离退休干部党组织活动有钱办事，现将经费安排通知如下。\n"
    )
    d = page(text)
    assert d.title == "关于明确离退休干部党组织活动经费有关事项的通知"
    assert "首页" not in clause_text(d) and "...[" not in clause_text(d)


def test_a_page_without_any_headline_keeps_its_body_and_says_so() -> None:
    d = page("近日，北坡县召开老干部工作会议，部署全年重点工作。会议强调要做好服务保障。\n", name="x9.txt")
    assert "未识别出标题" in d.warnings
    assert d.clauses and d.clauses[0].text.startswith("近日，北坡县召开")


def test_a_compilation_page_with_part_markers_splits_into_pieces() -> None:
    text = (
        "离退休干部党建工作调研报告2篇\n"
        "第1篇：关于青禾县离退休干部党支部建设的调研报告\n"
        "近年来，青禾县委老干部局以党建带全局，推动离退休干部党支部规范化建设，取得了明显成效。\n"
        "一、基本情况\n"
        "全县共有离退休干部党支部36个，党员人数612名。\n"
        "第2篇：关于北坡县老干部活动阵地建设的调研报告\n"
        "今年以来，北坡县委老干部局围绕阵地建设开展专题调研，摸清了底数。\n"
    )
    docs = read_bytes("compilation.txt", text.encode("utf-8"))
    parent, *pieces = docs
    assert parent.doc_type == "汇编" and parent.title == "离退休干部党建工作调研报告2篇"
    assert [p.title for p in pieces] == [
        "关于青禾县离退休干部党支部建设的调研报告",
        "关于北坡县老干部活动阵地建设的调研报告",
    ]
    assert all(p.parent_id == parent.id and p.doc_type == "调研报告" for p in pieces)
    assert parent.children == [p.id for p in pieces]
    assert [c.text for c in pieces[0].clauses][-1] == "全县共有离退休干部党支部36个，党员人数612名。"
    for d in docs:
        assert check(d).ok


def test_a_compilation_with_a_table_of_contents_keeps_the_entries_as_the_pages_clauses() -> None:
    text = (
        "在老干部工作会议上的讲话和发言材料汇编\n"
        "目录\n"
        "1.在全市老干部工作会议上的讲话 ..........2\n"
        "2.退休老教师在全县老干部工作会议上的发言 ..........8\n"
        "在全市老干部工作会议上的讲话\n"
        "同志们：今天召开全市老干部工作会议，主要是回顾上年工作、安排本年任务。\n"
        "退休老教师在全县老干部工作会议上的发言\n"
        "各位领导、同志们：我是一名退休教师，今天很荣幸在这里发言。\n"
    )
    parent, *pieces = read_bytes("toc.txt", text.encode("utf-8"))
    assert parent.doc_type == "汇编"
    assert len(parent.clauses) == 2 and parent.clauses[0].text.startswith("1.在全市老干部工作会议上的讲话")
    assert [p.title for p in pieces] == [
        "在全市老干部工作会议上的讲话",
        "退休老教师在全县老干部工作会议上的发言",
    ]
    assert [p.doc_type for p in pieces] == ["讲话", "讲话"]
    assert check(parent).ok and all(check(p).ok for p in pieces)


def test_the_headline_is_the_line_above_the_meta_line() -> None:
    text = (
        "关注我们\n"
        "一直在路上\n"
        "【银发风采】银发生辉照山城——记青禾县老党员志愿服务队\n"
        "日期: 来源:青禾日报收集编辑:青禾日报\n"
        "他们年逾古稀，却意气风发；他们早已退休，仍然奋斗在基层治理一线。\n"
    )
    d = page(text)
    assert d.title == "银发生辉照山城——记青禾县老党员志愿服务队"
    assert d.source_unit == "青禾日报"
    assert "关注我们" not in clause_text(d)


def test_the_acting_unit_may_open_the_second_sentence() -> None:
    text = "九九佳节又来到，满城桂子正飘香。10月8日上午，由南湖市委老干部局主办的健步走活动在湿地公园举行。\n"
    assert page(text).author_unit == "南湖市委老干部局"


@pytest.mark.parametrize(
    "meta",
    [
        "2021-11-03 11:20:22来源:北原日报",
        "2021年11月03日16:56 | 来源:北原日报",
        "只看楼主 倒序阅读 发表于: 2021-11-03",
    ],
)
def test_a_date_leading_or_trailing_the_meta_line_is_the_publish_date(meta: str) -> None:
    d = page(
        f"《北原“十四五”离退休干部服务规划》发布\n{meta}\n规划明确了今后五年老干部工作的总体要求和主要任务。\n"
    )
    assert d.date == "2021-11-03"
    assert "北原日报" not in clause_text(d) and "倒序" not in clause_text(d)


def test_menus_of_short_lines_and_welcome_lines_are_not_headlines() -> None:
    text = (
        "欢迎访问青禾职业学院离退休工作处\n"
        "公司新闻\n"
        "行业新闻\n"
        "地址: 青禾市北坡路18号\n"
        "中国政府网 | 省委 | 省人大 | 省政府 | 省政协\n"
        "离退休处-2024\n"
        "青禾职业学院组织退休教职工重阳节登山健身\n"
        "10月11日，学院组织离退休老同志四十余人开展重阳节登高活动，共度佳节。\n"
    )
    d = page(text)
    assert d.title == "青禾职业学院组织退休教职工重阳节登山健身"
    body = clause_text(d)
    assert "公司新闻" not in body and "欢迎访问" not in body and "省人大" not in body


def test_a_transmitting_notice_without_a_title_takes_the_transmitted_documents_title() -> None:
    text = (
        "青委离退工〔2019〕1号\n"
        "各市委离退休干部工委、老干部局：\n"
        "现将《离退休干部党支部提质增效若干措施》印发给你们，望各地抓好落实。\n"
        "中共青禾省委离退休干部工作委员会\n"
        "2019年10月8日\n"
        "离退休干部党支部提质增效若干措施\n"
        "一、政治建设\n"
        "1.把讲政治放在第一位，守好纪律和规矩。\n"
    )
    d = page(text)
    assert d.title == "离退休干部党支部提质增效若干措施"
    assert (d.doc_no, d.date, d.doc_type) == ("青委离退工〔2019〕1号", "2019-10-08", "措施")


def test_a_papers_name_above_the_page_is_its_source_and_phrases_are_no_acting_unit() -> None:
    d = page(
        "北原老年报\n日期:01-15\n余杭实施“银暖助力”行动\n本报讯 近日，余杭区启动银暖助力行动，组织老党员结对帮扶。\n"
    )
    assert d.source_unit == "北原老年报"
    d = page("全省老干部局长会议召开\n4月12日，会议贯彻落实全国老干部局长会议精神，部署全年工作。\n")
    assert d.author_unit is None


def test_a_page_without_a_headline_is_shown_by_its_opening_words_not_its_file_name() -> None:
    d = page(
        "近日，北坡县召开老干部工作会议，部署全年重点工作。\n（参会同志在会场收看直播）\n会议强调要做好服务保障。\n",
        name="p7.txt",
    )
    assert d.title == "近日，北坡县召开老干部工作会议，部署全年重点工作"
    assert "未识别出标题" in " ".join(d.warnings) or any("标题" in w for w in d.warnings)
    assert "收看直播" not in clause_text(d) and d.residue.get("caption")


@pytest.mark.parametrize(
    ("opening", "source"),
    [
        # a paper whose name is one character before 报 (苏报-like): the dateline still names it
        ("湘报讯（记者 王一）近日，老同志们走进社区开展志愿服务活动，受到居民好评。", "湘报"),
        # a paper's credit opening the story without 讯: XX报通讯员 NAME 报道
        ("中国林业报通讯员张小三报道 近日，老同志们走进林场开展志愿服务活动，受到职工好评。", "中国林业报"),
    ],
)
def test_dateline_medium_is_the_source(opening: str, source: str) -> None:
    d = page(f"{opening}\n大家表示，要继续发挥余热，为家乡发展贡献力量。\n")
    assert d.source_unit == source
    assert not clause_text(d).startswith(opening[:6])


def test_medium_in_a_byline_is_the_source() -> None:
    d = page(
        "3月5日，全省老干部工作会议召开，会议部署了全年工作。\n大家表示，要抓好落实。\n（文图《夕阳红》记者 ）\n"
    )
    assert d.source_unit == "夕阳红"
    assert "夕阳红" not in clause_text(d)


def test_closing_unit_in_brackets_is_the_author_unit() -> None:
    d = page(
        "建党节当天，离退休干部党委带领老党员重温入党誓词。\n老党员们表示，要永葆本色。\n（青山大学离退休干部党委）\n"
    )
    assert d.author_unit == "青山大学离退休干部党委"  # 党委 ends the unit: not read as a writer's name
    assert "（青山大学" not in clause_text(d)


def test_salutation_opening_makes_a_speech() -> None:
    d = page("各位老领导、同志们：\n今天我们召开座谈会，听取大家对老干部工作的意见。\n下面，我讲三点意见。\n")
    assert d.doc_type == "讲话"


def test_issuers_on_their_own_line_above_a_document_title() -> None:
    d = page(
        "省委组织部、省人力资源社会保障厅\n关于表彰老干部工作先进单位的决定\n"
        "各市委组织部：\n为表彰先进，决定授予10个单位先进称号。\n"
    )
    assert d.issuers == ["省委组织部", "省人力资源社会保障厅"]
    assert d.doc_type == "决定"


def test_periodical_issue_line_names_the_source() -> None:
    d = page(
        "银龄风采\n2024-03-02 王小明\n夕阳红 2024年第5期 关键词:银龄\n"
        "近年来，各地老干部工作部门组织老同志发挥作用，成效明显。\n"
    )
    assert d.source_unit == "夕阳红"
    assert "2024年第5期" not in clause_text(d)


def test_long_dateline_with_agency_credit() -> None:
    d = page(
        "老干部表彰会开幕\n本报北京6月2日讯新华社记者王小明、本报记者李大红报道:表彰会今天上午开幕，代表出席会议。\n"
        "会议表彰了先进集体和个人。\n"
    )
    assert d.source_unit == "新华社"
    assert clause_text(d).startswith("表彰会今天上午开幕")


def test_spam_line_and_long_page_label_are_not_the_headline() -> None:
    d = page(
        "欧美一级一区二区,久久综合网,娱乐城官网\n\n2024年11月22日\n第07版:乐龄生活·银发经济 PDF版\n\n"
        "民政部部署老年志愿服务五项重点\n\n11月20日，民政部召开新闻发布会，介绍老年志愿服务重点工作。\n"
    )
    assert d.title == "民政部部署老年志愿服务五项重点"
    assert d.date == "2024-11-22"
    assert d.region is not None and d.region.name == "全国"
    assert "娱乐城" not in clause_text(d)


@pytest.mark.parametrize(
    ("closing", "field", "unit"),
    [
        ("（来源青山县委组织部）", "source_unit", "青山县委组织部"),
        ("(来源：青山县委组织部)", "source_unit", "青山县委组织部"),
        ("（青山县委老干部局供稿）", "author_unit", "青山县委老干部局"),
    ],
)
def test_source_note_closing_the_last_paragraph(closing: str, field: str, unit: str) -> None:
    d = page(
        f"老干部工委成立\n9月3日，县委离退休干部工委成立。\n会议要求，不断开创老干部工作新局面。{closing}\n"
    )
    assert getattr(d, field) == unit
    assert clause_text(d).endswith("新局面。")


def test_a_bracket_inside_a_sentence_is_kept() -> None:
    d = page("老干部工委成立\n9月3日，县委离退休干部工委（来源于原老干部科）成立，会议要求开创新局面。\n")
    assert "（来源于原老干部科）" in clause_text(d)


def test_a_long_site_statement_before_the_news_is_residue_and_not_the_opening() -> None:
    statement = (
        "本文仅代表作者观点，青松网只作转载。文中说到的事情和数字本站没有一一核对，"
        + "这里的说法是否准确、是否齐全、是否还新，本站一概不打包票，也不承担责任，读者看看即可，" * 3
        + "如有侵权请带上凭证找管理员删除！"
    )
    assert len(statement) > 160
    text = (
        "网站声明：\n"
        + statement
        + "\n近期，江宁区委老干部局组织老干部参与社区治理，取得了良好效果。\n"
        + "一是当好网格员。老干部们每周巡查两次。\n"
    )
    d = page(text)
    assert any("如有侵权" in item for item in d.residue.get("disclaimer", []))
    assert all("如有侵权" not in c.text for c in d.clauses)
    assert d.region is not None and d.region.name == "江宁区"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("喜报！青松县农机中心这个党支部获评2024年", "全县“五好”离退休干部党支部"),
        ("我县集中培训80余名", "离退休干部党支部书记"),
    ],
)
def test_a_headline_broken_after_a_number_is_joined(first: str, second: str) -> None:
    text = f"{first}\n{second}\n近日，青松县委老干部局举办培训班，县直各单位离退休干部党支部书记参加培训。\n"
    assert page(text).title == first + second
    # with a meta line under it (a web page's head) too
    web = f"{first}\n{second}\n发布时间：2024-05-06 来源：青松县委老干部局\n近日，青松县委老干部局举办培训班。\n"
    assert page(web).title == first + second


def test_a_headline_keeps_its_dash_subtitle() -> None:
    web = "银发映初心\n——青松县离退休干部党支部建设纪事\n2021-03-02 作者\n文/某某\n近年来，青松县坚持把离退休干部党支部建在一线。\n"
    assert page(web).title == "银发映初心——青松县离退休干部党支部建设纪事"
    plain = "银发映初心\n——青松县离退休干部党支部建设纪事\n近年来，青松县坚持把离退休干部党支部建在一线。\n"
    assert page(plain).title == "银发映初心——青松县离退休干部党支部建设纪事"


@pytest.mark.parametrize(
    ("first", "title"),
    [
        (
            "在全县重阳节老同志茶话会上的讲话尊敬的老领导们、同志们：大家好！今天我们欢聚一堂。",
            "在全县重阳节老同志茶话会上的讲话",
        ),
        (
            "老干部迎春座谈会致辞6篇 各位老领导，同志们：今天，我们在这里召开座谈会。",
            "老干部迎春座谈会致辞6篇",
        ),
        (
            "离退休干部思想建设调研报告 2022年初，青松县委老干部局组织开展专题调研，走访了二十个支部。",
            "离退休干部思想建设调研报告",
        ),
    ],
)
def test_a_title_glued_to_the_first_words_is_cut_off(first: str, title: str) -> None:
    d = page(first + "\n下面，我讲三点意见。\n一是加强学习。\n")
    assert d.title == title
    assert check(d).share_covered == 1.0  # nothing of the glued text is lost


def test_a_body_sentence_is_not_cut_after_a_type_word() -> None:
    text = (
        "近日，青松县召开老干部座谈会。\n县委书记在会上作了讲话尊敬的老同志们纷纷表示赞同，会议气氛热烈。\n"
    )
    d = page(text)
    assert any("讲话尊敬的老同志们" in c.text for c in d.clauses)


def test_a_signature_on_one_line_gives_issuer_and_date() -> None:
    text = (
        "各县市区委老干部局，市直各部门：\n"
        "为做好重阳节期间走访慰问工作，现就有关事项通知如下：\n"
        "一、走访对象为全市离休干部和困难退休干部。\n"
        "二、请于10月20日前完成走访。\n"
        "中共青松市委老干部局 2019年10月8日 |\n"
    )
    d = page(text)
    assert d.issuers == ["中共青松市委老干部局"] and d.date == "2019-10-08"
    assert d.doc_type == "通知"


@pytest.mark.parametrize(
    "title",
    [
        "市委老干部局召开全市老年社团联席会，市老体协出席会议并发言",
        "青松县关工委会同县委老干部局研究贯彻落实文件精神的具体实施办法",
    ],
)
def test_a_headline_reporting_an_act_is_not_typed_by_its_last_word(title: str) -> None:
    text = (
        f"{title}\n时间：2021-10-31 来源：青松老干部网\n23日，市委老干部局召开联席会议，各社团负责人参加。\n"
    )
    assert page(text).doc_type == "新闻报道"


def test_an_unlabelled_date_on_the_source_line_is_the_page_date() -> None:
    text = (
        "青松区试点五个老干部工作室\n"
        "来源:青松融媒体中心    2020-12-30 17:32\n"
        "近日，青松区委老干部局在五个社区试点老干部工作室，引导离退休干部发挥作用。\n"
    )
    d = page(text)
    assert d.date == "2020-12-30" and d.source_unit == "青松融媒体中心"


def test_a_report_opening_with_the_day_of_its_event_takes_that_day() -> None:
    text = "2018年3月6日，我县召开全县老干部工作会议，县委常委出席会议并讲话。\n会议总结了去年工作。\n"
    d = page(text)
    assert d.date == "2018-03-06"
    assert "未注明成文日期，使用正文开头的日期" in d.warnings


def test_credits_captions_and_site_lines_of_many_shapes_are_residue() -> None:
    text = (
        "青松县老年大学成立银晖志愿服务队\n"
        "2022-06-23 09:15:02 来源:青松日报\n"
        "字号变大| 字号变小\n"
        "3f2a9c0e5b7d4a1c8e6f0a2b4c6d8e0f 123456 2022-06-23 09:15:02 /a/20220623/3f2a9c0e.shtml\n"
        "青松讯(见习记者王某某 通讯员李某)6月21日，青松县老年大学成立了银晖志愿服务队，首批队员六十人。\n"
        "志愿者为老人测量血压的照片的来源:青松网\n"
        "(来源:青松融媒)\n"
        "作者:王某 编辑:李某\n"
        "【撰稿:赵某】\n"
        "凡本网未注明来源的作品，均转载自其它媒体。\n"
        "标签:正在获取...\n"
        "服务队将定期走进社区开展服务。(通讯员张某) |\n"
    )
    d = page(text.replace("\n", "\n\n"))  # paragraphs apart, as such pages print them
    body = clause_text(d)
    for shown in (
        "字号",
        "shtml",
        "见习记者",
        "照片的来源",
        "通讯员张某",
        "来源:青松融媒",
        "编辑:李某",
        "撰稿",
        "凡本网",
        "正在获取",
    ):
        assert shown not in body, shown
    assert "首批队员六十人" in body and "定期走进社区" in body
    assert d.date == "2022-06-23" and d.source_unit == "青松日报"
    assert check(d).share_covered == 1.0


def test_markup_left_in_a_text_file_is_stripped_and_the_words_kept() -> None:
    text = (
        "某某的美篇\n\n某某\n\n"
        '<p class="ql-block"><span style="font-size: 22px;">  银发映初心 奋进新征程</span></p> '
        '<p class="ql-block"><span style="font-size: 18px;">  青松乡老干部党支部根据乡党委部署，'
        "于2023年10月26日组织老党员集中学习。</span></p>"
        '<p class="ql-block"><span>大家表示&nbsp;要把学习成果转化为实际行动。</span></p>\n'
    )
    d = page(text)
    assert "<span" not in d.text and "ql-block" not in d.text
    assert d.title.replace(" ", "") == "银发映初心奋进新征程"
    assert any("网页标记" in w for w in d.warnings)
    assert "转化为实际行动" in clause_text(d)


def test_an_editors_lone_paragraph_tag_or_line_breaks_are_markup_too() -> None:
    # a page cut short after its first <p class=…>, and a poem's lines joined by <br>: fewer than three tags
    d = page(
        "青松军休老同志参观红色基地\n"
        '<p class="ql-block"> 6月22日至23日，青松市军休中心组织老同志参观红色教育基地。\n'
        "大家深受教育。诗曰：<br>百年风雨红旗展，万里山河颂党恩。\n"
    )
    assert "<" not in d.text and "ql-block" not in d.text
    assert "百年风雨红旗展" in clause_text(d)
    assert (
        page("青松诗社成立\n社员们说，<b>读诗</b>让晚年更充实。\n").text.count("<b>") == 1
    )  # one tag in prose stays


def test_a_headline_with_a_colon_above_a_blank_line_is_not_joined_to_the_text() -> None:
    text = (
        "2024-12-20 09:03:47 | 青松新闻网\n\n来源: 青松晚报\n\n"
        "路北:“银龄”志愿唱响最美“夕阳红”\n\n"
        "在青松区，有一群可爱的银龄志愿者，他们积极投身志愿服务。\n\n"
        "近日，社区组织开展志愿服务活动。\n"
    )
    d = page(text)
    assert d.title == "路北:“银龄”志愿唱响最美“夕阳红”"
    assert d.date == "2024-12-20" and d.source_unit == "青松晚报"


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("青松日报 2017-06-07 08:20 大字", "2017-06-07"),
        ("青松老年大学主办 (总第55期) 2023年09月18日", "2023-09-18"),
    ],
)
def test_the_one_date_of_a_short_line_above_the_text_is_the_page_date(line: str, date: str) -> None:
    text = f"全市老干部工作会议召开\n\n{line}\n\n6月6日，青松市召开老干部工作会议，回顾上年工作，安排本年任务。\n"
    assert page(text).date == date


def test_a_papers_masthead_with_font_controls_gives_source_and_date() -> None:
    text = "全市老干部工作会议召开\n\n青松日报 2017-06-07 08:20 大字\n\n本报讯(记者王某)6月6日，青松市召开老干部工作会议。\n"
    d = page(text)
    assert (d.source_unit, d.date) == ("青松日报", "2017-06-07")


def test_a_day_without_its_year_takes_the_year_the_headline_names() -> None:
    text = "青松县2023年重阳节敬老活动综述\n\n10月23日，青松县委老干部局组织离退休干部开展重阳节活动。\n\n活动内容丰富。\n"
    d = page(text)
    assert d.date == "2023-10-23"
    assert any("年份由标题或正文推断" in w for w in d.warnings)
    # no year anywhere: no date is invented
    assert page("重阳节敬老活动综述\n\n10月23日，青松县组织离退休干部开展活动。\n").date is None


def test_units_credited_on_lines_of_their_own() -> None:
    article = (
        "省级先进集体——青松县县直老干部党总支事迹简介\n\n弘扬好传统 焕发新青春\n\n"
        "—— 青松县县直老干部党总支\n\n总支下辖三个支部，共有退休党员一百六十人。\n"
    )
    d = page(article)
    assert d.author_unit == "青松县县直老干部党总支"
    assert all("——" not in c.text for c in d.clauses)
    bulletin = "教学研究\n\n青松老年大学主办 (总第55期) 2023年09月18日\n\n编者按：本期刊登三篇论文。\n"
    d = page(bulletin)
    assert (d.source_unit, d.date) == ("青松老年大学", "2023-09-18")
    news = "近日，青松区召开老干部工作会议，区委副书记出席并讲话。\n\n会议部署了今年的工作。\n\n青松区委老干部局 供稿\n"
    d = page(news)
    assert d.author_unit == "青松区委老干部局"
    assert all("供稿" not in c.text for c in d.clauses)


def test_a_page_without_headline_takes_the_unit_its_text_opens_with() -> None:
    text = "7月11日上午，民盟青松市委离退休工作委员会在机关会议室召开全体委员会议。会议研究了今年的活动安排。(组织处)\n"
    d = page(text)
    # the department credited at the end stays the author; the unit the text opens with is the source
    assert (d.author_unit, d.source_unit) == ("组织处", "民盟青松市委离退休工作委员会")


def test_a_two_digit_year_time_stamp_is_the_page_date() -> None:
    text = "全省关工委基层组织工作交流会在青松召开\n\n  • 25-11-28 20:22:22\n\n28日，省关工委在青松召开总结会，50余人参加会议。\n"
    assert page(text).date == "2025-11-28"


def test_short_lines_no_rule_places_still_lie_in_a_clause() -> None:
    text = (
        "青松市离退休干部银发建功活动如火如荼\n\n写春联\n\n义诊\n\n"
        "不忘初心，甘当志愿者。8月中旬开始，青松市组织离退休干部开展志愿服务。\n\n"
        "编者按\n\n本期刊登三篇论文。\n\n王某某\n\n论文围绕老年教育展开。\n\n附件下载：\n"
    )
    d = page(text)
    report = check(d)
    assert report.ok, [d.text[a:b] for a, b in report.uncovered]
    body = clause_text(d)
    for line in ("写春联", "义诊", "编者按", "王某某"):
        assert line in body, line


def test_a_glossed_headline_over_a_dateline_stays_the_headline() -> None:
    text = (
        "青松區(qū)民政局成立“銀齡行動(dòng)”志愿服務(wù)團(tuán)隊(duì) 吸納92名志愿者\n"
        "中新網青松5月21日電 (記者 某某)青松區民政局20日舉行志愿服務團隊成立儀式，共吸納92名退休老人。\n"
        "民政局副局長表示，將為志愿者提供培訓。\n"
    )
    d = page(text)
    assert d.title.replace(" ", "") == "青松區民政局成立“銀齡行動”志愿服務團隊吸納92名志愿者"
    assert "(qū)" not in d.text and d.residue.get("pinyin")


@pytest.mark.parametrize("chrome", ["友情链接", "我要投稿 下载七一APP"])
def test_link_lists_and_app_prompts_above_the_headline_are_chrome(chrome: str) -> None:
    text = f"{chrome}\n\n银龄志愿服务队成立\n\n发布时间：2023-10-27 16:25:06\n\n9月27日，青松区银龄志愿服务队成立。\n"
    assert page(text).title == "银龄志愿服务队成立"


def test_a_headline_broken_after_a_time_word_is_joined() -> None:
    text = "“五老”宣讲团昨天\n走进青松三中\n本报讯(记者 某某)昨日，由市关工委组织的报告会在青少年宫举行。\n"
    assert page(text).title == "“五老”宣讲团昨天走进青松三中"


def test_page_title_shapes_of_portals_and_sharing_sites() -> None:
    browser_title = (
        "青松县委老干部局开展“相约重阳”系列活动 青松新闻—某某新闻网-某某官方网站\n"
        "某某网青松新闻10月14日电(王某某)为弘扬敬老美德，青松县委老干部局开展系列活动。\n"
    )
    d = page(browser_title)
    assert d.title == "青松县委老干部局开展“相约重阳”系列活动"
    assert "王某某" not in clause_text(d)
    shared = "《县委书记在重阳节座谈会上的致辞.docx》由会员分享，可在线阅读\n各位老同志：今天我们欢聚一堂。\n"
    assert page(shared).title == "县委书记在重阳节座谈会上的致辞"
    menu = "2024-04-29 09:40:08\n首页 国际 港澳 华人 中国 社会 领导 地方 人物 城市 财经 金融 科技 教育 文化 体育 健康 军事 图片 评论\n省老干部阵地建设现场交流会在青松顺利召开\n4月28日，全省老干部阵地建设现场交流会在青松召开。\n"
    assert page(menu).title == "省老干部阵地建设现场交流会在青松顺利召开"
    tail = (
        "“银发”志愿者：人退休心不退 余热暖邻里 2022-11-14 18:13\n\n近年来，青松县组织银发志愿者开展服务。\n"
    )
    assert page(tail).title.replace(" ", "") == "“银发”志愿者：人退休心不退余热暖邻里"


@pytest.mark.parametrize(
    ("closing", "unit"),
    [
        ("(离退休工作服务处党总支 文/王某 图/李某 审核/杨某)", "离退休工作服务处党总支"),
        ("(离退休干部处)", "离退休干部处"),
    ],
)
def test_a_credit_closing_the_text_names_its_unit(closing: str, unit: str) -> None:
    text = f"青松学院老同志开展主题党日活动\n\n10月25日上午，青松学院老同志开展主题党日活动，重温入党誓词。\n\n丰富了老同志的精神文化生活。{closing}\n"
    d = page(text)
    assert unit in (d.author_unit or "") + (d.source_unit or "")
    assert closing.strip("()") not in clause_text(d)


def test_a_publishing_unit_before_the_meta_fields_is_the_source() -> None:
    text = "银发力量书写时代华章\n\n中共青松市委老干部局 发布时间:2025-01-17 阅读次数:4273次\n\n近日，全市老干部工作表彰会召开。\n"
    d = page(text)
    assert "中共青松市委老干部局" in (d.source_unit, d.author_unit) and d.date == "2025-01-17"
    assert "发布时间" not in clause_text(d)


def test_a_sites_own_name_at_its_head_is_the_page_owner() -> None:
    text = "青松市人民政府地方志办公室门户网站\n您的位置:首页 >> 志鉴书库 >> 区志\n退休职工管理\n全区企事业单位退休职工由社会保险机构管理，约有一千四百人。\n"
    d = page(text)
    assert d.source_unit == "青松市人民政府地方志办公室"


def test_a_stamped_spam_line_is_no_headline_and_a_headline_goes_on_with_its_verb() -> None:
    spam = "青松好乡亲丨“五老”宣讲团：十年讲台情系桑梓\n\n某站影视 电影 2025-08-07 11:03 1\n\n摘要：近年来，青松区“五老”宣讲团坚持宣讲。\n"
    assert page(spam).title == "青松好乡亲丨“五老”宣讲团：十年讲台情系桑梓"
    broken = (
        "市委老干部局\n举办专兼职人员培训班\n发布时间：2021-05-06\n近日，市委老干部局举办专兼职人员培训班。\n"
    )
    assert page(broken).title == "市委老干部局举办专兼职人员培训班"


def test_a_page_counter_opening_the_text_is_residue() -> None:
    d = page(
        "第1页共12页老干部工作上半年工作总结。一、坚持好八项制度，认真落实两项待遇。\n二、加强党支部建设。\n"
    )
    assert "第1页" not in clause_text(d) and not d.title.startswith("第1页")


def test_app_chrome_phone_lines_and_a_bare_time_stamp() -> None:
    text = "某某Logo\n下载客户端\n登录\n  • +1\n太极扇旗袍秀：青松社区老年大学开学礼精彩纷呈\n2021-04-12 16:02\n来源：青松日报\n4月10日上午，青松社区老年大学举行开学典礼。\n"
    d = page(text)
    assert d.title == "太极扇旗袍秀：青松社区老年大学开学礼精彩纷呈" and d.date == "2021-04-12"
    notice = "028-86690509\n\n关于做好重阳节走访慰问工作的通知\n各区县民政局：\n现将有关事项通知如下：\n一、走访对象。\n"
    assert page(notice).title == "关于做好重阳节走访慰问工作的通知"
    stamped = "全球热门：某指数9月13日涨0.31%\n2022-09-13 17:23:26\n(资料图)\n本报讯 (记者 张某) 近日，市委老干部局主办的书画展开展。\n"
    assert page(stamped).date == "2022-09-13"


def test_a_titles_chunk_number_and_count_suffix() -> None:
    speech = "1、在2024年全市重阳节茶话会上的致辞发言1尊敬的老同志们：大家好！今天我们欢聚一堂。\n"
    assert page(speech).title == "在2024年全市重阳节茶话会上的致辞发言"
    from ingest.headlineclean import clean_headline

    assert clean_headline("重阳节演讲稿题目(大全13篇)") == "重阳节演讲稿题目(大全13篇)"


def test_county_media_datelines_and_paper_credits_closing_a_traditional_page() -> None:
    text = "县卫健委离退休支部召开换届选举会议\n青松融媒讯 近日，县卫健委机关离退休党支部召开换届党员大会。\n会议选举产生新一届支部委员会。\n"
    d = page(text)
    assert d.source_unit == "青松融媒" and "融媒讯" not in clause_text(d)
    trad = "10月17日上午，湖北省離退休幹部書畫攝影展開幕。\n展覽展出作品三百餘幅。(青松日報記者王某 通訊員宋某)\n"
    d = page(trad)
    assert "記者" not in clause_text(d) and d.source_unit == "青松日报"


def test_a_media_reporter_credit_line_is_no_heading() -> None:
    text = "青松街道开展慰问离退休老干部活动\n\n青松报·豫视频记者 王某某 通讯员 李某 张某\n\n九九重阳节来临之际，青松街道走访慰问离退休老干部。\n\n老干部们表示感谢。\n"
    d = page(text)
    assert all(not c.path for c in d.clauses) and "通讯员" not in clause_text(d)
    assert d.source_unit == "青松报"


def test_image_labels_copyright_footers_and_trainee_editors_are_residue() -> None:
    text = (
        "青松区老干部书画展开展\n\n(资料图)\n\n本报讯 近日，青松区老干部书画展开展。\n\n展出作品二百余幅。\n\n"
        "见习编辑:周某\n\n中共青松市委老干部局版权所有 联系地址:青松市某路1号邮编:100000\n"
    )
    d = page(text)
    body = clause_text(d)
    assert all(not c.path for c in d.clauses)
    assert "版权所有" not in body and "见习编辑" not in body
    assert d.source_unit == "中共青松市委老干部局"


def test_a_level_only_acting_unit_is_named_with_the_pages_city() -> None:
    text = "近日，市委老干部局印发倡议书，号召全市离退休干部助力文明城市创建。\n\n沧州市各级老干部工作部门积极响应。沧州市老同志踊跃参与。\n"
    d = page(text)
    assert d.region is not None and d.region.name == "沧州市"
    assert "沧州市委老干部局" in (d.author_unit, d.source_unit)


@pytest.mark.parametrize(
    "chrome",
    ["手机终端下载:", "欢迎进入青松县委组织部网站!", "您的当前位置:", "青松市妇幼保健院青松市儿童医院"],
)
def test_site_lines_above_the_headline_are_not_the_headline(chrome: str) -> None:
    text = f"{chrome}\n离退休支部开展户外主题党日活动\n发布时间：2019-03-20\n3月19日，青松市离退休支部开展户外主题党日活动。\n"
    assert page(text).title == "离退休支部开展户外主题党日活动"


def test_a_headline_that_reports_what_was_stressed_goes_on() -> None:
    text = "青松县委书记在会见老干部代表时强调\n把老干部工作做细做暖\n本报讯 青松县委书记会见了老干部代表。\n"
    assert page(text).title == "青松县委书记在会见老干部代表时强调把老干部工作做细做暖"


def test_a_bracketed_title_glued_to_a_salutation_and_a_close_button() -> None:
    assert (
        page("【重阳节茶话会领导讲话稿】尊敬的老前辈们、朋友们：今天我们欢聚一堂。\n").title
        == "【重阳节茶话会领导讲话稿】"
    )
    text = "close【专题】青松四位老人自组宣讲队宣讲党的精神\n发布时间：2017-11-20\n近日，青松县四位老人组成宣讲队。\n"
    d = page(text)
    assert d.title == "青松四位老人自组宣讲队宣讲党的精神"
    assert (d.author_unit or "").find("四位") < 0


def test_an_e_paper_breadcrumb_dates_the_page_and_a_days_own_sentence_gives_its_year() -> None:
    crumb = "当前位置:青松日报 第2019-03-20期 第A4版:县域观察\n\n青松县第十六届老干部体育运动会开幕\n\n3月17日，青松县老干部体育运动会正式开幕。\n"
    assert page(crumb).date == "2019-03-20"
    dateline = "青松云—青松日报讯(记者王某)2月2日，市政协召开2024年机关离退休干部迎春座谈会。\n2023年，老同志们积极建言。2023年工作成效明显。\n"
    assert page(dateline).date == "2024-02-02"


def test_a_date_then_medium_line_and_a_breadcrumb_naming_the_paper() -> None:
    text = "青松：退休老党员扎根社区当热心人\n2019-12-02     天天青松网\n「老张，楼道灯又坏了，你能帮忙看看吗？」\n老党员张某退休后在社区服务。\n"
    d = page(text)
    assert (d.source_unit, d.date) == ("天天青松网", "2019-12-02")
    crumb = "当前位置:青松日报 第2019-03-20期 第A4版:县域观察\n\n青松县老干部体育运动会开幕\n\n3月17日，青松县老干部体育运动会开幕。\n"
    assert page(crumb).source_unit == "青松日报"


def test_spam_markup_of_any_element_name_is_stripped() -> None:
    text = '<legend id="h4sia"></legend><s id="x1"></s><dfn id="y2"></dfn>下地听场“土味”宣讲\n近日，青松县老干部宣讲团走进田间地头开展宣讲。\n'
    d = page(text)
    assert d.title == "下地听场“土味”宣讲" and "<" not in d.text


@pytest.mark.parametrize(
    ("head", "date"),
    [
        ("作者某某    发布时间2011-12-05 17:04:20   来源", "2011-12-05"),
        ("撰写时间: | 2019-11-04 | 浏览次数: | - | 来源: | 青松区委老干部局 |", "2019-11-04"),
        ("浏览次数:\n次 发布日期:2012-12-20", "2012-12-20"),
        ("编辑:来源:离退休干部工作发布时间:2024-04-08 04:41:39点击:", "2024-04-08"),
    ],
)
def test_dates_in_meta_rows_of_many_shapes(head: str, date: str) -> None:
    text = f"青松县老干部工作总结\n{head}\n2月9日上午，青松县第二人民医院离休支部书记一行走访了离休干部。\n"
    d = page(text)
    assert d.date == date
    assert any(c.text.startswith("2月9日上午") for c in d.clauses)


def test_template_tokens_two_part_crumbs_record_numbers_and_urls_around_a_headline() -> None:
    template = "第[db:版面标题1]版:a0004版:新闻上一篇下一篇\n青松实施银暖助力行动\n日期:2024-01-15\n近日，青松区实施银暖助力行动。\n"
    assert page(template).title == "青松实施银暖助力行动"
    crumb = "新闻频道>社会万象\n青松省扎实推进老干部工作创新发展\n发布时间：2023-05-06\n近年来，青松省老干部工作创新发展。\n"
    assert page(crumb).title == "青松省扎实推进老干部工作创新发展"
    from ingest.headlineclean import clean_headline

    assert clean_headline(
        "编号:897772青松县30多名离退休老干部投身文明行动http://www.example.com 2024年5月10日"
    ) == ("青松县30多名离退休老干部投身文明行动")


# --- round 4 shapes (held-out set j read after scoring) -------------------------------------------


def test_headline_under_a_bare_date_line_is_not_joined_to_the_text() -> None:
    d = page(
        "2023.05.06\n离退休党委：召开年度组织生活会\n根据学校党委通知精神，离退休党委于4月中旬召开会议，部署组织生活会。\n"
    )
    assert d.title == "离退休党委：召开年度组织生活会"
    assert d.date == "2023-05-06"
    assert d.clauses[0].text.startswith("根据学校党委通知精神")


def test_column_name_glued_before_the_meta_line_is_not_the_title() -> None:
    d = page(
        "当前位置:首页 > 离退风采 > 夕阳诗韵\n"
        "夕阳诗韵时间:2018-09-20  来源:离退办  【 |  | 】  【打印\n\n"
        "李青松《秋日登高》\n\n秋风送爽登高处，层林尽染满山红。\n\n老骥伏枥志千里，夕阳无限映晚晴。\n"
    )
    assert d.title == "李青松《秋日登高》"
    assert d.date == "2018-09-20"
    assert d.source_unit == "离退办"  # the 【 | | 】【打印 buttons are not part of it


def test_headline_trailing_off_is_kept_and_a_button_is_no_source() -> None:
    d = page(
        "当前位置：首页 > 党建工作\n\n【特别关注】光荣在党50年！市林业局为老党员颁发纪念章……\n\n"
        "发布时间：2021-06-28 信息来源： 【打印此页】\n\n"
        "近日，市林业局负责同志上门看望老党员，把“光荣在党50年”纪念章送到他们手中。\n"
    )
    assert d.title == "光荣在党50年！市林业局为老党员颁发纪念章……"
    assert d.source_unit != "打印此页" and "打印" not in (d.source_unit or "")


def test_capture_stamp_under_the_headline_is_not_the_date() -> None:
    d = page(
        "编号:123456\n青山县离退休老干部积极投身文明城市创建\n"
        "http://www.example.com 2024年5月10日晚霞2016年第9期\n"
        "“文明城市创建”是当前青山县的重点工作。今年65岁的老干部王德明说，我们也要出一份力。\n"
    )
    assert d.date != "2024-05-10"


def test_breadcrumb_without_spaces_and_a_members_link_are_chrome() -> None:
    d = page(
        "某某网\n某某网>>江南频道>>综合栏目>>政务动态\n"
        "另一篇调查与思考【VIP专享】\n"
        "青山区：抓实离退休干部工作 赋能社区治理\n"
        "李明\n2022年06月10日15:53 | 来源：某某网-江南频道\n"
        "近年来，青山区抓实离退休干部党建，引导离退休干部融入社区治理。\n"
    )
    assert d.title == "青山区：抓实离退休干部工作赋能社区治理"  # the space between Han goes
    assert d.source_unit == "某某网-江南频道"  # the 来源 after a time stamp and | is no site suffix
    assert d.date == "2022-06-10"
    assert "李明" in d.authors  # the writer's name between the headline and the meta line
    assert "来源" not in clause_text(d)


def test_subtitle_line_under_a_headline_is_not_joined_to_the_text() -> None:
    d = page(
        "银发余热耀青山 初心不改谱新篇\n——记青山县老干部党支部\n青山县老干部党支部成立于1997年9月，现有党员48名。近年来，支部坚持“三会一课”。\n"
    )
    assert d.title is not None and d.title.endswith("——记青山县老干部党支部")
    assert d.clauses[0].text.startswith("青山县老干部党支部成立于")


def test_document_sharing_notes_above_the_document_are_residue() -> None:
    d = page(
        "1、本站文档一经付费，不意味着购买了该文档的版权，仅供个人学习、研究之用，侵权必究。\n"
        "2、本站所有内容均由网友上传，本站不对文档的完整性做任何保证。\n"
        "查看更多\n"
        "高校离退休工作调查报告\n"
        "本文就我校离退休干部的基本生活情况、离退休工作情况等方面进行了调查。\n"
        "一、调查概况\n"
        "本次调查共发放问卷200份。\n"
    )
    assert d.title == "高校离退休工作调查报告"
    assert "侵权" not in clause_text(d) and "查看更多" not in clause_text(d)


def test_time_stamp_line_naming_the_medium_gives_the_source() -> None:
    d = page(
        "青山县：老干部成为宣讲红色精神的重头戏\n\n2024-03-25 16:05     江南发展网\n\n"
        "青山县自2021年成立银发宣讲团以来，老干部成为宣讲红色精神的重头戏。\n\n"
    )
    assert d.source_unit == "江南发展网" and d.date == "2024-03-25"


def test_survey_sections_make_a_research_report_and_a_count_suffix_stays_in_traditional() -> None:
    from ingest.doctypes import type_from_cues
    from ingest.headlineclean import clean_headline

    assert (
        type_from_cues(
            ["近年来全市离退休干部队伍结构发生变化。", "一、调研基本情况", "调研组走访了12个单位。"]
        )
        == "调研报告"
    )
    assert type_from_cues(["一、基本情况", "我局现有离退休干部120名。"]) is None
    assert clean_headline("老年大學開學典禮的演講稿范文(精選7篇)") == "老年大學開學典禮的演講稿范文(精選7篇)"


def test_column_label_above_a_blank_line_at_the_top_ends_there_even_where_a_word_runs_on() -> None:
    d = page(
        "无障碍\n\n专题活动\n\n区政协举办“学传统、聚力量”离退休老干部主题党日活动\n\n"
        "来源:区政协办公室发布日期:2023-05-31\n\n"
        "5月29日，区政协举办离退休老干部主题党日活动，并召开座谈会。\n"
    )
    assert d.title == "区政协举办“学传统、聚力量”离退休老干部主题党日活动"


def test_headline_wrapped_over_three_short_lines() -> None:
    d = page(
        "市委老干部局\n举办专(兼)职\n人员培训班\n文|王小红 李小兰\n11月17日至18日，市委老干部局举办了为期两天的培训班。\n"
    )
    assert d.title == "市委老干部局举办专(兼)职人员培训班"


def test_news_headline_broken_before_its_verb_in_a_plain_text() -> None:
    text = (
        "附属医院离退休人员工作部部长李明同志一行二人\n前来离退休人员工作处进行工作交流\n\n\n"
        "10月24日，附属医院离退休人员工作部部长李明同志一行二人前来离退休人员工作处进行工作交流。\n"
    )
    d = page(text)
    assert d.title == "附属医院离退休人员工作部部长李明同志一行二人前来离退休人员工作处进行工作交流"


def test_kicker_naming_a_document_and_the_main_title_are_one_headline() -> None:
    d = page(
        "江南日报2022年05月16日星期一\n省委办公厅印发《意见》\n加强新时代离退休干部党的建设工作\n"
        "近日，省委办公厅印发了《关于加强新时代离退休干部党的建设工作的意见》，并发出通知。\n"
    )
    assert d.title == "省委办公厅印发《意见》加强新时代离退休干部党的建设工作"


def test_column_label_above_a_headline_is_still_no_kicker() -> None:
    d = page(
        "工作动态\n青山县委老干部局召开离退休干部党建工作推进会\n发布日期：2024-06-03\n近日，青山县委老干部局召开推进会。\n"
    )
    assert d.title == "青山县委老干部局召开离退休干部党建工作推进会"


def test_e_paper_record_line_closing_the_page_dates_it() -> None:
    d = page(
        "江南老年报 数字报纸\n\n\nA0001版:头版新闻\n\n书香满城 银发助读\n\n"
        "  本报讯(通讯员 王小山)4月23日，读书节启动仪式在青州市图书馆举行，老干部积极参与。\n\n"
        "江南老年报 头版新闻 A0001 书香满城 银发助读 2014-05-05 3455626 2 2014年05月05日 星期一\n"
    )
    assert d.date == "2014-05-05"
    assert "3455626" not in clause_text(d)


def test_the_event_day_written_in_full_dates_a_page_that_names_no_other() -> None:
    d = page(
        "根据离退休党委学习计划安排，2021年4月27日下午，离退休党委在会议中心报告厅召开集体学习会议，"
        "各支部书记参加。\n会上集中学习了党史故事，老同志们深受教育。\n"
    )
    assert d.date == "2021-04-27"
    assert any("活动日期" in w for w in d.warnings)


def test_a_cited_documents_date_is_no_event_day() -> None:
    d = page(
        "根据2019年5月20日印发的《关于加强老干部工作的意见》，离退休党委组织学习，各支部书记参加。\n会上大家交流了体会。\n"
    )
    assert d.date is None


def test_a_bare_date_closing_the_page_is_its_date_but_a_list_of_link_dates_is_not() -> None:
    d = page(
        "在集团公司离退休工作会议上的讲话\n同志们：今年以来，我们围绕中心、服务大局，做好离退休服务管理工作。\n"
        "信息来源：\n2014-04-25\n"
    )
    assert d.date == "2014-04-25"
    d = page(
        "拉萨5月21日电，城关区民政局组织退休人员志愿服务活动。\n\n志愿者为社区老人义诊、理发。\n\n"
        "活动还开展了政策宣讲。\n\n各单位退休人员及志愿者共计100余人参加了当天活动。(完)\n\n社会新闻精选：\n"
        "- 2025年06月24日 17:31:51\n- 2025年06月24日 14:27:20\n- 2025年06月24日 13:58:04\n"
    )
    assert d.date != "2025-06-24"


def test_main_title_of_two_parallel_lines_under_a_stressed_kicker() -> None:
    d = page(
        "当前位置：首页 > 时政要闻\n"
        "省委书记在会见全省离退休干部先进代表时强调\n把老干部工作做细做暖\n发扬老一辈的好传统好作风\n"
        "省委副书记参加会见\n江南网11月26日电 省委书记26日上午亲切会见全省受表彰的老干部先进代表。\n"
    )
    assert d.title == "省委书记在会见全省离退休干部先进代表时强调把老干部工作做细做暖发扬老一辈的好传统好作风"


def test_a_sites_welcome_banner_and_its_sponsors_are_chrome() -> None:
    d = page(
        "欢迎登录青山市委老干部局网站!\n夕阳风采\n江南金城搭建平台载体彰显离退休干部优势作用\n"
        "发布时间：2020-05-06\n近年来，金城市委老干部局搭建平台载体，发挥离退休干部优势作用。\n"
    )
    assert d.title == "江南金城搭建平台载体彰显离退休干部优势作用"
    d = page(
        "中共江南省委宣传部主管\n江南日报报业集团主办\n老干部之家活动中心成立30年\n"
        "qz.example.com 2012-10-17 15:14  王小明来源:江南网    我来说两句\n"
        "江南网10月17日讯(记者王小明文/图)今年80岁的老人每天都准时来到活动中心。\n"
    )
    assert d.title == "老干部之家活动中心成立30年"
    assert d.date == "2012-10-17" and d.source_unit == "江南网"


def test_e_paper_prompts_and_an_editors_note_label_are_not_the_title() -> None:
    d = page(
        "这已经是最后一期了哦!\n我知道了\n2016年07月07日\n老年大学也要摇号上学啦\n今年秋季，市老年大学首次采用摇号方式招生。\n"
    )
    assert d.title == "老年大学也要摇号上学啦"
    from ingest.headlineclean import clean_headline

    assert (
        clean_headline("退休不褪色，余热映初心：研习班上的感悟与展望编者按：")
        == "退休不褪色，余热映初心：研习班上的感悟与展望"
    )


def test_a_bare_date_closing_an_article_does_not_override_its_publish_date() -> None:
    text = (
        "市老年大学开学典礼隆重举行\n发布时间：2019-09-23 浏览次数：\n"
        "9月20日下午，市老年大学2019学年开学典礼举行，4000多名学员迎来新学期。\n"
        "学校常务副校长主持会议并讲话。\n撰稿：张三\n2019年9月21日\n"
    )
    assert page(text).date == "2019-09-23"
    # a unit signing above the date is a signature: its date is the document's
    signed = text.replace("撰稿：张三\n", "青山市老年大学\n")
    assert page(signed).date == "2019-09-21"


def test_a_news_apps_byline_under_the_headline_is_residue_not_a_heading() -> None:
    d = page(
        "致敬岁月，青山镇为退休老干部举行告别仪式\n青山新闻记者 王五 通讯员 赵六\n"
        "11月15日上午，青山镇社会事务办的老干部迎来退休。\n活动现场，同事们齐聚一堂。\n"
    )
    assert all("记者" not in p for c in d.clauses for p in c.path)
    assert "通讯员" not in clause_text(d)


def test_a_rule_sets_name_run_into_its_purpose_clause_is_its_title() -> None:
    text = (
        "联系离退休老干部制度为贯彻落实党和国家关于老干部工作的方针政策，加强学校领导与老干部的沟通联络，"
        "经学校党委研究决定，建立学校领导联系老干部制度：一、密切与老干部之间的感情。二、定期开展走访慰问。"
    )
    d = read_bytes("z.txt", text.encode("utf-8"))[0]
    assert d.title == "联系离退休老干部制度"
    assert d.doc_type == "制度"


def test_a_units_correspondent_credit_closing_the_text_and_a_bracketed_editor_line_are_residue() -> None:
    text = (
        "青松老年大学新校区投入使用\n"
        "5月10日，青松老年大学新校区投入使用，学员们在新教室上了第一课。\n"
        "夏校长一行还参观了学院体育馆等配套设施。(青松老年大学通讯员张小河)\n"
        "【责任编辑:李小山】\n"
    )
    d = read_bytes("r.txt", text.encode("utf-8"))[0]
    body = "".join(c.text for c in d.clauses)
    assert "通讯员" not in body and "责任编辑" not in body
    assert "配套设施。" in body


@pytest.mark.parametrize("image", ["![]() |", "！[]（） |", "![](a.png)"])
def test_image_markup_rows_above_the_headline_are_residue(image: str) -> None:
    text = (
        f"{image}\n{image}\n{image}\n"
        "青松军休二站组织军休干部开展文化郊游活动发布时间:2031-09-26 11:56:57 点击数: 来源:\n"
        "9月25日，青松军休二站组织军休干部开展文化郊游活动。\n大家参观了红色教育基地。\n"
    )
    d = read_bytes("i.txt", text.encode("utf-8"))[0]
    assert d.title == "青松军休二站组织军休干部开展文化郊游活动"


def test_photo_placeholders_and_supervisor_credits_are_residue_not_headings() -> None:
    text = (
        "青松社区老党员志愿服务队守护家园\n"
        "在青松社区，有一支由老党员组建的志愿服务队，平均年龄超过六十岁。\n"
        "(相关资料图)\n"
        "老党员们每天巡逻守护小区，义务为居民修理水电，收集居民意见建议。\n"
        "来源:青松日报\n编辑:王小川\n监制:李大河\n"
        "丨校读:赵小溪丨审核:钱大海\n"
    )
    d = page(text)
    assert "资料图" not in clause_text(d) and paths(d) == []
    assert "监制" not in clause_text(d) and "校读" not in clause_text(d)


def test_a_caption_ending_in_its_photo_source_run_into_a_paragraph_is_cut() -> None:
    text = (
        "青松区领导走访慰问老党员\n"
        "9月20日，区领导走访慰问老党员，送上节日祝福。\n"
        "看望老党员张大山(图片来源:青松日报)9月21日，区领导来到老干部李小河家中慰问，详细询问老人身体状况。\n"
    )
    d = page(text)
    assert "图片来源" not in clause_text(d)
    assert "9月21日，区领导来到老干部李小河家中慰问" in clause_text(d)


def test_a_this_articles_source_line_is_meta_not_joined_to_the_story() -> None:
    text = (
        "省局举办离退休干部迎新春团拜会\n"
        "22.01.2031 12:31\n"
        "本文来源: 青松气象局\n"
        "1月20日，青松气象局举办离退休干部迎新春团拜会，局领导向老同志致以新春问候。\n"
        "团拜会上老同志们表演了文艺节目，现场气氛欢乐祥和。\n"
        "本文来源: 青松气象局\n"
    )
    d = page(text)
    assert d.source_unit == "青松气象局"
    assert clause_text(d).startswith("1月20日")
    assert "本文来源" not in clause_text(d)  # repeated under the story: residue


def test_a_correspondents_credit_ending_in_text_and_photo_marks_is_residue() -> None:
    text = (
        "青松市老干部大学春季学期开学\n"
        "3月15日，青松市老干部大学春季学期开学典礼举行，学员们表演了古筝和合唱节目。\n"
        "通讯员 张小山 李大河 文/图\n"
    )
    d = page(text)
    assert "通讯员" not in clause_text(d)


def test_a_reporters_credit_and_a_printed_in_note_closing_the_story_are_residue_and_metadata() -> None:
    text = (
        "青松医院党支部开展义诊活动\n"
        "近日，青松医院离退休党支部走进乡村开展义诊，为群众送去健康服务。\n"
        "党支部还为乡村学校师生提供视力筛查服务。 (本报记者 张小山 通讯员 李大河)(本文刊登于2031年8月15日《青松日报》第8版)\n"
    )
    d = page(text)
    assert "刊登" not in clause_text(d) and "记者" not in clause_text(d)
    assert d.source_unit == "青松日报"
    assert d.date == "2031-08-15"


def test_a_mediums_name_and_its_writers_opening_the_story_without_xun_is_a_dateline() -> None:
    text = (
        "青松在线(张小山 李大河)为继承发扬党的优良作风，进一步加强离退休党支部建设，"
        "青松街道组织离退休党员开展主题党日活动。\n"
        "大家参观了红色教育基地，重温入党誓词。\n"
    )
    d = page(text)
    assert d.source_unit == "青松在线"
    assert not clause_text(d).startswith("青松在线")


def test_a_credit_line_naming_a_medium_its_writers_and_where_they_reported_is_residue() -> None:
    text = (
        "青松时刻通讯员 张小山 李大河 青松报道\n"
        "离退休老党员是主题教育中的特殊群体。青松学院党委采取上门送学、走访慰问等方式推进学习。\n"
        "大家表示要继续发挥余热。\n"
        "青松时刻通讯员 张小山 李大河 青松报道\n"
    )
    d = page(text)
    assert "通讯员" not in clause_text(d)
    assert d.title != "青松时刻通讯员张小山李大河青松报道"
    assert "青松时刻" in (d.source_unit, d.author_unit)


@pytest.mark.parametrize(
    "stamp",
    [
        "  • 2031-01-21 发布于青海",
        "2031-01-21下载文档一键复制全文",
        "2031/01/21 发布于青海",
        "2031年1月21日下载文档",
    ],
)
def test_a_document_sites_upload_line_or_copy_widget_dates_the_page(stamp: str) -> None:
    text = (
        "青松老同志慰问信\n"
        f"{stamp}\n"
        "致全市离退休老同志的慰问信\n"
        "新春将至，我们给全市离退休老同志拜个早年，送上真诚祝福！\n"
        "祝老同志们身体健康，阖家幸福。\n"
    )
    d = page(text)
    assert d.date == "2031-01-21"
    assert "发布于" not in clause_text(d) and "复制全文" not in clause_text(d)


@pytest.mark.parametrize(
    "credit", ["见习记者 张小山 通讯员 李大河", "青松市融媒体中心记者 张小山 通讯员 李大河 王小川"]
)
def test_a_trainee_or_media_centre_reporters_credit_line_is_residue_not_a_heading(credit: str) -> None:
    text = (
        "暖心仪式开启另一段人生\n"
        "青松举行首场干部荣誉退休仪式\n"
        f"{credit}\n"
        "“在部队工作27年，转业到地方工作15年，没想到退休时组织如此关心。”4月17日下午，青松市水利局为退休干部举行荣誉退休仪式。\n"
        "仪式上，局领导为退休干部颁发荣誉证书。\n"
    )
    d = page(text)
    assert not any("记者" in p or "通讯员" in p for p in paths(d))
    assert "通讯员" not in clause_text(d)


def test_a_portals_welcome_row_province_menu_and_staff_credit_are_chrome() -> None:
    text = (
        "青松资讯网欢迎你! 设为主页 | 收藏本站\n"
        "地方 福建 江西 湖南 河北 广西 云南 重庆 吉林 山东\n"
        "首页 >科教文卫 > 正文\n"
        "凝聚银发力量 展示桑榆担当\n"
        "——宝鸡市老科协2031年工作纪实\n"
        "2032-2-24 10:26:40\n"
        "本刊记者 张小山 李大河 通讯员 王小川\n"
        "2031年市老科协工作，在市委市政府的领导下，让老科技人员发挥专长，取得明显成效。\n"
        "一是加强政治学习。市老科协组织会员开展学习活动。\n"
    )
    d = page(text)
    assert d.title is not None and d.title.startswith("凝聚银发力量")
    assert d.region is not None and d.region.name == "宝鸡市"
    assert not any("记者" in p for p in paths(d))


@pytest.mark.parametrize(
    "line",
    [
        "青松网 • 浙江 • 正文",
        "国内统一刊号:CN33-0000  http://www.example.com  E-mail:news@example.com",
    ],
)
def test_a_bullet_breadcrumb_or_a_masthead_registration_is_no_headline(line: str) -> None:
    text = (
        f"{line}\n"
        "青松组建“帮帮团” 助力老党员跨越“数字鸿沟”\n"
        "2031-05-07 20:29:41\n"
        "近日，青松镇老年大学开设智能手机应用课程，老党员们学会了微信聊天和手机支付。\n"
    )
    d = page(text)
    assert d.title == "青松组建“帮帮团”助力老党员跨越“数字鸿沟”"


def test_a_sites_name_address_and_day_under_the_headline_are_chrome_that_dates_it() -> None:
    text = (
        "当前位置:首页 > 基层视窗> 详情页\n"
        "青松区关工委选拔“五老”宣讲团成员\n"
        "青松关心下一代工作委员会 http://www.example.gov.cn/ 2031年06月03日\n"
        "来源: 青松区关工委\n"
        "近日，青松区关工委举办“五老”宣讲团成员选拔活动，9名“五老”现场进行了模拟演讲。\n"
    )
    d = page(text)
    assert d.title == "青松区关工委选拔“五老”宣讲团成员"
    assert d.date == "2031-06-03"


def test_a_sites_name_address_and_stamp_line_under_the_headline_is_no_headline() -> None:
    text = (
        "首页>青海\n"
        "青松市举行重阳节庆祝活动\n"
        "青松新闻办公室网站 www.example.gov.cn   2031-10-08   来源:青松新闻网\n"
        "近日，青松市民政局在敬老院举行重阳节庆祝活动，并向老人送去节日慰问金。\n"
    )
    d = page(text)
    assert d.title == "青松市举行重阳节庆祝活动"
    assert d.date == "2031-10-08"


@pytest.mark.parametrize(
    "furniture",
    [
        "投稿邮箱:news@example.com",
        "互联网新闻信息许可证:61120180000",
        "主办: 青松市融媒体中心 爆料: 0000-1234567 违法和不良信息举报: 0000-1234567",
        "网站标志\n图片\n内容标题",
    ],
)
def test_contact_licence_and_empty_label_lines_are_no_headline(furniture: str) -> None:
    text = (
        f"{furniture}\n"
        "青松镇“五老”讲师团走进校园 陪伴少年成长\n"
        "2031-05-07 20:29:41\n"
        "近日，青松镇关工委“五老”宣讲团走进下关小学，为学生讲述革命故事。\n"
    )
    d = page(text)
    assert d.title == "青松镇“五老”讲师团走进校园陪伴少年成长"


def test_a_short_main_title_over_its_subtitle_is_part_of_the_headline() -> None:
    text = (
        "首页>要闻\n"
        "热血\n"
        "——记青松区某街道共产党员的故事\n"
        "2031年07月12日 16:24  |  作者:张小山  |  来源:青松网\n"
        "在抗日根据地的一场斗争中，一名战士王某某身负重伤。\n"
    )
    d = page(text)
    assert d.title == "热血——记青松区某街道共产党员的故事"


def test_an_apps_name_above_its_prompts_is_no_headline() -> None:
    text = (
        "青松云平台\n\n这已经是最后一期了哦!\n\n我知道了\n\n内容详情\n2031年09月09日\n\n"
        "浅谈如何做好老干部信息宣传工作\n\n阅读数:6329\n\n张小山\n\n"
        "老干部工作是党的组织工作的重要组成部分。老干部信息宣传工作十分重要。\n"
    )
    d = page(text)
    assert d.title == "浅谈如何做好老干部信息宣传工作"


def test_a_posts_edited_on_stamp_dates_it_and_names_no_medium() -> None:
    text = (
        "青松区老干部活动中心辞旧迎新音乐会\n\n"
        "编辑于2031-12-28\n\n"
        "飞雪辞旧岁，俏梅贺新春。2031年12月28日下午，青松区老干部活动中心举办迎新年演唱会。\n"
    )
    d = page(text)
    assert d.date == "2031-12-28"
    assert d.source_unit != "编辑于"


def test_a_read_count_under_the_headline_and_a_long_copyright_footer_are_residue() -> None:
    text = (
        "浅谈如何做好老干部信息宣传工作\n"
        "阅读数:6329\n"
        "老干部工作是党的组织工作的重要组成部分。老干部信息宣传工作十分重要。\n"
        "版权所有2031  青松市关心下一代网站   地址:青松市某某路265号   电话:0000-00000000   邮编:200000   备案号:青ICP备00000000号\n"
    )
    d = page(text)
    assert "阅读数" not in clause_text(d) and "版权所有" not in clause_text(d)


def test_a_spam_line_and_a_sites_address_stamp_and_medium_line_are_chrome() -> None:
    text = (
        "911国产911精品视频_亚洲午夜AV一区精品福利无码_久久96热情精品国产高清\n"
        "青松老红军迎来百岁寿辰\n"
        "http://news.example.com 2031年06月23日 12:12 青松网-青松日报 | |\n"
        "昨日，青松医院的医生办公室里鲜花锦簇，大家为百岁老红军送上祝福。\n"
    )
    d = page(text)
    assert d.title == "青松老红军迎来百岁寿辰"
    assert d.date == "2031-06-23"
    assert d.source_unit == "青松日报"  # the site reposting the paper, then the paper: the paper


def test_a_sites_own_dateline_with_the_sending_unit_in_brackets_names_the_unit() -> None:
    text = (
        "本网讯(青海省退教协)2031年11月20-22日，七省市退教协工作交流会在西宁举行，七个省市的代表参加会议。\n"
        "会议交流了新时代退休教师协会工作的做法。\n"
    )
    d = page(text)
    assert d.author_unit == "青海省退教协"
    assert not clause_text(d).startswith("本网讯")


def test_a_templates_title_glued_to_its_first_section_heading_is_split() -> None:
    text = (
        "说明:此文档由用户提供并上传,侵权请举报\n"
        "文档简介\n"
        "青松老干局三基建设方案参考模板一、背景分析与问题定义\n"
        "当前，老干部工作面临新形势新任务，需要进一步加强基层组织、基础工作和基本能力建设。\n"
    )
    d = page(text)
    assert d.title == "青松老干局三基建设方案参考模板"
    assert d.doc_type == "方案"


def test_a_scan_to_share_prompt_is_chrome_not_part_of_the_headline() -> None:
    text = (
        "首页\n> 工作动态 > 学会动态\n\n扫二维码 分享至朋友圈\n"
        "白发苍苍的老卫协“专家天团”22年在山区行善\n\n发布日期:2031-09-23访问次数:信息来源:市老卫协\n\n"
        "古稀之年，他们孜孜不倦地奔波在偏远的乡村，为群众义诊。\n"
    )
    d = page(text)
    assert d.title == "白发苍苍的老卫协“专家天团”22年在山区行善"


@pytest.mark.parametrize(
    "tail",
    [
        "顺利实施，已结出丰硕成果。 ![]() 本网通讯员:张小山、李大河 (编辑:王小川) |",
        "顺利实施，已结出丰硕成果。\n通讯员:张小山",
    ],
)
def test_a_correspondent_credit_closing_the_story_is_residue(tail: str) -> None:
    text = "青松社区企社共建结硕果\n2031年，青松社区与企业共建服务站，为退休人员提供服务。\n" + tail + "\n"
    d = page(text)
    assert "通讯员" not in clause_text(d) and "编辑" not in clause_text(d)
    assert "已结出丰硕成果。" in clause_text(d)


@pytest.mark.parametrize(
    "furniture",
    ["语音播报 请稍候...进入播报模式 退出播报模式", "语音播报"],
)
def test_a_read_aloud_widget_is_no_headline(furniture: str) -> None:
    text = (
        f"{furniture}\n"
        "银龄教师为乡村教育带来了什么\n"
        "2031-10-13 18:00 来源:青松网\n"
        "近年来，一批退休教师来到乡村学校支教，为乡村教育注入了新的活力。\n"
    )
    d = page(text)
    assert d.title == "银龄教师为乡村教育带来了什么"


def test_a_bracketed_edit_date_under_the_headline_is_meta() -> None:
    text = (
        "省委外办组织老同志观看先进典型宣讲会\n"
        "【编辑日期: 2031-01-17】\n"
        "【来源: 省外事办】\n"
        "1月15日上午，省委外办离退休老同志集中观看了宣讲会直播。\n"
    )
    d = page(text)
    assert d.title == "省委外办组织老同志观看先进典型宣讲会"
    assert d.date == "2031-01-17"


def test_a_reposts_original_headline_note_where_the_headline_was_is_the_title() -> None:
    d = page(
        "(原标题:市关工委一行来我区调研关心下一代工作)\n"
        "日前，市关工委一行来青松区对关心下一代工作进行调研指导。区关工委主任陪同调研。\n"
        "调研组一行先后走访了两所学校。\n"
    )
    assert d.title == "市关工委一行来我区调研关心下一代工作"


def test_an_e_papers_page_line_with_a_lettered_page_is_no_headline() -> None:
    d = page(
        "第2b版:要闻 下一版\n上一篇\n\n青松市老促会换届 张小河任新一届会长\n\n"
        "本报讯 (记者 李大山) 昨日上午，青松市老区建设促进会第五届会员大会举行。\n"
        "大会选举产生新一届理事会。\n"
    )
    assert d.title is not None and d.title.startswith("青松市老促会换届")
    assert "下一版" not in clause_text(d)


def test_a_bulletin_issue_carrying_one_story_is_that_story_typed_as_the_bulletin() -> None:
    # masthead: issue line, publisher, name, issue line again, office and a run-together day
    d = page(
        "2031年 第十二期(总第345期)\n"
        "青松市老科技工作者协会\n"
        "简 报\n"
        "2031﹞ 第十二期(总第345期)\n"
        "青松市老科协办公室      2031612\n"
        "青松老科协农业分会组织会员收看\n"
        "全市老科技工作者日活动“科普行”\n"
        "6月10日，青松老科协农业分会组织部分老同志在线收看了活动直播。\n"
        "大家表示，要继续发挥专业优势，服务乡村振兴。\n"
    )
    assert d.title == "青松老科协农业分会组织会员收看全市老科技工作者日活动“科普行”"
    assert d.doc_type == "简报"
    assert d.source_unit == "青松市老科协办公室"
    assert "第十二期" not in clause_text(d)


def test_a_site_name_address_and_day_before_the_source_label_is_meta_not_the_headline() -> None:
    d = page(
        "您当前的位置:首页 > 五老之声\n"
        "一张闪光的名片——记青松油田“五老”宣讲团\n"
        "青松市关心下一代工作委员会  http://www.qingsong-ggw.example.cn/  2031年11月11日  来源: 青松油田关工委\n"
        "在青松油田，活跃着一支“五老”宣讲队伍，十七年来坚持为青年员工讲传统。\n"
    )
    assert d.title == "一张闪光的名片——记青松油田“五老”宣讲团"
    assert d.source_unit == "青松油田关工委"
    assert d.date == "2031-11-11"


def test_captcha_mobile_edition_site_map_and_e_paper_furniture_are_no_headline() -> None:
    d = page(
        "ImageVerifierCode 换一换\n"
        "网站地图\n"
        "青松在线移动版\n"
        "2031年10月11日 星期六  报料热线:966123\n"
        "当前版: 001版 上一版 下一版\n"
        "青松老年大学举办智能手机应用比赛\n"
        "6月18日下午，青松老年大学举办老年人智能手机应用比赛，全镇各村共有百余名学员参加。\n"
    )
    assert d.title == "青松老年大学举办智能手机应用比赛"
    assert d.date == "2031-10-11"  # the e-paper's masthead day, not lost with its hotline
    body = clause_text(d)
    assert "换一换" not in body and "移动版" not in body and "报料热线" not in body


def test_a_headline_wrapped_before_its_type_word_is_joined() -> None:
    d = page(
        "青松县教育局\n"
        "关于做好离退休人员春节慰问工作的\n"
        "通知\n"
        "各学校、县直单位:\n"
        "在新春佳节来临之际，为让离退休教职工度过祥和的春节，现就慰问工作通知如下。\n"
    )
    assert d.title == "关于做好离退休人员春节慰问工作的通知"
    assert d.doc_type == "通知"


def test_a_red_head_title_wrapped_before_its_type_word_is_joined() -> None:
    d = page(
        "青松县教育局文件\n"
        "青教发〔2031〕3号\n"
        "关于做好离退休人员春节慰问工作的\n"
        "通知\n"
        "各学校:\n"
        "在新春佳节来临之际，现就慰问工作通知如下。\n"
    )
    assert d.title == "关于做好离退休人员春节慰问工作的通知"


def test_a_sites_name_and_address_before_the_fields_is_meta_and_names_the_source() -> None:
    d = page(
        "吹响集结号 银发耀青松\n"
        "青松门户网 www.qingsong.example.gov.cn 发布时间:2031-04-24 08:54 浏览量:\n"
        "字体: 小 大\n"
        "连日来，在三县交界处，活跃着一群身穿红马甲的银龄老者，在防疫一线值守。\n"
    )
    assert d.title == "吹响集结号银发耀青松"
    assert d.source_unit == "青松门户网"
    assert d.date == "2031-04-24"
    assert "浏览量" not in clause_text(d)


def test_a_correspondents_credit_ending_in_baodao_before_the_story_is_residue() -> None:
    d = page(
        "通讯员李小禾报道:10月23日，青松乡召开重阳节老干部座谈会，共谋发展大计。\n"
        "会前，老干部们来到烈士陵园重温入党誓词。\n"
    )
    assert "通讯员" not in clause_text(d)
    assert d.text.startswith("10月23日") or "通讯员李小禾报道" in " ".join(d.residue.get("byline", []))


@pytest.mark.parametrize(
    ("opening", "doc_type"),
    [
        ("根据上级有关文件精神，结合我校实际，制定如下实施方案：", "实施方案"),
        ("按照校党委的统一部署，结合支部实际，制定如下方案。", "方案"),
        ("按照部党组的统一部署，我们支部扎实开展活动，现将有关情况总结如下：", "总结"),
    ],
)
def test_a_headless_text_naming_itself_in_its_preamble_is_typed_by_it(opening: str, doc_type: str) -> None:
    d = page(opening + "\n一、主要目标\n支部要组织老同志学习。\n二、主要内容\n开展结对帮扶。\n")
    assert d.doc_type == doc_type


def test_a_traditional_headline_ending_in_qiangdiao_goes_on_to_what_was_stressed() -> None:
    d = page(
        "李青松在全市老幹部工作會議上強調\n"
        "全面做好離退休幹部工作\n"
        "3月7日上午，全市老幹部工作會議召開。市委常委李青松出席會議並講話。\n"
    )
    assert d.title == "李青松在全市老幹部工作會議上強調全面做好離退休幹部工作"


def test_a_hijacked_pages_spam_title_and_source_are_dropped() -> None:
    d = page(
        "某某娱乐手机版_某某娱乐app-开户投注\n"
        "青松新闻网>>专题报道>>战疫\n"
        "退休不褪色 战疫勇担当\n"
        "2031年02月12日10:48    来源:某某app官网入口\n"
        "原标题:退休不褪色 战疫勇担当\n"
        "目前，全省离退休老党员同样勇挑重担，主动参与社区防控。\n"
    )
    assert d.title is not None and "娱乐" not in d.title and d.title.startswith("退休不褪色")
    assert d.source_unit is None  # the spam brand in the 来源 field is no source
    assert d.date == "2031-02-12"  # and the meta line it stands on still dates the page
    e = page(
        "市委党校组织离退休老同志参观\n"
        "发布日期:2031-10-29 18:23来源:某某app官网入口 作者:文/图 张小山阅读次数:\n"
        "10月28日，市委党校组织离退休老同志赴青松县参观。\n"
    )
    assert e.source_unit is None and e.author_unit != "某某app官网入口"  # nor is it an author unit


def test_bookmark_widgets_a_laiyuanyu_label_and_a_bracketed_print_control() -> None:
    d = page(
        "收藏本站手机版一键访问微信订阅\n"
        "RSS订阅\n"
        "夕阳展风采 晚霞更灿烂——离退休干部学习教育活动纪实\n"
        "2031-05-12 09:37 [专题]  来源于:青松矿业集团    作者:张小山\n"
        "前不久，青松矿业集团老干部党总支召开专题组织生活会。\n"
    )
    assert d.title == "夕阳展风采晚霞更灿烂——离退休干部学习教育活动纪实"
    assert d.source_unit == "青松矿业集团"
    e = page(
        "奋斗足迹共同见证\n"
        "——老同志观看成就展侧记本报记者李小禾\n"
        "青松在线-青松日报    2031-09-24    [打印] [关闭]\n"
        "九月的青松展览馆人头攒动，百余位老同志参观了成就展。\n"
    )
    assert e.title == "奋斗足迹共同见证——老同志观看成就展侧记"  # the paper's reporter is no part of it
    assert e.source_unit == "青松日报"  # the site reposting the paper, then the paper
    assert e.date == "2031-09-24"


def test_a_publishing_department_label_a_letter_and_a_user_centre_link() -> None:
    d = page(
        "致全校离退休同志的倡议书\n"
        "发布院部:人事处、教师工作部    发布时间:2031-02-01\n"
        "全体离退休同志:\n"
        "当前，疫情防控形势严峻，请大家做好个人防护。\n"
    )
    assert d.title == "致全校离退休同志的倡议书"
    assert d.doc_type == "倡议书"
    letter = page(
        "致武汉老同志的一封信\n武汉市广大离退休干部:\n一湖分南北，湘鄂一家亲，我们时刻惦记着你们。\n"
    )
    assert letter.doc_type == "讲话"
    e = page(
        "个人中心\n"
        "情暖重阳，畅游园区——区委党校开展敬老活动\n"
        "10月9日，区委党校组织离退休老同志游览世博园区。\n"
    )
    assert e.author_unit != "个人中心" and "个人中心" not in clause_text(e)


def test_reader_site_prompts_browser_warnings_and_a_list_day_are_no_headline() -> None:
    d = page(
        "网站页面已加载完成\n"
        "由于您当前的浏览器版本过低,存在安全隐患。建议您尽快更新,以便获取更好的体验。\n"
        "青松县：退休老干部慷慨解囊支援防疫\n"
        "144作者 abc123青松课堂  ← 点上方蓝字关注公众号\n"
        "2031-08-14 09:45字数743阅读1210评论0\n"
        "近日，青松县老干部局组织离退休老干部为防控一线捐款。\n"
    )
    assert d.title == "青松县：退休老干部慷慨解囊支援防疫"
    assert "关注公众号" not in clause_text(d) and "浏览器" not in clause_text(d)
    listed = page("03.08青松县：老干部爱心捐赠助力防控\n近日，青松县离退休老干部为防控一线捐款。\n")
    assert listed.title == "青松县：老干部爱心捐赠助力防控"


def test_a_unit_line_over_its_act_is_one_headline_in_traditional_script_too() -> None:
    d = page(
        "青松開放大學\n"
        "組織開展歡度“重陽節”系列活動\n"
        "10月14日是重陽節，學校組織離退休人員開展系列活動，百餘位老同志參加。\n"
    )
    assert d.title == "青松開放大學組織開展歡度“重陽節”系列活動"
    web = page(
        "青松縣委老幹部局\n"
        "舉辦離退休幹部書畫展\n"
        "發布時間:2031-10-20  來源:青松縣委老幹部局\n"
        "10月18日，書畫展在縣老幹部活動中心開幕。\n"
    )
    assert web.title == "青松縣委老幹部局舉辦離退休幹部書畫展"


def test_credits_and_footers_of_reposted_stories_are_residue() -> None:
    d = page(
        "老年大学迎来开学季\n"
        "来源:青松新闻网 2031-05-30 18:59:03\n"
        "(资料图片仅供参考)\n"
        "9月1日，青松老年大学迎来新学期，千余名学员走进课堂。\n"
        "图由通讯员提供\n"
        "青松日报新花城编辑:张小山\n"
        "Copyright @ 2008-2031 www.example.com.cn All Rights Reserved 青松网版权所有\n"
    )
    body = clause_text(d)
    assert "通讯员" not in body and "编辑" not in body and "Copyright" not in body and "仅供参考" not in body
    assert not any("资料图片" in p for p in paths(d))


def test_a_spam_free_source_with_a_font_widget_and_a_hosted_by_lead_in_traditional_script() -> None:
    d = page(
        "重阳秋色暖 敬老情更浓\n"
        "发布时间:2031-10-13  来源:市妇联字体大小:大 中 小\n"
        "10月12日，市妇联走访慰问离退休老干部。\n"
    )
    assert d.source_unit == "市妇联"
    e = page(
        "金秋助學燃希望\n發布時間:2031-08-28 17:00 來源:青松網\n活動由青松市關工委主辦，二十名學生獲得助學金。\n"
    )
    assert e.author_unit is not None and e.author_unit.startswith(
        ("青松市關工委", "青松市关工委")
    )  # not 活動由…


def test_a_bare_department_as_the_source_still_lets_the_acting_unit_be_found() -> None:
    d = page(
        "青松市外办退休老党员主动捐款奉献爱心\n"
        "发布日期:2031-05-01  来源:外事办  浏览次数:\n"
        "近日，青松市外办离退休老党员自发为受灾群众捐款。\n"
    )
    assert d.source_unit == "外事办"
    assert d.author_unit == "青松市外办"


def test_a_login_box_a_day_run_into_the_source_and_a_guiding_clause() -> None:
    d = page(
        "找回密码\n 注册\n\nQQ登录\n\n只需一步,快速开始\n\n微信登录\n\n"
        "【专栏】唯有知之深 才能爱之切——记老干部李大河\n"
        "发布时间:2031-10-15 12:12:11 来源:i青松1月17日\n"
        "1月17日，青松市委老干部局组织书画家走进半坡村写春联。\n"
    )
    assert d.title is not None and d.title.startswith("唯有知之深")
    assert d.source_unit == "i青松"  # the story's day ran into the value: no part of the source
    bare = page(
        "找回密码\n 注册\n\nQQ登录\n\n只需一步,快速开始\n\n微信登录\n\n"
        "【专栏】唯有知之深 才能爱之切——记老干部李大河\n2031-10-15 12:12:11\n"
        "1月17日，青松市委老干部局组织书画家走进半坡村写春联。\n"
    )
    assert bare.title is not None and bare.title.startswith("唯有知之深")  # the login box is no headline
    e = page(
        "青松区开展形式多样志愿服务活动\n"
        "发布时间:2031-03-05 来源:青松晚报\n"
        "在创建文明城市的过程中，青松区指导街道、社区等各级志愿服务队伍开展了形式多样的活动。\n"
    )
    assert e.author_unit != "青松区指导街道"  # 指导 is what the district did, not part of a name


def test_a_commentary_column_lead_a_site_name_crumb_and_a_repeated_site_name() -> None:
    d = page(
        "【地评线】青松网评：同心书写银发事业新篇章\n"
        "日前，青松市召开老干部工作会议。老干部们亲历了党的奋斗历程，是宝贵财富。\n"
    )
    assert d.title == "同心书写银发事业新篇章"
    assert d.doc_type == "理论文章"  # a medium's commentary column
    e = page(
        "青松网正文5位老兵治沙18载建起绿色屏障\n题：5位老兵治沙18载建起绿色屏障\n五位老兵扎根沙漠十八年。\n"
    )
    assert e.title == "5位老兵治沙18载建起绿色屏障"  # the count stays; the site and its crumb go
    f = page(
        "青松网青松网青松网\n青松搭建平台 促老干部发挥正能量\n近日，青松市委老干部局搭建平台，组织老干部建言献策。\n"
    )
    assert f.title == "青松搭建平台促老干部发挥正能量"


def test_a_sharing_sites_file_card_dates_the_document_by_its_upload() -> None:
    text = (
        "关于加强青松县离退休干部党支部建设的调研报告\n"
        "上传人:青****松 文档编号:1234567 上传时间:2022-05-16 格式:DOCX 页数:4 大小:18.20KB\n"
        "为摸清全县离退休干部党支部的现状，县委老干部局组成调研组，先后走访了十二个党支部。\n"
        "一、基本情况\n全县现有离退休干部党支部四十六个，党员一千二百余名。\n"
    )
    doc = read_bytes("s.txt", text.encode("utf-8"))[0]
    assert doc.date == "2022-05-16"
    assert "上传人" not in doc.clauses[0].text


_BANNER = "无障碍浏览 | 设为首页\n长者模式  繁体版\n"
_CRUMB = "首页 > 新闻动态 > 工作动态\n"


@pytest.mark.parametrize("furniture", [_BANNER, _CRUMB, _BANNER + _CRUMB])
@pytest.mark.parametrize(
    ("text", "title", "date"),
    [
        (  # a page whose meta line sits far down its head, under a visitor line and a menu
            "今天是2018年11月17日,您是第857913位访问者\n\n教学管理\nTeaching management\n\n招生工作\n规章制度\n"
            "课程设置\n\n规章制度\n\n您当前所在位置:首页 >>规章制度\n\n青松老年大学学籍管理制度\n\n"
            "发布日期:2016/3/30 16:57:15  新闻来源:  点击数:6434\n\n一、学籍的取得\n"
            "1、本校招收的学员原则上为本市机关、事业单位离退休干部，凭离退休证办理报名手续。\n",
            "青松老年大学学籍管理制度",
            "2016-03-30",
        ),
        (  # a headline over its ——subtitle, then the story
            "夕阳余热耀青松 拳拳耆晖谱新篇\n——记青松县双河镇老干部党支部\n"
            "青松县双河镇老干部党支部成立于1997年9月,现有党员48名。近年来,老干部党支部坚持理论学习,"
            "把支部办成老干部的温馨之家。\n"
            "一、站稳政治立场,笃信笃行讲规范\n始终将政治建设放在首位,聚焦党的创新理论,坚持每月集中学习。\n"
            "二、发挥自身优势,建言献策作贡献\n支部组织老党员围绕全镇中心工作开展调研,形成建议十余条。\n",
            "夕阳余热耀青松拳拳耆晖谱新篇——记青松县双河镇老干部党支部",
            None,
        ),
        (  # a speech: the speaker's name over its title, the day under it
            "王青松同志在2016年重阳节敬老大会上的致辞\n\n王 青 松 同 志\n\n在2016年重阳节敬老大会上的致辞\n\n"
            "(2016年10月8日)\n\n尊敬的各位老领导、老同志：\n今天，我们欢聚一堂，共庆重阳佳节。\n",
            "王青松同志在2016年重阳节敬老大会上的致辞",
            "2016-10-08",
        ),
        (  # a speech whose contents list comes before its title
            "一、聚焦凝心铸魂\n二、聚焦精准服务\n三、聚焦银发赋能\n在青松县老干部局2025年工作总结会上的讲话\n"
            "尊敬的老领导、老同志们，同志们：\n大家好！\n一、聚焦凝心铸魂\n今年以来，我们坚持以党建为引领，组织学习六十余场。\n",
            "在青松县老干部局2025年工作总结会上的讲话",
            None,
        ),
    ],
)
def test_furniture_printed_above_a_page_changes_nothing_in_how_it_is_read(
    furniture: str, text: str, title: str, date: str | None
) -> None:
    plain = read_bytes("p.txt", text.encode("utf-8"))[0]
    framed = read_bytes("p.txt", (furniture + text).encode("utf-8"))[0]
    assert (plain.title, plain.date) == (title, date)
    assert (framed.title, framed.date) == (title, date)


@pytest.mark.parametrize(
    ("text", "title", "date"),
    [
        (  # a time stamp with the site, a 来源 line, the headline, the story
            "2024-12-24 09:03:47 | 青松新闻网\n\n来源: 青松晚报\n\n青河:“银龄”志愿唱响最美“夕阳红”\n\n"
            "在青河区,有一群可爱的“银龄”志愿者,他们虽已年逾花甲,但热情满怀,积极投身于各项志愿服务活动。\n\n"
            "近日,青河区某社区组织开展志愿服务活动,二十余名老党员参加。\n",
            "青河:“银龄”志愿唱响最美“夕阳红”",
            "2024-12-24",
        ),
        (  # the headline, a stamp line between a column and a place, the story
            "青松市关工委到我区学习交流\n\n民生   2024-11-11 18:58   吉林  \n\n"
            "近日,青松市关工委一行到我区考察,双方围绕关工委工作座谈交流。区关工委主任张三全程陪同。\n\n"
            "座谈中,双方就关心下一代工作深入交流了经验。\n",
            "青松市关工委到我区学习交流",
            "2024-11-11",
        ),
    ],
)
def test_a_page_saved_without_blank_lines_keeps_its_head(text: str, title: str, date: str) -> None:
    for saved in (text, re.sub(r"\n\s*\n+", "\n", text)):
        doc = read_bytes("p.txt", saved.encode("utf-8"))[0]
        assert (doc.title, doc.date) == (title, date)


def test_a_unit_glued_after_the_time_stamp_and_a_short_all_media_byline_are_sources() -> None:
    text = (
        "当前位置:首页>> 地方动态 -> 正文\n青松盟第33届“政协杯”门球赛隆重落幕\n2023-09-14 08:55青松老年人体育协会\n"
        "深秋的草原，阳光洒满草场。9月8日，“政协杯”门球赛在中老年门球爱好者的期盼中拉开序幕。\n"
    )
    doc = read_bytes("p.txt", text.encode("utf-8"))[0]
    assert doc.source_unit == "青松老年人体育协会"
    assert doc.date == "2023-09-14"
    text = (
        "2026年02月03日\n青松市“银发调解团”一年调处矛盾上千起\n青松日报全媒记者 张三\n通讯员 李四 王五\n"
        "青松市组织退休干部组建调解团，一年来调处各类矛盾上千起。\n"
    )
    doc = read_bytes("p.txt", text.encode("utf-8"))[0]
    assert doc.source_unit == "青松日报"
    assert "全媒记者" not in doc.clauses[0].text


@pytest.mark.parametrize(
    ("head", "medium", "date"),
    [
        (
            "青松晚报 2022-01-13 06:31 大字\n?志愿者张三带老人去社区医院检查(受访者供图)",
            "青松晚报",
            "2022-01-13",
        ),
        ("日期:[2018年12月24日] -- 青松晨报 -- 版次:[A7]", "青松晨报", "2018-12-24"),
        ("青松老兵卸甲不归田\n2024年04月17日 09:25 青松日报客户端", "青松日报客户端", "2024-04-17"),
    ],
)
def test_a_medium_beside_the_pages_stamp_is_its_source(head: str, medium: str, date: str) -> None:
    text = (
        "青松老兵卸甲不归田\n"
        + head
        + "\n六十岁本该安享退休时光，他却留在沙漠里种树，一干就是十九年，累计植绿两千余亩。\n"
        + "他说，只要还走得动，就会一直种下去。\n"
    )
    doc = read_bytes("p.txt", text.encode("utf-8"))[0]
    assert (doc.title, doc.source_unit, doc.date) == ("青松老兵卸甲不归田", medium, date)


def test_a_mediums_dateline_on_a_line_of_its_own_credits_the_medium() -> None:
    text = (
        "老年市民可在社区学电脑啦\n请到各社区社保站报名，免费的哦\n青松江网9月22日讯\n"
        "昨天早上八点半，五十位老人端坐在社区的课堂上，市退休人员服务中心的流动电脑培训班开课了。\n"
    )
    doc = read_bytes("p.txt", text.encode("utf-8"))[0]
    assert doc.source_unit == "青松江网"
    assert all("9月22日讯" not in c.text for c in doc.clauses)


def test_a_dateline_giving_news_and_a_dotted_mediums_credit_name_the_medium() -> None:
    text = (
        "青松網8月10日消息(特約記者張三 通訊員李四)連日來，面對嚴峻疫情，青松區退休老干部積極響應，挺身而出。\n"
        "他們協助社區登記人員信息，宣傳防疫知識。\n"
    )
    assert read_bytes("p.txt", text.encode("utf-8"))[0].source_unit == "青松网"
    text = (
        "青松:进农家书屋 享“文化大餐”\n村民们忙完农活，总要到农家书屋“充电”。\n新青松·青松农民报记者 王五\n"
        "书屋里的图书有三千余册，每天都有村民来借阅。\n"
    )
    assert read_bytes("p.txt", text.encode("utf-8"))[0].source_unit == "青松农民报"


def test_a_newspaper_archives_record_and_a_placeholder_sender() -> None:
    text = (
        "春节期间广泛开展敬老活动\n"
        "内容出处:《青松日报》报纸唯一号:061120020220018059颗粒名称:春节期间广泛开展敬老活动分类号:G210\n"
        "春节前夕，青松市各级老干部部门走访慰问离退休老同志三百余人次，送去节日祝福。\n"
    )
    doc = read_bytes("p.txt", text.encode("utf-8"))[0]
    assert (doc.title, doc.source_unit) == ("春节期间广泛开展敬老活动", "青松日报")
    text = (
        "青松基地开展重阳节系列活动\n2021-10-15 来源：用户投稿\n"
        "重阳节前夕，青松基地组织离退休职工开展登高、座谈等系列活动，八十余人参加。\n"
    )
    assert read_bytes("p.txt", text.encode("utf-8"))[0].source_unit is None


def test_a_profiles_subtitle_names_whom_it_portrays_not_the_unit() -> None:
    text = (
        "唯有知之深才能爱之切——记原青松州委常委州政法委书记张三\n"
        "退休十年来，他走遍了全州的山山水水，记录下一个个动人的故事。\n"
    )
    doc = read_bytes("p.txt", text.encode("utf-8"))[0]
    assert not (doc.author_unit or "").startswith("记")
    assert not (doc.source_unit or "").startswith("记")


def test_a_stamp_with_a_full_width_colon_and_a_headline_glued_to_its_stamp() -> None:
    text = (
        "青松盟“政协杯”门球赛隆重落幕\n2023-09-14 08：55青松老年人体育协会\n"
        "深秋的草原，阳光洒满草场。9月8日，“政协杯”门球赛在中老年门球爱好者的期盼中拉开序幕。\n"
    )
    doc = read_bytes("p.txt", text.encode("utf-8"))[0]
    assert (doc.source_unit, doc.date) == ("青松老年人体育协会", "2023-09-14")
    text = (
        "当前位置:青松网 > 军旅文化 >\n\n军休干部老有所为自办简报  2015-10-12 13:07:18来源:青松时报\n"
        "青松军休所党支部有一份名为《支部简讯》的自办月报，自2010年至今已办报69期。\n"
    )
    doc = read_bytes("p.txt", text.encode("utf-8"))[0]
    assert (doc.title, doc.date, doc.source_unit) == ("军休干部老有所为自办简报", "2015-10-12", "青松时报")


@pytest.mark.parametrize(("after", "source"), [("青松星空", "青松星空"), ("张三", None), ("星期二", None)])
def test_a_sites_bare_name_after_the_stamp_is_the_source_a_writers_is_not(
    after: str, source: str | None
) -> None:
    text = (
        f"青松区老体协举办门球邀请赛\n2017-11-21 08:52{after}\n"
        "11月18日，青松区老年人体育协会举办门球邀请赛，十二支代表队参加比赛。\n"
    )
    doc = read_bytes("p.txt", text.encode("utf-8"))[0]
    assert (doc.date, doc.source_unit) == ("2017-11-21", source)


def test_an_app_prompt_is_chrome_and_an_original_post_stamp_dates_the_page() -> None:
    text = (
        "小贴士\n2步打开 青松APP\n  • 点击右上角“…” 按钮\n  • 使用浏览器/Safari打开\n\n"
        "社区86岁老党员冒雪加入铲雪行列\n\n©原创 2030-12-30 19:30\n\n"
        "青松日报融媒体12月30日讯（记者张三）30日早晨，青松区三桥社区一片银装素裹，社区组织扫雪。\n\n老党员李四也加入了扫雪队伍。\n"
    )
    d = page(text)
    assert d.title == "社区86岁老党员冒雪加入铲雪行列"
    assert d.date == "2030-12-30"
    assert d.author_unit is None or "岁" not in d.author_unit  # an age is no unit's name


def test_a_meta_tags_description_leaked_as_text_is_no_headline() -> None:
    text = (
        '——记青松县离退休干部宣讲团"/>\n\n        ?\n\n        银发宣讲团走村入户\n        ——记青松县离退休干部宣讲团\n\n'
        "        2030-06-17 05:29:14青松日报张三李四\n        青松日报 2030年6期\n\n"
        "近日，青松县离退休干部宣讲团走进村组，宣讲党的创新理论。\n"
    )
    d = page(text)
    assert d.title.replace(" ", "") == "银发宣讲团走村入户——记青松县离退休干部宣讲团"
    assert d.date == "2030-06-17"


def test_a_byline_of_unit_and_writer_under_the_headline_gives_the_author_unit() -> None:
    d = page(
        "青松网 先锋文汇组织工作\n\n用好银龄资源这座“富矿”\n\n青松县委组织部 林青\n\n"
        "近日，青松县召开离退休干部工作会议，部署今年的重点任务。\n\n"
        "红色育心，强化政治引领。各支部组织老党员开展学习活动。\n"
    )
    assert d.title == "用好银龄资源这座“富矿”"
    assert d.author_unit == "青松县委组织部"
    assert "林青" not in clause_text(d)


def test_a_betting_sites_lines_on_a_hijacked_page_are_chrome() -> None:
    d = page(
        "青松电竞|青松杯竞猜平台\n\n青松博物馆\n\n来源：互联网\n\n"
        "青松县青松博物馆是当地藏品最多的私人博物馆，由一位退休老兵创办，免费向公众开放。\n"
    )
    assert d.title == "青松博物馆"
    d = page(
        "新闻中心 /News\n\nAG真人国际青松各地举办多彩活动庆重阳\n\n"
        "本网10月11日讯 连日来，青松各地举办多彩活动，陪老人过重阳节。\n"
    )
    assert d.title == "青松各地举办多彩活动庆重阳"
    d = page(
        "青松国际开户\n\n青松老干部重返乡村当村官\n\n2030-05-31\n\n"
        "乡村振兴如火如荼，越来越多的退休干部回到家乡，为乡亲办实事。\n"
    )
    assert d.title == "青松老干部重返乡村当村官"


def test_a_disclosure_table_with_empty_cells_over_a_headline_and_a_purpose_lead() -> None:
    d = page(
        "索引号: | /2030-00123 | 分类: | |\n发文机关: | 青松市退役军人事务局 | 成文日期: | |\n名称: | |||\n文号 : |\n"
        "青松:走访慰问36名抗美援朝老战士\n"
        "为进一步弘扬尊崇英雄的风尚,近几天,青松市走访慰问抗美援朝老战士,送去慰问金。\n"
        "慰问组每到一户,都同老战士拉家常,询问身体和生活情况。\n"
    )
    assert d.title == "青松:走访慰问36名抗美援朝老战士"
    assert d.doc_no is None  # 文号 was left empty: the headline under it is no number
    assert (d.source_unit or "").endswith("市退役军人事务局")
    assert "为进一步弘扬" in clause_text(d)


def test_a_question_and_answer_sites_widgets_are_chrome() -> None:
    d = page(
        "青松市老年人体育协会概况\n发布网友\n发布时间:2030-10-04 06:47\n我来回答\n共1个回答\n热心网友\n"
        "时间:2030-10-22 15:28\n青松市老年人体育协会是按照章程定期开展活动的社会组织，每年召开一次会员大会。\n"
    )
    assert d.title == "青松市老年人体育协会概况"


@pytest.mark.parametrize(
    "head",
    [
        "网站主页 通知公告 学校主页 工作动态 部门简介 政策规章\n\n",  # a menu row, its spaces collapsed later
        "青松网  青松晚报  青松商报  今日青松  旧版入口\n\n",  # a row of sister sites
        "请选择 进入手机版 | 电脑版\n查看: 7343|回复: 2\n\n",  # a forum's prompts and counters
        "通版阅读请点击:\n展开通版\n收缩通版\n",  # an e-paper's page widgets
        "快捷搜索:  as  xxx\n\n",  # a search box
        "每日签到 会员列表 统计排行 精华区 帮助 最新帖子\n\n",  # a forum's menu
        "青松都市网 旅游频道 资讯中心 房产频道 生活频道\n\n",  # a portal's channels
        "PDF 版PDF版\n\n",  # an e-paper's button, printed twice
        "小號 默認 大號\n\n",  # a font-size widget written out, in traditional script
        "放大 缩小\n\n",  # the same with zoom buttons
        "a8d 1e f03 66a\n\n",  # a scraper's hexadecimal fragments
        "lwd8811分享\n\n",  # a user's name and share button
    ],
)
def test_menu_rows_and_widgets_above_the_headline_are_chrome(head: str) -> None:
    d = page(
        head + "离退休党委组织党员赴红色基地研学\n\n>2030年04月19日 09:02  点击:[]\n\n"
        "4月18日,离退休党委组织六十多名党员走进革命旧址研学，重温入党誓词。\n"
    )
    assert d.title == "离退休党委组织党员赴红色基地研学"


def test_a_row_of_names_is_not_a_menu() -> None:
    from ingest.webresidue import is_chrome

    assert not is_chrome("林青 焦贺 王五一 赵六 孙七")


def test_a_repost_label_under_a_content_farms_blurb_names_the_source() -> None:
    d = page(
        "如今资讯铺天盖地，每天新出的报道数不胜数！\n"
        "订阅青松新闻资讯，您关心的消息我们第一时间推送给您。\n"
        "本文转自:青松日报\n"
        "本报讯(记者林青)擦拭墓碑、清除杂草。时值清明，青松县87岁的老党员又来到烈士墓前。\n"
        "老人为烈士守墓已有六十多年。\n"
    )
    assert d.source_unit == "青松日报"  # not 青松新闻 read from 新闻资讯 as if it were a dateline


def test_a_forum_posters_place_is_no_source() -> None:
    d = page(
        "主题: 青松这群老人不服老，校门口天天见到他们\n\n  • 随便聊聊\n楼主回复\n  • 阅读:2137\n"
        "  • 回复:0\n  • 发表于:2030/12/31 16:12:11\n  • 来自:浙江\n  1. 楼主\n  2. 倒序看帖\n  3. 只看该作者\n"
        "立即注册，解锁更多社区功能。\n\n"
        "青松县的一群退休老人组成义务巡逻队，每天在学校门口维护秩序，已经坚持了五年。\n"
    )
    assert d.source_unit != "浙江"


def test_a_mediums_closing_credits_stand_alone_and_name_the_source() -> None:
    d = page(
        "青松法院走访慰问老干部\n\n2030-10-25 13:50\n\n"
        "重阳节前夕，青松市中级人民法院走访慰问离退休老干部，送上节日祝福。\n\n"
        "青松日报新媒体出品\n通讯员|张群 胡泽瑞\n编辑|李智群\n"
    )
    assert d.source_unit == "青松日报新媒体"
    assert "通讯员" not in clause_text(d) and "出品" not in clause_text(d)


def test_a_forum_boards_name_is_chrome_and_the_threads_headline_loses_its_column_tag() -> None:
    d = page(
        "Discuz! Board\n\n 找回密码\n 立即注册\n搜索\n热搜: 活动 交友 discuz\n查看: 67|回复: 0\n\n"
        "【党旗飘扬在基层】老党员用亲历讲青松往事\n\n[复制链接]\n\n1105\n\n主题\n\n"
        "退休老党员林青走进校园，用亲身经历讲述当年垦荒戍边的故事，同学们听得入了迷。\n"
    )
    assert d.title == "老党员用亲历讲青松往事"


def test_a_reposts_pointer_and_a_sites_slogan_are_chrome() -> None:
    d = page(
        "查看原文\n其他\n\n迎“浪”而上 退休老兵防汛一线续写忠诚\n\n青松开发区组织部 青松引擎 2030-07-03\n\n"
        "梅雨季一到，大雨接连不停，河水一天天上涨，一群退休老兵主动请缨上堤巡查。\n"
    )
    assert d.title.replace(" ", "") == "迎“浪”而上退休老兵防汛一线续写忠诚"
    d = page(
        "公告\n青松信息港(http://www.example.com/)服务大家,欢迎转发!注册会员后可发布信息。\n关闭\n"
        "免费发布信息\n当前位置: 首页 » 青松新闻资讯 » 本地新闻 » 正文\n\n青松区:某社区有个“无事忙”师傅\n\n"
        "发布时间:2030-03-22 09:58:29\n一大早，75岁的退休老党员林青已在居委会活动室里忙碌起来，为居民义务修理小家电。\n"
    )
    assert d.title == "青松区:某社区有个“无事忙”师傅"


def test_a_posts_account_day_and_province_under_a_short_headline_are_its_stamp() -> None:
    d = page(
        "分享\n\n最后一班岗\n\n 青松813 2030-06-16 发布于江苏\n\n图片\n\n"
        "    2011年8月，我刚到退休年龄，厂里就请我回去，专门编写厂史。\n"
    )
    assert d.title == "最后一班岗"
    assert d.date == "2030-06-16"


def test_an_archive_records_keywords_are_no_headline() -> None:
    d = page(
        "征战河西亲历记\n\n知识类型: 析出资源\n查看原文\n内容出处: 《青松文史》 图书\n唯一号: 291920020220000706\n"
        "颗粒名称: 征战河西亲历记\n分类号: I207.2\n页数: 15\n页码: 114-128\n摘要: 老人说着拿出当年的路线图。\n"
        "关键词: 征战河西 历史纪事\n\n内容\n\n2001年春节前夕，电视台摄制组来到青松，采访当年的老战士。\n"
    )
    assert d.title == "征战河西亲历记"


def test_a_run_of_channel_names_with_no_spaces_is_a_menu_not_the_headline() -> None:
    text = (
        "钢铁轻工电器仪器机械冶金建材化工医药电子能源电力环保纺织手机版\n"
        "当前位置:某某调查网>新闻>国内新闻>  正文\n"
        "\n"
        "青山老年科学家：用余热点亮夕阳红\n"
        "\n"
        "某某调查网  时间:12/10/2012 10:03:43   来源:某某新闻网\n"
        "\n"
        "青山老年科学家：用余热点亮夕阳红\n"
        "十多位退休科学家组成服务团，到企业解决技术难题。\n"
    )
    d = page(text)
    assert d.title == "青山老年科学家：用余热点亮夕阳红"


def test_a_column_of_one_word_menu_items_is_furniture_not_the_headline() -> None:
    words = ("行业", "财经", "综合", "热点", "科技", "商业", "要闻", "观点", "经济", "社会", "法治", "体育")
    items = "• 首页\n" + "".join(f"  • {w}\n" for w in words)
    text = (
        items + "logo\n  • 国内 >\n  • 正文\n\n"
        "退休“老水利”再上防汛一线\n\n"
        "2023-08-10 09:18:30 来源:某某网\n\n"
        "汛情来了 全城迎战\n\n\n"
        "(资料图片仅供参考)\n\n"
        "某某网讯:烈日下，两位退休水利专家站在大堤上，紧盯着河道的施工进度。\n"
    )
    d = page(text)
    assert d.title == "退休“老水利”再上防汛一线"
    assert "财经" not in clause_text(d)


def test_a_portals_language_switch_is_furniture() -> None:
    from ingest.webresidue import is_chrome

    assert is_chrome("한국어") and is_chrome("Русский") and is_chrome("日本語")
    assert not is_chrome("老干部之家")


def test_the_sites_name_repeated_under_its_welcome_line_is_not_the_headline() -> None:
    text = (
        "欢迎访问某某服务观察网!\n\n某某服务观察网\n\n“国庆”归来话变化\n\n  某某机务段\n\n  “国庆”归来话变化\n\n"
        "  9月26日，某某机务段的退休职工回到单位，参观了新的实作训练室。\n"
    )
    d = page(text)
    assert d.title == "“国庆”归来话变化"


def test_a_sites_name_and_its_column_joined_by_double_marks_is_a_breadcrumb() -> None:
    from ingest.webresidue import is_chrome

    assert is_chrome("某某新闻网 >> 某某新闻")
    assert not is_chrome("分类>>老当益壮话当年")  # a label before the headline: cut, not dropped
