"""entity_counts gives, for many documents in one pass, what subgraph(doc).entities() gives each."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from service.entitycounts import _owners, entity_counts


def test_owners_follow_subgraphs_prefix_rule() -> None:
    wanted = {"a", "a-1", "b"}
    assert _owners("a:3", wanted) == {"a"}
    assert _owners("a~01:2", wanted) == {"a"}
    assert _owners("a-1:2", wanted) == {"a-1"}  # never "a" (issue 17, D11)
    assert _owners("c:1", wanted) == set()


def test_counts_equal_the_subgraph_of_each_document(seed_data_dir: Path) -> None:
    from policykg.settings import Settings
    from service.engine import Engine

    snap = Engine(Settings(data_dir=seed_data_dir)).snapshot()
    doc_ids = sorted(snap.documents)[:40]
    got = entity_counts(snap.graph, doc_ids)
    for d in doc_ids:
        expected = dict(Counter(e.type for e in snap.graph.subgraph(d).entities()))
        assert got[d] == expected, d
    assert any(got[d] for d in doc_ids)
