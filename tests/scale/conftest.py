"""Fixtures of the scale-out tests: a real PostgreSQL cluster, real replicas, real nginx.

Skipped only when the PostgreSQL server binaries or nginx are absent AND `.ci/run` did not set
POLICYKG_REQUIRE_SCALEOUT=1; with that variable set, missing parts fail the tests.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from harness import REQUIRE_ENV, PgCluster, missing_parts, running_cluster  # noqa: E402

TOKEN = "scale-write-token-0123456789"


def require_parts() -> None:
    missing = missing_parts()
    if not missing:
        return
    message = f"scale-out tests need {', '.join(missing)} (apt-get install postgresql nginx)"
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PgCluster]:
    """One throwaway cluster per test module (each test makes its own database)."""
    require_parts()
    with running_cluster(tmp_path_factory.mktemp("pg")) as pg:
        yield pg
