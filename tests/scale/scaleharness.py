"""Real parts for the scale-out tests and bench/scale.py: a throwaway PostgreSQL cluster, policykg
replicas (`policykg serve` processes) and nginx in front of them.

PostgreSQL: `initdb` in a temporary folder, started with `pg_ctl` on a free loopback port with
its unix socket in that folder (a cluster the Debian package may have started is never used).
initdb refuses root, so as root the cluster runs as the unprivileged `postgres` user.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
REQUIRE_ENV = "POLICYKG_REQUIRE_SCALEOUT"
CRASHPOINT = REPO / "tests" / "reliability" / "crashpoint.py"


def pg_bin(name: str) -> str | None:
    """A PostgreSQL server binary: on PATH, else Debian's /usr/lib/postgresql/<ver>/bin (newest)."""
    found = shutil.which(name)
    if found:
        return found
    hits = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return hits[-1] if hits else None


def nginx_bin() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)


def missing_parts() -> list[str]:
    out = [n for n in ("initdb", "pg_ctl", "postgres") if pg_bin(n) is None]
    if nginx_bin() is None:
        out.append("nginx")
    return out


TOKEN = "scale-write-token-0123456789"


def require_parts() -> None:
    """Skip a scale-out test when PostgreSQL or nginx is missing — fail instead under
    POLICYKG_REQUIRE_SCALEOUT=1 (set by .ci/run, so CI never skips them)."""
    import pytest

    missing = missing_parts()
    if not missing:
        return
    message = f"scale-out tests need {', '.join(missing)} (apt-get install postgresql nginx)"
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres() -> list[str]:
    """Run a server command as `postgres` when we are root (initdb and postgres refuse root)."""
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", "postgres", "--"]


@dataclass
class PgCluster:
    root: Path
    port: int = field(default_factory=free_port)

    @property
    def data(self) -> Path:
        return self.root / "pgdata"

    @property
    def user(self) -> str:
        return "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name

    def url(self, db: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{db}"

    def init(self) -> PgCluster:
        self.root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
            os.chmod(self.root, 0o755)
            for parent in self.root.parents:  # the server user must reach its folder
                if str(parent) in ("/", "/tmp"):
                    break
                os.chmod(parent, os.stat(parent).st_mode | 0o011)
        done = subprocess.run(
            [*_as_postgres(), pg_bin("initdb"), "-D", str(self.data), "-A", "trust", "-E", "UTF8",
             "--no-locale", "-U", self.user],
            capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr[-2000:]}")
        return self

    def start(self) -> None:
        # fsync off: a throwaway cluster (what is tested is the client's side of crashes)
        opts = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
        )
        subprocess.run(
            [*_as_postgres(), pg_bin("pg_ctl"), "-D", str(self.data), "-o", opts, "-l",
             str(self.root / "server.log"), "-w", "-t", "60", "start"],
            check=True, capture_output=True,
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        subprocess.run(
            [*_as_postgres(), pg_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"],
            check=False, capture_output=True,
        )  # fmt: skip

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        return self.url(name)


@contextlib.contextmanager
def running_cluster(root: Path) -> Iterator[PgCluster]:
    cluster = PgCluster(root).init()
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop("immediate")


# -- HTTP ------------------------------------------------------------------------------------------


def http(method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None,
         timeout: float = 120.0) -> tuple[int, Any]:  # fmt: skip
    """(status, parsed JSON or text) of one request; never raises for an HTTP status."""
    status, parsed, _headers = http_full(method, url, body, headers, timeout)
    return status, parsed


def http_full(method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None,
              timeout: float = 120.0) -> tuple[int, Any, dict[str, str]]:  # fmt: skip
    """`http` with the response headers (lower-case names)."""
    url = urllib.parse.quote(url, safe=":/?&=%#+,")
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            status, raw, got = resp.status, resp.read(), resp.headers
    except urllib.error.HTTPError as exc:
        status, raw, got = exc.code, exc.read(), exc.headers
    names = {k.lower(): v for k, v in got.items()}
    try:
        return status, json.loads(raw), names
    except ValueError:
        return status, raw.decode("utf-8", "replace"), names


def multipart(files: Sequence[tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = "policykgscale" + os.urandom(8).hex()
    parts = []
    for name, data in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


# -- replicas --------------------------------------------------------------------------------------


@dataclass
class ReplicaProcess:
    """One `policykg serve` process (one uvicorn worker) over its own local data dir."""

    data_dir: Path
    database_url: str
    token: str
    port: int = field(default_factory=free_port)
    poll_seconds: float = 0.5
    crash_at: str | None = None  # tests/reliability/crashpoint.py: SIGKILL at that call
    build_workers: int | None = 1  # None: the default (usable CPUs, at most 4)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ReplicaProcess:
        env = {
            **os.environ,
            "PYTHONPATH": f"{REPO}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
            "POLICYKG_DATABASE_URL": self.database_url,
            "POLICYKG_API_TOKEN": self.token,
            "POLICYKG_REPLICA_POLL_SECONDS": str(self.poll_seconds),
            "POLICYKG_CORPUS_DIR": str(REPO / "corpus"),
        }
        env.pop("POLICYKG_DATA_DIR", None)
        if self.build_workers is not None:
            env["POLICYKG_BUILD_WORKERS"] = str(self.build_workers)
        args = ["serve", "--data-dir", str(self.data_dir), "--port", str(self.port)]
        if self.crash_at:
            env["POLICYKG_CRASH_AT"] = self.crash_at
            cmd = [sys.executable, str(CRASHPOINT), *args]
        else:
            cmd = [sys.executable, "-c", "import sys; from service.cli import main; sys.exit(main())", *args]
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.data_dir.parent / f"replica-{self.port}.log", "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
        log.close()
        return self

    def wait_ready(self, timeout: float = 180.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"replica on {self.port} exited with {self.proc.returncode}")
            with contextlib.suppress(OSError):
                status, body = http("GET", f"{self.base}/api/health", timeout=5)
                if status == 200:
                    return body
            time.sleep(0.2)
        raise TimeoutError(f"replica on {self.port} not ready")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()

    # client calls
    def get(self, path: str) -> tuple[int, Any]:
        return http("GET", self.base + path)

    def upload(self, files: Sequence[tuple[str, bytes]]) -> tuple[int, Any]:
        return upload(self.base, self.token, files)

    def delete(self, doc_id: str) -> tuple[int, Any]:
        return http("DELETE", f"{self.base}/api/documents/{doc_id}", headers=auth(self.token))


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def upload(base: str, token: str, files: Sequence[tuple[str, bytes]]) -> tuple[int, Any]:
    body, ctype = multipart(files)
    return http("POST", f"{base}/api/documents", body, {**auth(token), "Content-Type": ctype})


def wait_generation(base: str, generation: int, timeout: float = 60.0) -> dict[str, Any]:
    """The health of a server once it serves `generation` (or a newer one)."""
    deadline = time.monotonic() + timeout
    body: Any = None
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            status, body = http("GET", f"{base}/api/health", timeout=5)
            if status == 200 and body["generation"] >= generation:
                return body
        time.sleep(0.05)
    raise TimeoutError(f"{base} did not reach generation {generation}: {body}")


# -- nginx -----------------------------------------------------------------------------------------

NGINX_CONF = """\
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    client_max_body_size 25m;
    client_body_buffer_size 4m;
    upstream policykg {{
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://policykg;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_read_timeout 300s;
            # a replica that is down, or not ready yet (503 before its first generation), is
            # skipped; a write is never sent twice (nginx retries non-idempotent requests only
            # when told to)
            proxy_next_upstream error timeout http_502 http_503;
        }}
    }}
}}
"""


@dataclass
class Nginx:
    root: Path
    upstreams: Sequence[int]
    port: int = field(default_factory=free_port)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Nginx:
        self.root.mkdir(parents=True, exist_ok=True)
        servers = "\n".join(
            f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=2s;" for p in self.upstreams
        )
        conf = self.root / "nginx.conf"
        conf.write_text(NGINX_CONF.format(root=self.root, servers=servers, port=self.port), encoding="utf-8")
        # -g 'daemon off' keeps it our child; as root its workers switch to nobody (fine: they
        # only proxy and write nothing but temp files under root, made world-writable)
        os.chmod(self.root, 0o777)
        self.proc = subprocess.Popen(
            [nginx_bin(), "-p", str(self.root), "-c", str(conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=open(self.root / "stderr.log", "wb"),  # noqa: SIM115
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return self
            if self.proc.poll() is not None:
                raise RuntimeError((self.root / "stderr.log").read_text())
            time.sleep(0.05)
        raise TimeoutError("nginx did not start")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
