"""service/writeread.py: a write's files into documents or refusals — size and type checked
first, refusals by name and code, two files of one request producing one id refused, the same
bytes parsed once."""

from __future__ import annotations

import os
from pathlib import Path

from svc_fakes import FakeBackend

from policykg.settings import Settings
from service.store import DataStore
from service.values import FileOutcome, Upload
from service.writes import Writer


def _writer(tmp_path: Path, backend: FakeBackend | None = None) -> Writer:
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus")
    return Writer(settings, backend or FakeBackend(), DataStore(settings.data_dir))


def test_too_large_and_unknown_types_are_refused_before_reading(tmp_path):
    backend = FakeBackend()
    read: list[str] = []
    backend.read_bytes = lambda name, data, limit: read.append(name) or []  # type: ignore[method-assign]
    writer = _writer(tmp_path, backend)
    docs, big = writer.parse(Upload("大.txt", b"x" * 11), 10)
    assert docs == [] and big is not None and big.code == "file_too_large"
    _, odd = writer.parse(Upload("表.xls", "标题\n内容".encode()), 100)
    assert odd is not None and odd.code == "unsupported_format" and "xls" in odd.message
    _, empty = writer.parse(Upload("空.txt", b""), 100)
    assert empty is not None and empty.code == "ingest_failed"
    assert read == ["空.txt"]


def test_local_paths_missing_a_folder_and_a_link_out_of_the_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("关于开展活动的通知\n一、每月一次。\n", encoding="utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text("外部文件\n内容。\n", encoding="utf-8")
    os.symlink(outside, corpus / "link.txt")
    got = _writer(tmp_path).read_paths(
        [corpus / "a.txt", corpus / "sub", corpus / "gone.txt", corpus / "link.txt"], corpus
    )
    assert isinstance(got[0], Upload) and got[0].data.startswith("关于".encode())
    assert [o.code for o in got[1:] if isinstance(o, FileOutcome)] == [
        "not_a_file",
        "not_found",
        "outside_corpus",
    ]


def test_two_files_of_one_request_making_one_id_refuse_the_later(tmp_path):
    text = "关于开展活动的通知\n一、每月一次。\n".encode()
    uploads = [Upload("a.txt", text), Upload("a.md", text), Upload("b.txt", text)]
    outcomes, parsed = _writer(tmp_path)._parse_uploads(uploads, 1000)
    assert [u.name for u, _docs in parsed] == ["a.txt", "b.txt"]
    assert [(o.file, o.code) for o in outcomes] == [("a.md", "duplicate_id")]
