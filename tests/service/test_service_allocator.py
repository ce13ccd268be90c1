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


# Files' bytes freed between blocks that stay (a build's ingest): glibc keeps their pages mapped
# (the heap's top cannot shrink past the live blocks) until trim_heap hands them back.
TRIM_PROBE = """
from service.allocator import trim_heap
def rss():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096
files, kept = [], []
for i in range(8000):
    files.append(bytes([i % 251]) * 16000)
    kept.append(bytes([i % 13]) * 600)
before = rss()
del files
freed = rss()
trim_heap()
print(before, freed, rss())
"""


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_trim_heap_returns_freed_blocks_to_the_kernel() -> None:
    out = subprocess.run([sys.executable, "-c", TRIM_PROBE], capture_output=True, text=True, check=True)
    before, freed, trimmed = map(int, out.stdout.split())
    assert before - freed < 30 * 2**20  # freed, but kept mapped (~128 MB of files)
    assert freed - trimmed > 64 * 2**20  # handed back (~97 MB measured)
