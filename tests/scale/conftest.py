"""Fixtures of the scale-out tests: a real PostgreSQL cluster, real replicas, real nginx.

Skipped only when the PostgreSQL server binaries or nginx are absent AND `.ci/run` did not set
POLICYKG_REQUIRE_SCALEOUT=1; with that variable set, missing parts fail the tests.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from scaleharness import PgCluster, require_parts, running_cluster  # noqa: E402


@contextlib.contextmanager
def scratch_dir(prefix: str) -> Iterator[Path]:
    """A private temp folder outside pytest's basetemp: pytest runs of other checkouts on the
    same machine prune old basetemps, which must not take a live cluster's or nginx's files."""
    path = Path(tempfile.mkdtemp(prefix=f"policykg-scale-{prefix}-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def module_dir() -> Iterator[Path]:
    with scratch_dir("mod") as path:
        yield path


@pytest.fixture
def scratch() -> Iterator[Path]:
    with scratch_dir("test") as path:
        yield path


@pytest.fixture(scope="module")
def cluster(module_dir: Path) -> Iterator[PgCluster]:
    """One throwaway cluster per test module (each test makes its own database)."""
    require_parts()
    with running_cluster(module_dir / "pg") as pg:
        yield pg
