"""The text → documents glue: single documents, bulletins (parent + parts), residue, warnings, errors.

The glue tests replace the clause splitter with a one-clause-per-line stand-in so they check what
structure.py decides (skip spans, slices, offsets, ids) independently of ingest.clauses; the seed
tests at the end run the real stages.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ingest import structure
from ingest.raw import RawText
from policykg.errors import EmptyDocument
from policykg.model import Clause, Document
from policykg.text import fold

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _line_clauses(doc_id: str, text: str, script, skip: list[tuple[int, int]]) -> list[Clause]:
    out: list[Clause] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip() or any(a <= start < b for a, b in skip):
            continue
        n = len(out) + 1
        out.append(Clause(f"{doc_id}:{n:04d}", doc_id, n, line, fold(line, script), start=start, end=end))
    return out


@pytest.fixture
def line_clauses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(structure, "_clauses", _line_clauses)


def _raw(name: str, text: str, **meta) -> RawText:
    data = text.encode("utf-8")
    return RawText(name, hashlib.sha256(data).hexdigest(), text, "txt", "utf-8", [], dict(meta))


NOTICE = """中共鞍山市委老干部局文件

鞍老发〔2022〕5号

关于开展离退休干部“银发先锋”评选活动的通知

各县（市）区委老干部局，市直各单位：

经研究，决定在全市开展“银发先锋”评选活动。

一、评选范围

全市离退休干部党员。

中共鞍山市委老干部局

2022年4月1日
"""


def test_single_document(line_clauses: None) -> None:
    [doc] = structure.build_documents(_raw("notice.txt", NOTICE))
    assert doc.id == "notice"
    assert doc.title == "关于开展离退休干部“银发先锋”评选活动的通知"
    assert doc.doc_no == "鞍老发〔2022〕5号"
    assert doc.issuers == ["中共鞍山市委老干部局"]
    assert doc.date == "2022-04-01"
    assert doc.doc_type == "通知"
    assert doc.region is not None and doc.region.name == "鞍山市"
    assert doc.years == [2022]
    # header, title, addressee and signature are not clauses
    assert [c.text for c in doc.clauses] == [
        "经研究，决定在全市开展“银发先锋”评选活动。",
        "一、评选范围",
        "全市离退休干部党员。",
    ]
    assert all(doc.text[c.start : c.end] == c.text for c in doc.clauses)
    assert doc.residue.get("addressee") == ["各县（市）区委老干部局，市直各单位："]
    assert doc.search_text == fold(doc.text, "simplified")
    assert doc.warnings == []
    # JSON round trip of what ingest produced
    assert Document.from_dict(doc.to_dict()) == doc


BULLETIN = """内部资料

离退休干部工作简报

第3期（总第58期）

中共鞍山市委老干部局

2021年6月1日

目录

市委老干部局局长李明在全市老干部党建工作推进会上的讲话

经验交流材料3篇

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

以品牌创建为抓手

推动支部规范化建设

中共海城市委组织部

海城市离退休干部党支部共有86个，我们坚持以品牌创建推动规范化建设。

（一）制定标准。出台支部建设标准10条。

守初心 育新人

鞍山师范学院离退休工作处

学院离退休工作处坚持把政治建设放在首位。

报：市委常委。

送：各县（市）区委老干部局。
"""


def test_bulletin_parent_and_children(line_clauses: None) -> None:
    docs = structure.build_documents(_raw("bulletin.txt", BULLETIN))
    parent, *children = docs
    assert parent.id == "bulletin" and parent.doc_type == "简报"
    assert parent.title == "离退休干部工作简报 第3期（总第58期）"
    assert parent.issuers == ["中共鞍山市委老干部局"] and parent.date == "2021-06-01"
    assert parent.region is not None and parent.region.name == "鞍山市"
    assert parent.children == [c.id for c in children] == [f"bulletin~{n:02d}" for n in range(1, 5)]
    # the parent's own clauses are the table of contents only
    assert [c.text for c in parent.clauses] == [
        "市委老干部局局长李明在全市老干部党建工作推进会上的讲话",
        "经验交流材料3篇",
    ]
    expected = [
        ("在全市老干部党建工作推进会上的讲话", "讲话", "2021-05-20", ["李明"], None, "鞍山市"),
        ("凝聚银发力量服务基层治理", "经验交流", "2021-06-01", [], "中共鞍山市铁东区委老干部局", "铁东区"),
        ("以品牌创建为抓手推动支部规范化建设", "经验交流", "2021-06-01", [], "中共海城市委组织部", "海城市"),
        ("守初心育新人", "经验交流", "2021-06-01", [], "鞍山师范学院离退休工作处", "鞍山市"),
    ]
    got = [
        (c.title, c.doc_type, c.date, c.authors, c.author_unit, c.region.name if c.region else None)
        for c in children
    ]
    assert got == expected
    assert children[0].author_offices == {"李明": "市委老干部局局长"}
    for child in children:
        assert child.parent_id == "bulletin"
        assert child.sha256 == parent.sha256 and child.source == parent.source
        assert child.clauses, child.id
        # clause offsets are relative to the child's own text
        assert all(child.text[c.start : c.end] == c.text for c in child.clauses)
        assert all(c.id.startswith(child.id + ":") for c in child.clauses)
        # the head (title, unit, date, speaker) is not a clause
        assert all(c.text not in (child.title, child.author_unit) for c in child.clauses)
    assert children[0].clauses[0].text == "今天我们召开推进会，主要任务是总结经验、部署工作。"
    assert children[-1].text.endswith("放在首位。")  # distribution list is residue, not body
    assert parent.residue  # 报/送 lines and 内部资料 kept as metadata by the normaliser


def test_html_title_and_residue_from_the_reader(line_clauses: None) -> None:
    raw = _raw(
        "page.html",
        "各地扎实推进离退休干部党建工作。\n全市共建立党支部120个。",
        title="鞍山市离退休干部党建工作综述",
        residue={"share": ["分享到："]},
        line_breaks="paragraph",
    )
    [doc] = structure.build_documents(raw)
    assert doc.title == "鞍山市离退休干部党建工作综述"
    assert doc.residue["share"] == ["分享到："]
    assert "正文中未识别出标题，使用文件提供的标题" in doc.warnings
    assert [c.text for c in doc.clauses] == ["各地扎实推进离退休干部党建工作。", "全市共建立党支部120个。"]


@pytest.mark.parametrize("text", ["", "   \n\n  \n", "\u3000\u3000\n"])
def test_empty_after_normalisation(text: str) -> None:
    with pytest.raises(EmptyDocument) as err:
        structure.build_documents(_raw("empty.txt", text))
    assert "没有可用的正文内容" in err.value.message


# --- seeds through the real stages -----------------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> dict[str, list[Document]]:
    out = {}
    for path in sorted(CORPUS.glob("*.txt")):
        data = path.read_bytes()
        raw = RawText(path.name, hashlib.sha256(data).hexdigest(), data.decode("utf-8"), "txt", "utf-8")
        out[path.name[:3]] = structure.build_documents(raw)
    return out


def test_seed_000(seeds: dict[str, list[Document]]) -> None:
    [doc] = seeds["000"]
    assert doc.title == "关于开展“支部力量·红枫行动”党建品牌创建活动的实施意见"
    assert doc.wrapper_title == "关于印发《关于开展“支部力量·红枫行动”党建品牌创建活动的实施意见》的通知"
    assert (doc.doc_no, doc.issuers, doc.date, doc.doc_type) == (
        "辽老通字〔2020〕4号",
        ["中共辽宁省委老干部局"],
        "2020-02-25",
        "实施意见",
    )
    assert doc.region is not None and doc.region.name == "辽宁省"
    assert not any(c.text.startswith(("中共辽宁省委老干部局", "辽老通字", "关于印发")) for c in doc.clauses)


def test_seed_001(seeds: dict[str, list[Document]]) -> None:
    parent, *children = seeds["001"]
    assert parent.title == "老干部工作动态 第7期（总第494期）"
    assert (parent.doc_type, parent.issuers, parent.date) == ("简报", ["中共辽宁省委老干部局"], "2020-07-23")
    assert len(children) == 10 and parent.children == [c.id for c in children]
    assert [c.doc_type for c in children] == ["讲话"] * 2 + ["经验交流"] * 8
    assert [(c.authors, c.date) for c in children[:2]] == [
        (["刘文生"], "2020-07-13"),
        (["张克"], "2020-07-17"),
    ]
    assert children[0].author_offices == {"刘文生": "省委组织部部务委员、省委老干部局局长"}
    assert children[1].author_offices == {"张克": "省委老干部局副局长"}
    assert [c.author_unit for c in children[2:]] == [
        "中共沈阳市委老干部局",
        "中共大连市委老干部局",
        "中共盘锦市委老干部局",
        "中共朝阳市委老干部局",
        "中共丹东市振兴区委组织部",
        "中共铁岭县委组织部",
        "铁法煤业（集团）有限责任公司老干部管理服务中心",
        "辽宁大学离退休工作处",
    ]
    regions = [c.region.name if c.region else None for c in children]
    assert regions == [
        "辽宁省",
        "辽宁省",
        "沈阳市",
        "大连市",
        "盘锦市",
        "朝阳市",
        "振兴区",
        "铁岭县",
        "调兵山市",
        "沈阳市",  # 辽宁大学's city (教育部's list of schools), inside 辽宁省
    ]
    assert children[6].region is not None and children[6].region.path == ("辽宁省", "丹东市", "振兴区")
    assert all(c.parent_id == parent.id and c.sha256 == parent.sha256 for c in children)
    assert all(
        c.clauses and c.text[c.clauses[0].start : c.clauses[0].end] == c.clauses[0].text for c in children
    )


def test_seed_002(seeds: dict[str, list[Document]]) -> None:
    [doc] = seeds["002"]
    assert doc.script == "traditional"
    assert doc.region is not None and doc.region.name == "枣庄市" and doc.region.path == ("山东省", "枣庄市")
    assert doc.years == [2020, 2021, 2022]
    assert doc.doc_type == "方案"


def test_seed_003(seeds: dict[str, list[Document]]) -> None:
    [doc] = seeds["003"]
    assert doc.region is not None and not doc.region.known and doc.region.code is None
    assert doc.region.level == "county" and doc.region.id == f"region:unknown:{doc.id}"
    assert doc.years == [2023] and doc.doc_type == "工作要点"


def test_seed_004(seeds: dict[str, list[Document]]) -> None:
    [doc] = seeds["004"]
    assert doc.title == "关于推进“1335”离退休干部党建工作机制的通知"
    assert (doc.doc_no, doc.issuers, doc.date) == (
        "榕离退工委〔2018〕4号",
        ["中共福州市委离退休干部工作委员会"],
        "2018-01-30",
    )
    assert (doc.printed_date, doc.printed_by) == ("2018-02-26", "中共福州市委老干部局办公室")
    assert doc.region is not None and doc.region.name == "福州市" and doc.region.path == ("福建省", "福州市")
    assert not any("印发" in c.text and len(c.text) < 20 for c in doc.clauses)


def test_a_page_that_dates_nothing_is_dated_by_its_address() -> None:
    from ingest.pipeline import read_bytes

    page = "老党员义务修路二十年\n村里的老党员张某二十年如一日义务修路，方便了邻里出行。\n"
    url = "http://news.example.cn/content/2021-11/29/content_4028741.htm"
    [doc] = read_bytes("p.txt", page.encode("utf-8"), source_url=url)
    assert doc.date == "2021-11-29"
    assert any("网址" in w for w in doc.warnings)
    dated = "老党员义务修路二十年\n发布时间：2021-11-30\n村里的老党员张某义务修路，方便了邻里出行。\n"
    [doc] = read_bytes("p.txt", dated.encode("utf-8"), source_url=url)
    assert doc.date == "2021-11-30"  # the page's own date comes first
