"""Logging an exception without its message.

Exception messages can quote document text (a parser error citing the line it choked on) or
request data; the server log keeps the exception types and the stack frames only, which is what
a developer needs to find the bug.
"""

from __future__ import annotations

import logging
import traceback

MAX_CHAIN = 5
# A RecursionError carries ~1,000 frames (62 KB a request, issue 17 D2): the first and last
# frames say where it entered and where it looped, the middle is the same frames again.
MAX_FRAMES = 40


def exception_types(exc: BaseException) -> str:
    """`ValueError <- KeyError`: the type of the exception and of its causes, no messages."""
    names = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(names) < MAX_CHAIN:
        seen.add(id(current))
        names.append(type(current).__qualname__)
        current = current.__cause__ or current.__context__
    return " <- ".join(names)


def stack(exc: BaseException) -> str:
    """The frames of the traceback (file, line, function), without the message or source lines
    (a line of code can hold a literal; file and line number are enough to find it)."""
    frames = traceback.extract_tb(exc.__traceback__)
    lines = [f'  File "{f.filename}", line {f.lineno}, in {f.name}\n' for f in frames]
    if len(lines) > MAX_FRAMES:
        half = MAX_FRAMES // 2
        lines = [*lines[:half], f"  ... {len(lines) - MAX_FRAMES} frames omitted ...\n", *lines[-half:]]
    return "".join(lines)


def log_exception(logger: logging.Logger, what: str, exc: BaseException, level: int = logging.ERROR) -> None:
    logger.log(level, "%s: %s\n%s", what, exception_types(exc), stack(exc))
