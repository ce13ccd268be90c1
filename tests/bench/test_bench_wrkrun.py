"""bench.wrkrun: wrk is run with our script in a temporary file, and the file is gone afterwards."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from bench.wrkrun import run_wrk_script


def test_the_script_reaches_wrk_and_its_file_is_removed(tmp_path: Path) -> None:
    fake = tmp_path / "wrk"  # a stand-in executable that prints its arguments and the script it was given
    fake.write_text(
        '#!/bin/sh\necho "ARGS $*"\nwhile [ "$1" != "-s" ]; do shift; done\ncat "$2"\n', encoding="utf-8"
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    out = run_wrk_script(
        str(fake), ["-t1", "-c2", "-d1s"], "request = nil -- 社区报到", "http://127.0.0.1:9", 10
    )
    args = re.search(r"ARGS (.*)", out)
    assert args is not None and args.group(1).startswith("-t1 -c2 -d1s -s ")
    assert args.group(1).endswith(" http://127.0.0.1:9")
    assert "request = nil -- 社区报到" in out
    script = args.group(1).split(" -s ")[1].split()[0]
    assert not Path(script).exists()
