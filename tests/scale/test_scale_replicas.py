"""Two replicas over one PostgreSQL library, nginx in front: what a client sees.

An upload through replica A is visible through B and through the proxy with identical answers;
a delete through B disappears on A; writes on both at once are serialised; the proxy keeps
answering when a replica goes away; a new replica bootstraps from PostgreSQL alone.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from scaleharness import TOKEN, Nginx, PgCluster, ReplicaProcess, http, http_full, upload, wait_generation

pytestmark = [pytest.mark.scaleout, pytest.mark.e2e]

QUERIES = [
    "/api/search?q=社区报到&limit=20",
    "/api/search?q=党员人数达到多少可以单独建立支部",
    "/api/precedents?q=组织离退休党员到社区报到",
    "/api/compare?topic=党支部设置&regions=福州市,枣庄市",
    "/api/entities?q=红枫行动",
    "/api/documents?limit=50",
]
_names = itertools.count(1)


def notice(word: str, n: int) -> tuple[str, bytes]:
    """A small policy text with a word no seed document has (so a search for it finds only it)."""
    text = (
        f"关于开展{word}工作的通知\n\n"
        f"一、各地离退休干部党支部要组织党员开展{word}活动，每季度至少一次。\n"
        f"二、{word}活动由党支部书记负责，党员人数{n}人以上的支部应当设立{word}小组。\n"
    )
    return f"scale_{word}_{n}.txt", text.encode("utf-8")


def answers(base: str, extra: list[str] = ()) -> dict[str, object]:
    out = {}
    for path in [*QUERIES, *extra]:
        status, body = http("GET", base + path)
        assert status == 200, (path, status, body)
        out[path] = body
    return out


def hits(base: str, word: str) -> list[str]:
    status, body = http("GET", f'{base}/api/search?q="{word}"&limit=50')  # the exact phrase
    assert status == 200, body
    return sorted({r["doc_id"] for r in body["results"]})


@dataclass
class Pair:
    a: ReplicaProcess
    b: ReplicaProcess
    proxy: Nginx


@pytest.fixture(scope="module")
def pair(cluster: PgCluster, module_dir: Path) -> Iterator[Pair]:
    root = module_dir / "pair"
    url = cluster.create_database("pair")
    a = ReplicaProcess(root / "a" / "data", url, TOKEN).start()
    try:
        a.wait_ready()  # A builds the empty library from the seed corpus
        b = ReplicaProcess(root / "b" / "data", url, TOKEN).start()
        try:
            b.wait_ready()
            proxy = Nginx(root / "nginx", [a.port, b.port]).start()
            try:
                yield Pair(a, b, proxy)
            finally:
                proxy.stop()
        finally:
            b.stop()
    finally:
        a.stop()


def test_both_replicas_serve_the_seed_library_alike(pair: Pair) -> None:
    ha, hb = pair.a.get("/api/health")[1], pair.b.get("/api/health")[1]
    assert ha["store"] == hb["store"] == "postgresql"
    assert ha["generation"] == hb["generation"] >= 1
    assert ha["documents"] == hb["documents"] == 15
    assert answers(pair.a.base) == answers(pair.b.base)


def test_upload_through_a_is_visible_through_b_and_the_proxy(pair: Pair) -> None:
    name, data = notice("银发红帆", 7)
    status, body = pair.a.upload([(name, data)])
    assert status == 201, body
    doc_id = body["files"][0]["doc_ids"][0]
    # read your writes: A answers with the document the moment the upload returns
    assert hits(pair.a.base, "银发红帆") == [doc_id]
    wait_generation(pair.b.base, body["generation"])
    assert hits(pair.b.base, "银发红帆") == [doc_id]
    wait_generation(pair.proxy.base, body["generation"])  # whichever replica nginx picks
    assert hits(pair.proxy.base, "银发红帆") == [doc_id]
    extra = ["/api/search?q=银发红帆", f"/api/documents/{doc_id}", f"/api/documents/{doc_id}/graph"]
    assert answers(pair.a.base, extra) == answers(pair.b.base, extra)


def test_delete_through_b_disappears_on_a(pair: Pair) -> None:
    name, data = notice("夕阳护航", 5)
    status, body = pair.b.upload([(name, data)])
    assert status == 201, body
    doc_id = body["files"][0]["doc_ids"][0]
    wait_generation(pair.a.base, body["generation"])
    assert hits(pair.a.base, "夕阳护航") == [doc_id]
    status, body = pair.b.delete(doc_id)
    assert status == 200, body
    assert hits(pair.b.base, "夕阳护航") == []
    wait_generation(pair.a.base, body["generation"])
    assert hits(pair.a.base, "夕阳护航") == []
    assert pair.a.get(f"/api/documents/{doc_id}")[0] == 404
    assert answers(pair.a.base) == answers(pair.b.base)


def test_uploads_through_the_proxy_reach_both_replicas(pair: Pair) -> None:
    done = []
    for n in range(3):
        status, body = upload(pair.proxy.base, TOKEN, [notice("金秋驿站", 10 + n)])
        assert status == 201, body
        done.append(body)
    newest = max(b["generation"] for b in done)
    for replica in (pair.a, pair.b):
        wait_generation(replica.base, newest)
        assert len(hits(replica.base, "金秋驿站")) == 3
    assert answers(pair.a.base, ["/api/search?q=金秋驿站"]) == answers(
        pair.b.base, ["/api/search?q=金秋驿站"]
    )


def test_a_read_asking_for_the_writes_generation_sees_it_on_any_replica(pair: Pair) -> None:
    """No waiting on the client's side: B (or whichever replica nginx picks) catches up first."""
    status, body = pair.a.upload([notice("松鹤延年红", 21)])
    assert status == 201, body
    doc_id, generation = body["files"][0]["doc_ids"][0], body["generation"]
    want = {"X-Policykg-Min-Generation": str(generation)}
    for base in (pair.b.base, pair.proxy.base):
        status, found, headers = http_full("GET", f'{base}/api/search?q="松鹤延年红"', headers=want)
        assert status == 200, found
        assert {r["doc_id"] for r in found["results"]} == {doc_id}
        assert int(headers["x-policykg-generation"]) >= generation
    status, found = http("GET", f"{pair.b.base}/api/health", headers={"X-Policykg-Min-Generation": "x"})
    assert status == 400 and found["error"]["code"] == "bad_query"


def test_writes_on_both_replicas_at_once_are_serialised(pair: Pair) -> None:
    before = pair.a.get("/api/health")[1]
    results: list[tuple[int, dict]] = []
    lock = threading.Lock()

    def write(replica: ReplicaProcess, n: int) -> None:
        got = replica.upload([notice("同心共建", 100 + n)])
        with lock:
            results.append(got)

    threads = [threading.Thread(target=write, args=(r, i)) for i, r in enumerate([pair.a, pair.b] * 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [s for s, _ in results] == [201] * 6, results
    newest = max(b["generation"] for _, b in results)
    # no write lost another's: every document is in the newest generation, on both replicas
    for replica in (pair.a, pair.b):
        health = wait_generation(replica.base, newest)
        assert health["documents"] == before["documents"] + 6
        assert len(hits(replica.base, "同心共建")) == 6
    # each write (or group of writes queued together on one replica) got its own generation
    assert newest - before["generation"] == len({b["generation"] for _, b in results})
    assert answers(pair.a.base) == answers(pair.b.base)


def test_curated_metadata_through_a_reaches_b(pair: Pair) -> None:
    """PATCH /api/documents/{id} (issue 16's overrides) is one more write of the record."""
    doc_id = "000_07bae7d3feccb87b"
    before = pair.b.get(f"/api/documents/{doc_id}")[1]
    body = json.dumps({"title": "关于银发先锋党支部建设的通知（订正）"}).encode("utf-8")
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    status, patched, got = http_full("PATCH", f"{pair.a.base}/api/documents/{doc_id}", body, headers)
    assert status == 200, patched
    assert patched["title"] == "关于银发先锋党支部建设的通知（订正）" != before["title"]
    want = {"X-Policykg-Min-Generation": got["x-policykg-generation"]}
    status, on_b = http("GET", f"{pair.b.base}/api/documents/{doc_id}", headers=want)
    assert status == 200 and on_b["title"] == patched["title"]
    assert on_b["overrides"] == patched["overrides"]
    assert answers(pair.a.base) == answers(pair.b.base)


def test_the_proxy_keeps_answering_when_a_replica_goes_away(pair: Pair, scratch: Path) -> None:
    expected = answers(pair.proxy.base)
    pair.b.kill()
    try:
        for _ in range(6):  # nginx sends some of these to the dead replica first, then to A
            assert answers(pair.proxy.base) == expected
        status, body = upload(pair.proxy.base, TOKEN, [notice("橙光砺行", 3)])
        assert status == 201, body
        assert hits(pair.proxy.base, "橙光砺行") == [body["files"][0]["doc_ids"][0]]
    finally:
        pair.b.start()  # the same data dir: it catches up from its own generation
    generation = pair.a.get("/api/health")[1]["generation"]
    pair.b.wait_ready()
    wait_generation(pair.b.base, generation)
    assert answers(pair.b.base) == answers(pair.a.base)


def test_a_new_replica_bootstraps_from_postgresql_alone(pair: Pair, scratch: Path) -> None:
    """C starts on an empty data dir while A and B are down: PostgreSQL is all it needs, and it
    answers exactly as they did (a bootstrap builds the same generation as following does)."""
    expected = answers(pair.a.base, ["/api/search?q=金秋驿站", "/api/search?q=同心共建"])
    generation = pair.a.get("/api/health")[1]["generation"]
    pair.a.stop()
    pair.b.stop()
    c = ReplicaProcess(scratch / "c" / "data", pair.a.database_url, TOKEN).start()
    try:
        health = c.wait_ready()
        assert health["generation"] == generation
        assert answers(c.base, ["/api/search?q=金秋驿站", "/api/search?q=同心共建"]) == expected
    finally:
        c.stop()  # (the last test of the module: A and B stay down)
