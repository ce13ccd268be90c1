"""service/cliserve.py: `serve` builds an empty data dir first, hands the settings to the workers
through the environment, and runs uvicorn over the app factory — with several workers, on a
pre-bound socket re-wrapped as TCP (uvicorn#3149; this checks the socket handed to the supervisor,
not the workers' side). uvicorn's run is replaced: nothing is served."""

from __future__ import annotations

import argparse
import io
import os
import socket
from pathlib import Path
from typing import Any

import pytest
import uvicorn
import uvicorn.supervisors
from rich.console import Console
from svc_fakes import FakeBackend, write_corpus

from policykg.settings import Settings
from service import allocator, cliserve
from service.engine import Engine

# what serve() sets in this process's environment; registered with monkeypatch so that it is undone
SET_BY_SERVE = ("POLICYKG_DATA_DIR", "POLICYKG_CORPUS_DIR", "POLICYKG_HEADER_TIMEOUT", *allocator.ENV_NAMES)


@pytest.fixture(autouse=True)
def _restore_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SET_BY_SERVE:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(allocator, "tune_allocator", lambda: True)  # keep the test process's malloc as it is


def test_serve_builds_an_empty_data_dir_once_and_passes_settings_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(cliserve, "serve", lambda *a: calls.append(a))
    settings = Settings(
        data_dir=tmp_path / "data", corpus_dir=write_corpus(tmp_path / "corpus"), port=8123, workers=3
    )
    engine = Engine(settings, FakeBackend())
    console = Console(file=io.StringIO(), width=200)
    assert cliserve.cmd_serve(argparse.Namespace(), engine, console) == 0
    assert engine.has_snapshot() and "构建完成：3 篇文档" in console.file.getvalue()  # type: ignore[attr-defined]
    assert calls == [("127.0.0.1", 8123, 3, settings.header_timeout)]
    assert os.environ["POLICYKG_DATA_DIR"] == str(settings.resolved_data_dir())
    assert os.environ["POLICYKG_CORPUS_DIR"] == str(settings.corpus_dir.resolve())
    again = Console(file=io.StringIO(), width=200)
    assert cliserve.cmd_serve(argparse.Namespace(), engine, again) == 0
    assert "构建" not in again.file.getvalue()  # type: ignore[attr-defined]


def test_one_worker_runs_the_app_factory_with_the_header_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    configs: list[uvicorn.Config] = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self: configs.append(self.config))
    cliserve.serve("127.0.0.1", 8124, 1, header_timeout=4.5)
    [config] = configs
    assert config.app == "service.app:create_app" and config.factory
    assert config.http == "service.httpproto:HeaderTimeoutProtocol"
    assert os.environ["POLICYKG_HEADER_TIMEOUT"] == "4.5"
    assert os.environ["MALLOC_MMAP_THRESHOLD_"] == str(allocator.MMAP_THRESHOLD)  # for spawned workers


def test_several_workers_share_a_socket_that_says_it_is_tcp(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[socket.socket] = []

    class Supervisor:
        def __init__(self, config: uvicorn.Config, sockets: list[socket.socket]) -> None:
            assert config.workers == 2
            seen.extend(sockets)

        def run(self) -> None:
            pass

    monkeypatch.setattr(uvicorn.supervisors, "Multiprocess", Supervisor)
    cliserve.serve("127.0.0.1", 0, 2)
    [sock] = seen
    try:
        assert sock.proto == socket.IPPROTO_TCP  # what the workers must see (uvicorn#3149)
        assert sock.getsockname()[0] == "127.0.0.1"
    finally:
        sock.close()
