"""The clause tree: numbered items and paragraphs of normalised text, with their heading paths.

Input is the display text from `ingest.normalize` (one paragraph per line). Numbering systems of
Chinese official documents are recognised at the start of a paragraph and nested by their
conventional order — 第X编/部分 > 第X章 > 第X节 > 第X条 > 一、 > （一） > 1. > 一是/第一， > （1） > ① —
so a document that skips a level (一、 then 1.) still nests correctly. Short unnumbered lines
without punctuation (``行動背景``, ``十項舉措``) are headings too, above the numbered items below them.

Decisions (see also `split_clauses`):

- A *heading line* (a numbered line with no sentence in it, ``二、主要内容``, or a numbered line
  that is one short sentence and nothing else) is not a clause: it becomes part of the path of
  the clauses under it. A heading with nothing under it (the next line is its sibling) is emitted
  as a clause of kind ``heading`` so that no text is lost. Every heading is therefore reachable
  through the path of at least one clause.
- A numbered paragraph whose first sentence is short (``（二）创建“枫叶驿站”。以社区…``) is one
  clause of kind ``item``; that first sentence (without its 。) is its ``heading`` and the last
  element of its ``path``. Unnumbered paragraphs that follow it belong under it.
- Paragraphs longer than 300 characters with an inline enumeration (``一是…。二是…``) are split
  at the markers; each part is an ``item`` numbered ``一是``… under the paragraph's path.
  Anything still longer than 600 characters is cut at sentence ends into chunks of about
  200–500 characters with the same path. No clause is longer than `MAX_CLAUSE` characters.
- Lines shorter than 8 characters that are not headings: a salutation ending in a colon
  (``同志们：``) is merged into the clause that follows it; other fragments (a speaker's name)
  and lines that are only a date or a document number are left out of the clauses (they stay
  in the document text).
- An unnumbered short line is a heading only when what follows can be headed by it: a line right
  before a numbered line of its own rank (``一、活动主题⏎银发生辉·献力科技城⏎二、…``) is that
  section's content, and lines of names set apart by wide gaps (``张**　李**``) are never headings.
  Under a numbered heading, such short lines (a list of units) are clauses of their own.
- A paragraph that *starts* with 一是 and holds 二是… is split at the markers whatever its length.
- A paragraph opening with a salutation (``同志们，…``) closes the open sections: a speech's
  closing words belong to the whole speech.
- ``level`` is the depth of a numbered clause among the numbered headings/items above it
  (一、=1, （一）=2, 1.=3 in a regular document); unnumbered paragraphs have level 0.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ingest.headinglines import (
    CLOSING_RE,
    FRAGMENT,
    aligned_line,
    inline_heading,
    is_heading_line,
    is_unnumbered_heading,
    item_heading,
    opens_body,
)
from ingest.lines import is_date_line, is_doc_no_line, numbering
from ingest.segments import ENUM_SPLIT, chunk, hard_split, split_enumeration, strip_span
from policykg.model import Clause, Script
from policykg.text import fold

_NAME_LINE_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:同志)?$")


@dataclass
class _Para:
    start: int
    end: int
    text: str


@dataclass
class _Entry:
    """An open heading or item on the nesting stack."""

    rank: float
    label: str | None  # what goes into the path (None: a numbered item without a heading)
    numbered: bool
    pure: bool  # a heading line (not an item with a body)
    para: _Para | None = None
    has_child: bool = False
    path: list[str] = field(default_factory=list)  # the entry's own path (incl. its label)
    level: int = 0
    number: str | None = None


def _paragraphs(text: str, skip_spans: list[tuple[int, int]] | None) -> list[_Para]:
    """Lines of `text` with offsets, stripped, minus the parts inside skip spans."""
    spans = sorted((max(0, a), min(len(text), b)) for a, b in skip_spans or [] if b > a)
    out: list[_Para] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        pieces = [(start, end)]
        for a, b in spans:
            nxt = []
            for s, e in pieces:
                if b <= s or a >= e:
                    nxt.append((s, e))
                    continue
                if s < a:
                    nxt.append((s, a))
                if b < e:
                    nxt.append((b, e))
            pieces = nxt
        for s, e in (strip_span(text, s, e) for s, e in pieces):
            if s < e:
                out.append(_Para(s, e, text[s:e]))
    return out


class _Builder:
    def __init__(self, doc_id: str, text: str, script: Script | None) -> None:
        self.doc_id = doc_id
        self.text = text
        self.script = script
        self.clauses: list[Clause] = []
        self.stack: list[_Entry] = []

    # -- the stack --------------------------------------------------------------------------

    def path(self) -> list[str]:
        return [e.label for e in self.stack if e.label]

    def depth(self) -> int:
        return sum(1 for e in self.stack if e.numbered)

    def pop(self) -> None:
        entry = self.stack.pop()
        if entry.pure and not entry.has_child and entry.para is not None:
            # A heading with nothing under it: keep its text as a clause.
            self._emit(
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

    def _emit(
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
        para: _Para,
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
                self._emit(
                    ca,
                    cb,
                    path=seg_path,
                    heading=seg_heading if i == 0 else None,
                    number=seg_number if i == 0 else None,
                    level=seg_level,
                    kind=seg_kind,
                )


def _heads(b: _Builder, nxt: str | None) -> bool:
    """Whether an unnumbered short line is a heading: something it can head follows, and that is not
    a numbered line of its own rank or above (which would close it at once: ``一、活动主题⏎银发生辉⏎二、…``)."""
    if nxt is None or not opens_body(nxt):
        return False
    num = numbering(nxt)
    return num is None or num[1] > b.heading_rank()


def split_clauses(
    doc_id: str,
    text: str,
    script: Script | None = None,
    *,
    skip_spans: list[tuple[int, int]] | None = None,
    keep_edges: bool = False,
) -> list[Clause]:
    """Split normalised display text into clauses (reading order, ids ``{doc_id}:{ordinal:04d}``).

    `skip_spans` are character spans of `text` (front matter: document head, title, addressee;
    back matter: signature, dates) that must not become clauses. For every clause
    ``text[c.start:c.end] == c.text``; ``c.search_text == policykg.text.fold(c.text, script)``;
    when ``c.heading`` is set it is also ``c.path[-1]``.
    """
    b = _Builder(doc_id, text, script)
    paras = _paragraphs(text, skip_spans)
    spans = [(a, z) for a, z in skip_spans or [] if z > a]
    lead: int | None = None  # start of a salutation (同志们：) to merge into the next clause
    for i, para in enumerate(paras):
        s = para.text
        if lead is not None and any(a < para.start and z > lead for a, z in spans):
            lead = None  # never swallow skipped text into a clause
        num = numbering(s)
        if num is not None and len(s) > len(num[2]):
            style, rank, token = num
            token_len = len(token)
            while token_len < len(s) and s[token_len] in " \u3000":
                token_len += 1
            b.pop_to_rank(rank)
            depth = b.depth() + 1
            is_heading, label = is_heading_line(s, token_len)
            if is_heading:
                b.stack.append(
                    _Entry(rank, label, True, True, para, path=[*b.path(), label], level=depth, number=token)
                )
                lead = None
                continue
            heading = item_heading(s, token_len, style, paras[i + 1].text if i + 1 < len(paras) else None)
            b.body(
                para, lead=lead, ancestors=b.path(), heading=heading, number=token, level=depth, kind="item"
            )
            b.stack.append(
                _Entry(rank, heading, True, False, para, has_child=True, level=depth, number=token)
            )
            lead = None
            continue
        # Titles, issuers, numbers, dates and signatures sit at the edges of a text; when no metadata
        # pass has taken them (split_clauses on its own), they are left out there, and only there.
        # With `keep_edges` (the ingest pipeline, whose metadata pass took them) every line is text.
        edge = not keep_edges and (i < 2 or i >= len(paras) - 3)
        if is_date_line(s) or is_doc_no_line(s):
            if not edge:  # a date or number line inside the body is text
                b.body(
                    para, lead=None, ancestors=b.path(), heading=None, number=None, level=0, kind="paragraph"
                )
            lead = None
            continue
        if is_unnumbered_heading(s):
            nxt = paras[i + 1].text if i + 1 < len(paras) else None
            if not _heads(b, nxt):
                # A line of a list (named branches, units), or one-line content (活动主题): body text.
                if not edge or (b.in_numbered_section() and len(s) >= FRAGMENT):
                    b.body(para, lead=None, ancestors=b.path(), heading=None, number=None, level=0,
                           kind="paragraph")  # fmt: skip
                lead = None
                continue
            # An unnumbered heading sits under the nearest numbered heading line and replaces a
            # previous unnumbered heading (its sibling) together with the items under it.
            while b.stack and (not b.stack[-1].numbered or not b.stack[-1].pure):
                b.pop()
            rank = (b.stack[-1].rank if b.stack else 0.0) + 0.5
            b.stack.append(_Entry(rank, s, False, True, para, path=[*b.path(), s]))
            lead = None
            continue
        if len(s) < FRAGMENT and s[-1] in "：:" and lead is None:
            lead = para.start  # a short lead-in (如下：) opens the clause that follows
            continue
        if _NAME_LINE_RE.match(s):
            # a speaker's name above 同志们：, when no metadata pass has taken it; with the metadata
            # pass done, a short line (写春联, 编者按, an author's name) opens the clause that follows
            lead = para.start if keep_edges and lead is None else (lead if keep_edges else None)
            continue
        if edge and aligned_line(s) and not b.in_numbered_section():
            lead = None
            continue  # outside any section: a letterhead or signature row
        if CLOSING_RE.match(s):
            b.close()
        b.body(para, lead=lead, ancestors=b.path(), heading=None, number=None, level=0, kind="paragraph")
        lead = None
    if lead is not None and keep_edges:  # a lead-in with nothing after it (附件下载：) is text too
        b.close()
        b.body(paras[-1], lead=lead, ancestors=b.path(), heading=None, number=None, level=0, kind="paragraph")
    b.close()
    return _fill_gaps(b, spans) if keep_edges else b.clauses


def _fill_gaps(b: _Builder, skip: list[tuple[int, int]]) -> list[Clause]:
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
        b._emit(a, z, path=list(after.path) if after else [], kind="paragraph")
    ordered = sorted(b.clauses, key=lambda c: c.start)
    for n, c in enumerate(ordered, start=1):
        c.ordinal, c.id = n, f"{b.doc_id}:{n:04d}"
    return ordered


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


def entry_clauses(
    doc_id: str, text: str, spans: list[tuple[int, int]], script: Script | None = None
) -> list[Clause]:
    """One clause per given span of `text`, in order: the entries of a table of contents, which
    are items of a list (``经验交流材料8篇`` included), never headings of one another."""
    out: list[Clause] = []
    for start, end in spans:
        body = text[start:end].strip()
        if not body:
            continue
        start += len(text[start:end]) - len(text[start:end].lstrip())
        n = len(out) + 1
        out.append(
            Clause(
                id=f"{doc_id}:{n:04d}", doc_id=doc_id, ordinal=n, text=body, search_text=fold(body, script),
                start=start, end=start + len(body),
            )
        )  # fmt: skip
    return out
