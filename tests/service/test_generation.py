"""service/generation.py: one generation — a change built from scratch and then over its base
(the index updated in place), the stages timed into a caller's dict."""

from __future__ import annotations

import json
from pathlib import Path

from svc_fakes import FakeBackend, write_corpus

from policykg.settings import Settings
from service.engine import Engine
from service.generation import Stages
from service.repository.protocol import Change


def test_stages_time_into_a_dict_or_nowhere():
    out: dict[str, float] = {}
    stage = Stages(out)
    stage.done("ingest_s")
    stage.done("graph_s")
    assert sorted(out) == ["graph_s", "ingest_s"] and all(v >= 0 for v in out.values())
    Stages(None).done("ingest_s")  # no dict: nothing to write, no error


def test_a_generation_from_scratch_then_over_its_base(tmp_path: Path):
    corpus = write_corpus(tmp_path / "corpus")
    backend = FakeBackend()
    engine = Engine(Settings(data_dir=tmp_path / "data", corpus_dir=corpus), backend)
    engine.build(corpus)
    writer = engine.writer
    live = engine.store.current_path()
    docs = [json.loads(line) for line in (live / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    from policykg.model import Document

    documents = [Document.from_dict(d) for d in docs]
    name, manifest = writer.materialize(Change(kind="test", documents=documents), None)
    assert manifest["documents"] == len(documents) and manifest["clauses"] > 0
    snap = engine.store.snapshots_dir / name
    for part in ("graph.json", "documents.jsonl", "index", "overrides.json"):
        assert (snap / part).exists()
    backend.calls.clear()
    gone = documents[0].id
    _name, manifest2 = writer.materialize(
        Change(kind="delete", documents=documents[1:], deleted=[gone], index_delete=[gone]), snap
    )
    assert manifest2["documents"] == len(documents) - 1
    assert "create_index" not in backend.calls  # updated in place over the base, not rebuilt
