"""The title a document is shown with when its text gave none: the page's own title or h1, a headline
run on into the first sentence, a file name that says something, else the opening words of the text;
and the type that title names."""

from __future__ import annotations

import re
from typing import Any

from ingest import doctypes, headlineclean, metadata, webtype
from ingest.creditline import writer_alone
from ingest.headfurniture import head_furniture
from ingest.metadata import Metadata
from ingest.webresidue import is_chrome
from policykg.model import Script
from policykg.text import fold


def fallback_title(meta: dict[str, Any], source: str, text: str, display: str) -> str:
    """The title to fall back on: the page's own (``title``, ``h1``), else one read from its text."""
    return (
        meta.get("title")
        or meta.get("h1")
        or headline_before_lead(text, display)
        or readable_stem(source, display)
    )


def shown_fallback(fallback_title: str) -> str:
    """The title a document is shown with when its text gave none: the fallback, cleaned."""
    return headlineclean.clean_headline(metadata.clean_title(fallback_title)) or fallback_title


# a headline (no sentence marks) and, after one space, the story's first sentence run on in the same line
_HEADLINE_THEN_LEAD_RE = re.compile(
    r"^(?P<headline>[^，,。；;：:\s]{6,30})[ \u3000](?=\S{12,})(?=[^ \u3000]*[，,。])"
)


def headline_before_lead(text: str, display: str) -> str | None:
    """The headline of a page whose first line runs on, after one space, into the story's first sentence
    (某某活跃在某地 在某镇有一个…。): read from the raw text, since normalising joins Han characters across
    the space."""
    first = _first_text_line(text)
    glued = _HEADLINE_THEN_LEAD_RE.match(first)
    if glued is None or not _first_text_line(display).startswith(glued["headline"]):
        return None
    if _open_quote(glued["headline"]):  # 开展“情暖夕阳 喜乐元宵”活动: the space is inside a quotation
        return None
    return glued["headline"]


def _open_quote(text: str) -> bool:
    """Whether a quotation or a book title opened in the text is still open at its end."""
    return any(text.count(a) > text.count(b) for a, b in _PAIRED_MARKS)


_PAIRED_MARKS = (("“", "”"), ("《", "》"), ("「", "」"), ("（", "）"), ("(", ")"))


def _first_text_line(text: str) -> str:
    """The first line that is not the page's furniture (a breadcrumb or a banner printed above it)."""
    lines = [x.strip() for x in text.split("\n") if x.strip()]
    return next(
        (x for x in lines[:8] if not head_furniture(x) and not is_chrome(x)), lines[0] if lines else ""
    )


_HEADLINE_SENTENCE_RE = re.compile(r"^(?![0-9０-９])[^，,；;：:。！？]{8,64}。$")
_WHOLE_LINE = 64  # the longest first line shown whole; the opening words of a longer one end in …
_SENTENCE_END_RE = re.compile(r"[。！？；;]$")


def readable_stem(source: str, display: str) -> str:
    """The file name when it says something (Han characters), else the opening words of the text:
    a page saved as ``p001.txt`` with no headline is shown by what it says, not by its file name."""
    stem = file_stem(source)
    if any("\u4e00" <= ch <= "\u9fff" for ch in stem):
        return stem
    # the first line that is not the page's furniture (a 发表于：… /阅读：… line above the text)
    lines = [x.strip() for x in display.strip().split("\n") if x.strip()]
    # (with Han characters: a line in another script, a language switch, names nothing on a Chinese page)
    first = next(
        (
            x
            for x in lines[:6]
            if (not head_furniture(x) or re.search(r"[。！？]", x))
            and metadata.has_han(x)
            and not writer_alone(x)  # 冯 伟 above the text: its writer
        ),
        lines[0] if lines else "",
    )
    opening = first.split("。", 1)[0].strip()
    if _HEADLINE_SENTENCE_RE.match(first.strip()) and _restated(opening, display):
        return opening  # 某街道组织开展某活动。 over a lead that tells it again: a headline with a full stop
    if opening == first.strip() and len(opening) <= _WHOLE_LINE and not _SENTENCE_END_RE.search(opening):
        return opening  # a line that is no sentence (a long headline the head did not take): whole
    return (opening[:30] + "…") if len(opening) > 30 else (opening or stem)


_RESTATED_RUN = 10  # characters of a headline the lead repeats word for word


def _restated(headline: str, display: str) -> bool:
    """Whether the text after the headline's own line repeats a run of it (…开展某某主题活动)."""
    at = display.find(headline)
    rest = display[at + len(headline) + 1 : at + len(headline) + 400] if at >= 0 else ""
    return any(headline[i : i + _RESTATED_RUN] in rest for i in range(len(headline) - _RESTATED_RUN + 1))


def file_stem(source: str) -> str:
    name = source.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


_SENTENCE_MARK_RE = re.compile(r"[，,。；;：:、“”《》…]")


def type_from_fallback_title(md: Metadata, fallback_title: str, script: Script) -> None:
    """A page whose head gave no title is typed by the title it will be shown with, when that names a
    type (a first heading 1、离退休干部党建工作调研报告 → 调研报告) and only the untyped-prose model
    (ingest.webtype) had typed the text."""
    if md.doc_type is not None and md.doc_type not in webtype.KINDS:
        return
    shown = shown_fallback(fallback_title)
    if not shown or _SENTENCE_MARK_RE.search(shown):
        return  # the page's first sentence shown as its title (近日，…印发《…倡议书》…) names no type
    named = doctypes.type_from_title(fold(shown, script))
    if named is not None:
        md.doc_type = named
