"""The console script over a fake backend: tables, --json, exit codes."""

from __future__ import annotations

import json

import pytest
from svc_fakes import FakeBackend, write_corpus

from service import cli
from service.engine import Engine


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cli, "make_engine", lambda settings: Engine(settings, FakeBackend()))
    monkeypatch.setenv("COLUMNS", "200")
    corpus = write_corpus(tmp_path / "corpus")
    data = str(tmp_path / "data")

    def _run(*argv: str) -> tuple[int, str, str]:
        args = list(argv)
        if args[0] == "build" and "--corpus" not in args:
            args += ["--corpus", str(corpus)]
        code = cli.main([*args, "--data-dir", data])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def test_build_prints_document_table(run):
    code, out, _ = run("build")
    assert code == 0
    for expected in ("标题", "文号", "条款数", "振兴区离退休干部党建经验", "福州市", "共 3 篇文档"):
        assert expected in out


def test_ingest_statuses_and_exit_codes(run, tmp_path):
    run("build")
    good = tmp_path / "zaozhuang.txt"
    good.write_text(
        "枣庄市通知\n地区：山东省/枣庄市\n党员人数达到3人以上的，可单独建立。\n", encoding="utf-8"
    )
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    code, out, _ = run("ingest", str(good), str(bad), str(tmp_path / "missing.txt"))
    assert code == 1
    assert "新增" in out and "拒绝" in out and "文件不存在" in out
    code, out, _ = run("ingest", str(good))
    assert code == 0 and "未变化" in out
    code, out, _ = run("ingest", "--json", str(good))
    assert json.loads(out)["files"][0]["status"] == "unchanged"


def test_read_commands_json_and_tables(run):
    run("build")
    code, out, _ = run("search", "社区报到", "--json", "--limit", "2")
    assert code == 0 and len(json.loads(out)["results"]) == 2
    code, out, _ = run("search", "社区报到")
    assert code == 0 and "检索：社区报到" in out
    code, out, _ = run("precedents", "到社区报到")
    assert code == 0 and "社区报到反馈表" in out
    code, out, _ = run("compare", "党支部设置", "--regions", "福州市,辽宁省", "--json")
    assert [c["region"]["name"] for c in json.loads(out)["columns"]] == ["福州市", "辽宁省"]
    code, out, _ = run("compare", "党支部设置", "--regions", "福州市,辽宁省")
    assert code == 0 and "5人以上" in out
    code, out, _ = run("entities", "丹东市", "--json")
    assert json.loads(out)["results"][0]["id"] == "region:丹东市"
    code, out, _ = run("entities", "--id", "region:丹东市")
    assert code == 0 and "part_of" in out
    code, out, _ = run("graph", "--report")
    assert code == 0 and "program\t1335" in out
    code, out, _ = run("documents")
    assert code == 0 and "共 3 篇" in out
    code, out, _ = run("delete", "dandong")
    assert code == 0 and "删除" in out


def test_errors_are_chinese_and_nonzero(run):
    code, _, err = run("search", "党建")
    assert code == 1 and "policykg build" in err
    run("build")
    code, _, err = run("compare", "党建", "--regions", "火星市")
    assert code == 1 and "未知地区" in err
    with pytest.raises(SystemExit) as info:
        run("search")
    assert info.value.code == 2


def test_ingest_table_says_what_was_not_found():
    from ingest.pipeline import read_bytes
    from service.values import FileOutcome, WriteReport
    from service.views import extracted_summary

    [doc] = read_bytes(
        "note.txt", "近日，某地召开老干部工作会议，部署全年重点工作，会议强调要做好服务保障。\n".encode()
    )
    outcome = FileOutcome("note.txt", "added", [doc.id], documents=[extracted_summary(doc)])
    text = cli._explain(outcome)
    assert "未找到标题" in text and "未找到日期" in text and "未找到适用地区" in text
    table = cli.report_table(WriteReport([outcome], "s1", 1, 1))
    assert table.columns[-1].header == "说明"
