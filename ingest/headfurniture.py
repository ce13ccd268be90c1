"""What a page prints above and around its headline that never joins the text: a labelled date line,
a bare date or time stamp line, a meta line, chrome (ingest.layout keeps them apart; ingest.normalize
steps over them to find a flattened head)."""

from __future__ import annotations

import re

from ingest.lines import _simplified
from ingest.webhead import is_meta_line, parse_meta
from ingest.webmeta import _DATE_ONLY_RE, _DATE_THEN_MEDIUM_RE
from ingest.webresidue import is_chrome

# a day and a clock time: a page's time stamp, never the start of a paragraph's text
_STAMP_RE = re.compile(
    r"(?<!\d)(?:(?:19|20)\d{2}|\d{2})(?:[-/.]\d{1,2}[-/.]\d{1,2}|\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*\d{1,2}[:：]\d{2}(?!\d)"
)


def stamp_line(line: str) -> bool:
    """A short line carrying a page's time stamp and no sentence (2024-12-24 09:03:47 | 某某网), or
    its day and the medium that put it up (2024-07-09 某某新闻网)."""
    if _DATE_THEN_MEDIUM_RE.match(_simplified(line)):
        return True
    return len(line) <= 60 and bool(_STAMP_RE.search(line)) and not re.search(r"[。，,；]", line)


def dated_meta(line: str) -> bool:
    """A short line carrying a labelled date (次 发布日期：2012-12-20): the head's, never joined to the text."""
    return len(line) <= 80 and any(kind == "date" and value for kind, value in parse_meta(line)[1])


def head_furniture(line: str) -> bool:
    """A line a page prints above its headline: a bare date or time stamp (2024-12-24 09:03:47 | 某某网),
    a meta line, a breadcrumb or menu."""
    return len(line) <= 60 and (
        bool(_DATE_ONLY_RE.match(_simplified(line)))
        or stamp_line(line)
        or is_meta_line(line)
        or is_chrome(line)
    )
