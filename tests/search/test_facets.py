"""Facet counts per document (search.backends.whoosh.facets) equal counts per clause.

The index mixes documents whose clauses all carry the same values (counted once per document)
with documents where a clause has values of its own (a clause annotated with another region or
with a program: counted clause by clause), over two segments and with deletions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from search_fixtures import FUZHOU, LIAONING, SHENYANG, ZAOZHUANG, make_doc

from policykg.model import ClauseAnnotation, Document
from search.backends.whoosh.facets import FACET_FIELDS, facet_table, value_counts
from search.backends.whoosh.index import ClauseIndex
from search.backends.whoosh.ranking import evaluate
from search.results import SearchRequest

REGIONS = [LIAONING, SHENYANG, ZAOZHUANG, FUZHOU, None]
TYPES = ["通知", "意见", "经验交流"]


def _docs(start: int, count: int) -> tuple[list[Document], dict[str, ClauseAnnotation]]:
    docs: list[Document] = []
    anns: dict[str, ClauseAnnotation] = {}
    for i in range(start, start + count):
        doc = make_doc(
            f"d{i}",
            f"离退休干部党建工作{i}",
            [f"第{j}条 离退休干部党支部开展学习活动{i}" for j in range(1 + i % 4)],
            region=REGIONS[i % len(REGIONS)],
            doc_type=TYPES[i % len(TYPES)],
            date=f"{2016 + i % 5}-03-01",
            issuers=[f"机关{i % 3}"],
        )
        docs.append(doc)
        for j, clause in enumerate(doc.clauses):
            if i % 3 == 0 and j == 0:  # a clause of its own region and program: a mixed document
                anns[clause.id] = ClauseAnnotation(
                    clause_id=clause.id, programs=["红枫行动"], region_path=["福建省", "福州市"]
                )
            elif i % 4 == 1:  # every clause annotated alike: still one value set per document
                anns[clause.id] = ClauseAnnotation(clause_id=clause.id, programs=["本色家园"])
    return docs, anns


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory) -> ClauseIndex:
    docs, anns = _docs(0, 60)
    index = ClauseIndex.create(Path(tmp_path_factory.mktemp("facets")) / "index", docs, anns)
    more, more_anns = _docs(60, 15)
    index.add_documents(more, more_anns)  # a second segment
    index.delete_documents(["d3", "d7", "d61"])  # deletions, a mixed document among them
    # d9 re-indexed with other values: its deleted clauses must not make it count twice
    index.delete_documents(["d9"])
    index.add_documents([make_doc("d9", "重发", ["离退休干部党支部开展学习活动"], region=FUZHOU)])
    return index


def _per_clause(ctx, ids: np.ndarray) -> dict[str, dict[str, int]]:  # type: ignore[no-untyped-def]
    """The reference: every matching clause's own values, one clause at a time."""
    matched = set(ids.tolist())
    out: dict[str, dict[str, int]] = {}
    for facet, fieldname in FACET_FIELDS.items():
        counts: dict[str, int] = {}
        if fieldname in ctx.reader.indexed_field_names():
            for term in ctx.reader.lexicon(fieldname):
                value = term.decode("utf-8")
                n = len(matched & set(ctx.live_docs(fieldname, value).tolist()))
                if n:
                    counts[value] = n
        out[facet] = counts
    return out


def test_documents_split_by_whether_their_clauses_agree(ix: ClauseIndex) -> None:
    ctx = ix._reader_state().context
    table = facet_table(ctx)
    # type, year, issuer and level are the document's: nothing is counted per clause
    for facet in ("doc_type", "year", "issuer", "level"):
        assert len(table.columns[facet].clause_docs) == 0, facet
        assert len(table.columns[facet].doc_docs) > 0, facet
    # a clause's own region or program makes its document mixed; the others stay per document
    for facet in ("region", "program"):
        assert len(table.columns[facet].clause_docs) > 0, facet
        assert len(table.columns[facet].doc_docs) > 0, facet
    assert not np.isin(table.columns["region"].clause_docs, np.flatnonzero(~ctx.live)).any()


def test_document_counts_equal_clause_counts_on_random_match_sets(ix: ClauseIndex) -> None:
    ctx = ix._reader_state().context
    table = facet_table(ctx)
    live = np.flatnonzero(ctx.live)
    rng = np.random.default_rng(3)
    sets = [live, live[:0], live[:1], live[-5:]] + [
        np.sort(rng.choice(live, size=int(rng.integers(1, len(live))), replace=False)) for _ in range(40)
    ]
    for ids in sets:
        got = value_counts(table, ids, ctx.size)
        want = _per_clause(ctx, ids)
        for facet, counts in got.items():
            values = table.columns[facet].values
            assert {values[i]: int(c) for i, c in enumerate(counts) if c} == want[facet], facet


def test_search_facets_are_the_clause_counts(ix: ClauseIndex) -> None:
    ctx = ix._reader_state().context
    for q in ("党支部", "学习活动3", "第1条"):
        page = ix.search(SearchRequest(q=q, limit=0))
        plan = ix.builder.build(q, ctx)
        assert plan.ranked is not None
        ids = evaluate(ctx, plan.ranked, None, ix.builder.weights.coordination).ids
        assert page.total == len(ids) > 0
        want = _per_clause(ctx, ids)
        for facet, rows in page.facets.items():
            assert {str(r["value"]): r["count"] for r in rows} == want[facet], (q, facet)
