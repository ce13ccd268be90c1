"""Word's automatic list numbering, rendered into the text of a .docx (一、 （一） 1. are not in w:t).

``Numbering`` reads numbering.xml and styles.xml and gives each numbered paragraph its label,
counting per list instance as Word does; ``format_number`` renders a counter in a ``w:numFmt``
style (Chinese counting, circled digits, letters, roman numerals …).

Separate from ``ingest.readers.docx`` because it is a job of its own with its own hazards: every
count comes from the file (w:start, w:startOverride, w:lvlText) and is bounded here
(``bounded_int``, ``MAX_LIST_NUMBER``, ``MAX_LABEL_CHARS``) so a hostile file cannot make a label
huge; the body reader only asks for a paragraph's label.
"""

from __future__ import annotations

import re
from typing import Any

from ingest.readers.wordml import _NS, _q

# A list counter is a number the file chooses (w:start, w:startOverride) and the label is built
# from it: 10**10 in upperRoman is ten million "M"s per paragraph. Word itself accepts starts up
# to 32767; beyond that (and for levels beyond Word's nine) the file is not an honest document.
MAX_LIST_NUMBER = 32_767
MAX_LEVEL = 8
# Letters repeat past Z (AA, AAA …): Word stops at 780 (30 repeats); a label longer than this is
# never a heading number, so it is dropped rather than put into the text.
MAX_LETTER_NUMBER = 780
MAX_LABEL_CHARS = 32

_CN_DIGITS = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (the counting style of 一、 headings)."""
    if n <= 0:
        return str(n)
    if n >= 10000:
        return str(n)
    out = ""
    units = ((1000, "千"), (100, "百"), (10, "十"))
    zero = False
    for value, unit in units:
        digit, n = divmod(n, value)
        if digit:
            if zero:
                out += "零"
                zero = False
            out += ("" if value == 10 and digit == 1 and not out else _CN_DIGITS[digit]) + unit
        elif out:
            zero = True
    if n:
        out += ("零" if zero else "") + _CN_DIGITS[n]
    return out


def bounded_int(value: str | None, default: int, low: int, high: int) -> int:
    """An integer attribute of the file, clamped to [low, high]; `default` when not a number.

    Every count the reader expands comes through here, so no attribute can make it build a
    label (or a counter table) larger than the bounds say.
    """
    text = (value or "").strip()
    negative = text.startswith("-")
    digits = text.lstrip("+-")
    if not (digits.isascii() and digits.isdigit()):
        return default
    if len(digits) > 12:  # never convert a thousand-digit string (and it is out of bounds anyway)
        return low if negative else high
    number = -int(digits) if negative else int(digits)
    return min(max(number, low), high)


def format_number(n: int, fmt: str) -> str | None:
    """A list counter in a w:numFmt style; None for bullets and "none".

    Formats that grow with the number (roman numerals, repeated letters) fall back to decimal
    past their natural range, so a label stays a few characters whatever the counter is.
    """
    if fmt in ("bullet", "none"):
        return None
    n = min(max(n, 0), MAX_LIST_NUMBER)
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographDigital", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "chineseLegalSimplified"):  # fmt: skip
        return chinese_number(n)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= 12:
        return _DIZHI[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter") and 1 <= n <= MAX_LETTER_NUMBER:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 1 <= n <= 3999:
        out = ""
        for value, numeral in _ROMAN:
            while n >= value:
                out += numeral
                n -= value
        return out if fmt == "upperRoman" else out.lower()
    return str(n)


class Numbering:
    """Word's automatic list numbering, rendered into the text (一、 （一） 1. are not in w:t).

    Counters are kept per list instance (``w:num``), as Word does: a "restart numbering" is a
    new instance. Numbering from a paragraph style (heading styles) is followed too.
    """

    def __init__(self, numbering_xml: Any = None, styles_xml: Any = None) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int, str]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_numpr: dict[str, tuple[str | None, int | None]] = {}
        self.style_based: dict[str, str] = {}
        if numbering_xml is not None:
            self._load_numbering(numbering_xml)
        if styles_xml is not None:
            self._load_styles(styles_xml)

    def _load_numbering(self, root: Any) -> None:
        abstract: dict[str, dict[int, tuple[str, str, int, str]]] = {}
        for an in root.iterchildren(_q("abstractNum")):
            levels = {}
            for lvl in an.iterchildren(_q("lvl")):
                ilvl = bounded_int(lvl.get(_q("ilvl")), 0, 0, MAX_LEVEL)
                fmt = lvl.find("w:numFmt", _NS)
                text = lvl.find("w:lvlText", _NS)
                start = lvl.find("w:start", _NS)
                suff = lvl.find("w:suff", _NS)
                levels[ilvl] = (
                    fmt.get(_q("val"), "decimal") if fmt is not None else "decimal",
                    text.get(_q("val"), "") if text is not None else "",
                    _start(start),
                    suff.get(_q("val"), "tab") if suff is not None else "tab",
                )
            abstract[an.get(_q("abstractNumId"), "")] = levels
        for num in root.iterchildren(_q("num")):
            num_id = num.get(_q("numId"), "")
            ref = num.find("w:abstractNumId", _NS)
            levels = dict(abstract.get(ref.get(_q("val"), "") if ref is not None else "", {}))
            for override in num.iterchildren(_q("lvlOverride")):
                ilvl = bounded_int(override.get(_q("ilvl")), 0, 0, MAX_LEVEL)
                start = override.find("w:startOverride", _NS)
                if start is not None and ilvl in levels:
                    fmt, text, _, suff = levels[ilvl]
                    levels[ilvl] = (fmt, text, _start(start), suff)
            for ilvl, level in levels.items():
                self.levels[(num_id, ilvl)] = level

    def _load_styles(self, root: Any) -> None:
        for style in root.iterchildren(_q("style")):
            style_id = style.get(_q("styleId"), "")
            based = style.find("w:basedOn", _NS)
            if based is not None:
                self.style_based[style_id] = based.get(_q("val"), "")
            numpr = style.find("w:pPr/w:numPr", _NS)
            if numpr is not None:
                self.style_numpr[style_id] = _numpr_values(numpr)

    def _numpr(self, p: Any) -> tuple[str, int] | None:
        num_id: str | None = None
        ilvl: int | None = None
        numpr = p.find("w:pPr/w:numPr", _NS)
        if numpr is not None:
            num_id, ilvl = _numpr_values(numpr)
        style = p.find("w:pPr/w:pStyle", _NS)
        style_id = style.get(_q("val"), "") if style is not None else ""
        seen: set[str] = set()
        while (num_id is None or ilvl is None) and style_id and style_id not in seen:
            seen.add(style_id)
            s_num, s_lvl = self.style_numpr.get(style_id, (None, None))
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_lvl
            style_id = self.style_based.get(style_id, "")
        if num_id is None or num_id == "0":
            return None
        return num_id, ilvl or 0

    def label(self, p: Any) -> tuple[str, str] | None:
        """(label, suffix kind) for paragraph `p`, advancing the counters; None when unnumbered."""
        found = self._numpr(p)
        if found is None:
            return None
        num_id, ilvl = found
        level = self.levels.get((num_id, ilvl))
        if level is None:
            return None
        fmt, text, start, suff = level
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = min(counters.get(ilvl, start - 1) + 1, MAX_LIST_NUMBER)
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def value(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            lvl = self.levels.get((num_id, k))
            n = counters.get(k, lvl[2] if lvl else 1)
            rendered = format_number(n, lvl[0] if lvl else "decimal")
            return rendered or ""

        if format_number(counters[ilvl], fmt) is None:
            return None
        # lvlText is the file's too: "%1" repeated a thousand times would repeat the label.
        rendered = re.sub(r"%([1-9])", value, text[:MAX_LABEL_CHARS])
        if not rendered.strip() or len(rendered) > MAX_LABEL_CHARS:
            return None
        return rendered, suff


def _start(el: Any) -> int:
    return bounded_int(el.get(_q("val")) if el is not None else None, 1, 0, MAX_LIST_NUMBER)


def _numpr_values(numpr: Any) -> tuple[str | None, int | None]:
    num = numpr.find("w:numId", _NS)
    lvl = numpr.find("w:ilvl", _NS)
    return (
        num.get(_q("val")) if num is not None else None,
        bounded_int(lvl.get(_q("val")), 0, 0, MAX_LEVEL) if lvl is not None else None,
    )
