"""The proximity re-rank reads word positions from the text field's postings: they must be the
positions the clause's own analysis gives (the text path it replaced), on a multi-segment index
with deletions (global docnums = leaf docnum + offset)."""

from __future__ import annotations

import numpy as np
import pytest
from search_fixtures import corpus, make_doc

from search.analysis import fold_text, folded_postings
from search.backends.whoosh.ranking import evaluate, index_positions, proximity_bonus
from search.index import ClauseIndex
from search.results import SearchRequest
from search.segment import get_segmenter

TERMS = ("红枫行动", "本色家园", "枫叶驿站")
QUERIES = (
    "离退休干部党支部",
    "老党员学习活动积分制度",
    "党支部规范化建设",
    "离退休干部党组织工作经费",
    "红枫行动 学习活动",
    "社区治理 楼栋长",
)


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory) -> ClauseIndex:
    docs, anns = corpus()
    index = ClauseIndex.create(tmp_path_factory.mktemp("prox") / "index", docs, anns, TERMS)
    # a second and third segment, and deletions in the first (sy is replaced as a whole)
    index.add_documents(
        [
            make_doc(
                "extra",
                "离退休干部党支部建设",
                [
                    "离退休干部党支部规范化建设，党支部书记带头学习活动积分制度。",
                    "楼栋长参与社区治理，离退休干部党组织工作经费足额保障。",
                ],
            )
        ]
    )
    index.add_documents(
        [make_doc("sy", "沈阳市老干部工作情况", ["老党员学习活动积分制度，离退休干部党支部每月通报。"])]
    )
    return index


def _text_positions(ix: ClauseIndex, docnum: int) -> dict[str, list[int]]:
    rec = ix.searcher().stored_fields(docnum)["record"]
    return folded_postings(fold_text(rec["text"], rec.get("script")).text, get_segmenter(ix.extra_terms))[0]


def test_index_is_multi_segment_with_deletions(ix: ClauseIndex) -> None:
    ctx = ix._reader_state().context
    assert len(ctx.leaves) > 1
    assert ctx.deleted


def test_index_positions_equal_the_clause_analysis(ix: ClauseIndex) -> None:
    ctx = ix._reader_state().context
    live = [d for d in range(ctx.size) if d not in ctx.deleted]
    checked = 0
    for q in QUERIES:
        plan = ix.builder.build(q, ctx)
        assert plan.ranked is not None and plan.ranked.pairs, q
        words = {x for a, b, _w in plan.ranked.pairs for x in (a, b)}
        got = index_positions(ctx, "text", words, live)
        for d in live:
            text = _text_positions(ix, d)
            want = {w: text[w] for w in words if w in text}
            assert got[d] == want, (q, d)
            checked += len(want)
    assert checked > 20


def test_index_path_gives_the_text_path_bonus(ix: ClauseIndex) -> None:
    ctx = ix._reader_state().context
    w = ix.builder.weights
    nonzero = 0
    for q in QUERIES:
        plan = ix.builder.build(q, ctx)
        assert plan.ranked is not None
        weighted = [
            (a, b, w.proximity * min(ctx.idf("text", a), ctx.idf("text", b)))
            for a, b, _x in plan.ranked.pairs
        ]
        docs = list(evaluate(ctx, plan.ranked, None, w.coordination))
        assert docs, q
        got = index_positions(ctx, "text", {x for a, b, _w in weighted for x in (a, b)}, docs)
        for d in docs:
            want = proximity_bonus(_text_positions(ix, d), weighted, w.proximity_slop)
            assert proximity_bonus(got[d], weighted, w.proximity_slop) == want, (q, d)
            nonzero += want > 0
    assert nonzero >= len(QUERIES)


def test_absent_words_and_unknown_terms_are_left_out(ix: ClauseIndex) -> None:
    ctx = ix._reader_state().context
    got = index_positions(ctx, "text", ["楼栋长", "不存在的词语"], range(ctx.size))
    holders = {d for d, pos in got.items() if "楼栋长" in pos}
    assert holders and len(holders) < ctx.size
    assert not any("不存在的词语" in pos for pos in got.values())
    assert index_positions(ctx, "text", ["楼栋长"], []) == {}


def test_reranked_search_still_finds_the_close_pair_first(ix: ClauseIndex) -> None:
    top = ix.search(SearchRequest(q="学习活动积分制度", limit=3)).results
    assert top and "学习活动积分制度" in top[0].text


def test_block_reader_equals_the_generic_matcher_loop(ix: ClauseIndex) -> None:
    from whoosh.codec.whoosh3 import W3LeafMatcher

    from search.backends.whoosh.ranking import _block_values, _matcher_values

    ctx = ix._reader_state().context
    r, off = ctx.leaves[0]
    targets = [d for d in range(0, r.doc_count_all(), 2) if d + off not in ctx.deleted]
    for word in ("离退休干部", "党支部", "学习"):
        m = r.postings("text", word.encode())
        leaf = getattr(m, "child", m)  # unwrap the deletion filter
        assert isinstance(leaf, W3LeafMatcher)
        ids = ctx.doc_array("text", word)
        lo = int(np.searchsorted(ids, off))
        present = [d for d in targets if d + off in set(ids.tolist())]
        indices = [int(np.searchsorted(ids, d + off)) - lo for d in present]
        fast = _block_values(leaf, indices, present)
        assert fast and fast == _matcher_values(r.postings("text", word.encode()), targets), word
