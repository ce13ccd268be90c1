"""Run the `policykg` CLI with a deterministic crash point (used by test_reliability_crash.py).

    POLICYKG_CRASH_AT="os.replace:3" python crashpoint.py ingest FILE --data-dir D

wraps the named function so that its 3rd call SIGKILLs the process *before* the call happens
(the closest a test gets to pulling the plug at that exact step). With
``POLICYKG_CRASH_COUNT=path`` instead, nothing is killed and the number of calls of each
watched function is written to that path as JSON when the command ends, so a test can choose
crash points across the whole run.
"""

from __future__ import annotations

import atexit
import importlib
import json
import os
import signal
import sys

WATCHED = (
    "os.replace",
    "os.rename",
    "os.fsync",
    "service.store.fsync_tree",
    "service.store.fsync_path",
    "service.store.atomic_write_bytes",
    "service.store.DataStore.prune",
    "service.store.DataStore.store_original",
)


def _resolve(target: str) -> tuple[object, str]:
    """`pkg.module.Class.method` → (the object holding the attribute, attribute name)."""
    parts = target.split(".")
    for i in range(len(parts) - 1, 0, -1):
        try:
            owner: object = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for name in parts[i:-1]:
            owner = getattr(owner, name)
        return owner, parts[-1]
    raise ValueError(f"cannot resolve {target}")


def _wrap(target: str, on_call) -> None:  # type: ignore[no-untyped-def]
    module, attr = _resolve(target)
    original = getattr(module, attr)

    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        on_call(target)
        return original(*args, **kwargs)

    setattr(module, attr, wrapper)


def main() -> int:
    crash_at = os.environ.get("POLICYKG_CRASH_AT")
    count_path = os.environ.get("POLICYKG_CRASH_COUNT")
    counts: dict[str, int] = {}

    if crash_at:
        target, nth_text = crash_at.rsplit(":", 1)
        nth = int(nth_text)

        def crash(name: str) -> None:
            counts[name] = counts.get(name, 0) + 1
            if counts[name] == nth:
                os.kill(os.getpid(), signal.SIGKILL)

        _wrap(target, crash)
    elif count_path:

        def count(name: str) -> None:
            counts[name] = counts.get(name, 0) + 1

        for target in WATCHED:
            _wrap(target, count)

        def dump() -> None:
            with open(count_path, "w", encoding="utf-8") as fh:
                json.dump(counts, fh)

        atexit.register(dump)

    from service.cli import main as cli_main

    return int(cli_main(sys.argv[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main())
