"""The `policykg` console script: build, ingest, delete, serve, search, precedents, compare, entities,
documents, graph --report. Readable Chinese tables in the terminal (rich), `--json` for scripts.

Exit codes: 0 success; 1 when the work failed (or, for ingest/build, when any file was rejected);
2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from policykg.errors import PolicyKGError
from policykg.settings import Settings
from service.engine import Engine, SearchParams, WriteReport

STATUS_LABELS = {
    "added": ("新增", "green"),
    "replaced": ("替换", "yellow"),
    "unchanged": ("未变化", "dim"),
    "rejected": ("拒绝", "red"),
    "deleted": ("删除", "magenta"),
}


def make_settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = Path(args.data_dir)
    if getattr(args, "host", None):
        overrides["host"] = args.host
    if getattr(args, "port", None):
        overrides["port"] = args.port
    if getattr(args, "workers", None):
        overrides["workers"] = args.workers
    if getattr(args, "build_workers", None) is not None:
        overrides["build_workers"] = args.build_workers
    if getattr(args, "corpus", None):
        overrides["corpus_dir"] = Path(args.corpus)
    settings = Settings(**overrides)
    data = settings.resolved_data_dir()
    if data.exists() and not data.is_dir():
        raise PolicyKGError(
            f"数据目录不是一个目录：{data}（请用 --data-dir 指定一个目录）", code="bad_data_dir"
        )
    return settings


def make_engine(settings: Settings) -> Engine:
    """Seam for tests (they swap in an engine over a fake backend). No preload of written
    generations: the process exits after its write, and `serve` answers from its app's own engine."""
    return Engine(settings, preload_writes=False)


def _console(stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    # Piped output (a file, less, CI logs) gets a wide table instead of rich's 80-column default.
    width = None if stream.isatty() or os.environ.get("COLUMNS") else 160
    return Console(stderr=stderr, highlight=False, soft_wrap=False, width=width)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _limit(args: argparse.Namespace, engine: Engine, default: int) -> int:
    """--limit as given, else the command's default within the configured max_page_size."""
    return args.limit if args.limit is not None else min(default, engine.settings.max_page_size)


def _short(text: str | None, n: int = 60) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


# ---------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------------


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


def cmd_serve(args: argparse.Namespace, engine: Engine, console: Console) -> int:
    settings = engine.settings
    if engine.replica is not None:  # PostgreSQL is the record: bootstrap this replica from it
        from service.replica import prepare

        prepare(engine, Path(settings.corpus_dir), console.print)
    elif not engine.has_snapshot():
        console.print(
            f"数据目录 {settings.resolved_data_dir()} 中没有索引，先从 {settings.corpus_dir} 构建……"
        )
        report = engine.build(settings.corpus_dir)
        console.print(f"构建完成：{report.documents} 篇文档、{report.clauses} 条条款。")
    # Workers are separate processes: they read the settings from the environment.
    os.environ["POLICYKG_DATA_DIR"] = str(settings.resolved_data_dir())
    os.environ["POLICYKG_CORPUS_DIR"] = str(Path(settings.corpus_dir).resolve())
    console.print(f"服务地址：http://{settings.host}:{settings.port}  （API 文档：/docs）")
    serve(settings.host, settings.port, max(1, settings.workers), settings.header_timeout)
    return 0


def serve(host: str, port: int, workers: int, header_timeout: float = 10.0) -> None:
    """uvicorn over the app factory (an import string, so that worker processes can import it)."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from service.allocator import allocator_env, tune_allocator

    os.environ["POLICYKG_HEADER_TIMEOUT"] = str(header_timeout)  # read by the protocol in every worker
    # requests reuse their scratch memory instead of faulting it in anew (service.allocator);
    # worker processes are spawned: they read the thresholds from the environment at start-up
    tune_allocator()
    os.environ.update(allocator_env(os.environ))
    config = uvicorn.Config(
        "service.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        http="service.httpproto:HeaderTimeoutProtocol",  # request headers have a deadline
    )
    if workers < 2:
        uvicorn.Server(config).run()
        return
    # uvicorn#3149: the socket uvicorn pre-binds for its workers reaches them with proto 0, so
    # asyncio does not set TCP_NODELAY on accepted connections (+44 ms per keep-alive request,
    # Nagle against delayed ACK). Re-wrapping the bound fd with the explicit protocol fixes it.
    sock = config.bind_socket()
    sock = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
    Multiprocess(config, sockets=[sock]).run()


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


# ---------------------------------------------------------------------------------------------
# Parser
# ---------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policykg", description="离退休干部党建政策文件：知识图谱与条款检索"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument("--data-dir", help="数据目录（默认 ./data，或 POLICYKG_DATA_DIR）")
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="输出 JSON")

    p = sub.add_parser("build", parents=[data_dir, as_json], help="从语料目录（重新）构建索引与图谱")
    p.add_argument("--corpus", help="语料目录（默认内置 corpus/）")
    p.add_argument(
        "--workers",
        dest="build_workers",
        type=int,
        help="构建使用的进程数（默认可用 CPU 数，最多 4；或 POLICYKG_BUILD_WORKERS）",
    )
    p.set_defaults(func=cmd_build)

    p = sub.add_parser(
        "ingest", parents=[data_dir, as_json], help="新增或替换文档（txt、md、html、docx、pdf）"
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("delete", parents=[data_dir, as_json], help="删除文档（简报连同其文章）")
    p.add_argument("doc_id")
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser("serve", parents=[data_dir], help="启动 API 与网页界面（数据目录为空时先构建）")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--workers", type=int)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("search", parents=[data_dir, as_json], help="条款检索")
    p.add_argument("query")
    p.add_argument("--region")
    p.add_argument("--doc-type")
    p.add_argument("--year-from", type=int)
    p.add_argument("--year-to", type=int)
    p.add_argument("--program")
    p.add_argument("--issuer")
    p.add_argument("--limit", type=int, help="条数（默认 10，不超过 max_page_size）")
    p.add_argument("--offset", type=int, default=0)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("precedents", parents=[data_dir, as_json], help="其他地区、单位的做法（按地区分组）")
    p.add_argument("query")
    p.add_argument("--limit", type=int, help="条数（默认 10，不超过 max_page_size）")
    p.set_defaults(func=cmd_precedents)

    p = sub.add_parser("compare", parents=[data_dir, as_json], help="地区对比")
    p.add_argument("topic")
    p.add_argument("--regions", help="逗号分隔，如 福州市,枣庄市；不给则列出所有有相关条款的地区")
    p.add_argument("--limit", type=int, help="每个地区的条数（默认 10，不超过 max_page_size）")
    p.add_argument("--rows", type=int, default=5, help="表格中每个地区显示的条数")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("entities", parents=[data_dir, as_json], help="实体查找；--id 查看一个实体及其关系")
    p.add_argument("query", nargs="?")
    p.add_argument(
        "--type", choices=["document", "organization", "region", "program", "branch", "person", "concept"]
    )
    p.add_argument("--id", help="实体编号，如 region:210100")
    p.add_argument("--limit", type=int, help="条数（默认 20，不超过 max_page_size）")
    p.set_defaults(func=cmd_entities)

    p = sub.add_parser("documents", parents=[data_dir, as_json], help="文档列表")
    p.add_argument("--limit", type=int, help="条数（默认 100，不超过 max_page_size）")
    p.add_argument("--offset", type=int, default=0)
    p.set_defaults(func=cmd_documents)

    p = sub.add_parser("graph", parents=[data_dir], help="图谱核查报告")
    p.add_argument("--report", action="store_true", help="按类型列出所有实体及其出处")
    p.add_argument("--out", help="写入文件而不是标准输出")
    p.set_defaults(func=cmd_graph)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    console = _console()
    err = _console(stderr=True)
    try:
        settings = make_settings(args)
        engine = make_engine(settings)
        func: Callable[[argparse.Namespace, Engine, Console], int] = args.func
        return func(args, engine, console)
    except PolicyKGError as exc:
        err.print(Text(f"错误：{exc.message}", style="red"))
        return 1
    except OSError as exc:  # a data dir that is a file, unwritable, on a missing mount …
        where = f"：{exc.filename}" if exc.filename else ""
        err.print(
            Text(f"错误：无法访问文件或目录{where}（{exc.strerror or type(exc).__name__}）", style="red")
        )
        return 1
    except KeyboardInterrupt:
        err.print("已中断")
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
