"""Document numbers (文号): 辽老通字〔2020〕4号 in any bracket or width, normalised, found in running
text or read from a number line. Pure functions of text."""

from __future__ import annotations

import re

from ingest.dates import DIGITS

_HAN = "\u4e00-\u9fff\u3400-\u4dbf"
_SPACES = " \t\u3000\u00a0"
_OPEN_BR = "〔[【(（［"
_CLOSE_BR = "〕]】)）］"
_MASK_CHARS = "*＊×Ｘ"  # a masked character of a published number (某*发)

_DOC_NO_RE = re.compile(
    rf"(?P<prefix>[{_HAN}{re.escape(_MASK_CHARS)}]{{0,16}})\s*[{re.escape(_OPEN_BR)}]\s*"
    rf"(?P<year>(?:19|20)\d{{2}})\s*[{re.escape(_CLOSE_BR)}]\s*第?\s*(?P<num>\d{{1,5}})\s*[号號]"
)
# The bracketed year every number has (`_DOC_NO_RE` cannot skip ahead to it), in either width.
_DOC_NO_YEAR_RE = re.compile(rf"[{re.escape(_OPEN_BR)}]\s*[12１２][90９０]\d{{2}}")
# Words that precede a document number in running text but are not part of its prefix.
_DOC_NO_LEAD_RE = re.compile(
    r"^(?:认真|深入|全面|进一步|切实|结合|详见|参见|参照|见于|并|和|及|与|同|或|即|见|按|依|据|照|贯彻落实|贯彻执行|贯彻|落实|执行|"
    r"根据|按照|依据|依照|参照|对照|遵照|印发|转发|下发|发布|学习|文件|精神|要求|规定|通知|的|了|为|是|在)+"
)
_DOC_NO_MAX_PREFIX = 10


def _trim_prefix(prefix: str) -> str:
    prefix = _DOC_NO_LEAD_RE.sub("", prefix)
    return prefix[-_DOC_NO_MAX_PREFIX:]


def normalize_doc_no(s: str) -> str:
    """Normalise a document number: 辽老通字[2020]4 号 → 辽老通字〔2020〕4号.

    Any of 〔〕 [] 【】 () （） ［］ around the year and any white space are accepted; the output
    always uses 〔〕 and no spaces. A string that is not a document number is returned without
    white space.
    """
    m = _DOC_NO_RE.search(s.translate(DIGITS))
    if not m:
        return re.sub(f"[{_SPACES}]+", "", s.strip())
    return f"{_trim_prefix(m['prefix'])}〔{m['year']}〕{int(m['num'])}号"


def find_doc_numbers(text: str) -> list[tuple[int, int, str]]:
    """Document numbers cited in `text` as (start, end, normalised); start skips lead words (落实中办发… → 中办发)."""
    out: list[tuple[int, int, str]] = []
    if not _DOC_NO_YEAR_RE.search(text):
        return out  # every number has its year in brackets; the full scan is slow on long text
    for m in _DOC_NO_RE.finditer(text.translate(DIGITS)):
        prefix = _trim_prefix(m["prefix"])
        start = m.end("prefix") - len(prefix)
        if not prefix:  # no prefix: the number starts at its bracket
            start = (
                m.end("prefix")
                + len(text[m.end("prefix") : m.end()])
                - len(text[m.end("prefix") : m.end()].lstrip())
            )
        out.append((start, m.end(), f"{prefix}〔{m['year']}〕{int(m['num'])}号"))
    return out


def doc_no_line(line: str) -> str | None:
    """The normalised number when the line is a number line (optionally with 签发人：…)."""
    s = re.sub(r"签\s*发\s*人\s*[：:].*$", "", line).strip().translate(DIGITS)
    m = _DOC_NO_RE.fullmatch(s)
    if not m:
        return None
    return normalize_doc_no(s)
