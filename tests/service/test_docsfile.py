"""service/docsfile.py: documents.jsonl is one JSON line per document, in order; a build's file
written ahead appears whole or not at all, and is placed into a generation as it was written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policykg.model import Clause, Document
from service.docsfile import EarlyDocuments, write_documents_file


def _doc(i: int) -> Document:
    text = f"第{i}条　离退休干部党支部"
    clause = Clause(id=f"d{i}:0001", doc_id=f"d{i}", ordinal=1, text=text, search_text=text)
    return Document(
        id=f"d{i}",
        title=f"标题{i}",
        text=text,
        search_text=text,
        source=f"d{i}.txt",
        sha256=f"{i:064d}",
        clauses=[clause],
    )


def test_one_line_per_document_in_order(tmp_path: Path) -> None:
    docs = [_doc(i) for i in (3, 1, 2)]
    write_documents_file(tmp_path / "documents.jsonl", docs)
    lines = (tmp_path / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    assert [Document.from_dict(json.loads(x)) for x in lines] == docs
    assert "离退休" in lines[0]  # not escaped


def test_a_file_written_ahead_is_whole_or_absent_and_placed_as_written(tmp_path: Path) -> None:
    early = EarlyDocuments(tmp_path / "spill" / "documents.jsonl")
    early.path.parent.mkdir()
    assert not early.ready()

    def broken():  # type: ignore[no-untyped-def]
        yield _doc(1)
        raise OSError("disk full")

    with pytest.raises(OSError):
        early.write(broken())
    assert not early.ready()
    early.write([_doc(1), _doc(2)])
    assert early.ready()
    (tmp_path / "gen").mkdir()
    early.place(tmp_path / "gen" / "documents.jsonl")
    write_documents_file(tmp_path / "direct.jsonl", [_doc(1), _doc(2)])
    assert (tmp_path / "gen" / "documents.jsonl").read_bytes() == (tmp_path / "direct.jsonl").read_bytes()
