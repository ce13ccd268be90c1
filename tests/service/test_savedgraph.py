"""service.savedgraph: a build writes graph.json as soon as the graph is made and keeps only
what the index and the manifest read; the generation's graph.json is the graph of its documents."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from policykg.settings import Settings
from service.backend import Backend
from service.engine import Engine
from service.savedgraph import SavedGraph, save_early
from service.snapshot import read_documents

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("corpus")
    for p in sorted(CORPUS.glob("*.txt"))[:5]:
        shutil.copy(p, folder / p.name)
    return folder


def _current(data: Path) -> Path:
    return data / "snapshots" / (data / "CURRENT").read_text().strip()


def test_a_build_saves_its_graph_before_the_index(tmp_path: Path, small_corpus: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "d"
    seen: dict[str, object] = {}
    real = Backend.create_index

    def spy(self, path, docs, annotations, terms):  # type: ignore[no-untyped-def]
        seen["saved"] = sorted(p.name for p in data.glob(".spill-*/graph.json"))
        return real(self, path, docs, annotations, terms)

    monkeypatch.setattr(Backend, "create_index", spy)
    engine = Engine(Settings(data_dir=data, corpus_dir=small_corpus, build_workers=1))
    report = engine.build(small_corpus)
    assert seen["saved"] == ["graph.json"]  # written while the index was still to be built
    snap = _current(data)
    # the graph of the generation's own documents, saved the ordinary way: the same bytes
    backend = Backend(Settings(data_dir=tmp_path / "x"))
    graph = backend.build_graph(read_documents(snap / "documents.jsonl"))
    backend.save_graph(graph, tmp_path / "again.json")
    assert (snap / "graph.json").read_bytes() == (tmp_path / "again.json").read_bytes()
    manifest = json.loads((snap / "manifest.json").read_text())
    assert report.entities == manifest["entities"] == graph.stats()["entities"]
    assert list(data.glob(".spill-*")) == []  # its spill copy went with the build


def test_saved_graph_keeps_annotations_terms_and_count(tmp_path: Path, small_corpus: Path) -> None:
    backend = Backend(Settings(data_dir=tmp_path / "x"))
    docs = [
        d
        for p in sorted(small_corpus.glob("*.txt"))
        for d in backend.read_bytes(p.name, p.read_bytes(), 10**8)
    ]
    graph = backend.build_graph(docs)
    saved = save_early(backend, graph, tmp_path / "spill")
    assert saved.annotations == graph.annotations and saved.annotations is not graph.annotations
    assert saved.dictionary_terms() == graph.dictionary_terms()
    assert saved.entities == graph.stats()["entities"]
    again = save_early(backend, graph, tmp_path / "spill")  # made again: replaces the file
    assert again.path == saved.path and again.path.exists()


def test_place_copies_where_it_cannot_link(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "graph.json"
    source.write_text('{"a": 1}', encoding="utf-8")
    saved = SavedGraph(path=source, annotations={}, terms=(), entities=0)
    saved.place(tmp_path / "linked.json")
    assert os.stat(tmp_path / "linked.json").st_ino == os.stat(source).st_ino

    def no_link(*args):  # type: ignore[no-untyped-def]
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_link)
    saved.place(tmp_path / "copied.json")
    assert (tmp_path / "copied.json").read_bytes() == source.read_bytes()
    assert os.stat(tmp_path / "copied.json").st_ino != os.stat(source).st_ino
