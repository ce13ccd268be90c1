"""Versioned SQL migrations of the PostgreSQL repository (service/repository/sql/NNN_name.sql).

At start every replica runs `migrate(conn)`: under an advisory lock (two replicas starting at
once apply each file once), the files above the recorded version are applied in order, each in
its own transaction together with its row in `policykg_schema_version`. A database whose schema
is newer than the newest file here is refused: an older policykg must not write into it.
"""

from __future__ import annotations

import re
from importlib import resources

import psycopg

from policykg.errors import PolicyKGError

MIGRATE_LOCK_KEY = 7_150_002  # pg_advisory_lock key of the migration step
_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


class SchemaTooNew(PolicyKGError):
    code = "schema_too_new"
    status = 503


def migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every migration shipped with this version, in order."""
    out = []
    for entry in resources.files("service.repository").joinpath("sql").iterdir():
        m = _NAME.match(entry.name)
        if m:
            out.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    out.sort()
    return out


def latest_version() -> int:
    return migrations()[-1][0]


def current_version(conn: psycopg.Connection) -> int:
    row = conn.execute("SELECT to_regclass('policykg_schema_version') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    row = conn.execute("SELECT coalesce(max(version), 0) FROM policykg_schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: psycopg.Connection) -> int:
    """Bring the schema to this version's newest; returns the version now in place."""
    known = latest_version()
    conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATE_LOCK_KEY,))
    try:
        version = current_version(conn)
        if version > known:
            raise SchemaTooNew(
                f"数据库结构版本（{version}）比本程序支持的版本（{known}）新：请先升级 policykg，再连接此数据库"
            )
        for number, name, sql in migrations():
            if number <= version:
                continue
            with conn.transaction():
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS policykg_schema_version ("
                    " version int PRIMARY KEY, name text NOT NULL,"
                    " applied_at timestamptz NOT NULL DEFAULT now())"
                )
                conn.execute(sql)  # type: ignore[arg-type]  (our own files, not user input)
                conn.execute(
                    "INSERT INTO policykg_schema_version (version, name) VALUES (%s, %s)", (number, name)
                )
            version = number
        return version
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATE_LOCK_KEY,))
