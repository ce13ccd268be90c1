"""Bulletin splitting by layout conventions: invented bulletins, negative cases and seed 001."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.compound import _unit_line, find_masthead, offices_from_toc, split_bulletin
from ingest.metadata import split_lines

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

BULLETIN = """内部资料
离退休干部工作简报
第3期（总第58期）
中共鞍山市委老干部局
2021年6月1日
目录
- 市委老干部局局长李明在全市老干部党建工作推进会上的讲话
- 经验交流材料3篇
在全市老干部党建工作推进会上的讲话
（2021年5月20日）
李 明
同志们：
今天我们召开推进会，主要任务是总结经验、部署工作。
一、充分肯定成绩
过去一年，全市离退休干部党建工作取得新进展。
凝聚银发力量 服务基层治理
中共鞍山市铁东区委老干部局
近年来，铁东区组织离退休党员就近参加社区活动，效果明显。
一是建立社区报到制度。离退休党员到社区报到率达到95%。
二是开展志愿服务。组建志愿服务队12支。
以品牌创建为抓手
推动支部规范化建设
中共海城市委组织部
海城市离退休干部党支部共有86个，我们坚持以品牌创建推动规范化建设。
（一）制定标准。出台支部建设标准10条。
（二）评选示范。每年评选示范支部10个。
守初心 育新人
鞍山师范学院离退休工作处
学院离退休工作处坚持把政治建设放在首位。
组织老同志参与关心下一代工作，效果良好。
报：市委常委
"""


def test_invented_bulletin_splits_into_speech_and_three_articles() -> None:
    b = split_bulletin(BULLETIN)
    assert b is not None
    assert b.title == "离退休干部工作简报 第3期（总第58期）"
    assert b.issuers == ["中共鞍山市委老干部局"]
    assert b.date == "2021-06-01"
    assert [ln.text for ln in b.toc] == [
        "- 市委老干部局局长李明在全市老干部党建工作推进会上的讲话",
        "- 经验交流材料3篇",
    ]
    assert b.warnings == []
    kinds = [(p.kind, p.title, p.unit, p.speaker, p.date) for p in b.parts]
    assert kinds == [
        ("speech", "在全市老干部党建工作推进会上的讲话", None, "李明", "2021-05-20"),
        ("article", "凝聚银发力量服务基层治理", "中共鞍山市铁东区委老干部局", None, None),
        ("article", "以品牌创建为抓手推动支部规范化建设", "中共海城市委组织部", None, None),
        ("article", "守初心育新人", "鞍山师范学院离退休工作处", None, None),
    ]
    # the parts tile the text after the front matter, in order, and stop before the back matter
    assert BULLETIN[: b.front_end].rstrip().endswith("- 经验交流材料3篇")
    assert b.parts[0].start == b.front_end
    for a, c in zip(b.parts, b.parts[1:], strict=False):
        assert a.end < c.start
        assert BULLETIN[a.end : c.start].strip() == ""
    assert BULLETIN[b.parts[0].start : b.parts[0].end].endswith("取得新进展。")
    assert BULLETIN[b.parts[-1].start : b.parts[-1].end].endswith("效果良好。")
    # head offsets: the speech head ends with 同志们：, an article head with its unit line
    assert BULLETIN[: b.parts[0].head_end].endswith("同志们：")
    assert BULLETIN[: b.parts[2].head_end].endswith("中共海城市委组织部")
    assert offices_from_toc(b.toc, "李明") == "市委老干部局局长"


def test_toc_count_mismatch_is_a_warning_not_a_splitter() -> None:
    text = BULLETIN.replace("经验交流材料3篇", "经验交流材料4篇")
    b = split_bulletin(text)
    assert b is not None and len(b.parts) == 4
    assert b.warnings == ["目录列出经验交流材料4篇，但拆分出3篇，请核对"]


def test_masthead_on_one_line_and_unit_with_author() -> None:
    text = (
        "老干部工作动态 2022年第5期\n中共本溪市委老干部局 2022年9月9日\n"
        "让老党员在社区发挥作用\n中共本溪市平山区委老干部局 王小红\n"
        "平山区把离退休党员组织起来，参与社区治理。\n下一步，我们将继续努力。\n"
    )
    b = split_bulletin(text)
    assert b is not None
    assert b.title == "老干部工作动态 2022年第5期"
    assert b.issuers == ["中共本溪市委老干部局"] and b.date == "2022-09-09"
    assert [(p.title, p.unit, p.author) for p in b.parts] == [
        ("让老党员在社区发挥作用", "中共本溪市平山区委老干部局", "王小红")
    ]
    assert b.toc == []


def test_not_a_bulletin() -> None:
    notice = "中共鞍山市委老干部局文件\n鞍老发〔2021〕3号\n关于做好慰问工作的通知\n各单位：\n请做好慰问工作。\n中共鞍山市委老干部局\n2021年1月5日\n"
    assert split_bulletin(notice) is None
    # an issue line but no recognisable part: one document, not a compound
    assert split_bulletin("工作简报\n第2期\n本期主要内容如下。\n这是正文。\n") is None


def test_signature_and_masthead_units_are_not_article_heads() -> None:
    text = (
        "工作简报\n第9期\n中共某某市委老干部局\n2021年2月2日\n"
        "开展走访慰问\n中共某某市委老干部局\n春节前，我们开展走访慰问。\n全面完成任务。\n"
        "工作总结要点\n中共某某市委老干部局\n2021年2月1日\n"
    )
    b = split_bulletin(text)
    assert b is not None
    assert [p.title for p in b.parts] == ["开展走访慰问"]


def test_unit_line() -> None:
    assert _unit_line("——中共鞍山市委老干部局") == ("中共鞍山市委老干部局", None)
    assert _unit_line("（鞍山师范学院离退休工作处）") == ("鞍山师范学院离退休工作处", None)
    assert _unit_line("中共海城市委组织部 李四") == ("中共海城市委组织部", "李四")
    assert _unit_line("组织老同志参与关心下一代工作") is None


def test_find_masthead_fields() -> None:
    lines = split_lines(BULLETIN)
    end, head = find_masthead(lines)  # type: ignore[misc]
    assert lines[end - 1].text == "目录"
    assert head["name"] == "离退休干部工作简报" and head["issue"] == "第3期（总第58期）"


# --- seed 001 (blank lines dropped: no normaliser needed) ------------------------------------

SEED_PARTS = [
    ("speech", "以改革创新精神抓好离退休干部党建工作——在全省老干部系统党建工作能力提升班暨工作推进会开班仪式上的讲话", None, "刘文生", "2020-07-13"),
    ("speech", "在全省老干部系统党建工作能力提升班暨工作推进会上的总结讲话", None, "张克", "2020-07-17"),
    ("article", "以政治建设为统领不断提升沈阳市老干部党建工作水平", "中共沈阳市委老干部局", None, None),
    ("article", "以求实创新精神推动离退休干部党建工作高质量发展", "中共大连市委老干部局", None, None),
    ("article", "立足新形势探索新举措全面提升离退休干部党建工作水平", "中共盘锦市委老干部局", None, None),
    ("article", "建设正能量志愿者团队推进老干部党建工作转型发展", "中共朝阳市委老干部局", None, None),
    ("article", "精准搭建平台突出典型引领努力提升基层社区离退休干部党建工作水平", "中共丹东市振兴区委组织部", None, None),
    ("article", "以组织建设为引领着力打造特色党建品牌", "中共铁岭县委组织部", None, None),
    ("article", "多轮驱动激发老干部党建工作新活力", "铁法煤业（集团）有限责任公司老干部管理服务中心", None, None),
    ("article", "桑榆未晚老有所为不忘初心砥砺前行", "辽宁大学离退休工作处", None, None),
]  # fmt: skip


@pytest.fixture(scope="module")
def seed_001() -> str:
    path = next(CORPUS.glob("001_*.txt"))
    return "\n".join(line for line in path.read_text(encoding="utf-8").split("\n") if line.strip())


def test_seed_001_ten_parts(seed_001: str) -> None:
    b = split_bulletin(seed_001)
    assert b is not None
    assert b.title == "老干部工作动态 第7期（总第494期）"
    assert b.issuers == ["中共辽宁省委老干部局"] and b.date == "2020-07-23"
    assert [(p.kind, p.title, p.unit, p.speaker, p.date) for p in b.parts] == SEED_PARTS
    assert b.warnings == []  # the TOC's 经验交流材料8篇 agrees with the split
    assert offices_from_toc(b.toc, "刘文生") == "省委组织部部务委员、省委老干部局局长"
    assert offices_from_toc(b.toc, "张克") == "省委老干部局副局长"
    # the last article stops before the distribution list
    assert "报：" not in seed_001[b.parts[-1].start : b.parts[-1].end]


def test_unit_line_with_contribution_note() -> None:
    assert _unit_line("（中共鞍山市委老干部局供稿）") == ("中共鞍山市委老干部局", None)
    assert _unit_line("离退休干部") is None  # 干部 ends in 部 but is not a unit
