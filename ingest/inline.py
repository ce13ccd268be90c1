"""Headings written inside one long line: pages that lost their line breaks.

Web pages and copied texts often arrive as one line per section, or one line for the whole
document: ``一、政治建设 1.始终把…。2.定期开展…。二、组织建设 3.按照…``. The clause splitter reads
one paragraph per line, so such a line would become one clause that ends with the next section's
heading. `split_inline_headings` breaks the line before each numbering token that starts a new item
— after a sentence end, or after a short heading that a token follows — so that every heading
starts a line of its own. Runs on the display text; nothing is removed.
"""

from __future__ import annotations

import re

_CN = "一二三四五六七八九十"
# Tokens that open an item: 一、 （一） 1. 1、 第一条 一是 (not 1.5 or 3人).
_TOKEN = rf"(?:[{_CN}]{{1,3}}、|[（(][{_CN}]{{1,3}}[)）]|\d{{1,2}}[.．、](?![\d%])|第[{_CN}百\d]{{1,4}}条|[{_CN}]{{1,2}}是(?=[，,：:\u4e00-\u9fff]))"
# A break before a token that follows a sentence end (。；！？) or a closing quote after one.
_AFTER_SENTENCE_RE = re.compile(rf"(?<=[。；;！？!?])[”’\"]?\s*(?={_TOKEN})")
# A short heading (一、政治建设) directly followed by the first item of its section (1.始终…).
_HEADING_THEN_ITEM_RE = re.compile(
    rf"(?P<head>{_TOKEN}[^。；;！？!?，,：:]{{2,24}}?)\s*(?=(?:\d{{1,2}}[.．、](?![\d%])|[（(][{_CN}]{{1,3}}[)）]|[{_CN}]是))"
)
_MIN_LINE = 60  # shorter lines are left alone: they are a paragraph already
# A paragraph may enumerate (当前，…：一是…；二是…。) and stays one clause; a line is treated as lost
# line breaks only when it is very long or holds a section heading (一、 （一） 第X条) after a sentence.
_RUN_ON = 400
_SECTION_AFTER_SENTENCE_RE = re.compile(
    rf"[。；;！？!?][”’\"]?\s*(?:[{_CN}]{{1,3}}、|[（(][{_CN}]{{1,3}}[)）]|第[{_CN}百\d]{{1,4}}条)"
)


def split_inline_headings(line: str) -> list[str]:
    """The line cut before each inline numbering token that starts a new item or heading."""
    if len(line) < _MIN_LINE:
        return [line]
    if (
        len(line) < _RUN_ON
        and not _SECTION_AFTER_SENTENCE_RE.search(line)
        and not _HEADING_THEN_ITEM_RE.match(line)
    ):
        return [line]
    cuts = {m.end() for m in _AFTER_SENTENCE_RE.finditer(line)}
    for m in _HEADING_THEN_ITEM_RE.finditer(line):
        start = m.start()
        if start == 0 or start in cuts or _at_sentence_start(line, start):
            cuts.add(m.end("head"))
    cuts = sorted(c for c in cuts if 0 < c < len(line))
    if not cuts:
        return [line]
    parts, prev = [], 0
    for c in cuts:
        parts.append(line[prev:c].strip())
        prev = c
    parts.append(line[prev:].strip())
    return [p for p in parts if p]


def _at_sentence_start(line: str, i: int) -> bool:
    before = line[:i].rstrip()
    return not before or before[-1] in '。；;！？!?”’"'
