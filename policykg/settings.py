"""The one Settings object: environment (POLICYKG_*) and CLI flags feed it."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


MAX_DEFAULT_BUILD_WORKERS = 4


def usable_cpus() -> int:
    """CPUs this process may run on (affinity / cpuset), not the machine's count."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _default_build_workers() -> int:
    return min(MAX_DEFAULT_BUILD_WORKERS, usable_cpus())


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POLICYKG_", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="索引、图谱与原始文件所在目录")
    corpus_dir: Path = Field(default=REPO_ROOT / "corpus", description="内置语料目录")
    host: str = "127.0.0.1"
    port: int = 8000
    api_token: SecretStr | None = Field(default=None, description="写操作所需的 Bearer 令牌")
    read_token: SecretStr | None = Field(default=None, description="可选：读操作所需的 Bearer 令牌")
    cors_origins: list[str] = Field(default_factory=list)
    # Limits are validated here so that a bad value fails at start-up, not on every request.
    max_upload_bytes: int = Field(default=20 * 1024 * 1024, ge=1)
    max_ingest_bytes: int = Field(default=50 * 1024 * 1024, ge=1)  # CLI ingest of local files
    max_query_chars: int = Field(default=2000, ge=1)
    max_page_size: int = Field(default=100, ge=1)
    max_offset: int = Field(default=10000, ge=0)
    workers: int = Field(default=1, ge=1)
    header_timeout: float = Field(
        default=10.0, ge=0.1, le=300, description="请求头须在此秒数内收齐，否则断开连接"
    )
    # Processes for a build (ingest + graph scans, and the index step when search/ supports it):
    # the usable CPUs, at most 4 (more fights the I/O and the parent's serial linking).
    build_workers: int = Field(default_factory=_default_build_workers, ge=1)
    # The clause index backend (a subpackage of search.backends): POLICYKG_SEARCH_BACKEND.
    search_backend: str = "whoosh"
    # A superseded snapshot stays at least this long (requests still reading it); see service/store.py.
    snapshot_grace_seconds: float = Field(default=300.0, ge=0)
    # ... but never more than this many superseded generations (and their bytes within the live
    # one's), whatever the write rate; generations a reader holds are kept regardless.
    snapshot_max_superseded: int = Field(default=2, ge=1)
    # HTTP writes wait in a bounded queue run by one worker thread (service/writequeue.py).
    write_queue_jobs: int = Field(default=64, ge=1)
    write_queue_bytes: int = Field(default=256 * 1024 * 1024, ge=1)
    # PostgreSQL as the system of record (service/repository/postgres.py); unset: the data dir is.
    # With it, the data dir holds this replica's derived generations only (service/replica.py).
    database_url: SecretStr | None = Field(default=None, description="PostgreSQL 连接串（多副本部署）")
    # How often a replica asks PostgreSQL for changes when no notification arrives.
    replica_poll_seconds: float = Field(default=2.0, gt=0, le=300)
    # The served app commits writes in a child process (service/writeproc.py), so a write's CPU
    # does not hold the interpreter lock its reads need.
    write_process: bool = True

    def resolved_data_dir(self) -> Path:
        return self.data_dir.expanduser().resolve()
