"""The one Settings object: environment (POLICYKG_*) and CLI flags feed it."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POLICYKG_", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="索引、图谱与原始文件所在目录")
    corpus_dir: Path = Field(default=REPO_ROOT / "corpus", description="内置语料目录")
    host: str = "127.0.0.1"
    port: int = 8000
    api_token: SecretStr | None = Field(default=None, description="写操作所需的 Bearer 令牌")
    read_token: SecretStr | None = Field(default=None, description="可选：读操作所需的 Bearer 令牌")
    cors_origins: list[str] = Field(default_factory=list)
    max_upload_bytes: int = 20 * 1024 * 1024
    max_ingest_bytes: int = 50 * 1024 * 1024  # CLI ingest of local files
    max_query_chars: int = 2000
    max_page_size: int = 100
    max_offset: int = 10000
    workers: int = 1

    def resolved_data_dir(self) -> Path:
        return self.data_dir.expanduser().resolve()
