"""The head of a speech: title lines, optional ——subtitle, (date) line, speaker line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.dates import speech_date
from ingest.metadata import (
    _HAN,
    _NOT_ORG_RE,
    _SPACES,
    _SPEAKER_RE,
    Line,
    clean_title,
    title_like,
)


@dataclass
class SpeechHead:
    """The head of a speech: title lines, optional ——subtitle, (date) line, speaker line."""

    first: int  # index of the first title line
    last: int  # index of the last head line (speaker or 同志们：)
    title: str
    date: str | None
    speaker: str | None
    office: str | None = None


_SUBTITLE_RE = re.compile(r"^[—－\-]{1,2}\s*")
_SALUTATION_RE = re.compile(
    r"^(?:同志们|各位(?:领导|同志|老领导|老同志|来宾)|女士们|老同志们)[^。]{0,20}[：:]$"
)


def _speaker(line: str) -> str | None:
    """A speaker line: 2–4 Han characters, possibly spaced (刘 文 生), optionally 同志."""
    s = re.sub(f"[{_SPACES}]+", "", line).removesuffix("同志")
    if _SPEAKER_RE.match(s) and not _NOT_ORG_RE.search(s):
        return s
    return None


_OFFICE_NAME_RE = re.compile(
    rf"^(?P<office>[^\s。，；：]{{2,40}}?(?:长|书记|主任|委员|主席|巡视员|调研员|组长|秘书|干事|成员))"
    rf"\s+(?P<name>[{_HAN}](?:\s*[{_HAN}]){{1,3}})$"
)


def speaker_with_office(line: str) -> tuple[str, str | None] | None:
    """(name, office) for ``刘 文 生`` or ``省委老干部局局长 王 某``; None when the line is neither."""
    name = _speaker(line)
    if name:
        return name, None
    m = _OFFICE_NAME_RE.match(line.strip())
    if m and _speaker(m["name"]):
        return _speaker(m["name"]) or "", m["office"]
    return None


def speech_head_at(lines: list[Line], d: int, floor: int = 0) -> SpeechHead | None:
    """The speech head around the date line `d` ((2020年7月13日)), or None when `d` is not one.

    The title block is 1–4 short lines above the date (a main title and/or a ——subtitle wrapped
    over lines); the speaker is the line right after the date (or right before it).
    """
    date = speech_date(lines[d].text)
    if not date:
        return None
    speaker = office = None
    last = d
    top = d - 1
    if d + 1 < len(lines) and speaker_with_office(lines[d + 1].text):
        (speaker, office), last = speaker_with_office(lines[d + 1].text), d + 1  # type: ignore[misc]
    elif top >= floor and speaker_with_office(lines[top].text):
        (speaker, office), top = speaker_with_office(lines[top].text), top - 1  # type: ignore[misc]
    if last + 1 < len(lines) and _SALUTATION_RE.match(lines[last + 1].text):
        last += 1
    block: list[int] = []
    k = top
    while k >= floor and len(block) < 4 and title_like(lines[k].text, 60):
        block.insert(0, k)
        if _SUBTITLE_RE.match(lines[k].text) and k - 1 >= floor and title_like(lines[k - 1].text, 60):
            # the main title sits right above the subtitle: take it (1 line) and stop
            block.insert(0, k - 1)
            break
        if re.match(r"^在.{2,}", lines[k].text) and not any(_SUBTITLE_RE.match(lines[b].text) for b in block):
            break  # ``在…上的讲话`` title: its first line starts with 在
        k -= 1
    if not block:
        return None
    texts = [lines[b].text for b in block]
    sub_at = next((n for n, t in enumerate(texts) if _SUBTITLE_RE.match(t)), None)
    if sub_at is None:
        title = clean_title(" ".join(texts))
    else:
        main = clean_title(" ".join(texts[:sub_at]))
        sub = clean_title(_SUBTITLE_RE.sub("", " ".join(texts[sub_at:])))
        title = f"{main}——{sub}" if main else sub
    return SpeechHead(block[0], last, title, date, speaker, office)


def find_speech_heads(lines: list[Line], floor: int = 0) -> list[SpeechHead]:
    heads = []
    for d in range(floor, len(lines)):
        head = speech_head_at(lines, d, floor)
        if head is not None:
            heads.append(head)
    return heads
