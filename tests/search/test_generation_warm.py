"""A generation's arrays made ahead of its first read (warm), the block table that lets the
re-rank jump to the posting blocks it needs, and index files read through memory maps: each
gives exactly the values and pages of the path it shortcuts."""

from __future__ import annotations

import mmap

import numpy as np
import pytest
from search_fixtures import make_doc

from search.backends.whoosh.postings import _block_values, _cached_blocks, _raw, _table_values, block_tables
from search.index import ClauseIndex
from search.results import SearchRequest

WORDS = ("离退休干部", "党支部", "学习活动", "社区治理")
QUERIES = ("离退休干部党支部", "学习活动积分制度", "社区治理 楼栋长", "党支部规范化建设")


def _docs(start: int, n: int) -> list:
    texts = [
        "离退休干部党支部规范化建设，党支部书记带头开展学习活动。",
        "老党员学习活动积分制度，离退休干部党支部每月通报。",
        "楼栋长参与社区治理，离退休干部党组织工作经费足额保障。",
    ]
    return [
        make_doc(
            f"d{i}", f"离退休干部党支部文件{i}", [f"{texts[(i + k) % 3]}第{i}号第{k}条。" for k in range(3)]
        )
        for i in range(start, start + n)
    ]


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory) -> ClauseIndex:
    # 600 clauses: common words span several posting blocks (whoosh writes 128 postings a block)
    index = ClauseIndex.create(tmp_path_factory.mktemp("warm") / "index", _docs(0, 200))
    index.add_documents(_docs(200, 20))  # a second segment
    index.delete_documents(["d3", "d150"])  # and deletions in the first
    return index


def test_index_files_are_memory_mapped(ix: ClauseIndex) -> None:
    ctx = ix._reader_state().context
    r, _off = ctx.leaves[0]
    m = _raw(r.postings("text", "党支部".encode()))
    assert isinstance(m._postfile.file, mmap.mmap)


def test_block_table_reads_the_same_values_as_the_block_walk(ix: ClauseIndex) -> None:
    ctx = ix._reader_state().context
    multi = False
    for word in WORDS:
        ids = ctx.doc_array("text", word)
        tables = block_tables(ctx.leaves, "text", word)
        for leaf, (r, off) in enumerate(ctx.leaves):
            lo, hi = np.searchsorted(ids, [off, off + r.doc_count_all()])
            if hi == lo:
                continue
            table = tables[leaf]
            assert table is not None
            multi = multi or len(table[0]) > 1
            indices = list(range(0, int(hi - lo), 7))
            docs = [int(ids[lo + i]) - off for i in indices]
            walked = _block_values(_raw(r.postings("text", word.encode())), indices, docs)
            # through the generation's block cache: read on the first pass, cached on the second
            for _ in range(2):
                values_at = _cached_blocks(ctx, "text", word, leaf, r, word.encode())
                jumped = _table_values(values_at, table, indices, docs)
                assert jumped == walked, word
    assert multi  # posting lists of several blocks were read


def _pages(index: ClauseIndex) -> list:
    return [
        [(h.clause_id, h.score, h.highlight) for h in index.search(SearchRequest(q=q, limit=10)).results]
        + [index.search(SearchRequest(q=q, limit=0, facets=True)).facets]
        for q in QUERIES
    ]


def test_warm_replays_the_previous_generation_and_changes_no_answer(ix: ClauseIndex) -> None:
    expected = _pages(ix)  # also fills ix's term cache
    fresh = ClauseIndex.open(ix.directory)
    try:
        fresh.warm(ix)
        shared = fresh._shared[1]
        assert "facets" in shared.once and "ranks" in shared.once
        assert {k for k in ix._shared[1]._lru} <= set(shared._lru)
        assert _pages(fresh) == expected
    finally:
        fresh.close()
    cold = ClauseIndex.open(ix.directory)
    try:
        cold.warm(None)  # nothing to replay: the whole-index arrays only
        assert not cold._shared[1]._lru or all(k[0] != "comp" for k in cold._shared[1]._lru)
        assert _pages(cold) == expected
    finally:
        cold.close()


def test_pages_served_from_the_page_cache_equal_freshly_computed_ones(ix: ClauseIndex) -> None:
    """Highlights (the hits' analysed text), re-rank positions (decoded blocks) and a quoted
    phrase's match set come from GenerationArrays.page once cached: same pages as without it."""
    queries = (*QUERIES, '"党支部" 学习活动')

    def pages(index: ClauseIndex) -> list:
        return [
            [(h.clause_id, h.score, h.highlight) for h in index.search(SearchRequest(q=q, limit=10)).results]
            for q in queries
        ]

    fresh = ClauseIndex.open(ix.directory)
    try:
        first = pages(fresh)  # computed, and cached
        kinds = {k[0] for k in fresh._shared[1].page.recent()}
        assert {"terms", "values", "required"} <= kinds
        assert pages(fresh) == first  # served from the cache
        assert any("<mark>" in h for page in first for _c, _s, h in page)
    finally:
        fresh.close()
    uncached = ClauseIndex.open(ix.directory)
    try:
        uncached._shared[1].page.budget_bytes = 0  # every entry leaves at once (one is kept)
        assert pages(uncached) == first
    finally:
        uncached.close()
