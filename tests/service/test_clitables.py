"""service/clitables.py: what the commands print — the documents table (articles under their
bulletin), the write report and its summary line, `--json` as readable Chinese."""

from __future__ import annotations

import io
import json

from rich.console import Console

from service.clitables import _explain, _print_json, _print_write, _short, documents_table, report_table
from service.values import FileOutcome, WriteReport


def _doc(doc_id: str, title: str, parent_id: str | None = None) -> dict:
    return {"doc_id": doc_id, "title": title, "parent_id": parent_id, "clause_count": 2}


def test_short_folds_lines_and_cuts_with_an_ellipsis() -> None:
    assert _short("第一行\n第二行") == "第一行 第二行"
    assert _short("离退休干部党支部建设", 5) == "离退休干…"
    assert _short("党支部", 3) == "党支部"
    assert _short(None) == ""


def test_articles_are_listed_under_their_bulletin() -> None:
    docs = [
        _doc("b", "工作简报"),
        _doc("b-1", "文章甲", parent_id="b"),
        _doc("b-2", "文章乙", parent_id="b"),
        _doc("x-1", "孤立文章", parent_id="gone"),  # its bulletin is not in the list: a row of its own
    ]
    titles = list(documents_table(docs).columns[0].cells)
    assert titles == ["工作简报", "├─文章甲", "└─文章乙", "孤立文章"]


def test_report_table_labels_statuses_and_shortens_long_id_lists() -> None:
    report = WriteReport(
        [
            FileOutcome("a.txt", "added", ["a"]),
            FileOutcome("brief.txt", "replaced", ["p1", "p2", "p3", "p4", "p5"]),
            FileOutcome("bad.txt", "rejected", message="文件是空的"),
        ],
        "s1",
        6,
        12,
    )
    table = report_table(report)
    assert [str(c) for c in table.columns[1].cells] == ["新增", "替换", "拒绝"]
    assert list(table.columns[2].cells)[1] == "p1、p2、p3 等 5 篇"
    assert list(table.columns[3].cells)[2] == "文件是空的"


def test_explain_names_the_document_only_when_a_file_has_several() -> None:
    one = FileOutcome("a.txt", "added", ["a"], documents=[{"title": "通知", "missing": ["未找到日期"]}])
    assert _explain(one) == "未找到日期"
    two = FileOutcome(
        "b.txt",
        "added",
        ["b1", "b2"],
        message="简报已拆分",
        documents=[{"title": "文章甲", "missing": ["未找到日期", "未找到文号"]}, {"title": "文章乙"}],
    )
    assert _explain(two) == "简报已拆分\n“文章甲”未找到日期；未找到文号"


def test_write_summary_counts_statuses_and_says_when_nothing_changed() -> None:
    outcomes = [FileOutcome("a.txt", "added", ["a"]), FileOutcome("b.txt", "rejected")]
    console = Console(file=io.StringIO(), width=200)
    _print_write(WriteReport(outcomes, "s2", 4, 9, entities=7, changed=True), console)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "新增 1，拒绝 1。当前共 4 篇文档、9 条条款、7 个实体（快照 s2）。" in out
    console = Console(file=io.StringIO(), width=200)
    _print_write(WriteReport([FileOutcome("a.txt", "unchanged", ["a"])], "s2", 4, 9), console)
    assert "未变化 1。没有变化。" in console.file.getvalue()  # type: ignore[attr-defined]


def test_json_output_keeps_chinese_readable(capsys) -> None:  # type: ignore[no-untyped-def]
    _print_json({"title": "离退休干部"})
    out = capsys.readouterr().out
    assert "离退休干部" in out and json.loads(out) == {"title": "离退休干部"}
