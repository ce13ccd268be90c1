"""Generalisation: invented documents in the conventions of Chinese official documents, end to end.

None of these texts is a seed. Each fixture under tests/fixtures/ingest/generalise/ varies a
convention the seeds show in one form only (【】 numbers, 抄送/印发 lines, Word auto-numbering and
tables, GBK and Big5 files, saved portal pages, hard-wrapped PDF text, bulletins with school and
enterprise articles, standalone speeches, 第X条 regulations, masked names and places). The tests
state what a user expects to get from the file, through `ingest.pipeline.read_bytes`.
"""

from __future__ import annotations

import importlib.util
import logging
import re
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from ingest.pipeline import read_bytes, read_file, read_raw_bytes
from policykg.model import Clause, Document

HERE = Path(__file__).resolve()
FIXTURES = HERE.parents[1] / "fixtures" / "ingest" / "generalise"
CORPUS = HERE.parents[2] / "corpus"


def _builders() -> ModuleType:
    path = HERE.parents[1] / "fixtures" / "ingest" / "builders.py"
    spec = importlib.util.spec_from_file_location("_policykg_ingest_builders_generalise", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


builders = _builders()


def fixture_bytes(name: str) -> bytes:
    """The bytes a user would bring: stored files as they are, binary formats built from their source."""
    if name.endswith(".pdf"):
        return builders.gov_pdf((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))
    if name.endswith(".docx"):
        return builders.numbered_docx((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))
    return (FIXTURES / name).read_bytes()


@cache
def _docs(name: str) -> tuple[Document, ...]:
    return tuple(read_bytes(name, fixture_bytes(name)))


def docs(name: str) -> list[Document]:
    return list(_docs(name))


def doc(name: str) -> Document:
    [single] = _docs(name)
    return single


def starting(d: Document, prefix: str) -> Clause:
    found = [c for c in d.clauses if c.text.startswith(prefix)]
    assert found, f"no clause starts with {prefix!r}: {[c.text[:20] for c in d.clauses]}"
    return found[0]


def containing(d: Document, part: str) -> Clause:
    found = [c for c in d.clauses if part in c.text]
    assert found, f"no clause contains {part!r}"
    return found[0]


def assert_offsets(d: Document) -> None:
    for c in d.clauses:
        assert d.text[c.start : c.end] == c.text


def no_clause_has(d: Document, *parts: str) -> None:
    for c in d.clauses:
        for part in parts:
            assert part not in c.text, (part, c.text)


# ============================================================================ provincial 通知 (.txt)
NOTICE = "provincial_notice.txt"


def test_notice_read_as_utf8_with_bom_and_crlf() -> None:
    raw = read_raw_bytes(NOTICE, fixture_bytes(NOTICE))
    assert raw.encoding == "utf-8-sig"
    assert "\r" not in raw.text


def test_notice_metadata() -> None:
    d = doc(NOTICE)
    assert d.title == "关于做好2021年“七一”期间走访慰问离退休干部老党员工作的通知"
    assert d.doc_no == "冀老干通〔2021〕12号"  # 【】 brackets normalised
    assert d.issuers == ["中共河北省委老干部局"]
    assert d.date == "2021-06-15"  # 二〇二一年六月十五日
    assert (d.printed_date, d.printed_by) == ("2021-06-16", "中共河北省委老干部局办公室")
    assert d.doc_type == "通知"
    assert d.region is not None and (d.region.name, d.region.level) == ("河北省", "province")
    assert d.years == [2021]


def test_notice_residue_is_metadata_not_body() -> None:
    d = doc(NOTICE)
    assert d.residue["distribution"] == ["抄送：省委组织部，省财政厅，省卫生健康委。"]
    assert any("周晓梅" in item for item in d.residue["contact"])
    assert "（此件公开发布）" in d.residue["marking"]
    assert d.residue["attachment"] == ["附件：走访慰问情况统计表"]
    # 份号 and 紧急程度 on top are marks, not the title
    assert {"000126", "特急"} <= set(d.residue["marking"])
    no_clause_has(d, "抄送", "印发", "附件", "特急", "000126", "冀老干通", "联系人", "此件公开")


def test_notice_clause_tree() -> None:
    d = doc(NOTICE)
    assert 8 <= len(d.clauses) <= 11
    assert d.clauses[0].text.startswith("为庆祝中国共产党成立100周年")
    c = starting(d, "（二）注重实际效果")
    assert c.path == ["三、工作要求", "（二）注重实际效果"]
    assert c.number == "（二）"
    assert starting(d, "（一）1949年10月1日").path == ["一、慰问对象"]
    assert starting(d, "2021年6月20日至7月10日").path == ["二、时间安排"]
    assert_offsets(d)


# ============================================================================ city 实施方案 (.docx)
PLAN = "city_plan.docx"


def test_plan_docx_auto_numbering_and_table_are_read() -> None:
    raw = read_raw_bytes(PLAN, fixture_bytes(PLAN))
    assert raw.format == "docx" and raw.meta["tables"] == 1
    assert "三、主要任务" in raw.text and "（二）打造志愿服务品牌" in raw.text
    assert "2\t建设社区志愿服务站点\t各县（市、区）委老干部局\t2022年12月底前" in raw.text


def test_plan_metadata() -> None:
    d = doc(PLAN)
    # the parenthesised years line under the title belongs to the title
    assert d.title == "南宁市离退休干部“银龄先锋”志愿服务行动实施方案（2022—2024年）"
    assert d.doc_type == "实施方案"
    assert d.years == [2022, 2023, 2024]
    assert d.issuers == ["中共南宁市委老干部局"]
    assert d.date == "2022-03-10"
    assert d.region is not None and d.region.path == ("广西壮族自治区", "南宁市")


def test_plan_clause_paths_follow_the_rendered_numbering() -> None:
    d = doc(PLAN)
    assert 10 <= len(d.clauses) <= 13
    assert all("（2022—2024年）" not in c.path for c in d.clauses)
    c = starting(d, "（二）打造志愿服务品牌")
    assert c.path == ["三、主要任务", "（二）打造志愿服务品牌"]
    assert c.level == 2
    row = containing(d, "建设社区志愿服务站点")
    assert "2022年12月底前" in row.text and row.path == ["四、任务分工"]
    assert starting(d, "坚持以习近平").path == ["一、指导思想"]
    assert_offsets(d)


# ============================================================================ county 工作要点 (GBK .txt)
POINTS = "county_points_gbk.txt"


def test_points_gbk_is_decoded() -> None:
    raw = read_raw_bytes(POINTS, fixture_bytes(POINTS))
    assert raw.encoding in ("gb18030", "gbk")
    assert "长兴县2024年离退休干部工作要点" in raw.text


def test_points_metadata() -> None:
    d = doc(POINTS)
    assert d.title == "长兴县2024年离退休干部工作要点"
    assert d.doc_type == "工作要点"
    assert d.issuers == ["中共长兴县委老干部局"]
    assert d.date == "2024-02-20"  # 2024 年 2 月 20 日
    assert d.years == [2024]
    assert d.region is not None and d.region.path == ("浙江省", "湖州市", "长兴县")
    assert d.region.level == "county"


def test_points_page_joins_are_repaired() -> None:
    text = doc(POINTS).text
    assert "“银色港湾”品牌建设，培育一批示范党支部。" in text  # a word cut by the page end
    assert "充分发挥作用，全年组织" in text and "发挥挥" not in text  # a character printed twice
    assert "建立健康档案，每季度至少上门服务一次。" in text  # a break after a comma
    assert "陈立新同志" in text and "不少于4次" in text  # spaced-out name and number
    assert not re.search(r"[－—-]\s*2\s*[－—-]", text)  # the page number between the pages


def test_points_repairs_are_conservative() -> None:
    d = doc(POINTS)
    text = d.text
    assert "做到人人参与" in text  # 人⏎⏎人: a real reduplication, both kept
    assert "坚持常常走访" in text  # 常⏎⏎常 likewise
    lines = text.split("\n")
    # a title stays a line of its own; an item without final punctuation is not glued to the next heading
    assert "长兴县2024年离退休干部工作要点" in lines
    assert any(line.endswith("年底前完成改造任务") for line in lines)
    assert "四、加强自身建设" in lines
    assert "中共长兴县委老干部局" in lines


def test_points_clause_tree() -> None:
    d = doc(POINTS)
    assert 10 <= len(d.clauses) <= 12
    c = starting(d, "4.落实组织生活制度")
    assert c.path == ["二、加强离退休干部党组织建设", "4.落实组织生活制度"]
    assert starting(d, "10.转变工作作风").path[0] == "四、加强自身建设"
    assert starting(d, "8.加强阵地建设").text.endswith("年底前完成改造任务")
    assert_offsets(d)


# ============================================================================ traditional 通知 (Big5 .txt)
BIG5 = "big5_notice.txt"


def test_big5_notice_metadata() -> None:
    raw = read_raw_bytes(BIG5, fixture_bytes(BIG5))
    assert raw.encoding in ("big5", "cp950", "big5hkscs")
    d = doc(BIG5)
    assert d.script == "traditional"
    assert d.title == "關於舉辦2023年度離退休幹部黨支部書記培訓班的通知"  # display keeps the script
    # an identifier: full-width digits, 號 and traditional prefix normalised so citations match
    assert d.doc_no == "泉老干〔2023〕8号"
    assert d.issuers == ["中共泉州市委老幹部局"]
    assert d.date == "2023-03-06"
    assert d.doc_type == "通知"
    assert d.years == [2023]
    assert d.region is not None and d.region.path == ("福建省", "泉州市")


def test_big5_notice_clauses_and_residue() -> None:
    d = doc(BIG5)
    assert 9 <= len(d.clauses) <= 11
    c = starting(d, "（二）離退休幹部黨支部標準化")
    assert c.path == ["四、培訓內容"]
    assert "标准化规范化建设实务" in c.search_text  # search form is simplified
    assert any("林志遠" in item for item in d.residue["contact"])
    assert d.residue["attachment"] == ["附件：參訓名額分配表"]
    last = starting(d, "（三）培訓期間食宿")
    assert last.path == ["五、有關要求"]  # one sentence with nothing under it: not a heading
    no_clause_has(d, "泉老幹", "聯繫人", "附件：")
    assert_offsets(d)


# ============================================================================ saved portal page (.html)
PAGE = "portal_page.html"


def test_portal_page_main_text_only() -> None:
    d = doc(PAGE)
    for furniture in (
        "网站首页", "当前位置", "分享到", "浏览次数", "打印本页", "关闭窗口", "上一篇", "下一篇",
        "相关文章", "春节走访慰问", "主办单位", "ICP", "责任编辑", "统计代码", "今天是", "长者模式",
    ):  # fmt: skip
        assert furniture not in d.text, furniture


def test_portal_page_residue_is_kept() -> None:
    d = doc(PAGE)
    assert d.residue["editor"] == ["责任编辑：赵敏"]
    assert any("微信" in item for item in d.residue["share"])
    assert any("春节走访慰问" in item for item in d.residue["related"])
    assert any("ICP" in item for item in d.residue["footer"])
    assert any("浏览次数" in item for item in d.residue["info"])


def test_portal_page_metadata_and_clauses() -> None:
    d = doc(PAGE)
    # a web page's headline keeps its issuer as printed (readers cite it so); the issuer is still read off it
    assert d.title == "中共绵阳市委老干部局关于开展“银发生辉”主题实践活动的通知"
    assert d.issuers == ["中共绵阳市委老干部局"]
    assert d.date == "2023-05-10"  # the signed date, not the publication time 2023-05-12
    assert d.doc_type == "通知"
    assert d.years == [2023]
    assert d.region is not None and d.region.path == ("四川省", "绵阳市")
    assert starting(d, "（二）智力支持行动").path == ["二、活动内容", "（二）智力支持行动"]
    # a one-line theme under its heading is that heading's content, not a heading itself
    theme = starting(d, "银发生辉·献力科技城")
    assert theme.path == ["一、活动主题"]
    assert 6 <= len(d.clauses) <= 9
    assert_offsets(d)


# ============================================================================ PDF circular (text layer)
PDF = "circular.pdf"


def test_pdf_circular_metadata() -> None:
    d = doc(PDF)
    assert d.title == "关于2022年度全省离退休干部工作目标管理考核结果的通报"
    assert d.doc_no == "湘老干发〔2023〕3号"  # not the number it cites
    assert d.issuers == ["中共湖南省委老干部局"]
    assert d.date == "2023-01-16"
    assert (d.printed_date, d.printed_by) == ("2023-01-18", "中共湖南省委老干部局办公室")
    assert d.doc_type == "通报"
    assert d.years == [2022]
    assert d.region is not None and d.region.name == "湖南省"
    assert d.residue["distribution"] == ["抄送：省委组织部，省委办公厅。"]


def test_pdf_circular_hard_wraps_are_joined() -> None:
    d = doc(PDF)
    first = d.clauses[0]
    assert first.text.startswith("根据《湖南省离退休干部工作目标管理考核办法》（湘老干发〔2021〕9号）规定")
    assert first.path == []
    assert "确保2023年各项目标任务" in d.text  # a number cut by the line end
    assert "长沙市、株洲市、岳阳市、常德市、郴州市等5个市州委老干部局" in d.text  # across the page
    assert not re.search(r"—\s*\d\s*—", d.text)
    item = starting(d, "（一）巩固扩大成果")
    assert "再接再厉" in item.text and item.text.endswith("报省委老干部局。")  # ；at a full line
    assert item.path == ["三、有关要求", "（一）巩固扩大成果"]
    assert starting(d, "经综合评定").path == ["二、考核结果"]
    assert 5 <= len(d.clauses) <= 7
    assert_offsets(d)


def test_pdf_reader_keeps_pypdf_quiet(caplog: pytest.LogCaptureFixture) -> None:
    data = fixture_bytes(PDF)
    broken = data.replace(b"startxref\n", b"startxref\n1")  # a bad xref pointer: pypdf warns, repairs
    logger = logging.getLogger("pypdf")
    before = logger.level
    with caplog.at_level(logging.WARNING):
        raw = read_raw_bytes("broken.pdf", broken)
    assert "湘老干发" in raw.text
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    assert logger.level == before


# ============================================================================ bulletin 工作简报 第12期
BULLETIN = "bulletin_12.txt"


def test_bulletin_parent() -> None:
    parent, *children = docs(BULLETIN)
    assert parent.title == "离退休干部工作简报 2021年第12期（总第86期）"
    assert parent.issuers == ["中共青岛市委老干部局"]  # from ``中共青岛市委老干部局编  2021年9月28日``
    assert parent.date == "2021-09-28"
    assert parent.doc_type == "简报"
    assert parent.region is not None and parent.region.name == "青岛市"
    assert parent.children == [c.id for c in children] and len(children) == 4
    assert [c.text for c in parent.clauses] == [
        "市委常委、组织部部长孙明在全市离退休干部党建工作推进会上的讲话",
        "市南区：聚焦“三个一”激活离退休干部党支部“红色细胞”",
        "青岛第五十八中学：“银发讲堂”进校园薪火相传育新人",
        "青岛海工装备集团：党建引领聚合力老有所为添活力",
    ]  # TOC entries without their ● bullets
    assert parent.warnings == []


def test_bulletin_back_matter_is_residue() -> None:
    parent, *children = docs(BULLETIN)
    assert [x[:2] for x in parent.residue["distribution"]] == ["报：", "送：", "发："]
    assert parent.residue["editor"] == ["责任编辑：刘洋"]
    assert parent.residue["print_run"] == ["（共印120份）"]
    assert {"内部资料", "注意保存"} <= set(parent.residue["marking"])
    for child in children:
        no_clause_has(child, "报：", "责任编辑", "共印")


def test_bulletin_speech() -> None:
    speech = docs(BULLETIN)[1]
    assert speech.doc_type == "讲话"
    assert speech.date == "2021-09-16"
    assert speech.authors == ["孙明"]
    assert speech.author_offices == {"孙明": "市委常委、组织部部长"}
    assert speech.title.startswith("坚持高标准")
    assert speech.title.endswith("——在全市离退休干部党建工作推进会上的讲话")
    assert speech.region is not None and speech.region.name == "青岛市"
    no_clause_has(speech, "孙  明", "部长  孙")
    assert starting(speech, "离退休干部是党和国家的宝贵财富").path == [
        "一、提高政治站位，充分认识加强离退休干部党建工作的重要意义"
    ]
    # an enumeration inside a paragraph of ordinary length stays one clause, under its section
    enumeration = containing(speech, "二是抓好组织建设")
    assert "一是抓好政治建设" in enumeration.text and "三是抓好作用发挥" in enumeration.text
    assert enumeration.path == ["二、突出工作重点，着力提升离退休干部党组织组织力"]
    assert enumeration.number is None
    assert_offsets(speech)


@pytest.mark.parametrize(
    ("n", "title", "unit", "region_path"),
    [
        (
            2,
            "聚焦“三个一”激活离退休干部党支部“红色细胞”",
            "中共青岛市市南区委老干部局",
            ("山东省", "青岛市", "市南区"),
        ),
        (3, "“银发讲堂”进校园薪火相传育新人", "青岛第五十八中学退休教职工党支部", ("山东省", "青岛市")),
        (
            4,
            "党建引领聚合力老有所为添活力",
            "青岛海工装备（集团）有限公司离退休人员管理服务中心",
            ("山东省", "青岛市"),
        ),
    ],
)
def test_bulletin_articles(n: int, title: str, unit: str, region_path: tuple[str, ...]) -> None:
    article = docs(BULLETIN)[n]
    assert article.id == f"bulletin_12~0{n}"
    assert article.parent_id == "bulletin_12"
    assert article.doc_type == "经验交流"
    assert article.title == title
    assert article.author_unit == unit
    assert article.region is not None and article.region.path == region_path
    assert article.date == "2021-09-28"  # the bulletin's date
    assert article.years == [2021]
    assert article.clauses and not article.clauses[0].text.startswith(title[:4])
    no_clause_has(article, unit)
    assert_offsets(article)


def test_bulletin_school_article_splits_its_enumeration() -> None:
    school = docs(BULLETIN)[3]
    two = starting(school, "二是创新授课形式")
    assert two.number == "二是" and two.heading == "二是创新授课形式"
    assert starting(school, "一是组建讲师团").text.endswith("特色课程8门。")


# ============================================================================ standalone speech
SPEECH = "speech.txt"


def test_speech_metadata() -> None:
    d = doc(SPEECH)
    assert d.title == "在全省离退休干部党建工作座谈会上的讲话"
    assert d.doc_type == "讲话"
    assert d.date == "2022-01-20"
    assert d.authors == ["陈志远"]
    assert d.author_offices == {"陈志远": "省委常委、组织部部长"}
    assert d.years == [2022]
    # the title says only 全省; the body names the province again and again
    assert d.region is not None and d.region.name == "江西省"
    assert "addressee" not in d.residue


def test_speech_clauses() -> None:
    d = doc(SPEECH)
    assert "这次座谈会的主要任务是" in d.clauses[0].text
    no_clause_has(d, "陈 志 远", "陈志远", "组织部部长")
    enumeration = containing(d, "二是管理方式更加复杂")
    assert enumeration.text.startswith("当前，") and enumeration.text.endswith("提出了更高要求。")
    assert enumeration.path == ["二、准确把握新时代离退休干部党建工作的形势任务"]
    assert starting(d, "（二）组织体系更加健全").path == [
        "一、充分肯定近年来全省离退休干部党建工作取得的成绩",
        "（二）组织体系更加健全",
    ]
    # the closing words turn to the audience again: they belong to the whole speech
    assert starting(d, "同志们，做好新时代").path == []
    assert 9 <= len(d.clauses) <= 11
    assert_offsets(d)


# ============================================================================ 办法 with 第X章 / 第X条 (.md)
MEASURES = "measures.md"


def test_measures_metadata() -> None:
    d = doc(MEASURES)
    assert "#" not in d.text  # markdown heading marks are layout, not text
    assert d.title == "昆明市离退休干部党组织管理办法（试行）"
    assert d.doc_type == "办法"
    # ``（2023年6月8日中共昆明市委老干部局局务会议审议通过）`` under the title
    assert d.date == "2023-06-08"
    assert d.issuers == ["中共昆明市委老干部局"]
    assert d.years == [2023]
    assert d.region is not None and d.region.path == ("云南省", "昆明市")


def test_measures_articles() -> None:
    d = doc(MEASURES)
    articles = [c for c in d.clauses if c.number and c.number.startswith("第") and c.number.endswith("条")]
    assert [c.number for c in articles] == [
        f"第{n}条" for n in ("一", "二", "三", "四", "五", "七", "八", "九")
    ]  # 第六条 is a heading line: its items carry it in their path
    four = starting(d, "第四条")
    assert four.text.startswith("第四条 有正式党员3人以上的")  # the token stays apart from the text
    assert four.path == ["第二章 组织设置"]
    assert four.heading is None  # an article states a rule; it has no heading
    items = [c for c in d.clauses if c.number in ("（一）", "（二）", "（三）", "（四）")]
    assert len(items) == 4
    assert all(c.path == ["第三章 主要职责", "第六条 离退休干部党支部的主要职责是"] for c in items)
    assert starting(d, "第九条").path == ["第四章 附则"]
    assert len(d.clauses) == 12
    assert_offsets(d)


# ============================================================================ masked names and places
MASKED = "masked_decision.txt"


def test_masked_metadata() -> None:
    d = doc(MASKED)
    assert d.title == "关于表彰2021年度全市离退休干部先进党支部和优秀共产党员的决定"
    assert d.doc_no == "**老干发〔2022〕6号"  # the mask stays: the number is incomplete
    assert d.issuers == ["中共**市委老干部局"]
    assert d.date == "2022-06-28"
    assert d.doc_type == "决定"
    assert d.years == [2021]
    region = d.region
    assert region is not None
    assert (region.known, region.level, region.code) == (False, "city", None)
    assert region.id == "region:unknown:masked_decision"


def test_masked_lists_are_clauses_and_names_are_no_heading() -> None:
    d = doc(MASKED)
    units = [c for c in d.clauses if c.path == ["一、先进党支部（5个）"]]
    assert [c.text for c in units] == [
        "**县老干部活动中心党支部",
        "**区教育系统退休干部第一党支部",
        "市卫生健康委离退休干部党支部",
        "**县供销合作社离退休干部党支部",
        "市交通运输局离退休干部第二党支部",
    ]
    names = starting(d, "张**")
    assert names.path == ["二、优秀共产党员（6名）"]
    closing = starting(d, "希望受到表彰的")
    assert all("张**" not in p for p in closing.path)
    assert d.authors == []
    assert_offsets(d)


# ============================================================================ seed regressions
def test_seed_bulletin_toc_has_no_list_bullets() -> None:
    parent = read_file(CORPUS / "001_a6bb10912aa23e10.txt")[0]
    assert parent.clauses
    assert not [c.text for c in parent.clauses if c.text[:1] in "-•·●▪"]
    assert parent.clauses[0].text.startswith("省委组织部部务委员")
