"""How long a clause may be: a long paragraph cut at sentence ends into chunks of a few hundred
characters, an inline enumeration (一是…二是…) cut at its markers, and a hard cut for text with no
sentence end at all. Pure functions of a paragraph's text, used by ingest.clauses."""

from __future__ import annotations

import math
import re

LONG_PARAGRAPH = 600  # split at sentence ends above this

ENUM_SPLIT = 300  # split an inline enumeration (一是…二是…) above this

CHUNK_TARGET = 450

MIN_CHUNK = 150

MAX_CLAUSE = 1500

SENT_END = set("。！？；!?;")

CLOSE = set("”’」』）)》】")

OPEN_QUOTE = set("“‘「『（(《【")

CLOSE_QUOTE = set("”’」』）)》】")

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

_ENUM_RE = re.compile(
    r"(?:(?<=[。；：！？;:!?])|^)\s*(?:([一二三四五六七八九十])[是要](?![的了否])|第([一二三四五六七八九十])[，,、])"
)


def sentence_cuts(s: str) -> tuple[list[int], list[int]]:
    """Candidate cut positions after sentence ends: (outside quotes/brackets, anywhere)."""
    outside: list[int] = []
    anywhere: list[int] = []
    depth = 0
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c in OPEN_QUOTE:
            depth += 1
        elif c in CLOSE_QUOTE:
            depth = max(0, depth - 1)
        if c in SENT_END:
            j = i + 1
            while j < n and s[j] in CLOSE:
                if s[j] in CLOSE_QUOTE:
                    depth = max(0, depth - 1)
                j += 1
            if j < n:
                anywhere.append(j)
                if depth == 0:
                    outside.append(j)
            i = j
            continue
        i += 1
    return outside, anywhere


def chunk(s: str, base: int) -> list[tuple[int, int]]:
    """Cut a long paragraph at sentence ends into chunks of about 200–500 characters."""
    if len(s) <= LONG_PARAGRAPH:
        return [(base, base + len(s))]
    outside, anywhere = sentence_cuts(s)
    commas = [i + 1 for i, c in enumerate(s) if c in "，,、：:" and i + 1 < len(s)]
    out: list[tuple[int, int]] = []
    start = 0
    while len(s) - start > LONG_PARAGRAPH:
        remaining = len(s) - start
        target = start + remaining / math.ceil(remaining / CHUNK_TARGET)
        lo, hi = start + MIN_CHUNK, min(len(s) - MIN_CHUNK // 2, start + 900)
        cut = None
        for cands in (outside, anywhere):
            inside = [c for c in cands if lo <= c <= hi]
            if inside:
                cut = min(inside, key=lambda c: abs(c - target))
                break
        if cut is None:
            inside = [c for c in commas if start + 100 <= c <= start + 1000]
            cut = min(inside, key=lambda c: abs(c - target)) if inside else start + int(CHUNK_TARGET)
        out.append((start, cut))
        start = cut
    out.append((start, len(s)))
    trimmed = (strip_span(s, a, b) for a, b in out)
    return [(base + a, base + b) for a, b in trimmed if a < b]


def split_enumeration(s: str) -> list[tuple[int, str]]:
    """Start offsets and markers of an inline enumeration 一是…二是…三是 (sequential runs of 2+)."""
    runs: list[list[tuple[int, str, int]]] = []
    for m in _ENUM_RE.finditer(s):
        num = _CN_DIGITS[m.group(1) or m.group(2)]
        pos = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        marker = s[pos : m.end()].rstrip("，,、")
        if num == 1:
            runs.append([(pos, marker, 1)])
        elif runs and runs[-1][-1][2] == num - 1:
            runs[-1].append((pos, marker, num))
    return [(pos, marker) for run in runs if len(run) >= 2 for pos, marker, _ in run]


def hard_split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Guarantee the size limit even for text without any sentence end."""
    if end - start <= MAX_CLAUSE:
        return [(start, end)]
    pieces = []
    a = start
    while end - a > MAX_CLAUSE:
        window = text[a : a + MAX_CLAUSE]
        cut = max(window.rfind(c) for c in "。！？；，,;、 ")
        b = a + (cut + 1 if cut > MAX_CLAUSE // 3 else 1000)
        pieces.append((a, b))
        a = b
    pieces.append((a, end))
    trimmed = (strip_span(text, x, y) for x, y in pieces)
    return [(x, y) for x, y in trimmed if x < y]


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space at its ends (empty when it is all white space)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
