"""Shared fixtures of the reliability tests: the seed corpus built once, private copies per test.

The tests here need the real ingest/graph/search packages; they are skipped (not failed) while
one of them is missing. `hostile` (the upload generators) is importable as a plain module.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
for p in (str(HERE), str(REPO)):
    if p not in sys.path:
        sys.path.insert(0, p)

TOKEN = "reliability-write-token-0123456789"
READ_TOKEN = "reliability-read-token-9876543210"
REQUIRED = ("ingest.pipeline", "graph.build", "search.index", "service.app")


def missing_packages() -> list[str]:
    out = []
    for name in REQUIRED:
        try:
            if importlib.util.find_spec(name) is None:
                out.append(name)
        except ModuleNotFoundError:
            out.append(name)
    return out


def require_stack() -> None:
    missing = missing_packages()
    if missing:
        pytest.skip(f"needs {', '.join(missing)}")


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus built once with the real engine (read-only: copy it before writing)."""
    require_stack()
    from policykg.settings import Settings
    from service.engine import Engine

    data = tmp_path_factory.mktemp("rel-seed") / "data"
    engine = Engine(Settings(data_dir=data, corpus_dir=REPO / "corpus"))
    report = engine.build()
    engine.close()
    assert not report.failed, [o.message for o in report.failed]
    return data


@pytest.fixture
def data_dir(seed_build: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the seed build."""
    data = tmp_path / "data"
    shutil.copytree(seed_build, data, symlinks=True)
    return data


def make_client(data: Path, **overrides):
    from fastapi.testclient import TestClient

    from policykg.settings import Settings
    from service.app import create_app

    overrides.setdefault("corpus_dir", REPO / "corpus")
    settings = Settings(data_dir=data, **overrides)
    return TestClient(create_app(settings), raise_server_exceptions=False)


@pytest.fixture
def client(data_dir: Path) -> Iterator:
    with make_client(data_dir, api_token=TOKEN) as c:
        yield c


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def tree_state(root: Path) -> dict[str, tuple[int, int]]:
    """Every file below root (relative path → (size, mtime_ns)), lock file excluded."""
    out: dict[str, tuple[int, int]] = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            p = Path(dirpath) / name
            if name == "write.lock":
                continue
            st = p.lstat()
            out[str(p.relative_to(root))] = (st.st_size, st.st_mtime_ns)
    return out
