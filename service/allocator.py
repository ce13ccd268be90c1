"""Allocator tuning for the serving process (glibc only; elsewhere a no-op).

A search at 200k clauses allocates a few arrays of 1–4 MB (dense score and count sums, the
match mask, facet gathers) and frees them at the end of the request. glibc's defaults hand
such blocks back to the kernel when they are freed — above its mmap threshold an allocation is
its own mapping, and the top of the heap is trimmed past 128 KB — so every request faults all
of its scratch memory in again: ~2,000 page faults per dense sum, 3.9 of its 4.9 ms on this
machine (measured; a fault costs ~1.4 µs in the VM). Raising both thresholds keeps that memory
in the process between requests: the same sum takes 1.1 ms with ~20 faults. The cost is that
up to ``trim_threshold`` of freed memory per malloc arena stays mapped after a peak.

Setting only one threshold is not enough (measured): a large mmap threshold alone still trims
the heap after each request, a large trim threshold alone still maps each large block anew.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys

log = logging.getLogger(__name__)

# mallopt(3) parameter numbers (malloc.h)
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
# glibc refuses an mmap threshold above HEAP_MAX_SIZE / 2 (32 MiB on 64-bit)
MMAP_THRESHOLD = 32 * 2**20
TRIM_THRESHOLD = 128 * 2**20
# what glibc reads at start-up in a new process (uvicorn's worker processes are spawned)
ENV_NAMES = {"MALLOC_MMAP_THRESHOLD_": MMAP_THRESHOLD, "MALLOC_TRIM_THRESHOLD_": TRIM_THRESHOLD}


def allocator_env(environ: dict[str, str] | os._Environ[str]) -> dict[str, str]:
    """The environment variables to add so that spawned processes start tuned (an operator's
    own setting wins)."""
    return {name: str(value) for name, value in ENV_NAMES.items() if name not in environ}


def tune_allocator(mmap_threshold: int = MMAP_THRESHOLD, trim_threshold: int = TRIM_THRESHOLD) -> bool:
    """Raise this process's mmap and trim thresholds; True when glibc accepted both."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # musl and others have no mallopt: keep their defaults
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    ok = bool(mallopt(M_MMAP_THRESHOLD, mmap_threshold)) and bool(mallopt(M_TRIM_THRESHOLD, trim_threshold))
    if not ok:
        log.warning(
            "mallopt refused the thresholds (%d, %d): allocator defaults kept", mmap_threshold, trim_threshold
        )
    return ok


def trim_heap() -> bool:
    """Hand the heap's free pages back to the kernel (glibc's malloc_trim; elsewhere a no-op).

    A build frees its files' bytes (~100 MB at 200k clauses, each file one malloc block) when
    its ingest is done, but glibc keeps the pages mapped, and the graph that follows cannot reuse
    them: Python's small objects come from pymalloc's own mappings. Trimming takes them out of
    the process's RSS before the graph stage, where the build peaks."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return bool(ctypes.CDLL(None).malloc_trim(0))
    except (OSError, AttributeError):
        return False
