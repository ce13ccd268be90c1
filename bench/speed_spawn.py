"""The parent's side of a speed measurement: one worker task in a fresh interpreter (its result,
cold start and wall time), or `policykg serve` on loopback driven by wrk for HTTP figures.

Apart from the tasks (which run in the child) and the per-size plan (which decides what to run):
this is only how a process is started, read and stopped; bench.speed_queries uses it too.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.speed_inputs import REPO
from bench.wrkrun import run_wrk_script


def _env(src: Path | None = None) -> dict[str, str]:
    """The workers' environment; `src`: another source tree of the project (the previous
    version, --previous) first on the path instead of this one."""
    env = dict(os.environ)
    root = str(src or REPO)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run_worker(
    task: str, args: dict[str, Any], timeout: float = 7200, src: Path | None = None
) -> dict[str, Any]:
    """Run one task in a fresh interpreter; returns its result plus `cold_start_s` (spawn → READY)
    when the task reports one and `wall_s` (spawn → exit). `src`: run it with another source tree
    of the project (its own bench.speed worker and search code)."""
    cmd = [sys.executable, "-m", "bench.speed", "worker", task, json.dumps(args)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=src or REPO, env=_env(src), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    cold: float | None = None
    result: dict[str, Any] | None = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("READY") and cold is None:
            cold = time.perf_counter() - t0
        elif line.startswith("RESULT "):
            result = json.loads(line[7:])
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0 or result is None:
        last = next((ln for ln in reversed(stderr.splitlines()) if ln.strip()), "")
        raise RuntimeError(f"worker {task} failed ({proc.returncode}): {last}\n{stderr[-2000:]}")
    result["wall_s"] = time.perf_counter() - t0
    if cold is not None:
        result["cold_start_s"] = cold
    return result


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format("BENCH p50_us=%%d p95_us=%%d requests=%%d errors=%%d\\n",
    latency:percentile(50), latency:percentile(95), summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def http_bench(
    data_dir: Path,
    queries: Sequence[str],
    seconds: int,
    connections: int = 4,
    src: Path | None = None,
    warm: bool = False,
) -> dict[str, Any]:
    """Serve the data dir (policykg serve, loopback) and drive /api/search with wrk for a bounded
    time and connection count. Skipped with a note when wrk is absent.

    `warm`: ask every question once, one at a time, before wrk starts, so the window measures a
    served library rather than the first read of each question's terms (at 200k clauses that
    first read is hundreds of ms a question: in a 10 s window it dominated, measured)."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return {"skipped": "wrk 未安装（apt-get install -y wrk）"}
    port = _free_port()
    cmd = [
        sys.executable,
        "-m",
        "service.cli",
        "serve",
        "--data-dir",
        str(data_dir),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    server = subprocess.Popen(
        cmd,
        cwd=src or REPO,
        env=_env(src),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        t0 = time.perf_counter()
        cold = None
        while time.perf_counter() - t0 < 300:
            if server.poll() is not None:
                raise RuntimeError(
                    "server exited: " + (server.stderr.read().decode()[-1000:] if server.stderr else "")
                )
            try:
                with urllib.request.urlopen(
                    f"{base}/api/search?{urlencode({'q': queries[0], 'limit': 10})}", timeout=30
                ) as r:
                    if r.status == 200:
                        cold = time.perf_counter() - t0
                        break
            except OSError:
                time.sleep(0.2)
        if cold is None:
            raise RuntimeError("server did not answer within 300 s")
        warm_s = None
        if warm:
            t1 = time.perf_counter()
            for q in queries:
                with urllib.request.urlopen(
                    f"{base}/api/search?{urlencode({'q': q, 'limit': 10})}", timeout=120
                ) as r:
                    r.read()
            warm_s = time.perf_counter() - t1
        paths = ",".join(json.dumps("/api/search?" + urlencode({"q": q, "limit": 10})) for q in queries)
        options = ["-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
        out = run_wrk_script(wrk, options, WRK_SCRIPT % paths, base, timeout=seconds + 60)
        rps = re.search(r"Requests/sec:\s*([\d.]+)", out)
        m = re.search(r"BENCH p50_us=(\d+) p95_us=(\d+) requests=(\d+) errors=(\d+)", out)
        non2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", out)
        if not rps or not m:
            return {"error": "could not parse wrk output", "raw": out[-1000:]}
        return {
            "rps": float(rps.group(1)),
            "p50_ms": int(m.group(1)) / 1000,
            "p95_ms": int(m.group(2)) / 1000,
            "requests": int(m.group(3)),
            "errors": int(m.group(4)) + (int(non2xx.group(1)) if non2xx else 0),
            "seconds": seconds,
            "connections": connections,
            "cold_start_s": cold,
            "warm_up_s": warm_s,
        }
    finally:
        # the server is our own child in its own session: stop exactly that process group
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait()
