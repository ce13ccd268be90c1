"""service.allocator: freed scratch memory stays in the process (no page faults on reuse)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest

from service.allocator import ENV_NAMES, allocator_env

# A dense sum the way a search at 200k clauses makes one (search.backends.whoosh.ranking): a few
# 1-3 MB blocks alive together, freed at the end; ten times, counting the last nine's page faults.
PROBE = """
import resource, sys
import numpy as np
if sys.argv[1] == "tuned":
    from service.allocator import tune_allocator
    assert tune_allocator()
parts = [np.arange(0, 400_000, 2, dtype=np.int32), np.arange(1, 200_000, 3, dtype=np.int32)]
def once():
    ids = np.concatenate(parts)
    weights = np.ones(len(ids))
    return float(np.bincount(ids, weights=weights, minlength=400_000)[-2])
once()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(9):
    once()
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _faults(mode: str) -> int:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, mode], env=env, capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip())


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc", reason="glibc mallopt"
)
def test_tuned_process_reuses_freed_blocks() -> None:
    default = _faults("default")
    tuned = _faults("tuned")
    assert default > 9 * 500  # every block is mapped and faulted in again (~1,400 pages a sum)
    assert tuned < default / 10


def test_spawned_workers_get_the_thresholds_unless_set() -> None:
    assert allocator_env({}) == {name: str(value) for name, value in ENV_NAMES.items()}
    own = {"MALLOC_TRIM_THRESHOLD_": "1"}
    assert allocator_env(own) == {"MALLOC_MMAP_THRESHOLD_": str(ENV_NAMES["MALLOC_MMAP_THRESHOLD_"])}
