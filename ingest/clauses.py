"""The clause tree: numbered items and paragraphs of normalised text, with their heading paths.

Input is the display text from `ingest.normalize` (one paragraph per line). Numbering systems of
Chinese official documents are recognised at the start of a paragraph and nested by their
conventional order — 第X编/部分 > 第X章 > 第X节 > 第X条 > 一、 > （一） > 1. > 一是/第一， > （1） > ① —
so a document that skips a level (一、 then 1.) still nests correctly. Short unnumbered lines
without punctuation (``行動背景``, ``十項舉措``) are headings too, above the numbered items below them.
This module reads each line and decides what it is; the nesting stack and the emission of clauses
(splitting, ids) are `ingest.clausebuilder`, placing the lines no rule placed is `ingest.clausegaps`.

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

import re

from ingest.clausebuilder import ClauseBuilder, Paragraph, StackEntry
from ingest.clausegaps import fill_gaps
from ingest.headinglines import (
    CLOSING_RE,
    FRAGMENT,
    aligned_line,
    is_heading_line,
    is_unnumbered_heading,
    item_heading,
    opens_body,
)
from ingest.lines import is_date_line, is_doc_no_line, numbering
from ingest.segments import strip_span
from policykg.model import Clause, Script
from policykg.text import fold

_NAME_LINE_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:同志)?$")


def _paragraphs(text: str, skip_spans: list[tuple[int, int]] | None) -> list[Paragraph]:
    """Lines of `text` with offsets, stripped, minus the parts inside skip spans."""
    spans = sorted((max(0, a), min(len(text), b)) for a, b in skip_spans or [] if b > a)
    out: list[Paragraph] = []
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
                out.append(Paragraph(s, e, text[s:e]))
    return out


def _heads(b: ClauseBuilder, nxt: str | None) -> bool:
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
    b = ClauseBuilder(doc_id, text, script)
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
                    StackEntry(
                        rank, label, True, True, para, path=[*b.path(), label], level=depth, number=token
                    )
                )
                lead = None
                continue
            heading = item_heading(s, token_len, style, paras[i + 1].text if i + 1 < len(paras) else None)
            b.body(
                para, lead=lead, ancestors=b.path(), heading=heading, number=token, level=depth, kind="item"
            )
            b.stack.append(
                StackEntry(rank, heading, True, False, para, has_child=True, level=depth, number=token)
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
            b.stack.append(StackEntry(rank, s, False, True, para, path=[*b.path(), s]))
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
    return fill_gaps(b, spans) if keep_edges else b.clauses


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
