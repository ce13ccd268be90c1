"""Where a build's spilled document texts go (policykg.docspill): a folder in the data dir.

In the data dir rather than TMPDIR: it is on the disk the generation is written to, and a TMPDIR
may be a tmpfs — memory, which the spill exists to save. A build removes its folder when it
ends, also on error; a build that is killed (SIGKILL, power loss) cannot, so every new build
first removes the folders of processes that no longer run (a folder is named after its
process). Not ``.tmp-``: the data dir's temporaries are cleaned by the commit of the very build
whose spill is still being read.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

SPILL_PREFIX = ".spill-"


def new_spill_dir(root: Path) -> Path:
    """A fresh spill folder for this process's build, after removing stale ones."""
    root.mkdir(parents=True, exist_ok=True)
    clean_stale_spills(root)
    return Path(tempfile.mkdtemp(prefix=f"{SPILL_PREFIX}{os.getpid()}-", dir=root))


def clean_stale_spills(root: Path) -> list[Path]:
    """Remove the spill folders whose process is gone; the removed folders."""
    removed: list[Path] = []
    for path in sorted(root.glob(f"{SPILL_PREFIX}*")):
        pid = _pid_of(path.name)
        if pid is not None and _alive(pid):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _pid_of(name: str) -> int | None:
    try:
        return int(name[len(SPILL_PREFIX) :].split("-", 1)[0])
    except ValueError:
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # no signal: only whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, another user's
        return True
    return True
