"""The clause-coverage invariant (ingest.coverage) on the seed corpus and on every text fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.coverage import check
from ingest.pipeline import read_bytes
from policykg.model import Clause, Document

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(ROOT.glob("corpus/*.txt")) + sorted((ROOT / "tests/fixtures/ingest").rglob("*.txt"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_body_character_lies_in_exactly_one_clause(path: Path) -> None:
    for doc in read_bytes(path.name, path.read_bytes()):
        report = check(doc)
        where = [doc.text[a:b][:40] for a, b in report.uncovered]
        assert report.ok, (doc.id, where, report.overlapping)


def _doc(text: str, clauses: list[tuple[int, int]], meta: list[tuple[int, int]] | None = None) -> Document:
    cs = [
        Clause(f"d:{i:04d}", "d", i, text[a:b], text[a:b], start=a, end=b)
        for i, (a, b) in enumerate(clauses, 1)
    ]
    return Document("d", "t", text, text, "d.txt", "0", clauses=cs, meta_spans=meta or [])


def test_the_check_finds_uncovered_and_doubly_covered_text() -> None:
    text = "标题行\n第一段正文。\n第二段正文。"
    assert check(_doc(text, [(4, 10), (11, 17)], [(0, 3)])).ok
    missing = check(_doc(text, [(4, 10)], [(0, 3)]))
    assert [text[a:b] for a, b in missing.uncovered] == ["第二段正文。"]
    twice = check(_doc(text, [(4, 10), (8, 17)], [(0, 3)]))
    assert twice.overlapping and not twice.ok
