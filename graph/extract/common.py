"""Shared helpers of the extractors: data files, quotes and titles, sentences, names.

Every extractor reads `Clause.search_text` (NFKC, simplified, no stray spaces): NFKC turns the
full-width comma, colon, semicolon and parentheses into their ASCII forms, so patterns here
accept both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from policykg.text import fold

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
HAN_RE = re.compile(f"[{HAN}]")
SENTENCE_END = "。!?;！？；\n"
CLAUSE_PUNCT = "。!?;！？；,，:：、\n"
# a straight double quote opens and closes (pages typed without Chinese quotes)
OPEN_QUOTES = {"“": "”", "「": "」", "『": "』", '"': '"'}
_CJK_SPACE_RE = re.compile(f"(?<=[{HAN}“”《》〈〉、，。（）()·])\\s+(?=[{HAN}“”《》〈〉、，。（）()·])")
# A run of characters that are not sentence ends: one sentence of `sentences`.
_SENTENCE_RE = re.compile("[^" + "".join(re.escape(c) for c in SENTENCE_END) + "]+")
_OPEN_QUOTE_RE = re.compile("[" + "".join(OPEN_QUOTES) + "]")


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a data file."""
    out = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@cache
def data_rows(name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.strip() for p in line.split("\t")) for line in data_lines(name))


@cache
def data_words(name: str) -> frozenset[str]:
    return frozenset(w for line in data_lines(name) for w in line.split())


def alternation(words: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    """A regex alternation, longest first so the longest word wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# Memoised: the same titles, headings and unit names are folded over and over across a corpus,
# and folding detects the script each time (two OpenCC passes).
@lru_cache(maxsize=65536)
def squeeze(text: str) -> str:
    """Fold a metadata string (title, unit) like search_text: NFKC, t→s, no spaces between CJK."""
    return _CJK_SPACE_RE.sub("", fold(text))


@lru_cache(maxsize=65536)
def display_name(name: str) -> str:
    """A name for display: ASCII parentheses back to full width (铁法煤业（集团）…), no spaces."""
    name = squeeze(name)
    return name.replace("(", "（").replace(")", "）")


def is_han(ch: str) -> bool:
    return bool(HAN_RE.fullmatch(ch))


@dataclass(frozen=True)
class Span:
    start: int  # of the inner text
    end: int
    text: str


def quoted(text: str) -> list[Span]:
    """Outermost “…” (and 「…」) spans; inner ‘…’ stay inside. Unbalanced quotes are skipped."""
    out: list[Span] = []
    i, n = 0, len(text)
    while i < n:
        # jump to the next opening quote: every other character is skipped one by one anyway
        m = _OPEN_QUOTE_RE.search(text, i)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        close = OPEN_QUOTES[ch]
        j = text.find(close, i + 1)
        nxt = text.find(ch, i + 1)
        if ch == '"' and j - i > 80:
            i = j + 1  # a long straight-quoted passage (a speech) is a pair, not a name
            continue
        if j < 0 or (0 <= nxt < j) or j - i > 80:
            i += 1
            continue
        out.append(Span(i + 1, j, text[i + 1 : j]))
        i = j + 1
    return out


def book_titles(text: str) -> list[Span]:
    """Outermost 《…》 spans, nesting with 〈〉 allowed (and a stray 》 closing an inner 〈, as in
    《关于印发〈…的意见》的通知》). Inner brackets are normalised to 〈〉 in the returned text."""
    out: list[Span] = []
    i, n = 0, len(text)
    while i < n:
        i = text.find("《", i)
        if i < 0:
            break
        depth, j, buf = 1, i + 1, []
        while j < n and depth > 0 and j - i < 160:
            c = text[j]
            if c in "《〈":
                depth += 1
                buf.append("〈")
            elif c in "》〉":
                depth -= 1
                if depth > 0:
                    buf.append("〉")
            elif c == "\n":
                break
            else:
                buf.append(c)
            j += 1
        if depth == 0:
            out.append(Span(i + 1, j - 1, "".join(buf)))
            i = j
        else:
            i += 1
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of sentences: split after 。！？；and line ends, without the terminator.

    The non-empty runs between terminators, found by one regex scan."""
    return [m.span() for m in _SENTENCE_RE.finditer(text)]


def first_sentence(text: str) -> tuple[int, int] | None:
    """``sentences(text)[0]`` without scanning the rest of the text."""
    m = _SENTENCE_RE.search(text)
    return m.span() if m else None


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    for s, e in sentences(text):
        if s <= pos <= e:
            return s, e
    return 0, len(text)


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def cn_number(s: str) -> int | None:
    """Arabic or simple Chinese numerals (一, 十二, 二十, 一百) → int."""
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if s == "半":
        return None
    total, current = 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "千":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return total + current


NUMERAL = r"[0-9一二两三四五六七八九十百千]+"
