"""The real backend's guards: an index or graph written by another version is a 503, not a 500."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policykg.errors import IndexVersionMismatch
from policykg.settings import Settings
from service.backend import INDEX_PAGE_FLOOR, Backend


def test_index_limits_come_from_settings():
    options = Backend(Settings(max_query_chars=30, max_page_size=5, max_offset=7)).index_options
    # the engine's candidate pools still get INDEX_PAGE_FLOOR clauses; user limits are the engine's job
    assert options == {"max_query_chars": 30, "max_page_size": INDEX_PAGE_FLOOR, "max_offset": 7}


def test_an_index_with_another_schema_is_a_version_mismatch(tmp_path: Path):
    from whoosh import index as windex

    from search.backends.whoosh.index import INDEX_NAME, META_FILE, VERSION_FILE
    from search.backends.whoosh.schema import FORMAT_VERSION, build_schema
    from search.segment import get_segmenter

    schema = build_schema()
    schema.remove("lengths")  # what an index written before the `lengths` column looks like
    windex.create_in(str(tmp_path), schema, indexname=INDEX_NAME)
    (tmp_path / META_FILE).write_text(json.dumps({"dictionary": get_segmenter(()).fingerprint}))
    (tmp_path / VERSION_FILE).write_text(f"{FORMAT_VERSION}\n")  # its VERSION file lies
    with pytest.raises(IndexVersionMismatch) as err:
        Backend().open_index(tmp_path)
    assert err.value.status == 503 and "lengths" in err.value.message


def test_a_graph_of_another_format_is_a_version_mismatch(tmp_path: Path):
    path = tmp_path / "graph.json"
    path.write_text(json.dumps({"format": 0, "entities": []}), encoding="utf-8")
    with pytest.raises(IndexVersionMismatch) as err:
        Backend().load_graph(path)
    assert err.value.status == 503


def test_a_copy_for_the_graph_child_leaves_the_scan_cache_behind():
    import pickle

    backend = Backend(Settings(build_workers=3))
    backend._scan_cache._scans[b"key"] = b"a pickled scan"
    copy = pickle.loads(pickle.dumps(backend))
    assert copy.build_workers == 3 and copy.index_options == backend.index_options
    assert copy._scan_cache._scans == {} and backend._scan_cache._scans == {b"key": b"a pickled scan"}
