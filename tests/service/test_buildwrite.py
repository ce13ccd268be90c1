"""service/buildwrite.py: a build of a corpus folder — a missing or empty folder refused, a copy of
a file reported unchanged, each stage timed, the write lock's timeout read at each build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from svc_fakes import FakeBackend, write_corpus

from policykg.errors import IngestError, NotFound
from policykg.settings import Settings
from service import writes
from service.engine import Engine


def _engine(tmp_path: Path, corpus: Path) -> Engine:
    return Engine(Settings(data_dir=tmp_path / "data", corpus_dir=corpus), FakeBackend())


def test_a_missing_or_empty_folder_is_refused_and_nothing_changes(tmp_path):
    with pytest.raises(NotFound):
        _engine(tmp_path, tmp_path / "none").build(tmp_path / "none")
    (tmp_path / "empty").mkdir()
    with pytest.raises(IngestError):
        _engine(tmp_path, tmp_path / "empty").build(tmp_path / "empty")
    assert not (tmp_path / "data" / "CURRENT").exists()


def test_a_build_times_its_stages_and_reports_a_copy_unchanged(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    first = sorted(corpus.iterdir())[0]
    shutil.copy(first, corpus / ("zz_" + first.name))
    timings: dict[str, float] = {}
    report = _engine(tmp_path, corpus).build(corpus, timings=timings)
    assert sorted(timings) == ["graph_s", "index_s", "ingest_s", "save_s"]
    assert all(s >= 0 for s in timings.values())
    copy = next(o for o in report.outcomes if o.file == "zz_" + first.name)
    assert copy.status == "unchanged" and report.changed and report.documents > 0
    assert not [p for p in (tmp_path / "data").iterdir() if p.name.startswith(".spill")]


def test_the_lock_timeout_is_the_modules_at_each_write(tmp_path, monkeypatch):
    engine = _engine(tmp_path, tmp_path)
    assert engine.writer.lock_timeout() == writes.WRITE_LOCK_TIMEOUT
    monkeypatch.setattr(writes, "WRITE_LOCK_TIMEOUT", 600.0)
    assert engine.writer.lock_timeout() == 600.0
