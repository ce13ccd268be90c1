"""The clause-coverage invariant: every body character lies in exactly one clause.

A character of `Document.text` is accounted for when it lies in a clause, in a span read as
metadata (`Document.meta_spans`: header, headline, meta lines, signature), or in a heading line
(a line that is the heading path of the clauses under it). Residue was removed before the text was
made, so it is not in `text` at all. `check` returns what breaks the invariant; tests assert it is
empty on every fixture and seed, and bench/realdocs.py reports it on real pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from policykg.model import Document


@dataclass(frozen=True)
class CoverageReport:
    uncovered: list[tuple[int, int]]  # runs of non-space characters in nothing
    overlapping: list[tuple[int, int]]  # runs in two clauses at once
    body_chars: int

    @property
    def share_covered(self) -> float:
        missing = sum(b - a for a, b in self.uncovered)
        return 1.0 - missing / self.body_chars if self.body_chars else 1.0

    @property
    def ok(self) -> bool:
        return not self.uncovered and not self.overlapping


def _runs(flags: list[bool], text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = None
    for i, flag in enumerate(flags):
        if flag and not text[i].isspace():
            if start is None:
                start = i
            end = i + 1
        elif flag and start is not None:
            continue  # white space inside a run does not end it
        elif start is not None:
            out.append((start, end))
            start = None
    if start is not None:
        out.append((start, end))
    return out


def check(doc: Document) -> CoverageReport:
    text = doc.text
    count = [0] * len(text)
    for c in doc.clauses:
        for i in range(max(c.start, 0), min(c.end, len(text))):
            count[i] += 1
    other = [False] * len(text)
    for a, b in getattr(doc, "meta_spans", []):  # (absent on documents of older versions)
        for i in range(max(a, 0), min(b, len(text))):
            other[i] = True
    labels = {label.strip() for c in doc.clauses for label in (*c.path, c.heading or "") if label}
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and any(
            stripped == label or stripped.startswith(label) for label in labels if len(label) >= 2
        ):
            for i in range(pos, pos + len(line)):
                other[i] = True
        pos += len(line) + 1
    uncovered = _runs([count[i] == 0 and not other[i] for i in range(len(text))], text)
    overlapping = _runs([count[i] > 1 for i in range(len(text))], text)
    body = sum(1 for ch in text if not ch.isspace())
    return CoverageReport(uncovered, overlapping, body)
