"""Metadata extraction: pure functions on invented documents in the conventions of official documents,
plus the seed expectations of the issue (on the seed text with blank lines dropped, so these tests do
not depend on the normaliser; tests/ingest/test_structure.py runs the seeds through the full stage)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import doctypes
from ingest.header import red_header_issuers, split_title_prefix, unwrap_title
from ingest.metadata import (
    clean_org,
    clean_title,
    detect_masked_region,
    extract_metadata,
    is_org_name,
    merge_names,
    printed_line,
    split_lines,
)
from ingest.pipeline import read_bytes
from policykg.gazetteer import Gazetteer

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def _body_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


def _covered(md, text: str, needle: str) -> bool:
    """Is the line containing `needle` inside one of the skip spans?"""
    at = text.index(needle)
    return any(a <= at < b for a, b in md.skip_spans)


def test_printed_line() -> None:
    assert printed_line("中共鞍山市委老干部局办公室      2021年4月2日印发") == (
        "中共鞍山市委老干部局办公室",
        "2021-04-02",
    )
    assert printed_line("2021年4月2日印发") == (None, "2021-04-02")
    assert printed_line("2021年4月2日，全市印发了方案。") is None


# --- names and titles ---------------------------------------------------------------------


def test_clean_title_drops_spaces_between_cjk_keeps_latin() -> None:
    assert (
        clean_title("关于做好 2021 年 老干部 “春节” 慰问工作的通知")
        == "关于做好2021年老干部“春节”慰问工作的通知"
    )
    assert clean_title("关于推广 Party Building APP 的通知") == "关于推广Party Building APP的通知"
    # the seed-000 example of the issue
    assert (
        clean_title("关于开展 “支部力量·红枫行动”党建品牌创建 活动的实施意见")
        == "关于开展“支部力量·红枫行动”党建品牌创建活动的实施意见"
    )


def test_unwrap_title() -> None:
    assert unwrap_title("关于印发《鞍山市老干部工作要点》的通知") == "鞍山市老干部工作要点"
    assert (
        unwrap_title("关于转发《省委老干部局关于印发〈离退休干部党支部工作规则〉的通知》的通知")
        == "离退休干部党支部工作规则"
    )
    assert unwrap_title("关于做好老干部工作的通知") is None


def test_split_title_prefix() -> None:
    assert split_title_prefix("中共鞍山市委老干部局 关于开展“银发先锋”评选活动的通知") == (
        "中共鞍山市委老干部局",
        "关于开展“银发先锋”评选活动的通知",
    )
    assert split_title_prefix("关于开展评选活动的通知") == (None, "关于开展评选活动的通知")


def test_red_header_issuers() -> None:
    assert red_header_issuers("中共鞍山市委老干部局文件") == ["中共鞍山市委老干部局"]
    assert red_header_issuers("中共大连市委组织部 中共大连市委老干部局文件") == [
        "中共大连市委组织部",
        "中共大连市委老干部局",
    ]
    assert red_header_issuers("关于学习文件") is None


def test_org_names() -> None:
    assert is_org_name("铁岭某某（集团）有限责任公司老干部管理服务中心")
    assert is_org_name("中共本溪市平山区委组织部")
    assert is_org_name("青松市青少年宫") and is_org_name("青松市工人文化宫")  # a palace that is a unit
    assert not is_org_name("故宫")
    assert not is_org_name("抓好离退休干部党建的关键在组织部")
    assert not is_org_name("一、强化组织领导")
    assert clean_org("某某 (集团) 公司") == "某某（集团）公司"
    assert merge_names(["鞍山市委老干部局", "中共鞍山市委老干部局", "中共鞍山市委组织部"]) == [
        "中共鞍山市委老干部局",
        "中共鞍山市委组织部",
    ]


def test_split_lines_offsets() -> None:
    text = "  标题 \n\n正文一。\n"
    lines = split_lines(text)
    assert [ln.text for ln in lines] == ["标题", "正文一。"]
    assert all(text[ln.start : ln.end] == ln.text for ln in lines)


# --- types and years ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "doc_type"),
    [
        ("关于加强离退休干部党支部建设的实施意见", "实施意见"),
        ("关于加强离退休干部党支部建设的意见（试行）", "意见"),
        ("鞍山市2022年老干部工作要点", "工作要点"),
        ("在全市老干部工作会议上的总结讲话", "讲话"),
        ("在全市老干部工作会议上的发言", "讲话"),
        ("离退休干部党支部“银龄先锋”创建活动工作方案", "方案"),
        ("离退休干部党组织工作经费管理办法", "办法"),
        ("关于表彰先进离退休干部党支部的决定", "决定"),
        ("关于老干部工作情况的报告", "报告"),
        ("老干部工作简报", "简报"),
        ("凝聚银发力量服务基层治理", None),
        # a title that counts its pieces is a compilation, whatever type word precedes the count
        ("老干部党建工作调研报告(精选5篇)", "汇编"),
        ("重阳节老干部座谈会致辞7篇", "汇编"),
    ],
)
def test_type_from_title(title: str, doc_type: str | None) -> None:
    assert doctypes.type_from_title(title) == doc_type


def test_type_from_cues() -> None:
    assert doctypes.type_from_cues(["三年行动计划怎么干", "行动背景", "十项举措"]) == "方案"
    assert doctypes.type_from_cues(["凝心聚力", "同志们：", "今天我们开会。"]) == "讲话"
    assert doctypes.type_from_cues(["正文一。", "正文二。"]) is None
    # a formal document that lost its title line still says what it is
    assert doctypes.type_from_cues(["为规范老年活动室管理，根据有关规定，制定本办法。"]) == "办法"
    assert (
        doctypes.type_from_cues(
            ["各县区委老干部局：", "现将《青松市老干部工作要点》转发给你们，请认真贯彻。"]
        )
        == "通知"
    )
    assert doctypes.type_from_cues(["各支部：", "为做好重阳节工作，现就有关事项通知如下："]) == "通知"
    assert doctypes.type_from_cues(["2024年是关键之年。一年来，全县老干部工作部门坚持政治引领。"]) == "总结"
    assert doctypes.type_from_cues(["会议指出，一年来，全县老干部工作成效明显。"]) is None


def test_masked_region_is_never_guessed() -> None:
    ref = detect_masked_region("doc1", "**市2022年离退休干部工作要点", "")
    assert ref is not None and not ref.known and ref.code is None and ref.level == "city"
    assert ref.id == "region:unknown:doc1"
    bare = detect_masked_region("doc2", "县2024年老干部工作要点", "")
    assert bare is not None and bare.level == "county" and bare.code is None
    scoped = detect_masked_region("doc3", "老干部工作要点", "全县各单位要…，建设美丽新**。")
    assert scoped is not None and scoped.level == "county"
    assert detect_masked_region("doc4", "鞍山市老干部工作要点", "全市各单位要…。") is None


# --- whole documents ----------------------------------------------------------------------

NOTICE = """中共沈阳市委老干部局文件
沈老发［2021］ 12 号
关于印发《沈阳市离退休干部党支部“银龄先锋”
创建活动工作方案》的通知
各区、县（市）委老干部局，市直各单位老干部工作部门：
现将《沈阳市离退休干部党支部“银龄先锋”创建活动工作方案》印发给你们，望认真抓好落实。
中共沈阳市委老干部局
二〇二一年三月十五日
沈阳市离退休干部党支部“银龄先锋”创建活动工作方案
为进一步加强离退休干部党支部建设，制定本方案。
一、工作目标
到2022年底，全市离退休干部党支部全部达到规范化标准。
二、主要任务
（一）健全组织。党员人数3人以上的，单独建立党支部。
中共沈阳市委老干部局办公室
2021年3月16日印发
"""


def test_wrapper_notice(gaz: Gazetteer) -> None:
    md = extract_metadata(NOTICE, "n1", gazetteer=gaz)
    assert md.title == "沈阳市离退休干部党支部“银龄先锋”创建活动工作方案"
    assert md.wrapper_title == "关于印发《沈阳市离退休干部党支部“银龄先锋”创建活动工作方案》的通知"
    assert md.doc_no == "沈老发〔2021〕12号"
    assert md.issuers == ["中共沈阳市委老干部局"]
    assert md.date == "2021-03-15"
    assert (md.printed_by, md.printed_date) == ("中共沈阳市委老干部局办公室", "2021-03-16")
    assert md.doc_type == "方案"
    assert md.region is not None and md.region.name == "沈阳市" and md.region.path == ("辽宁省", "沈阳市")
    assert md.years == [2021]
    assert md.addressee == "各区、县（市）委老干部局，市直各单位老干部工作部门："
    assert md.warnings == []
    for line in (
        "中共沈阳市委老干部局文件",
        "沈老发",
        "创建活动工作方案》的通知",
        "二〇二一年",
        "沈阳市离退休干部党支部“银龄先锋”创建活动工作方案\n为",
        "2021年3月16日印发",
    ):
        assert _covered(md, NOTICE, line), line
    for line in ("现将《", "为进一步加强", "一、工作目标", "（一）健全组织"):
        assert not _covered(md, NOTICE, line), line


JOINT = """中共大连市委组织部 中共大连市委老干部局文件
大组通字(2019)7号
关于做好新时代离退休干部
党支部标准化建设的意见
各区市县委组织部、老干部局：
为深入贯彻落实中央有关要求，现就加强离退休干部党支部建设提出如下意见。
一、加强组织建设
党员人数较少的，可以建立联合党支部。
中共大连市委组织部　　中共大连市委老干部局
2019年5月8日
"""


def test_joint_document_with_wrapped_title(gaz: Gazetteer) -> None:
    md = extract_metadata(JOINT, "j1", gazetteer=gaz)
    assert md.title == "关于做好新时代离退休干部党支部标准化建设的意见"
    assert md.wrapper_title is None
    assert md.doc_no == "大组通字〔2019〕7号"
    assert md.issuers == ["中共大连市委组织部", "中共大连市委老干部局"]
    assert md.date == "2019-05-08"
    assert md.doc_type == "意见"
    assert md.region is not None and md.region.name == "大连市"


def test_issuer_prefix_on_the_title_line(gaz: Gazetteer) -> None:
    text = "中共鞍山市委老干部局 关于开展 离退休干部 “银发先锋”评选活动的通知\n各县（市）区委老干部局：\n经研究，决定开展评选活动。\n中共鞍山市委老干部局\n2022年4月1日\n"
    md = extract_metadata(text, "p1", gazetteer=gaz)
    assert md.title == "关于开展离退休干部“银发先锋”评选活动的通知"
    assert md.issuers == ["中共鞍山市委老干部局"]
    assert md.doc_type == "通知"
    assert md.region is not None and md.region.name == "鞍山市"


def test_standalone_speech(gaz: Gazetteer) -> None:
    text = (
        "凝心聚力 推动老干部工作高质量发展\n——在全市老干部工作会议上的讲话\n（2021年3月2日）\n王 建 国\n"
        "同志们：\n今天召开全市老干部工作会议，主要任务是总结工作。\n一、充分肯定成绩\n过去一年，工作取得新进展。\n"
    )
    md = extract_metadata(text, "s1", gazetteer=gaz)
    assert md.title == "凝心聚力推动老干部工作高质量发展——在全市老干部工作会议上的讲话"
    assert md.date == "2021-03-02"
    assert md.authors == ["王建国"]
    assert md.doc_type == "讲话"
    assert _covered(md, text, "同志们") and not _covered(md, text, "今天召开")


def test_region_from_doc_number_abbreviation(gaz: Gazetteer) -> None:
    text = "榕老〔2019〕2号\n关于做好老干部春节走访慰问工作的通知\n各单位：\n春节将至，请做好走访慰问工作。\n"
    md = extract_metadata(text, "a1", gazetteer=gaz)
    assert md.doc_no == "榕老〔2019〕2号"
    assert md.region is not None and md.region.name == "福州市"
    assert "未识别出发文机关" in md.warnings


def test_traditional_web_page(gaz: Gazetteer) -> None:
    text = (
        "三年行動,濰坊市老幹部工作這樣幹!\n行動背景\n深入貫徹落實有關要求。\n"
        "2021年目標:打基礎。\n2022年目標:促提升。\n2023年目標:見實效。\n十項舉措\n1.加強黨支部建設。\n"
    )
    md = extract_metadata(text, "t1", gazetteer=gaz)
    assert md.title == "三年行動,濰坊市老幹部工作這樣幹!"
    assert md.region is not None and md.region.name == "潍坊市"
    assert md.years == [2021, 2022, 2023]
    assert md.doc_type == "方案"
    assert "未识别出成文日期" in md.warnings


def test_masked_city_document(gaz: Gazetteer) -> None:
    text = "**市2022年离退休干部工作要点\n2022年，全市离退休干部工作要坚持稳中求进。\n1.加强政治建设。\n"
    md = extract_metadata(text, "m1", gazetteer=gaz)
    assert md.region is not None and not md.region.known and md.region.level == "city"
    assert md.region.code is None and md.region.id == "region:unknown:m1"
    assert md.doc_type == "工作要点" and md.years == [2022]


def test_empty_text() -> None:
    md = extract_metadata("", "e1", "simplified", gazetteer=None)
    assert md.title is None and md.warnings


# --- seeds (blank lines dropped; no normaliser needed) ---------------------------------------


def _seed(prefix: str) -> str:
    path = next(CORPUS.glob(f"{prefix}_*.txt"))
    return _body_lines(path.read_text(encoding="utf-8"))


def test_seed_000(gaz: Gazetteer) -> None:
    md = extract_metadata(_seed("000"), "000", gazetteer=gaz)
    assert md.title == "关于开展“支部力量·红枫行动”党建品牌创建活动的实施意见"
    assert md.wrapper_title == "关于印发《关于开展“支部力量·红枫行动”党建品牌创建活动的实施意见》的通知"
    assert md.doc_no == "辽老通字〔2020〕4号"
    assert md.issuers == ["中共辽宁省委老干部局"]
    assert md.date == "2020-02-25"
    assert md.doc_type == "实施意见"
    assert md.region is not None and md.region.name == "辽宁省"


def test_seed_002(gaz: Gazetteer) -> None:
    md = extract_metadata(_seed("002"), "002", gazetteer=gaz)
    assert md.region is not None and md.region.name == "枣庄市" and md.region.path == ("山东省", "枣庄市")
    assert md.years == [2020, 2021, 2022]
    assert md.doc_type == "方案"


def test_seed_003(gaz: Gazetteer) -> None:
    md = extract_metadata(_seed("003"), "003", gazetteer=gaz)
    assert md.title == "县2023年离退休干部党建工作要点"
    assert md.region is not None and not md.region.known and md.region.level == "county"
    assert md.region.code is None and md.region.id == "region:unknown:003"
    assert md.years == [2023]
    assert md.doc_type == "工作要点"


def test_seed_004(gaz: Gazetteer) -> None:
    md = extract_metadata(_seed("004"), "004", gazetteer=gaz)
    assert md.title == "关于推进“1335”离退休干部党建工作机制的通知"
    assert md.doc_no == "榕离退工委〔2018〕4号"
    assert md.issuers == ["中共福州市委离退休干部工作委员会"]
    assert md.date == "2018-01-30"
    assert (md.printed_by, md.printed_date) == ("中共福州市委老干部局办公室", "2018-02-26")
    assert md.doc_type == "通知"
    assert md.region is not None and md.region.name == "福州市" and md.region.path == ("福建省", "福州市")


# --- layouts the seeds do not show ----------------------------------------------------------


def test_issuer_line_above_a_plain_title(gaz: Gazetteer) -> None:
    text = "中共鞍山市委老干部局\n2022年离退休干部工作要点\n一、加强政治建设\n组织老同志开展学习。\n"
    md = extract_metadata(text, "u1", gazetteer=gaz)
    assert md.issuers == ["中共鞍山市委老干部局"]
    assert md.title == "2022年离退休干部工作要点"
    assert (md.doc_type, md.years) == ("工作要点", [2022])
    assert md.region is not None and md.region.name == "鞍山市"


def test_unit_and_date_under_the_title(gaz: Gazetteer) -> None:
    text = "鞍山市离退休干部党支部工作规则\n（中共鞍山市委老干部局 2022年3月1日）\n第一条 为规范支部工作，制定本规则。\n"
    md = extract_metadata(text, "u2", gazetteer=gaz)
    assert md.issuers == ["中共鞍山市委老干部局"] and md.date == "2022-03-01"
    assert md.doc_type == "规则"
    assert _covered(md, text, "（中共鞍山市委老干部局") and not _covered(md, text, "第一条")


def test_web_meta_lines(gaz: Gazetteer) -> None:
    text = "鞍山市老干部工作综述\n发布时间：2022-03-08  来源：鞍山市委老干部局\n今年以来，全市老干部工作稳步推进。\n"
    md = extract_metadata(text, "w1", gazetteer=gaz)
    assert md.date == "2022-03-08"
    assert _covered(md, text, "发布时间") and not _covered(md, text, "今年以来")


def test_speaker_line_with_office() -> None:
    text = "在全市老干部工作会议上的讲话\n（2022年1月10日）\n市委老干部局局长 赵 刚\n同志们：\n今天开会。\n"
    md = extract_metadata(text, "k1", "simplified", gazetteer=None)
    assert md.authors == ["赵刚"]
    assert md.author_offices == {"赵刚": "市委老干部局局长"}
    assert (md.title, md.date, md.doc_type) == ("在全市老干部工作会议上的讲话", "2022-01-10", "讲话")


def test_a_speech_date_under_the_speakers_name_and_the_title_printed_again() -> None:
    text = (
        "李大明同志在2016年重阳节敬老大会上的致辞\n\n李 大 明 同 志\n\n在2016年重阳节敬老大会上的致辞\n\n"
        "(2016年10月8日,下午3:30)\n\n尊敬的老领导、老干部们，同志们：\n\n又是一年重阳到。我代表县委、县政府，"
        "向各位老领导致以节日的祝贺！\n"
    )
    d = read_bytes("s.txt", text.encode("utf-8"))[0]
    assert d.title == "李大明同志在2016年重阳节敬老大会上的致辞"  # the headline stays the title
    assert d.date == "2016-10-08"
    assert d.doc_type == "讲话"
    assert not any("2016年10月8日" in c.text for c in d.clauses)


def test_a_sharing_sites_record_line_dates_the_document() -> None:
    text = (
        "关于离退休干部党建工作的调研报告\n\n2024-04-24 999+ 13.37KB 9 页 海报\n侵权投诉\n"
        "关于离退休干部党建工作的调研报告\n随着城镇化加速，离退休干部党员向社区流动，党建工作面临新情况。\n"
    )
    d = read_bytes("r.txt", text.encode("utf-8"))[0]
    assert d.date == "2024-04-24"
    assert not any("13.37KB" in c.text for c in d.clauses)


def test_a_templates_english_date_label_glued_before_the_text() -> None:
    text = (
        " date 2024-12-07 4日一大早，青山社区活动室里已是一派热闹景象。\n\n老党员们围坐一起，商议社区事务。\n"
    )
    d = read_bytes("d.txt", text.encode("utf-8"))[0]
    assert d.date == "2024-12-07"
    assert d.clauses[0].text.startswith("4日一大早")


def test_a_traditional_script_signature_names_its_issuer_as_printed() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "市政辦函〔2018〕99號\n\n各區、縣人民政府，市人民政府各工作部門：\n\n"
        "《青松市加快發展老年教育實施方案》已經市政府同意，現印發給你們，請認真貫徹執行。\n\n"
        "青松市人民政府辦公廳\n\n2018年11月22日\n\n青松市加快發展老年教育實施方案\n\n"
        "老年教育是教育事業和老齡事業的重要組成部分。\n\n一、總體要求\n\n（一）指導思想。堅持以人民為中心。\n"
    )
    d = read_bytes("t.txt", text.encode("utf-8"))[0]
    assert d.issuers == ["青松市人民政府辦公廳"]
    assert d.date == "2018-11-22"


def test_a_factory_a_mine_and_an_oilfield_are_units() -> None:
    from ingest.metadata import is_org_name

    assert is_org_name("青松公司营口卷烟厂")
    assert is_org_name("青松煤业白水煤矿")
    assert is_org_name("青松油田")
    assert not is_org_name("回到了工厂")


def test_a_sentence_opening_with_a_purpose_verb_is_no_unit() -> None:
    from ingest.metadata import is_org_name

    assert not is_org_name("立足于社区")
    assert not is_org_name("围绕中心工作局")
    assert is_org_name("青松区天目山街道")
    assert not is_org_name("更好发挥老科")  # 更好发挥老科协作用: a purpose, not a unit
    assert not is_org_name("传递学校")  # 为传承…，传递学校对老同志的关怀: a purpose clause


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("经作所", True),  # an institute by its short name
        ("青松西机务段", True),  # a railway depot
        ("市科协", True),  # an association by its short name
        ("青松老年体协", True),
        ("活动场所", False),  # words that end like one
        ("这一阶段", False),
        ("工作有所", False),
        ("相互妥协", False),
        ("青松县白水镇中心校", True),  # schools below a university
        ("白水中心小学", True),
        ("青松市长江支队历史研究会", True),  # associations
        ("青松市老促会", True),
        ("青松报业协会老年报分会", True),
        ("青松书画研究会第十届联谊会", False),  # a numbered session is an event, not a body
    ],
)
def test_short_names_of_institutes_depots_and_associations_are_units(name: str, unit: bool) -> None:
    assert is_org_name(name) is unit
