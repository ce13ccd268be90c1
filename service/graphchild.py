"""The graph stage's child process (service/graphstage.py): `python -c "from service.graphchild
import main; main()" JOB`. Imports only what the graph needs; dies with the build process."""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> None:
    _die_with_parent()
    from service.graphstage import run_job

    run_job(Path(sys.argv[1]))


def _die_with_parent() -> None:
    """Linux: SIGKILL this process when the build process dies (no orphan keeps building)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
