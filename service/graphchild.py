"""The graph stage's child process (service/graphstage.py): a fresh interpreter running
`python -c "from service.graphchild import main; main()"`.

It loads what the graph needs (the graph's code, the backend's, the gazetteer: ~0.5 s, measured)
as soon as it starts, and only then waits for its job: the path of a job file,
one line on its stdin. The build process starts it before it writes the documents and the job,
so the two overlap (round 8 of issue 14: the child's start was +1.5 s of a 20k build). A child
told nothing (its stdin closed) exits without a word. It dies with the build process.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path


class GraphChild:
    """The build process's handle on one child: started at once, then sent one job or let go."""

    def __init__(self) -> None:
        # the child imports this process's code: the same import path, the current folder for ''
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p or os.getcwd() for p in sys.path))
        code = "from service.graphchild import main; main()"
        self.proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, env=env)
        self.sent = False

    def send(self, job: Path) -> None:
        """Start the child on `job` (the path of its job file); `wait` for it."""
        self.sent = True
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write(os.fsencode(job) + b"\n")
            self.proc.stdin.close()
        except BrokenPipeError:  # it died before its job: its exit code says how
            pass

    def wait(self) -> int:
        """Its exit code once it is done. Interrupted here (KeyboardInterrupt included): the
        child is ended first."""
        try:
            return self.proc.wait()
        finally:
            self._end()

    def cancel(self) -> None:
        """Done with it: a child sent no job sees its stdin closed and exits (ended if it does
        not soon); one still on its job (the build failed meanwhile) is ended."""
        try:
            if not self.sent and self.proc.stdin is not None:
                self.proc.stdin.close()
                self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        finally:
            self._end()

    def _end(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def main() -> None:
    _die_with_parent()
    # What every job needs, loaded while the build process writes the job. No collection walks
    # it (gc: the job runs without them, service.graphstage.run_job).
    gc.disable()
    import graph.build  # noqa: F401 — the backend's graph code imports it when the job runs
    import service.backend  # noqa: F401 — unpickling the job's backend imports it
    from policykg.gazetteer import default_gazetteer
    from service.graphstage import run_job

    default_gazetteer()
    gc.freeze()
    line = sys.stdin.buffer.readline().rstrip(b"\n")
    if not line:  # let go: no graph stage in this process
        return
    run_job(Path(os.fsdecode(line)))
    # The answer is on disk (renamed into place): exit without tearing the graph down object by
    # object, which the build process would wait for (0.2-0.3 s at 20k clauses, measured).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _die_with_parent() -> None:
    """Linux: SIGKILL this process when the build process dies (no orphan keeps building)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
