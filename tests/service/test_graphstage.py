"""The build's graph stage in a forked child (service/graphstage.py): the graph is made there,
not in the build process; the generation is the one a serial build makes; a child's error fails
the build; a child killed without a word is replaced by the stage in this process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest import parallel
from policykg.settings import Settings
from service.backend import Backend
from service.engine import Engine


def _generation(data: Path) -> dict[str, bytes]:
    snap = data / "snapshots" / (data / "CURRENT").read_text().strip()
    names = ("graph.json", "documents.jsonl", "overrides.json", "annotations.digest.json")
    return {name: (snap / name).read_bytes() for name in names if (snap / name).exists()}


@pytest.fixture(autouse=True)
def _fork(monkeypatch):
    # the child even when an earlier test left a thread behind (the CLI build has none)
    monkeypatch.setattr("service.graphstage.start_method", lambda: "fork")


def _pool_build(tmp_path: Path, corpus: Path, name: str):
    engine = Engine(Settings(data_dir=tmp_path / name, corpus_dir=corpus, build_workers=2))
    return engine.build(corpus)


def test_graph_is_made_in_a_child_and_the_generation_is_the_serial_one(tmp_path, small_corpus, monkeypatch):
    serial = Engine(Settings(data_dir=tmp_path / "a", corpus_dir=small_corpus, build_workers=1))
    r1 = serial.build(small_corpus)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    pids = tmp_path / "pids"
    real = Backend.build_graph_scanned

    def spy(self, docs, scans):
        with open(pids, "a") as fh:  # a child's memory does not come back: its pid does
            fh.write(f"{os.getpid()}\n")
        return real(self, docs, scans)

    monkeypatch.setattr(Backend, "build_graph_scanned", spy)
    r2 = _pool_build(tmp_path, small_corpus, "b")
    made_in = pids.read_text().split()
    assert len(made_in) == 1 and int(made_in[0]) != os.getpid()
    assert (r1.documents, r1.clauses, r1.entities) == (r2.documents, r2.clauses, r2.entities)
    assert _generation(tmp_path / "a") == _generation(tmp_path / "b")


def test_an_error_in_the_child_fails_the_build(tmp_path, small_corpus, monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    parent = os.getpid()

    def broken(self, docs, scans):
        raise ValueError(f"linker broke in {os.getpid() != parent and 'the child'}")

    monkeypatch.setattr(Backend, "build_graph_scanned", broken)
    with pytest.raises(ValueError, match="linker broke in the child"):
        _pool_build(tmp_path, small_corpus, "d")
    assert not (tmp_path / "d" / "CURRENT").exists()


def test_a_killed_child_is_replaced_by_the_stage_here(tmp_path, small_corpus, monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    parent = os.getpid()
    real = Backend.build_graph_scanned

    def killed_in_child(self, docs, scans):
        if os.getpid() != parent:
            os._exit(9)  # as the kernel's OOM killer would, without a word
        return real(self, docs, scans)

    monkeypatch.setattr(Backend, "build_graph_scanned", killed_in_child)
    report = _pool_build(tmp_path, small_corpus, "k")
    serial = Engine(Settings(data_dir=tmp_path / "s", corpus_dir=small_corpus, build_workers=1))
    serial.build(small_corpus)
    assert report.entities > 0
    assert _generation(tmp_path / "k") == _generation(tmp_path / "s")
