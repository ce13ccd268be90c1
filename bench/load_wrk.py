"""The load test's optional read-only phase: wrk drives search, precedents and compare on the same
server for raw throughput and latency percentiles (None when wrk is not installed).

Apart from the threaded traffic because it checks nothing and needs an external tool; the
scale-out bench (bench.scale) drives its replicas with it too.
"""

from __future__ import annotations

import re
import shutil
from typing import Any

from bench.load_traffic import SEARCH_QUERIES
from bench.wrkrun import run_wrk_script

WRK_LUA = r"""
local paths = {}
local queries = {QUERIES}
for _, q in ipairs(queries) do
  table.insert(paths, "/api/search?q=" .. q .. "&limit=10")
end
table.insert(paths, "/api/precedents?q=" .. queries[1] .. "&limit=10")
table.insert(paths, "/api/compare?topic=" .. queries[2] .. "&regions=%E7%A6%8F%E5%B7%9E%E5%B8%82")
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
"""


def run_wrk(base: str, seconds: int, threads: int = 2, connections: int = 8) -> dict[str, Any] | None:
    wrk = shutil.which("wrk")
    if wrk is None:
        return None
    from urllib.parse import quote

    queries = ", ".join(f'"{quote(q)}"' for q in SEARCH_QUERIES)
    options = [f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    out = run_wrk_script(wrk, options, WRK_LUA.replace("{QUERIES}", queries), base, timeout=seconds + 60)
    parsed: dict[str, Any] = {"raw": out}
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if m:
        parsed["throughput_rps"] = float(m.group(1))
    for label in ("50%", "90%", "99%"):
        m = re.search(rf"^\s+{re.escape(label)}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if m:
            value = float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
            parsed[f"p{label[:-1]}_ms"] = round(value, 1)
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    parsed["non_2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors:.*", out)
    parsed["socket_errors"] = m.group(0) if m else ""
    return parsed
