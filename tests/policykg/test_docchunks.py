"""policykg.docchunks: an index worker's chunk file gives back exactly the parent's documents
and annotations, one document at a time."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from policykg.docchunks import read_chunk, write_chunk
from policykg.docspill import TextSpill, spill_texts, strip_text
from policykg.model import Clause, ClauseAnnotation, Document, Fact, RegionRef


def _doc(i: int) -> Document:
    texts = [f"第{i}.{j}条　離退休幹部“红枫”行动每月不少于{j + 1}次" for j in range(1 + i % 3)]
    clauses = [
        Clause(
            id=f"d{i}:{j:04d}",
            doc_id=f"d{i}",
            ordinal=j,
            text=t,
            search_text=t.replace("幹", "干"),
            path=["一、总体要求"] if j else [],
        )
        for j, t in enumerate(texts)
    ]
    body = "\n".join(texts)
    return Document(
        id=f"d{i}",
        title=f"标题{i}",
        text=body,
        search_text=body.replace("幹", "干"),
        source=f"f{i}.txt",
        sha256=f"{i:064d}",
        region=RegionRef(id="r", name="沈阳市", level="city", code="2101", path=("21", "2101")),
        meta_spans=[(0, 2)],
        clauses=clauses,
    )


def _dump(doc: Document) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False)


def _anns(docs: list[Document]) -> dict[str, ClauseAnnotation]:
    # every other clause annotated: a clause without one must come back without one
    return {
        c.id: ClauseAnnotation(
            clause_id=c.id,
            programs=["红枫行动"],
            facts=[Fact(kind="frequency", value=c.ordinal + 1, unit="次", text="每月", clause_id=c.id)],
            region_path=["21", "2101"],
        )
        for d in docs
        for c in d.clauses
        if c.ordinal % 2 == 0
    }


def test_spilled_documents_come_back_whole_with_their_annotations(tmp_path: Path) -> None:
    docs = [_doc(i) for i in range(6)]
    spill = TextSpill(str(tmp_path / "spill"))
    Path(spill.folder).mkdir()
    for d, ref in zip(docs[1:], spill_texts(spill.folder, docs[1:]), strict=True):
        spill.refs[(d.sha256, d.id)] = ref
    # the first was read in the parent and is whole; the others are light copies on the spill
    seq = spill.documents([docs[0], *(strip_text(d) for d in docs[1:])])
    seq.light[3].title = "改过的标题"  # curated metadata on a light copy reaches the worker
    anns = _anns(docs)
    path = str(tmp_path / "chunk.pickle")
    write_chunk(path, seq[1:6], anns)
    got = list(read_chunk(path))
    want = [_dump(d) for d in docs[1:6]]
    want[2] = want[2].replace('"标题3"', '"改过的标题"')
    assert [_dump(d) for d, _ in got] == want
    for doc, doc_anns in got:
        assert doc_anns == {c.id: anns[c.id] for c in doc.clauses if c.id in anns}
        assert isinstance(doc.region, RegionRef) and doc.region.path == ("21", "2101")
        assert doc.meta_spans == [(0, 2)]


def test_a_list_of_whole_documents_and_an_empty_chunk(tmp_path: Path) -> None:
    docs = [_doc(i) for i in range(3)]
    path = str(tmp_path / "chunk.pickle")
    write_chunk(path, docs, {})
    assert [(_dump(d), a) for d, a in read_chunk(path)] == [(_dump(d), {}) for d in docs]
    write_chunk(path, [], {})
    assert list(read_chunk(path)) == []


def test_writing_a_chunk_leaves_the_parents_strings_as_they_were(tmp_path: Path) -> None:
    # plain pickling caches each Chinese string's UTF-8 bytes inside it (~75 MB at 200k clauses)
    docs = [_doc(i) for i in range(3)]
    sizes = [sys.getsizeof(c.search_text) for d in docs for c in d.clauses]
    write_chunk(str(tmp_path / "chunk.pickle"), docs, _anns(docs))
    assert [sys.getsizeof(c.search_text) for d in docs for c in d.clauses] == sizes
