"""The build's graph stage in a child process (service/graphstage.py): the graph is made there,
in another interpreter, not in the build process; the build process holds none of the documents
while it runs; the generation is the one a serial build makes; a child's error fails the build; a
child killed without a word is replaced by the stage here; the stage's files are gone after the
build."""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import pytest
from svc_fakes import ChildSpyBackend

import service.graphstage as graphstage
from ingest import parallel
from policykg.model import Clause, Document
from policykg.settings import Settings
from service.engine import Engine
from service.graphstage import iter_documents, read_documents, write_documents


def _snapshot(data: Path) -> Path:
    return data / "snapshots" / (data / "CURRENT").read_text().strip()


def _generation(data: Path) -> dict[str, bytes]:
    snap = _snapshot(data)
    names = ("graph.json", "documents.jsonl", "overrides.json", "annotations.digest.json")
    return {name: (snap / name).read_bytes() for name in names if (snap / name).exists()}


@pytest.fixture(autouse=True)
def _single_thread(monkeypatch):
    # the child even when an earlier test left a thread behind (the CLI build has none)
    monkeypatch.setattr("service.graphstage.start_method", lambda: "fork")
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)


def _pool_build(tmp_path: Path, corpus: Path, name: str, mode: str = "spy"):
    settings = Settings(data_dir=tmp_path / name, corpus_dir=corpus, build_workers=2)
    engine = Engine(settings, backend=ChildSpyBackend(settings, tmp_path / f"{name}.pids", mode))
    return engine.build(corpus)


def _serial(tmp_path: Path, corpus: Path):
    return Engine(Settings(data_dir=tmp_path / "s", corpus_dir=corpus, build_workers=1)).build(corpus)


def test_graph_is_made_in_a_child_and_the_generation_is_the_serial_one(tmp_path, small_corpus):
    r1 = _serial(tmp_path, small_corpus)
    r2 = _pool_build(tmp_path, small_corpus, "b")
    made_in = (tmp_path / "b.pids").read_text().split()
    assert len(made_in) == 1 and int(made_in[0]) != os.getpid()
    assert (r1.documents, r1.clauses, r1.entities) == (r2.documents, r2.clauses, r2.entities)
    assert _generation(tmp_path / "s") == _generation(tmp_path / "b")
    assert not [p for p in (tmp_path / "b").iterdir() if p.name.startswith(".spill")]


def _live_documents() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is Document)


def test_the_build_process_holds_no_document_while_the_child_runs(tmp_path, small_corpus, monkeypatch):
    held: list[int] = []
    real = graphstage._run_child

    def counting(child, job, meanwhile):  # type: ignore[no-untyped-def]
        held.append(_live_documents())
        return real(child, job, meanwhile)

    monkeypatch.setattr(graphstage, "_run_child", counting)
    before = _live_documents()
    report = _pool_build(tmp_path, small_corpus, "h")
    _serial(tmp_path, small_corpus)
    assert report.documents > 0 and held == [before]
    assert _generation(tmp_path / "h") == _generation(tmp_path / "s")  # and they came back whole


def test_the_documents_come_back_when_the_child_fails(tmp_path, small_corpus, monkeypatch):
    lists: list[list[Document]] = []
    real = graphstage.graph_stage

    def keeping(backend, docs, scans, folder, meanwhile):  # type: ignore[no-untyped-def]
        lists.append(docs)
        return real(backend, docs, scans, folder, meanwhile)

    monkeypatch.setattr("service.buildwrite.graph_stage", keeping)
    with pytest.raises(ValueError, match="linker broke in the child"):
        _pool_build(tmp_path, small_corpus, "f", "broken")
    assert len(lists) == 1 and len(lists[0]) > 0  # the caller's list is whole again


def test_documents_jsonl_is_written_while_the_child_runs(tmp_path, small_corpus, monkeypatch):
    import service.generation as generation

    written: list[int] = []
    real = generation.write_documents_file
    monkeypatch.setattr(generation, "write_documents_file", lambda p, d: written.append(1) or real(p, d))
    _pool_build(tmp_path, small_corpus, "j")
    assert written == []  # placed from the build's own file, not written by the generation
    _serial(tmp_path, small_corpus)
    assert written == [1]
    assert _generation(tmp_path / "j") == _generation(tmp_path / "s")


def test_documents_curated_meanwhile_are_written_as_curated(tmp_path, small_corpus, monkeypatch):
    _pool_build(tmp_path, small_corpus, "c")
    doc_id = json.loads((_snapshot(tmp_path / "c") / "documents.jsonl").read_text().splitlines()[0])["id"]
    real = graphstage._run_child

    def curating(child, job, meanwhile):  # type: ignore[no-untyped-def]
        code = real(child, job, meanwhile)  # documents.jsonl written: then a curator saves a title
        other = Engine(Settings(data_dir=tmp_path / "c", corpus_dir=small_corpus))
        other.writer.patch(doc_id, {"title": "改过的标题"})
        return code

    monkeypatch.setattr(graphstage, "_run_child", curating)
    _pool_build(tmp_path, small_corpus, "c")
    lines = (_snapshot(tmp_path / "c") / "documents.jsonl").read_text().splitlines()
    assert next(json.loads(x) for x in lines if json.loads(x)["id"] == doc_id)["title"] == "改过的标题"


def test_an_error_in_the_child_fails_the_build(tmp_path, small_corpus):
    with pytest.raises(ValueError, match="linker broke in the child"):
        _pool_build(tmp_path, small_corpus, "d", "broken")
    assert not (tmp_path / "d" / "CURRENT").exists()


def test_a_killed_child_is_replaced_by_the_stage_here(tmp_path, small_corpus):
    report = _pool_build(tmp_path, small_corpus, "k", "killed")
    made_in = [int(p) for p in (tmp_path / "k.pids").read_text().split()]
    assert made_in[0] != os.getpid() and made_in[1:] == [os.getpid()]
    _serial(tmp_path, small_corpus)
    assert report.entities > 0
    assert _generation(tmp_path / "k") == _generation(tmp_path / "s")


def test_the_documents_file_gives_back_equal_documents(tmp_path):
    docs = [
        Document(
            id=f"d{i}",
            sha256=f"{i:064d}",
            title=f"关于第{i}批的通知",
            text="",
            search_text="",
            source=f"d{i}.txt",
            clauses=[
                Clause(id=f"d{i}:0001", doc_id=f"d{i}", ordinal=1, text="", search_text="每月一次主题党日")
            ],
        )
        for i in range(3)
    ]
    path = ["第一章", "总则"]  # shared by a document's clauses (policykg.docspill.strip_text)
    docs[0].clauses = [
        Clause(id=f"d0:{j:04d}", doc_id="d0", ordinal=j, text="", search_text="条款", path=path)
        for j in (1, 2)
    ]
    write_documents(tmp_path / "docs.pickle", docs)
    back = read_documents(tmp_path / "docs.pickle")
    assert back == docs and list(iter_documents(tmp_path / "docs.pickle")) == docs
    assert back[0].clauses[0].path is back[0].clauses[1].path  # still one list, not one per clause
    write_documents(tmp_path / "none.pickle", [])
    assert read_documents(tmp_path / "none.pickle") == []
