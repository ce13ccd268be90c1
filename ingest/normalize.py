"""Normalisation of decoded text: layout repair (ingest.layout), residue removal, search form.

Readers hand over text with the line structure of the source. This module turns it into the
display text: one paragraph per line, original script, residue (share buttons, distribution lists,
editor and contact lines, print runs, confidentiality marks, web page chrome) moved out into
metadata; and gives the search form of a text (simplified script) for the index.
"""

from __future__ import annotations

import re

from ingest.flathead import unflatten_first_line
from ingest.headfurniture import head_furniture
from ingest.inline import split_inline_headings
from ingest.layout import LINK_BULLET, _ends_sentence, repair_layout
from ingest.lines import (
    _ATTACHMENT_ITEM_RE,
    _ATTACHMENT_RE,
    _BREADCRUMB_RE,
    _CONTACT_START_RE,
    _DIST_LABEL_RE,
    _EDITOR_LABELS,
    _EDITOR_START_RE,
    _HEADER_MARK_RE,
    _LABEL_ITEM_RE,
    _PRINT_RUN_RE,
    _PUBLICITY_RE,
    _RELATED_RE,
    _SCAN_RE,
    _SOURCE_RE,
    _WEB_LABEL_RE,
    _is_marking,
    _is_residue_start,
    _simplified,
    fix_spacing,
    is_date_line,
    numbering,
)
from ingest.webmeta import has_meta_fields, is_meta_line
from ingest.webresidue import (
    is_chrome,
    note_above_meta,
    site_suffix,
    strip_pinyin,
    strip_web_residue,
    toneless_glossed,
)
from policykg.model import Script
from policykg.text import fold

# --- residue -----------------------------------------------------------------------------------------


_HEAD_RELATED = 12  # a list of links this near the top is printed above the page's own headline


def _link_like(line: str) -> bool:
    """A line that may be one more link of a list (a short title), not a meta, date or label line."""
    return (
        6 <= len(line) <= 60  # a writer's name, a column label or a caption word (张三, 编者按) is no link
        and "。" not in line
        and not is_meta_line(line)
        and not is_date_line(line)
        and not has_meta_fields(line)  # 阅览：128 日期：…, 来源：… (a place before a colon heads a headline)
        and not re.search(r"[:：]\s*$", line)  # a label waiting for its value (编者按：)
        and not line.startswith(("—", "--"))  # a ——subtitle line: the line above it is the headline
    )


def _story_within(lines: list[str], i: int, span: int = 4) -> bool:
    """The story begins within the next few lines below line `i` (a headline's byline or date between)."""
    below = [x.strip() for x in lines[i + 1 : i + 1 + span * 2] if x.strip()][:span]
    return any(_story_sentence(x, min_len=20) for x in below)


def _story_sentence(line: str, min_len: int = 40) -> bool:
    """A line of running text: the story begins under the line above it (that line is its headline)."""
    return len(line) > min_len and bool(re.search(r"[。！？]", line))


def _label_items(line: str) -> list[tuple[str, str]]:
    """Split ``责任编辑：杨红 编辑：李晶鑫 联系电话：024…`` into (kind, item) pairs."""
    clean = line.replace("*", "").strip()
    starts = [m for m in _LABEL_ITEM_RE.finditer(clean)]
    if not starts:
        return []
    out = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(clean)
        item = _clean_item(clean[m.start() : end])
        label = m.group(1)
        kind = "editor" if label in _EDITOR_LABELS else "contact"
        out.append((kind, item))
    prefix = clean[: starts[0].start()].strip(" \u3000（(")
    if prefix:
        out.insert(0, (out[0][0], prefix))
    return out


_HAN_GAP_RE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")


def _clean_item(item: str) -> str:
    """One labelled residue item: a name spread out by spaces (刘  洋) closed up, and the closing
    bracket of a line wrapped in brackets (（责任编辑：赵敏）) dropped."""
    item = _HAN_GAP_RE.sub("", item.strip(" \u3000，,;；"))
    for opening, closing in ("（）", "()"):
        if item.endswith(closing) and item.count(closing) > item.count(opening):
            item = item[:-1].rstrip()
    return item


def strip_residue(text: str) -> tuple[str, dict[str, list[str]]]:
    """Remove residue lines from one-paragraph-per-line text; return (text, residue).

    Keys (only present when something was found): ``web`` (share/print/close buttons, font size,
    view counts, related-article lists, ``来源：`` lines at the top of a web page), ``distribution``
    (``报：`` ``送：`` ``发：`` ``抄送：`` lines with their continuation lines), ``editor``
    (``责任编辑：…``), ``contact`` (``联系电话：…``, ``联系人：…``), ``print_run`` (``共印340份``),
    ``above_meta`` (the kept line right above a meta line taken from a page's head — its headline, as
    pages print it; a hint for ingest.webhead, not text), ``marking`` (``内部资料`` ``注意保存`` ``秘密★1年``, the 份号/特急 marks above a red header and
    the ``（此件公开发布）`` note), ``attachment`` (the 附件说明 ``附件：1.XX`` and its item lines).
    Only whole lines that *are* residue are
    removed (anchored at the line start); a sentence that mentions these words stays. A print run
    at the end of an 印发 line is cut off that line.
    """
    lines = text.split("\n")
    residue: dict[str, list[str]] = {}
    keep: list[str] = []

    def add(key: str, item: str) -> None:
        item = item.strip()
        if item:
            residue.setdefault(key, []).append(item)

    n = len(lines)
    in_related = bulleted_links = False
    in_distribution = False
    in_attachment = False
    head_lines = 0  # text lines kept so far, furniture not counted
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            keep.append(raw)
            continue
        s = _simplified(line).replace("*", "").strip()
        # the head is counted in the text lines kept so far: a banner or menu above the page and the
        # blank lines between do not push its headline and meta lines out of it
        in_head = head_lines < 8
        near_edge = in_head or i >= n - 15
        if in_related and line.startswith(LINK_BULLET):
            add("web", line)  # a bulleted link (the layout kept the bullets of a related list)
            bulleted_links = True
            continue
        if in_related and bulleted_links:
            in_related = False  # the first line without a bullet after bulleted links: the headline
        if in_related:
            # The list after 相关文章: short link titles — up to a headline over its meta line or over
            # the story's first sentence (a list of links printed above the page's own story)
            nxt = next((x for x in lines[i + 1 : i + 3] if x.strip()), "").strip()
            if (
                len(s) <= 60
                and not s.endswith("。")
                and not is_meta_line(nxt)
                and not _story_sentence(nxt)
                and not (i < _HEAD_RELATED and nxt and not _link_like(nxt) and _story_within(lines, i))
            ):
                add("web", line)
                continue
            in_related = False
        if in_attachment:
            in_attachment = bool(_ATTACHMENT_ITEM_RE.match(s)) and len(s) <= 60 and "。" not in s
            if in_attachment:
                add("attachment", line)
                continue
        if _ATTACHMENT_RE.match(s) and len(s) <= 100 and "。" not in s[:-1]:
            add("attachment", line)
            # ``附件：1.XX`` announces a numbered list of attachments on the following lines
            in_attachment = bool(_ATTACHMENT_ITEM_RE.match(re.sub(r"^附\s*件\s*[:：]\s*", "", s)))
            continue
        if (i < 8 and _HEADER_MARK_RE.match(s)) or (len(s) <= 24 and _PUBLICITY_RE.match(s)):
            add("marking", line)
            continue
        if in_distribution:
            if (
                len(s) <= 300
                and numbering(s) is None
                and not _is_residue_start(line)
                and not is_date_line(s)
                and s.count("。") <= 1
                and not re.search(r"[。！？]\S", s)
                and not re.search(r"印发|印\s*$|[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月", s)
            ):
                residue["distribution"][-1] += line
                in_distribution = not _ends_sentence(s) or s[-1] in "；;，,、"
                continue
            in_distribution = False
        if _DIST_LABEL_RE.match(s) and len(s) <= 400:
            add("distribution", line)
            in_distribution = s[-1] in "；;，,、" or not _ends_sentence(s)
            continue
        if (_EDITOR_START_RE.match(s) or _CONTACT_START_RE.match(s)) and len(s) <= 160:
            items = _label_items(line)
            for kind, item in items or [("editor" if _EDITOR_START_RE.match(s) else "contact", line)]:
                add(kind, item)
            continue
        if _PRINT_RUN_RE.match(s):
            add("print_run", line)
            continue
        m = _PRINT_RUN_RE.search(s)
        if m and re.search(r"印发|印\s*$|[0-9０-９]日", s[: m.start()]) and len(s) <= 80:
            # 中共…办公室  2018年2月26日印发（共印340份）: keep the 印发 part
            tail = re.search(r"[（(]?\s*共印\s*\S+\s*份\s*[）)]?\s*$", line)
            if tail:
                add("print_run", tail.group(0))
                line = line[: tail.start()].rstrip()
                keep.append(line)
                continue
        if _is_marking(line):
            add("marking", line)
            continue
        if _RELATED_RE.match(s):
            add("web", line)
            in_related, bulleted_links = True, False
            continue
        if (len(s) <= 100 and (_WEB_LABEL_RE.match(s) or _BREADCRUMB_RE.match(s))) or (
            len(s) <= 24 and _SCAN_RE.match(s)
        ):
            add("web", line)
            if in_head:
                note_above_meta(residue, keep, line)
            continue
        if near_edge and len(s) <= 80 and _SOURCE_RE.match(s) and "。" not in s:
            add("web", line)
            if in_head:
                note_above_meta(residue, keep, line)
            continue
        keep.append(raw)
        if in_head and not is_chrome(line):
            head_lines += 1
    out = "\n".join(x for x in keep if x.strip())
    return out, residue


# a clock time written with a full-width colon (10：20) is the same time as 10:20, which every date and
# time-stamp rule reads
_CLOCK_COLON_RE = re.compile(r"(?<=\b\d{2})：(?=\d{2}\b)|(?<=\s\d)：(?=\d{2}\b)")


def normalize_document_text(text: str, *, line_breaks: str = "layout") -> tuple[str, dict[str, list[str]]]:
    """The display text of a document (original script) and the residue taken out of it."""
    # pinyin readings go first: a glossed headline (关（guān）于…) must read as a headline to the layout
    # repair, which decides what is a line of its own
    lines, readings, sites = [], [], []
    toneless = toneless_glossed(text)
    for k, line in enumerate(text.split("\n")):
        bare, found = strip_pinyin(_CLOCK_COLON_RE.sub(":", line), toneless)
        site = site_suffix(bare) if k < 12 else None
        if site:  # before the spacing repair joins the site's names to the headline
            bare, name = site
            sites.append(name)
        lines.append(bare)
        readings.extend(found)
    repaired = repair_layout(
        "\n".join(unflatten_first_line(lines, furniture=lambda x: head_furniture(fix_spacing(x)))),
        line_breaks=line_breaks,
    )
    cleaned, residue = strip_residue(repaired)
    if readings:
        residue.setdefault("pinyin", []).append("".join(readings))
    if sites:
        residue.setdefault("navigation", []).extend(sites)
    cleaned, web = strip_web_residue(cleaned)
    cleaned = "\n".join(part for line in cleaned.split("\n") for part in split_inline_headings(line))
    for kind, items in web.items():
        residue.setdefault(kind, []).extend(items)
    lines = [line.rstrip() for line in cleaned.split("\n")]
    return "\n".join(line for line in lines if line.strip()).strip(), residue


def search_form(text: str, script: Script | None) -> str:
    """The search form of display text: NFKC, traditional→simplified only for traditional text."""
    return fold(text, script)
