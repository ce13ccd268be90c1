"""Document profiles: which metadata steps read a document, in which order.

A profile is a kind of page a user brings — a red-head document (GB/T 9704 layout), a web page or
news article (headline, 时间/来源 lines, chrome), a speech — and is a tuple of small steps over one
`Reading` (the lines, a position, the metadata found so far). A new kind of page is a new profile:
a new tuple, and perhaps a new step, not another branch inside one function. Bulletins and
compilations are split into parts before this stage (ingest.compound); each part is then read here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ingest import (
    dates,
    datesteps,
    docnumbers,
    docregion,
    doctypes,
    names,
    settlesteps,
    titleleads,
    unitsteps,
    webhead,
    webmeta,
)
from ingest import metadata as m
from ingest.header import (
    ADDRESSEE_RE,
    adopted_line,
    red_header_issuers,
    scan_header,
    signatures,
    split_title_prefix,
    unwrap_title,
)
from ingest.metadata import Line, Metadata
from ingest.speech import SpeechHead, find_speech_heads
from policykg.model import RegionRef, Script
from policykg.text import detect_script, fold, to_simplified


@dataclass
class Reading:
    """The state the steps share while reading one document."""

    text: str
    lines: list[Line]
    doc_id: str
    script: Script
    gaz: Any | None
    fallback_title: str | None = None
    fallback_region: RegionRef | None = None
    residue: dict[str, list[str]] = field(default_factory=dict)
    md: Metadata = field(default_factory=Metadata)
    pos: int = 0  # index of the first line not yet read as head
    title: str | None = None
    issuers: list[str] = field(default_factory=list)
    speech: SpeechHead | None = None
    web: webhead.WebHead | None = None
    page_date: str | None = None  # a web page's publication date: used when nothing better is found
    owner: str | None = None  # the unit that owns the page (footer, a school's 我校): weak region evidence
    site_region: RegionRef | None = None  # where the page's web address places its site: weakest evidence
    site_owned: bool = False  # the site is a listed school's own: its place refines a coarser text region
    site_owner: str | None = None  # that school's name: the parent of a bare department the page credits
    unplaced_unit: str | None = None  # a unit named only in the second paragraph: not region evidence

    def skip(self, a: int, b: int) -> None:
        """Lines a..b (inclusive) are metadata, not body."""
        self.md.skip_spans.append((self.lines[a].start, self.lines[b].end))

    def at(self, i: int) -> str:
        return self.lines[i].text if 0 <= i < len(self.lines) else ""


Step = Callable[[Reading], None]

# ---------------------------------------------------------------------------------------------
# head steps
# ---------------------------------------------------------------------------------------------


def read_header(r: Reading) -> None:
    """Red header, number line and title block (GB/T 9704)."""
    header = scan_header(r.lines)
    no = header.doc_no
    r.md.doc_no = to_simplified(no) if no and r.script == "traditional" else no
    r.md.skip_spans.extend(header.spans)
    r.issuers.extend(header.issuers)
    r.title = header.title
    r.pos = header.after_title


def read_web_head(r: Reading) -> None:
    """Chrome, headline and meta lines of a web page (ingest.webhead)."""
    head = r.web or webhead.read_head([ln.text for ln in r.lines], r.residue.get("above_meta", ()))
    r.web = head
    # the residue pass's and the head's own chrome (a breadcrumb naming an e-paper's issue date)
    chrome = [*r.residue.get("navigation", []), *head.residue.get("navigation", [])]
    webhead.meta_from_residue({**r.residue, "navigation": chrome}, head.meta)
    if head.stamp_medium and not head.meta.first("source"):
        head.meta.add("source", head.stamp_medium)
    for i in head.consumed:
        r.skip(i, i)
    r.pos = max(head.consumed, default=-1) + 1
    title = head.title or head.crumb or webhead.crumb_from_residue(r.residue)
    if title:
        title = titleleads.without_writer(title, head.meta.fields.get("author", []))
        title, medium = titleleads.without_medium(title, r.at(r.pos) if r.pos < len(r.lines) else "")
        if medium:  # 某某微盟：…启动⏎某某微盟：⏎昨天…: the medium is the source; its own line is metadata
            if not head.meta.first("source"):
                head.meta.add("source", medium)
            if r.pos < len(r.lines) and r.at(r.pos).strip().rstrip(":：") == medium:
                r.skip(r.pos, r.pos)
                r.pos += 1
        org, _rest = split_title_prefix(names.clean_headline(title))
        if org:  # 中共XX局关于…的通知 reposted as a headline: its issuers; the title stays as printed
            r.issuers.extend(org.split("、"))
        r.title = m.clean_title(names.clean_headline(title))
    r.issuers.extend(unitsteps.issuers_above(r, head))
    r.page_date = head.meta.date
    units, people = head.meta.units_and_people()
    source = head.meta.first("source")
    r.md.source_unit = names.clean_source(webmeta.unit_then_name(source)) if source else None
    authored = [u for u in units if u != r.md.source_unit and not names.spam_name(u)]
    if authored:
        r.md.author_unit = m.clean_org(authored[0])
    r.md.authors = people[:6]
    r.md.editors = head.meta.fields.get("editor", [])[:6]
    # a disclosure table's 文号 row, or a number line right under a web headline: a reposted official document
    listed = head.meta.first("doc_no")
    if listed and docnumbers.doc_no_line(listed):
        r.md.doc_no = docnumbers.doc_no_line(listed)
    number = docnumbers.doc_no_line(r.at(r.pos).strip("（）()")) if r.pos < len(r.lines) else None
    if number:
        r.md.doc_no = number
        r.skip(r.pos, r.pos)
        r.pos += 1


_SENTENCE_END_RE = re.compile(r"[。！？；，,：:]")
_NOTE_DATE_RE = re.compile(
    rf"^[（(]\s*(?P<date>{dates.ANY_DATE})\s*(?:[，,、；;]\s*[^（）()]{{0,24}})?[)）]$"
)


def read_date_under_title(r: Reading) -> None:
    """``（2015年7月7日，根据录音整理）`` under a speech or article title: the date it was given."""
    if r.pos < len(r.lines):
        hit = _NOTE_DATE_RE.match(r.at(r.pos))
        if hit and dates.parse_date(hit["date"]):
            r.md.date = dates.parse_date(hit["date"])
            r.skip(r.pos, r.pos)
            r.pos += 1


def read_speech_head(r: Reading) -> None:
    """A speech head (title, ——subtitle, (date), speaker) replaces the generic title block."""
    speech = next(iter(find_speech_heads(r.lines[: min(len(r.lines), 12)])), None)
    if speech is None:
        return
    if speech.first > max(r.pos, 1):
        # the headline, then the speaker's name and the title printed again (张 三 同 志⏎在…上的致辞⏎
        # （date）): the headline stays the title, the rest is the speech's head
        between = [r.at(k) for k in range(r.pos, speech.first)]
        repeated = bool(r.title) and fold(speech.title, r.script) in fold(r.title or "", r.script)
        if (
            not repeated
            or len(between) > 2
            or any(len(t) > 20 or _SENTENCE_END_RE.search(t) for t in between)
        ):
            return
        speech = replace(speech, first=r.pos, title=r.title or speech.title)
    r.speech = speech
    r.title = speech.title
    r.md.date = speech.date
    if speech.speaker:
        r.md.authors = [speech.speaker]
        if speech.office:
            r.md.author_offices = {speech.speaker: speech.office}
    r.md.skip_spans = [s for s in r.md.skip_spans if s[1] <= r.lines[speech.first].start]
    r.skip(speech.first, speech.last)
    r.pos = speech.last + 1


def read_adopted(r: Reading) -> None:
    """A regulation's adoption note under the title (``（2023年6月8日…会议审议通过）``)."""
    adopted = adopted_line(r.at(r.pos)) if r.pos < len(r.lines) and r.speech is None else None
    if adopted is not None:
        r.md.date = adopted[0]
        r.issuers.extend(adopted[1])
        r.skip(r.pos, r.pos)
        r.pos += 1


def read_unit_under_title(r: Reading) -> None:
    """The unit line under the title (``中共XX市委老干部局`` or ``（XX局 2020年3月1日）``)."""
    if r.pos >= len(r.lines) or r.speech is not None:
        return
    line = r.at(r.pos)
    under = dates.UNDER_TITLE_RE.match(line)
    orgs = m.split_orgs(line.strip("（）()"))
    if under and m.split_orgs(under["org"]):
        r.issuers.extend(m.split_orgs(under["org"]) or [])
        r.md.date = dates.parse_date(under["date"])
    elif orgs and not dates.standalone_date(r.at(r.pos + 1)):
        r.issuers.extend(orgs)
    else:
        return
    r.skip(r.pos, r.pos)
    r.pos += 1


def read_meta_lines(r: Reading) -> None:
    """Web meta lines under the headline of a document read by the red-head profile."""
    while r.pos < len(r.lines) and r.pos < 8 and dates.WEB_META_RE.match(r.at(r.pos)):
        hit = dates.PUBLISHED_RE.search(r.at(r.pos))
        if hit and r.page_date is None:
            r.page_date = dates.parse_date(hit["date"])
        r.skip(r.pos, r.pos)
        r.pos += 1


def read_addressee(r: Reading) -> None:
    """Addressee line (主送机关): ``各市委老干部局，…：`` — metadata, not a clause."""
    first = r.at(r.pos)
    if not (first and ADDRESSEE_RE.search(first) and len(first) <= 200) or "。" in first:
        return  # 近日，…具体名单如下：: a sentence introducing a list, not whom a document is sent to
    if first.startswith("各") or "、" in first or "，" in first or m.split_orgs(first.rstrip("：:")):
        r.md.addressee = first
        r.skip(r.pos, r.pos)
        r.pos += 1


def unwrap_transmittal(r: Reading) -> None:
    """A transmitting notice 关于印发《X》的通知 wraps X; X's own title line follows the notice."""
    inner = unwrap_title(r.title) if r.title else None
    if not inner:
        return
    r.md.wrapper_title = r.title
    r.title = m.clean_title(inner)
    key = re.sub(r"\s+", "", r.title)
    for j in range(r.pos, len(r.lines)):
        if re.sub(r"\s+", "", r.at(j)) == key:
            r.skip(j, j)
            break


# ---------------------------------------------------------------------------------------------
# tail steps
# ---------------------------------------------------------------------------------------------


def read_signatures(r: Reading) -> None:
    """Signature blocks (unit lines + date): issuers, and the date of the document's own block."""
    blocks = signatures(r.lines, r.pos)
    for first, d, orgs, _date in blocks:
        r.issuers.extend(orgs)
        r.md.skip_spans.append((r.lines[first].start, r.lines[d].end))
    if r.md.date is None and blocks:
        # the last signed block is the document's own (a notice's signature precedes what it transmits)
        signed = [sig for sig in blocks if sig[2]]
        if not signed and r.page_date:
            return  # a bare date closing a web article (撰稿：张三⏎9月21日): the page's own date stands
        r.md.date = (signed or blocks)[-1][3]


def title_after_signature(r: Reading) -> None:
    """A transmitting notice with no title of its own (文号, 主送, 现将《X》印发给你们, signature) is
    followed by the document it transmits: X's title line right after the signature is the title."""
    if r.title or not r.md.skip_spans:
        return
    signed_end = (
        max((b for a, b in r.md.skip_spans if a > r.lines[r.pos].start), default=None)
        if r.pos < len(r.lines)
        else None
    )
    if signed_end is None:
        return
    j = next((k for k, ln in enumerate(r.lines) if ln.start > signed_end), None)
    if j is None or not m.title_like(r.at(j), 80) or not doctypes.type_from_title(r.at(j)):
        return
    r.title = m.clean_title(r.at(j))
    r.skip(j, j)


def read_printed(r: Reading) -> None:
    """The 印发 line (``中共XX办公室⏎2018年2月26日印发``) near the end."""
    for j in range(max(r.pos, len(r.lines) - 6), len(r.lines)):
        printed = m.printed_line(r.at(j))
        if printed is None:
            continue
        by, date = printed
        a = j
        if by is None and j - 1 >= r.pos:
            orgs = m.split_orgs(r.at(j - 1))
            if orgs:
                by, a = "、".join(orgs), j - 1
        r.md.printed_by, r.md.printed_date = by, date
        r.md.skip_spans.append((r.lines[a].start, r.lines[j].end))


_BODY_STEPS: tuple[Step, ...] = (
    read_addressee,
    unwrap_transmittal,
    read_signatures,
    title_after_signature,
    read_printed,
    datesteps.date_fallbacks,
)
_SETTLE: tuple[Step, ...] = (
    settlesteps.settle_title_and_issuers,
    settlesteps.classify_type,
    settlesteps.find_years,
    settlesteps.find_region,
    settlesteps.warn_missing,
)

PROFILES: dict[str, tuple[Step, ...]] = {
    # a red-head or plain official document, and speeches (whose head the speech step finds)
    "document": (
        read_header,
        read_speech_head,
        read_adopted,
        read_unit_under_title,
        read_meta_lines,
        *_BODY_STEPS,
        settlesteps.settle_title_and_issuers,
        unitsteps.paper_byline_unit,
        unitsteps.credited_unit,
        unitsteps.closing_credit,
        unitsteps.reporting_medium,
        unitsteps.page_owner,
        unitsteps.answering_or_hosting_unit,
        unitsteps.acting_unit,
        unitsteps.join_parent,
        *_SETTLE[1:],
    ),
    # a web page or news article: chrome, headline, 时间/来源/作者 lines, perhaps a reposted document
    "web": (
        read_web_head,
        read_date_under_title,
        read_speech_head,
        read_unit_under_title,
        *_BODY_STEPS,
        settlesteps.settle_title_and_issuers,
        unitsteps.paper_byline_unit,
        unitsteps.credited_unit,
        unitsteps.closing_credit,
        unitsteps.reporting_medium,
        unitsteps.page_owner,
        unitsteps.answering_or_hosting_unit,
        unitsteps.acting_unit,
        unitsteps.join_parent,
        *_SETTLE[1:],
    ),
}


def choose_profile(r: Reading) -> str:
    """``web`` when the head of the page has chrome or meta lines and no red header or number line."""
    header = scan_header(r.lines)
    if header.doc_no or any(red_header_issuers(ln.text) for ln in r.lines[:4]):
        return "document"
    head = webhead.read_head([ln.text for ln in r.lines], r.residue.get("above_meta", ()))
    r.web = head
    if head.found or webhead.has_page_residue(r.residue):
        return "web"
    return "document"


def extract(
    text: str,
    doc_id: str,
    script: Script | None = None,
    *,
    gazetteer: Any | None = None,
    fallback_title: str | None = None,
    fallback_region: RegionRef | None = None,
    residue: dict[str, list[str]] | None = None,
    profile: str | None = None,
    site_region: RegionRef | None = None,
    site_owned: bool = False,
    site_owner: str | None = None,
) -> Metadata:
    """Metadata of one (non-compound) document from its normalised display text."""
    gaz = gazetteer if gazetteer is not None else docregion.default_gazetteer()
    lines = m.split_lines(text)
    r = Reading(
        text=text,
        lines=lines,
        doc_id=doc_id,
        script=script or detect_script(text),
        gaz=gaz,
        fallback_title=fallback_title,
        fallback_region=fallback_region,
        residue=residue or {},
        site_region=site_region,
        site_owned=site_owned,
        site_owner=site_owner,
    )
    if not lines:
        r.md.warnings.append("文本为空，未能提取元数据")
        return r.md
    r.md.profile = profile or choose_profile(r)
    for step in PROFILES[r.md.profile]:
        step(r)
    if r.speech is not None and r.md.profile == "document":
        r.md.profile = "speech"
    r.md.skip_spans = m.merge_spans(r.md.skip_spans)
    return r.md
