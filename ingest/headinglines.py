"""What a line of a policy text is to the clause tree: a heading line (二、主要内容), a numbered
item with a short heading sentence (（二）创建“枫叶驿站”。以社区…), an unnumbered heading, a line that
opens a body, a row of aligned names. Pure functions of a line's text, used by ingest.clauses."""

from __future__ import annotations

import re

from ingest import vocab
from ingest.lines import is_date_line, is_doc_no_line, numbering
from ingest.segments import CLOSE_QUOTE, OPEN_QUOTE

FRAGMENT = 8  # shorter non-heading lines are merged forward or left out

HEADING_SENTENCE = 32  # longest inline heading sentence (after the number)

PURE_HEADING = 60  # longest numbered line that can be a heading line

UNNUMBERED_HEADING = (4, 30)  # length range of an unnumbered heading line

SENTENCE_PUNCT = set("，、；：。！？,;:!?")


def has_punct(s: str) -> bool:
    return any(c in SENTENCE_PUNCT for c in s)


def first_sentence_end(s: str, start: int) -> int | None:
    """Index just after the first 。！？ (outside quotes) at or after `start`, or None."""
    depth = 0
    for i in range(start, len(s)):
        c = s[i]
        if c in OPEN_QUOTE:
            depth += 1
        elif c in CLOSE_QUOTE:
            depth = max(0, depth - 1)
        elif c in "。！？!?" and depth == 0:
            return i + 1
    return None


def inline_heading(s: str, token_len: int) -> str | None:
    """``（二）创建“枫叶驿站”`` from ``（二）创建“枫叶驿站”。以社区…`` when the first sentence is short
    and something follows it."""
    end = first_sentence_end(s, token_len)
    if end is None or end >= len(s):
        return None
    head = s[: end - 1].rstrip()
    if len(head) - token_len > HEADING_SENTENCE or len(head) <= token_len:
        return None
    return head


def is_heading_line(s: str, token_len: int) -> tuple[bool, str]:
    """(is a heading line, its label): a numbered line with no sentence in it (``二、主要内容``,
    ``第二条 党支部的主要职责是：``)."""
    body = s[token_len:]
    if len(s) > PURE_HEADING or not body.strip() or any(c in "。！？；!?;" for c in body):
        return False, s
    return True, s.rstrip("：:，,、 \u3000")


def item_heading(s: str, token_len: int, style: str, next_para: str | None) -> str | None:
    """The heading of a numbered paragraph: its short first sentence when a body follows
    (``（二）创建“枫叶驿站”``), or the whole line when it is one short sentence followed by
    unnumbered paragraphs that expand it (``一是把离退休干部党建工作提升到了新高度。``).
    Articles (第X条) state rules, not headings."""
    if style == "article":
        return None
    head = inline_heading(s, token_len)
    if head:
        return head
    stripped = s.rstrip()
    expanded = next_para is not None and numbering(next_para) is None and opens_body(next_para)
    if (
        expanded
        and stripped[-1] in "。！？!?"
        and first_sentence_end(stripped, token_len) == len(stripped)
        and len(stripped) - token_len <= HEADING_SENTENCE + 8
        and not any(c in "；;" for c in stripped)
    ):
        return stripped[:-1]
    return None


# A speech turning to its audience again (``同志们，做好…``) closes its sections: the closing words
# belong to the whole speech, not to the last numbered item.
CLOSING_RE = re.compile(r"^(?:同志们|老同志们|各位(?:领导|同志|老同志|来宾)[^，,！!。]{0,8})[，,！!]")

COLUMN_GAP_RE = re.compile(r"\t|[ \u3000]{2,}|\u3000")


def is_unnumbered_heading(s: str) -> bool:
    lo, hi = UNNUMBERED_HEADING
    return (
        lo <= len(s) <= hi
        and not any(p.search(s) for p in vocab.patterns("web_page.tsv", "not_heading"))
        and not has_punct(s)
        and not COLUMN_GAP_RE.search(s)  # items set apart by wide gaps (张**　李**) or table cells
        and not is_date_line(s)
        and not is_doc_no_line(s)
        and not s.startswith(("-", "——", "•", "·", "●"))
    )


def opens_body(s: str) -> bool:
    """What may follow a heading line: a numbered line, a bullet or a paragraph of running text."""
    return (
        numbering(s) is not None or s.startswith(("- ", "• ", "● ")) or (len(s) >= FRAGMENT and has_punct(s))
    )


def aligned_line(s: str) -> bool:
    """A short line of items set apart by wide spaces (``中共XX局　　XX局``), not a table row."""
    return (
        "\t" not in s
        and bool(COLUMN_GAP_RE.search(s))
        and not has_punct(s)
        and len(s) <= UNNUMBERED_HEADING[1]
    )
