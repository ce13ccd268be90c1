"""The build over the real backend with the process pool forced on: same generation as serial;
build_workers from the environment and the CLI; identical files parsed once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from svc_fakes import FakeBackend, write_corpus

from ingest import parallel
from policykg.settings import Settings
from service import cli
from service.backend import Backend
from service.engine import Engine
from service.values import Upload


def _generation(data: Path) -> dict[str, bytes]:
    snap = data / "snapshots" / (data / "CURRENT").read_text().strip()
    return {name: (snap / name).read_bytes() for name in ("graph.json", "documents.jsonl")}


def test_pool_build_equals_serial_build(tmp_path, small_corpus, monkeypatch):
    serial = Engine(Settings(data_dir=tmp_path / "a", corpus_dir=small_corpus, build_workers=1))
    t1: dict[str, float] = {}
    r1 = serial.build(small_corpus, timings=t1)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)  # the pool even for 6 small files
    # the graph made here, where the spy is (alone, this test's process has one thread: the
    # graph stage would run in a child interpreter without it; tests/service/test_graphstage.py)
    monkeypatch.setattr("service.graphstage.start_method", lambda: "spawn")
    import service.backend as backend_mod

    seen = tmp_path / "scans"
    real = backend_mod.Backend.build_graph_scanned

    def spy(self, docs, scans):
        seen.write_text(str(len(scans)))
        return real(self, docs, scans)

    monkeypatch.setattr(backend_mod.Backend, "build_graph_scanned", spy)
    pooled = Engine(Settings(data_dir=tmp_path / "b", corpus_dir=small_corpus, build_workers=2))
    r2 = pooled.build(small_corpus)
    assert int(seen.read_text()) == r2.documents  # the workers' scans were used
    assert (r1.documents, r1.clauses, r1.entities) == (r2.documents, r2.clauses, r2.entities)
    assert _generation(tmp_path / "a") == _generation(tmp_path / "b")
    assert set(t1) >= {"ingest_s", "graph_s", "index_s"}


def test_pool_build_rejects_a_bad_file_and_keeps_the_rest(tmp_path, small_corpus, monkeypatch):
    monkeypatch.setattr("ingest.parallel.PARALLEL_MIN_BYTES", 0)
    corpus = tmp_path / "corpus"
    shutil.copytree(small_corpus, corpus)
    (corpus / "zz_empty.txt").write_bytes(b"   \n")
    engine = Engine(Settings(data_dir=tmp_path / "d", corpus_dir=corpus, build_workers=2))
    report = engine.build(corpus)
    bad = [o for o in report.outcomes if o.status == "rejected"]
    assert [o.file for o in bad] == ["zz_empty.txt"] and bad[0].code == "empty_document"
    assert report.documents > 0


def test_identical_files_are_parsed_once(tmp_path):
    backend = FakeBackend()
    calls: list[str] = []
    real = backend.read_bytes

    def counting(name, data, max_bytes):
        calls.append(name)
        return real(name, data, max_bytes)

    backend.read_bytes = counting  # type: ignore[method-assign]
    corpus = write_corpus(tmp_path / "corpus")
    first = sorted(corpus.iterdir())[0]
    shutil.copy(first, corpus / ("zz_" + first.name))  # sorts last: the copy, not the original
    engine = Engine(Settings(data_dir=tmp_path / "data", corpus_dir=corpus), backend)
    report = engine.build(corpus)
    copy = next(o for o in report.outcomes if o.file == "zz_" + first.name)
    assert copy.status == "unchanged" and copy.doc_ids == [first.stem]
    assert ("zz_" + first.name) not in calls and len(calls) == len(set(calls))


def test_build_workers_setting(monkeypatch):
    monkeypatch.setenv("POLICYKG_BUILD_WORKERS", "3")
    assert Settings().build_workers == 3
    monkeypatch.setenv("POLICYKG_BUILD_WORKERS", "0")
    with pytest.raises(ValueError):
        Settings()
    monkeypatch.delenv("POLICYKG_BUILD_WORKERS")
    assert 1 <= Settings().build_workers <= 4


def test_cli_build_workers_flag(tmp_path, monkeypatch):
    got = {}

    def make(settings):
        got["workers"] = settings.build_workers
        return Engine(settings, FakeBackend())

    monkeypatch.setattr(cli, "make_engine", make)
    corpus = write_corpus(tmp_path / "corpus")
    assert (
        cli.main(["build", "--workers", "3", "--corpus", str(corpus), "--data-dir", str(tmp_path / "d")]) == 0
    )
    assert got["workers"] == 3


def test_index_gets_workers_when_it_accepts_them(tmp_path, monkeypatch):
    from search.index import ClauseIndex

    seen = {}

    def create(directory, documents, annotations=None, extra_terms=(), *, workers=1, **options):
        seen["workers"] = workers
        return "index"

    monkeypatch.setattr(ClauseIndex, "create", staticmethod(create))
    backend = Backend(Settings(build_workers=3))
    assert backend.create_index(tmp_path, [], {}, []) == "index"
    assert seen["workers"] == 3


def test_uploads_parse_batch_keeps_order_and_refusals(tmp_path):
    engine = Engine(Settings(data_dir=tmp_path / "data"), FakeBackend())
    ups = [
        Upload("a.txt", "第一条 内容".encode()),
        Upload("b.exe", b"x"),
        Upload("c.txt", "第一条 其他".encode()),
    ]
    parsed, scans = engine.writer.parse_batch(ups, 1000)
    assert scans is None
    assert [p[1] is None for p in parsed] == [True, False, True]
    assert parsed[1][1].code == "unsupported_format"


def _answers(engine: Engine) -> list[dict]:
    from search.results import SearchRequest as SearchParams

    out = []
    for q in ("离退休干部党支部", "红枫行动", "经费保障", "党员教育管理"):
        got = engine.search(SearchParams(q=q, limit=20))
        out.append({k: got[k] for k in ("total", "results", "facets")})
    return out


def test_spilled_build_equals_serial_build(tmp_path, small_corpus, monkeypatch):
    """Ingest workers spill the texts, the parent works on light documents, two index workers
    read their chunks back from the spill: the same generation and answers as a serial build."""
    from policykg.annotationfile import AnnotationFile
    from policykg.docspill import SpilledDocuments
    from search.backends.whoosh import parallel as index_parallel

    serial = Engine(Settings(data_dir=tmp_path / "a", corpus_dir=small_corpus, build_workers=1))
    serial.build(small_corpus)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(index_parallel, "PARALLEL_MIN_CHARS", 0)  # two index chunks
    # the graph in a child even when an earlier test left a thread behind (the CLI has none)
    monkeypatch.setattr("service.graphstage.start_method", lambda: "fork")
    data = tmp_path / "b"
    seen: dict[str, object] = {}
    real = Backend.create_index

    def spy(self, path, docs, annotations, terms):
        seen["docs"] = docs
        seen["annotations"] = (type(annotations).__name__, len(annotations))  # its file goes with the build
        seen["files"] = sorted(p.name for p in data.glob(".spill-*/texts-*.jsonl"))
        return real(self, path, docs, annotations, terms)

    monkeypatch.setattr(Backend, "create_index", spy)
    pooled = Engine(Settings(data_dir=data, corpus_dir=small_corpus, build_workers=2))
    pooled.build(small_corpus)
    docs = seen["docs"]
    assert isinstance(docs, SpilledDocuments) and len(docs) > 0
    assert all(d.text == "" and all(c.text == "" for c in d.clauses) for d in docs.light)
    assert seen["files"]  # the workers' spill files, while the index was built
    # the graph was made in a child: its annotations are read from its file (service/graphstage.py)
    kind, count = seen["annotations"]
    assert kind == AnnotationFile.__name__ and count > 0
    assert _generation(tmp_path / "a") == _generation(tmp_path / "b")
    assert _answers(serial) == _answers(pooled)
    assert list(data.glob(".spill-*")) == []  # the spill went with the build


def test_failed_spilled_build_changes_nothing_and_leaves_no_spill(tmp_path, small_corpus, monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)

    def broken(self, path, docs, annotations, terms):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Backend, "create_index", broken)
    engine = Engine(Settings(data_dir=tmp_path / "d", corpus_dir=small_corpus, build_workers=2))
    with pytest.raises(Exception):  # noqa: B017 (the disk-full error the write path maps)
        engine.build(small_corpus)
    assert not engine.has_snapshot()
    assert list((tmp_path / "d").glob(".spill-*")) == []


def test_pool_build_sends_paths_not_bytes_to_the_workers(tmp_path, small_corpus, monkeypatch):
    """The build's parent hashes each file and drops its bytes: the workers read the file."""
    from service.corpusfiles import CorpusFile

    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    sent = []
    real = Backend.read_many

    def spy(self, items, max_bytes, spill=None):
        sent.extend(data for _name, data in items)
        return real(self, items, max_bytes, spill)

    monkeypatch.setattr(Backend, "read_many", spy)
    engine = Engine(Settings(data_dir=tmp_path / "d", corpus_dir=small_corpus, build_workers=2))
    report = engine.build(small_corpus)
    assert len(sent) >= 2 and all(isinstance(d, CorpusFile) for d in sent)  # copies are parsed once
    assert report.documents >= 6


def test_pool_build_fails_when_a_file_changes_before_its_worker_reads_it(tmp_path, small_corpus, monkeypatch):
    from policykg.errors import IngestError

    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    corpus = tmp_path / "corpus"
    shutil.copytree(small_corpus, corpus)
    real = Backend.read_many

    def change_then_read(self, items, max_bytes, spill=None):
        first = sorted(corpus.iterdir())[0]
        first.write_bytes(first.read_bytes() + "第九条 后来加的。".encode())
        return real(self, items, max_bytes, spill)

    monkeypatch.setattr(Backend, "read_many", change_then_read)
    engine = Engine(Settings(data_dir=tmp_path / "d", corpus_dir=corpus, build_workers=2))
    with pytest.raises(IngestError, match="构建期间被修改"):
        engine.build(corpus)
    assert not (tmp_path / "d" / "CURRENT").exists()
