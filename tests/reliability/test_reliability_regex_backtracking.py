"""No regular expression of the pipeline backtracks without bound on hostile text.

A real page (a forum post whose footer was a 42-digit number) hung ingest: a pattern repeated a group that
itself held a repeat (``(?:(?:楼主|\\d{1,6})\\s*)*发表于``), so a run of digits could be split every possible
way before the match failed. Every compiled pattern of the packages and every pattern row of the ingest
vocabulary tables is run here on short runs of one character (digits, spaces, dashes, Han characters,
brackets …) that such patterns choke on. This is a hang detector, not a speed test: a sound pattern
answers in microseconds, a nested repeat needs 2^28 steps, so the generous per-search alarm never fires
for a sound one.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import signal
from pathlib import Path

import pytest

from ingest import vocab

_RUN = 28
_HOSTILE = (
    "0" * _RUN,
    "1" * _RUN + "a",
    " " * _RUN + "x",
    "—" * _RUN + "x",
    "-" * _RUN + "x",
    "老" * _RUN + "。",
    "中共" * (_RUN // 2) + "x",
    "0 " * _RUN + "x",
    "1、" * _RUN,
    "（" * _RUN,
    "“" * _RUN,
    "|" * _RUN + "x",
    "." * _RUN + "x",
    "12:" * _RUN,
    "2020-" * 8 + "x",
)
_ALARM_SECONDS = 2.0


def _compiled_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for package in ("ingest", "policykg", "graph", "search"):
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    found[f"{info.name}.{name}"] = value
    data = Path(vocab.__file__).parent / "data"
    for table in sorted(p.name for p in data.glob("*.tsv")):
        for kind in sorted({row[0] for row in vocab.rows(table) if row}):
            try:
                compiled = vocab.patterns(table, kind)
            except re.error:
                continue  # a table of plain words, not patterns
            for k, pattern in enumerate(compiled):
                found[f"{table}:{kind}:{k}"] = pattern
    return found


class _Hung(Exception):
    pass


def _raise_hung(*_args: object) -> None:
    raise _Hung


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs POSIX interval timers")
def test_no_pattern_backtracks_without_bound_on_runs_of_one_character() -> None:
    patterns = _compiled_patterns()
    assert len(patterns) > 1000  # the packages' patterns and the tables' rows were all found
    hung: list[str] = []
    previous = signal.signal(signal.SIGALRM, _raise_hung)
    try:
        for name, pattern in patterns.items():
            for text in _HOSTILE:
                signal.setitimer(signal.ITIMER_REAL, _ALARM_SECONDS)
                try:
                    pattern.search(text)
                except _Hung:
                    hung.append(f"{name} on {text[:6]}…: {pattern.pattern[:80]}")
                    break
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert not hung, hung
