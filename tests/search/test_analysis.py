"""Our analyzer: sequential positions, offsets into the original script, numbers and doc numbers."""

from __future__ import annotations

from search.analysis import (
    DOCNO,
    MAIN,
    SUB,
    PolicyAnalyzer,
    analyze,
    fold_text,
    normalize_doc_no,
)


def mains(text: str, script: str = "simplified") -> list[tuple[str, int]]:
    return [(w, p) for w, p, _s, _e, k in analyze(text, script) if k == MAIN]  # type: ignore[arg-type]


def test_positions_are_sequential_token_ordinals() -> None:
    terms = mains("开展“支部力量·红枫行动”党建品牌创建活动")
    assert [p for _w, p in terms] == list(range(len(terms)))
    assert [w for w, _p in terms] == ["开展", "支部", "力量", "红枫行动", "党建品牌", "创建活动"]


def test_punctuation_takes_no_position() -> None:
    assert mains("支部力量·红枫行动") == mains("支部力量红枫行动")


def test_subwords_share_the_position_of_their_word() -> None:
    terms = analyze("离退休干部党支部", "simplified")
    pos = {(w, k): p for w, p, _s, _e, k in terms}
    assert pos[("离退休干部", MAIN)] == pos[("干部", SUB)] == pos[("离退休", SUB)] == 0
    assert pos[("党支部", MAIN)] == pos[("支部", SUB)] == 1
    # a domain word's standard-dictionary pieces are sub-words too (红枫 is no dictionary word)
    assert ("红枫", SUB) in {(w, k) for w, _p, _s, _e, k in analyze("红枫行动", "simplified")}


def test_offsets_point_into_the_original_traditional_text() -> None:
    text = "加強離退休幹部黨組織規範化建設"
    terms = analyze(text, "traditional")
    by_word = {w: text[s:e] for w, _p, s, e, k in terms if k == MAIN}
    assert by_word["离退休干部"] == "離退休幹部"
    assert by_word["党组织"] == "黨組織"
    assert by_word["规范化建设"] == "規範化建設"


def test_offsets_survive_width_folding_and_stray_spaces() -> None:
    text = "（二）创建 活动，ＡＢＣ１２３"
    terms = analyze(text, "simplified")
    spans = {w: text[s:e] for w, _p, s, e, k in terms if k == MAIN}
    assert spans["创建活动"] == "创建 活动"  # the space inside a word is a PDF artefact
    assert spans["abc123"] == "ＡＢＣ１２３"
    assert spans["二"] == "二"


def test_numbers_single_letters_and_dates_are_kept() -> None:
    words = [w for w, _p in mains("2020年2月25日，A类3号，第7期Ⅱ")]
    assert words == ["2020", "年", "2", "月", "25", "日", "a", "类", "3", "号", "第", "7", "期", "ii"]


def test_document_numbers() -> None:
    text = "认真贯彻落实中办发〔2016〕3号文件"
    terms = analyze(text, "simplified")
    main = [w for w, _p, _s, _e, k in terms if k == MAIN]
    # the phrase 中办发 2016 3 号 is there, with the single digit
    i = main.index("中办发")
    assert main[i : i + 4] == ["中办发", "2016", "3", "号"]
    docnos = {w: text[s:e] for w, _p, s, e, k in terms if k == DOCNO}
    assert docnos["中办发〔2016〕3号"] == "中办发〔2016〕3号"
    assert "落实中办发〔2016〕3号" in docnos  # every plausible prefix length
    assert normalize_doc_no("辽老通字［2020］04号") == "辽老通字〔2020〕4号"
    assert normalize_doc_no("辽老通字(2020)4号") == "辽老通字〔2020〕4号"
    assert normalize_doc_no("没有文号") is None


def test_no_stop_list_and_no_stemming() -> None:
    words = [w for w, _p in mains("The rules of 党建 are being applied")]
    assert words == ["the", "rules", "of", "党建", "are", "being", "applied"]


def test_fold_text_identity_fast_path() -> None:
    folded = fold_text("离退休干部党建工作", "simplified")
    assert folded.text == "离退休干部党建工作" and folded.origin is None
    # simplified text is never converted (t2s would damage 显著)
    assert fold_text("显著提高", "simplified").text == "显著提高"


def test_whoosh_tokenizer_face() -> None:
    ana = PolicyAnalyzer()
    toks = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in ana("黨支部建設", positions=True, chars=True, mode="query")
    ]
    assert toks == [("党支部", 0, 0, 3), ("建设", 1, 3, 5)]
    index_toks = [t.text for t in ana("党支部建设", positions=True)]
    assert "支部" in index_toks  # sub-words when indexing


def test_stock_chinese_analyzer_positions_are_character_offsets() -> None:
    """The bug we fix: jieba's ChineseAnalyzer gives positions that break phrase matching."""
    from jieba.analyse import ChineseAnalyzer

    toks = [(t.text, t.pos) for t in ChineseAnalyzer()("开展红枫行动", positions=True)]
    assert toks == [("开展", 0), ("红枫", 2), ("行动", 4)]  # character offsets, gaps of 2
    # and the single digit of a document number is dropped
    assert "3" not in [t.text for t in ChineseAnalyzer()("中办发〔2016〕3号")]
    ours = dict(mains("开展红枫行动"))
    assert ours["红枫行动"] == ours["开展"] + 1


def test_fast_nfkc_equals_unicodedata() -> None:
    import random
    import unicodedata

    from search.analysis import _nfkc

    rng = random.Random(3)
    alphabet = "，。：；（）ＡＢｃ１２３　〔〕①㈠ﬁ́̈e离退休干部 \u3000Ａ\u0301ｶﾞ"
    samples = ["离退休干部，党组织（试行）", "Ａ\u0301", "ｶﾞ", "①㈠ﬁ"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(2000)]
    for text in samples:
        assert _nfkc(text) == unicodedata.normalize("NFKC", text), text
