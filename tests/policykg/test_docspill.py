"""policykg.docspill: light documents read back whole from their spill, exactly."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from policykg.docspill import SpilledDocuments, TextSpill, metadata, spill_texts, strip_text, with_texts
from policykg.model import Clause, Document


def _doc(i: int) -> Document:
    texts = [f"第{i}.{j}条　離退休幹部“红枫”\n行动 {j}" for j in range(1 + i % 3)]
    clauses = [
        Clause(id=f"d{i}:{j:04d}", doc_id=f"d{i}", ordinal=j, text=t, search_text=t.replace("幹", "干"))
        for j, t in enumerate(texts)
    ]
    body = "\n\n".join(texts)
    return Document(
        id=f"d{i}",
        title=f"标题{i}",
        text=body,
        search_text=body.replace("幹", "干"),
        source=f"f{i}.txt",
        sha256=f"{i:064d}",
        clauses=clauses,
    )


def _dump(doc: Document) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False)


def test_light_copy_keeps_everything_but_the_text() -> None:
    doc = _doc(2)
    light = strip_text(doc)
    assert light.text == light.search_text == "" and all(c.text == "" for c in light.clauses)
    assert [c.search_text for c in light.clauses] == [c.search_text for c in doc.clauses]
    assert doc.text and doc.clauses[0].text  # the original is untouched
    assert with_texts(light, [doc.text, doc.search_text, [c.text for c in doc.clauses]]) == doc


def test_documents_read_back_byte_identical(tmp_path: Path) -> None:
    docs = [_doc(i) for i in range(7)]
    spill = TextSpill(str(tmp_path))
    for part in (docs[:3], docs[3:]):  # two writes to the same process's file
        for d, ref in zip(part, spill_texts(spill.folder, part), strict=True):
            spill.refs[(d.sha256, d.id)] = ref
    light = [strip_text(d) for d in docs]
    seq = spill.documents(light)
    assert isinstance(seq, SpilledDocuments) and len(seq) == 7
    assert [_dump(d) for d in seq] == [_dump(d) for d in docs]
    assert _dump(seq[5]) == _dump(docs[5])
    assert [_dump(d) for d in seq[2:6]] == [_dump(d) for d in docs[2:6]]
    assert metadata(seq) is seq.light and metadata(docs) is docs
    assert seq.chars() == [sum(len(c.text) for c in d.clauses) + len(d.title) for d in docs]
    # pickled (a spawned index worker's chunk): references only, the texts stay on disk
    again = pickle.loads(pickle.dumps(seq[1:4]))
    assert [_dump(d) for d in again] == [_dump(d) for d in docs[1:4]]
    assert "幹" not in pickle.dumps(seq).decode("utf-8", "ignore")  # only the texts have it


def test_changes_to_a_light_copy_reach_the_full_document(tmp_path: Path) -> None:
    doc = _doc(1)
    spill = TextSpill(str(tmp_path))
    spill.refs[(doc.sha256, doc.id)] = spill_texts(spill.folder, [doc])[0]
    light = strip_text(doc)
    light.title = "改过的标题"  # curated metadata, applied to the light copy
    (full,) = list(spill.documents([light]))
    assert full.title == "改过的标题" and full.text == doc.text


def test_whole_documents_without_a_reference_pass_through(tmp_path: Path) -> None:
    a, b = _doc(1), _doc(2)
    spill = TextSpill(str(tmp_path))
    assert spill.documents([a, b]) == [a, b]  # nothing spilled: the list as it is
    spill.refs[(b.sha256, b.id)] = spill_texts(spill.folder, [b])[0]
    seq = spill.documents([a, strip_text(b)])
    assert [_dump(d) for d in seq] == [_dump(a), _dump(b)]
    assert seq[0] is a


def test_a_damaged_spill_is_an_error_not_a_wrong_document(tmp_path: Path) -> None:
    doc = _doc(2)
    spill = TextSpill(str(tmp_path))
    ref = spill_texts(spill.folder, [doc])[0]
    spill.refs[(doc.sha256, doc.id)] = ref
    light = strip_text(doc)
    Path(ref.path).write_bytes(Path(ref.path).read_bytes()[:-5])
    with pytest.raises(OSError):
        list(spill.documents([light]))
    fewer = strip_text(_doc(0))  # one clause where the spilled texts have three
    with pytest.raises(ValueError):
        with_texts(fewer, [doc.text, doc.search_text, [c.text for c in doc.clauses]])


def test_light_clauses_share_equal_heading_paths_and_numbers() -> None:
    doc = _doc(2)
    for c in doc.clauses:  # equal but distinct objects, as a reader makes them
        c.path = ["一、总体要求", "（一）目标"]
        c.number = "".join(["（", "一", "）"])
    light = pickle.loads(pickle.dumps(strip_text(doc)))  # as it comes back from a worker
    first = light.clauses[0]
    assert all(c.path is first.path and c.number is first.number for c in light.clauses)
    assert [c.path for c in light.clauses] == [c.path for c in doc.clauses]
    assert _dump(with_texts(light, [doc.text, doc.search_text, [c.text for c in doc.clauses]])) == _dump(doc)


def test_whole_streams_the_documents_back_as_documents_gives_them(tmp_path: Path) -> None:
    docs = [_doc(i) for i in range(5)]
    spill = TextSpill(str(tmp_path))
    for d, ref in zip(docs[:4], spill_texts(spill.folder, docs[:4]), strict=True):
        spill.refs[(d.sha256, d.id)] = ref
    light = [strip_text(d) for d in docs[:4]] + [docs[4]]  # the last read here: whole already
    streamed = spill.whole(iter(light))
    assert [_dump(d) for d in streamed] == [_dump(d) for d in spill.documents(light)]
    assert [_dump(d) for d in spill.whole(light)] == [_dump(d) for d in docs]
