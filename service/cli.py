"""The `policykg` console script: build, ingest, delete, serve, search, precedents, compare, entities,
documents, graph --report. Readable Chinese tables in the terminal (rich), `--json` for scripts.

Exit codes: 0 success; 1 when the work failed (or, for ingest/build, when any file was rejected);
2 for usage errors.

The commands themselves are in service/clicommands.py (and `serve` in service/cliserve.py), the
tables they print in service/clitables.py; this module parses the command line, makes the settings
and the engine, runs the command and turns errors into exit codes.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from policykg.errors import PolicyKGError
from policykg.settings import Settings
from service.clicommands import (
    cmd_build,
    cmd_compare,
    cmd_delete,
    cmd_documents,
    cmd_entities,
    cmd_graph,
    cmd_ingest,
    cmd_precedents,
    cmd_search,
)
from service.cliserve import cmd_serve

# report_table, _explain: re-exported (tests/service/test_service_cli.py takes them from here)
from service.clitables import _explain as _explain
from service.clitables import report_table as report_table
from service.engine import Engine


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
