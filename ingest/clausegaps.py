"""Filling the gaps: with the ingest pipeline's ``keep_edges``, every line of body text lies in a
clause, so a line that no rule of the tree placed becomes a clause of its own, and the clauses are
renumbered in reading order.

Separate from ``ingest.clauses`` because it is a check after the tree is built, over offsets rather
than lines' meaning: which lines are covered by a clause or a skipped span, and which are only a
heading already in some clause's path.
"""

from __future__ import annotations

import bisect
import re

from ingest.clausebuilder import ClauseBuilder
from policykg.model import Clause


def fill_gaps(b: ClauseBuilder, skip: list[tuple[int, int]]) -> list[Clause]:
    """Every line of body text lies in a clause: a line no rule placed (a short line between a
    skipped head and the text, a lead-in cut off by a skipped line) becomes a clause of its own,
    under the path of the clause that follows it. Heading lines are in their clauses' paths."""
    text = b.text
    spans = sorted(
        (max(a, 0), min(z, len(text))) for a, z in [*skip, *((c.start, c.end) for c in b.clauses)] if z > a
    )
    starts = [a for a, _z in spans]
    # the furthest end of any span starting at or before each span: is a position inside any span
    reach: list[int] = []
    for _a, z in spans:
        reach.append(max(z, reach[-1]) if reach else z)

    def covered(i: int) -> bool:
        k = bisect.bisect_right(starts, i) - 1
        return k >= 0 and reach[k] > i

    labels: set[str] | None = None
    gaps: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        stripped = line.strip()
        if stripped:
            first = pos + len(line) - len(line.lstrip())
            last = end - (len(line) - len(line.rstrip())) - 1
            if not covered(first) and not covered(last):
                if labels is None:  # built once, and only for a text with an unplaced line
                    labels = {
                        _bare(x) for c in b.clauses for x in (*c.path, c.heading or "") if len(_bare(x)) >= 2
                    }
                line_key = _bare(stripped)
                if not any(line_key.startswith(label) for label in labels):
                    gaps.append((first, last + 1))
        pos = end + 1
    if not gaps:
        return b.clauses
    clause_starts = sorted(c.start for c in b.clauses)
    by_start = {c.start: c for c in b.clauses}
    for a, z in gaps:
        k = bisect.bisect_left(clause_starts, z)
        after = (
            by_start[clause_starts[k]] if k < len(clause_starts) else (b.clauses[-1] if b.clauses else None)
        )
        b.emit(a, z, path=list(after.path) if after else [], kind="paragraph")
    ordered = sorted(b.clauses, key=lambda c: c.start)
    for n, c in enumerate(ordered, start=1):
        c.ordinal, c.id = n, f"{b.doc_id}:{n:04d}"
    return ordered


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)
