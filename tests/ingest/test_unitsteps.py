"""The units behind a page found by ingest.unitsteps, with fixtures written for the test."""

from __future__ import annotations

from ingest.pipeline import read_bytes


def test_a_speech_at_a_units_meeting_is_that_units() -> None:
    text = (
        "李大明在青山市委纪念老干部工作30周年大会上的讲话\n"
        "尊敬的老领导、老同志们，同志们：\n"
        "今天，我们在这里隆重召开纪念大会，一起回望走过的路，把好经验留下来，把今后的事情办得更好。\n"
    )
    d = read_bytes("s.txt", text.encode("utf-8"))[0]
    assert d.doc_type == "讲话"
    assert "青山市委" in [d.source_unit, d.author_unit, *d.issuers]
    assert "努力开创我委" not in [d.source_unit, d.author_unit]


def test_the_unit_answering_a_reporter_on_a_document_is_its_source() -> None:
    text = (
        "近日，中共中央办公厅印发了《关于做好老干部工作的意见》。日前，中央组织部负责人就《意见》的起草和贯彻落实等问题，回答了记者的提问。\n"
        "问：为什么要制定这个《意见》？\n答：做好老干部工作是党的建设的重要内容。\n"
    )
    d = read_bytes("q.txt", text.encode("utf-8"))[0]
    assert d.source_unit == "中央组织部"


def test_a_quoted_answer_title_is_not_the_pages_source() -> None:
    text = (
        "青山市委老干部局集中学习老干部工作意见\n"
        "2月15日，青山市委老干部局组织全体工作人员集中学习。局长就《人民日报》刊登的《中组部负责人就<意见>答记者问》进行了解读。\n"
    )
    d = read_bytes("q.txt", text.encode("utf-8"))[0]
    assert d.source_unit != "中组部"


def test_the_unit_hosting_the_event_is_its_source() -> None:
    text = (
        "“中秋共团圆”省离休干部休养所文艺演出\n\n王小明\n\n金秋送爽佳节至。\n\n"
        "一年一度的慰问老同志文艺活动在休养所举行。\n\n活动由青山省离休干部休养所主办，协办单位有老战士合唱团。\n"
    )
    d = read_bytes("q.txt", text.encode("utf-8"))[0]
    assert d.source_unit == "青山省离休干部休养所"


def test_on_a_schools_own_page_the_acting_department_wrote_it() -> None:
    text = (
        "今年重阳节之际，喜逢长沙工商大学建校七十五周年，离退休工作处党委、离退休工作处组织开展了一系列庆祝活动，"
        "我校离退休教职工纷纷参加，老同志们纷纷给学校点赞。 (文、图:王小雨)\n"
    )
    d = read_bytes("s.txt", text.encode("utf-8"))[0]
    assert d.source_unit == "长沙工商大学"
    assert d.author_unit is not None and d.author_unit.endswith("离退休工作处党委")
    assert not d.author_unit.startswith("长沙工商大学长沙工商大学")


BODY = (
    "把党的关怀送给老同志\n"
    "发布时间：2021-07-05\n"
    "“七一”前夕，院领导分别走访慰问了老党员和生活困难党员，送上慰问金和节日祝福。\n"
    "老党员们表示，将永远听党话、跟党走，为医院发展继续贡献力量。\n"
)


def test_a_unit_closing_the_text_on_its_own_line_wrote_it() -> None:
    for tail, unit in (
        ("离退休办公室\n", "离退休办公室"),
        ("离退休办公室 张小伟\n", "离退休办公室"),  # the unit and its writer
        ("img_03.jpg\n\n医院办公室\n", "医院办公室"),  # after an image's file name
        ("医院办公室\n王小雨 李大山\n2021年\n", "医院办公室"),  # before its writers and a year
    ):
        d = read_bytes("c.txt", (BODY + tail).encode("utf-8"))[0]
        assert unit in [d.author_unit, *d.issuers], tail
        assert not any(c.text.strip().startswith(unit) for c in d.clauses)


def test_a_list_of_units_or_page_chrome_at_the_end_is_no_credit() -> None:
    listed = BODY + "附件：参加单位\n市老干部活动中心\n雁塔区委老干部局\n碑林区委老干部局\n"
    assert read_bytes("c.txt", listed.encode("utf-8"))[0].author_unit is None
    chrome = BODY + "最新评论\n回顶部\n"
    assert read_bytes("c.txt", chrome.encode("utf-8"))[0].author_unit is None


def test_the_actor_of_the_second_paragraph_names_the_unit_but_does_not_place_the_page() -> None:
    text = (
        "晚霞生辉主题活动启动仪式举行\n"
        "发布时间：2024-05-16\n"
        "5月15日，“晚霞生辉——老干部进社区”系列活动在湖西社区开幕，老同志们欢聚一堂。\n"
        "据介绍，5月到11月间，白鹭市委老干部局还会在各区陆续举办活动，此次活动由该局与社区共同主办。\n"
    )
    d = read_bytes("a.txt", text.encode("utf-8"))[0]
    assert "白鹭市委老干部局" in [d.author_unit, d.source_unit]
    placed = text.replace("白鹭市委老干部局", "福鼎市委老干部局").replace("在湖西社区", "在福建省湖西社区")
    d = read_bytes("c.txt", placed.encode("utf-8"))[0]
    assert "福鼎市委老干部局" in [d.author_unit, d.source_unit]
    assert d.region is not None and d.region.name == "福建省"  # the second paragraph's unit places nothing
    hosted = text.replace("据介绍，5月到11月间，白鹭市委老干部局还会", "此次活动由青山县委老干部局主办，还会")
    d = read_bytes("b.txt", hosted.encode("utf-8"))[0]
    assert "青山县委老干部局" in [d.author_unit, d.source_unit]


def test_a_signed_articles_byline_names_the_writers_unit() -> None:
    text = (
        "开创老干部工作新局面\n"
        "中共青山省委组织部副部长、省老干部局局长 王某某 《 某某周刊 》\n"
        "青山是改革开放的先行地，老干部工作走在前列。\n一、打造信息平台\n以信息化带精准化。\n"
    )
    [doc] = read_bytes("signed.txt", text.encode("utf-8"))
    assert doc.author_unit == "中共青山省委组织部"
    # a line with a name but no office is no byline
    [doc] = read_bytes(
        "plain.txt", text.replace("中共青山省委组织部副部长、省老干部局局长 ", "").encode("utf-8")
    )
    assert doc.author_unit != "中共青山省委组织部"


def test_a_papers_byline_under_its_title_gives_the_writers_unit() -> None:
    text = (
        "加强企业离退休党员管理工作的几点思考\n张三\n"
        "青松电力有限公司白石供电分公司 青松省 白石市 123456\n"
        "一、加强离退休党员管理的必要性\n随着企业的发展，离退休党员对企业的期望越来越高。\n"
    )
    d = read_bytes("paper.txt", text.encode("utf-8"))[0]
    assert d.author_unit == "青松电力有限公司白石供电分公司"
    assert d.doc_type == "理论文章"
    # the affiliation in brackets, as paper sites print it
    bracketed = text.replace(
        "青松电力有限公司白石供电分公司 青松省 白石市 123456",
        "（青松电力有限公司白石供电分公司 青松白石 123456）",
    )
    d = read_bytes("paper.txt", bracketed.encode("utf-8"))[0]
    assert d.author_unit == "青松电力有限公司白石供电分公司"


def test_a_place_issuing_a_document_is_news_and_who_approved_it_is_not_the_acting_unit() -> None:
    text = (
        "青松市出台《关于加强新时代关心下一代工作委员会工作的实施意见》\n"
        "发布时间:2022-10-08 浏览:349\n"
        "近日，经青松市委、市政府同意，青松市委办公室、市政府办公室印发《实施意见》，部署全市关工委工作。\n"
        "青松市委、市政府对关工委工作高度重视，市委书记作出批示。\n"
    )
    d = read_bytes("news.txt", text.encode("utf-8"))[0]
    assert d.doc_type == "新闻报道"
    assert d.source_unit != "经青松市委" and d.author_unit != "经青松市委"
    assert "青松市委办公室" in (d.source_unit or "", d.author_unit or "")


def test_a_unit_that_names_its_own_school_is_not_put_under_the_site_owner() -> None:
    # the footer names the site's owner; the acting branch already names its college, so it is no
    # bare department to be written under that owner (青山学院离退休党支部, not 某某青山学院离退休党支部)
    text = (
        "青山学院离退休党支部走进红色基地过党日\n\n"
        "为学好党的精神，近日，青山学院离退休党支部带领党员到红色教育基地过了一次主题党日。\n\n"
        "大家纷纷表示，要发挥余热。\n\n"
        "主办单位：青山市老年大学  版权所有\n"
    )
    d = read_bytes("s.txt", text.encode("utf-8"))[0]
    assert d.source_unit == "青山市老年大学"
    assert d.author_unit == "青山学院离退休党支部"


def test_a_features_subject_line_names_the_unit_without_ji() -> None:
    text = (
        "情暖桑榆霞满天\n——记青山局二队离退休一支部\n"
        "近年来，青山局二队离退休一支部坚持党建引领，组织党员参与社区治理和志愿服务。\n"
    )
    d = read_bytes("f.txt", text.encode("utf-8"))[0]
    assert d.author_unit == "青山局二队离退休一支部"


def test_the_unit_that_commissioned_the_actor_is_not_the_acting_unit() -> None:
    text = (
        "考评验收工作顺利完成\n"
        "近日，受省委老干部局委托，青松市委老干部局调研员张大山一行对某某检察院老干部党支部进行考评验收。\n"
        "考评组实地查看了党支部阅览室和党员活动室。\n"
    )
    d = read_bytes("c.txt", text.encode("utf-8"))[0]
    assert d.author_unit == "青松市委老干部局"


def test_a_unit_introducing_the_rules_that_follow_issued_them() -> None:
    text = (
        "学籍管理规定\n"
        "青松市老年大学就教务和学籍管理规定如下:\n"
        "一、招生对象\n"
        "⑴身体好、年龄原则上不超过八十岁的离退休人员。\n"
        "⑵具有初中文化程度。\n"
    )
    d = read_bytes("r.txt", text.encode("utf-8"))[0]
    assert "青松市老年大学" in (d.author_unit or "", d.source_unit or "")


def test_the_unit_this_years_games_were_held_by_is_the_acting_unit() -> None:
    text = (
        "第十一届老干部运动会举办\n本届运动会由青松市委老干部局主办，共设10个比赛项目。\n运动会持续两天。\n"
    )
    d = read_bytes("g.txt", text.encode("utf-8"))[0]
    assert d.author_unit == "青松市委老干部局"


def test_a_slogan_headlines_second_part_names_the_acting_unit_when_nothing_else_does() -> None:
    text = (
        "同忆奋斗年华 难舍同事情谊——青松车站为退休职工送行\n"
        "2031-01-05 12:09:27\n"
        "座谈会上，大家回忆一起工作的日子，气氛热烈。退休职工代表表示，将继续关心铁路事业发展。\n"
    )
    [doc, *_] = read_bytes("p.txt", text.encode("utf-8"))
    assert "青松车站" in (doc.author_unit, doc.source_unit)


def test_a_place_given_as_the_source_still_lets_the_acting_unit_be_found() -> None:
    text = (
        "夕阳泼墨耀江城——宝鸡市委老干部局举办老干部书画展\n"
        "【发布日期: 2031/9/30 】【来源: 宝鸡市 】【阅读次数: 1457 】\n"
        "为庆祝国庆，宝鸡市委老干部局在老干部活动中心举办书画展，展出作品一百余幅。\n"
    )
    [doc, *_] = read_bytes("p.txt", text.encode("utf-8"))
    assert doc.author_unit == "宝鸡市委老干部局"


def test_a_central_document_recalled_at_a_past_date_is_background_not_the_actor() -> None:
    text = (
        "老同志是我们的宝贵财富。今年5月，中共中央办公厅下发《关于做好老干部工作的意见》，为工作提供了指引。"
        "近日，宝鸡市陈仓区白水镇召开离退休支部工作推进会。\n"
        "镇党委副书记主持会议。\n"
    )
    d = read_bytes("b.txt", text.encode("utf-8"))[0]
    assert "中共中央办公厅" not in [d.source_unit, d.author_unit]
    assert d.region is None or d.region.name != "全国"
    # the same organ issuing it now (近日，…印发) is the story's actor: a national piece
    news = "近日，中共中央办公厅下发《关于做好老干部工作的意见》，对工作作出部署。\n各地认真贯彻落实。\n"
    d = read_bytes("n.txt", news.encode("utf-8"))[0]
    assert "中共中央办公厅" in [d.source_unit, d.author_unit, *d.issuers]


def test_the_body_that_decided_what_a_story_reports_acted() -> None:
    text = (
        "敬老月活动将启动\n经全国老龄工作委员会决定，今年10月在全国开展敬老月活动。\n活动以关爱老人为主题。\n"
    )
    d = read_bytes("d.txt", text.encode("utf-8"))[0]
    assert "全国老龄工作委员会" in [d.source_unit, d.author_unit]
    assert d.region is not None and d.region.name == "全国"


def test_the_event_named_before_its_host_is_not_part_of_the_hosts_name() -> None:
    text = "敬老月活动启动\n今年是敬老月的第十年。敬老月活动由青山县老龄工作委员会发起，今年以关爱老人为主题。\n活动包括六个方面。\n"
    d = read_bytes("h.txt", text.encode("utf-8"))[0]
    assert "敬老月活动由青山县老龄工作委员会" not in [d.source_unit, d.author_unit]


def test_the_unit_a_page_speaks_for_as_我局_is_its_unit() -> None:
    text = (
        "九九重阳 情暖夕阳\n"
        "【编者按】九九重阳节，情暖夕阳红。一代代民警不负使命，留下宝贵精神财富。"
        "石泉县公安局现有73名退休老同志，他们退岗不褪色。今天刊出我局退休民警的文章。\n"
        "重阳抒怀\n岁岁重阳，今又重阳。\n"
    )
    d = read_bytes("s.txt", text.encode("utf-8"))[0]
    assert "石泉县公安局" in [d.source_unit, d.author_unit]
    assert d.region is not None and d.region.name == "石泉县"
    # without the page speaking as 我局, a unit named in passing is not the page's
    d = read_bytes("s.txt", text.replace("今天刊出我局", "今天刊出").encode("utf-8"))[0]
    assert "石泉县公安局" not in [d.source_unit, d.author_unit]


def test_the_office_whose_study_decided_the_event_acted() -> None:
    text = (
        "为让我校退休职工活动活动筋骨、展现老当益壮的风采。经青松大学离退休工作处研究，定于2031年5月举办运动会。\n"
        "一、所设项目\n象棋、门球。\n"
    )
    doc = read_bytes("u.txt", text.encode("utf-8"))[0]
    assert doc.author_unit == "青松大学离退休工作处"


def test_a_papers_bracketed_affiliation_run_on_into_its_text_names_the_writers_unit() -> None:
    text = (
        "退休干部参与社区治理的路径研究\n"
        "王晓东\n"
        "(青松师范大学 公共管理学院,青松 250358)人口老龄化程度逐年加深，老年人才资源亟待开发。\n"
        "一、问题的提出\n退休干部在社区里发挥着作用。\n"
    )
    d = read_bytes("paper.txt", text.encode("utf-8"))[0]
    assert d.author_unit == "青松师范大学公共管理学院"


def test_many_units_of_a_kind_are_no_unit() -> None:
    text = (
        "老年人权益保护典型案例发布\n"
        "多地法院近日发布涉老年人权益保护典型案例，提醒老年人防范养老诈骗。\n"
        "案例一涉及一起以投资养老项目为名的诈骗。\n"
    )
    d = read_bytes("cases.txt", text.encode("utf-8"))[0]
    assert "多地法院" not in (d.author_unit, d.source_unit)


def test_a_fragment_of_a_sentence_is_dropped_rather_than_shown_as_a_unit() -> None:
    # a fragment of a sentence is no unit: the page names none rather than a wrong one
    text = "青松学校退休教师座谈会\n来源：他就学校\n近日，青松学校召开退休教师座谈会。\n"
    doc = read_bytes("u.txt", text.encode("utf-8"))[0]
    assert doc.source_unit != "他就学校"
    charter = (
        "第一条 青松老年大学学员委员会是学员的自治组织，简称学委会。\n第二条 学委会在学校领导下开展工作。\n"
    )
    assert read_bytes("u.txt", charter.encode("utf-8"))[0].author_unit != "简称学委会"


def test_an_affiliation_after_the_writers_names_or_numbered_names_the_first_unit() -> None:
    text = (
        "APP下载\n\n农村老年协会的养老功能研究\n\n2014-04-11王晓东李红\n\n青松学院学报 2014年1期\n关键词:协会农村\n\n"
        "王晓东,李红\n\n(青松建筑大学城乡治理研究所,青松省青山 230601)\n\n一、问题的提出\n\n农村老年人口持续增长。\n"
    )
    assert read_bytes("p.txt", text.encode("utf-8"))[0].author_unit == "青松建筑大学城乡治理研究所"
    from ingest.unitsteps import _BRACKETED_AFFILIATION_RE

    numbered = "赵明1,2(1.青松民族大学经济学院,青松青山750021;2.青山工业大学管理学院,青山230009)"
    hit = _BRACKETED_AFFILIATION_RE.match(numbered)
    assert hit is not None and hit["unit"] == "青松民族大学经济学院"


def test_a_units_building_in_the_headline_is_no_actor() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "青山区老年活动中心新楼正式启用\n"
        "3月12日上午，区委老干部局在新楼前举行启用仪式，区委常委、组织部长出席并讲话。\n"
        "新大楼设有阅览室、书画室和健身房。\n"
    )
    assert read_bytes("n.txt", text.encode("utf-8"))[0].author_unit == "区委老干部局"
