"""service.spilldir: a build's spill folder lives in the data dir; a killed build's is removed later."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from service.spilldir import SPILL_PREFIX, clean_stale_spills, new_spill_dir


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_new_folder_is_in_the_data_dir_named_after_this_process(tmp_path: Path) -> None:
    folder = new_spill_dir(tmp_path / "data")
    assert folder.parent == tmp_path / "data" and folder.is_dir()
    assert folder.name.startswith(f"{SPILL_PREFIX}{os.getpid()}-")
    again = new_spill_dir(tmp_path / "data")  # a running build's folder is never taken away
    assert folder.is_dir() and again != folder


def test_folders_of_gone_processes_are_removed(tmp_path: Path) -> None:
    dead = tmp_path / f"{SPILL_PREFIX}{_dead_pid()}-x"
    (dead / "sub").mkdir(parents=True)
    (dead / "texts-1.jsonl").write_text("[]\n")
    odd = tmp_path / f"{SPILL_PREFIX}not-a-pid"
    odd.mkdir()
    live = tmp_path / f"{SPILL_PREFIX}{os.getpid()}-y"
    live.mkdir()
    other = tmp_path / ".tmp-20260101"  # the store's own temporaries are not ours
    other.mkdir()
    assert sorted(clean_stale_spills(tmp_path)) == sorted([dead, odd])
    assert not dead.exists() and not odd.exists() and live.is_dir() and other.is_dir()
