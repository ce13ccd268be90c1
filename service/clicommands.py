"""The `policykg` commands that call the engine once and print what it returns: build, ingest and
delete (writes), search, precedents, compare, entities, documents and graph --report (reads).
Each takes the parsed arguments, the engine and a console, prints a table (or `--json`) and
returns the exit code.

Separate from service/cli.py, which parses the command line and turns errors into exit codes, so
that what each command shows is found in one place; `serve` (process and socket set-up) is in
service/cliserve.py, the tables several commands share in service/clitables.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from service.clitables import _print_json, _print_write, _short, documents_table, report_table
from service.engine import Engine, SearchParams


def _limit(args: argparse.Namespace, engine: Engine, default: int) -> int:
    """--limit as given, else the command's default within the configured max_page_size."""
    return args.limit if args.limit is not None else min(default, engine.settings.max_page_size)


def cmd_build(args: argparse.Namespace, engine: Engine, console: Console) -> int:
    corpus = Path(args.corpus) if args.corpus else engine.settings.corpus_dir
    report = engine.build(corpus)
    if args.json:
        _print_json(report.to_dict())
    else:
        docs = [d for o in report.outcomes for d in o.documents]
        console.print(documents_table(docs, title=f"已构建：{corpus}"))
        if report.failed:
            console.print(report_table(report))
        console.print(
            f"共 {report.documents} 篇文档（含简报中的文章）、{report.clauses} 条条款、{report.entities} 个实体；"
            f"快照 {report.snapshot}。"
        )
    return 1 if report.failed else 0


def cmd_ingest(args: argparse.Namespace, engine: Engine, console: Console) -> int:
    report = engine.ingest_paths([Path(p) for p in args.files])
    if args.json:
        _print_json(report.to_dict())
    else:
        _print_write(report, console)
    return 1 if report.failed else 0


def cmd_delete(args: argparse.Namespace, engine: Engine, console: Console) -> int:
    report = engine.delete(args.doc_id)
    if args.json:
        _print_json(report.to_dict())
    else:
        _print_write(report, console, with_documents=False)
    return 0


def cmd_search(args: argparse.Namespace, engine: Engine, console: Console) -> int:
    params = SearchParams(
        q=args.query,
        limit=_limit(args, engine, 10),
        offset=args.offset,
        region=args.region,
        doc_type=args.doc_type,
        year_from=args.year_from,
        year_to=args.year_to,
        program=args.program,
        issuer=args.issuer,
    )
    data = engine.search(params)
    if args.json:
        _print_json(data)
        return 0
    table = Table(title=f"检索：{data['query']}（共 {data['total']} 条）", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("条款", overflow="fold", max_width=70)
    table.add_column("出处", overflow="fold", max_width=36)
    table.add_column("得分", justify="right")
    for i, r in enumerate(data["results"], start=1 + data.get("offset", 0)):
        d = r["document"]
        source = f"《{d['title']}》" + (f" {d['doc_no']}" if d.get("doc_no") else "")
        if r["path"]:
            source += "\n" + " › ".join(r["path"])
        table.add_row(str(i), _short(r["text"], 220), source, f"{r['score']:.2f}")
    console.print(table)
    return 0


def cmd_precedents(args: argparse.Namespace, engine: Engine, console: Console) -> int:
    data = engine.precedents(args.query, _limit(args, engine, 10))
    if args.json:
        _print_json(data)
        return 0
    if not data["groups"]:
        console.print("没有找到相关做法。")
        return 0
    for g in data["groups"]:
        table = Table(title=f"{g['region']['name']}", show_lines=True, title_justify="left")
        table.add_column("做法", overflow="fold", max_width=18)
        table.add_column("条款", overflow="fold", max_width=70)
        table.add_column("单位 / 年份 / 出处", overflow="fold", max_width=34)
        for item in g["items"]:
            org = (item.get("organization") or {}).get("name") or ""
            src = f"{org}\n{item.get('year') or ''}\n《{item['document']['title']}》"
            table.add_row(item.get("practice") or "—", _short(item["text"], 200), src)
        console.print(table)
    return 0


def cmd_compare(args: argparse.Namespace, engine: Engine, console: Console) -> int:
    regions = [r for r in (args.regions or "").replace("，", ",").split(",") if r.strip()]
    data = engine.compare(args.topic, regions, _limit(args, engine, 10))
    if args.json:
        _print_json(data)
        return 0
    table = Table(title=f"对比：{data['topic']}", show_lines=True)
    for col in data["columns"]:
        table.add_column(col["region"]["name"], overflow="fold", max_width=50)
    depth = min(args.rows, max((len(c["items"]) for c in data["columns"]), default=0))
    table.add_row(*[Text(c["summary"] or c["note"] or "", style="bold") for c in data["columns"]])
    for i in range(depth):
        cells = []
        for col in data["columns"]:
            if i >= len(col["items"]):
                cells.append("")
                continue
            item = col["items"][i]
            facts = "；".join(f["text"] for f in item["facts"])
            cell = Text(_short(item["text"], 160))
            if facts:
                cell.append(f"\n【{facts}】", style="bold cyan")
            cell.append(f"\n—《{_short(item['document']['title'], 30)}》", style="dim")
            cells.append(cell)
        table.add_row(*cells)
    console.print(table)
    return 0


def cmd_entities(args: argparse.Namespace, engine: Engine, console: Console) -> int:
    if args.id:
        data = engine.entity(args.id)
        if args.json:
            _print_json(data)
            return 0
        console.print(f"[bold]{data['name']}[/bold]（{data['type']}，{data['id']}）")
        if data["aliases"]:
            console.print("别名：" + "、".join(data["aliases"]))
        table = Table(title="关系")
        for col in ("关系", "方向", "对方", "类型", "出处"):
            table.add_column(col, overflow="fold")
        for n in data["neighbors"]:
            table.add_row(
                n["relation"],
                "→" if n["direction"] == "out" else "←",
                n["entity"]["name"],
                n["entity"]["type"],
                "、".join(n["evidence"][:2]),
            )
        console.print(table)
        return 0
    data = engine.entities(args.query, args.type, _limit(args, engine, 20))
    if args.json:
        _print_json(data)
        return 0
    table = Table(title=f"实体：{args.query or '全部'}")
    for col in ("编号", "名称", "类型", "别名"):
        table.add_column(col, overflow="fold")
    for e in data["results"]:
        table.add_row(e["id"], e["name"], e["type"], "、".join(e["aliases"][:4]))
    console.print(table)
    return 0


def cmd_documents(args: argparse.Namespace, engine: Engine, console: Console) -> int:
    data = engine.documents(offset=args.offset, limit=_limit(args, engine, 100))
    if args.json:
        _print_json(data)
    else:
        console.print(documents_table(data["documents"], title=f"文档（共 {data['total']} 篇）"))
    return 0


def cmd_graph(args: argparse.Namespace, engine: Engine, console: Console) -> int:
    if not args.report:
        console.print("请使用 policykg graph --report 输出抽取结果供人工核查。")
        return 2
    snap = engine.snapshot()
    text = engine.backend.render_report(snap.graph, list(snap.documents.values()))
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        console.print(f"已写入 {args.out}")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
