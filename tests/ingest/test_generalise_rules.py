"""The rules added for the generalisation fixtures, one at a time, each with its negative case."""

from __future__ import annotations

import pytest

from ingest import compound
from ingest.clauses import split_clauses
from ingest.docnumbers import doc_no_line, normalize_doc_no
from ingest.header import adopted_line
from ingest.layout import repair_layout
from ingest.lines import fix_spacing
from ingest.metadata import extract_metadata
from ingest.normalize import normalize_document_text, strip_residue
from ingest.readers.text import markdown_to_text


def lines(text: str) -> list[str]:
    return repair_layout(text).split("\n")


# ------------------------------------------------------------------------------ list bullets


def test_list_bullets_are_removed_at_line_starts() -> None:
    text = "目录\n\n- 第一篇讲话的标题\n\n• 第二篇讲话的标题\n\n● 经验交流材料3篇\n\n▪ 第四项\n\n· 第五项"
    assert lines(text) == [
        "目录",
        "第一篇讲话的标题",
        "第二篇讲话的标题",
        "经验交流材料3篇",
        "第四项",
        "第五项",
    ]


def test_bulleted_lines_are_not_joined_to_each_other() -> None:
    # each entry ends mid-phrase, and still each is an entry of its own
    assert lines("- 关于推进支部建设的\n- 关于加强服务管理的") == ["关于推进支部建设的", "关于加强服务管理的"]


@pytest.mark.parametrize(
    "kept",
    ["——在全市推进会上的讲话", "--分隔线以下为附件--", "-5℃以下停止户外活动。", "—— 2 ——"],
)
def test_dashes_that_are_not_bullets_stay(kept: str) -> None:
    out = repair_layout(kept)
    assert out == "" if kept.startswith("—— 2") else out.startswith(kept[:2])


# ------------------------------------------------------------------------------ header marks and notes


def test_copy_number_and_urgency_above_a_red_header_are_marks() -> None:
    body, residue = normalize_document_text(
        "000126\n特急\n\n中共某某局文件\n\n关于开展活动的通知\n\n正文内容。"
    )
    assert residue["marking"] == ["000126", "特急"]
    assert body.split("\n")[0] == "中共某某局文件"


def test_a_six_digit_line_in_the_body_is_not_a_mark() -> None:
    sentences = [f"第{n}段正文内容，说明有关事项。" for n in range(1, 10)]
    text = "\n\n".join(["标题", *sentences, "邮政编码：", "110032", "正文。"])
    body, residue = normalize_document_text(text)
    assert "110032" in body.split("\n")
    assert "marking" not in residue


def test_publicity_note_is_a_mark_but_a_sentence_about_it_is_not() -> None:
    _, residue = strip_residue("正文。\n中共某某局\n2021年6月15日\n（此件公开发布）")
    assert residue["marking"] == ["（此件公开发布）"]
    body, residue = strip_residue("此件公开发布后，各地要认真组织学习。")
    assert body and not residue


def test_attachment_notes_are_metadata() -> None:
    body, residue = strip_residue("请认真贯彻执行。\n附件：1.情况统计表\n2.联系人名单\n中共某某局")
    assert residue["attachment"] == ["附件：1.情况统计表", "2.联系人名单"]
    assert body.split("\n") == ["请认真贯彻执行。", "中共某某局"]


@pytest.mark.parametrize(
    "kept", ["名额分配详见附件。", "附件", "附件：各地要按照本通知要求，认真组织填报。请于月底前报送。"]
)
def test_attachment_mentions_and_headings_stay(kept: str) -> None:
    body, residue = strip_residue(kept)
    assert body == kept and "attachment" not in residue


def test_labelled_items_are_cleaned() -> None:
    _, residue = strip_residue("（责任编辑：赵敏）\n责任编辑：刘  洋          电话：0532-85912345")
    assert residue["editor"] == ["责任编辑：赵敏", "责任编辑：刘洋"]
    assert residue["contact"] == ["电话：0532-85912345"]


# ------------------------------------------------------------------------------ joins


def test_salutation_starts_a_block() -> None:
    assert lines("（2022年1月20日）\n部长  陈 志 远\n同志们：\n今天召开会议。") == [
        "（2022年1月20日）",
        "部长  陈志远",
        "同志们：",
        "今天召开会议。",
    ]


def test_a_number_cut_by_the_line_end_joins_without_a_space() -> None:
    # blank lines separate the paragraphs: a single line break inside one is a wrap
    text = "第一段。\n\n各项任务确保在202\n3年底前完成。\n\n登录政务服务网的Online\nService专区办理。\n\n第四段。"
    assert lines(text)[1] == "各项任务确保在2023年底前完成。"
    # Latin words were wrapped at a space: it comes back
    assert lines(text)[2] == "登录政务服务网的Online Service专区办理。"


HARD_WRAPPED = [
    "为进一步做好离退休干部服务管理工作，切实提高服",  # 24 characters a line: the printed width
    "务水平，现将有关事项通知如下，请认真贯彻落实：",
    "一、各地要结合实际制定具体方案，明确责任分工，",
    "确保各项任务落到实处，不得敷衍塞责，不得走过场；",
    "其他单位要对照考核中发现的问题，认真查找原因，",
    "制定整改措施，于年底前将整改情况报送上级部门。",
    "二、各地要加强组织领导，健全工作机制，定期研究",
    "解决工作中的重要问题，推动工作落地见效见实效；",
    "（一）各单位要高度重视；",
    "（二）各单位要抓好落实。",
]


def test_semicolon_at_the_printed_width_is_a_wrap_but_a_short_item_ends() -> None:
    out = lines("\n".join(HARD_WRAPPED))
    assert "确保各项任务落到实处，不得敷衍塞责，不得走过场；其他单位要对照考核中发现的问题，" in out[1]
    assert out[-2:] == ["（一）各单位要高度重视；", "（二）各单位要抓好落实。"]


def test_an_open_bracket_continues_the_paragraph() -> None:
    text = "根据《考核办法》（湘老\n干发〔2021〕9号）规定，现通报如下：\n一、总体情况"
    assert lines(text)[0] == "根据《考核办法》（湘老干发〔2021〕9号）规定，现通报如下："
    # closed brackets: a title line stays a title line
    assert lines("关于开展“银发先锋”评选活动（试行）的通知\n各县区委老干部局：") == [
        "关于开展“银发先锋”评选活动（试行）的通知",
        "各县区委老干部局：",
    ]


def test_lists_of_units_and_of_titles_stay_lists() -> None:
    text = (
        "一、先进党支部\n\n**县老干部活动中心党支部\n市卫生健康委离退休干部党支部\n\n二、优秀党员\n\n正文。"
    )
    assert lines(text)[1:3] == ["**县老干部活动中心党支部", "市卫生健康委离退休干部党支部"]
    toc = "本期要览\n省委老干部局局长在推进会上的讲话\n省委老干部局副局长在推进会上的总结讲话"
    assert lines(toc)[1:] == ["省委老干部局局长在推进会上的讲话", "省委老干部局副局长在推进会上的总结讲话"]
    # a wrapped title still joins: its second line is no unit and no title
    text = (
        "以改革创新精神抓好工作\n\n——在全省老干部系统党建工作推进会\n开班仪式上的讲话\n\n刘 文 生\n\n同志们："
    )
    assert lines(text)[1] == "——在全省老干部系统党建工作推进会开班仪式上的讲话"


# ------------------------------------------------------------------------------ spacing


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("第一章　总　则", "第一章 总则"),
        ("第三条　离退休干部党组织的设置", "第三条 离退休干部党组织的设置"),
        ("第十二条规定的情形除外。", "第十二条规定的情形除外。"),
        ("按 第 一 条 执行", "按第一条执行"),
    ],
)
def test_the_space_after_a_chapter_or_article_token(raw: str, expected: str) -> None:
    assert fix_spacing(raw) == expected


# ------------------------------------------------------------------------------ markdown


def test_markdown_block_markup_is_removed() -> None:
    md = "# 管理办法（试行）\n\n## 第一章 总则 ##\n\n> 引用的一段话。\n\n---\n\n**第二章 附则**\n\n- 列表项"
    assert markdown_to_text(md).split("\n") == [
        "管理办法（试行）", "", "第一章 总则", "", "引用的一段话。", "", "", "", "第二章 附则", "", "- 列表项",
    ]  # fmt: skip


def test_markdown_keeps_masks_and_inline_stars() -> None:
    md = "表彰张**等6名同志。\n**县老干部活动中心党支部\n#不是标题"
    assert markdown_to_text(md) == md


# ------------------------------------------------------------------------------ metadata rules


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("泉老幹〔２０２３〕８號", "泉老幹〔2023〕8号"),
        ("冀老干通【2021】12号", "冀老干通〔2021〕12号"),
        ("**老干发〔2022〕6号", "**老干发〔2022〕6号"),
        ("××老干发 [2022] 第 6 号", "××老干发〔2022〕6号"),
    ],
)
def test_doc_number_variants(raw: str, expected: str) -> None:
    assert doc_no_line(raw) == expected
    assert normalize_doc_no(raw) == expected


def test_adopted_line() -> None:
    assert adopted_line("（2023年6月8日中共昆明市委老干部局局务会议审议通过）") == (
        "2023-06-08",
        ["中共昆明市委老干部局"],
    )
    assert adopted_line("（2021年3月5日第12次常务会议通过）") == ("2021-03-05", [])
    assert adopted_line("（2020年7月13日）") is None
    assert adopted_line("（2020年7月13日通过考核的单位名单见附件）") is None


def test_title_note_under_the_title() -> None:
    md = extract_metadata("某市离退休干部服务管理办法\n（试行）\n第一条 为了规范管理，制定本办法。", "x")
    assert md.title == "某市离退休干部服务管理办法（试行）"
    md = extract_metadata("在全市推进会上的讲话\n（2021年5月20日）\n李  明\n同志们：\n今天开会。", "x")
    assert md.title == "在全市推进会上的讲话" and md.date == "2021-05-20"


def test_letterhead_without_wenjian_above_the_number_line() -> None:
    md = extract_metadata("中共某某市委老干部局\n某老干〔2021〕3号\n关于开展活动的通知\n正文。", "x")
    assert md.issuers == ["中共某某市委老干部局"] and md.doc_no == "某老干〔2021〕3号"
    assert md.title == "关于开展活动的通知"


def test_traditional_doc_number_is_an_identifier_in_simplified_form() -> None:
    md = extract_metadata(
        "中共泉州市委老幹部局\n泉老幹〔2023〕8號\n關於舉辦培訓班的通知\n正文內容。", "x", "traditional"
    )
    assert md.doc_no == "泉老干〔2023〕8号"
    assert md.title == "關於舉辦培訓班的通知"


def test_masked_issuer_gives_a_masked_region_of_its_level() -> None:
    md = extract_metadata("中共**县委老干部局文件\n关于开展活动的通知\n正文提到**市的做法。", "m")
    assert md.issuers == ["中共**县委老干部局"]
    assert md.region is not None and (md.region.known, md.region.level) == (False, "county")


# ------------------------------------------------------------------------------ bulletin masthead


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("中共青岛市委老干部局编", ["中共青岛市委老干部局"]),
        ("中共某某市委老干部局办公室编印", ["中共某某市委老干部局办公室"]),
        ("中共某某市委办", ["中共某某市委办"]),  # 办 is part of the name, not "edited by"
        ("认真学习编", None),
    ],
)
def test_publisher_line(line: str, expected: list[str] | None) -> None:
    assert compound.publisher_orgs(line) == expected


def test_issue_line_starting_with_the_year_has_no_name() -> None:
    text = "离退休干部工作简报\n2021年第12期（总第86期）\n中共青岛市委老干部局编  2021年9月28日\n"
    from ingest.metadata import split_lines

    _, head = compound.find_masthead(split_lines(text))
    assert head["name"] == "离退休干部工作简报"
    assert head["issue"] == "2021年第12期（总第86期）"
    assert (head["issuers"], head["date"]) == (["中共青岛市委老干部局"], "2021-09-28")


# ------------------------------------------------------------------------------ clause rules


def clauses(text: str):  # type: ignore[no-untyped-def]
    return split_clauses("t", text, "simplified")


def test_a_one_line_content_before_the_next_heading_is_no_heading() -> None:
    cs = clauses("一、活动主题\n银发生辉·献力科技城\n二、活动内容\n（一）政治引领。组织学习。")
    assert [(c.text, c.path, c.kind) for c in cs[:1]] == [
        ("银发生辉·献力科技城", ["一、活动主题"], "paragraph")
    ]


def test_an_unnumbered_heading_above_deeper_items_still_heads_them() -> None:
    cs = clauses("一、主要任务\n重点工作\n（一）政治引领。组织学习。\n（二）组织建设。建强支部。")
    assert cs[0].path == ["一、主要任务", "重点工作", "（一）政治引领"]


def test_list_lines_under_a_heading_are_clauses() -> None:
    cs = clauses(
        "一、先进党支部\n**县老干部活动中心党支部\n市卫生健康委离退休干部党支部\n二、优秀党员\n张**　李**　王**"
    )
    assert [(c.text, c.path) for c in cs] == [
        ("**县老干部活动中心党支部", ["一、先进党支部"]),
        ("市卫生健康委离退休干部党支部", ["一、先进党支部"]),
        ("张**　李**　王**", ["二、优秀党员"]),
    ]


def test_lines_outside_any_section_are_still_not_clauses() -> None:
    # a title and a signature with nothing numbered around them
    cs = clauses("关于开展活动的通知\n现将有关事项通知如下。\n中共某某局\n2021年3月1日")
    assert [c.text for c in cs] == ["现将有关事项通知如下。"]


def test_names_set_apart_by_wide_gaps_are_no_heading() -> None:
    cs = clauses("二、优秀党员\n张**　李**　王**\n希望受到表彰的同志珍惜荣誉，再接再厉。")
    assert cs[-1].path == ["二、优秀党员"]


def test_a_closing_salutation_leaves_the_sections() -> None:
    cs = clauses("一、总体要求\n（一）提高站位。要提高政治站位。\n同志们，让我们共同努力，开创新局面！")
    assert cs[-1].path == []
    # a salutation inside a sentence does not
    cs = clauses("一、总体要求\n（一）提高站位。要提高政治站位。\n各地要组织同志们，认真学习。")
    assert cs[-1].path == ["一、总体要求", "（一）提高站位"]


def test_a_short_paragraph_that_starts_with_yi_shi_is_split() -> None:
    cs = clauses(
        "一是组建讲师团。遴选骨干组成讲师团。二是创新授课形式。开展主题班会。三是建立长效机制。纳入工作计划。"
    )
    assert [(c.number, c.heading) for c in cs] == [
        ("一是", "一是组建讲师团"),
        ("二是", "二是创新授课形式"),
        ("三是", "三是建立长效机制"),
    ]
    assert all(c.path == [c.heading] for c in cs)
    # inside a paragraph of ordinary length, the enumeration stays one clause
    cs = clauses("下一步，要抓好三个方面工作。一是抓好政治建设。二是抓好组织建设。三是抓好作用发挥。")
    assert len(cs) == 1 and cs[0].number is None


# ------------------------------------------------------------------------------ web pages saved as text

WEB_TEXT = """首页 > 新闻中心 > 工作动态
株洲市：“银发先锋”助力基层治理
发布时间：2021-05-06 09:12:33 来源：株洲市委老干部局 作者：李明 【字体：大 中 小】
近年来，株洲市委老干部局坚持以党建为引领，组织离退休干部党员参与基层治理，取得明显成效。
一是建立组织体系。在全市建立“银发先锋”工作站120个。
二是搭建服务平台。组织老党员参与矛盾调解、环境整治等工作。
扫一扫在手机打开当前页
【打印本页】 【关闭窗口】
"""


def test_breadcrumb_and_scan_code_of_a_saved_page_are_residue() -> None:
    body, residue = normalize_document_text(WEB_TEXT)
    assert body.split("\n")[0] == "株洲市：“银发先锋”助力基层治理"
    assert "首页 > 新闻中心 > 工作动态" in residue["web"]
    assert "扫一扫在手机打开当前页" in residue["web"]
    # the words in running text stay
    body, residue = normalize_document_text(
        "各地要在首页显著位置公布服务电话。\n扫一扫二维码即可报名参加“银发先锋”志愿服务活动，名额有限。"
    )
    assert "web" not in residue


def test_an_article_without_a_signed_date_takes_the_publication_time() -> None:
    from ingest.pipeline import read_bytes

    [d] = read_bytes("news.txt", WEB_TEXT.encode("utf-8"))
    assert d.title == "株洲市：“银发先锋”助力基层治理"
    assert (d.date, d.years) == ("2021-05-06", [2021])
    assert "未注明成文日期，使用网页发布时间" in d.warnings
    assert d.region is not None and d.region.name == "株洲市"
    # a signed date wins over the publication time
    signed = WEB_TEXT.replace("扫一扫", "中共株洲市委老干部局\n2021年4月28日\n扫一扫")
    [d] = read_bytes("news.txt", signed.encode("utf-8"))
    assert d.date == "2021-04-28"


# ------------------------------------------------------------------------------ joint issuers

JOINT = """中共宁乡县委办公室
宁乡县人民政府办公室
文件

宁办发〔2016〕12号

中共宁乡县委办公室  宁乡县人民政府办公室
关于进一步加强和改进
离退休干部工作的
实施意见

各乡镇党委、政府，县直各单位：

为深入贯彻落实中办发〔2016〕3号文件精神，结合我县实际，提出如下实施意见。

一、落实政治待遇。定期组织离退休干部阅读文件、听取情况通报。

中共宁乡县委办公室　　　　宁乡县人民政府办公室

2016年5月6日

中共宁乡县委办公室　　　　　　　　　2016年5月9日印发
"""


def test_joint_issuers_named_before_the_title_stay_two_units() -> None:
    md = extract_metadata(normalize_document_text(JOINT)[0], "joint")
    assert md.title == "关于进一步加强和改进离退休干部工作的实施意见"
    # the office that prints the document is one of its issuers too
    assert md.issuers == ["中共宁乡县委办公室", "宁乡县人民政府办公室"]
    assert (md.printed_by, md.printed_date) == ("中共宁乡县委办公室", "2016-05-09")


def test_an_issuer_naming_an_unknown_place_outweighs_the_number_abbreviation() -> None:
    # 宁乡县 has been 宁乡市 since 2017; 宁 of 宁办发 is not 宁夏
    md = extract_metadata(normalize_document_text(JOINT)[0], "joint")
    assert md.region is None or "宁乡" in md.region.name
    # without such an issuer the abbreviation still counts
    md = extract_metadata("榕离退工委〔2018〕4号\n关于推进党建工作的通知\n各单位：\n正文。", "x")
    assert md.region is not None and md.region.name == "福州市"


@pytest.mark.parametrize(
    ("title", "inner"),
    [
        ("关于印发大连市离退休干部党建品牌创建工作方案的通知", "大连市离退休干部党建品牌创建工作方案"),
        ("关于印发《某市离退休干部服务管理办法》的通知", "某市离退休干部服务管理办法"),
        ("关于发布2023年度考核结果的通知", None),  # nothing is transmitted
        ("关于印发证书的通知", None),
    ],
)
def test_transmitting_notice_with_or_without_title_marks(title: str, inner: str | None) -> None:
    from ingest.header import unwrap_title

    assert unwrap_title(title) == inner


def test_rows_outside_sections() -> None:
    cs = clauses(
        "现将有关事项通知如下。\n中共某某局　　　某某局\n1\t建强离退休干部党支部\t市委老干部局\t2022年底前"
    )
    # an aligned row of names is a signature; a table row is data worth quoting
    assert [c.text for c in cs] == [
        "现将有关事项通知如下。",
        "1\t建强离退休干部党支部\t市委老干部局\t2022年底前",
    ]


def test_a_star_bullet_is_not_a_mask() -> None:
    assert lines("* 第一项内容\n\n**县老干部活动中心党支部") == ["第一项内容", "**县老干部活动中心党支部"]
