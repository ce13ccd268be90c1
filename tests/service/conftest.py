"""Session fixtures for the service's end-to-end tests: the seed corpus built once into a tmp data dir.

The e2e tests need the real ingest/graph/search packages; they are skipped (not failed) while one
of them is missing, so the unit tests over fakes keep running on a partial tree.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
# Works under --import-mode=importlib too: the helpers (svc_fakes) and bench.metrics (the dev-gold
# scorer, at the repo root) are imported by path.
for _p in (HERE, REPO):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

REQUIRED = ("ingest.pipeline", "graph.build", "search.index")


from svc_fakes import E2E_TOKEN  # noqa: E402  (after the path set-up above)


def _missing() -> list[str]:
    out = []
    for name in REQUIRED:
        try:
            if importlib.util.find_spec(name) is None:
                out.append(name)
        except ModuleNotFoundError:
            out.append(name)
    return out


@pytest.fixture(scope="session")
def seed_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    missing = _missing()
    if missing:
        pytest.skip(f"e2e needs {', '.join(missing)}")
    from policykg.settings import Settings
    from service.engine import Engine

    data = tmp_path_factory.mktemp("seed") / "data"
    settings = Settings(data_dir=data, corpus_dir=REPO / "corpus")
    report = Engine(settings).build()
    assert not report.failed, [o.message for o in report.failed]
    return data


def _client(data: Path, **overrides):
    from fastapi.testclient import TestClient

    from policykg.settings import Settings
    from service.app import create_app

    settings = Settings(data_dir=data, corpus_dir=REPO / "corpus", **overrides)
    return TestClient(create_app(settings), raise_server_exceptions=False)


@pytest.fixture(scope="session")
def seed_client(seed_data_dir: Path):
    """Read-only client over the seed build (tests must not write through it)."""
    return _client(seed_data_dir, api_token=E2E_TOKEN)


@pytest.fixture
def writable_client(seed_data_dir: Path, tmp_path: Path):
    """A client over a private copy of the seed build, for uploads and deletes."""
    data = tmp_path / "data"
    shutil.copytree(seed_data_dir, data, symlinks=True)
    return _client(data, api_token=E2E_TOKEN, max_upload_bytes=2 * 1024 * 1024)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six seed files copied to a folder of their own: a build small enough to run twice in a test."""
    folder = tmp_path_factory.mktemp("corpus")
    for p in sorted((REPO / "corpus").glob("*.txt"))[:6]:
        shutil.copy(p, folder / p.name)
    return folder
