"""The load test's server: the seed library built into a data dir, `uvicorn service.app:create_app`
with N workers over it on a free loopback port, waiting for its health check, and stopping it.

Apart from the traffic and its checks because other benches start the same server
(bench.writeburst) and it is plain process handling, not part of what is measured.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(data_dir: Path, port: int, workers: int, token: str, log_path: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYKG_")}
    env.update(
        {
            "POLICYKG_DATA_DIR": str(data_dir),
            "POLICYKG_CORPUS_DIR": str(REPO / "corpus"),
            "POLICYKG_API_TOKEN": token,
            "PYTHONPATH": str(REPO) + os.pathsep + env.get("PYTHONPATH", ""),
        }
    )
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "service.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    log = open(log_path, "wb")  # noqa: SIM115  (closed by stop_server)
    proc = subprocess.Popen(
        cmd, env=env, cwd=str(REPO), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    proc._policykg_log = log  # type: ignore[attr-defined]
    return proc


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    log = getattr(proc, "_policykg_log", None)
    if log is not None:
        log.close()


def wait_ready(base: str, proc: subprocess.Popen, attempts: int = 600) -> None:
    """Poll /api/health until the server answers (bounded number of tries, ~0.1 s apart)."""
    import httpx

    for _ in range(attempts):
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError("server did not become ready")


def build_seed(data_dir: Path) -> None:
    from policykg.settings import Settings
    from service.engine import Engine

    engine = Engine(Settings(data_dir=data_dir, corpus_dir=REPO / "corpus"))
    engine.build()
    engine.close()
