"""Credits a news page gives outside its meta lines (ingest.webcredits), and the steps that use them.

Fixtures are written for the test, in the shapes of real pages, with invented names.
"""

from __future__ import annotations

from ingest.pipeline import read_bytes
from ingest.webcredits import credits, reporter_medium


def test_closing_credit_of_unit_writer_and_work() -> None:
    # spaces between Han characters are gone by the time the residue pass keeps the line
    assert ("author", "离退休人员服务处") in credits({"byline": ["(离退休人员服务处王小雨文/图)"]})


def test_closing_credit_with_two_roles_names_the_unit() -> None:
    assert ("author", "离退休工作服务处") in credits({"byline": ["(离退休工作服务处文、图/张三、李四)"]})
    assert ("author", "老干部工作处") in credits({"byline": ["（老干部工作处 图和文/王五）"]})
    # the unit, a colon and its writers
    assert ("author", "青松公路段") in credits({"byline": ["(青松公路段:张三、李四)"]})
    # a writers' credit naming their unit before the names (spaces lost)
    assert ("author", "青松大学建筑学院") in credits({"byline": ["文/青松大学建筑学院张三李四"]})
    assert credits({"byline": ["文/张三"]}) == []


def test_a_closing_credit_of_unit_colon_writers_closing_the_last_paragraph_names_the_author() -> None:
    text = (
        "节前，段班子成员分组走访慰问退休老同志。\n"
        "每到一户，大家都和老人围坐拉家常，问冷问暖。(甘肃青松公路段:张三、李四)\n"
    )
    doc = read_bytes("p.txt", text.encode("utf-8"))[0]
    assert doc.author_unit == "甘肃青松公路段"
    assert "张三" not in "\n".join(c.text for c in doc.clauses)


def test_medium_news_opening_with_xiaoxi() -> None:
    assert ("source", "中国电力网") in credits({"byline": ["中国电力网消息:(记者张大山通讯员李小河)"]})


def test_reporter_at_work_names_the_medium() -> None:
    assert (
        reporter_medium("近日，市委老干部局举办活动。\n江南晚报记者了解到，全市现有离退休干部5万多名。")
        == "江南晚报"
    )
    assert reporter_medium("近日，记者从市委老干部局了解到，全市现有离退休干部5万多名。") is None
    assert reporter_medium("本报记者了解到，全市现有离退休干部5万多名。") is None


def test_page_whose_reporter_is_named_in_the_text_has_that_source() -> None:
    text = (
        "6月28日，青山市为示范党支部颁奖，老党员们一起过了主题党日。\n"
        "江南快报记者了解到，青山市现有离退休干部3万多名，离退休党员2万多名。\n"
    )
    d = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert d.source_unit == "江南快报"


def test_page_with_a_medium_opening_has_that_source_and_not_the_credit_in_its_text() -> None:
    text = (
        "中国电力网消息:(记者张大山 通讯员李小河)青山电力公司把离退休管理放在心上，两年里新建和改造活动场所4处。\n"
        "公司积极组织老同志参加社会活动，成立了夕阳红艺术团。\n"
    )
    d = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert d.source_unit == "中国电力网"
    assert "记者" not in d.clauses[0].text


def test_contributor_named_as_a_person_is_not_the_source() -> None:
    text = (
        "离退休干部党工委、离退休办公室\n\n"
        "校离退休读书小组举办迎七一诵读会\n\n"
        "[发布者:王小红]    [发布日期:2024-06-26 14:06:07]    [阅读:次]\n\n"
        "6月25日，校离退休读书小组举办诵读会，12名离退休人员先后上场诵读了自选的诗歌。\n\n"
        "(供稿:赵大年)\n"
    )
    d = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert d.source_unit != "赵大年" and "赵大年" in d.authors
    # the units owning the site, printed above the headline, published it
    assert "离退休干部党工委" in (d.author_unit or "") + (d.source_unit or "")


def test_e_paper_masthead_names_the_source_and_its_story_keeps_its_city() -> None:
    text = (
        "江南老年报 数字报纸\n\n\nA0001版:头版新闻\n\n书香满城 银发助读\n\n"
        "  本报讯(通讯员 王小山 记者 李小水)4月23日，第八届读书节启动仪式在青州市图书馆举行。"
        "青州市老干部积极参与，市老干部诗词协会录制了朗读视频。\n"
    )
    d = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert d.source_unit == "江南老年报"


def test_laizi_label_names_the_source() -> None:
    text = "我们的心声——离退休干部座谈会侧记\n2018-2-5 15:30| 发布者: 网站编辑| 查看: 421| 评论: 0|原作者: 王小明|来自: 江南老年报\n近日，离退休干部座谈会召开，老同志们畅谈心声。\n"
    d = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert d.source_unit == "江南老年报"


def test_a_source_note_of_a_town_and_its_writer_gives_the_town() -> None:
    from ingest.webmeta import unit_then_name

    assert unit_then_name("青禾镇王小红") == "青禾镇"
    assert unit_then_name("党员干部之友") == "党员干部之友"  # a magazine's name is no unit + writer
    text = "10月22日，青禾镇组织举办老干部节活动，19名老干部齐聚一堂。\n(来源:青禾镇 王小红)\n"
    d = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert "青禾镇王小红" not in [*d.issuers, d.source_unit, d.author_unit]


def test_laizi_opening_a_sentence_is_no_unit() -> None:
    from ingest.names import org_prefix

    assert org_prefix("来自老年病科的医护人员为老同志义诊") is None


def test_labelled_credit_naming_a_unit_and_its_writer() -> None:
    assert ("author", "中共青山县委组织部") in credits({"byline": ["撰稿人：中共青山县委组织部 王小雨"]})
    assert ("author", "离退休办公室") in credits({"byline": ["供稿：离退休办公室"]})
    assert credits({"byline": ["撰稿人：王小雨"]}) == []  # a person is not a unit


def test_labelled_writer_line_at_the_end_is_residue_and_names_the_author_unit() -> None:
    text = (
        "青山县老干部党建工作综述\n"
        "今年以来，全县深入开展老干部党建工作，组织老同志参加主题党日等系列活动。\n"
        "老同志们纷纷表示，要继续发挥余热，为家乡发展贡献力量。\n"
        "撰稿人：中共青山县委组织部 王小雨\n"
    )
    d = read_bytes("w.txt", text.encode("utf-8"))[0]
    assert d.author_unit == "中共青山县委组织部"
    assert not any("撰稿人" in c.text for c in d.clauses)


def test_a_news_apps_dateline_and_credit_name_it() -> None:
    # a news app named XX新闻 (not XX新闻网), after a paper's name and a slash
    assert ("source", "青松日报") in credits({"byline": ["青松日报社/银河新闻3月26日讯"]})
    assert ("source", "银河新闻") in credits({"byline": ["银河新闻记者 张大山 通讯员 李小河"]})
    assert ("source", "银河新闻网") in credits({"byline": ["银河新闻网讯（记者张大山）"]})


def test_a_portals_dateline_opening_a_story_names_the_source_and_the_acting_unit_its_author() -> None:
    text = (
        "老同志重阳节体检\n"
        "今日青松网讯 通讯员张大山 李小河 报道：又是一年重阳到。节前，"
        "青松县粮食局党委为离退休干部安排了健康体检。\n"
        "一是做一次全面体检。局里派人陪老干部到县医院检查。\n"
    )
    d = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert d.source_unit == "今日青松网"
    assert d.author_unit == "青松县粮食局党委"
    assert "通讯员" not in d.clauses[0].text


def test_a_closing_time_and_source_note_and_a_produced_by_credit_name_the_source() -> None:
    assert ("source", "青松日报") in credits({"byline": ["(时间:2016-10-16 来源:青松日报)"]})
    assert ("source", "青松融媒体中心") in credits({"byline": ["青松融媒体中心出品"]})
    text = (
        "青松老年大学东郊分校揭牌成立\n12月8日，青松县老年大学东郊社区分校揭牌成立，为老年人提供学习课堂。\n"
        "分校开设书法、绘画等课程，深受老年人欢迎。\n文、图：王小河\n青松融媒体中心出品\n"
    )
    d = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert d.source_unit == "青松融媒体中心"
    assert all("出品" not in c.text for c in d.clauses)


def test_a_portals_name_and_writer_opening_the_story_name_the_source() -> None:
    text = (
        "青松网(张三)11月9日，青松医院离退休党总支第四党支部前往台儿庄开展健康义诊活动。\n"
        "老专家们为群众提供免费的医疗咨询和健康检查服务。\n"
    )
    doc = read_bytes("p.txt", text.encode("utf-8"))[0]
    assert doc.source_unit == "青松网"
    assert doc.clauses[0].text.startswith("11月9日")


def test_an_epapers_writer_count_line_and_issue_line_give_writer_paper_and_day() -> None:
    # 张三 字数：⏎《 某某日报 》( 2031年03月09日 第 05 版 ): an e-paper's article page
    text = (
        "银发同心 暖意长留\n张小河 字数:\n《 青松日报 》( 2031年03月09日 第 05 版 )\n□通讯员 张小河\n"
        "近日，青松银行东湖支行党支部走访慰问困难老党员，送去米、面、油等慰问品。\n"
        "该行党支部将继续做好关心关爱老党员工作。\n"
    )
    d = read_bytes("e.txt", text.encode("utf-8"))[0]
    assert d.date == "2031-03-09"
    assert d.source_unit == "青松日报"
    assert "张小河" in d.authors
    assert all("字数" not in c.text and "第 05 版" not in c.text for c in d.clauses)


def test_a_papers_trailer_with_its_printing_day_gives_the_date() -> None:
    assert ("date", "2031年8月15日") in credits({"trailer": ["《青松老年报》（2031年8月15日）"]})
    assert not [k for k, _v in credits({"trailer": ["《青松老年报》（2031年第8期）"]}) if k == "date"]


def test_a_county_apps_dateline_names_the_medium_without_a_medium_word() -> None:
    assert ("source", "云上青松") in credits({"byline": ["云上青松讯(记者张小河)"]})
    assert ("source", "青松观察") in credits({"byline": ["青松观察报道(见习记者张小河)"]})
    text = (
        "云上通山报道(见习记者张小河)4月13日，我县老年大学举办开学典礼。县委副书记出席典礼。\n"
        "据悉，目前学校设有书法、绘画等7个专业。\n"
    )
    d = read_bytes("a.txt", text.encode("utf-8"))[0]
    assert d.source_unit == "云上通山"
    assert d.region is not None and d.region.name == "通山县"
    assert "见习记者" not in d.clauses[0].text


def test_a_radio_stations_reporters_credit_and_a_county_apps_bare_dateline_name_the_medium() -> None:
    assert ("source", "青松之声") in credits({"byline": ["青松之声记者张小河,通讯员李小山报道:"]})
    text = (
        "云上通山报道 近日，市公安局为15名即将离岗的民警办了一场荣誉退休仪式。\n"
        "奏唱国歌后，仪式开始。\n来源丨通山新闻\n责编丨张小河\n"
    )
    d = read_bytes("y.txt", text.encode("utf-8"))[0]
    assert d.source_unit == "云上通山"  # not 云上通山报 (报道 is no paper)
    assert d.region is not None and d.region.name == "通山县"
    assert not d.clauses[0].text.startswith("云上")


def test_a_county_app_refines_a_province_only_weak_evidence_gave() -> None:
    text = (
        "云上通山讯（记者 张小河）近日，湖北省老年大学协会到县老年大学调研。\n"
        "调研组一行参观了书法、绘画教室。\n"
    )
    d = read_bytes("y.txt", text.encode("utf-8"))[0]
    assert d.region is not None and d.region.name == "通山县"


def test_a_portal_named_after_taiwan_is_no_tv_station() -> None:
    assert ("source", "中国台湾网") in credits({"byline": ["中国台湾网10月10日青松县讯"]})
    assert ("source", "中国台") not in credits({"byline": ["中国台湾网10月10日青松县讯"]})


def test_a_papers_own_byline_names_no_medium() -> None:
    # 本报通讯员 … 本报记者 …: the writers of the paper that printed it, not a medium ending in 报
    found = credits({"byline": ["本报通讯员张小禾本报记者李大川"]})  # spaces gone, as normalized
    assert not [v for kind, v in found if kind == "source"]


def test_credits_apart_by_a_bar_are_a_byline_not_a_heading() -> None:
    text = (
        "2031年10月15日 星期三\n银龄教师走进山村课堂\n本报记者 张 禾 | 通讯员 李小川 王大江\n\n"
        "    近年来，越来越多的退休教师走进乡村课堂。\n\n    相关调研显示，乡村学校师资补充难。\n"
    )
    doc = read_bytes("b.txt", text.encode("utf-8"))[0]
    assert doc.title == "银龄教师走进山村课堂"
    assert all(not c.path for c in doc.clauses)


def test_a_local_stations_closing_credit_names_the_medium() -> None:
    found = credits({"byline": ["（青松广播电视台全媒体某市记者站：张三 李四）"]})
    assert ("source", "青松广播电视台") in found


def test_someone_speaking_to_a_mediums_reporter_names_the_medium() -> None:
    assert reporter_medium("镇政府工作人员告诉青松晚报记者，老人多年前就开始捐款。") == "青松晚报"
    assert reporter_medium("镇政府工作人员告诉本报记者，老人多年前就开始捐款。") is None


def test_a_datelines_credit_listing_the_paper_and_its_app_names_the_paper() -> None:
    assert ("source", "青松日报") in credits({"byline": ["本报讯(青松日报、青报融媒记者张三)近日，"]})
    assert reporter_medium("(青松日报、青报融媒记者张三)随着全民读书季的到来，读书热兴起。") == "青松日报"


def test_a_datelines_local_medium_and_its_writers_give_the_source() -> None:
    # spaces between the medium and its writers may be lost
    assert ("source", "青松县融媒体中心") in credits({"byline": ["本报讯 (青松县融媒体中心张三李四)"]})
    assert ("source", "青松县融媒体中心") in credits({"byline": ["本报讯（青松县融媒体中心 张三 李四）"]})
    assert credits({"byline": ["本报讯（记者 张三）"]}) == []


def test_a_medium_with_a_latin_brand_and_a_closing_credit_after_the_last_sentence() -> None:
    assert ("source", "青松新闻Qnews") in credits({"byline": ["(青松新闻Qnews记者:张三 实习编辑:李四)"]})
    text = (
        "青松县老同志开展主题党日活动\n11月5日，青松县人大常委会机关组织老同志开展主题党日活动。\n"
        "大家表示，将继续贡献银龄力量。(青松日报记者 王五)\n特别声明：本文由用户上传，平台只做存储。\n"
    )
    doc = read_bytes("c.txt", text.encode("utf-8"))[0]
    assert doc.source_unit == "青松日报"


def test_a_dateline_alone_on_the_first_line_gives_the_source() -> None:
    text = (
        "青松在线10月30日讯\n深秋的夜晚，寒意阵阵。仙居县20余名“五老”网吧监督员仍坚持巡查。\n"
        "去年以来，仙居县着力构建老干部队伍建设常态化机制。\n"
    )
    doc = read_bytes("d.txt", text.encode("utf-8"))[0]
    assert doc.source_unit == "青松在线"
    assert doc.region is not None and doc.region.name == "仙居县"


def test_a_dateline_with_the_medium_its_app_and_the_hour_before_its_xun() -> None:
    assert credits({"byline": ["青松网-青松客户端10月26日17时30分讯"]}) == [("source", "青松网")]
    assert reporter_medium("青松网-青松客户端10月26日17时30分讯 白桦社区有支老班长调解队。") == "青松网"


def test_a_sites_word_for_its_reporters_is_a_reporter_too() -> None:
    assert reporter_medium("据悉，青松晚报采访人员了解到，这支调解队成立五年。") == "青松晚报"


def test_a_closing_note_of_a_unit_with_its_writers_name_run_on_gives_the_unit() -> None:
    assert ("author", "青松水文局") in credits({"byline": ["(青松水文局林青)"]})
    assert ("author", "青松县人社局") in credits({"byline": ["（青松县人社局 王五）"]})
    assert not any(
        k == "author" for k, _v in credits({"byline": ["(青松水文局的老同志)"]})
    )  # no name's shape


def test_a_publication_named_in_its_brackets_whose_reporter_is_at_work_is_the_source() -> None:
    from ingest.webcredits import reporter_medium

    opening = (
        "近年来，多地法院聘请退休法官担任调解员。《青山法治报》记者在近期走访中了解到，这一做法效果明显。"
    )
    assert reporter_medium(opening) == "青山法治报"
    assert (
        reporter_medium("他把《青山法治报》送给了老同事。") is None
    )  # a paper mentioned, no reporter at work


def _source_of(text: str) -> str | None:
    return read_bytes("n.txt", text.encode("utf-8"))[0].source_unit


def test_a_local_media_centres_reporter_closing_the_story_names_the_source() -> None:
    text = (
        "青石村有个老党员讲习所\n"
        "6月15日，青石村的樟树下，一间平房里挂满了手写的党史展板。\n"
        "这位老党员离岗以后常年做义工，给村里的老人们讲党课。\n"
        "青山市融媒体中心记者王小川\n"
    )
    assert _source_of(text) == "青山市融媒体中心"


def test_a_dated_line_with_a_papers_reporter_is_a_credit_not_text() -> None:
    text = (
        "法律志愿者二十年守望老人\n\n"
        "3月14日消息   江南日报记者  张小雨\n\n"
        "在青山市一间小屋里，一群退休法官和检察官每周两天为老人义务解答法律问题。\n"
        "二十年来，他们接待来访老人五千多人次。\n"
    )
    doc = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert doc.source_unit == "江南日报"
    assert "张小雨" not in "\n".join(c.text for c in doc.clauses)


def test_an_information_ports_news_opening_names_the_source() -> None:
    text = (
        "青山乡老干部发挥专长服务乡邻\n"
        "原创 · 编辑:青山信息港 2011-12-31 07:02:55\n"
        "阅读:1676\n"
        "青山信息港消息:\n"
        "青山乡老干部根据各自的身体条件，带头宣传政策、调解邻里纠纷。\n"
        "全乡现有离退休老干部32名。\n"
    )
    doc = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert doc.source_unit == "青山信息港"
    assert all("消息" not in c.text for c in doc.clauses)


def test_an_epapers_location_line_with_issue_and_page_names_the_paper() -> None:
    text = (
        "手机终端下载:\n\n当前位置:青山晚报 第5933期 第A3版:青山人物\n\n"
        "退休老人编出一本方言词典\n\n本报记者张小雨\n"
        "  今年63岁的青山退休干部张三，十多年来走村串户，收集整理了两千多条四字方言。\n"
    )
    assert _source_of(text) == "青山晚报"


def test_a_papers_correspondent_named_in_the_text_is_its_source() -> None:
    text = (
        "再过十几天，村里大棚里的油桃就要上市了。江南晚报特派青山记者 李毅 摄\n"
        "5月23日中午，在村头的一座大棚里，江南晚报记者见到了老支书，他正和乡亲们一起摘果。\n"
        "老支书说，这些油桃是去年种下的。\n"
    )
    assert _source_of(text) == "江南晚报"


def test_a_websites_dateline_over_a_short_line_is_cut_and_names_the_source() -> None:
    text = (
        "青山新闻网讯 老人的一封信\n"
        "“我今年八十五岁了，还想为家乡做点事。”这是青山籍老干部张三写给几位老同事的一封信。\n"
        "张三1950年参加工作，现已退休。\n"
    )
    doc = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert doc.source_unit == "青山新闻网"
    assert "网讯" not in doc.title


def test_a_medium_in_lenticular_brackets_opening_the_story_is_its_dateline() -> None:
    text = (
        "【青网】(记者 张小雨 通讯员 李大川 实习生 王小禾)“我做的这把遮阳伞能背在身上，两只手就空出来了。”"
        "说起自己的新发明，退休老师傅赵四很是得意。\n"
        "赵四今年七十岁，退休前是厂里的钳工。\n"
    )
    doc = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert doc.source_unit == "青网"
    assert "记者" not in doc.title and "【" not in doc.title
    # a column tag on a headline is no medium
    assert credits({"byline": ["【基层动态】"]}) == []


def test_a_magazines_reporter_credit_names_the_whole_magazine() -> None:
    assert ("source", "青松新闻周刊") in credits({"byline": ["文 |《青松》新闻周刊记者张三李四"]})
    assert ("source", "青松") in credits({"byline": ["文图《青松》记者 张三"]})


def test_a_produced_by_label_and_a_sharing_note_name_the_source() -> None:
    assert credits({"byline": ["出品/江南新闻"]}) == [("source", "江南新闻")]
    # 腾讯 and 资讯 hold a 讯 that is no dateline's
    assert ("source", "出品/腾讯新闻") not in credits({"byline": ["出品/腾讯新闻"]})
    shared = "声明:此文由 青山故事 分享发布,本站不代表赞同其立场。"
    assert credits({"disclaimer": [shared]}) == [("source", "青山故事")]


def test_a_closing_note_of_unit_and_writer_after_a_poem_names_the_author() -> None:
    text = (
        "青山县老干部演唱会侧记\n"
        "七月的傍晚，青山县老干部活动中心的“夏日舞台”准时开演，老同志们唱起了家乡的小调。\n"
        "有人即兴作诗一首：\n戏迷爱看夕阳红，\n消夏一曲醉心中。\n"
        "(青山县委老干部局 张小川)\n"
    )
    doc = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert doc.author_unit == "青山县委老干部局"
    assert "张小川" not in "\n".join(c.text for c in doc.clauses)


def test_a_contributors_line_with_the_writers_name_run_on_names_the_unit() -> None:
    assert credits({"byline": ["青山县科协张小川供稿"]}) == [("author", "青山县科协")]
    # a unit whose name ends like a person's stays whole
    assert credits({"byline": ["青山区委老干部局供稿"]}) == [("author", "青山区委老干部局")]


def test_a_contributors_note_whose_unit_holds_a_bracketed_part_names_it() -> None:
    text = (
        "退休职工参观家乡新变化\n"
        "10月20日，学校组织退休职工参观了现代农业园区和新建的高铁站。\n"
        "老同志们纷纷表示，家乡变化真大。\n"
        "(后勤处(青山集团)工会 供稿)\n"
    )
    doc = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert doc.author_unit == "后勤处（青山集团）工会"
    assert "供稿" not in "\n".join(c.text for c in doc.clauses)


def test_editor_in_chief_lines_under_a_source_note_stand_apart_from_it() -> None:
    text = (
        "社区举办老年趣味运动会\n"
        "5月20日，青山社区举办老年趣味运动会，60多位老人参加了套圈、夹弹珠等项目。\n"
        "活动增进了邻里感情，促进了社区的和谐。(来源:青山在线)\n"
        "总编辑:张大山\n值班总编:李小川\n复审:王小禾\n编辑:赵小溪\n"
    )
    doc = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert doc.source_unit == "青山在线"
    assert "总编辑" not in "\n".join(c.text for c in doc.clauses)


def test_a_headline_run_into_a_central_mediums_dateline_is_cut_there() -> None:
    text = (
        "修了十九年电器 七旬老党员温暖街坊邻里新华社太原6月30日电(记者张小川)“师傅，我这台收音机不响了。”"
        "一大早，老人的摊位前就来了居民。\n"
        "老人退休前是一名工程师，十九年来义务为居民修理电器。\n"
    )
    doc = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert (
        doc.title == "修了十九年电器七旬老党员温暖街坊邻里"
    )  # (normalising joins Han characters across a space)
    assert doc.source_unit == "新华社"


def test_a_publications_reporter_at_work_further_down_names_the_source() -> None:
    paragraphs = "\n".join(
        f"第{i}段，退休法官们在调解室里接待来访群众，耐心化解邻里纠纷。" for i in range(1, 9)
    )
    text = (
        "退休法官当起调解员\n" + paragraphs + "\n《江南法治报》记者在近期采访中遇到了多位这样的退休法官。\n"
    )
    assert read_bytes("n.txt", text.encode("utf-8"))[0].source_unit == "江南法治报"


_BODY = "近日，青松区某街道为辖区老党员开展送学上门活动，社区党组织负责同志参加。\n老党员们纷纷表示感谢。\n"


def _source(page: str) -> str | None:
    [doc] = read_bytes("p.txt", page.encode("utf-8"))
    assert doc.clauses[0].text.startswith("近日"), doc.clauses[0].text
    return doc.source_unit


def test_a_reporter_of_two_media_names_the_first_as_the_source() -> None:
    assert _source("青松老党员送学上门\n本报讯(青松晨报·上游新闻记者陈某通讯员伍某)" + _BODY) == "青松晨报"
    closing = "青松老党员送学上门\n" + _BODY.rstrip("\n") + "(青松日报、青报全媒体记者杨某)\n"
    assert _source(closing) == "青松日报"


def test_a_stations_news_and_a_papers_app_name_their_medium() -> None:
    assert _source("青松艺术节开幕\n本台消息(青松广电全媒体记者 黄某)" + _BODY) == "青松广电"
    signed = "青松合唱团演出\n" + _BODY + "文/青松日报新花城记者:林某某 通讯员:肖某\n"
    assert _source(signed) == "青松日报新花城"
    # a picture credit's 图/本报记者 names no medium of its own, and 全媒 is no app
    assert credits({"byline": ["文/图本报记者 张某"]}) == []
    assert ("source", "青松日报") in credits({"byline": ["（青松日报全媒记者 张某）"]})
    # the spacing repair joins a reporter's name to the next credit: no app is read into the medium
    assert credits({"byline": ["(青松日报记者王某通讯员宋某)"]}) == [("source", "青松日报")]


def test_a_photo_credit_with_its_agency_and_a_news_sites_trail_root_name_the_source() -> None:
    assert _source("青松县银龄讲学教师重返讲台\n" + _BODY + "杨某 摄/青松社\n") == "青松社"
    assert _source("青松网\n青松网>>松岭频道\n\n松岭这个居民区有30支自治团队\n\n" + _BODY) == "青松网"
    # a trail rooted at the home page names no site
    assert _source("首页>>松岭频道\n\n松岭这个居民区有30支自治团队\n\n" + _BODY) is None


def test_a_reporters_label_with_the_medium_and_names_and_a_column_as_source() -> None:
    assert ("source", "青松县融媒体中心") in credits({"byline": ["记者:青松县融媒体中心唐某普某梅"]})
    assert credits({"byline": ["记者:张某 李某"]}) == []
    [doc] = read_bytes("p.txt", ("青松退休干部志愿服务\n2031-04-28 来源 : 生活\n" + _BODY).encode("utf-8"))
    assert doc.source_unit is None  # a column's name where the template prints the source


def test_a_closing_note_of_a_unit_and_its_office_and_a_source_note_with_more_credits() -> None:
    assert credits({"byline": ["(青松分馆  综合办公室)"]}) == [("author", "青松分馆综合办公室")]
    note = "(来源:离退休党总支 撰稿:王某 配图:王某 审核:张某/李某 编辑:赵某)"
    assert credits({"byline": [note]}) == [("source", "离退休党总支")]
    page = (
        "青松分馆组织老同志游园\n6月29日，青松分馆组织离退休老同志游园。\n(青松分馆  综合办公室)\n附件下载\n"
    )
    [doc] = read_bytes("p.txt", page.encode("utf-8"))
    assert [c.text for c in doc.clauses] == ["6月29日，青松分馆组织离退休老同志游园。"]
    assert doc.author_unit == "青松分馆综合办公室"


def test_closing_credits_of_an_association_a_repost_a_reviewer_and_a_writer_alone() -> None:
    page = (
        "松丰镇老体协举办门球邀请赛\n6月4日，松丰镇老体协举办第四届门球邀请赛，来自全市的5支代表队参赛。\n"
        "(松江市松丰镇老体协殷建慧)\n(审签:熊某发)\n( 胡某 )\n\n(转自乐天夕阳红)\n"
    )
    [doc] = read_bytes("p.txt", page.encode("utf-8"))
    assert [c.text for c in doc.clauses] == [
        "6月4日，松丰镇老体协举办第四届门球邀请赛，来自全市的5支代表队参赛。"
    ]
    assert (doc.source_unit, doc.author_unit) == ("乐天夕阳红", "松江市松丰镇老体协")
    promo = "了解松南更多资讯，尽在亮点松南网微信，扫描下方二维码免费阅读。"
    [doc] = read_bytes(
        "q.txt", ("松南门球赛开杆\n3月28日，门球赛开杆。\n" + promo + "\n网友评论  (共有 0 条\n").encode()
    )
    assert [c.text for c in doc.clauses] == ["3月28日，门球赛开杆。"]
