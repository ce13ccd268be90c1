"""Failure behaviour of replicas over PostgreSQL, as a client sees it.

PostgreSQL down → reads keep being served from the local generation, writes get a clear 503;
a writer killed mid-transaction leaves nothing; a replica killed mid-apply restarts clean and
catches up; a database whose schema is newer than this version is refused.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from scaleharness import (
    REPO,
    TOKEN,
    PgCluster,
    ReplicaProcess,
    http,
    pg_bin,
    require_parts,
    running_cluster,
    wait_generation,
)
from test_scale_replicas import answers, hits, notice

pytestmark = [pytest.mark.scaleout, pytest.mark.e2e]

HERE = Path(__file__).resolve().parent


def wait_health(replica: ReplicaProcess, key: str, value: object, timeout: float = 30.0) -> dict:
    deadline = time.monotonic() + timeout
    body: dict = {}
    while time.monotonic() < deadline:
        status, body = replica.get("/api/health")
        if status == 200 and body.get(key) == value:
            return body
        time.sleep(0.1)
    raise TimeoutError(f"health never had {key}={value}: {body}")


def test_postgresql_down_reads_are_served_and_writes_get_503(scratch: Path) -> None:
    require_parts()
    with running_cluster(scratch / "pg") as pg:
        a = ReplicaProcess(scratch / "a" / "data", pg.create_database("down"), TOKEN).start()
        try:
            a.wait_ready()
            before = answers(a.base)
            pg.stop()
            health = wait_health(a, "store_connected", False)
            assert health["status"] == "ok" and health["documents"] == 15
            assert answers(a.base) == before  # reads: the local generation, unchanged
            status, body = a.upload([notice("银龄先锋", 4)])
            assert status == 503, body
            assert body["error"]["code"] == "store_unavailable"
            assert "数据库" in body["error"]["message"]
            status, body = a.delete("000_07bae7d3feccb87b")
            assert status == 503 and body["error"]["code"] == "store_unavailable"
            # a read that needs a newer generation than this replica can reach: 503 for the proxy
            ahead = {"X-Policykg-Min-Generation": str(health["generation"] + 1)}
            status, body = http("GET", f"{a.base}/api/search?q=社区报到", headers=ahead)
            assert status == 503 and body["error"]["code"] == "generation_behind"
            ok = {"X-Policykg-Min-Generation": str(health["generation"])}
            assert http("GET", f"{a.base}/api/search?q=社区报到", headers=ok)[0] == 200
            assert answers(a.base) == before  # the refused writes changed nothing
            pg.start()
            wait_health(a, "store_connected", True)
            status, body = a.upload([notice("银龄先锋", 4)])
            assert status == 201, body
            assert hits(a.base, "银龄先锋") == [body["files"][0]["doc_ids"][0]]
        finally:
            a.stop()


@pytest.fixture
def library(cluster: PgCluster, request: pytest.FixtureRequest) -> str:
    return cluster.create_database(request.node.name.lower()[:40])


def test_a_writer_killed_mid_transaction_leaves_nothing(library: str, scratch: Path) -> None:
    a = ReplicaProcess(scratch / "a" / "data", library, TOKEN).start()
    try:
        start = a.wait_ready()
        name, data = notice("碧血丹霞", 9)
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        writer = subprocess.Popen(
            [sys.executable, str(HERE / "killed_writer.py"), library, name],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, cwd=REPO,
        )  # fmt: skip
        assert writer.stdin is not None and writer.stdout is not None
        writer.stdin.write(data)
        writer.stdin.close()
        assert writer.stdout.readline().strip() == b"inside"  # the change is written, not committed
        writer.send_signal(signal.SIGKILL)
        writer.wait(30)
        # the lock is free again and the next write takes the very generation the killed one had
        status, body = a.upload([notice("青松常在", 2)])
        assert status == 201, body
        assert body["generation"] == start["generation"] + 1
        assert hits(a.base, "碧血丹霞") == []
        assert hits(a.base, "青松常在") == [body["files"][0]["doc_ids"][0]]
        assert a.get("/api/health")[1]["documents"] == start["documents"] + 1
    finally:
        a.stop()
    with psycopg.connect(library) as conn:  # nor any of its rows (originals included)
        originals = conn.execute("SELECT count(*) FROM policykg_originals").fetchone()
        documents = conn.execute("SELECT count(*) FROM policykg_documents").fetchone()
    assert originals is not None and documents is not None
    assert documents[0] == start["documents"] + 1
    assert originals[0] == 5 + 1  # the seed corpus' five files and the one committed upload


def test_a_replica_killed_mid_apply_restarts_clean_and_catches_up(library: str, scratch: Path) -> None:
    a = ReplicaProcess(scratch / "a" / "data", library, TOKEN).start()
    try:
        a.wait_ready()
        # B is SIGKILLed inside its second generation build (the first is its bootstrap), after
        # the new generation is written and before it is fsynced, renamed and made live
        b = ReplicaProcess(scratch / "b" / "data", library, TOKEN, crash_at="service.store.fsync_tree:2")
        b.start().wait_ready()
        status, body = a.upload([notice("霜枫映红", 6)])
        assert status == 201, body
        assert b.proc is not None
        assert b.proc.wait(60) == -signal.SIGKILL
        status, second = a.upload([notice("霜枫映红", 8)])
        assert status == 201, second
        b = ReplicaProcess(scratch / "b" / "data", library, TOKEN, port=b.port).start()
        try:
            b.wait_ready()
            wait_generation(b.base, second["generation"])
            assert len(hits(b.base, "霜枫映红")) == 2
            assert answers(b.base, ['/api/search?q="霜枫映红"']) == answers(
                a.base, ['/api/search?q="霜枫映红"']
            )
        finally:
            b.stop()
    finally:
        a.stop()


def test_a_database_with_a_newer_schema_is_refused(library: str, scratch: Path) -> None:
    from service.repository.migrate import SchemaTooNew, latest_version
    from service.repository.postgres import PostgresRepository

    repo = PostgresRepository(library)
    assert repo.ensure_schema() == latest_version()
    assert PostgresRepository(library).ensure_schema() == latest_version()  # applied once
    with psycopg.connect(library, autocommit=True) as conn:
        rows = conn.execute("SELECT version FROM policykg_schema_version ORDER BY version").fetchall()
        assert [r[0] for r in rows] == list(range(1, latest_version() + 1))
        conn.execute("INSERT INTO policykg_schema_version (version, name) VALUES (%s, 'future')", (999,))
    with pytest.raises(SchemaTooNew):
        PostgresRepository(library).ensure_schema()
    a = ReplicaProcess(scratch / "a" / "data", library, TOKEN).start()
    assert a.proc is not None
    assert a.proc.wait(120) == 1  # `policykg serve` stops with the reason instead of serving
    log = next((scratch / "a").glob("replica-*.log")).read_text(encoding="utf-8")
    assert "数据库结构版本（999）" in log


def test_a_restored_backup_is_what_replicas_serve(cluster: PgCluster, library: str, scratch: Path) -> None:
    """pg_dump / pg_restore as the README says; a replica whose generation is not in the restored
    record (here: the same number, another commit — what a failover can also produce) rebuilds."""
    dump = scratch / "library.dump"
    a = ReplicaProcess(scratch / "a" / "data", library, TOKEN).start()
    try:
        start = a.wait_ready()
        subprocess.run([pg_bin("pg_dump"), "-Fc", "-f", str(dump), library], check=True)
        status, lost = a.upload([notice("雪松挺立", 1)])  # after the backup: lost by the restore
        assert status == 201 and lost["generation"] == start["generation"] + 1
    finally:
        a.stop()
    name = library.rsplit("/", 1)[1]
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        conn.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
    subprocess.run([pg_bin("pg_restore"), "-d", library, str(dump)], check=True)
    b = ReplicaProcess(scratch / "b" / "data", library, TOKEN).start()
    try:
        b.wait_ready()
        status, kept = b.upload([notice("红梅傲雪", 2)])  # the restored record's next generation
        assert status == 201 and kept["generation"] == lost["generation"]
    finally:
        b.stop()
    a.start()  # its local generation has the lost write's number, not its commit
    try:
        a.wait_ready()
        wait_generation(a.base, kept["generation"])
        assert hits(a.base, "雪松挺立") == []
        assert hits(a.base, "红梅傲雪") == [kept["files"][0]["doc_ids"][0]]
        assert a.get("/api/health")[1]["documents"] == start["documents"] + 1
    finally:
        a.stop()
