"""Page shapes that place a web page's headline (ingest.headshapes), with lines written for the test."""

from __future__ import annotations

from ingest.gluedhead import headline_with_glued_meta
from ingest.headline import WebHead
from ingest.headshapes import (
    disclosure_label,
    headline_above_byline,
    headline_above_meta,
    headline_above_removed_meta,
    headline_printed_twice,
    read_disclosure_row,
)


def test_the_line_above_a_kept_meta_line_is_the_headline() -> None:
    lines = [
        "青松频道",
        "青松县银龄志愿者助力果园增收",
        "2026-05-19 18:23:05 来源:青松融媒",
        "今年春天，志愿服务队走进果园。",
    ]
    head = WebHead()
    assert headline_above_meta(lines, len(lines), head) == 2
    assert head.title == "青松县银龄志愿者助力果园增收"
    assert head.residue["navigation"] == ["青松频道"]


def test_the_line_above_a_removed_meta_line_is_the_headline() -> None:
    lines = ["青松公益项目", "青松公益项目", "青松“五老”队伍情系下一代", "人老心不老，余热暖童心。"]
    head = WebHead()
    assert headline_above_removed_meta(lines, len(lines), head, ["青松“五老”队伍情系下一代"]) == 3
    assert head.title == "青松“五老”队伍情系下一代"
    assert headline_above_removed_meta(lines, len(lines), WebHead(), []) == 0  # no hint, no shape


def test_a_headline_printed_twice_under_the_banner() -> None:
    lines = [
        "青松频道",
        "青松县银龄志愿者助力果园增收",
        "青松县银龄志愿者助力果园增收",
        "今年春天，志愿服务队走进果园。",
    ]
    head = WebHead()
    assert headline_printed_twice(lines, len(lines), head) == 3
    assert head.title == "青松县银龄志愿者助力果园增收"


def test_a_disclosure_tables_row() -> None:
    assert disclosure_label("发布机构") == "发布机构"
    assert disclosure_label("文号：") == "文号"
    assert disclosure_label("发布机构很重要") is None
    lines = ["索引号", "000012345/2021-00321", "文号", "发布日期", "2021-04-12"]
    head = WebHead()
    assert read_disclosure_row(lines, 0, len(lines), "索引号", head) == 2  # a value it keeps nowhere
    assert read_disclosure_row(lines, 2, len(lines), "文号", head) == 3  # no value: the next label follows
    assert read_disclosure_row(lines, 3, len(lines), "发布日期", head) == 5
    assert head.meta.date == "2021-04-12"


def test_a_headline_with_its_meta_line_glued_on_under_column_labels() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "我们的微信\n\n政策指南\n\n"
        "青松县老干部活动中心新楼今天启用  发布时间：2030-05-06 10:20  来源：青松县委老干部局  阅览：\n\n"
        "5月6日，青松县老干部活动中心大楼落成并投入使用，县委有关领导出席仪式。\n\n老同志们纷纷表示满意。\n"
    )
    doc = read_bytes("g.txt", text.encode("utf-8"))[0]
    assert doc.title == "青松县老干部活动中心新楼今天启用"
    assert doc.date == "2030-05-06"
    assert doc.source_unit == "青松县委老干部局"


def test_a_label_and_its_value_before_page_fields_is_no_headline() -> None:
    from ingest.gluedhead import headline_with_glued_meta
    from ingest.headline import WebHead

    head = WebHead()
    lines = [
        "发布部门：宣传部  发布时间：2030-05-06",
        "青松县老干部活动中心新楼今天竣工",
        "5月6日，大楼落成。",
    ]
    assert headline_with_glued_meta(lines, 3, head) == 0 and head.title is None


def test_a_glued_headline_ending_in_fabu_is_still_a_headline() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "我们的微信\n\n《青山“十四五”离退休干部服务规划》发布  发布时间：2030-05-06  来源：青山日报\n\n"
        "近日，《青山“十四五”离退休干部服务规划》正式发布，明确了今后五年老干部工作的目标任务。\n"
    )
    doc = read_bytes("g.txt", text.encode("utf-8"))[0]
    assert doc.title == "《青山“十四五”离退休干部服务规划》发布"


def test_a_site_or_unit_printed_before_a_glued_meta_line_is_no_part_of_the_headline() -> None:
    for lines, publisher in (
        (
            ["青松市老干部书画展开幕  中共青松市委老干部局 发布时间:2031-01-17 阅读次数:42次", "正文。"],
            "中共青松市委老干部局",
        ),
        (
            ["青松市老干部书画展开幕  青松新闻网 2031-01-21 08:00 来源:青松日报 作者:张三", "正文。"],
            "青松新闻网",
        ),
    ):
        head = WebHead()
        assert headline_with_glued_meta(lines, len(lines), head) == 1
        assert head.title == "青松市老干部书画展开幕"
        assert head.meta.fields["publisher"] == [publisher]
    head = WebHead()
    lines = ["青松县老干部活动中心落成  稿件作者:张三 日期:2031-03-13", "正文。"]
    assert headline_with_glued_meta(lines, len(lines), head) == 1
    assert head.title == "青松县老干部活动中心落成"  # 稿件作者 is a label as a whole


def test_a_glued_meta_part_starts_at_the_first_wide_gap_a_field_follows() -> None:
    from ingest.gluedhead import split_at_wide_gap

    assert split_at_wide_gap("青松县老年大学开学  2031年09月19日 15:49 来源:青松日报") == (
        "青松县老年大学开学",
        "2031年09月19日 15:49 来源:青松日报",
    )
    assert split_at_wide_gap("银发同心  共话新篇  发布时间:2031-01-02")[0] == "银发同心  共话新篇"
    assert split_at_wide_gap("青松老干部书画展开幕  青松门户网 www.example.gov.cn 发布时间:2031-04-24")[
        0
    ] == ("青松老干部书画展开幕")
    assert split_at_wide_gap("银发同心  共话新篇") is None


def test_glued_meta_lines_in_the_shapes_content_systems_print() -> None:
    cases = (
        ("老教授协会茶话联谊共迎新年  添加时间:2031-12-30 21:51:39 来源:新闻中心", "2031-12-30"),
        ("青松县关工委召开纪念大会座谈会  发文时间:2031-10-25", "2031-10-25"),
        ("青松县每个乡镇建成老年学校  2031年09月19日 15:49 来源:新华社 作者: 字号", "2031-09-19"),
        ("青松供电公司组织退休职工秋游活动  青松门户网 www.example.gov.cn 发布时间:2031-04-24", "2031-04-24"),
    )
    for line, day in cases:
        head = WebHead()
        assert headline_with_glued_meta([line, "正文。"], 2, head) == 1, line
        assert head.meta.date == day


def test_a_row_of_linked_headlines_above_the_glued_headline_is_not_body_text() -> None:
    from ingest.headshapes import body_line

    links = "“银发”守护一江清水——某县检察助力水源保护纪实某市检察机关大动作!九地会签文件某区法院:以高质量司法服务发展"
    assert not body_line(links)
    assert body_line("9月19日，青松县召开大会，会议由县委副书记主持，全县各乡镇、各部门负责人参加会议")
    head = WebHead()
    lines = [
        "法治导读:",
        links,
        "青松县司法局组织离退休老干部参观学习  2031-10-26 11:47:37 来源:青松法治",
        "正文。",
    ]
    assert headline_with_glued_meta(lines, 4, head) == 3
    assert head.title == "青松县司法局组织离退休老干部参观学习"


def test_a_site_line_under_the_headline_is_not_a_glued_headline() -> None:
    from ingest.webhead import read_head

    lines = [
        "您当前的位置:首页 > 银发风采",
        "一张闪光的名片——记青松油田“五老”宣讲团",
        "青松关心下一代工作委员会  http://www.example.gov.cn/  2031年11月11日  来源: 青松油田关工委",
        "摘要:在青松油田,活跃着一支“五老”队伍。",
    ]
    assert headline_with_glued_meta(lines, len(lines), WebHead()) == 0
    assert read_head(lines).title == "一张闪光的名片——记青松油田“五老”宣讲团"


def test_the_line_above_a_unit_and_writer_byline_is_the_headline() -> None:
    lines = [
        "青松网 先锋文汇组织工作",  # the site's name and its columns, no separator
        "用好银龄资源这座“富矿”",
        "青松县委组织部 林青",
        "近日，青松县召开离退休干部工作会议，部署今年的重点任务。",
    ]
    head = WebHead()
    assert headline_above_byline(lines, len(lines), head) == 3
    assert head.title == "用好银龄资源这座“富矿”"
    assert head.meta.fields["author"] == ["青松县委组织部 林青"]
    assert head.residue["navigation"] == ["青松网 先锋文汇组织工作"]
    # no byline, or body text above it: not this shape
    assert headline_above_byline(lines[:2] + lines[3:], 3, WebHead()) == 0
    body_first = [lines[3], lines[1], lines[2]]
    assert headline_above_byline(body_first, 3, WebHead()) == 0
    # a headline over its ——subtitle line: both are the headline
    dashed = [
        "青松网",
        "守山人",
        "——记青松县退休干部林青",
        "青松县关工委 王小青",
        "他在山上种了三十年树，绿了荒山。",
    ]
    head = WebHead()
    assert headline_above_byline(dashed, len(dashed), head) == 4
    assert head.title == "守山人——记青松县退休干部林青"


def test_a_short_headline_above_its_meta_line_when_the_story_follows() -> None:
    lines = [
        "青松文苑",
        "退休感怀",
        "作者:林青 时间:2030-04-28",
        "四十年前，我从部队转业来到青松县工作，一干就是三十多年。",
    ]
    head = WebHead()
    assert headline_above_meta(lines, len(lines), head) == 2
    assert head.title == "退休感怀"
    removed = [
        "青松论坛|青松吧",
        "青松博物馆",
        "青松县青松博物馆是当地藏品最多的私人博物馆，免费向公众开放。",
    ]
    head = WebHead()
    assert headline_above_removed_meta(removed, len(removed), head, ["青松博物馆"]) == 2
    assert head.title == "青松博物馆"


def test_a_credit_above_the_meta_line_is_no_short_headline() -> None:
    # (the residue passes took 摄影：… out of the head; 文：… stood right above 日期：…)
    lines = [
        "青松医院离退休办召开春季座谈会",
        "文:离退休办",
        "日期:2030-04-18",
        "4月17日上午，医院离退休办召开座谈会。",
    ]
    head = WebHead()
    headline_above_meta(lines, len(lines), head)
    assert head.title != "文:离退休办"


def test_a_short_column_name_over_the_date_and_the_headline_is_no_headline() -> None:
    lines = [
        "学校主页",
        "工作动态",
        "2030年09月22日",
        "学校举办离退休教职工书画摄影手工作品展",
        "9月20日下午，展览开幕。",
    ]
    assert headline_above_meta(lines, len(lines), WebHead()) == 0


def test_the_writers_names_above_a_removed_meta_line_are_no_headline() -> None:
    lines = [
        "青松铁道报",
        "总部离休职工党支部召开座谈会",
        "林青焦贺",
        "本报讯 5月27日，总部离休职工党支部召开座谈会。",
    ]
    assert headline_above_removed_meta(lines, len(lines), WebHead(), ["林青 焦 贺"]) == 0


def test_a_page_title_with_site_and_column_after_dashes_over_the_headline_gives_the_headline() -> None:
    from ingest.pipeline import read_bytes

    text = (
        '老人编写一部"乡音辞典"-青山资讯-青山文史网 - 张三\n\n'
        ' 老人编写一部"乡音辞典"\n\n'
        "于 2014/6/3 6:16:03 发表  青山资讯  浏览( )  评论( )  收藏这篇文章\n\n"
        "退休以后，七十六岁的李大爷用了十五年时间，整理出三百多万字的乡音俗语。\n"
        "他希望这部书稿能早日出版。\n"
    )
    doc = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert doc.title == '老人编写一部"乡音辞典"'
    assert doc.date == "2014-06-03"


def test_an_epapers_page_list_print_line_and_repeated_headline_gives_that_headline() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "A25版:休闲时光\n3上一版  下一版4\nPDF 版PDF版\n"
        "公园里的老年骑行队\n我们一起唱歌\n夏天的西瓜\n\n"
        "| 青山日报 | 青山晚报 | 版面导航 | 标题导航 |\n\n3上一期  下一期4\n"
        "2007 年 7 月 10 日 星期    【打印】\n我们一起唱歌\n张三\n"
        "我退休以后常去公园晨练，有一天听见一支老年合唱队在唱歌，就悄悄站到队伍后面跟着唱。\n"
        "后来我成了合唱队的一员。\n"
    )
    doc = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert doc.title == "我们一起唱歌" and doc.date == "2007-07-10"
    body = "\n".join(c.text for c in doc.clauses)
    assert "公园里的老年骑行队" not in body and "夏天的西瓜" not in body
