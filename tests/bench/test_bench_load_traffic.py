"""bench.load_traffic: the summary's figures, and a whole run (readers, writer, read-your-write
checks) against an in-memory fake of the API — clean when the fake is consistent, flagged when a
deleted probe stays searchable."""

from __future__ import annotations

import functools
import json
import threading
from typing import Any

import httpx
import pytest

from bench import load_traffic
from bench.load_checks import PROBE_ID, PROBE_MARKER, VERSIONS

SEED = {
    "doc_id": "seed",
    "clause_id": "seed:0001",
    "text": "党支部",
    "document": {"doc_id": "seed", "title": "种子"},
}


class FakeApi:
    """The endpoints the load test calls. `stale_delete`: a delete answers 200 but the probe stays."""

    def __init__(self, stale_delete: bool = False) -> None:
        self.version: int | None = None
        self.stale_delete = stale_delete
        self.lock = threading.Lock()

    def probe_hits(self) -> list[dict[str, Any]]:
        if self.version is None:
            return []
        v = VERSIONS[self.version]
        return [
            {"doc_id": PROBE_ID, "clause_id": f"{PROBE_ID}:{i:04d}", "text": f"{PROBE_MARKER}第{v}版"}
            for i in (1, 2, 3)
        ]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path, params = request.url.path, request.url.params
        with self.lock:
            if request.method == "POST":
                body = request.read()
                self.version = next(k for k, v in VERSIONS.items() if f"第{v}版".encode() in body)
                return httpx.Response(201, json={})
            if request.method == "DELETE":
                if not self.stale_delete:
                    self.version = None
                return httpx.Response(200, json={})
            if path == "/api/search":
                results = self.probe_hits() if params["q"] == PROBE_MARKER else [SEED]
                return httpx.Response(200, json={"results": results})
            if path == "/api/precedents":
                return httpx.Response(200, json={"groups": [{"items": [SEED]}]})
            if path == "/api/compare":
                return httpx.Response(200, json={"columns": [{"items": [SEED]}]})
            if path == "/api/documents":
                return httpx.Response(200, json={"documents": [{"doc_id": "seed", "title": "种子"}]})
            if path == f"/api/documents/{PROBE_ID}":
                if self.version is None:
                    return httpx.Response(404, json={})
                title = f"（第{VERSIONS[self.version]}版）"
                return httpx.Response(200, json={"title": title, "clauses": self.probe_hits()})
            if path == "/api/documents/seed":
                return httpx.Response(200, json={"title": "种子", "clauses": [SEED]})
        return httpx.Response(500, text=json.dumps({"unexpected": path}))


@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def install(api: FakeApi) -> None:
        client = functools.partial(httpx.Client, transport=httpx.MockTransport(api))
        monkeypatch.setattr(httpx, "Client", client)

        def get(url: str, **kwargs: Any) -> httpx.Response:
            with client(timeout=kwargs.pop("timeout", None)) as c:
                return c.get(url, **kwargs)

        monkeypatch.setattr(httpx, "get", get)

    return install


def test_summary_figures() -> None:
    result = load_traffic.LoadResult(seconds=2.0, workers=2, readers=3, writes=1)
    result.latencies["search"].extend([0.010, 0.020, 0.030, 0.040, 0.050])
    result.latencies["write"].append(0.500)
    result.errors.append("x")
    s = result.summary()
    assert (s["requests"], s["throughput_rps"], s["errors"], s["inconsistencies"]) == (6, 3.0, 1, 0)
    assert s["by_endpoint"]["search"] == {"n": 5, "p50_ms": 30.0, "p95_ms": 50.0, "mean_ms": 30.0}
    assert list(s["by_endpoint"]) == ["search", "write"]
    assert s["p95_ms"] == 500.0
    assert load_traffic.LoadResult().summary()["throughput_rps"] == 0.0


def test_a_consistent_api_gives_a_clean_run(serve) -> None:  # type: ignore[no-untyped-def]
    serve(FakeApi())
    result = load_traffic.run_load("http://fake", "token", 0.2, readers=2, seed=1)
    assert result.errors == [] and result.inconsistencies == []
    assert result.writes >= 3  # one whole add → replace → delete cycle at least
    assert {"search", "search_probe", "precedents", "compare", "write"} <= set(result.latencies)


def test_a_deleted_probe_still_searchable_is_an_inconsistency(serve) -> None:  # type: ignore[no-untyped-def]
    serve(FakeApi(stale_delete=True))
    result = load_traffic.run_load("http://fake", "token", 0.1, readers=1)
    assert result.errors == []
    assert "after-write: expected absent, a reader saw v2" in result.inconsistencies
