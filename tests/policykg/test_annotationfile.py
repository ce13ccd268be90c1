"""A build's annotations on disk (policykg.annotationfile): the same mapping as the dict it was
written from, read one document at a time; refused when an annotation belongs to no document."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from policykg.annotationfile import AnnotationFile, write_annotations
from policykg.model import Clause, ClauseAnnotation, Document, Fact


def _docs(n: int) -> list[Document]:
    out = []
    for i in range(n):
        clauses = [
            Clause(id=f"d{i}:{j:04d}", doc_id=f"d{i}", ordinal=j, text="条", search_text="条")
            for j in range(i % 4)
        ]
        out.append(
            Document(id=f"d{i}", title="t", text="", search_text="", source="s", sha256="0", clauses=clauses)
        )
    return out


def _annotations(docs: list[Document]) -> dict[str, ClauseAnnotation]:
    anns = {}
    for d in docs:
        for c in d.clauses[1:]:  # the first clause of each document has no annotation
            fact = Fact(kind="amount", value=c.ordinal, unit="元", text="300元", clause_id=c.id)
            anns[c.id] = ClauseAnnotation(c.id, programs=["红枫行动"], facts=[fact], organization=d.id)
    return anns


def test_the_file_is_the_mapping_it_was_written_from(tmp_path: Path) -> None:
    docs = _docs(9)
    anns = _annotations(docs)
    path = str(tmp_path / "a.pickle")
    offsets = write_annotations(path, docs, anns)
    assert offsets is not None and len(offsets) == len(docs)
    ondisk = AnnotationFile(path, docs, offsets)
    assert len(ondisk) == len(anns) > 0
    assert dict(ondisk.items()) == anns
    for d in docs:
        for c in d.clauses:
            assert (c.id in ondisk) == (c.id in anns)
            assert ondisk.get(c.id) == anns.get(c.id)
    assert "nope" not in ondisk and ondisk.get("nope") is None
    with pytest.raises(KeyError):
        ondisk[docs[0].clauses[0].id if docs[0].clauses else "d1:0000"]
    ondisk.close()
    clone = pickle.loads(pickle.dumps(ondisk))  # a spawned worker's copy opens the file itself
    assert dict(clone.items()) == anns


def test_only_the_last_document_read_is_held(tmp_path: Path) -> None:
    docs = _docs(6)
    anns = _annotations(docs)
    path = str(tmp_path / "a.pickle")
    ondisk = AnnotationFile(path, docs, write_annotations(path, docs, anns) or [])
    assert ondisk["d3:0002"] == anns["d3:0002"]
    assert set(ondisk._record) == {"d3:0001", "d3:0002"}
    ondisk.close()


def test_an_annotation_of_no_document_is_refused(tmp_path: Path) -> None:
    docs = _docs(5)
    anns = _annotations(docs)
    anns["elsewhere:0001"] = ClauseAnnotation("elsewhere:0001")
    path = tmp_path / "a.pickle"
    assert write_annotations(str(path), docs, anns) is None and not path.exists()
