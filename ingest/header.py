"""The head and foot of an official document (GB/T 9704): red header ``…文件``, the title block
(wrapped over lines, with a ——subtitle, an issuer glued in front, a transmitting notice around it), the
``（…会议审议通过）`` note, and the signatures (units and dates) closing the text. Pure functions over the
lines of the normalised text (`ingest.metadata.Line`), used by the profile steps of ingest.profiles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import doctypes
from ingest.dates import ANY_DATE, find_dates, parse_date, standalone_date
from ingest.docnumbers import doc_no_line
from ingest.headline import ENUM_MARK_RE, event_under_its_holder, lead_then_headline
from ingest.lines import numbering
from ingest.metadata import (
    ACT_START_RE,
    DANGLING_END_RE,
    TITLE_PREFIX_RE,
    Line,
    clean_title,
    split_orgs,
    title_like,
)
from policykg.text import to_simplified

# ``（2023年6月8日中共XX局局务会议审议通过）`` under the title of a regulation: its date and the body
# that adopted it.
_ADOPTED_RE = re.compile(
    rf"^[（(]\s*(?P<date>{ANY_DATE})\s*(?P<body>.*?)\s*(?:审议|讨论)?(?:通过|批准|修订)\s*[)）]$"
)


_MEETING_RE = re.compile(
    r"^(?P<org>.+?)(?:第[\d一二三四五六七八九十百]+次)?"
    r"(?:[局部委厅处院校署室]务|常务|党组|全体|主任|办公|常委|委员)?(?:会议|会)$"
)


# A note in brackets right under a title is part of it: （2022—2024年） （试行） （征求意见稿）.
_TITLE_NOTE_RE = re.compile(r"^[（(][^（）()]{1,18}[)）]$")
# an editor's note printed above the headline (编者按：近年来，…): text of the page, not its title
EDITOR_NOTE_RE = re.compile(r"^[【\[]?(?:编者按|編者按|编者的话|編者的話)[】\]]?\s*[:：]?")


_WRAPPER_RE = re.compile(
    r"^关于(?:印发|转发|下发|发布|颁发|颁布|批转|修订印发|重新印发)(?P<inner>.+)的(?:通知|通告|决定|函)$"
)


_RED_HEADER_RE = re.compile(r"^(?P<orgs>.{2,60}?)\s*文\s*件$")


_TITLE_PREFIX_RE = TITLE_PREFIX_RE  # (the shared pattern, under this module's name)


ADDRESSEE_RE = re.compile(r"[：:]$")


def adopted_line(line: str) -> tuple[str, list[str]] | None:
    """(ISO date, adopting units) of ``（2023年6月8日中共XX局局务会议审议通过）``; None otherwise."""
    m = _ADOPTED_RE.match(line.strip())
    date = parse_date(m["date"]) if m else None
    if not m or not date:
        return None
    meeting = _MEETING_RE.match(m["body"].strip())
    orgs = split_orgs(meeting["org"]) if meeting else None
    return date, orgs or []


def red_header_issuers(line: str) -> list[str] | None:
    """Issuers named by a red-header line ``中共辽宁省委老干部局文件`` (several units for a joint document)."""
    m = _RED_HEADER_RE.match(line.strip())
    if not m:
        return None
    return split_orgs(m["orgs"])


def split_title_prefix(title: str) -> tuple[str | None, str]:
    """``中共福州市委离退休干部工作委员会 关于推进…的通知`` → (issuer, ``关于推进…的通知``)."""
    m = _TITLE_PREFIX_RE.match(title.strip())
    if m:
        orgs = split_orgs(m["org"].strip())
        if orgs:
            return "、".join(orgs), m["title"].strip()
    return None, title


def unwrap_title(title: str) -> str | None:
    """The transmitted document's title of a notice ``关于印发《…》的通知`` (innermost 《》/〈〉), else None."""
    m = _WRAPPER_RE.match(title)
    if not m:
        return None
    inner = m["inner"].strip()
    if not (inner.startswith("《") and inner.endswith("》")):
        # 关于印发XX工作方案的通知: without 《》 the inner title must end like a document itself
        # (关于发布考核结果的通知 transmits no document)
        return inner if doctypes.type_from_title(inner) and "《" not in inner else None
    # The first complete 《…》 (a notice may transmit several documents; the first names the main one).
    depth = 0
    for i, ch in enumerate(inner):
        depth += ch == "《"
        depth -= ch == "》"
        if depth == 0:
            inner = inner[1:i]
            break
    inner = inner.strip()
    inner = inner.replace("〈", "《").replace("〉", "》")
    # a transmitted notice (转发《XX局关于印发〈Y〉的通知》): Y is the document that matters
    nested = unwrap_title(split_title_prefix(inner)[1])
    return nested or inner


def _balanced(s: str) -> bool:
    return all(s.count(a) == s.count(b) for a, b in ("《》", "“”", "（）", "()", "〈〉"))


def _join_title_lines(lines: list[Line], i: int, max_lines: int = 3) -> int:
    """Number of lines from `i` that form one (wrapped) title.

    A title continues onto the next line when the brackets/quotes are still open, or when the next
    line(s) complete it with a document-type suffix (…离退休干部⏎党建工作机制的通知).
    """
    first = lines[i].text
    if doctypes.type_from_title(clean_title(first)) and _balanced(first):
        return 1
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    if nxt.startswith(("——", "—")) and "——" not in first and title_like(nxt.lstrip("—"), 60):
        return 2  # a headline and its ——subtitle
    if (
        ACT_START_RE.match(to_simplified(nxt))
        and title_like(nxt, 40)
        and not re.search(r"[，,。；]", nxt + first)
    ):
        return 2  # 某医院某部长一行二人⏎前来某处进行工作交流: a news headline broken before its verb
    if DANGLING_END_RE.search(to_simplified(first)) and i + 1 < len(lines):  # 強調 too
        nxt = lines[i + 1].text
        if title_like(nxt, 40) and not split_orgs(nxt) and not ADDRESSEE_RE.search(nxt):
            return 2
    if lead_then_headline(first.strip(), nxt.strip()):
        return 2  # 青松县老年大学：⏎课程新颖 学员争当“弄潮儿”: a headline broken after its lead's colon
    if event_under_its_holder(first.strip(), nxt.strip()):
        return 2
    joined = first
    for n in range(1, max_lines):
        if i + n >= len(lines):
            break
        nxt = lines[i + n].text
        if not title_like(nxt, 40) or split_orgs(nxt) or ADDRESSEE_RE.search(nxt):
            break
        candidate = joined + nxt
        if not _balanced(joined):
            joined = candidate
            if _balanced(joined):
                return n + 1
            continue
        if doctypes.type_from_title(clean_title(candidate)):
            return n + 1
        # look one more line ahead: a three-line title only counts when it ends with a type suffix
        joined = candidate
    return 1


@dataclass
class _Header:
    issuers: list[str] = field(default_factory=list)
    doc_no: str | None = None
    title: str | None = None
    title_lines: list[Line] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    after_title: int = 0  # index of the first line after the title block


HEADER_NOISE_RE = re.compile(
    r"^(?:内部资料|注意保存|内部资料\s*注意保存|特急|加急|急件|平急|秘密|机密|绝密|(?:机密|秘密)★.*|\d{6}|"
    r"签\s*发\s*人\s*[：:].*|[（(]?此件.*公开.*[)）]?)$"
)


_OUTLINE_HEAD_RE = re.compile(r"^[一二三四五六七八九十]+、\S{2,20}$")


def _past_outline(lines: list[Line], i: int) -> int:
    """A template site's outline of the sections (一、…⏎二、…⏎三、…) printed above the title: the title is
    the first unnumbered title line under it; the outline stays text."""
    j = i
    while j < len(lines) and _OUTLINE_HEAD_RE.match(lines[j].text.strip()):
        j += 1
    if j - i >= 2 and j < len(lines) and title_like(lines[j].text, 120) and not numbering(lines[j].text):
        return j
    return i


def _past_page_title(lines: list[Line], i: int, h: _Header) -> int:
    """A page's own title bar, cut short, printed above the document's full title (某部关于规范退休干部⏎
    2030-01-05⏎某部关于规范退休干部在社团兼职问题的通知): the lines above the full title are the page's head."""
    if i >= len(lines) or not title_like(lines[i].text, 120):
        return i
    short = re.sub(r"\s+", "", lines[i].text).rstrip("…. ")
    for j in range(i + 1, min(i + 4, len(lines) - 1)):
        full = re.sub(r"\s+", "", lines[j].text + lines[j + 1].text)
        if len(short) >= 8 and full.startswith(short) and len(full) > len(short) + 2:
            h.spans.extend((ln.start, ln.end) for ln in lines[i:j])
            return j
    return i


def scan_header(lines: list[Line]) -> _Header:
    """Red header, number line and title block at the top of a document."""
    h = _Header()
    i = 0
    limit = min(len(lines), 12)
    while i < limit:
        s = lines[i].text
        if HEADER_NOISE_RE.match(s):
            h.spans.append((lines[i].start, lines[i].end))
            i += 1
            continue
        orgs = red_header_issuers(s)
        if orgs:
            h.issuers.extend(orgs)
            h.spans.append((lines[i].start, lines[i].end))
            i += 1
            continue
        no = doc_no_line(s)
        if no:
            h.doc_no = h.doc_no or no
            h.spans.append((lines[i].start, lines[i].end))
            i += 1
            continue
        # An issuer line directly above the title (``中共XX局⏎关于…的通知`` or ``中共XX局⏎2022年工作要点``).
        orgs = split_orgs(s)
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        # (某某促进会⏎召开2024年工作会议: the unit and what it did are one headline, no issuer line)
        acted = (
            len(orgs or ()) == 1
            and bool(ACT_START_RE.match(to_simplified(nxt)))
            and not doctypes.type_from_title(nxt)
        )
        if (
            orgs
            and not acted
            and (
                (title_like(nxt.rstrip("!！?？"), 120) and not split_orgs(nxt))
                or doc_no_line(nxt)  # a letterhead without 文件: the unit, then the number line
            )
        ):
            h.issuers.extend(orgs)
            h.spans.append((lines[i].start, lines[i].end))
            i += 1
            continue
        break
    if (
        i + 1 < len(lines)
        and EDITOR_NOTE_RE.match(lines[i].text)
        and title_like(lines[i + 1].text.rstrip("!！?？"), 120)
    ):
        i += 1  # the note stays text; the headline under it is the title
    if i + 1 < len(lines) and ENUM_MARK_RE.match(lines[i].text) and title_like(lines[i + 1].text, 120):
        i += 1  # ㈠ 某条例是如何规定的⏎某某管理办法: a sharing site's list item above the title stays text
    i = _past_page_title(lines, i, h)
    i = _past_outline(lines, i)
    # A web headline may end with ！ or ？ (三年三大主题，…这么干!): allowed for the first title line only.
    first_line = lines[i].text.rstrip("!！?？") if i < len(lines) else ""
    after = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
    colon_lead = lead_then_headline(lines[i].text.strip(), after) if i < len(lines) else False
    if first_line and (
        colon_lead or (title_like(first_line, 120) and not ADDRESSEE_RE.search(lines[i].text))
    ):
        n = _join_title_lines(lines, i)
        h.title_lines = lines[i : i + n]
        raw_title = "".join(ln.text + ("" if ln is h.title_lines[-1] else " ") for ln in h.title_lines)
        # the gap between two joint issuers (``XX办公室  YY办公室关于…``) must survive until they are split
        org, rest = split_title_prefix(raw_title)
        if org:
            h.issuers.extend(org.split("、"))
        h.title = clean_title(rest)
        h.spans.append((h.title_lines[0].start, h.title_lines[-1].end))
        i += n
        if i < len(lines) and _TITLE_NOTE_RE.match(lines[i].text) and not find_dates(lines[i].text):
            h.title += clean_title(lines[i].text)
            h.spans.append((lines[i].start, lines[i].end))
            i += 1
    h.after_title = i
    return h


_INLINE_SIGNATURE_RE = re.compile(
    r"^(?P<org>[^，,。；;：:\d]{4,60}?)\s*(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*[|｜]?$"
)


def _signing_units(text: str) -> list[str] | None:
    """The units a signature line names, in the line's own script (西安市人民政府辦公廳 is read as
    西安市人民政府办公厅 and kept as printed)."""
    orgs = split_orgs(text)
    if orgs is not None or not text.strip():
        return orgs
    simplified = to_simplified(text)
    if simplified == text or len(simplified) != len(text):
        return None
    found = split_orgs(simplified)
    if not found:
        return None
    start = simplified.find(found[0])
    return [text[start : start + len(found[0])]] if len(found) == 1 and start >= 0 else found


def signatures(lines: list[Line], start: int = 0) -> list[tuple[int, int, list[str], str]]:
    """Signature blocks: unit line(s) followed by a standalone date line.

    Returns (first line index, date line index, issuers, ISO date) in reading order. A date line
    with no unit above it (some documents sign with the date only) is returned with no issuers.
    """
    out: list[tuple[int, int, list[str], str]] = []
    for j in range(start, len(lines)):
        date = standalone_date(lines[j].text)
        issuers: list[str] = []
        if not date:  # unit and date on one line, as a page flattens a signature block
            inline = _INLINE_SIGNATURE_RE.match(lines[j].text.strip())
            issuers = split_orgs(inline["org"]) or [] if inline else []
            if not issuers:
                continue
            date = parse_date(inline["date"])  # type: ignore[index]
            if not date:
                continue
        k = j - 1
        while k >= start and j - k <= 3:
            orgs = _signing_units(lines[k].text)
            if not orgs:
                break
            issuers = orgs + issuers
            k -= 1
        out.append((k + 1, j, issuers, date))
    return out
