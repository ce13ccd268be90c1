"""The head of a web page (ingest.webhead, ingest.webresidue, ingest.header, ingest.names): shapes met
in real-page set n, each reproduced by a page written for the test (invented names and places)."""

from __future__ import annotations

import pytest

from ingest.coverage import check
from ingest.headlineclean import clean_headline
from ingest.pipeline import read_bytes
from ingest.webhead import read_head
from ingest.webresidue import is_chrome, unglue_head
from policykg.model import Document


def page(text: str, name: str = "p001.txt") -> Document:
    docs = read_bytes(name, text.encode("utf-8"))
    for d in docs:
        report = check(d)
        assert report.ok, (d.id, [d.text[a:b] for a, b in report.uncovered], report.overlapping)
    return docs[0]


def body(d: Document) -> str:
    return "\n".join(c.text for c in d.clauses)


def test_a_headline_printed_twice_under_banner_names() -> None:
    d = page(
        "• 2026乡村文化节\n  • 暑期特惠\n  • 走进新区\n青山频道\nEnglish\n"
        "青山宁远:银龄志愿者助力果园增收\n\n青山宁远:银龄志愿者助力果园增收\n"
        "2026-05-19 18:23:05 来源:宁远融媒\n\n"
        "今年春天，宁远县银龄志愿服务队走进果园，手把手教农户修剪果树，帮助农户增收。\n"
    )
    assert d.title == "青山宁远:银龄志愿者助力果园增收"
    assert d.date == "2026-05-19"
    assert "乡村文化节" not in body(d) and body(d).count("银龄志愿者助力果园增收") == 0


def test_a_row_of_linked_headlines_above_the_headline_is_navigation() -> None:
    d = page(
        "主管主办:白鹭传媒集团 指导协办:中共白鹭省委政法委员会出品:白鹭特别关注传媒有限公司\n\n"
        "法治导读:\n"
        "“三重守护”护好一江清水——某某检察院服务水源保护纪实 某市九地会签协作文件 "
        "某某中院以高质量司法优化营商环境 检察开放日走进社区 省级媒体组团走进基层检察院\n"
        "青松市司法局带领退休老干部到江村考察学习\n"
        "2020-10-26 09:00 来源:白鹭法治 点击: 0\n"
        "重阳节前夕，市司法局安排30余名退休老干部到江村走走看看。\n"
    )
    assert d.title == "青松市司法局带领退休老干部到江村考察学习"
    assert "传媒集团" not in body(d) and "法治导读" not in body(d)


def test_credit_greeting_clock_and_markup_lines_are_chrome() -> None:
    assert is_chrome("主管主办:白鹭传媒集团 指导协办:中共白鹭省委政法委员会出品:白鹭传媒有限公司")
    assert is_chrome("青松大学离退休处官方网站      现在是")
    assert is_chrome("热门资讯> 正文")  # a one-crumb trail ending in 正文
    assert not is_chrome("热门资讯：老同志欢度重阳")
    assert is_chrome("今天是 欢迎来到中共白鹭市委老干部局!")
    assert is_chrome('——某某纪实"> ——某某纪实"> 猜一猜')
    assert not is_chrome("今天是重阳节，我们欢聚一堂，共叙情谊。")
    assert not is_chrome("主办：某某局")


def test_a_bare_breadcrumb_and_an_epaper_pager_are_chrome_not_headlines() -> None:
    assert is_chrome(">要闻动态>老干风采")  # a trail of single > marks, opening with one
    assert is_chrome("离退休处>工作动态")
    assert not is_chrome("年满>60岁的老同志")  # a comparison in a line is no trail
    assert is_chrome("上一版5   6下一版")
    assert is_chrome("党委书记办公电话:6012345")  # a site's contact block
    assert is_chrome("活动管理科：0535-6671234")
    assert not is_chrome("活动室：老同志的家")
    assert is_chrome("5 上一篇   下一篇 6")
    lines = [
        "第05版:青松·街巷",
        "上一版5   6下一版",
        "2018年03月09日 星期五 出版 上一期  下一期",
        "笔墨迎新春 老人们乐在其中",
        "青松街道青松社区近日举办老年书画展，社区二十多位老人参展，展出作品六十余幅。",
    ]
    doc = read_bytes("p.txt", "\n".join(lines).encode("utf-8"))[0]
    assert doc.title == "笔墨迎新春老人们乐在其中"
    assert doc.date == "2018-03-09"


def test_a_greeting_names_the_site_that_owns_a_reposted_notice() -> None:
    d = page(
        "今天是 欢迎来到中共白鹭市委老干部局!\n"
        "您当前的位置 : 老干部局  >  教育活动\n\n"
        "关于打造离退休干部“银鹭讲堂”的通知\n\n"
        "责任编辑:老干部局 文章来源:老干部局 发布时间:2020-05-09 09:29:44\n\n"
        "各区委组织部、老干部局，市直各部门（单位）：\n"
        "为加强离退休干部学习平台建设，我局依托市老干部活动中心打造了“银鹭讲堂”。现将有关事项通知如下：\n"
        "一、工作目的\n搭建全市老同志学习交流的大平台。\n"
    )
    assert d.title == "关于打造离退休干部“银鹭讲堂”的通知"
    assert d.source_unit == "中共白鹭市委老干部局"  # 来源：老干部局, named in full by the site
    assert d.doc_type == "通知"


def test_an_editors_note_above_the_headline_stays_text() -> None:
    d = page(
        "编者按:近年来，青松市委老干部局引导离退休干部发挥余热，打造“松风”志愿服务品牌。现予以转发。\n"
        "松风吹暖银龄路 共治赋能新家园\n"
        "近年来，青松市推动离退休干部融入社区治理，组织志愿服务队120余支。\n"
    )
    assert d.title == "松风吹暖银龄路 共治赋能新家园" or d.title == "松风吹暖银龄路共治赋能新家园"
    assert "编者按" in body(d)  # the note is the page's text, in a clause


def test_a_story_lead_is_not_glued_to_the_first_line() -> None:
    d = page(
        "喜报!青松2个创新案例、6个离退休干部党支部上榜\n"
        "近日，中共白鹭省委老干部局印发通报，我市2个创新案例被评为全省优秀创新案例。具体名单如下：\n"
        "青松市某某区退休干部第一党支部\n"
    )
    assert d.title == "喜报!青松2个创新案例、6个离退休干部党支部上榜"
    assert body(d).startswith("近日")


def test_a_sharing_sites_headline_run_into_its_first_paragraph() -> None:
    assert unglue_head(
        "关于加强离退休干部文化养老的调研报告离退休干部文化需求较为广泛，需求多样。", near_top=True
    ) == [
        "关于加强离退休干部文化养老的调研报告",
        "离退休干部文化需求较为广泛，需求多样。",
    ]
    # a sentence about a document is not a glued headline
    assert len(unglue_head("关于进一步加强老干部工作的意见要求，各地要抓好落实。", near_top=True)) == 1
    d = page(
        "\n\n资料无法下载？请看说明：\n1、有的资料下载需要金币\n2、买过的文档再下，不会重复扣费\n"
        "关于加强离退休干部文化养老的调研报告离退休干部文化需求较为广泛，我县以满足老干部需求为出发点，加强设施建设。\n"
        "一、文化养老需求现状\n本次调查以问卷调查为主。\n"
    )
    assert d.title == "关于加强离退休干部文化养老的调研报告"
    assert d.doc_type == "调研报告"


def test_template_site_title_labels_alternates_and_glued_years() -> None:
    assert clean_headline("| 标题:在2026年新春茶话会上的讲话 |") == "在2026年新春茶话会上的讲话"
    assert clean_headline("离退休干部活动方案_退休老干部活动策划方案(2)") == "离退休干部活动方案"
    assert clean_headline("2021关于老年社会组织建设调查报告") == "关于老年社会组织建设调查报告"
    assert clean_headline("2021年工作要点") == "2021年工作要点"  # a year with 年 belongs to the title


def test_a_repost_note_and_an_original_content_credit_name_the_source() -> None:
    d = page(
        "本文转自:青松日报客户端\n"
        "“有烦心事也可以给我说。”12月天气渐寒，老同志李梅走村串户跑得更勤了。\n"
        "截至2021年底，全市共有离退休干部三万余名。\n"
    )
    assert d.source_unit == "青松日报客户端"
    assert "转自" not in body(d)
    e = page(
        "近年来，白鹭县车山镇老干部党支部把党建放在首位，开展“六好”支部创建。\n"
        "到目前为止，车山镇老干部党支部已组织志愿服务30余场。\n"
        "青松日报、青松云媒客户端原创\n未经授权不得转载\n"
    )
    assert e.source_unit == "青松日报"
    assert "原创" not in body(e)


def test_a_unit_in_the_breadcrumb_is_the_source_when_nothing_else_is() -> None:
    d = page(
        "您当前的位置:首 页>中共白鹭市委老干局>工作动态\n\n"
        "情系桑榆 敬老重阳——我市离退休干部共度佳节\n\n"
        "作者:来源:发布时间:2021-10-15 14:13大小:\n\n"
        "又到重阳，敬老正当时。这几天，全市各地各部门换着花样开展敬老活动。\n"
    )
    assert d.source_unit == "中共白鹭市委老干局"
    e = page(
        "您的位置:首页>新闻中心>银龄动态\n\n银龄志愿者走进社区\n\n发布时间:2021-10-15\n\n"
        "近日，银龄志愿者走进社区，为居民义诊。\n"
    )
    assert e.source_unit != "新闻中心"


def test_a_sites_bare_address_under_its_masthead_is_chrome() -> None:
    assert is_chrome("www.qingshan-lgb.gov.cn")
    assert is_chrome("https://lgj.qingshan.gov.cn/")
    assert not is_chrome("2023.04.04")  # a date, not an address
    d = page(
        "中共青山市委老干部局\nwww.qingshan-lgb.gov.cn\n发布日期:2023-03-29\n"
        "白鹭区委老干部局邀请老党员为全区离退休干部作辅导报告，老同志们深受鼓舞。\n"
        "报告会上，老党员结合亲身经历，讲述了党的光辉历程。\n"
    )
    assert "www.qingshan-lgb.gov.cn" not in body(d)


def test_a_caption_and_its_credit_run_into_the_paragraph_below() -> None:
    d = page(
        "银发党支部退休不褪色\n2024年12月06日16:06 | 来源：青山日报\n"
        "主题党日活动。受访者供图 |\n在白鹭市，有一个“银发党支部”，支部成员平均年龄超过70岁。\n"
        "支部成立以来，老党员们坚持学习，积极参与社区治理。\n"
    )
    assert "受访者供图" not in body(d)
    assert body(d).startswith("在白鹭市")


def test_a_number_line_is_no_headline() -> None:
    from ingest.webhead import headline_like

    assert not headline_like("青关工委[2020]5号")
    assert headline_like("青山市关工委召开全委会")


def test_a_sites_notice_an_html_default_title_and_a_plug_in_notice_are_chrome() -> None:
    for line in (
        "温馨提示:本站为青松票务官方授权订票中心,请放心购买。",
        "Document",
        "本页内容要用新版 Adobe Flash Player。",
        "获取 Adobe Flash Player",
        "This text is replaced by the Flash movie.",
    ):
        assert is_chrome(line), line
    assert not is_chrome("温馨提示")  # a heading word alone is no notice
    d = page(
        "温馨提示:本站为青松票务官方授权订票中心,请放心购买。\n"
        "青松老年大学:银发课堂开课啦\n"
        "更新时间:2025-03-10 18:26  浏览量:2\n"
        "青松老年大学有学员九千人，开设声乐、太极、书法等课程，深受老年人欢迎。\n"
    )
    assert d.title == "青松老年大学:银发课堂开课啦"
    d = page(
        "Document\n网站首页 文章详情\n青松市出台关心下一代工作实施意见\n发布时间:2022-10-08 浏览:349\n近日，青松市委办公室印发实施意见，部署关工委工作。\n"
    )
    assert d.title == "青松市出台关心下一代工作实施意见"


def test_an_e_papers_date_picker_gives_the_date_and_is_no_headline() -> None:
    d = page(
        "日期查询:2023年09月26日\n\n老年大学开设18门课程满足老年人文化需求\n\n"
        "本报记者 张大山 通讯员 李小河\n近日，青松公司老年大学迎来秋季开学季，新老同学纷纷走进学校。\n"
    )
    assert d.title == "老年大学开设18门课程满足老年人文化需求"
    assert d.date == "2023-09-26"


def test_the_line_above_a_meta_line_the_residue_pass_took_is_the_headline() -> None:
    # a banner printed twice, then the headline, then its source and time line (taken as residue)
    d = page(
        "青松公益项目\n青松公益项目\n\n青松“五老”队伍情系下一代\n\n来源:青松新闻网时间:2014-02-28\n\n"
        "人老心不老，余热暖童心。2月26日，记者在全区关工委会议上了解到，“五老”队伍已达三万人。\n"
    )
    assert d.title == "青松“五老”队伍情系下一代"
    assert d.date == "2014-02-28"
    # menu items above a breadcrumb, the headline, a date-and-credits line
    d = page(
        "  • 青松中学建校百年专题\n  • 青松风物\n当前位置: 青松 > 综合资讯 > 社会\n\n"
        "“老有所学”需求旺盛 市老年大学秋季招生火爆\n\n"
        "2019-09-30 来源:网络收录 撰稿:张大山 浏览次数: 我来说两句\n\n"
        "市老年大学秋季招生工作9月14日开始，仅两天时间，报名人员达到1200多人次。\n"
    )
    assert d.title == "“老有所学”需求旺盛市老年大学秋季招生火爆"  # (the spacing repair joins Han words)
    assert d.date == "2019-09-30"


def test_a_kicker_stays_with_the_headline_above_a_removed_meta_line() -> None:
    d = page(
        "青松要闻\n中办印发《意见》\n加强新时代离退休干部党的建设工作\n来源:青松新闻网 时间:2022-04-10\n"
        "近日，中共中央办公厅印发了《意见》，并发出通知，要求各地区各部门结合实际认真贯彻落实。\n"
    )
    assert d.title == "中办印发《意见》加强新时代离退休干部党的建设工作"


def test_a_disclosure_tables_rows_give_the_source_date_and_number() -> None:
    d = page(
        "登录 | 注册\n  • 青政发\n  • 索引号\n    000012345/2021-00321\n  • 发布机构\n    青松县政府办公室\n"
        "  • 文号\n    青政办发〔2021〕7号\n  • 发布日期\n    2021-04-12\n  • 时效性\n    有效\n\n"
        "青松县国企退休人员移交社区管理实施细则\n\n  第一章 总则\n\n"
        "  第一条 为深化国有企业改革，结合本县实际，制定本实施细则。\n"
    )
    assert d.title == "青松县国企退休人员移交社区管理实施细则"
    assert d.source_unit == "青松县政府办公室"
    assert d.date == "2021-04-12"
    assert d.doc_no == "青政办发〔2021〕7号"
    assert "索引号" not in body(d) and "青政发" not in body(d)


def test_a_sites_name_between_the_headline_and_its_date_is_the_source() -> None:
    d = page(
        "您当前所在的位置:中共青松县委老干部局 > 工作动态 > 关于离退休干部服务县域发展的调研报告\n\n工作动态\n\n"
        "关于离退休干部服务县域发展的调研报告\n\n关键词:\n\n青松县老干部局网\n\n2013-03-31\n\n"
        "  我省正处在由大到强的关键时期，县域发展的地位至关重要。如何发挥离退休干部的作用，成为重大课题。\n"
    )
    assert d.title == "关于离退休干部服务县域发展的调研报告"
    assert d.source_unit == "青松县老干部局网"
    assert d.date == "2013-03-31"


def test_a_documents_bracketed_name_run_into_its_first_sentence_is_its_title() -> None:
    line = "【青松县退休人员移交社区服务实施方案】为深入贯彻落实有关部署，推动退休人员管理服务社会化，结合本地实际，制定本方案。"
    assert unglue_head(line, top=True) == [
        "青松县退休人员移交社区服务实施方案",
        "为深入贯彻落实有关部署，推动退休人员管理服务社会化，结合本地实际，制定本方案。",
    ]
    d = page(line + "\n一、指导思想\n把群众满意放在首位，稳妥推进移交工作。\n")
    assert d.title == "青松县退休人员移交社区服务实施方案"
    assert d.doc_type == "实施方案"
    # a column tag is no document's name
    assert (
        len(
            unglue_head(
                "【学习园地】为深入贯彻落实有关部署，推动退休人员管理服务社会化，我们组织了学习。", top=True
            )
        )
        == 1
    )


def test_a_date_and_site_line_between_the_headline_and_removed_credits() -> None:
    d = page(
        "本页内容要用新版 Adobe Flash Player。\n\n获取 Adobe Flash Player\n\n"
        "主办:青松省关工委 协办:青松网络台\n站内搜索\n您的位置: 青松关工网 > 论坛\n"
        "青松市关工委关于“五老”队伍现状的调研\n2012-07-23 青松关心下一代网\n作者: 来源: 编辑:管理员\n\n"
        "青松市关工委关于“五老”队伍现状的调研\n\n青松市关工委\n\n"
        "        为摸清全市“五老”队伍有多少人、还有哪些短板，我们做了一次专题调研。\n"
    )
    assert d.title == "青松市关工委关于“五老”队伍现状的调研"
    assert d.date == "2012-07-23"


def test_a_source_that_says_only_where_it_was_collected_is_no_source() -> None:
    d = page(
        "青松老年大学秋季招生火爆\n2019-09-30 来源:网络收录 浏览次数:12\n"
        "市老年大学秋季招生工作9月14日开始，仅两天时间，报名人员达到1200多人次。\n"
    )
    assert d.source_unit is None


def test_a_sharing_sites_watermark_is_cut_wherever_it_is_printed() -> None:
    d = page(
        "青松范文宝典:www.example-fanwen.com在全市老干部局长会议上的讲话同志们:这次会议的主要任务是总结工作。\n"
        "青松范文宝典:www.example-fanwen.com\n在全市老干部局长会议上的讲话\n同志们:\n"
        "这次会议的主要任务是，传达学习上级精神，总结工作，部署任务。青松范文宝典:www.example-fanwen.com下面，我讲三点意见。\n"
    )
    assert d.title == "在全市老干部局长会议上的讲话"
    assert "www." not in body(d)
    assert any("www.example-fanwen.com" in x for x in d.residue.get("navigation", []))


def test_a_footer_line_of_registration_numbers_is_chrome() -> None:
    assert is_chrome("网站标识码：1100000000  京ICP备00000000号")
    assert is_chrome("青ICP备12345678号-1  青公网安备 00000000000000号")
    assert not is_chrome("会议要求，各支部要把学习成果转化为服务群众的实际行动。")


def test_rating_widgets_readers_and_app_furniture_are_chrome() -> None:
    for line in (
        "我给文章打分",
        "1分   2分   3分   4分   5分",
        "本文得分:0.0参与评分人数:0",
        "电子报阅读机",
        "关注微信公众号",
        "您好,欢迎访问某某文档",
    ):
        assert is_chrome(line), line
    assert not is_chrome("本次活动得到老同志的一致好评，大家纷纷打分点赞。")


def test_a_government_sites_menu_run_together_is_chrome() -> None:
    assert is_chrome(
        "领导介绍 企务动态 公告信息 领导讲话 统计信息 发展规划 法律法规 规范性文件 部门文件 人事信息"
    )
    assert is_chrome("领导介绍企务动态公告信息领导讲话统计信息发展规划法律法规规范性文件部门文件人事信息")


def test_an_e_paper_readers_paper_name_is_the_source() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "电子报阅读机\n2030-01-22\n星期四\n当前报纸名称:青山日报\n\n"
        "青松县税务局：最暖清秋日 情满江心洲\n\n"
        "10月23日上午，青松县税务局组织离退休干部开展重阳节活动。\n\n大家纷纷表示感谢。\n"
    )
    doc = read_bytes("e.txt", text.encode("utf-8"))[0]
    assert doc.source_unit == "青山日报"
    assert doc.title is not None and doc.title.startswith("青松县税务局")


def test_a_site_name_between_the_headline_and_its_date_under_a_counter_line() -> None:
    from ingest.pipeline import read_bytes

    assert is_chrome("关键词:")
    text = (
        "工作动态\n\n关于离退休干部服务县域发展的调研报告\n浏览次数：1024\n\n关键词:\n\n"
        "青松县老干部局网\n\n2030-03-31\n\n"
        "我省正处在由大到强的战略性转变的关键时期，县域发展在这一转变中具有重要地位。\n\n"
        "通过构建支撑机制、完善网络体系，离退休干部服务县域发展取得成效。\n"
    )
    doc = read_bytes("v.txt", text.encode("utf-8"))[0]
    assert doc.title == "关于离退休干部服务县域发展的调研报告"
    assert doc.source_unit == "青松县老干部局网"
    assert doc.date == "2030-03-31"


def test_a_medium_tagged_as_reprinted_is_the_source() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "当前位置:首页 -> 企务动态\n\n青山局 文化养老托起幸福“夕阳红”\n\n2030-01-29\n\n【媒体关注】青山林业报\n\n"
        "近年来，青山局把文化养老当作重点，让退休职工的日子过得更有滋味。\n\n老同志们纷纷点赞。\n"
    )
    doc = read_bytes("m.txt", text.encode("utf-8"))[0]
    assert doc.source_unit == "青山林业报"
    assert doc.date == "2030-01-29"


def test_an_e_papers_article_pager_and_list_row_are_chrome() -> None:
    assert is_chrome("3上一篇  4下一篇")
    assert is_chrome("返回本版列表    字体: 放大  缩小")
    assert not is_chrome("返回家乡后，他积极参加社区志愿服务。")


def test_a_meta_line_may_open_with_a_bracketed_date() -> None:
    from ingest.webmeta import is_meta_line

    assert is_meta_line("( 2030-01-17 ) 稿件来源: 青山法治报综合")
    assert not is_meta_line("(一)稿件来源要可靠，内容要真实。")


def test_a_source_after_a_spaced_label_is_no_site_suffix() -> None:
    from ingest.webresidue import site_suffix

    assert site_suffix("2030年06月10日15:53 | 来源： 青山网-四川频道") is None
    assert site_suffix("青松区抓实离退休干部工作 青山新闻—青山新闻网") == (
        "青松区抓实离退休干部工作",
        "青山新闻—青山新闻网",
    )


@pytest.mark.parametrize("day", ["2030-12-24", "2030/12/24", "2030年12月24日"])
def test_a_time_stamp_line_is_read_whatever_the_days_form(day: str) -> None:
    from ingest.pipeline import read_bytes

    text = (
        f"{day} 09:03:47 | 青山新闻网\n来源: 青山晚报\n\n青松区：“银龄”志愿唱响最美“夕阳红”\n\n"
        "在青松区，有一群可爱的“银龄”志愿者，他们积极投身各项志愿服务活动。\n\n近日，社区组织开展了志愿服务活动。\n"
    )
    doc = read_bytes("s.txt", text.encode("utf-8"))[0]
    assert doc.title == "青松区：“银龄”志愿唱响最美“夕阳红”"
    assert doc.date == "2030-12-24"


def test_a_slash_date_line_is_no_address() -> None:
    assert not is_chrome("2030/05/27")
    assert is_chrome("/html/2030/05/27/abc.html")


def test_a_sharing_sites_bulleted_file_facts_are_chrome_and_the_upload_day_is_the_date() -> None:
    d = page(
        "- 12\n- 3\n- 约4.21千字\n- 约 9页\n- 2031-03-08 发布于青松省\n- 举报\n"
        "青松县退休干部健步走活动方案\n"
        "一、活动目的\n1.丰富退休干部的文化生活，增强体质，凝聚人心。\n"
        "二、活动时间\n1.2031年4月上旬，具体时间另行通知。\n"
    )
    assert d.title == "青松县退休干部健步走活动方案"
    assert d.date == "2031-03-08"
    assert "千字" not in body(d) and "举报" not in body(d)
    assert check(d).share_covered == 1.0


def test_a_sharing_sites_rating_row_and_service_notes_are_no_headline() -> None:
    assert is_chrome("- 某某活动方案 推荐度:")
    assert is_chrome("- 相關推薦")
    assert is_chrome("网站客服:1234567890")
    d = page(
        "温馨提示:\n"
        "1. 公式在查看预览时或显示不全,下载后正常,可放心下载。\n"
        "2. 下载失败可能由于网络波动,请联系客服。\n"
        "网站客服:1234567890\n"
        "关于青松县离退休干部党建工作的调研报告\n"
        "近年来，青松县认真落实离退休干部党建工作要求，支部建设不断加强。\n"
    )
    assert d.title == "关于青松县离退休干部党建工作的调研报告"
    assert "客服" not in body(d) and "网络波动" not in body(d)


def test_a_date_glued_to_the_end_of_a_headline_is_the_pages_date() -> None:
    d = page(
        "当前位置: 首页 > 新闻动态 > 正文\n\n"
        "我校离退休处组织老同志参观青松湖湿地公园2031-05-20\n\n"
        "5月19日，学校离退休处组织30余名老同志参观青松湖湿地公园，感受生态建设成果。\n"
    )
    assert d.title == "我校离退休处组织老同志参观青松湖湿地公园"
    assert d.date == "2031-05-20"


def test_a_headline_wrapped_after_a_quoted_activity_name_is_joined() -> None:
    d = page(
        "\n青松县医院开展“重阳·送健康”\n系列活动\n"
        "10月11日，青松县医院为辖区离退休老干部开展义诊，近百名老同志参加。\n\n"
        "活动中，医护人员为老同志测量血压，讲解慢病防治知识。\n"
    )
    assert d.title == "青松县医院开展“重阳·送健康”系列活动"
    assert body(d).startswith("10月11日")


def test_a_list_item_above_a_documents_title_is_no_part_of_it() -> None:
    d = page(
        "㈠ 某条例对离退休党员活动是如何规定的\n"
        "青松县离退休干部党员管理办法\n"
        "为加强离退休干部党员教育管理，制定本办法。\n"
        "一、组织设置\n1、离退休党员组织关系原则上转到居住地社区党组织。\n"
    )
    assert d.title == "青松县离退休干部党员管理办法"


def test_a_sharing_sites_file_record_and_earn_by_sharing_buttons_are_chrome() -> None:
    for line in (
        "ID:730000",
        "大小:17.18KB",
        "页数:3页",
        "格式:DOCX",
        "ID:730000大小:17KB页数:3页格式:DOCX",
        "收藏 分享赚钱",
    ):
        assert is_chrome(line), line
    for line in ("格式:按照要求", "大小:适中"):  # a label with words after it is text
        assert not is_chrome(line), line


def test_a_page_title_bar_cut_short_above_the_full_title_is_the_pages_head() -> None:
    d = page(
        "青松县委组织部关于规范退休领导干部\n"
        "2031-12-25188\n"  # the day and a view counter run together
        "青松县委组织部关于规范退休领导\n干部在协会学会兼职的通知\n"
        "各乡镇党委，县直各单位党组（党委）：\n"
        "为规范退休领导干部在社会团体兼职，现将有关事项通知如下。\n"
        "一、严格审批程序。退休领导干部兼职须按规定审批。\n"
    )
    assert d.title.endswith("关于规范退休领导干部在协会学会兼职的通知")


def test_a_menu_printed_one_item_a_line_is_no_headline() -> None:
    d = page(
        "首页\n组织机构\n公告栏\n干部工作\n人才工作\n下载专区\n干部在线学习中心\n\n"
        "领导干部在社会团体兼职主要政策规定\n2031-04-25 14:36\n\n"
        "一、党政机关领导干部不兼任社会团体领导职务。\n二、退休领导干部兼职须按规定审批。\n"
    )
    assert d.title == "领导干部在社会团体兼职主要政策规定"
    assert "公告栏" not in body(d)


def test_an_outline_of_the_sections_above_a_speech_title_is_no_title() -> None:
    d = page(
        "一、聚焦学习教育\n二、聚焦精准服务\n三、聚焦作用发挥\n"
        "在青松县2031年老干部工作总结会上的讲话\n"
        "尊敬的老领导、老同志们，同志们：\n"
        "今天，我们召开全县老干部工作总结会，回顾一年来的工作，部署明年的任务。\n"
        "一、聚焦学习教育，老同志思想根基更加牢固\n一年来，我们组织老同志集中学习12次。\n"
    )
    assert d.title == "在青松县2031年老干部工作总结会上的讲话"
    assert d.doc_type == "讲话"


def test_a_column_label_repeating_the_breadcrumbs_last_level_is_not_joined_to_the_headline() -> None:
    text = (
        "联系我们\n当前位置:首页>>工作视窗\n工作视窗\n青松县检察院老干部党支部迎接示范党支部考评验收\n"
        "时间:2031-12-22  作者:张小河  \n\n"
        "  近日，青松县检察院老干部党支部接受示范党支部考评验收。\n\n"
        "  考评组查看了党支部阅览室和学习园地。\n\n"
        "  考评组听取了党支部书记的情况汇报。\n\n"
        "  考评组对党支部建设给予充分肯定。\n\n"
        "  党支部表示将以此次考评为契机。\n\n"
        "  进一步提升党支部建设水平。\n"
    )
    # the page's paragraphs are set apart by blank lines, so a single break would be a wrapped line
    d = read_bytes("w.txt", text.encode("utf-8"))[0]
    assert d.title == "青松县检察院老干部党支部迎接示范党支部考评验收"
    assert d.date == "2031-12-22"


def test_a_stamp_with_the_year_set_apart_by_a_space_is_the_pages_date_not_its_headline() -> None:
    text = (
        "2031 01/22 17:04:51\n来源:青松省委老干部局\n\n青松省级银色家园正式启用\n\n字体:\n\n"
        "  1月21日，青松省委老干部局与青松银行共建的省级银色家园正式启用。\n\n"
        "  银色家园将为老同志提供学习活动场所。\n"
    )
    d = read_bytes("s.txt", text.encode("utf-8"))[0]
    assert d.title == "青松省级银色家园正式启用"
    assert d.date == "2031-01-22"


def test_a_commentarys_writer_leading_its_headline_and_widgets_around_it_are_not_the_title() -> None:
    text = (
        "返回首页\n\n我要投稿\n您的位置:首页 > 时政 > 列表\n\n张小河:人退休了党员本色不能丢\n\n"
        "2031-08-08 10:53:34 来源:青松评论 有0人发表了看法\n"
        "  作者:张小河 稿源:青松评论  编辑:李小山\n"
        "  退休，是每个领导干部都要面对的话题。很多人退休后继续从事有意义的活动。\n"
    )
    d = read_bytes("c.txt", text.encode("utf-8"))[0]
    assert d.title == "人退休了党员本色不能丢"
    assert d.source_unit == "青松评论"
    assert d.date == "2031-08-08"


def test_a_salutation_is_never_a_headline_and_a_letters_title_above_it_stays() -> None:
    text = (
        "正文复制\n\n老人节慰问信\n尊敬的各位离休退休老同志们:您们好!\n"
        "在老人节来临之际，我代表全体在职干部，向你们致以亲切的问候。\n"
        "祝各位老同志身体健康、阖家幸福！\n"
    )
    d = read_bytes("l.txt", text.encode("utf-8"))[0]
    assert d.title == "老人节慰问信"


def test_a_medium_leading_the_headline_and_opening_the_story_again_is_the_source() -> None:
    text = (
        "你的位置:首页 > 新闻动态 > 本地新闻\n\n青松微盟:银领志愿服务项目启动 张小河参加启动仪式\n\n"
        "2031/4/17 8:04:21      点击:\n\n青松微盟:\n\n"
        "昨天上午，我市举行离退休干部志愿服务行动启动仪式。\n\n志愿者们组建银色人才服务队。\n"
    )
    d = read_bytes("m.txt", text.encode("utf-8"))[0]
    assert d.title == "银领志愿服务项目启动张小河参加启动仪式"  # (spaces between Han characters go)
    assert d.source_unit == "青松微盟"
    assert all(not c.text.startswith("青松微盟") for c in d.clauses)


@pytest.mark.parametrize(
    "chrome",
    ["2031年01月17日 上一期 下一期", "5 2/5 1 2 3 > >| PDF版"],
)
def test_an_epapers_issue_switcher_and_page_switcher_are_chrome(chrome: str) -> None:
    text = (
        f"{chrome}\n青松县老干部局举办迎新春座谈会\n"
        "1月16日，青松县老干部局举办迎新春座谈会，30余名老同志参加。\n座谈会上，老同志们畅谈变化。\n"
    )
    d = read_bytes("e.txt", text.encode("utf-8"))[0]
    assert d.title == "青松县老干部局举办迎新春座谈会"
    assert (
        read_bytes("d.txt", "2031/01/17\n青松县举办座谈会\n近日，青松县举办座谈会。\n".encode())[0].date
        == "2031-01-17"
    )


def test_a_papers_name_in_book_title_marks_above_the_headline_is_its_source_not_a_kicker() -> None:
    text = (
        "《青松报》  \n上一期    下一期\n\n为80岁老同志集体祝寿\n\n   期次:第582期      查看:23   \n\n"
        "  ●本报讯10月13日，老干部活动中心为年满80岁的老同志集体祝寿。\n\n  老同志们欢聚一堂，共度美好时光。\n"
    )
    d = read_bytes("p.txt", text.encode("utf-8"))[0]
    assert d.title == "为80岁老同志集体祝寿"
    assert d.source_unit == "青松报"


def test_a_date_widget_that_lost_its_date_and_a_photo_blogs_prompts_are_chrome() -> None:
    text = (
        "收藏TA\n\n需扫码在手机上打开\n文章后点击更新提醒\n\n今天是\n"
        "青松县离退休干部党组织书记赴白水县观摩党建工作\n\n创建于2031-09-28 阅读477\n\n"
        "        9月26日下午，青松县离退休干部党组织书记一行来到白水县参观学习。\n\n"
        "        大家纷纷表示收获很大。\n"
    )
    d = read_bytes("m.txt", text.encode("utf-8"))[0]
    assert d.title == "青松县离退休干部党组织书记赴白水县观摩党建工作"
    assert d.date == "2031-09-28"


def test_a_bar_separated_meta_row_names_the_publisher() -> None:
    text = (
        "聚“四心”用好离退休干部这座“富矿”\n\n"
        "2031-5-23 15:08| 发布者: 青松市委老干部局| 查看: 585| 评论: 0\n\n"
        "  近日，离退休干部开展志愿服务活动，反响良好。\n"
    )
    d = read_bytes("b.txt", text.encode("utf-8"))[0]
    assert d.title == "聚“四心”用好离退休干部这座“富矿”"
    assert "青松市委老干部局" in (d.source_unit or "", d.author_unit or "", *d.issuers)
    assert not any("查看" in (u or "") for u in (d.source_unit, d.author_unit, *d.issuers))


def test_a_head_printed_with_a_bar_after_each_line_keeps_its_date_and_medium() -> None:
    text = (
        "白水街道第二届老人运动会开幕了 |\n2031年11月27日 16:09:05 青松新闻网 |\n"
        "11月27日下午，白水街道在街道广场举行第二届老人运动会开幕式。\n运动会设有多个项目。\n"
    )
    d = read_bytes("r.txt", text.encode("utf-8"))[0]
    assert d.date == "2031-11-27"
    assert d.source_unit == "青松新闻网"


def test_a_sources_value_ends_at_a_bar_and_a_date_after_the_bar_is_still_read() -> None:
    from ingest.webmeta import parse_meta

    assert parse_meta("发布者: 青松市委老干部局| 查看: 585")[1][0] == ("publisher", "青松市委老干部局")
    assert ("date", "2031-05-06 10:00") in parse_meta("来源：青松新闻网 | 2031-05-06 10:00")[1]


def test_a_medium_printed_after_the_publish_date_is_the_source() -> None:
    from ingest.webmeta import parse_meta

    assert set(parse_meta("发布时间:2031-04-07   青松日报")[1]) == {
        ("date", "2031-04-07"),
        ("source", "青松日报"),
    }
    assert parse_meta("发布时间:2031-04-07 10:20")[1] == (("date", "2031-04-07 10:20"),)


def test_a_reader_counter_with_font_widgets_is_chrome() -> None:
    text = (
        "栏目导航 网站首页>>教务教研>>\n\n"
        "共有 1189 位读者读过此文 【选择字体颜色】: 【字体:放大 正常 缩小】     【双击自动滚屏】【图片滚轮变焦】\n\n"
        "青松老年大学学籍管理制度\n\n发表日期:2031年5月11日  \n\n青松区老年大学学籍管理制度\n\n"
        "一、学员报名须经学校审核。\n\n二、学员须遵守学校规章制度。\n"
    )
    d = read_bytes("c.txt", text.encode("utf-8"))[0]
    assert d.title == "青松老年大学学籍管理制度"
    assert d.doc_type == "制度"


def test_a_source_label_without_its_colon_after_the_stamp() -> None:
    from ingest.webmeta import parse_meta

    assert parse_meta("2031-01-03   |   来源 青松商报")[1] == (("source", "青松商报"),)
    assert parse_meta("老字号焕发新活力")[1] == ()  # a label's word inside a headline is no label
    head = read_head(["义务监督网吧 平均年龄六十岁以上", "2031-01-03   |   来源 青松商报", "正文。"])
    assert head.title == "义务监督网吧 平均年龄六十岁以上"
    assert head.meta.first("source") == "青松商报"


def test_a_headline_broken_after_the_speakers_colon() -> None:
    head = read_head(
        ["2031年10月18日", "退休干部老李:", "“坚持为群众多做点事”", "本报讯 66岁的老李是一名退休干部。"]
    )
    assert head.title == "退休干部老李:“坚持为群众多做点事”"


def test_a_news_headline_run_into_its_lead_is_split_where_the_lead_opens() -> None:
    assert unglue_head("青松老年大学秋季开学迎来两位九旬新生9月4日，是报名第一天。", top=True) == [
        "青松老年大学秋季开学迎来两位九旬新生",
        "9月4日，是报名第一天。",
    ]
    assert unglue_head("全县老年门球邀请赛圆满成功 为弘扬尊老敬老传统，县老体协举办比赛。", top=True)[0] == (
        "全县老年门球邀请赛圆满成功"
    )
    assert unglue_head("青松镇老年大学举行文艺演出为促进老年人文化生活，镇老年大学组织演出。", top=True)[
        0
    ] == ("青松镇老年大学举行文艺演出")
    # a dateline is no headline: the credits stay whole
    line = "青松网讯（记者 张三）5月4日，青松县召开老干部工作会议。"
    assert unglue_head(line, top=True) == [line]


def test_a_stamp_line_may_open_with_the_sites_address_and_close_with_a_writer_or_share_button() -> None:
    d = page(
        "• 村里的书屋\n"
        "http://www.qingsongnews.com/  2031-08-12 08:50  青松新闻网  分享\n"
        "青松县退休教师林青在村里办起书屋，十年来借出图书三万余册，孩子们放学后都爱来这里读书。\n"
    )
    assert d.source_unit == "青松新闻网"
    assert d.date == "2031-08-12"
    e = page(
        "白桦:两千名乡贤当上河道“监护人”\n"
        "2031/06/27 15:47  青松新闻  林小青\n"
        "青松讯 在白桦县一条边沟旁，乡贤护水员正在清理河面的垃圾，他说这些水体与老百姓生活息息相关。\n"
    )
    assert e.source_unit == "青松新闻"


def test_a_headline_under_a_day_and_medium_line_is_not_run_into_it() -> None:
    d = page(
        "青松网 > 五老关爱\n"
        "独臂老兵 余热生辉\n"
        "2031-07-09 青松关心下一代网\n"
        "作者: 林青 来源: 编辑:王小青\n\n"
        "今年73岁的赵大山是一名退休老矿工，十多年来一直在社区义务宣讲，受到社区群众的普遍赞誉。\n"
    )
    assert d.title == "独臂老兵余热生辉"
    assert d.source_unit == "青松关心下一代网"
    assert d.author_unit is None  # 受到社区…: the community is what praised him, not a unit that acts


def test_a_template_sites_page_title_with_a_genre_word_over_the_headline() -> None:
    d = page(
        "仙侠\n\n"
        "发挥军休优势弘扬革命传统计划\n\n"
        "发挥军休优势 弘扬革命传统\n\n"
        "——白桦区民政局组织“传承光荣传统”红色课堂\n\n"
        "11月20日下午，青松市第五中学的35名学生来到军休所会议室，听军休干部讲革命故事。\n"
    )
    assert d.title == "发挥军休优势弘扬革命传统"
    assert d.author_unit == "白桦区民政局"  # the subtitle's actor, its dash aside


def test_a_meta_line_whose_stamp_has_a_two_digit_year() -> None:
    d = page(
        "您当前的位置 : 青松网 >> 新闻 >> 人物\n\n"
        "青松县八旬老党员为啥二十年坚持修路?\n\n"
        "31-01-09 17:51 来源:青松农民报 编辑:林青\n\n"
        "一把铁锹、一顶帽子，二十年来，老党员高大山义务为村民修路，填坑洼、垫沙土。\n"
    )
    assert d.source_unit == "青松农民报"
    assert d.date == "2031-01-09"


def test_font_buttons_glued_before_the_meta_line_are_neither_headline_nor_its_continuation() -> None:
    d = page(
        "当前位置: 首页 » 资讯 » 正文\n\n"
        "老党员自办讲习所 苗寨乡亲动情聆听\n\n"
        "放大字体  缩小字体 发布日期:2031-11-19  来源:青松网\n"
        "核心提示:在家庭讲习所，乡亲们认真学习。11月6日，白桦县老党员林大山为乡亲们宣讲。\n"
    )
    assert d.title == "老党员自办讲习所苗寨乡亲动情聆听"
    assert d.source_unit == "青松网"
    assert d.date == "2031-11-19"
    assert is_chrome("Site logo") and is_chrome("放大字体 缩小字体")
    e = page(
        "已阅读5页,还剩4页未读, 继续免费阅读\n"
        "青松街道加强退休干部党支部建设的调研报告\n"
        "近期，青松街道对辖区退休干部党支部建设情况进行了调研，现将有关情况报告如下。\n"
    )
    assert "还剩" not in e.title and "还剩" not in body(e)


def test_a_page_without_a_headline_is_not_named_by_its_meta_line() -> None:
    d = page(
        "發表于:2031-05-29 下午 /閱讀:623 /評論:0\n1956年10月，我随干部大队进藏，光在路上候车就候了三个月。\n"
    )
    assert not d.title.startswith("發表于")


def test_a_sites_name_before_the_meta_fields_under_the_headline_is_the_source() -> None:
    d = page(
        "青松县打造“银发河湖长团队”\n\n\n"
        "中国青松产业信息网   时间:2031-09-26\n\n\n\n"
        "  如今,在素有“鱼米之乡”美誉的青松县,一支由退休干部党员组成的“银发河湖长团队”不求索取,"
        "只求江河安澜,受到百姓的夸奖。\n"  # (half-width commas, as the page printed them)
    )
    assert d.title == "青松县打造“银发河湖长团队”"
    assert d.source_unit == "中国青松产业信息网"
    assert d.date == "2031-09-26"


def test_a_column_name_over_the_papers_masthead_is_no_headline() -> None:
    d = page(
        "青工娱乐\n\n"
        "青松工人日报 2031年01月30日 星期一\n\n"
        "【时代先锋】他把荒山变成林海\n\n"
        "——追记青松县原县委书记林大山\n\n"
        "本报记者 王小青\n\n"
        "2030年10月10日，一位老人在青松县人民医院逝世，享年83岁。他退休后扎根大山兴办林场。\n"
    )
    assert d.title == "他把荒山变成林海——追记青松县原县委书记林大山"
    assert d.source_unit == "青松工人日报"


def test_a_blog_posts_title_printed_around_its_time_stamp() -> None:
    d = page(
        "青松文史\n\n"
        "介绍青松文史，讲述自己的故事。\n"
        "个人资料\n"
        "正文\n\n"
        "青松县旧志校注出版亲历记\n\n"
        "(2031-10-29 05:57:50) 下一个\n\n"
        "青松县旧志校注出版亲历记\n\n"
        "2030年7月，一部完整的《青松县旧志全书》出版发行，因而借县政协文史资料征稿之机，我把经过作一回顾。\n"
    )
    assert d.title == "青松县旧志校注出版亲历记"
    assert d.date == "2031-10-29"
    assert d.author_unit is None  # 因而借县政协…: a linking word opens the clause, no unit acts


def test_a_units_line_over_what_it_did_is_one_headline_not_an_issuer() -> None:
    d = page(
        "青松市老区建设促进会\n召开2031年工作会议\n"
        "2031年5月7日，青松市老区建设促进会林大山会长主持召开工作会议，安排部署今年重点工作。\n"
    )
    assert d.title == "青松市老区建设促进会召开2031年工作会议"
    assert d.issuers == []
    e = page(
        "中共青松县委老干部局\n关于做好2031年重阳节慰问工作的通知\n各乡镇党委：\n现将有关事项通知如下。\n"
    )
    assert e.issuers == ["中共青松县委老干部局"]  # a unit over a document's title still issues it


def test_a_short_headline_over_a_hyphenated_subtitle_is_no_column_label() -> None:
    d = page(
        "执笔书暖意 共绘福满城\n"
        "--青松市“迎新春·送祝福”春联书写活动启动\n"
        "新春将至，年味在笔墨纸砚间弥漫。为营造喜庆祥和的节日氛围，市民政局发起春联书写活动。\n"
    )
    assert d.title.startswith("执笔书暖意共绘福满城")


def test_a_title_label_a_widget_glued_to_the_source_and_a_run_together_day() -> None:
    d = page(
        "中国青松网 > 教育\n\n题:一名“90后”的“老西藏”情结\n\n"
        "发布时间:2031-10-25 09:29:00来源: 青松网大字体小字体扫码带走\n\n"
        "五年前，当大学生林小青决定来高原工作时，他不会想到，自己最重要的朋友会是一群老人。\n"
    )
    assert d.title == "一名“90后”的“老西藏”情结"
    assert d.source_unit == "青松网"
    e = page(
        "青松省老科协成立三十周年\n20310616\n"
        "青松省老科协成立三十周年纪念会6月14日在省城召开，会上会长指出，各级老科协要开拓工作新局面。\n"
    )
    assert e.date == "2031-06-16"  # the day's digits run together


def test_a_dateline_naming_the_paper_and_its_app_gives_the_paper() -> None:
    d = page(
        "青松日报 - 青松之窗讯 (记者 林小青)近日，从全省老干部才艺大会上传来喜讯，我市老干部才艺获全省金奖。\n"
        "今年6月以来，青松市老年大学组织学员创作书法、绘画、摄影作品，选送二十多幅参加大会。\n"
    )
    assert d.source_unit == "青松日报"
    assert "林小青" not in body(d)


def test_a_newsrooms_contact_line_is_chrome_not_the_headline() -> None:
    assert is_chrome("在线投稿邮箱:tougao@qingsong.cn  新闻热线:8222000  值班QQ:449315")
    assert not is_chrome("如有需要请拨打热线：12345678，志愿者将上门服务。")  # a sentence giving a number
    d = page(
        "首页| 全州| 时政| 县市\n\n老年协会办得红火 乡亲们有了好去处\n\n"
        "在线投稿邮箱:tougao@qingsong.cn  新闻热线:8222000  值班QQ:449315\n"
        "时间:2031-01-19 14:04:30  来源:青松信息港\n\n"
        "近年来，青松县白桦村成立老年协会，组织老人开展文体活动，村里的老人有了自己的乐园。\n"
    )
    assert d.title == "老年协会办得红火乡亲们有了好去处"


def test_a_holder_over_its_quoted_event_and_a_place_lead_over_its_colon_are_one_headline() -> None:
    d = page(
        "青松老年大学摄影采风团\n“寻梦山水间”主题摄影展在校举办\n"
        "春风轻拂，万物复苏。近日，青松老年大学摄影采风团主题摄影展在这里举办，展出作品六十余幅。\n"
    )
    assert d.title == "青松老年大学摄影采风团“寻梦山水间”主题摄影展在校举办"
    e = page(
        "江西青松县白桦乡林村阳光家园:\n独居老人与留守娃“结对相伴”\n"
        "李琴的棉衣肩膀处破了好大一块，但她似乎毫不在意，每天照看村里的孩子们。\n"
    )
    assert e.title == "江西青松县白桦乡林村阳光家园:独居老人与留守娃“结对相伴”"


def test_a_reporters_credit_before_the_meta_fields_and_a_backslashed_writer_credit() -> None:
    d = page(
        "2031-07-03 第06版:热线新闻\n"
        "为修通村路 4位退休老师“豁出去”了 |\n"
        "记者林小青 来源:青松晚报 字数:1888 |\n"
        "青松县白桦村的4名退休老师，没在家享清福，而是四处奔走为村里筹钱修路。\n"
    )
    assert d.source_unit == "青松晚报"
    e = page(
        "文\\见习记者 林小青 王大山\n"
        "谈起青松的革命斗争史，人们总会提起“红旗不倒”。近日，青松日报记者通过县人武部走近几位老战士。\n"
    )
    assert not e.title.startswith("文")  # the writer's credit is no headline
    assert e.source_unit == "青松日报"  # the paper whose reporter went (记者通过…)


def test_a_page_naming_its_medium_only_in_its_trail_or_photo_credit_has_that_source() -> None:
    d = page(
        "新闻中心 > 综合 > 青松日报\n\n八旬老人捐毕生积蓄建桥\n\n"
        "八旬老人林大山夫妇的想法很简单：省下的钱不用留给子孙，用来造福家乡，修一座桥。\n"
    )
    assert d.source_unit == "青松日报"
    e = page(
        "来源：白桦晚报\n\n八旬老人捐毕生积蓄建桥\n\n"
        "林大山在桥头留影。青松社记者王小青摄\n\n"
        "八旬老人林大山夫妇的想法很简单：省下的钱不用留给子孙，用来造福家乡，修一座桥。\n"
    )
    assert e.source_unit == "白桦晚报"  # a photographer's medium never outranks the page's own source


def test_a_materials_source_label_under_the_headline_is_a_label_not_part_of_it() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "县校新闻\n青山开放大学:老年学员为社区送上文艺节目\n"
        "资料来源:组宣处    时间:2024-04-23   浏览次数:\n\n"
        "4月18日，老年学员们在小区里为居民表演了合唱和舞蹈。\n"
    )
    doc = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert doc.title == "青山开放大学:老年学员为社区送上文艺节目"
    assert doc.source_unit == "组宣处" and doc.date == "2024-04-23"


def test_a_servers_month_first_date_in_a_meta_line_is_read_month_first() -> None:
    from ingest.webmeta import parse_iso

    assert parse_iso("12/10/2012 10:03:43") == "2012-12-10"
    assert parse_iso("25/12/2012") == "2012-12-25"  # a first number over 12 is the day
    assert parse_iso("2012/12/10") == "2012-12-10"


def test_an_anonymous_posters_author_line_above_the_headline_is_meta() -> None:
    text = (
        "本文作者:访客\n\n最后的坚守:一位老兵的晚年\n\n访客 2025-09-03 10:04:07 63247\n\n"
        "97岁的老兵张三，是这座小城仅存的几位抗战老兵之一。\n"
        "他每天都会整理当年的照片和信件。\n\n分享到：微信 微博 QQ空间\n"
    )
    doc = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert doc.title == "最后的坚守:一位老兵的晚年" and doc.date == "2025-09-03"
    assert "访客" not in doc.authors


def test_a_sites_name_and_column_path_above_the_headline_is_furniture() -> None:
    text = (
        "青松网 学习园地银龄风采·身边故事\n\n银龄志愿者助力核桃丰收\n\n"
        "青山县委组织部 张小川 李四\n\n青松网来稿 打印 关闭\n\n"
        "“多亏了退休的老专家，今年果园收成翻了一番！”青山县一位种植户说。\n"
        "老专家们帮他嫁接改良，两年就见了效。\n"
    )
    doc = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert doc.title == "银龄志愿者助力核桃丰收"
    assert doc.author_unit == "青山县委组织部"


def test_a_meta_line_run_into_the_lead_after_the_credit_keeps_the_lead_as_text() -> None:
    line = "2031年03月05日 09:10 来源:青松新闻网2031年3月5日(记者 张某 通讯员 李某)在松岭街道的广场上，一群退休老人正在义务理发。"
    assert unglue_head(line, top=True) == [
        "2031年03月05日 09:10 来源:青松新闻网2031年3月5日(记者 张某 通讯员 李某)",
        "在松岭街道的广场上，一群退休老人正在义务理发。",
    ]
    page = f"银发理发队义务服务十年\n{line}\n老人们说，能为邻居做点事很高兴。\n"
    [doc] = read_bytes("p.txt", page.encode("utf-8"))
    assert doc.date == "2031-03-05"
    assert doc.clauses[0].text.startswith("在松岭街道的广场上")
    # a credit with nothing after it: the line stays whole
    assert len(unglue_head("2031年03月05日 来源:青松新闻网(记者 张某)", top=True)) == 1


def test_an_account_mirrors_furniture_and_closing_credits_leave_the_text() -> None:
    d = page(
        "某某街道:“红马甲”带动“银发红”\n\n政务   2031-11-08 09:40   宁夏  \n\n"
        "  在贺兰县某某街道，有一支头发花白的志愿队伍，常年清扫路面、劝导文明。\n\n"
        "  队员们说，能为邻居做点事心里高兴。\n\nEND\n\n"
        "    来源丨某某街道\n    编辑丨张某\n    审核丨李某\n    签发丨王某\n\n"
        "记者手记:志愿服务的意义[详细]\n"
    )
    assert d.date == "2031-11-08"
    text = body(d)
    for residue in ("政务", "END", "签发", "审核", "[详细]"):
        assert residue not in text, residue
    assert "头发花白的志愿队伍" in text and "心里高兴" in text


def test_a_separator_line_under_the_headline_is_furniture() -> None:
    d = page(
        "青松街道开展退休职工志愿服务活动\n\n-\n\n2031-04-22 17:32  来源:\n\n为弘扬志愿精神，街道组织退休职工清扫社区。\n"
    )
    assert [c.text for c in d.clauses] == ["为弘扬志愿精神，街道组织退休职工清扫社区。"]


def test_a_papers_long_abstract_under_its_headline_stays_text() -> None:
    abstract = (
        "摘要: 随着老龄人口增多，青松市退休人员的管理服务任务日益繁重。本文梳理了社区接收退休人员的做法，"
        "分析了档案移交、活动场所和党组织关系转接中的难点，并提出了分类施策、加强协同的建议。"
    )
    d = page(f"青松市退休人员社会化管理的难点与对策\n{abstract}\n")
    assert d.title == "青松市退休人员社会化管理的难点与对策"
    assert "档案移交" in body(d)
    # a page's one-line description stays a field
    d = page("青松市召开老干部工作会议\n摘要: 会议部署了全年工作。\n1月8日，青松市召开老干部工作会议。\n")
    assert "部署了全年工作" not in body(d)


def test_a_blog_platforms_counter_and_closing_credit_are_furniture() -> None:
    d = page(
        "松江中学退休老师春游\n\n创建于2031-04-27\n阅读 349\n\n"
        "2031年4月27日，松江中学60多位退休老师结伴春游。\n\n"
        "阅读 349\n文章由 某某工作版 编辑制作\n投诉\n"
    )
    assert body(d) == "2031年4月27日，松江中学60多位退休老师结伴春游。"


def test_an_images_file_name_and_a_list_of_writers_are_no_text() -> None:
    d = page(
        "松亭社区：四位老人荣获纪念章\n2031-10-10 15:50:17 来源:\n"
        "9月26日，松亭社区党委为辖区四位老同志上门颁发纪念章。\n \n017.jpg\n \nIMG_2031-01.PNG\n"
        "老人们纷纷表示非常感动。\n李某龙 张萌 张某莹 夏某\n"
    )
    assert [c.text for c in d.clauses] == [
        "9月26日，松亭社区党委为辖区四位老同志上门颁发纪念章。",
        "老人们纷纷表示非常感动。",
    ]


def test_a_visits_verb_phrase_under_the_meta_line_is_no_issuer() -> None:
    d = page(
        "松林社区：老年京剧团送戏曲下社区\n\n2031-11-22 来源:某某社区网\n\n京剧团送戏曲下社区\n\n"
        "11月15日下午，老年京剧团的演出在松林社区活动室拉开帷幕。\n"
    )
    assert d.issuers == []


def test_review_labels_name_editors_and_a_source_keeps_its_bracket() -> None:
    d = page(
        "首页    新闻中心    部门新闻    正文\n\n青松学院老年大学秋季开学\n\n"
        "时间:2031-09-20 预审:田某某 二审:吴某 终审:侯某某 来源:离退休工作处党委(离退休工作处) 阅读次数:\n\n"
        "9月15日，学院老年大学秋季学期各门课程顺利开班。\n"
    )
    assert d.source_unit == "离退休工作处党委(离退休工作处)"
    assert d.editors == ["田某某", "吴某", "侯某某"]


def test_a_counters_unit_broken_onto_its_own_line_is_furniture() -> None:
    d = page("市老年大学开学\n发布时间:2031-09-23 浏览次数:\n次\n9月20日下午，市老年大学举行开学典礼。\n")
    assert [c.text for c in d.clauses] == ["9月20日下午，市老年大学举行开学典礼。"]


def test_a_papers_short_abstract_and_record_fields_each_stand_alone() -> None:
    d = page(
        "刘某某\n摘 要:离退休党员是宝贵财富。文章提出依托家风建设创新社区党组织建设。\n"
        "关键词:家风;离退休党员;基层党组织\n中图分类号:D26 文献标识码:A\n"
        "随着老龄化进程加快，离退休党员比例不断提高。\n"
    )
    texts = [c.text for c in d.clauses]
    assert any(t.startswith("摘要:离退休党员是宝贵财富") for t in texts)
    assert "随着老龄化进程加快，离退休党员比例不断提高。" in texts  # not run on from the record fields


def test_comment_prompts_contact_lines_pagers_and_position_captions_are_no_text() -> None:
    d = page(
        "松江公安举行首届荣休仪式\n本报讯(融媒记者张某通讯员李某)4月24日，市公安局举行首届荣休仪式。\n"
        "张某(右二)在仪式上发言\n仪式在国歌中拉开帷幕。\n云上松江投稿邮箱:abc@qq.com\n请输入验证码\n1 条记录 1/1 页\n"
    )
    assert body(d) == "4月24日，市公安局举行首届荣休仪式。\n仪式在国歌中拉开帷幕。"
    # a series' part closing a headline is no caption
    assert page("追忆老英雄葛某某(中)\n他的一生平凡而伟大。\n").title == "追忆老英雄葛某某(中)"


def test_a_role_word_before_the_source_a_tag_line_and_font_buttons_are_no_text() -> None:
    d = page(
        "松洲发挥银龄力量\n2031-01-01 21:23 来源: 撰文 看松洲\n\n12月31日，松洲区老干部宣讲团开讲。\n\n"
        "标签: 银龄;宣讲\n\n标准\nA\n"
    )
    assert d.source_unit == "看松洲"
    assert body(d) == "12月31日，松洲区老干部宣讲团开讲。"


def test_related_boxes_under_more_headers_and_a_reporter_line_with_a_katakana_dot_leave_the_text() -> None:
    d = page(
        "首届青松老年艺术节启动\n2031-06-30 00:02:35\n\n转自:草原某云\n\n"
        "6月29日，青松市首届老年艺术节启动。\n\n青松日报・草原某云记者:赵某\n\n"
        "相关内容\n\n热门资讯\n\n又一起大并购!…   炒股就看分析师研报\n"
    )
    assert d.source_unit == "草原某云"
    assert body(d) == "6月29日，青松市首届老年艺术节启动。"


def test_an_e_paper_systems_record_line_closing_the_page_names_the_paper_and_leaves_the_text() -> None:
    d = page(
        "2031年06月30日\n\n老党员化身爱心“剃头匠”\n\n通讯员 王某 姜某\n\n"
        "6月27日上午，邱某某带上理发工具来到松岭镇某村老人家中，为他们剪头发。\n\n"
        "--> 2031-06-30 通讯员 王某 姜某 2 2 青松晚报 content_47203.html 1 老党员化身爱心“剃头匠” /enpproperty-->\n"
    )
    assert (d.source_unit, d.date) == ("青松晚报", "2031-06-30")
    assert body(d) == "6月27日上午，邱某某带上理发工具来到松岭镇某村老人家中，为他们剪头发。"
