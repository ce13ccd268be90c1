"""Page dates found by ingest.datesteps, with pages written for the test."""

from __future__ import annotations

from ingest.pipeline import read_bytes


def test_a_datelines_day_takes_its_year_from_the_pages_stamps_when_the_text_has_none() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "青松区民政局组织退休人员开展志愿服务\n\n"
        "中新网青松5月21日电 (张三)青松区民政局20日组织退休人员开展志愿服务活动。\n\n"
        "志愿者为社区老人义诊、理发。\n\n社会新闻精选：\n\n"
        "- 2030年06月24日 17:31:51\n- 2030年06月24日 14:27:20\n- 2030年06月23日 13:58:04\n"
    )
    doc = read_bytes("d.txt", text.encode("utf-8"))[0]
    assert doc.date == "2030-05-21"


def test_an_activitys_time_in_the_body_does_not_date_the_page() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "九九重阳节 浓浓敬老情\n2031-04-04 03:27张小河\n青松生活 2031年1期\n张小河\n"
        "活动时间:2030年10月17日\n活动单位:青松农场社区第二居民委党支部\n"
        "活动纪略:这天是党支部的主题党日活动日，又恰逢一年一度的老人节。\n老人们欢聚一堂。\n"
    )
    assert read_bytes("d.txt", text.encode("utf-8"))[0].date == "2031-04-04"


def test_a_rule_sets_month_under_its_title_dates_it_to_the_month() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "青松老年大学学员管理办法（修订）\n"
        "（2031年4月）\n"
        "第一条 为加强学员学籍管理，保障教学秩序，制定本办法。\n"
        "第二条 本办法适用于青松老年大学全体学员。\n"
    )
    [doc, *_] = read_bytes("rules.txt", text.encode("utf-8"))
    assert doc.date == "2031-04"
    assert "成文日期只写到月" in doc.warnings


def test_the_days_year_from_its_sentence_past_a_photo_caption_and_a_share_prompt() -> None:
    from ingest.pipeline import read_bytes

    for text in (
        "门球队员在比赛。\n8月26日，2031年青松杯城乡门球公开赛在青松县开幕，大赛为期三天。\n各地球队参赛。\n",
        "点击右上角微信好友\n朋友圈\n请使用浏览器分享功能进行分享\n"
        "8月14日晚，2031年青松老年大学汇演在四面山举行。\n汇演包含书画摄影作品展。\n",
    ):
        doc = read_bytes("d.txt", text.encode("utf-8"))[0]
        assert doc.date == "2031-08-" + ("26" if "门球" in text else "14"), text[:12]
    doc = read_bytes("d.txt", "点击右上角微信好友\n朋友圈\n8月14日晚，青松老年大学汇演举行。\n".encode())[0]
    assert doc.title != "点击右上角微信好友"


def test_an_events_year_written_without_nian_and_a_forums_edit_stamp() -> None:
    from ingest.pipeline import read_bytes

    text = "5月11日至12日，“乐龄杯”2031全国老年文艺展演青松赛区比赛在青松开放大学举行。\n我校学员参加。\n2029年我校开办老年大学。\n"
    assert read_bytes("d.txt", text.encode("utf-8"))[0].date == "2031-05-11"
    text = (
        "青松市门球联赛筹备会召开\n本帖最后由 某某 于 2031-3-18 21:30 编辑\n"
        "3月17日上午，2031年青松市老体协召开会议，决定举行门球联赛。\n各队报名。\n"
    )
    assert read_bytes("d.txt", text.encode("utf-8"))[0].date == "2031-03-17"


def test_a_forum_threads_post_line_dates_the_page_and_leaves_the_text() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "• 88阅读\n  • 2回复\n\n青松县老年门球协会换届选举圆满完成 [复制链接]\n\n上一主题 下一主题\n\n"
        "倒序阅读 0 发表于: 2019-05-12\n\n"
        "5月10日，青松县老年门球协会召开第三次会员大会，选举产生新一届理事会。\n会议由协会秘书长主持。\n"
    )
    doc = read_bytes("f.txt", text.encode("utf-8"))[0]
    assert doc.date == "2019-05-12"
    assert not any("发表于" in c.text or "复制链接" in c.text for c in doc.clauses)
    slashed = text.replace("发表于: 2019-05-12", "发表于: 2019/05/12")
    assert read_bytes("f.txt", slashed.encode("utf-8"))[0].date == "2019-05-12"


def test_a_forum_posts_edit_stamp_dates_it_only_when_the_text_dates_nothing() -> None:
    from ingest.pipeline import read_bytes

    stamp = "本帖最后由 青松老杨 于 2023-11-20 09:15 编辑\n"
    undated = "青松县老年书画研究会年会召开\n今日上午，青松县老年书画研究会年会在县老干部活动中心召开。\n会员六十余人参加。\n"
    assert read_bytes("f.txt", (stamp + undated).encode("utf-8"))[0].date == "2023-11-20"
    written = stamp.replace("2023-11-20", "2023年11月20日")
    assert read_bytes("f.txt", (written + undated).encode("utf-8"))[0].date == "2023-11-20"
    dated = "青松县老体协召开班子会议\n今天上午（2023.11.19.），青松县老体协召开班子会议。\n会议研究了明年工作。\n"
    assert read_bytes("f.txt", (stamp + dated).encode("utf-8"))[0].date == "2023-11-19"


def test_a_forums_search_box_and_thread_buttons_are_no_headline() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "青松生活网\n\n热搜: 生活 青松\n查看: 2372|回复: 0\n打印 上一主题 下一主题\n\n"
        "青松区张大妈:义务服务社区 八十高龄不言老\n\n[复制链接]\n跳转到指定楼层\n楼主\n"
        "发表于 2015-1-8 15:16:58 | 只看该作者 |倒序浏览 |阅读模式\n"
        "张大妈60岁从工作岗位上退下来，在社区义务服务二十年。\n她说，能为邻居做点事很开心。\n"
    )
    doc = read_bytes("f.txt", text.encode("utf-8"))[0]
    assert doc.title.replace(" ", "") == "青松区张大妈:义务服务社区八十高龄不言老"


def test_a_report_whose_dated_lead_follows_a_quoted_verse_takes_that_day() -> None:
    text = (
        "青山市老年大学举办迎七一文艺汇演\n"
        "作者/ 张小川\n"
        "青山绿水入梦来，一步一回头，走遍天涯海角，心里装着家乡，唱不尽那座山，唱不尽那条河。\n"
        "2023年6月16日，青山市老年大学的学员们登台演出，庆祝建党节。\n"
        "演出共有十八个节目，有合唱、舞蹈、器乐和朗诵。\n"
    )
    doc = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert doc.date == "2023-06-16" and "未注明成文日期，使用正文开头的日期" in doc.warnings


def test_a_forum_portals_time_opening_its_meta_row_dates_the_page() -> None:
    text = (
        "加入收藏 设为首页\n\n青山在线 首页 资讯 查看内容\n\n"
        "青山老年书画研究会送文化下乡\n\n"
        "2021-4-29 10:31| 发布者: abc| 查看: 99| 评论: 0|原作者: [db:作者]|来自: [db:来源]\n\n"
        "11月28日，研究会的老书画家来到青山村，为村民写春联、送福字。\n"
    )
    assert read_bytes("n.txt", text.encode("utf-8"))[0].date == "2021-04-29"


def test_a_blog_posts_reading_count_line_dates_it_and_is_no_headline() -> None:
    text = (
        "zhangsan分享 http://blog.example.cn/u/zhangsan\n\n博文\n\n退休以后怎样继续做科研\n\n"
        "已有 1234 次阅读 2015-10-8 00:02 |个人分类:生活随笔|系统分类:观点\n\n"
        "我退休已经五年了，这些年一直在想，一个人离开了岗位，还能为科研做些什么。\n"
        "回头看，最要紧的是保持好奇心。\n"
    )
    doc = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert doc.date == "2015-10-08" and doc.title == "退休以后怎样继续做科研"


def test_an_english_forum_skins_meta_row_dates_the_post_in_either_date_form() -> None:
    for stamp in ("2013-6-29 04:50 PM", "2013/6/29 04:50 PM"):
        text = (
            "青山岛老人协会见闻\n\n"
            f"{stamp}| Publisher: admin| Views: 2369| Comments: 0\n\n"
            "暑假里，我们一行人来到青山岛，拜访了岛上的老人协会。\n"
            "协会的老人们热情地向我们介绍了岛上的变迁。\n"
        )
        assert read_bytes("n.txt", text.encode("utf-8"))[0].date == "2013-06-29"


def test_a_writers_closing_line_with_a_month_dates_the_piece_to_that_month() -> None:
    page = "那年我们进山\n那年春天，我们一行人背着行李进了山。\n山里的日子苦，也甜。\n2031年10月于青松山下\n"
    [doc] = read_bytes("p.txt", page.encode("utf-8"))
    assert doc.date == "2031-10"
    # a month inside a sentence dates nothing
    other = page.replace("2031年10月于青松山下", "我们是2031年10月离开的。")
    [doc] = read_bytes("p.txt", other.encode("utf-8"))
    assert doc.date is None
