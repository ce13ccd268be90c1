"""Document types from titles and cues (ingest.doctypes, ingest/data/doc_types.tsv)."""

from __future__ import annotations

import pytest

from ingest.doctypes import classify, shows_commentary, type_from_cues, type_from_title
from ingest.pipeline import read_bytes


@pytest.mark.parametrize(
    ("title", "doc_type"),
    [
        ("试论加强检察机关老干部工作的思考", "理论文章"),  # an essay names itself by its first words
        ("浅谈新时代离退休干部党建工作", "理论文章"),
        ("关于加强国企离退休党员管理的思考", "理论文章"),
        ("关于进一步发挥老干部作用的调查与思考", "调研报告"),  # the longer suffix wins
        ("关于加强离退休干部文化养老的调研报告", "调研报告"),
        ("离退休干部座谈会上的讲话", "讲话"),
        ("老同志健步走", None),
    ],
)
def test_type_from_title(title: str, doc_type: str | None) -> None:
    assert type_from_title(title) == doc_type


@pytest.mark.parametrize(
    ("lines", "doc_type"),
    [
        (["部门简介", "离退休工作处是学校为退休教职工提供服务的职能部门。"], "制度"),
        (["离退休工作处主要职责包括", "1.传达上级有关老干部工作的方针政策。"], "制度"),
        (["其工作职责是: 一、学习传达上级精神；二、做好服务。"], "制度"),
        (["中图分类号:D632.2文献标识码:A", "老干部工作必须适应新时代。"], "理论文章"),
        # a duty named in a news story, a news site's summary label: no cue
        (["会上，组长重申了协作组的工作职责。"], None),
        (["摘要:市委老干部局召开离退休干部党支部书记座谈会"], None),
    ],
)
def test_type_from_cues(lines: list[str], doc_type: str | None) -> None:
    assert type_from_cues(lines) == doc_type


@pytest.mark.parametrize(
    ("lines", "doc_type"),
    [
        (["老干部工作信息 第 二 期", "白鹭省体育局离退休干部处 2007年3月14日"], "简报"),
        (["今天，我们召开老干部座谈会，主要目的是通报上半年情况。"], "讲话"),
        (["今天上午，市委老干部局召开座谈会。"], None),  # a news lead names who met
    ],
)
def test_bulletin_and_speech_cues(lines: list[str], doc_type: str | None) -> None:
    assert type_from_cues(lines) == doc_type


def test_a_page_without_a_head_is_typed_by_the_heading_it_is_shown_with() -> None:
    text = (
        "1、青山县离退休干部党建工作调研报告 今年初，县委组织部组成调研组，深入各单位开展调研。"
        "调研发现，离退休干部党组织建设总体良好，但仍存在活动阵地不足等问题。\n"
        "2、对策建议 一是加强阵地建设。二是完善活动机制。\n"
    )
    d = read_bytes("p.txt", text.encode("utf-8"))[0]
    assert d.doc_type == "调研报告"
    # a first sentence shown as the title names no type, whatever it ends with
    news = (
        "近日，市委老干部局印发《银发力量倡议书》，号召老同志积极参与文明创建。\n活动中，老同志们踊跃报名。\n"
    )
    assert read_bytes("q.txt", news.encode("utf-8"))[0].doc_type in ("新闻报道", "经验交流")


@pytest.mark.parametrize(
    "first",
    [
        "第一篇：在迎新春老干部座谈会上的讲话",
        "【篇一】在迎新春老干部座谈会上的讲话",
        "下面是小编给大家整理的讲话稿，仅供参考。",
    ],
)
def test_a_page_opening_as_a_compilation_is_one_whatever_its_pieces_are(first: str) -> None:
    assert classify("在迎新春老干部座谈会上的讲话", [first, "同志们：", "今天我们欢聚一堂。"]) == "汇编"
    assert classify("在迎新春老干部座谈会上的讲话", ["同志们：", "今天我们欢聚一堂。"]) == "讲话"


@pytest.mark.parametrize(
    ("title", "lines", "doc_type"),
    [
        ("加强企业离退休党员管理工作的几点思考", [], "理论文章"),
        ("关于老年大学办学体制的几个问题", [], "理论文章"),
        ("国有企业退休职工移交工作的实践与探索", [], "理论文章"),
        # a paper's byline (unit, place, postcode) and its keywords, under a title that names no type
        (None, ["张三", "青松电力有限公司白石供电分公司 青松省 白石市 123456", "一、问题的提出"], "理论文章"),
        (None, ["李四", "关键词:离退休党员;组织生活;服务管理", "离退休党员是党的宝贵财富。"], "理论文章"),
        # keywords in brackets without a colon, or with damaged separators
        (None, ["【关键词】离退休党员;组织生活;服务管理", "离退休党员是党的宝贵财富。"], "理论文章"),
        (None, ["关键词:高校 ? 离退休党员 ? 支部建设", "离退休党员是党的宝贵财富。"], "理论文章"),
        (None, ["关键词:重阳节 慰问 老干部", "摘要:市委老干部局召开座谈会。"], None),  # a news site's tags
        # a news site's 关键词 tags and 摘要 are no cue
        (None, ["关键词:重阳节 慰问", "摘要:市委老干部局召开座谈会。"], None),
    ],
)
def test_a_paper_is_typed_by_its_title_byline_or_keywords(
    title: str | None, lines: list[str], doc_type: str | None
) -> None:
    assert classify(title, lines) == doc_type


@pytest.mark.parametrize(
    ("lines", "doc_type"),
    [
        (["『壹』 青松区有哪些老年大学", "青松区的老年大学只有一所。", "『贰』 老年大学怎么报名"], "汇编"),
        (["XX年，在市委、市政府的正确领导下，全局老干部工作坚持以人为本，取得了新成效。"], "总结"),
        (["2023年，在县委的坚强领导下，我局扎实推进离退休干部工作。"], "总结"),
        (["在县委的坚强领导下，我局扎实推进离退休干部工作。"], None),
    ],
)
def test_a_question_and_answer_page_and_a_years_account(lines: list[str], doc_type: str | None) -> None:
    assert classify(None, lines) == doc_type


@pytest.mark.parametrize(
    ("title", "lines", "doc_type"),
    [
        (
            None,
            ["各市、县人民政府：", "为推进老年教育发展，经省政府同意，提出以下实施意见：", "一、总体要求"],
            "实施意见",
        ),
        (None, ["各单位：", "为加强离退休干部工作，现提出如下意见：", "一、总体要求"], "意见"),
        ("青松市关工委“五老”队伍基本情况的调查", [], "调研报告"),
    ],
)
def test_a_document_saying_what_it_is_and_a_survey(
    title: str | None, lines: list[str], doc_type: str
) -> None:
    assert classify(title, lines) == doc_type


def test_a_template_sites_collection_word_after_the_type_is_not_the_type() -> None:
    from ingest.doctypes import type_from_title

    assert type_from_title("某大学离退休工作处活动室管理制度汇篇") == "制度"
    assert type_from_title("离退休干部工作总结范文") == "总结"
    assert type_from_title("老干部工作计划大全") == "计划"


def test_a_notice_opening_on_a_salutation_is_a_notice_not_a_speech() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "各位离退休老同志：\n\n"
        "根据上级文件要求，经研究决定，6月份组织全体离退休人员参加读书会。现就有关事项通知如下：\n\n"
        "一、活动时间\n\n6月8日至12日。\n"
    )
    assert read_bytes("n.txt", text.encode("utf-8"))[0].doc_type == "通知"
    speech = "各位老领导、老同志：\n\n今天，我们召开座谈会，向大家通报一年来的工作。\n"
    assert read_bytes("s.txt", speech.encode("utf-8"))[0].doc_type == "讲话"


@pytest.mark.parametrize(
    ("title", "doc_type"),
    [
        ("某学院老年大学学员守则", "制度"),
        ("离退休活动室活动须知", "制度"),
        ("老干部科工作职责", "制度"),
    ],
)
def test_rules_for_members_and_users_are_typed(title: str, doc_type: str) -> None:
    from ingest.doctypes import type_from_title

    assert type_from_title(title) == doc_type


def test_a_reposted_journal_paper_is_a_theory_article() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "退休人员社会化管理再推进的几点建议\n\n2030-12-12 06:11王小田赵大雷\n青山经贸导刊 2030年33期\n\n"
        "退休人员社会化管理改革已经推进多年，政策日益完善。\n\n一、改革历程\n\n社会化管理从养老金交由社会发放起步。\n"
    )
    assert read_bytes("j.txt", text.encode("utf-8"))[0].doc_type == "理论文章"


def test_a_question_or_an_explainer_headline_is_other() -> None:
    from ingest.doctypes import type_from_title

    assert type_from_title("退休干部可以在社会团体中任职吗？") == "其他"
    assert type_from_title("公务员退休后兼职社团有啥规定?") == "其他"
    assert type_from_title("关于《某某工作实施办法》的政策解读") == "其他"
    assert type_from_title("????") is None  # a title lost to a wrong encoding asks nothing
    assert type_from_title("某某退休干部管理规定") == "规定"


def test_a_story_opening_with_a_run_of_long_questions_is_no_question_page() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "退休后如何继续发光发热？一技之长怎样才能用到街坊邻里最需要的地方？社区的难事怎样做得大家满意？\n"
        "近年来，青松区某社区以党建为引领，整合志愿力量，吸引居民广泛参与志愿服务活动。\n"
        "社区组建了老党员志愿服务队，开展义务理发、维修家电等服务。\n"
    )
    [doc, *_] = read_bytes("q.txt", text.encode("utf-8"))
    assert doc.doc_type != "其他"
    short = "退休干部在社会团体兼职有啥规定？\n退休干部在社会团体兼职，须按干部管理权限审批。\n"
    [doc, *_] = read_bytes("a.txt", short.encode("utf-8"))
    assert doc.doc_type == "其他"


def test_a_letter_greeting_in_its_own_voice_is_an_address() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "岁岁重阳喜，九九丹桂香。值此重阳节来临之际，谨向全市广大老年朋友们致以诚挚的问候和良好的祝愿！\n"
        "回首往昔，你们艰苦创业、无私奉献，为青松市建设发展作出了积极贡献。\n"
        "中共青松市委\n青松市人民政府\n2031年10月17日\n"
    )
    [doc, *_] = read_bytes("letter.txt", text.encode("utf-8"))
    assert doc.doc_type == "讲话"


def test_a_letter_is_an_address_unless_its_title_counts_its_pieces() -> None:
    assert type_from_title("致全市离退休老同志的慰问信") == "讲话"
    assert type_from_title("《重阳节给敬老院老人的慰问信(汇总4篇)》") == "汇编"


@pytest.mark.parametrize(
    ("lines", "commentary"),
    [
        (["青松网 > 青松时评 > 教育时评 > 正文"], True),  # a trail ending in the opinion column
        (["【新闻随笔】"], True),
        (["作者:李小河(媒体评论员)"], True),
        (["青松日报评论员:尊重老同志"], True),
        (["首页 国内 时评 党建 省情 文化"], False),  # a site menu that lists an opinion column
        (["记者 张小山 通讯员 李大河"], False),
    ],
)
def test_an_opinion_column_shows_in_its_trail_tag_or_byline(lines: list[str], commentary: bool) -> None:
    assert shows_commentary(lines) is commentary


def test_a_commentary_from_an_opinion_column_is_a_theory_article() -> None:
    text = (
        "青松网 > 青松时评 > 教育时评 > 正文\n"
        "银龄讲学既暖乡村又暖人心\n"
        "来源：青松晚报 2031-07-30 11:10\n"
        "日前，有关部门印发通知，招募退休教师到农村学校讲学。此举一举两得，值得点赞。\n"
        "退休教师经验丰富，乡村学校正缺好老师。\n"
    )
    d = read_bytes("c.txt", text.encode("utf-8"))[0]
    assert d.doc_type == "理论文章"


def test_a_text_opening_with_its_addressee_is_a_notice() -> None:
    assert type_from_cues(["各党(总)支部：", "2030年党员党费按规定收缴。1、收缴基数为每月工资。"]) == "通知"
    assert type_from_cues(["各县（市、区）委老干部局，市直各单位：", "现将有关事项通知如下。"]) == "通知"
    assert (
        type_from_cues(["各位老领导、老同志：", "金秋送爽，我们欢聚一堂。"]) != "通知"
    )  # a speech's greeting


def test_a_report_naming_who_spoke_is_not_the_speech() -> None:
    assert type_from_title("青松市第三届老年艺术节开幕，张三宣布开幕，李四致辞") is None
    assert type_from_title("青松市老干部迎春茶话会召开，王五出席并讲话") is None
    assert type_from_title("张三同志在青松市重阳节座谈会上的致辞") == "讲话"
    assert type_from_title("重阳节致辞") == "讲话"


def test_a_charter_and_a_competitions_rules_are_other_unless_a_notice_sends_them() -> None:
    assert type_from_title("青松县老年门球协会章程") == "其他"
    assert type_from_title("青松县第五届老年人运动会竞赛规程") == "其他"
    page = (
        "关于印发青松县第五届老年人门球赛竞赛规程的通知\n各乡镇老年体协：\n现将竞赛规程印发给你们，请认真组织参赛。\n"
        "青松县第五届老年人门球赛竞赛规程\n一、竞赛时间\n2030年10月10日。\n二、参赛单位\n各乡镇代表队。\n"
    )
    assert read_bytes("g.txt", page.encode("utf-8"))[0].doc_type == "通知"


def test_excerpts_of_what_many_said_are_a_compilation() -> None:
    assert type_from_title("青松市离退休干部观看大会感言摘录(三)") == "汇编"
    assert type_from_title("老同志来信摘编") == "汇编"
