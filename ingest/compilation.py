"""Compilations: one page that holds several separate pieces (调研报告4篇, 讲话和发言材料汇编).

Document-sharing sites and WeChat reposts put several rule sets, reports or speeches on one page,
marked either by part markers at the start of a line (``第1篇``, ``第一篇：``, ``（篇一）``,
``【第2篇】``) or by a table of contents (``目录`` and entries with dot leaders and page numbers,
``1.在全市老干部工作会议上的讲话 ……2``) whose titles reappear as the pieces' headings. Each piece
becomes a part, like an article of a bulletin; the page itself becomes the parent (type 汇编).
Works on the normalised text (one paragraph per line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.metadata import Line, split_lines

_CN = "一二三四五六七八九十"
_MARKER_RE = re.compile(
    rf"^(?:[【\[]?第\s*(?P<n1>[{_CN}\d]{{1,3}})\s*篇[】\]]?|[（(]\s*篇\s*(?P<n2>[{_CN}\d]{{1,3}})\s*[)）])\s*[:：、.．]?\s*"
)
_TOC_HEAD_RE = re.compile(r"^(?:目\s*录|目次)[:：]?$")
_TOC_ENTRY_RE = re.compile(r"^(?:\d{1,2}\s*[.、．]\s*)?(?P<title>.+?)\s*(?:[.…·．。_]{3,}|\s{2,})\s*\d{1,4}$")
_MIN_PARTS = 2
_MAX_TITLE = 60


@dataclass
class Piece:
    title: str
    start: int  # char offsets of the piece in the page text (its heading line included)
    end: int
    head_end: int  # end of the heading line(s): the piece's own text starts after it


@dataclass
class Compilation:
    front_end: int  # the page head (title, count, table of contents) ends here
    toc: list[Line] = field(default_factory=list)
    toc_head: tuple[int, int] | None = None  # the 目录 line
    pieces: list[Piece] = field(default_factory=list)


def is_part_marker(line: str) -> bool:
    """The line opens a piece of a compilation (第1篇 / 第一篇： / （篇一））."""
    return bool(_MARKER_RE.match(line.strip()))


def _marker_starts(lines: list[Line]) -> list[tuple[int, str, int]]:
    """(line index, piece title, char offset where its heading ends) for each part marker."""
    out = []
    for i, ln in enumerate(lines):
        m = _MARKER_RE.match(ln.text)
        if not m:
            continue
        rest = ln.text[m.end() :].strip()
        if rest and len(rest) <= _MAX_TITLE and "。" not in rest:
            out.append((i, rest, ln.end))
        elif not rest and i + 1 < len(lines) and len(lines[i + 1].text) <= _MAX_TITLE:
            out.append((i, lines[i + 1].text, lines[i + 1].end))
        else:  # a marker opening a paragraph: the piece has no heading of its own
            out.append(
                (i, "", ln.start + len(ln.text) - len(ln.text[m.end() :].lstrip()) if rest else ln.end)
            )
    return out


def _toc_starts(lines: list[Line]) -> tuple[list[Line], list[tuple[int, str, int]]]:
    head = next((i for i, ln in enumerate(lines[:12]) if _TOC_HEAD_RE.match(ln.text)), None)
    if head is None:
        return [], []
    entries: list[tuple[Line, str]] = []
    for ln in lines[head + 1 :]:
        m = _TOC_ENTRY_RE.match(ln.text)
        if not m:
            break
        entries.append((ln, re.sub(r"\s+", "", m["title"])))
    if len(entries) < _MIN_PARTS:
        return [], []
    starts = []
    after = head + 1 + len(entries)
    for _ln, title in entries:
        at = next((j for j in range(after, len(lines)) if re.sub(r"\s+", "", lines[j].text) == title), None)
        if at is None:
            break  # a page cut short holds the first pieces only
        starts.append((at, lines[at].text, lines[at].end))
        after = at + 1
    return [ln for ln, _t in entries], starts


# a piece's heading that repeats the page's title with the piece's number after it (某某方案 第一篇,
# 某某方案1): a marker only when two or more such lines share the title and count up
_SUFFIX_MARKER_RE = re.compile(
    rf"^(?P<stem>[^。，,；;：:！？]{{4,40}}?)\s*(?:第\s*(?P<n1>[{_CN}\d]{{1,3}})\s*篇|篇?\s*(?P<n2>\d{{1,2}}))$"
)


_PICTURE_STEM_RE = re.compile(r"(?:图片|照片|图|摄影|视频)$")  # 活动图片1, 活动图片2: a story's photos


def _suffix_starts(lines: list[Line]) -> list[tuple[int, str, int]]:
    found: dict[str, list[tuple[int, str]]] = {}
    for i, ln in enumerate(lines):
        m = _SUFFIX_MARKER_RE.match(ln.text.strip())
        if m:
            found.setdefault(re.sub(r"\s+", "", m["stem"]), []).append((i, m["n1"] or m["n2"]))
    for stem, hits in found.items():
        numbers = [_number(n) for _i, n in hits]
        counted = numbers == list(range(1, len(numbers) + 1))  # 1, 2, 3…: not photos 1, 3, 4 of a story
        if len(hits) >= _MIN_PARTS and counted and not _PICTURE_STEM_RE.search(stem):
            return [(i, stem, lines[i].end) for i, _n in hits]  # each piece is titled by the stem
    return []


def _number(n: str) -> int:
    return int(n) if n.isdigit() else (_CN.index(n) + 1 if len(n) == 1 and n in _CN else 99)


def split_compilation(text: str) -> Compilation | None:
    """The pieces of a compilation page, or None when the page is one document."""
    lines = split_lines(text)
    toc, starts = _toc_starts(lines)
    if not starts:
        toc, starts = [], _marker_starts(lines) or _suffix_starts(lines)
    if toc and starts:
        return _pieces(lines, toc, starts)
    if len(starts) < _MIN_PARTS and not (starts and 1 <= starts[0][0] <= 3):
        return None  # one marker under the page's title (（篇一）) says it is a compilation cut short
    return _pieces(lines, toc, starts)


def _pieces(lines: list[Line], toc: list[Line], starts: list[tuple[int, str, int]]) -> Compilation | None:
    comp = Compilation(front_end=lines[starts[0][0]].start, toc=toc)
    head = next((ln for ln in lines[:12] if _TOC_HEAD_RE.match(ln.text)), None) if toc else None
    comp.toc_head = (head.start, head.end) if head else None
    for n, (i, title, head_end) in enumerate(starts):
        stop = starts[n + 1][0] - 1 if n + 1 < len(starts) else len(lines) - 1
        if stop < i:
            return None
        comp.pieces.append(Piece(title, lines[i].start, lines[stop].end, head_end))
    return comp
