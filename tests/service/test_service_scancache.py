"""The graph built with scans carried over from the previous write is the graph built from scratch."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from service.scancache import ScanCache, document_keys
from service.snapshot import read_documents


def _graph_json(graph) -> str:  # type: ignore[no-untyped-def]
    return json.dumps(graph.to_dict(), ensure_ascii=False, sort_keys=True)


def test_cached_scans_build_the_same_graph(seed_data_dir: Path) -> None:
    from graph.build import build_graph

    live = next((seed_data_dir / "snapshots").iterdir()) / "documents.jsonl"
    docs = read_documents(live)
    cache = ScanCache()
    assert _graph_json(cache.build_graph(docs)) == _graph_json(build_graph(docs))
    assert cache.misses == len(docs) and cache.hits == 0
    # the next write: every document read again, one changed, one removed
    again = read_documents(live)
    changed = replace(again[0], title=again[0].title + "（修订）")
    nxt = [changed, *again[1:-1]]
    assert _graph_json(cache.build_graph(nxt)) == _graph_json(build_graph(nxt))
    assert cache.misses == len(docs) + 1 and cache.hits == len(nxt) - 1


def test_an_article_key_follows_its_bulletin(seed_data_dir: Path) -> None:
    live = next((seed_data_dir / "snapshots").iterdir()) / "documents.jsonl"
    docs = read_documents(live)
    child = next(d for d in docs if d.parent_id)  # the seeds hold bulletins with articles
    parent_at = next(i for i, d in enumerate(docs) if d.id == child.parent_id)
    keys = document_keys(docs)
    moved = list(docs)
    moved[parent_at] = replace(docs[parent_at], title=docs[parent_at].title + "（修订）")
    assert document_keys(moved)[docs.index(child)] != keys[docs.index(child)]
