"""Running wrk with a Lua script of our own: the script written to a temporary file, wrk's output
returned, the file removed whatever happens (bench.speed's HTTP rows and bench.load's wrk phase)."""

from __future__ import annotations

import os
import subprocess
import tempfile


def run_wrk_script(wrk: str, options: list[str], script: str, base: str, timeout: float) -> str:
    """wrk's standard output for `options` (threads, connections, duration …) driving `base` with `script`."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False, encoding="utf-8") as fh:
        fh.write(script)
        path = fh.name
    try:
        return subprocess.run(
            [wrk, *options, "-s", path, base], capture_output=True, text=True, timeout=timeout
        ).stdout
    finally:
        os.unlink(path)
