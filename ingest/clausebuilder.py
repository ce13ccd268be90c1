"""Building clauses: the stack of open headings and items, and the emission of a paragraph as one
or more clauses under the path of what is open.

``ClauseBuilder`` keeps the clauses made so far and the nesting stack (numbered headings and items,
unnumbered headings): a heading closed with nothing under it becomes a clause of kind ``heading``;
a paragraph is emitted whole, or split at its inline enumeration (一是…二是…, each part an ``item``
under the paragraph's path) and at sentence ends (``ingest.segments``), no piece longer than
``MAX_CLAUSE``, ids ``{doc_id}:{ordinal:04d}`` in emission order.

Separate from ``ingest.clauses`` because it is the mechanics of the tree — how a stack entry carries
a path and a level, how a body is cut, what a clause records — while ``ingest.clauses`` decides what
each line of a text is (a heading, an item, a paragraph, a salutation, left out) and in what order
they are pushed, popped and emitted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.headinglines import FRAGMENT, inline_heading
from ingest.segments import ENUM_SPLIT, chunk, hard_split, split_enumeration
from policykg.model import Clause, Script
from policykg.text import fold


@dataclass
class Paragraph:
    """A line of the text (or its part outside the skip spans), stripped, with its offsets."""

    start: int
    end: int
    text: str


@dataclass
class StackEntry:
    """An open heading or item on the nesting stack."""

    rank: float
    label: str | None  # what goes into the path (None: a numbered item without a heading)
    numbered: bool
    pure: bool  # a heading line (not an item with a body)
    para: Paragraph | None = None
    has_child: bool = False
    path: list[str] = field(default_factory=list)  # the entry's own path (incl. its label)
    level: int = 0
    number: str | None = None


class ClauseBuilder:
    """The clauses of one text so far and the stack of open headings and items above the next one."""

    def __init__(self, doc_id: str, text: str, script: Script | None) -> None:
        self.doc_id = doc_id
        self.text = text
        self.script = script
        self.clauses: list[Clause] = []
        self.stack: list[StackEntry] = []

    # -- the stack --------------------------------------------------------------------------

    def path(self) -> list[str]:
        return [e.label for e in self.stack if e.label]

    def depth(self) -> int:
        return sum(1 for e in self.stack if e.numbered)

    def pop(self) -> None:
        entry = self.stack.pop()
        if entry.pure and not entry.has_child and entry.para is not None:
            # A heading with nothing under it: keep its text as a clause.
            self.emit(
                entry.para.start,
                entry.para.end,
                path=entry.path,
                heading=entry.label,
                number=entry.number,
                level=entry.level,
                kind="heading",
            )

    def in_numbered_section(self) -> bool:
        return any(e.numbered for e in self.stack)

    def heading_rank(self) -> float:
        """The rank an unnumbered heading would get here: just below the nearest numbered heading line."""
        numbered = [e.rank for e in self.stack if e.numbered and e.pure]
        return (numbered[-1] if numbered else 0.0) + 0.5

    def pop_to_rank(self, rank: float) -> None:
        while self.stack and self.stack[-1].rank >= rank:
            self.pop()

    def close(self) -> None:
        while self.stack:
            self.pop()

    # -- emission -----------------------------------------------------------------------------

    def emit(
        self,
        start: int,
        end: int,
        *,
        path: list[str],
        heading: str | None = None,
        number: str | None = None,
        level: int = 0,
        kind: str = "paragraph",
    ) -> None:
        for a, b in hard_split(self.text, start, end):
            ordinal = len(self.clauses) + 1
            body = self.text[a:b]
            self.clauses.append(
                Clause(
                    id=f"{self.doc_id}:{ordinal:04d}",
                    doc_id=self.doc_id,
                    ordinal=ordinal,
                    text=body,
                    search_text=fold(body, self.script),
                    path=list(path),
                    heading=heading,
                    number=number,
                    level=level,
                    start=a,
                    end=b,
                    kind=kind,
                )
            )
            heading = number = None  # only the first piece carries them
        for e in self.stack:
            e.has_child = True

    def body(
        self,
        para: Paragraph,
        *,
        lead: int | None,
        ancestors: list[str],
        heading: str | None,
        number: str | None,
        level: int,
        kind: str,
    ) -> None:
        """Emit a paragraph (from `lead` when a salutation is merged in), split when long.

        `ancestors` is the path above the paragraph; its own inline `heading`, if any, is appended.
        """
        s = para.text
        own_path = [*ancestors, heading] if heading else list(ancestors)
        # (start, marker position, end, marker) relative to the paragraph
        segments: list[tuple[int, int, int, str | None]] = []
        marks = split_enumeration(s)
        if len(s) <= ENUM_SPLIT and not (marks and marks[0][0] == 0):
            # A short paragraph stays whole, unless it *starts* with 一是: then 二是… are its
            # siblings, and one clause headed 一是… would misname what it holds.
            marks = []
        if marks:
            bounds = [p for p, _ in marks]
            if bounds[0] > 0:
                segments.append((0, 0, bounds[0], None))
            for i, (p, marker) in enumerate(marks):
                segments.append((p, p, bounds[i + 1] if i + 1 < len(bounds) else len(s), marker))
            if segments[0][3] is None and len(segments) > 1 and segments[0][2] < FRAGMENT * 2:
                # A tiny lead-in ("措施如下：") goes with the first item.
                segments.pop(0)
                segments[0] = (0, *segments[0][1:])
        else:
            segments.append((0, 0, len(s), None))
        # 一是…二是… starting at the paragraph's own number (一是…) are siblings of it, not children.
        siblings = number is not None and segments[0][3] is not None and segments[0][1] == 0
        for n, (a, m, b, marker) in enumerate(segments):
            seg_path, seg_heading, seg_number, seg_level, seg_kind = own_path, None, None, level, kind
            if n == 0 and (marker is None or siblings):
                seg_heading, seg_number = heading, number
            elif marker is not None:
                h = inline_heading(s[m:b], len(marker))
                seg_heading, seg_number, seg_kind = h, marker, "item"
                parent = ancestors if siblings else own_path
                seg_path = [*parent, h] if h else list(parent)
                seg_level = level if siblings else (level or self.depth()) + 1
            for i, (ca, cb) in enumerate(chunk(s[a:b], para.start + a)):
                if n == 0 and i == 0 and lead is not None:
                    ca = lead
                self.emit(
                    ca,
                    cb,
                    path=seg_path,
                    heading=seg_heading if i == 0 else None,
                    number=seg_number if i == 0 else None,
                    level=seg_level,
                    kind=seg_kind,
                )
