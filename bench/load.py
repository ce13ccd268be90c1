"""Load with consistency checks: mixed reads while documents are added, replaced and deleted.

    python -m bench.load --seconds 30 [--workers 2] [--readers 4] [--data-dir DIR] [--no-wrk]

Starts `uvicorn service.app:create_app` on loopback (N workers over one data dir), then for
`--seconds` runs reader threads (search, precedents, compare, document detail) against one writer
thread that cycles a probe document: add (version 1) → replace (version 2) → delete.

Every response is checked, and each check can fail:
- no errors at all (any non-2xx read, any failed write, any connection error);
- search/precedents/compare results are self-consistent (a clause id belongs to the doc id it
  is reported with; the embedded document is the one the seed build knows);
- the probe document is all-or-nothing: a search for its marker returns either none of its
  clauses or exactly the clause set of one version, never a mix of versions or a partial set;
  its detail page is 404 or one whole version;
- read-your-writes across workers: after each write returns, a fresh connection sees that state.

Latency p50/p95 per endpoint and overall throughput are reported. When `wrk` is installed (Debian:
apt-get install -y wrk) a second, read-only phase drives the same server with wrk for raw numbers.
The short form runs in `make test` (tests/reliability/test_reliability_load.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PROBE_ID = "loadprobe"
PROBE_MARKER = "负载探针"
_VERSION_RE = re.compile(r"第([一二三])版")
VERSIONS = {1: "一", 2: "二"}

SEARCH_QUERIES = [
    "社区报到",
    "党支部设置",
    "离退休干部党员人数",
    "三会一课",
    "主题党日",
    "枫叶驿站",
    "组织生活",
    "党建工作机制",
    "老干部",
    "学习教育",
]
PRECEDENT_QUERIES = ["离退休干部到社区报到", "建立党支部", "志愿服务", "老干部工作品牌"]
COMPARE = [("党支部设置", "福州市,枣庄市"), ("社区报到", "辽宁省,福州市"), ("组织生活", "")]


def probe_text(version: int) -> str:
    """The probe document: every clause carries the marker and the version, the structure is fixed."""
    v = VERSIONS[version]
    return (
        f"关于{PROBE_MARKER}测试的通知（第{v}版）\n\n"
        f"一、{PROBE_MARKER}总体要求（第{v}版）\n"
        f"{PROBE_MARKER}条款甲：离退休干部党员人数5人以上的，可以单独建立党支部，本条为第{v}版。\n\n"
        f"二、{PROBE_MARKER}工作措施（第{v}版）\n"
        f"{PROBE_MARKER}条款乙：各党支部要坚持三会一课制度，本条为第{v}版。\n\n"
        f"三、{PROBE_MARKER}组织保障（第{v}版）\n"
        f"{PROBE_MARKER}条款丙：各级党组织要加强领导，本条为第{v}版。\n"
    )


# ---------------------------------------------------------------------------------------------
# Server
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------------


@dataclass
class Probe:
    """What the probe looks like in each state, learnt before the load starts (quiet server)."""

    search_ids: dict[int, frozenset[str]] = field(default_factory=dict)  # version → clause ids found
    detail_counts: dict[int, int] = field(default_factory=dict)  # version → clauses in the detail


@dataclass
class LoadResult:
    seconds: float = 0.0
    workers: int = 1
    readers: int = 0
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    inconsistencies: list[str] = field(default_factory=list)
    writes: int = 0
    probe_states_seen: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    def summary(self) -> dict[str, Any]:
        def pct(values: list[float], q: float) -> float:
            if not values:
                return 0.0
            values = sorted(values)
            return values[min(len(values) - 1, round(q * (len(values) - 1)))]

        allv = [x for v in self.latencies.values() for x in v]
        return {
            "seconds": round(self.seconds, 2),
            "workers": self.workers,
            "readers": self.readers,
            "requests": self.requests,
            "writes": self.writes,
            "throughput_rps": round(self.requests / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(pct(allv, 0.50) * 1000, 1),
            "p95_ms": round(pct(allv, 0.95) * 1000, 1),
            "by_endpoint": {
                k: {
                    "n": len(v),
                    "p50_ms": round(pct(v, 0.50) * 1000, 1),
                    "p95_ms": round(pct(v, 0.95) * 1000, 1),
                    "mean_ms": round(statistics.fmean(v) * 1000, 1) if v else 0.0,
                }
                for k, v in sorted(self.latencies.items())
            },
            "errors": len(self.errors),
            "inconsistencies": len(self.inconsistencies),
            "probe_states_seen": dict(self.probe_states_seen),
        }


class Checker:
    """The consistency rules shared by the readers and the writer."""

    def __init__(self, known_docs: dict[str, str], probe: Probe) -> None:
        self.known = known_docs  # seed doc id → title
        self.probe = probe

    def results(self, where: str, items: list[dict[str, Any]]) -> list[str]:
        problems = []
        for r in items:
            doc_id, cid = r.get("doc_id"), r.get("clause_id", "")
            if not cid.startswith(f"{doc_id}:"):
                problems.append(f"{where}: clause {cid} reported under {doc_id}")
            doc = r.get("document") or {}
            if doc.get("doc_id") not in (None, doc_id):
                problems.append(f"{where}: clause {cid} embeds document {doc.get('doc_id')}")
            if doc_id in self.known and doc.get("title") not in (None, self.known[doc_id]):
                problems.append(f"{where}: {doc_id} has title {doc.get('title')!r}")
            if doc_id != PROBE_ID and doc_id not in self.known and not str(doc_id).startswith(f"{PROBE_ID}~"):
                problems.append(f"{where}: unknown document {doc_id}")
        return problems

    def probe_state(self, where: str, results: list[dict[str, Any]]) -> tuple[str, list[str]]:
        """('absent' | 'v1' | 'v2', problems) from a search for the probe marker."""
        mine = [r for r in results if r.get("doc_id") == PROBE_ID]
        if not mine:
            return "absent", []
        ids = frozenset(r["clause_id"] for r in mine)
        versions = {m for r in mine for m in _VERSION_RE.findall(r.get("text", ""))}
        problems = []
        if len(versions) != 1:
            problems.append(f"{where}: probe clauses from versions {sorted(versions)} in one response")
            return "mixed", problems
        version = next(v for v, ch in VERSIONS.items() if ch in versions)
        if ids != self.probe.search_ids.get(version):
            problems.append(
                f"{where}: probe v{version} partially visible: {len(ids)} of "
                f"{len(self.probe.search_ids.get(version, ()))} clauses"
            )
        return f"v{version}", problems

    def probe_detail(self, where: str, status: int, body: dict[str, Any]) -> tuple[str, list[str]]:
        if status == 404:
            return "absent", []
        clauses = body.get("clauses") or []
        texts = " ".join(c.get("text", "") for c in clauses)
        versions = set(_VERSION_RE.findall(texts)) | set(_VERSION_RE.findall(body.get("title", "")))
        if len(versions) != 1:
            return "mixed", [f"{where}: probe detail mixes versions {sorted(versions)}"]
        version = next(v for v, ch in VERSIONS.items() if ch in versions)
        if len(clauses) != self.probe.detail_counts.get(version):
            return f"v{version}", [f"{where}: probe detail v{version} has {len(clauses)} clauses"]
        return f"v{version}", []


def _search_probe(client: Any, base: str) -> tuple[int, dict[str, Any]]:
    r = client.get(f"{base}/api/search", params={"q": PROBE_MARKER, "limit": 50})
    return r.status_code, (
        r.json() if r.headers.get("content-type", "").startswith("application/json") else {}
    )


def learn_probe(base: str, token: str) -> Probe:
    """Upload each version on a quiet server and record what search and detail show, then delete."""
    import httpx

    probe = Probe()
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(timeout=120) as c:
        for version in VERSIONS:
            r = c.post(
                f"{base}/api/documents",
                files=[("files", (f"{PROBE_ID}.txt", probe_text(version).encode(), "text/plain"))],
                headers=headers,
            )
            r.raise_for_status()
            status, body = _search_probe(c, base)
            ids = frozenset(x["clause_id"] for x in body.get("results", []) if x["doc_id"] == PROBE_ID)
            if status != 200 or not ids:
                raise RuntimeError(f"probe v{version} not searchable ({status})")
            probe.search_ids[version] = ids
            d = c.get(f"{base}/api/documents/{PROBE_ID}")
            d.raise_for_status()
            probe.detail_counts[version] = len(d.json().get("clauses") or [])
        c.delete(f"{base}/api/documents/{PROBE_ID}", headers=headers).raise_for_status()
    return probe


def known_documents(base: str) -> dict[str, str]:
    import httpx

    r = httpx.get(f"{base}/api/documents", params={"limit": 100}, timeout=60)
    r.raise_for_status()
    return {d["doc_id"]: d["title"] for d in r.json()["documents"] if d["doc_id"] != PROBE_ID}


def _reader(base: str, stop: threading.Event, rng: random.Random, result: LoadResult, lock: threading.Lock,
            checker: Checker, doc_ids: list[str]) -> None:  # fmt: skip
    import httpx

    def body(r: Any) -> dict[str, Any]:
        return r.json() if r.headers.get("content-type", "").startswith("application/json") else {}

    with httpx.Client(timeout=60) as c:
        while not stop.is_set():
            roll = rng.random()
            state: str | None = None
            problems: list[str] = []
            try:
                t = time.perf_counter()
                if roll < 0.40:
                    name = "search"
                    r = c.get(f"{base}/api/search", params={"q": rng.choice(SEARCH_QUERIES), "limit": 10})
                    if r.status_code == 200:
                        problems = checker.results("search", body(r).get("results", []))
                elif roll < 0.60:
                    name = "search_probe"
                    r = c.get(f"{base}/api/search", params={"q": PROBE_MARKER, "limit": 50})
                    if r.status_code == 200:
                        results = body(r).get("results", [])
                        problems = checker.results("probe", results)
                        state, more = checker.probe_state("search", results)
                        problems += more
                elif roll < 0.72:
                    name = "precedents"
                    r = c.get(
                        f"{base}/api/precedents", params={"q": rng.choice(PRECEDENT_QUERIES), "limit": 10}
                    )
                    if r.status_code == 200:
                        items = [i for g in body(r).get("groups", []) for i in g.get("items", [])]
                        problems = checker.results("precedents", items)
                elif roll < 0.84:
                    name = "compare"
                    topic, regions = rng.choice(COMPARE)
                    params = {"topic": topic, **({"regions": regions} if regions else {})}
                    r = c.get(f"{base}/api/compare", params=params)
                    if r.status_code == 200:
                        items = [i for col in body(r).get("columns", []) for i in col.get("items", [])]
                        problems = checker.results("compare", items)
                elif roll < 0.92:
                    name = "document"
                    r = c.get(f"{base}/api/documents/{rng.choice(doc_ids)}")
                else:
                    name = "document_probe"
                    r = c.get(f"{base}/api/documents/{PROBE_ID}")
                    if r.status_code in (200, 404):
                        state, problems = checker.probe_detail("detail", r.status_code, body(r))
                dt = time.perf_counter() - t
                # An absent probe (404) is a valid state, not an error.
                failed = r.status_code != 200 and not (name == "document_probe" and r.status_code == 404)
                with lock:
                    result.latencies[name].append(dt)
                    if failed:
                        result.errors.append(f"{name}: HTTP {r.status_code}: {r.text[:200]}")
                    result.inconsistencies.extend(problems)
                    if state:
                        result.probe_states_seen[state] += 1
            except Exception as exc:  # a transport error is an error of the run, not of the driver
                with lock:
                    result.errors.append(f"reader: {type(exc).__name__}: {exc}")


def _writer(base: str, token: str, stop: threading.Event, result: LoadResult, lock: threading.Lock,
            checker: Checker) -> None:  # fmt: skip
    """add v1 → replace v2 → delete, each followed by a read-your-write check on a new connection."""
    import httpx

    headers = {"Authorization": f"Bearer {token}"}
    steps = [("v1", 1), ("v2", 2), ("absent", None)]
    with httpx.Client(timeout=120) as c:
        i = 0
        while not stop.is_set():
            expect, version = steps[i % len(steps)]
            i += 1
            try:
                t = time.perf_counter()
                if version is not None:
                    r = c.post(
                        f"{base}/api/documents",
                        files=[("files", (f"{PROBE_ID}.txt", probe_text(version).encode(), "text/plain"))],
                        headers=headers,
                    )
                    ok = r.status_code in (200, 201)
                else:
                    r = c.delete(f"{base}/api/documents/{PROBE_ID}", headers=headers)
                    ok = r.status_code == 200
                dt = time.perf_counter() - t
                with lock:
                    result.latencies["write"].append(dt)
                    result.writes += 1
                    if not ok:
                        result.errors.append(f"write {expect}: HTTP {r.status_code}: {r.text[:200]}")
                if not ok:
                    continue
                # A new connection (possibly another worker) must already see the new state.
                with httpx.Client(timeout=60) as fresh:
                    status, body = _search_probe(fresh, base)
                state, problems = checker.probe_state("after-write", body.get("results", []))
                with lock:
                    result.inconsistencies.extend(problems)
                    if status != 200:
                        result.errors.append(f"after-write search: HTTP {status}")
                    elif state != expect:
                        result.inconsistencies.append(f"after-write: expected {expect}, a reader saw {state}")
            except Exception as exc:
                with lock:
                    result.errors.append(f"writer: {type(exc).__name__}: {exc}")


def run_load(
    base: str,
    token: str,
    seconds: float,
    readers: int = 4,
    seed: int = 0,
    workers: int = 1,
    min_writes: int = 3,
) -> LoadResult:
    """Run for `seconds`, and on until the writer has done `min_writes` writes (one whole
    add → replace → delete cycle by default), so every probe state is exercised."""
    probe = learn_probe(base, token)
    known = known_documents(base)
    checker = Checker(known, probe)
    result = LoadResult(workers=workers, readers=readers)
    lock = threading.Lock()
    stop = threading.Event()
    doc_ids = sorted(known)
    threads = [
        threading.Thread(
            target=_reader, args=(base, stop, random.Random(seed * 1000 + i), result, lock, checker, doc_ids)
        )
        for i in range(readers)
    ]
    threads.append(threading.Thread(target=_writer, args=(base, token, stop, result, lock, checker)))
    start = time.perf_counter()
    for t in threads:
        t.start()
    stop.wait(seconds)
    while not stop.is_set():
        with lock:
            done = result.writes >= min_writes
        writer_alive = threads[-1].is_alive()
        if done or not writer_alive:
            break
        time.sleep(0.05)
    stop.set()
    for t in threads:
        t.join()
    result.seconds = time.perf_counter() - start
    return result


# ---------------------------------------------------------------------------------------------
# wrk (optional, read-only raw numbers)
# ---------------------------------------------------------------------------------------------

WRK_LUA = r"""
local paths = {}
local queries = {QUERIES}
for _, q in ipairs(queries) do
  table.insert(paths, "/api/search?q=" .. q .. "&limit=10")
end
table.insert(paths, "/api/precedents?q=" .. queries[1] .. "&limit=10")
table.insert(paths, "/api/compare?topic=" .. queries[2] .. "&regions=%E7%A6%8F%E5%B7%9E%E5%B8%82")
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
"""


def run_wrk(base: str, seconds: int, threads: int = 2, connections: int = 8) -> dict[str, Any] | None:
    wrk = shutil.which("wrk")
    if wrk is None:
        return None
    from urllib.parse import quote

    queries = ", ".join(f'"{quote(q)}"' for q in SEARCH_QUERIES)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False, encoding="utf-8") as fh:
        fh.write(WRK_LUA.replace("{QUERIES}", queries))
        script = fh.name
    try:
        out = subprocess.run(
            [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script, base],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        ).stdout
    finally:
        os.unlink(script)
    parsed: dict[str, Any] = {"raw": out}
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if m:
        parsed["throughput_rps"] = float(m.group(1))
    for label in ("50%", "90%", "99%"):
        m = re.search(rf"^\s+{re.escape(label)}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if m:
            value = float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
            parsed[f"p{label[:-1]}_ms"] = round(value, 1)
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    parsed["non_2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors:.*", out)
    parsed["socket_errors"] = m.group(0) if m else ""
    return parsed


# ---------------------------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------------------------


def report_markdown(summary: dict[str, Any], wrk: dict[str, Any] | None, command: str) -> str:
    lines = [
        f"Command: `{command}`",
        "",
        f"Mixed load, {summary['workers']} uvicorn worker(s), {summary['readers']} reader threads + 1 writer, "
        f"{summary['seconds']} s: {summary['requests']} requests, {summary['writes']} writes, "
        f"**{summary['throughput_rps']} req/s**, p50 **{summary['p50_ms']} ms**, p95 **{summary['p95_ms']} ms**; "
        f"errors {summary['errors']}, inconsistencies {summary['inconsistencies']}; "
        f"probe states seen by readers: {summary['probe_states_seen']}.",
        "",
        "| endpoint | n | p50 ms | p95 ms |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, row in summary["by_endpoint"].items():
        lines.append(f"| {name} | {row['n']} | {row['p50_ms']} | {row['p95_ms']} |")
    if wrk:
        lines += [
            "",
            f"wrk (read-only, search/precedents/compare): {wrk.get('throughput_rps')} req/s, "
            f"p50 {wrk.get('p50_ms')} ms, p90 {wrk.get('p90_ms')} ms, p99 {wrk.get('p99_ms')} ms, "
            f"non-2xx {wrk.get('non_2xx')}.",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="policykg load test with consistency checks")
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--readers", type=int, default=4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--data-dir", type=Path, default=None, help="a built data dir to copy (default: build the seeds)"
    )
    ap.add_argument("--no-wrk", action="store_true")
    ap.add_argument("--wrk-seconds", type=int, default=None)
    ap.add_argument("--json", type=Path, default=None, help="write the summary as JSON here")
    args = ap.parse_args(argv)

    token = "bench-load-token"
    tmp = Path(tempfile.mkdtemp(prefix="policykg-load-"))
    proc = None
    try:
        data = tmp / "data"
        if args.data_dir:
            shutil.copytree(args.data_dir, data, symlinks=True)
        else:
            print("building the seed corpus …", file=sys.stderr)
            build_seed(data)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_server(data, port, args.workers, token, tmp / "server.log")
        wait_ready(base, proc)
        result = run_load(
            base, token, args.seconds, readers=args.readers, seed=args.seed, workers=args.workers
        )
        summary = result.summary()
        wrk = None if args.no_wrk else run_wrk(base, args.wrk_seconds or max(5, int(args.seconds // 2)))
        command = "python -m bench.load " + " ".join(argv if argv is not None else sys.argv[1:])
        print(report_markdown(summary, wrk, command.strip()))
        for line in (result.errors + result.inconsistencies)[:20]:
            print("  !", line)
        if args.json:
            args.json.write_text(
                json.dumps({"summary": summary, "wrk": wrk, "errors": result.errors[:50],
                            "inconsistencies": result.inconsistencies[:50]}, ensure_ascii=False, indent=1),
                encoding="utf-8",
            )  # fmt: skip
        return 0 if not result.errors and not result.inconsistencies else 1
    finally:
        if proc is not None:
            stop_server(proc)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
