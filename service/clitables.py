"""What the `policykg` commands print: the documents table (bulletins with their articles beneath),
the write report (one row per file, with what ingest could not find), the summary line after a
write, and `--json` output.

Separate from the commands (service/clicommands.py) because several of them share these tables:
build, ingest and delete all print a write report, build and documents the documents table.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from service.engine import WriteReport

STATUS_LABELS = {
    "added": ("新增", "green"),
    "replaced": ("替换", "yellow"),
    "unchanged": ("未变化", "dim"),
    "rejected": ("拒绝", "red"),
    "deleted": ("删除", "magenta"),
}


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _short(text: str | None, n: int = 60) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


def documents_table(docs: Sequence[dict[str, Any]], title: str = "文档") -> Table:
    table = Table(title=title, show_lines=False, expand=False)
    for col, kw in (
        ("标题", {"overflow": "fold", "max_width": 48, "min_width": 20}),
        ("文号", {"no_wrap": True}),
        ("发文机关/作者单位", {"overflow": "fold", "max_width": 24}),
        ("日期", {"no_wrap": True}),
        ("文种", {"no_wrap": True}),
        ("地区", {"no_wrap": True}),
        ("条款数", {"justify": "right", "no_wrap": True}),
    ):
        table.add_column(col, **kw)
    children: dict[str, list[dict[str, Any]]] = {}
    for d in docs:
        if d.get("parent_id"):
            children.setdefault(d["parent_id"], []).append(d)
    ids = {d["doc_id"] for d in docs}

    def row(d: dict[str, Any], prefix: str = "") -> None:
        region = (d.get("region") or {}).get("name") or ""
        table.add_row(
            prefix + _short(d.get("title"), 46),
            d.get("doc_no") or "",
            d.get("issuer") or "",
            d.get("date") or "",
            d.get("doc_type") or "",
            region,
            str(d.get("clause_count", "")),
        )

    for d in docs:
        if d.get("parent_id") and d["parent_id"] in ids:
            continue
        row(d)
        kids = children.get(d["doc_id"], [])
        for i, c in enumerate(kids):
            row(c, "└─" if i == len(kids) - 1 else "├─")
    return table


def _explain(outcome: Any) -> str:
    """The outcome's message, and for each document what ingest could not find, in words."""
    notes = [outcome.message] if outcome.message else []
    for d in outcome.documents:
        missing = d.get("missing") or []
        if missing:
            who = f"“{_short(d.get('title'), 16)}”" if len(outcome.documents) > 1 else ""
            notes.append(f"{who}{'；'.join(missing)}")
    return "\n".join(notes)


def report_table(report: WriteReport) -> Table:
    table = Table(title="导入结果")
    table.add_column("文件", overflow="fold", max_width=40)
    table.add_column("结果")
    table.add_column("文档编号", overflow="fold", max_width=40)
    table.add_column("说明", overflow="fold", max_width=60)
    for o in report.outcomes:
        label, style = STATUS_LABELS.get(o.status, (o.status, ""))
        ids = "、".join(o.doc_ids[:3]) + (f" 等 {len(o.doc_ids)} 篇" if len(o.doc_ids) > 3 else "")
        table.add_row(o.file, Text(label, style=style), ids, _explain(o))
    return table


def _print_write(report: WriteReport, console: Console, with_documents: bool = True) -> None:
    console.print(report_table(report))
    docs = [d for o in report.outcomes for d in o.documents]
    if with_documents and docs:
        console.print(documents_table(docs, title="本次导入的文档"))
    counts: dict[str, int] = {}
    for o in report.outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    summary = "，".join(f"{STATUS_LABELS.get(k, (k, ''))[0]} {v}" for k, v in counts.items())
    if report.changed:
        console.print(
            f"{summary}。当前共 {report.documents} 篇文档、{report.clauses} 条条款、{report.entities} 个实体"
            f"（快照 {report.snapshot}）。"
        )
    else:
        console.print(f"{summary}。没有变化。")
