"""The graph build's shortcuts give what the plain computation gives, and its passes do not
depend on which units happen to issue a document.

Reference implementations below are the plain loops the fast versions replaced.
"""

from __future__ import annotations

import random

import pytest
from graph_helpers import make_doc

from graph.build import _clauses_by_doc, _text_counter, build_graph
from graph.extract.common import SENTENCE_END, book_titles, quoted, sentence_at, sentences
from graph.store import KnowledgeGraph
from policykg.model import Entity


def _sentences_reference(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in SENTENCE_END:
            if i > start:
                out.append((start, i))
            start = i + 1
    if start < len(text):
        out.append((start, len(text)))
    return out


def _random_texts(n: int) -> list[str]:
    rng = random.Random(7)
    alphabet = "党建工作“”「」『』《》〈〉。！？；!?;\n，、 a1"
    return [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(n)
    ]  # fmt: skip


def test_sentences_are_the_runs_between_terminators() -> None:
    for text in _random_texts(2000):
        assert sentences(text) == _sentences_reference(text), text
        for pos in range(len(text) + 1):
            ref = next(((s, e) for s, e in _sentences_reference(text) if s <= pos <= e), (0, len(text)))
            assert sentence_at(text, pos) == ref


def test_quotes_and_titles_on_random_text() -> None:
    # properties of the outermost spans, whatever the scan skips
    for text in _random_texts(2000):
        for span in quoted(text):
            assert text[span.start - 1] in "“「『" and span.text == text[span.start : span.end]
        for span in book_titles(text):
            assert text[span.start - 1] == "《" and text[span.end] in "》〉"


def test_text_counter_counts_per_text() -> None:
    texts = ["红枫行动红枫行动", "红枫", "行动", "", "“红枫行动”"]
    count = _text_counter(texts)
    for needle in ["红枫行动", "行动红", "红枫", "“红枫行动”", "动\x00红"]:
        assert count(needle) == sum(t.count(needle) for t in texts), needle


def test_clauses_by_doc_is_a_prefix_test() -> None:
    found = {"a:0001": [], "a:0002": [], "ab:0001": [], "a-01:0001": []}
    by_doc = _clauses_by_doc(found)
    for doc_id in ("a", "ab", "a-01", "b"):
        assert by_doc.get(doc_id, []) == [c for c in found if c.startswith(doc_id + ":")]


def test_evidence_stays_unique_and_ordered_over_many_merges() -> None:
    kg = KnowledgeGraph()
    for i in range(300):
        kg.add_entity(Entity("region:210000", "辽宁省", "region", [], {}, [f"d:{i % 120:04d}"]))
        kg.add_entity(Entity("organization:x", "某局", "organization", [], {}, [f"d:{i % 50:04d}"]))
        kg.link("organization:x", "region:210000", "located_in", [f"d:{i % 70:04d}", ""])
    assert kg.entity("region:210000").evidence == [f"d:{i:04d}" for i in range(120)]
    assert kg.edge_evidence("organization:x", "region:210000", "located_in") == [
        f"d:{i:04d}" for i in range(70)
    ]
    # a list changed behind the store's back is read again, not trusted
    kg.entity("organization:x").evidence.append("d:9999")
    kg.add_entity(Entity("organization:x", "某局", "organization", [], {}, ["d:9999", "d:8888"]))
    assert kg.entity("organization:x").evidence[-2:] == ["d:9999", "d:8888"]


@pytest.fixture(scope="module")
def launched_elsewhere():  # type: ignore[no-untyped-def]
    launcher = make_doc(
        "a",
        ["各地要开展“支部力量·红枫行动”党建品牌创建活动，建强离退休干部党支部。"],
        title="关于开展“支部力量·红枫行动”党建品牌创建活动的实施意见",
        region="辽宁省",
        issuers=["中共辽宁省委老干部局"],
        date="2020-03-01",
    )
    report = make_doc(
        "b",
        ["中共海东市委老干部局积极开展“支部力量·红枫行动”，成效明显。"],
        title="全市老干部工作情况通报",
        region="沈阳市",
        issuers=["中共沈阳市委老干部局"],
        date="2021-03-01",
    )
    return build_graph([launcher, report])


def test_unit_named_only_in_a_clause_implements_a_program(launched_elsewhere) -> None:  # type: ignore[no-untyped-def]
    # the unit issues no document of its own: its entity is made in a later pass than the
    # program links (the build used to stop with KeyError here)
    kg = launched_elsewhere
    edges = {(e.source, e.relation, e.target) for e in kg.edges("implements")}
    assert ("organization:中共海东市委老干部局", "implements", "program:支部力量·红枫行动") in edges
    assert kg.entity("organization:中共海东市委老干部局") is not None
    assert ("document:b", "mentions", "program:支部力量·红枫行动") in {
        (e.source, e.relation, e.target) for e in kg.edges("mentions")
    }
