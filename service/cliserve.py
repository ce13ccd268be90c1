"""`policykg serve`: make sure there is something to serve (bootstrap a PostgreSQL replica, or build
an empty data dir from the corpus), hand the settings to the worker processes through the
environment, and run uvicorn over the app factory.

Separate from the other commands (service/clicommands.py) because starting the server is process
and socket set-up — environment for spawned workers, the allocator, the header deadline, the
TCP_NODELAY fix for pre-bound sockets — not a call into the engine and a table.
"""

from __future__ import annotations

import argparse
import os
import socket
from pathlib import Path

from rich.console import Console

from service.engine import Engine


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
