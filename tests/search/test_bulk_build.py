"""Fresh builds: the bulk segment writer, segment flushes, parallel workers, failures.

The reference is the ordinary whoosh writer path (``add_documents`` into an empty index), which
writes every posting through whoosh's own pool and ``add_posting``.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
from pathlib import Path
from typing import Any

import pytest
from search_fixtures import corpus

import search.backends.whoosh.parallel as parallel
from search.analysis import analyze, index_postings, postings
from search.index import ClauseIndex
from search.results import SearchRequest
from search.segment import get_segmenter

REPO = Path(__file__).resolve().parents[2]
TERMS = ("红枫行动", "本色家园", "枫叶驿站")
QUERIES = ("离退休干部党组织工作经费", "红枫行动", "党建 活动 场所", "中办发〔2016〕3号", "老干部 志愿服务")

pipeline = pytest.importorskip("ingest.pipeline")


@pytest.fixture
def fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests of the fork path: the whole suite may have left threads behind (a TestClient, a
    browser), which would switch the build to spawn (tested on its own below)."""
    monkeypatch.setattr(parallel, "start_method", lambda: "fork")


@pytest.fixture(scope="module")
def docs():  # type: ignore[no-untyped-def]
    out = []
    for path in sorted((REPO / "corpus").glob("*.txt")):
        out.extend(pipeline.read_file(path))
    fixture_docs, _anns = corpus()
    return out + fixture_docs


@pytest.fixture(scope="module")
def anns():  # type: ignore[no-untyped-def]
    return corpus()[1]


@pytest.fixture(scope="module")
def reference(docs, anns, tmp_path_factory: pytest.TempPathFactory) -> ClauseIndex:  # type: ignore[no-untyped-def]
    """The same documents written by whoosh's ordinary writer (one commit)."""
    path = tmp_path_factory.mktemp("ref") / "index"
    ix = ClauseIndex.create(path, [], None, TERMS)
    ix.add_documents(docs, anns)
    return ix


def _own_children() -> list[multiprocessing.process.BaseProcess]:
    """This build's live child processes: the service tests' writer processes (other engines of the
    same pytest session, named policykg-writer) are not the index build's."""
    return [p for p in multiprocessing.active_children() if p.name != "policykg-writer"]


def dump(ix: ClauseIndex) -> dict[str, Any]:
    """Everything a search reads, by global document number."""
    r = ix.searcher().reader()
    terms = {}
    for fieldname, btext in r.all_terms():
        m = r.postings(fieldname, btext)
        lst = []
        while m.is_active():
            lst.append((m.id(), m.weight(), m.value()))
            m.next()
        terms[(fieldname, btext)] = lst
    n = r.doc_count_all()
    columns = {name: [r.column_reader(name)[i] for i in range(n)] for name in ("sort_key", "lengths")}
    return {"terms": terms, "stored": list(r.all_stored_fields()), "columns": columns, "n": n}


def results(ix: ClauseIndex) -> list[Any]:
    out = []
    for q in QUERIES:
        page = ix.search(SearchRequest(q=q, limit=10, highlight=True, facets=True))
        out.append(
            (
                page.total,
                [(h.clause_id, round(h.score, 3), h.highlight, h.document) for h in page.results],
                page.facets,
            )
        )
    return out


def segment_count(ix: ClauseIndex) -> int:
    return len(ix._ix._segments())


def test_bulk_build_writes_what_the_whoosh_writer_writes(docs, anns, reference, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ix = ClauseIndex.create(tmp_path / "bulk", docs, anns, TERMS)
    assert segment_count(ix) == 1
    assert dump(ix) == dump(reference)
    assert results(ix) == results(reference)
    assert not (tmp_path / "bulk" / "MAIN.tmp").exists()  # scratch space removed


def test_segments_are_flushed_when_the_postings_limit_is_reached(
    docs,
    anns,
    reference,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setattr("search.backends.whoosh.bulk.SEGMENT_MAX_POSTINGS", 5000)
    ix = ClauseIndex.create(tmp_path / "small", docs, anns, TERMS)
    assert segment_count(ix) > 3
    want = dump(reference)
    got = dump(ix)
    assert got["terms"] == want["terms"]
    assert got["stored"] == want["stored"]
    assert got["columns"] == want["columns"]
    assert results(ix) == results(reference)


def test_parallel_build_equals_serial_build(
    docs,
    anns,
    reference,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
    fork,
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 0)
    ix = ClauseIndex.create(tmp_path / "par", docs, anns, TERMS, workers=3)
    assert segment_count(ix) == 3
    assert ix.document_ids() == reference.document_ids()
    assert dump(ix)["terms"] == dump(reference)["terms"]
    assert results(ix) == results(reference)
    assert _own_children() == []


def test_a_forking_caller_writes_no_chunk_itself(
    docs,
    anns,
    reference,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
    fork,
) -> None:
    """It holds every document and the graph already: the postings go to the workers."""
    parent = os.getpid()
    original = parallel.build_pairs
    written_here: list[int] = []

    def chunk(ix, documents, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.getpid() == parent:
            written_here.append(len(list(documents)))
        return original(ix, documents, *args, **kwargs)

    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(parallel, "build_pairs", chunk)
    ix = ClauseIndex.create(tmp_path / "workers", docs, anns, TERMS, workers=2)
    assert written_here == []
    assert segment_count(ix) == 2
    # the workers' chunk files (policykg.docchunks) are gone before the commit
    assert not [p for p in (tmp_path / "workers").iterdir() if p.name.startswith(".chunks-")]
    assert results(ix) == results(reference)


def test_a_forking_caller_makes_no_segmenter(
    docs,
    anns,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
    fork,
) -> None:
    """Its workers make theirs (~25 MB at 200k clauses) and report the dictionary's fingerprint,
    which the index's meta gets."""
    parent = os.getpid()
    original = parallel.get_segmenter
    made_here: list[tuple[str, ...]] = []

    def counted(terms=()):  # type: ignore[no-untyped-def]
        if os.getpid() == parent:
            made_here.append(terms)
        return original(terms)

    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(parallel, "get_segmenter", counted)
    ClauseIndex.create(tmp_path / "workers", docs, anns, TERMS, workers=2)
    assert made_here == []
    meta = json.loads((tmp_path / "workers" / "meta.json").read_text(encoding="utf-8"))
    assert meta["dictionary"] == get_segmenter(TERMS).fingerprint


def test_small_builds_stay_in_one_process(docs, anns, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ix = ClauseIndex.create(tmp_path / "one", docs, anns, TERMS, workers=2)
    assert sum(parallel.doc_chars(d) for d in docs) < parallel.PARALLEL_MIN_CHARS
    assert segment_count(ix) == 1


def test_spawned_workers_build_the_same_segments(docs, anns, reference, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The start method of a multi-threaded caller (the web server)."""
    from whoosh import index as windex

    from search.backends.whoosh.bulk import commit_segments
    from search.backends.whoosh.schema import build_schema

    path = tmp_path / "spawn"
    path.mkdir()
    wix = windex.create_in(str(path), build_schema(TERMS), indexname="MAIN")
    segments = parallel.build_segments(wix, docs, anns, TERMS, workers=2, min_chars=0, method="spawn")
    assert len(segments) == 2
    commit_segments(wix, segments)
    from search.backends.whoosh.index import _write_meta

    _write_meta(path, get_segmenter(TERMS).fingerprint, TERMS)
    ix = ClauseIndex.open(path)
    assert dump(ix)["terms"] == dump(reference)["terms"]


def _failing_chunk(parent: int):  # type: ignore[no-untyped-def]
    original = parallel.build_pairs

    def chunk(*args, **kwargs):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            raise ValueError("worker failed")
        return original(*args, **kwargs)

    return chunk


def test_a_failing_worker_fails_the_build_and_leaves_nothing(
    docs,
    anns,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
    fork,
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(parallel, "build_pairs", _failing_chunk(os.getpid()))
    with pytest.raises(RuntimeError, match="worker failed"):
        ClauseIndex.create(tmp_path / "bad", docs, anns, TERMS, workers=2)
    assert list((tmp_path / "bad").iterdir()) == []
    assert _own_children() == []


def test_a_killed_worker_fails_the_build(
    docs, anns, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fork
) -> None:  # type: ignore[no-untyped-def]
    parent = os.getpid()
    original = parallel.build_pairs

    def chunk(*args, **kwargs):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            os._exit(3)
        return original(*args, **kwargs)

    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(parallel, "build_pairs", chunk)
    with pytest.raises(RuntimeError, match="退出码 3"):
        ClauseIndex.create(tmp_path / "killed", docs, anns, TERMS, workers=2)
    assert list((tmp_path / "killed").iterdir()) == []


def test_an_interrupted_build_terminates_its_workers(
    docs, anns, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fork
) -> None:  # type: ignore[no-untyped-def]
    parent = os.getpid()
    original = parallel.build_pairs

    def chunk(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert os.getpid() != parent  # with fork every chunk is a worker's
        import time

        time.sleep(60)
        return original(*args, **kwargs)

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt  # the caller, waiting while the workers are still busy

    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(parallel, "build_pairs", chunk)
    monkeypatch.setattr(parallel, "_answer", interrupted)
    with pytest.raises(KeyboardInterrupt):
        ClauseIndex.create(tmp_path / "int", docs, anns, TERMS, workers=2)
    assert _own_children() == []
    assert list((tmp_path / "int").iterdir()) == []


def test_split_chunks_is_contiguous_and_balanced(docs) -> None:  # type: ignore[no-untyped-def]
    chunks = parallel.split_chunks(docs, 2)
    assert [d for c in chunks for d in c] == list(docs)
    assert len(chunks) == 2 and all(chunks)
    sizes = [sum(parallel.doc_chars(d) for d in c) for c in chunks]
    biggest = max(parallel.doc_chars(d) for d in docs)
    assert abs(sizes[0] - sizes[1]) <= biggest
    assert parallel.split_chunks(docs[:1], 4) == [docs[:1]]


def test_index_postings_equal_the_general_analysis(docs) -> None:  # type: ignore[no-untyped-def]
    seg = get_segmenter(TERMS)
    texts = [(c.text, d.script) for d in docs for c in d.clauses] + [(d.title, d.script) for d in docs]
    rng = random.Random(7)
    alphabet = "离退休干部党组织红枫行动本色家园经费保障中办发〔2016〕3号 ABC12.x5-，。、的了在和"
    texts += [("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))), None) for _ in range(300)]
    for text, script in texts:
        terms = analyze(text, script, seg=seg)
        poses, length = index_postings(text, script, seg)
        assert poses == postings(terms), text
        assert length == (terms[-1][1] + 1 if terms else 0), text


def test_search_grams_are_the_search_mode_grams() -> None:
    seg = get_segmenter(TERMS)
    for word in ("离退休干部", "中华人民共和国", "党组织", "红枫行动", "老干部活动中心", "经费"):
        spans = seg.tokenize_search(word)
        if [w for w, _s, _e in seg.tokenize(word)] == [word]:
            assert seg.search_grams(word) == [w for w, _s, _e in spans[:-1]]


def test_every_hit_carries_its_document_summary(docs, anns, reference) -> None:  # type: ignore[no-untyped-def]
    """The summary is stored with a document's first clause only (FORMAT_VERSION 3)."""
    titles = {d.id: d.title for d in docs}
    page = reference.search(SearchRequest(q="干部", limit=100))
    later = [h for h in page.results if h.ordinal > 1]
    assert later
    for hit in page.results:
        assert hit.document["doc_id"] == hit.doc_id
        assert hit.document["title"] == titles[hit.doc_id]
