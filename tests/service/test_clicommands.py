"""service/clicommands.py: each command over an engine with a fake backend, called directly — the
default --limit within max_page_size, exit codes, what is printed and what is written."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from svc_fakes import FakeBackend, write_corpus

from policykg.settings import Settings
from service.clicommands import _limit, cmd_build, cmd_compare, cmd_documents, cmd_graph, cmd_precedents
from service.engine import Engine


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", corpus_dir=write_corpus(tmp_path / "corpus"), max_page_size=2)


@pytest.fixture
def engine(settings: Settings) -> Engine:
    eng = Engine(settings, FakeBackend())
    eng.build()
    return eng


@pytest.fixture
def console() -> Console:
    return Console(file=io.StringIO(), width=200, highlight=False)


def printed(console: Console) -> str:
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_limit_is_the_given_one_else_the_default_within_max_page_size(settings: Settings) -> None:
    engine = Engine(settings, FakeBackend())
    assert _limit(argparse.Namespace(limit=None), engine, 10) == 2  # max_page_size=2
    assert _limit(argparse.Namespace(limit=None), engine, 1) == 1
    assert _limit(argparse.Namespace(limit=7), engine, 10) == 7  # as given: the engine judges it


def test_build_with_a_rejected_file_shows_it_and_exits_1(settings: Settings, console: Console) -> None:
    (settings.corpus_dir / "empty.txt").write_bytes(b"")
    engine = Engine(settings, FakeBackend())
    code = cmd_build(argparse.Namespace(corpus=None, json=False), engine, console)
    out = printed(console)
    assert code == 1
    assert f"已构建：{settings.corpus_dir}" in out and "导入结果" in out and "empty.txt" in out
    assert "共 3 篇文档" in out


def test_documents_json_pages_with_the_default_limit(engine: Engine, console: Console, capsys) -> None:  # type: ignore[no-untyped-def]
    assert cmd_documents(argparse.Namespace(offset=1, limit=None, json=True), engine, console) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 3 and len(data["documents"]) == 2


def test_compare_takes_regions_separated_by_a_chinese_comma(engine: Engine, console: Console, capsys) -> None:  # type: ignore[no-untyped-def]
    args = argparse.Namespace(topic="党支部设置", regions="福州市，辽宁省", limit=None, rows=5, json=True)
    assert cmd_compare(args, engine, console) == 0
    columns = json.loads(capsys.readouterr().out)["columns"]
    assert [c["region"]["name"] for c in columns] == ["福州市", "辽宁省"]


def test_precedents_says_so_when_nothing_is_found(engine: Engine, console: Console) -> None:
    assert cmd_precedents(argparse.Namespace(query="火星探测", limit=None, json=False), engine, console) == 0
    assert "没有找到相关做法" in printed(console)


def test_graph_needs_report_and_writes_to_out(engine: Engine, console: Console, tmp_path: Path) -> None:
    assert cmd_graph(argparse.Namespace(report=False, out=None), engine, console) == 2
    assert "--report" in printed(console)
    out = tmp_path / "report.tsv"
    assert cmd_graph(argparse.Namespace(report=True, out=str(out)), engine, console) == 0
    assert "program\t1335" in out.read_text(encoding="utf-8")
    assert f"已写入 {out}" in printed(console)
