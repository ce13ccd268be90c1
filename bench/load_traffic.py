"""The load test's traffic: reader threads sending mixed search / precedents / compare / document
requests, one writer adding, replacing and deleting the probe with a read-your-write check after
each write, for a bounded time; their latencies, errors and findings in a LoadResult.

Apart from the rules (bench.load_checks) and the server (bench.load_server): this is what is sent
and timed; it asks the Checker whether each answer is consistent.
"""

from __future__ import annotations

import random
import statistics
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from bench.load_checks import PROBE_ID, PROBE_MARKER, VERSIONS, Checker, Probe, probe_text

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
