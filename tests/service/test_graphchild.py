"""service/graphchild.py: the graph stage's child starts at once and waits for its job on stdin; let
go, it exits without a word, and one still on its job is ended; given a job, it runs it (a job it
cannot read is its error, not the build process's); dead before its job, its exit code says so;
its start loads neither the settings
(pydantic) nor ingest's dictionaries (jieba): the child is the build's largest process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from service.graphchild import GraphChild


def test_a_child_let_go_exits_cleanly() -> None:
    child = GraphChild()
    child.cancel()
    assert child.proc.returncode == 0


def test_a_child_runs_the_job_it_is_given(tmp_path: Path) -> None:
    # no such job file: the child got the path and failed on it
    child = GraphChild()
    child.send(tmp_path / "missing-job.pickle")
    assert child.wait() != 0
    assert child.proc.returncode is not None


def test_a_child_dead_before_its_job_reports_its_exit_code(tmp_path: Path) -> None:
    child = GraphChild()
    child.proc.kill()
    child.proc.wait()
    child.send(tmp_path / "job.pickle")  # no BrokenPipeError raised here
    assert child.wait() == -9
    child.cancel()  # and letting it go afterwards is harmless


def test_a_child_still_on_its_job_is_ended_when_let_go(tmp_path: Path) -> None:
    fifo = tmp_path / "job.pickle"
    os.mkfifo(fifo)  # opening it blocks: the child stays on its job
    child = GraphChild()
    child.send(fifo)
    child.cancel()
    assert child.proc.returncode == -9


def test_the_childs_start_loads_no_settings_and_no_ingest_dictionary() -> None:
    code = (
        "import sys, gc\n"
        "import graph.build, service.backend, service.graphstage\n"
        "from policykg.gazetteer import default_gazetteer\n"
        "default_gazetteer()\n"
        "print(sorted(m for m in ('pydantic', 'policykg.settings', 'jieba', 'rjieba') if m in sys.modules))\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p or os.getcwd() for p in sys.path))  # this tree's code
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "[]"
