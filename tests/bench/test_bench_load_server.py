"""bench.load_server: a free loopback port, waiting gives up on a server that exited, and stopping
ends the server's whole process group and closes its log."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bench import load_server


def test_free_port_can_be_bound() -> None:
    port = load_server.free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))


def test_wait_ready_gives_up_on_a_server_that_exited() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    proc.wait()
    with pytest.raises(RuntimeError, match="server exited with 3"):
        load_server.wait_ready("http://127.0.0.1:9", proc, attempts=5)


def test_stop_server_ends_the_process_group_and_closes_the_log(tmp_path: Path) -> None:
    log = open(tmp_path / "server.log", "wb")  # noqa: SIM115  (closed by stop_server)
    proc = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)"], stdout=log, start_new_session=True
    )
    proc._policykg_log = log  # type: ignore[attr-defined]
    load_server.stop_server(proc)
    assert proc.returncode == -15  # SIGTERM, well before the 60 s are up
    assert log.closed
    load_server.stop_server(proc)  # a second stop is harmless
