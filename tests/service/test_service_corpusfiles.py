"""service.corpusfiles: a build's originals are read again at the commit, and must not have changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from svc_fakes import FakeBackend, write_corpus

from policykg.errors import IngestError
from policykg.settings import Settings
from service.corpusfiles import CorpusOriginals, read_back
from service.engine import Engine


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_read_back_checks_the_digest(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("第一条 内容".encode())
    assert read_back(f, _sha(f.read_bytes()), 1000) == f.read_bytes()
    with pytest.raises(IngestError, match="被修改"):
        read_back(f, _sha(b"other"), 1000)
    with pytest.raises(IngestError, match="无法再次读取"):
        read_back(tmp_path / "gone.txt", _sha(b""), 1000)


def test_build_stores_the_originals_read_back(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    engine = Engine(Settings(data_dir=tmp_path / "data", corpus_dir=corpus), FakeBackend())
    engine.build(corpus)
    stored = {p.stem: p.read_bytes() for p in engine.store.originals_dir.iterdir()}
    files = {_sha(p.read_bytes()): p.read_bytes() for p in corpus.iterdir()}
    assert stored == files


def test_a_file_changed_during_the_build_fails_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    backend = FakeBackend()
    engine = Engine(Settings(data_dir=tmp_path / "data", corpus_dir=corpus), backend)
    real = CorpusOriginals.__getitem__

    def edited(self, i):  # type: ignore[no-untyped-def]
        path = self.entries[0][0]
        path.write_bytes(path.read_bytes() + "\n第九条 后加的".encode())
        return real(self, i)

    monkeypatch.setattr(CorpusOriginals, "__getitem__", edited)
    with pytest.raises(IngestError, match="被修改"):
        engine.build(corpus)
    assert not engine.has_snapshot()
