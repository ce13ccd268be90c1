"""Compound documents: a bulletin (简报, 工作动态) that holds several speeches and articles.

The split follows the layout conventions of such bulletins, not any particular bulletin's words:

- a masthead at the top: the bulletin's name, the issue line ``第N期（总第M期）``, the issuing unit
  and the date, then a table of contents under ``本期要览`` / ``目录``;
- a speech starts with its title (and/or a ``——在…上的讲话`` subtitle, possibly wrapped), a
  ``（YYYY年M月D日）`` date line and the speaker's name (``刘 文 生``), then ``同志们：``;
- an article starts with one or two short title lines (no sentence-final punctuation) followed by
  an author-unit line that ends like a unit name (…局, …部, …处, …中心, …公司, …委员会), then body.

The table-of-contents counts (``经验交流材料8篇``) only cross-check the split (a warning when they
differ). Everything works on the normalised text: one paragraph per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from ingest import dates, speech
from ingest import metadata as md
from ingest.header import HEADER_NOISE_RE
from ingest.metadata import Line

_ISSUE_RE = re.compile(
    r"^(?P<name>[^\s第\d][^\s第]{1,29}?)?\s*(?:(?P<year>(?:19|20)\d{2})\s*年\s*)?"
    r"第\s*(?P<num>[\d一二三四五六七八九十百]+)\s*期"
    r"(?:\s*[（(]\s*(?P<total>总第\s*\d+\s*期)\s*[)）])?\s*$"
)
_TOC_HEAD_RE = re.compile(
    r"^(?:本期要览|本期目录|目\s*录|要\s*目|本期导读|本期要目|内容提要|本期提要)[：:]?$"
)
_TOC_COUNT_RE = re.compile(
    r"(?:经验交流|交流|经验|典型)(?:材料|文章)?\s*(?P<n>\d+|[一二三四五六七八九十]+)\s*篇"
)
_BULLETIN_NAME_RE = re.compile(r"(?:简报|动态|通讯|快报|情况|专报|参考|信息|工作交流|内参)$")
_BACK_MATTER_RE = re.compile(
    r"^(?:报\s*[：:]|送\s*[：:]|发\s*[：:]|抄\s*送\s*[：:]|责任编辑|编辑\s*[：:]|共印\s*\d|（?共印)"
)
# ``中共XX局编`` / ``XX办公室编印``: the publisher line of a masthead names the unit plus what it did.
_PUBLISHER_RE = re.compile(r"\s*(?:编印|编发|编辑|主编|主办|编|印)$")
_ORG_DATE_RE = re.compile(r"^(?P<org>.+?)\s+(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$")
_UNIT_DECOR_RE = re.compile(r"^[—－\-]{1,2}\s*|^[（(]|[)）]$|\s*(?:供稿|来稿|报送|撰稿|提供)\s*[)）]?$")

PartKind = Literal["speech", "article"]


@dataclass
class Part:
    """One speech or article of a bulletin, located by line indices of the parent text."""

    kind: PartKind
    first: int  # first line (title) of the part
    head_last: int  # last head line (speaker, 同志们：, author unit)
    title: str
    date: str | None = None
    speaker: str | None = None
    office: str | None = None  # the speaker's office when the head states it
    unit: str | None = None
    author: str | None = None  # a person named on the unit line (中共XX局 张三)
    start: int = 0  # char offsets of the part in the parent text
    end: int = 0
    head_end: int = 0  # char offset where the head (title/unit/date/speaker) ends


@dataclass
class Bulletin:
    """A bulletin split into its masthead (front matter) and parts."""

    title: str
    name: str | None
    issue: str | None
    issuers: list[str]
    date: str | None
    masthead_spans: list[tuple[int, int]]  # masthead lines (not clauses)
    toc: list[Line]  # table-of-contents entries (the parent's own clauses)
    front_end: int  # char offset where the first part starts
    parts: list[Part] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# ============================================================================================
# masthead and table of contents
# ============================================================================================


def _cn_count(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    return dates.cn_int(s)


def publisher_orgs(s: str) -> list[str] | None:
    """The units of a masthead's publisher line: ``中共XX市委老干部局编`` → [中共XX市委老干部局]."""
    return md.split_orgs(s) or md.split_orgs(_PUBLISHER_RE.sub("", s.strip()))


def find_masthead(lines: list[Line], window: int = 15) -> tuple[int, dict[str, Any]] | None:
    """The issue line (第N期) near the top and what surrounds it; None when there is none.

    Returns (index after the masthead, fields) with fields name, issue, issuers, date, spans,
    toc_head (index of the 本期要览 line or None).
    """
    top = lines[:window]
    issue_at = next((i for i, ln in enumerate(top) if _ISSUE_RE.match(ln.text)), None)
    if issue_at is None:
        return None
    m = _ISSUE_RE.match(top[issue_at].text)
    assert m is not None
    spans = [(top[issue_at].start, top[issue_at].end)]
    name = m["name"]
    # the name stands on the line(s) above the issue line: the nearest title-like line that is
    # not header noise (内部资料) nor a unit
    for k in range(issue_at - 1, -1, -1):
        s = top[k].text
        spans.append((top[k].start, top[k].end))
        if name is None and md.title_like(s, 30) and not md.split_orgs(s) and not HEADER_NOISE_RE.match(s):
            name = md.clean_title(s)
    issuers: list[str] = []
    date: str | None = None
    end = issue_at + 1
    toc_head = None
    for k in range(issue_at + 1, min(len(lines), issue_at + 6)):
        s = lines[k].text
        orgs = publisher_orgs(s)
        od = _ORG_DATE_RE.match(s)
        if orgs and not issuers:
            issuers = orgs
        elif od and publisher_orgs(od["org"]) and not issuers:
            issuers, date = publisher_orgs(od["org"]) or [], dates.parse_date(od["date"])
        elif dates.standalone_date(s) and date is None:
            date = dates.standalone_date(s)
        elif HEADER_NOISE_RE.match(s):
            pass
        elif _TOC_HEAD_RE.match(s):
            toc_head = k
            spans.append((lines[k].start, lines[k].end))
            end = k + 1
            break
        else:
            break
        spans.append((lines[k].start, lines[k].end))
        end = k + 1
    total = f"（{md.squeeze_cjk_spaces(m['total'])}）" if m["total"] else ""
    issue = (f"{m['year']}年" if m["year"] else "") + f"第{m['num']}期{total}"
    return end, {
        "name": name,
        "issue": issue,
        "issuers": issuers,
        "date": date,
        "spans": spans,
        "toc_head": toc_head,
    }


# ============================================================================================
# parts
# ============================================================================================


def _unit_line(s: str) -> tuple[str, str | None] | None:
    """(unit, person or None) when the line names an author unit: 中共XX局 / ——XX中心 / 中共XX局 张三."""
    core = _UNIT_DECOR_RE.sub("", s.strip()).strip()
    if not core or len(core) > 50:
        return None
    orgs = md.split_orgs(core)
    if orgs:
        return "、".join(orgs), None
    # unit followed by the author's name: ``中共XX市委老干部局 王某某``
    head, sep, person = core.rpartition(" ")
    if sep and speech._speaker(person) and md.split_orgs(head):
        return "、".join(md.split_orgs(head) or []), speech._speaker(person)
    return None


def _is_body(s: str) -> bool:
    """A line that reads like body text (not a head line)."""
    return md.ends_sentence(s) or len(s) > 40 or md.is_numbered(s)


def find_article_heads(lines: list[Line], floor: int, taken: set[int]) -> list[Part]:
    """Articles: 1–2 short title lines + an author-unit line, then body."""
    parts: list[Part] = []
    for u in range(floor + 1, len(lines) - 1):
        if u in taken:
            continue
        unit = _unit_line(lines[u].text)
        if unit is None:
            continue
        nxt = lines[u + 1].text
        # a unit followed by a date is a signature or a masthead, not an article head
        if dates.standalone_date(nxt) or dates.speech_date(nxt) or md.printed_line(nxt) or _unit_line(nxt):
            continue
        t1 = u - 1
        if t1 in taken or not md.title_like(lines[t1].text, 40) or _unit_line(lines[t1].text):
            continue
        first = t1
        t2 = t1 - 1
        if (
            t2 >= floor
            and t2 not in taken
            and md.title_like(lines[t2].text, 40)
            and not _unit_line(lines[t2].text)
            and (t2 - 1 < floor or t2 - 1 in taken or _is_body(lines[t2 - 1].text))
        ):
            first = t2
        title = md.clean_title(" ".join(lines[k].text for k in range(first, u)))
        parts.append(Part("article", first, u, title, unit=unit[0], author=unit[1]))
    return parts


def find_parts(lines: list[Line], floor: int) -> list[Part]:
    """Speeches and articles after line `floor`, in reading order, heads not overlapping."""
    parts: list[Part] = []
    taken: set[int] = set()
    for head in speech.find_speech_heads(lines, floor):
        parts.append(
            Part(
                "speech", head.first, head.last, head.title,
                date=head.date, speaker=head.speaker, office=head.office,
            )
        )  # fmt: skip
        taken.update(range(head.first, head.last + 1))
    parts.extend(find_article_heads(lines, floor, taken))
    parts.sort(key=lambda p: p.first)
    out: list[Part] = []
    for p in parts:
        if out and p.first <= out[-1].head_last:
            continue
        out.append(p)
    return out


# ============================================================================================
# the bulletin
# ============================================================================================


def split_bulletin(text: str) -> Bulletin | None:
    """Split a bulletin's normalised text into masthead, table of contents and parts.

    None when the text is not a bulletin (no issue line 第N期 near the top) or holds no
    recognisable part (then it is ingested as one document of type 简报).
    """
    lines = md.split_lines(text)
    found = find_masthead(lines)
    if found is None:
        return None
    after, head = found
    parts = find_parts(lines, after)
    if not parts:
        return None
    first_part = parts[0].first
    toc = [ln for ln in lines[after:first_part]] if head["toc_head"] is not None else []
    # char spans: each part runs to the next one; the last stops before back matter (报/送/发…)
    back = next(
        (k for k in range(parts[-1].head_last + 1, len(lines)) if _BACK_MATTER_RE.match(lines[k].text)),
        len(lines),
    )
    for n, p in enumerate(parts):
        stop = parts[n + 1].first - 1 if n + 1 < len(parts) else back - 1
        p.start, p.end = lines[p.first].start, lines[max(stop, p.head_last)].end
        p.head_end = lines[p.head_last].end
    name = head["name"]
    issue = head["issue"]
    title = " ".join(x for x in (name, issue) if x)
    b = Bulletin(
        title=title,
        name=name,
        issue=issue,
        issuers=head["issuers"],
        date=head["date"],
        masthead_spans=head["spans"],
        toc=toc,
        front_end=lines[first_part].start,
        parts=parts,
    )
    b.warnings.extend(_check_toc(toc, parts))
    return b


def _check_toc(toc: list[Line], parts: list[Part]) -> list[str]:
    """Cross-check the table of contents against the split (counts of articles)."""
    warnings = []
    articles = sum(1 for p in parts if p.kind == "article")
    for ln in toc:
        m = _TOC_COUNT_RE.search(ln.text)
        if m:
            expected = _cn_count(m["n"])
            if expected is not None and expected != articles:
                warnings.append(f"目录列出经验交流材料{expected}篇，但拆分出{articles}篇，请核对")
    return warnings


def offices_from_toc(toc: list[Line], person: str) -> str | None:
    """The office a TOC line gives a speaker: ``省委老干部局副局长张克在…`` → ``省委老干部局副局长``."""
    for ln in toc:
        s = md._BULLET_RE.sub("", ln.text)
        compact = re.sub(r"\s+", "", s)
        at = compact.find(person)
        if at > 0 and compact[at + len(person) : at + len(person) + 1] in ("在", "：", ":", "就", "同", "的"):
            office = compact[:at].strip("，,：: ")
            if 2 <= len(office) <= 60:
                return office
    return None


def is_bulletin_name(title: str | None) -> bool:
    return bool(title and _BULLETIN_NAME_RE.search(title))
