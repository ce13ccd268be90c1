"""Clause search end to end on hand-made documents: every failure mode of the stock setup."""

from __future__ import annotations

from pathlib import Path

import pytest
from search_fixtures import corpus, make_doc

from policykg.errors import BadQuery
from search.index import ClauseIndex
from search.results import SearchRequest

TERMS = ("红枫行动", "本色家园", "枫叶驿站", "中共福州市委离退休干部工作委员会")


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory) -> ClauseIndex:
    docs, anns = corpus()
    return ClauseIndex.create(tmp_path_factory.mktemp("search") / "index", docs, anns, TERMS)


def ids(ix: ClauseIndex, q: str, **kw) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.clause_id for h in ix.search(SearchRequest(q=q, **kw)).results]


# ---------------------------------------------------------------- phrases


@pytest.mark.parametrize("q", ['"红枫行动"', "“红枫行动”", "「红枫行动」", "『红枫行动』"])
def test_quoted_phrase_matches(ix: ClauseIndex, q: str) -> None:
    found = ids(ix, q)
    assert {"ln:0001", "sy:0001"} <= set(found)
    assert set(found[:2]) == {"ln:0001", "sy:0001"}  # text matches rank above title-only ones


def test_multiword_phrase_is_exact(ix: ClauseIndex) -> None:
    assert ids(ix, '"支部力量红枫行动"')[0] == "ln:0001"  # across the · in the text
    assert "ln:0002" in ids(ix, '"离退休干部党支部规范化建设"')
    # the words exist, but not as this phrase
    assert ids(ix, '"规范化建设党支部"') == []


def test_stock_chinese_analyzer_fails_the_phrase(tmp_path: Path) -> None:
    from jieba.analyse import ChineseAnalyzer
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.index import create_in
    from whoosh.qparser import QueryParser

    stock = create_in(str(tmp_path), Schema(id=ID(stored=True), content=TEXT(analyzer=ChineseAnalyzer())))
    w = stock.writer()
    w.add_document(id="1", content="沈阳市坚持党建引领，开展红枫行动，组织离退休干部参加学习。")
    w.commit()
    with stock.searcher() as s:
        assert len(s.search(QueryParser("content", stock.schema).parse('"红枫行动"'))) == 0
        assert len(s.search(QueryParser("content", stock.schema).parse("红枫行动"))) == 1


def test_subword_recall(ix: ClauseIndex) -> None:
    assert {"ln:0001", "sy:0001"} <= set(ids(ix, "红枫"))  # part of the domain word 红枫行动
    assert "ln:0001" in ids(ix, "创建")  # part of 创建活动
    assert "zx:0001" in ids(ix, "干部", limit=100)  # part of 离退休干部


# ---------------------------------------------------------------- document numbers


def test_document_number_finds_its_document_and_citing_clauses(ix: ClauseIndex) -> None:
    found = ids(ix, "中办发〔2016〕3号", limit=20)
    assert "fz:0001" in found  # cites it
    assert {"zb:0001", "zb:0002"} <= set(found)  # carries it (doc_no)
    assert found[0] in {"fz:0001", "zb:0001"}
    assert all(c.split(":")[0] in {"fz", "zb"} for c in found)


def test_document_number_variants_and_single_digit(tmp_path: Path) -> None:
    docs = [
        make_doc("a", "甲", ["贯彻中办发〔2016〕3号精神。"]),
        make_doc("b", "乙", ["贯彻中办发〔2016〕30号精神。"]),
        make_doc("c", "丙", ["贯彻国办发〔2016〕3号精神。"]),
    ]
    ix = ClauseIndex.create(tmp_path / "i", docs)
    for q in (
        "中办发〔2016〕3号",
        "中办发[2016]3号",
        "中办发（2016）3号",
        "中办发［2016］03号",
        "中辦發〔2016〕3號",
    ):
        assert ids(ix, q) == ["a:0001"], q
    assert ids(ix, "中办发〔2016〕30号") == ["b:0001"]
    assert ids(ix, '"中办发〔2016〕3号"') == ["a:0001"]
    assert ids(ix, "doc_no:中办发〔2016〕3号") == []  # no document carries it as its own number


# ---------------------------------------------------------------- questions, folding


def test_long_question_is_not_zero(ix: ClauseIndex) -> None:
    q = "党员人数达到多少可以单独建立离退休干部党支部"
    page = ix.search(SearchRequest(q=q))
    assert page.total > 0
    assert page.results[0].clause_id == "fz:0002"


def test_question_words_are_discounted(ix: ClauseIndex) -> None:
    # a question made of the same content words ranks the same clause first
    assert ids(ix, "如何落实支部换届改选制度？")[0] == "fz:0003"


def test_traditional_query_finds_simplified_text(ix: ClauseIndex) -> None:
    assert ids(ix, "支部換屆改選")[0] == "fz:0003"


def test_simplified_query_finds_traditional_text(ix: ClauseIndex) -> None:
    found = ids(ix, "离退休干部党组织工作经费保障")
    assert found[0] == "zz:0002"


def test_traditional_phrase_on_traditional_text(ix: ClauseIndex) -> None:
    assert ids(ix, "“黨支部規範化建設”")[0] in {"zz:0001", "ln:0002"}
    assert {"zz:0001", "ln:0002"} <= set(ids(ix, "“黨支部規範化建設”"))


def test_synonyms_expand_with_lower_weight(ix: ClauseIndex) -> None:
    found = ids(ix, "老干部", limit=50)
    assert "zx:0001" in found  # only says 离退休干部


# ---------------------------------------------------------------- filters and facets


def test_hierarchical_region_filter(ix: ClauseIndex) -> None:
    found = set(ids(ix, "离退休干部", region="辽宁省", limit=50))
    assert {"sy:0001", "zx:0001"} <= found  # 沈阳市 and 丹东市振兴区 documents
    assert not any(c.startswith(("fz", "zz", "zb")) for c in found)
    assert set(ids(ix, "离退休干部", region="丹东市", limit=50)) == {"zx:0001"}
    assert set(ids(ix, "离退休干部", region="遼寧省", limit=50)) == found  # folded filter value
    assert set(ids(ix, "离退休干部", region="辽宁", limit=50)) == found  # short name (gazetteer)
    assert set(ids(ix, "离退休干部", region="region:210000", limit=50)) == found  # by id
    assert set(ids(ix, "离退休干部", region="region:210600", limit=50)) == {"zx:0001"}  # 丹东市's id
    assert ids(ix, "离退休干部", region="火星") == []


def test_other_filters(ix: ClauseIndex) -> None:
    assert set(ids(ix, "离退休干部", doc_type="简报", limit=50)) == {"zz:0001", "zz:0002"}
    assert set(ids(ix, "离退休干部", year_from=2016, year_to=2018, limit=50)) == {
        "fz:0001",
        "fz:0002",
        "fz:0003",
        "zb:0001",
        "zb:0002",
    }
    assert set(ids(ix, "离退休干部", year_from=2020, limit=50)) >= {"ln:0001", "zz:0001"}
    assert set(ids(ix, "红枫行动", program="红枫行动", limit=50)) == {"ln:0001", "sy:0001"}
    assert set(ids(ix, "离退休干部", issuer="中共辽宁省委老干部局", limit=50)) == {
        "ln:0001",
        "ln:0002",
        "ln:0003",
    }


def test_filter_without_query_lists_in_document_order(ix: ClauseIndex) -> None:
    assert ids(ix, "", region="福州市") == ["fz:0001", "fz:0002", "fz:0003"]


def test_facet_counts_over_the_full_result_set(ix: ClauseIndex) -> None:
    page = ix.search(SearchRequest(q="红枫行动", limit=1))
    assert page.total == 4 and len(page.results) == 1
    facets = {k: {v["value"]: v["count"] for v in vals} for k, vals in page.facets.items()}
    # 4 clauses: 3 of the Liaoning notice (title match) + the Shenyang one
    assert facets["region"] == {"辽宁省": 4, "沈阳市": 1}
    assert facets["doc_type"] == {"实施意见": 3, "经验交流": 1}
    assert facets["year"] == {2020: 4}
    assert facets["program"] == {"红枫行动": 2}
    assert facets["issuer"] == {"中共辽宁省委老干部局": 3, "沈阳市委老干部局": 1}


# ---------------------------------------------------------------- results


def test_result_shape(ix: ClauseIndex) -> None:
    page = ix.search(SearchRequest(q="枫叶驿站"))
    hit = page.results[0]
    assert hit.clause_id == "ln:0003"
    assert hit.path == ["二、主要内容", "（二）创建“枫叶驿站”"]
    assert hit.document == {
        "doc_id": "ln",
        "title": "关于开展“支部力量·红枫行动”党建品牌创建活动的实施意见",
        "issuer": "中共辽宁省委老干部局",
        "doc_no": "辽老通字〔2020〕4号",
        "date": "2020-02-25",
        "doc_type": "实施意见",
        "region": {"id": "region:210000", "name": "辽宁省", "path": ["辽宁省"]},
        "year": 2020,
    }
    d = page.to_dict()
    assert set(d) >= {"query", "total", "results", "facets"}
    assert set(d["results"][0]) >= {"clause_id", "doc_id", "text", "highlight", "path", "score", "document"}


def test_highlight_on_traditional_script(ix: ClauseIndex) -> None:
    hit = ix.search(SearchRequest(q="党支部规范化建设", doc_type="简报")).results[0]
    assert hit.clause_id == "zz:0001"
    assert hit.text.startswith("2020年主題")  # original script kept
    assert "<mark>黨支部規範化建設</mark>" in hit.highlight


def test_highlight_is_escaped_and_merged(tmp_path: Path) -> None:
    ix = ClauseIndex.create(
        tmp_path / "i", [make_doc("h", "t", ["<b>红枫行动</b>&党建品牌创建活动"])], extra_terms=TERMS
    )
    hit = ix.search(SearchRequest(q="红枫行动党建品牌")).results[0]
    assert hit.highlight == "&lt;b&gt;<mark>红枫行动</mark>&lt;/b&gt;&amp;<mark>党建品牌</mark>创建活动"
    hit = ix.search(SearchRequest(q="红枫行动")).results[0]
    assert hit.highlight.count("<mark>") == 1


def test_long_clause_highlight_is_a_window(tmp_path: Path) -> None:
    text = "一" * 300 + "开展红枫行动" + "二" * 600
    ix = ClauseIndex.create(tmp_path / "i", [make_doc("w", "t", [text])], extra_terms=TERMS)
    hit = ix.search(SearchRequest(q="红枫行动")).results[0]
    assert hit.text == text
    assert hit.highlight.startswith("…") and hit.highlight.endswith("…")
    assert "<mark>红枫行动</mark>" in hit.highlight
    assert len(hit.highlight) <= 400 + len("<mark></mark>") + 2


def test_pagination_and_deterministic_ties(tmp_path: Path) -> None:
    # identical clauses score identically: the order is doc_id, then ordinal — whatever the
    # insertion order
    docs = [make_doc(d, "同一标题", ["开展红枫行动。", "开展红枫行动。"]) for d in ("c", "a", "b")]
    ix = ClauseIndex.create(tmp_path / "i", docs, extra_terms=TERMS)
    expected = ["a:0001", "a:0002", "b:0001", "b:0002", "c:0001", "c:0002"]
    assert ids(ix, "红枫行动", limit=10) == expected
    pages = [ids(ix, "红枫行动", limit=2, offset=o) for o in (0, 2, 4)]
    assert [c for page in pages for c in page] == expected
    ix.add_documents([make_doc("a", "同一标题", ["开展红枫行动。", "开展红枫行动。"])])  # re-insert a last
    assert ids(ix, "红枫行动", limit=10) == expected


# ---------------------------------------------------------------- power users


def test_boolean_operators_and_fields(ix: ClauseIndex) -> None:
    assert set(ids(ix, "红枫行动 AND 沈阳市")) == {"sy:0001"}
    assert "sy:0001" not in ids(ix, "红枫行动 NOT 沈阳市")
    assert set(ids(ix, "(楼栋长 OR 枫叶驿站) AND 社区", limit=50)) == {"zx:0001"}
    assert set(ids(ix, "(楼栋长 OR 枫叶驿站) AND 老同志", limit=50)) == {
        "ln:0003",
        "zx:0001",
    }  # 老同志 ~ 离退休干部
    assert set(ids(ix, "region:丹东市 离退休干部")) == {"zx:0001"}
    assert set(ids(ix, "地区:丹东市 离退休干部")) == {"zx:0001"}
    assert set(ids(ix, "year:2016 离退休干部")) == {"zb:0001", "zb:0002"}
    assert set(ids(ix, 'title:"红枫行动"', limit=50)) == {"ln:0001", "ln:0002", "ln:0003"}
    assert set(ids(ix, "doc_no:榕离退工委〔2018〕4号", limit=50)) == {"fz:0001", "fz:0002", "fz:0003"}


# ---------------------------------------------------------------- bad queries


def test_empty_query_is_a_bad_query(ix: ClauseIndex) -> None:
    for q in ("", "   "):
        with pytest.raises(BadQuery):
            ix.search(SearchRequest(q=q))


@pytest.mark.parametrize("q", ["？？？", "😀😀", "……——", "   ，。 "])
def test_punctuation_or_emoji_only_gives_an_empty_page(ix: ClauseIndex, q: str) -> None:
    page = ix.search(SearchRequest(q=q))
    assert page.total == 0 and page.results == [] and page.notices


def test_too_long_query(ix: ClauseIndex) -> None:
    with pytest.raises(BadQuery) as err:
        ix.search(SearchRequest(q="离退休干部" * 1000))  # 5,000 characters
    assert err.value.code == "query_too_long" and "2000" in err.value.message
    page = ix.search(SearchRequest(q="离退休干部党支部换届改选制度，" * 100))  # 1,500: accepted
    assert page.total > 0


def test_a_long_keyword_list_is_searched_as_a_long_text(ix: ClauseIndex) -> None:
    # 74 characters of words: long-text mode, every word searched (the 24-word cut of a typed
    # question and the cap of long texts: tests/search/test_long_query.py)
    words = "枫叶驿站 楼栋长 换届改选 积分制度 经费 党建品牌 社区治理 老同志 学习 规范化 单独建立 联合设立 宝贵财富 正能量 落实 政策 返还 党费 主题 制度 基础 短板 弱项 任期 三年 每月 通报"
    page = ix.search(SearchRequest(q=words))
    assert page.total > 0 and any("长文本" in n for n in page.notices)


@pytest.mark.parametrize(
    ("q", "notice"),
    [
        ('"红枫行动', True),
        ("“红枫行动", True),
        ("红枫行动”", False),  # a lone closing quote is punctuation
        ("(红枫行动", False),  # no operator: plain question, parentheses are punctuation
        ("红枫行动) OR", True),
        ("AND 红枫行动", True),
        ("((红枫 OR 行动)", True),
    ],
)
def test_unbalanced_quotes_and_parentheses_fall_back_to_words(ix: ClauseIndex, q: str, notice: bool) -> None:
    page = ix.search(SearchRequest(q=q))
    assert page.total > 0
    assert bool(page.notices) == notice


def test_lone_operator(ix: ClauseIndex) -> None:
    page = ix.search(SearchRequest(q="NOT"))
    assert page.total == 0 or page.notices


def test_chinese_parentheses_in_a_question_are_text(ix: ClauseIndex) -> None:
    assert ids(ix, "支部工作条例（试行）") == ids(ix, "支部工作条例 试行")


def test_unknown_field(ix: ClauseIndex) -> None:
    with pytest.raises(BadQuery) as err:
        ix.search(SearchRequest(q="foo:红枫行动"))
    assert "foo" in err.value.message and err.value.code == "unknown_field"
    with pytest.raises(BadQuery):
        ix.search(SearchRequest(q="year:去年"))


def test_limits_and_offsets(ix: ClauseIndex) -> None:
    page = ix.search(SearchRequest(q="离退休干部", limit=0))
    assert page.total > 0 and page.results == [] and page.facets["region"]
    with pytest.raises(BadQuery):
        ix.search(SearchRequest(q="离退休干部", limit=-1))
    with pytest.raises(BadQuery):
        ix.search(SearchRequest(q="离退休干部", offset=-1))
    with pytest.raises(BadQuery):
        ix.search(SearchRequest(q="离退休干部", offset=10**9))
    with pytest.raises(BadQuery):
        ix.search(SearchRequest(q="离退休干部", limit="10"))  # type: ignore[arg-type]
    huge = ix.search(SearchRequest(q="离退休干部", limit=10**9))
    assert huge.limit == 100 and len(huge.results) == huge.total and huge.notices
    past = ix.search(SearchRequest(q="离退休干部", offset=500))
    assert past.results == [] and past.total > 0


def test_random_queries_never_raise_anything_but_bad_query(ix: ClauseIndex) -> None:
    import random

    rng = random.Random(5)
    pieces = [
        "红枫行动", "离退休干部", "黨支部", "AND", "OR", "NOT", "(", ")", '"', "“", "”", "「", "」", ":",
        "title:", "region:", "year:", "foo:", "doc_no:", "中办发〔2016〕3号", "〔", "3", "号", "😀", "？",
        " ", "  ", "\t", "\n", "&&", "||", "-", "*", "\\", "'", "：", "（", "）", "year:2020-2019", "a",
    ]  # fmt: skip
    for _ in range(300):
        q = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        try:
            page = ix.search(SearchRequest(q=q, limit=rng.choice([0, 1, 10]), offset=rng.choice([0, 3, 50])))
        except BadQuery:
            continue
        assert page.total >= len(page.results)
