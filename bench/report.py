"""Report writing: machine facts, the summary of targets, and the sections of each bench."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("whoosh3", "jieba", "rjieba", "tantivy", "opencc", "fastapi", "uvicorn", "pyinstrument")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _mem_total() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _wrk_version() -> str:
    wrk = shutil.which("wrk")
    if not wrk:
        return "absent"
    try:
        out = subprocess.run([wrk, "-v"], capture_output=True, text=True, timeout=10)
        return (out.stdout or out.stderr).splitlines()[0].strip()
    except (OSError, subprocess.SubprocessError, IndexError):
        return "present"


def _git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, timeout=10
        )
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine_facts() -> dict[str, Any]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "cpu": _cpu_model(),
        "memory": _mem_total(),
        "load_average": os.getloadavg(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "packages": versions,
        "wrk": _wrk_version(),
        "commit": _git_commit(),
    }


def facts_markdown(facts: dict[str, Any], end_load: tuple[float, float, float] | None = None) -> str:
    pk = ", ".join(f"{k} {v}" for k, v in facts["packages"].items())
    load = " / ".join(f"{x:.1f}" for x in facts["load_average"])
    lines = [
        f"- Date: {facts['date']}; repo commit {facts['commit']} (plus the working tree at run time)",
        f"- Machine: {facts['cores']} cores ({facts['cpu']}), {facts['memory']}; {facts['platform']}",
        f"- Load average (1/5/15 min) at start: {load}"
        + (f"; at end: {' / '.join(f'{x:.1f}' for x in end_load)}" if end_load else "")
        + " — the machine is shared, so only ratios measured in the same run are meaningful",
        f"- Python {facts['python']}; {pk}; wrk: {facts['wrk']}",
    ]
    return "\n".join(lines)


def write_json(path: Path | None, result: Any) -> None:
    """A bench's full result as JSON next to its Markdown (the `--json OUT` option of each bench)."""
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
