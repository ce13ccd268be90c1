"""Normalisation: layout repair (page joins, hard breaks, spacing), residue, search form.

Fixture strings are written for these tests; the seed expectations are at the end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.layout import repair_layout
from ingest.lines import duplicate_at_join, fix_spacing
from ingest.normalize import normalize_document_text, search_form, strip_residue

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def seed(prefix: str) -> str:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def paras(text: str) -> list[str]:
    return repair_layout(text).split("\n")


# --- spacing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("王 小 明", "王小明"),
        ("李  强", "李强"),  # a spaced-out name on its own line
        ("从 2015 年到 2019 年，共 128 万名", "从2015年到2019年，共128万名"),
        ("（市委发〔2015〕7 号）", "（市委发〔2015〕7号）"),
        ("关于开展 “党员先锋”活动 的通知", "关于开展“党员先锋”活动的通知"),
        ("　　首行缩进的段落。", "首行缩进的段落。"),
    ],
)
def test_fix_spacing_glues_split_chinese(raw: str, expected: str) -> None:
    assert fix_spacing(raw) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "统计年份 2015 2019",  # two numbers stay apart
        "使用 WeChat Pay 支付",  # spaces next to Latin words stay
        "open source software",
        "姓名\t职务",  # table cells
        "单位名称    联系电话",  # aligned columns (a run of spaces on a long line)
    ],
)
def test_fix_spacing_keeps_real_separators(kept: str) -> None:
    assert fix_spacing(kept) == kept


def test_fix_spacing_does_not_merge_two_numbers() -> None:
    assert fix_spacing("从 1997 年到 2006 年") == "从1997年到2006年"
    assert fix_spacing("1997 2006") == "1997 2006"
    assert fix_spacing("离休 12 15 人") == "离休 12 15 人"  # a row of numbers keeps its spacing


# --- page joins ----------------------------------------------------------------------------------


def test_join_word_cut_at_page_end() -> None:
    text = "各单位要高度重视，切实加强组织领导，认真抓好落\n\n实，确保取得实效。"
    assert paras(text) == ["各单位要高度重视，切实加强组织领导，认真抓好落实，确保取得实效。"]


def test_join_after_short_first_piece_with_comma() -> None:
    # the first line of a paragraph was the last line of a page: short, but it holds a comma
    text = "一、总体目标\n\n推进这项工作，要坚\n\n持问题导向、目标导向，做到有的放矢。"
    assert paras(text) == ["一、总体目标", "推进这项工作，要坚持问题导向、目标导向，做到有的放矢。"]


def test_join_unpunctuated_piece_when_a_word_is_cut() -> None:
    assert paras("离退休干部党支部按期开展换届选举工作的有关要\n\n求落实到位。") == [
        "离退休干部党支部按期开展换届选举工作的有关要求落实到位。"
    ]


def test_repeated_character_across_join_is_dropped() -> None:
    text = "各单位要认真学习，不断加强理论武装，筑牢思想根\n\n根基，推动工作。"
    assert paras(text) == ["各单位要认真学习，不断加强理论武装，筑牢思想根基，推动工作。"]


def test_repeated_character_before_word_is_dropped() -> None:
    text = "各级党组织要切实加\n\n加强对老同志的关心照顾，把工作做细。"
    assert paras(text) == ["各级党组织要切实加强对老同志的关心照顾，把工作做细。"]


@pytest.mark.parametrize(
    ("left", "right", "word"),
    [
        ("各级党组织要经常深入群众，常", "常听取意见建议。", "常常听取"),
        ("营造良好氛围，形成人", "人参与、人人共享的局面。", "形成人人参与"),
        ("这些老同志，个", "个都是行家里手。", "个个都是"),
        ("各项工作要持续用力、久", "久为功，抓出成效。", "久久为功"),
        ("把党建工作任务层", "层压实到基层支部。", "层层压实"),
    ],
)
def test_real_reduplication_across_join_is_kept(left: str, right: str, word: str) -> None:
    joined = paras(f"{left}\n\n{right}")
    assert len(joined) == 1
    assert word in joined[0]


def test_duplicate_scoring_directly() -> None:
    assert duplicate_at_join("坚定理想信念", "念，在学思践悟中")
    assert not duplicate_at_join("经常深入群众，常", "常听取意见")
    assert not duplicate_at_join("各", "个领域")  # different characters: never a duplicate


def test_duplicate_in_traditional_text() -> None:
    text = "引導老同志堅定理想信念\n\n念，在學思踐悟中牢記初心使命。"
    assert paras("要在常學常新中，" + text) == [
        "要在常學常新中，引導老同志堅定理想信念，在學思踐悟中牢記初心使命。"
    ]


def test_numbered_heading_wrapped_onto_short_line_is_joined() -> None:
    text = "（二）关于进一步加强基层党组织建设工作的若干\n\n具体措施\n\n各地要结合实际，制定具体办法。"
    assert paras(text) == [
        "（二）关于进一步加强基层党组织建设工作的若干具体措施",
        "各地要结合实际，制定具体办法。",
    ]


def test_soft_line_break_in_blank_line_text_is_joined() -> None:
    text = "在全市工作会议上的讲话\n\n——在全市离退休干部工作会议\n暨表彰大会上的讲话\n\n同志们：\n\n今天召开会议，主要任务是总结工作。"
    assert paras(text)[1] == "——在全市离退休干部工作会议暨表彰大会上的讲话"


def test_single_newline_text_with_page_cut() -> None:
    text = "一、工作目标\n到年底，全面完成支部规范化建设任务，做到组织健全、制度完\n善、活动经常。\n二、主要措施\n1.加强学习。组织党员定期学习。"
    assert paras(text) == [
        "一、工作目标",
        "到年底，全面完成支部规范化建设任务，做到组织健全、制度完善、活动经常。",
        "二、主要措施",
        "1.加强学习。组织党员定期学习。",
    ]


def test_hard_wrapped_text_is_reflowed() -> None:
    lines = [
        "为把离退休干部党建工作抓细抓实，让离退休干部党组织更好地团",
        "结和带领老同志，使离退休干部党员在各自岗位上继续发光发热，",
        "也让组织的温暖时时围绕着他们，现就有关事项通知如下。",
        "一、提高思想认识",
        "各级党组织要把离退休干部党建摆到突出位置，与在职党员的党建",
        "工作一起谋划、一起检查，每年至少专题研究一次，及时解决遇到",
        "的难题，确保每项工作有人抓、有人管，真正做到责任落实到人到",
        "岗。",
        "二、完善组织设置",
        "按照便于管理教育、便于开展活动、便于老同志发挥作用的思路，",
        "科学设置党组织，因地制宜建立离退休干部党支部和党小组，确",
        "保离退休干部党员都能参加正常的组织生活。",
    ]
    out = paras("\n".join(lines))
    assert out[0].startswith("为把离退休") and out[0].endswith("现就有关事项通知如下。")
    assert out[1] == "一、提高思想认识"
    assert out[2].endswith("真正做到责任落实到人到岗。")
    assert out[3] == "二、完善组织设置"
    assert out[4].startswith("按照便于管理") and out[4].endswith("组织生活。")
    assert len(out) == 5


def test_page_number_lines_and_form_feeds_are_page_breaks() -> None:
    text = "各单位要按照要求，认真组织开\n\n— 3 —\n\n展自查自纠工作。\f下一页的新段落开始了。"
    assert paras(text) == ["各单位要按照要求，认真组织开展自查自纠工作。", "下一页的新段落开始了。"]


# --- negative cases: real breaks stay --------------------------------------------------------------


def test_break_after_sentence_end_stays() -> None:
    text = "各单位要认真组织学习。\n\n要把学习成果转化为工作动力，推动发展。"
    assert len(paras(text)) == 2


def test_break_after_quote_that_ends_a_sentence_stays() -> None:
    text = "他强调：“要把老同志组织起来。”\n\n下面我讲三点意见，供大家参考。"
    assert len(paras(text)) == 2


def test_heading_followed_by_body_stays_separate() -> None:
    text = "二、主要内容\n\n开展党建品牌创建，要坚持组织推动、党员带动。"
    assert paras(text) == ["二、主要内容", "开展党建品牌创建，要坚持组织推动、党员带动。"]


def test_numbered_heading_with_commas_followed_by_body_stays_separate() -> None:
    text = "三、坚持服务创新，提高服务管理水平，为老干部工作提供保障\n\n疫情给老干部生活带来不少困难，我们迅速行动。"
    assert len(paras(text)) == 2


def test_short_title_lines_stay_separate() -> None:
    text = (
        "凝聚银发力量 服务发展大局\n\n推动离退休干部工作高质量发展\n\n中共某某市委老干部局\n\n"
        "近年来，我们坚持以党建为引领，扎实推进各项工作。"
    )
    out = paras(text)
    assert out == [
        "凝聚银发力量服务发展大局",
        "推动离退休干部工作高质量发展",
        "中共某某市委老干部局",
        "近年来，我们坚持以党建为引领，扎实推进各项工作。",
    ]


def test_title_with_comma_is_not_joined_into_author_line() -> None:
    text = "抓党建，促发展\n\n中共某某县委组织部\n\n今年以来，我县扎实推进离退休干部党建工作。"
    assert len(paras(text)) == 3


def test_title_is_not_joined_into_salutation_or_body() -> None:
    text = "关于加强离退休干部党支部建设的通知\n\n各区县委组织部：\n\n现将有关事项通知如下。"
    assert len(paras(text)) == 3


def test_next_numbered_item_is_never_joined() -> None:
    text = "（一）加强组织领导，明确责任分工\n\n（二）完善工作机制，强化督促检查\n\n1.建立台账\n\n2．定期调度"
    assert len(paras(text)) == 4


def test_date_and_signature_lines_stay() -> None:
    text = "特此通知。\n\n中共某某市委老干部局\n\n2021年3月5日\n\n（此件公开发布）"
    assert paras(text) == ["特此通知。", "中共某某市委老干部局", "2021年3月5日", "（此件公开发布）"]


def test_table_rows_are_not_joined() -> None:
    text = "姓名\t职务\n张某\t书记\n\n说明如下，请各单位核对。"
    assert paras(text)[:2] == ["姓名\t职务", "张某\t书记"]


def test_paragraph_mode_never_joins() -> None:
    text = "各单位要认真组织，切实加\n\n强领导。"
    assert repair_layout(text, line_breaks="paragraph").split("\n") == [
        "各单位要认真组织，切实加",
        "强领导。",
    ]


def test_blank_lines_collapse_to_one_paragraph_per_line() -> None:
    text = "\n\n\n第一段。\n\n\n\n第二段。\n\n"
    assert repair_layout(text) == "第一段。\n第二段。"


# --- residue -------------------------------------------------------------------------------------


def test_web_residue() -> None:
    text = (
        "来源：某某市老干部局\n发布时间：2021-03-05 浏览次数：128\n【字体：大 中 小】\n"
        "正文第一段。\n正文第二段。\n分享到:\n打印本页 关闭窗口\n相关文章:\n某某县召开老干部座谈会\n某某区开展重阳节慰问活动"
    )
    body, residue = strip_residue(text)
    assert body == "正文第一段。\n正文第二段。"
    assert "来源：某某市老干部局" in residue["web"]
    assert "某某区开展重阳节慰问活动" in residue["web"]
    assert set(residue) == {"web"}


def test_traditional_web_residue() -> None:
    body, residue = strip_residue("正文。\n分享到:\n相關文章:")
    assert body == "正文。"
    assert residue == {"web": ["分享到:", "相關文章:"]}


def test_distribution_editor_contact_print_run_marking() -> None:
    text = (
        "内部资料\n注意保存\n正文内容。\n报：市委常委；\n市委办公室、市政府办公室，市\n纪委监委驻市委组织部纪检监察组。\n"
        "送：各区县委组织部部长。\n抄送：市直各单位。\n责任编辑：王某 **编辑：**李某 **联系电话：**010-12345678\n"
        "联系人：赵某\n（共印 120 份）"
    )
    body, residue = strip_residue(text)
    assert body == "正文内容。"
    assert residue["marking"] == ["内部资料", "注意保存"]
    assert (
        residue["distribution"][0]
        == "报：市委常委；市委办公室、市政府办公室，市纪委监委驻市委组织部纪检监察组。"
    )
    assert len(residue["distribution"]) == 3
    assert residue["editor"] == ["责任编辑：王某", "编辑：李某"]
    assert residue["contact"] == ["联系电话：010-12345678", "联系人：赵某"]
    assert residue["print_run"] == ["（共印 120 份）"]


def test_print_run_after_printing_line_keeps_the_printing_line() -> None:
    body, residue = strip_residue("正文。\n中共某某市委老干部局办公室 2021年3月8日印发（共印80份）")
    assert body == "正文。\n中共某某市委老干部局办公室 2021年3月8日印发"
    assert residue == {"print_run": ["（共印80份）"]}


def test_secret_marks() -> None:
    body, residue = strip_residue("秘密★1年\n正文。")
    assert body == "正文。" and residue == {"marking": ["秘密★1年"]}


@pytest.mark.parametrize(
    "sentence",
    [
        "各单位要公布联系电话，方便老同志反映问题。",
        "要把好经验好做法分享到各个支部。",
        "这些内部资料要注意保存，不得遗失。",
        "会议要求报送材料，送达各单位。",
        "党员人数共印象深刻的是那次活动。",
        "来源：各级财政按规定安排的工作经费，要专款专用，不得挪作他用，确保老干部活动正常开展。",
    ],
)
def test_body_sentences_mentioning_residue_words_stay(sentence: str) -> None:
    body, residue = strip_residue(f"第一段。\n{sentence}\n最后一段。")
    assert sentence in body.split("\n")
    assert residue == {}


def test_distribution_continuation_stops_at_printing_line() -> None:
    text = "正文。\n抄送：市委办公室，市政府办公室\n中共某某市委老干部局办公室 2021年3月8日印发"
    body, residue = strip_residue(text)
    assert "印发" in body
    assert residue["distribution"] == ["抄送：市委办公室，市政府办公室"]


# --- composition and search form -------------------------------------------------------------------


def test_normalize_document_text_composes_repair_and_residue() -> None:
    text = "\n内部资料\n\n各单位要认真组织，切实加\n\n加强领导。   \n\n分享到:\n"
    body, residue = normalize_document_text(text)
    assert body == "各单位要认真组织，切实加强领导。"
    assert residue == {"marking": ["内部资料"], "web": ["分享到:"]}


def test_search_form_converts_only_traditional() -> None:
    assert search_form("離退休幹部黨建工作", "traditional") == "离退休干部党建工作"
    assert search_form("显著提高", "simplified") == "显著提高"
    assert search_form("（一）ＡＢＣ１２３", "simplified") == "(一)ABC123"


# --- seeds -----------------------------------------------------------------------------------------


def test_seed_000_page_joins() -> None:
    body, _ = normalize_document_text(seed("000"))
    assert "要坚持组织推动" in body
    assert "坚定理想信念，在学思践悟中" in body
    assert "信念念" not in body
    assert "要加大对好经验" in body
    assert "要加加大" not in body
    assert "为事业发展点赞喝彩" in body
    assert "常学常新" in body  # a real doubling nearby is untouched
    # a real paragraph break stays: the heading and its first paragraph are two lines
    lines = body.split("\n")
    assert "二、主要内容" in lines
    assert "关于开展“支部力量·红枫行动”党建品牌创建活动的实施意见" in lines


def test_seed_004_page_joins() -> None:
    body, _ = normalize_document_text(seed("004"))
    assert "工作补贴按“每月不低于300元的标准统筹使用”" in body
    assert "或与相近单位联合设立" in body
    assert "（简称“1335”离退休干部党建工作机制）" in body
    assert "建立健全党内关爱机制" in body
    assert "中共福州市委离退休干部工作委员会关于推进“1335”离退休干部党建工作机制的通知" in body.split("\n")
    assert "2018年2月26日印发" in body.split("\n")


def test_seed_001_spacing_joins_and_residue() -> None:
    body, residue = normalize_document_text(seed("001"))
    lines = body.split("\n")
    assert "刘文生" in lines and "张克" in lines
    assert "从1997年到2006年" in body
    assert "组通字〔1997〕10号" in body
    assert "全省党员总数346万名" in body
    assert "(一) 离退休干部党建是从建立干部离退休制度开始逐步发展的" in lines
    assert "三、以开展活动为载体，加强党的凝聚力，提升老同志晚年生活品质" in lines
    assert "——在全省老干部系统党建工作能力提升班暨工作推进会开班仪式上的讲话" in lines
    # bulletin article titles and author units stay on lines of their own
    assert "立足新形势探索新举措" in lines and "全面提升离退休干部党建工作水平" in lines
    assert "中共盘锦市委老干部局" in lines
    assert residue["marking"] == ["内部资料", "注意保存"]
    assert len(residue["distribution"]) == 3
    assert residue["print_run"] == ["共印340份"]
    assert residue["contact"] == ["联系电话：024—86214322"]
    for word in ("内部资料", "责任编辑", "共印", "报：省委常委"):
        assert word not in body


def test_seed_002_traditional_web_residue() -> None:
    body, residue = normalize_document_text(seed("002"))
    assert residue == {"web": ["分享到:", "相關文章:"]}
    assert body.split("\n")[0] == "三年三大主題,棗莊市離退休幹部黨建工作這麼幹!"
    assert "分享" not in body


def test_seed_003_single_newline_document_is_unchanged_in_structure() -> None:
    raw = seed("003")
    body, residue = normalize_document_text(raw)
    assert body.split("\n") == [line for line in raw.split("\n") if line.strip()]
    assert residue == {}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_output_shape(prefix: str) -> None:
    body, _ = normalize_document_text(seed(prefix))
    assert "\n\n" not in body
    assert body == body.strip()
    assert all(line == line.strip() for line in body.split("\n"))
    # idempotent: normalising the display text again changes nothing
    assert normalize_document_text(body)[0] == body


def test_a_caption_ending_with_its_photographer_is_not_joined_to_the_next_paragraph() -> None:
    text = (
        "老同志宣讲引来一阵掌声。王小河 摄\n\n\n\n"
        "银河新媒体青松11月18日讯（记者张大山）连日来，四位老人走村串户宣讲，深受群众欢迎，大家纷纷点赞。\n\n"
        "乡亲们对记者说，这四位老人讲得实在，大家都爱听。\n"
    )
    lines = repair_layout(text).split("\n")
    assert lines[0] == "老同志宣讲引来一阵掌声。王小河摄"  # the spacing repair closes the gap

    assert lines[1].startswith("银河新媒体青松11月18日讯")


def test_a_caption_ending_with_its_photographer_and_outlet_stays_apart_from_the_headline() -> None:
    from ingest.pipeline import read_bytes

    text = (  # the outlet ends with a city and the headline opens with 市委: 杭州市 across the break
        "▲2月4日下午,市委、市政府召开2031年老干部迎春座谈会。记者 张三 摄/视觉杭州\n"
        "市委市政府召开2031年老干部迎春座谈会\n"
        "张三主持并讲话 李四通报情况 王五出席\n"
        "新春佳节将至。2月4日下午,市委、市政府召开2031年老干部迎春座谈会,通报工作情况、听取意见建议。\n"
        "市委书记张三主持会议并讲话。市委副书记、市长李四通报全市经济社会发展情况。\n"
    )
    assert read_bytes("p.txt", text.encode("utf-8"))[0].title == "市委市政府召开2031年老干部迎春座谈会"


def test_a_break_before_every_punctuation_mark_is_joined() -> None:
    text = "青松县关工委会议召开\n\n9月27日下午\n,全县关工委会议召开\n。县关工委主任出席会议\n。\n会议强调\n,关心下一代责任重大\n;要立足当前\n。\n"
    assert repair_layout(text).split("\n") == [
        "青松县关工委会议召开",
        "9月27日下午,全县关工委会议召开。县关工委主任出席会议。",
        "会议强调,关心下一代责任重大;要立足当前。",
    ]


def test_a_headline_over_its_writers_line_is_not_a_wrapped_line() -> None:
    # paragraphs apart by blank lines, but the headline and the writer's handle (or the page's time
    # stamp) under it only by a single break: at the page's head that break is a line of its own
    text = (
        "青松县老干部局开展支部规范化建设观摩活动\n"
        "晚霞红2088\n\n"
        "5月10日，青松县老干部局组织各离退休干部党支部书记观摩交流。\n\n"
        "大家一致表示，要把好经验带回支部。\n\n"
        "观摩结束后召开了座谈会。\n"
    )
    lines = repair_layout(text).split("\n")
    assert lines[:2] == ["青松县老干部局开展支部规范化建设观摩活动", "晚霞红2088"]


def test_a_wrapped_line_in_a_blank_separated_body_is_still_joined() -> None:
    text = (
        "青松县老干部局开展支部观摩活动\n\n"
        "5月10日，青松县老干部局组织各离退休干部\n党支部书记观摩交流。\n\n"
        "大家一致表示，要把好经验带回支部。\n"
    )
    lines = repair_layout(text).split("\n")
    assert lines[1] == "5月10日，青松县老干部局组织各离退休干部党支部书记观摩交流。"


def test_a_time_stamp_with_full_width_colons_reads_as_a_time_stamp() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "2024-03-05 10：20：33 | 青松新闻网\n"
        "来源: 青松日报\n\n"
        "青松县老干部局召开支部书记座谈会\n\n"
        "3月4日，青松县老干部局召开离退休干部党支部书记座谈会，交流支部工作经验。\n\n"
        "会议要求，各支部要把学习成果转化为实际行动。\n"
    )
    doc = read_bytes("t.txt", text.encode("utf-8"))[0]
    assert doc.title == "青松县老干部局召开支部书记座谈会"
    assert doc.date == "2024-03-05"
    assert normalize_document_text("比分3：2，第10：30条")[0] == "比分3：2，第10：30条"  # no clock


def test_a_document_sites_upload_notice_is_residue() -> None:
    text = "说明:此文档由用户提供并上传,侵权请举报\n\n某某制度\n\n第一条 为规范管理，制定本制度。\n"
    display, residue = normalize_document_text(text)
    assert "用户提供并上传" not in display
    assert any("用户提供并上传" in item for items in residue.values() for item in items)


def test_a_journal_reposts_stamp_line_and_issue_line_stay_apart() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "退休人员社会化管理再推进的几点建议\n\n"
        "2030-12-12 06:11王小田赵大雷\n"
        "青山经贸导刊 2030年33期\n"
        "关键词:街道社区\n\n"
        "张三 李四\n\n"
        "退休人员社会化管理改革已经推进多年，政策日益完善。\n\n"
        "一、改革历程\n\n社会化管理服务从养老金交由社会发放起步。\n"
    )
    doc = read_bytes("j.txt", text.encode("utf-8"))[0]
    assert doc.title == "退休人员社会化管理再推进的几点建议"
    assert doc.source_unit == "青山经贸导刊"
    assert doc.date == "2030-12-12"


def test_a_template_sites_pointer_to_its_search_box_is_residue() -> None:
    text = "离退休党员管理制度\n\n今天小编为大家挑选了有关制度，供大家阅读，更多内容可以运用本站顶部的搜索功能。\n\n第一条 为规范管理，制定本制度。\n"
    display, _residue = normalize_document_text(text)
    assert "搜索功能" not in display


def test_a_medium_s_dateline_after_a_caption_starts_a_paragraph() -> None:
    text = (
        "青松县中医院举行退休职工新春联谊会\n\n我能想到最浪漫的事就是和老友相见\n"
        "青山信息報訊(記者 張三 通訊員 李四)“我們也曾青春年少，你們也會慢慢變老。”1月15日，青松縣中醫院召開座談會。\n\n"
        "大家很高興。\n\n會議結束。\n"
    )
    lines = repair_layout(text).split("\n")
    assert lines[1] == "我能想到最浪漫的事就是和老友相见"
    assert lines[2].startswith("青山信息報訊")


def test_a_traditional_datelines_day_dates_the_page() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "青松區民政局成立“銀齡行動”志愿服務團隊 吸納92名志愿者\n"
        "中新網青松5月21日電 (張三 李四)青松區民政局20日舉行“銀齡行動”志愿服務團隊成立儀式,2030年共吸納92名退休人員。\n\n"
        "團隊主要開展經驗傳承、公益服務等志愿服務。\n"
    )
    doc = read_bytes("d.txt", text.encode("utf-8"))[0]
    assert doc.source_unit == "中新网"
    assert doc.date == "2030-05-21"


def test_a_captions_photographer_credit_is_residue_and_its_words_stay() -> None:
    text = (
        "青山局召开离退休干部情况通报会\n\n会上，局长通报了全年工作情况。\n\n"
        "青山局召开离退休干部全年情况通报会摄影:王小河\n\n局领导一行前往老同志家走访慰问。摄影：李大山\n\n大家纷纷表示感谢。\n"
    )
    display, residue = normalize_document_text(text)
    assert "摄影" not in display
    assert "青山局召开离退休干部全年情况通报会" in display and "前往老同志家走访慰问。" in display
    assert any("王小河" in item for item in residue.get("byline", []))


def test_a_dateline_and_the_reporters_credit_after_it_are_both_residue() -> None:
    text = (
        "全市140余位老干部党支部书记回炉充电\n\n"
        "青山日报融媒体4月25日讯(记者张三通讯员李四王五)“这一次的培训非常及时。”参加培训的老支部书记说。\n\n"
        "培训班以多种形式开展。\n"
    )
    display, residue = normalize_document_text(text)
    assert display.split("\n")[1].startswith("“这一次的培训")
    assert len(residue["byline"]) == 2
    lead = "（通讯员王小河）6月15日，青松县侨办组织侨界老干部到教育基地参观学习，重温入党誓词。"
    assert normalize_document_text("标题\n\n" + lead + "\n")[0].split("\n")[-1].startswith("6月15日")


def test_a_closing_time_and_source_note_with_any_source_label_is_residue() -> None:
    for label in ("来源", "信息来源", "文章来源"):
        text = f"青松市老干所办书画展\n\n老同志们纷纷表示受到教育。\n\n(时间:2030-10-16 {label}：青山日报)\n"
        display, _residue = normalize_document_text(text)
        assert "青山日报" not in display, label


def test_a_related_links_list_above_the_story_stops_at_its_headline() -> None:
    text = (
        "相关新闻\n· 青山市召开老干部工作会议\n· 某区开展重阳节敬老活动\n\n"
        "青松县老干部局召开支部书记座谈会\n发布时间：2030-03-05 来源：青松县委老干部局\n\n"
        "3月4日，青松县老干部局召开离退休干部党支部书记座谈会。\n"
    )
    display, residue = normalize_document_text(text)
    assert display.split("\n")[0] == "青松县老干部局召开支部书记座谈会"
    assert "青山市召开老干部工作会议" in " ".join(residue["web"])


@pytest.mark.parametrize(
    "below",
    [
        "3月4日，青松县老干部局召开离退休干部党支部书记座谈会，交流支部工作经验和做法。",  # the story
        "阅览：128 日期：2030-03-05",  # a counter and date line
        "2030年03月05日",  # a bare date
    ],
)
def test_a_related_links_list_above_a_headline_without_a_meta_line_stops_at_it(below: str) -> None:
    text = (
        "相关新闻\n青山市召开老干部工作会议\n某区开展重阳节敬老活动\n"
        f"青松县老干部局召开支部书记座谈会\n{below}\n"
        "会议要求，各支部要把学习成果转化为实际行动，推动工作落实落地见效。\n"
    )
    display, residue = normalize_document_text(text)
    assert display.split("\n")[0] == "青松县老干部局召开支部书记座谈会"
    assert "某区开展重阳节敬老活动" in " ".join(residue["web"])


def test_a_related_links_list_keeps_the_page_head_open_so_the_headline_stays_a_line() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "相关新闻\n· 青山市召开老干部工作会议\n· 某区开展重阳节敬老活动\n"
        "探索“三报到”办法，让离退休干部党建走进基层治理\n"
        "针对部分离退休干部党员组织关系在原单位、居住在社区的实际，青松县搭建了属地管理架构，"
        "推出“三报到”管理模式。\n一是在职党员干部退休后，及时到社区报到。\n"
    )
    doc = read_bytes("p.txt", text.encode("utf-8"))[0]
    assert doc.title == "探索“三报到”办法，让离退休干部党建走进基层治理"


def test_a_related_links_list_ends_above_a_headline_with_a_subtitle() -> None:
    text = (
        "相关新闻\n青山市召开老干部工作会议\n某区开展重阳节敬老活动\n"
        "心中党旗艳如霞\n——青松县离退休干部党支部建设纪事\n"
        "近年来，青松县委老干部局坚持把支部建设作为基础工程来抓，成效明显，受到老同志好评。\n"
    )
    display, _residue = normalize_document_text(text)
    assert display.split("\n")[0] == "心中党旗艳如霞"


def test_a_related_links_list_ends_above_a_headline_with_its_writers_name_under_it() -> None:
    text = (
        "相关新闻\n\n青山市召开老干部工作会议\n\n某区开展重阳节敬老活动\n\n"
        "青松县：抓实离退休干部工作 赋能社区发展治理\n\n 张三\n\n"
        "3月4日，青松县老干部局召开离退休干部党支部书记座谈会，各支部书记交流了支部工作的经验和做法。\n\n"
        "会议要求，各支部要把学习成果转化为实际行动。\n"
    )
    display, _residue = normalize_document_text(text)
    assert display.split("\n")[0] == "青松县：抓实离退休干部工作赋能社区发展治理"


def test_a_short_page_ending_with_a_related_links_menu_keeps_it_all_out_of_the_text() -> None:
    text = (
        "青松县老干部书画联展开幕\n"
        "6月22日，青松县老干部书画联展开幕，展出作品一百余幅，吸引众多市民观展。\n"
        "相关链接\n频道精选\n重要新闻\n时政\n民生\n教育\n"
    )
    display, _residue = normalize_document_text(text)
    assert "频道精选" not in display and "民生" not in display


def test_a_first_line_set_apart_by_a_blank_line_is_not_joined_to_the_text() -> None:
    # list lines about as long as the headline make the text look hard-wrapped at that width
    text = (
        "青松区退休人员元旦春节慰问工作有序开展\n\n"
        "我区城区2031年元旦、春节慰问工作于1月正式拉开序幕。\n"
        "此次慰问的对象分五类，具体分类如下：\n"
        "第一类是生活不能自理的孤寡退休人员；\n"
        "第二类是孤寡特困重病的退休人员；\n"
        "第三类是局领导慰问的特殊退休人员；\n"
        "第四类是破产企业退休的转业干部；\n"
        "第五类是其他需要关心的退休人员。\n"
    )
    assert repair_layout(text).split("\n")[0] == "青松区退休人员元旦春节慰问工作有序开展"
    # below a site's banner lines too: the first line that is not furniture
    banner = "无障碍浏览 | 设为首页\n长者模式  繁体版\n"
    assert "青松区退休人员元旦春节慰问工作有序开展" in repair_layout(banner + text).split("\n")
    # further down, a blank line inside a sentence is a page join
    cut = "青松区退休人员工作总结\n一年来，我区认真落实各项\n\n政策，取得明显成效。\n"
    assert "认真落实各项政策" in repair_layout(cut)


def test_a_bulleted_related_list_above_a_wrapped_headline_takes_only_its_links() -> None:
    text = (
        "相关新闻\n· 青山市召开老干部工作会议\n· 某区开展重阳节敬老活动\n\n"
        "市委老干部局\n举办专(兼)职\n人员培训班\n"
        "11月17日至18日，市委老干部局举办了为期两天的全市老干部工作专(兼)职人员培训班。\n"
    )
    cleaned, residue = normalize_document_text(text)
    assert cleaned.startswith("市委老干部局")
    assert "青山市召开老干部工作会议" not in cleaned
    assert any("某区开展重阳节敬老活动" in x for x in residue["web"])


def test_a_headline_under_a_units_line_is_not_run_into_its_lead() -> None:
    lead = (
        "兔年春節來臨之際，青松縣各級關工委以各種形式開展送福活動，"
        + "老同志們揮毫潑墨，寫春聯、送福字。" * 3
    )
    text = "青松縣關工委\n“書寫新春、吉慶有餘”送福迎春活動\n" + lead + "\n活動受到居民歡迎。"
    assert repair_layout(text).split("\n")[1] == "“書寫新春、吉慶有餘”送福迎春活動"
    simplified = (
        "青松县关工委\n重阳敬老座谈会召开\n重阳节前夕，青松县关工委召开座谈会，"
        + "与会老同志畅谈发展变化。" * 4
    )
    assert repair_layout(simplified).split("\n")[1] == "重阳敬老座谈会召开"


@pytest.mark.parametrize(
    "lead",
    [
        "为进一步弘扬尊崇英雄的风尚，近几天，青松市走访慰问抗美援朝老战士。",
        "按照市委老干部局工作要求，青松县组织离退休干部开展重阳敬老活动。",
    ],
)
def test_a_purpose_or_mandate_lead_is_not_run_into_the_headline_above_it(lead: str) -> None:
    # (a headline with a colon in it: the join of a body line cut at a page end would otherwise apply)
    text = "文号 : |\n青松:走访慰问36名老战士\n" + lead + "每到一处，慰问组都与老人亲切交谈。" * 3
    assert repair_layout(text).split("\n")[1] == "青松:走访慰问36名老战士"


def test_a_lost_character_before_a_dateline_does_not_join_it_to_the_headline() -> None:
    text = "青松老同志参观红色教育基地\n?青松网5月6日讯??为弘扬革命传统，青松县老干部局组织老同志参观。\n"
    assert paras(text)[0] == "青松老同志参观红色教育基地"
    # a line that truly begins with a closing mark goes on from the line above
    assert paras("会议强调\n，要做好离退休干部工作。") == ["会议强调，要做好离退休干部工作。"]
