"""Head steps: what a profile reads at the top of a document, before its body.

The red header, number line and title block (GB/T 9704), a web page's chrome, headline and meta lines,
a speech's head, the adoption note, unit line or date under the title, the addressee line, and the
title a transmitting notice wraps. Each is one `Step` over a `Reading` that advances `r.pos` past what
it took; ingest.profiles orders them into profiles. Separate from the profile tables so that a new
kind of head is a new step here, not a change to how profiles are chosen and run.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest import (
    dates,
    docnumbers,
    headlineclean,
    names,
    residuemeta,
    titleleads,
    unitsteps,
    vocab,
    webhead,
    webmeta,
    webresidue,
)
from ingest import metadata as m
from ingest.header import ADDRESSEE_RE, adopted_line, scan_header, split_title_prefix, unwrap_title
from ingest.reading import Reading
from ingest.speech import find_speech_heads
from policykg.text import fold, to_simplified


def read_header(r: Reading) -> None:
    """Red header, number line and title block (GB/T 9704)."""
    header = scan_header(r.lines)
    no = header.doc_no
    r.md.doc_no = to_simplified(no) if no and r.script == "traditional" else no
    r.md.skip_spans.extend(header.spans)
    r.issuers.extend(header.issuers)
    r.title = header.title
    r.pos = header.after_title


def read_page_head(r: Reading) -> webhead.WebHead:
    """The head of the page's lines, told what the residue passes already took out above them."""
    trail = [*r.residue.get("navigation", ()), *r.residue.get("web", ())]  # breadcrumbs among them
    return webhead.read_head([ln.text for ln in r.lines], r.residue.get("above_meta", ()), trail)


def read_web_head(r: Reading) -> None:
    """Chrome, headline and meta lines of a web page (ingest.webhead)."""
    head = r.web or read_page_head(r)
    r.web = head
    # the residue pass's and the head's own chrome (a breadcrumb naming an e-paper's issue date)
    chrome = [*r.residue.get("navigation", []), *head.residue.get("navigation", [])]
    webhead.meta_from_residue({**r.residue, "navigation": chrome}, head.meta)
    if not head.meta.first("source"):
        # the site beside the page's stamp, else a medium named only in the trail's last level or in a
        # photo credit (新闻中心 > 综合 > 某某日报, 某某社记者 张三 摄)
        fallback = (
            head.stamp_medium
            or residuemeta.fallback_source({**r.residue, "navigation": chrome})
            or _source_line_below([ln.text for ln in r.lines[:_SOURCE_LINE_SPAN]])
        )
        if fallback:
            head.meta.add("source", fallback)
    for i in head.consumed:
        r.skip(i, i)
    r.pos = max(head.consumed, default=-1) + 1
    account = _account_below(r) if not head.meta.first("source") else None
    if account:
        head.meta.add("source", account)
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
        org, _rest = split_title_prefix(headlineclean.clean_headline(title))
        if org:  # 中共XX局关于…的通知 reposted as a headline: its issuers; the title stays as printed
            r.issuers.extend(org.split("、"))
        r.title = m.clean_title(headlineclean.clean_headline(title))
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


_SOURCE_LINE_SPAN = 8


_ACCOUNT_SPAN = 3  # lines under the headline where a posting account's stamp line stands


def _account_below(r: Reading) -> str | None:
    """The account a reposted story names under its headline with the time it posted (web_page.tsv
    ``account_stamp``)."""
    for k in range(r.pos, min(r.pos + _ACCOUNT_SPAN, len(r.lines))):
        line = webresidue.simplified(r.at(k))
        hit = next((m for p in vocab.patterns("web_page.tsv", "account_stamp") if (m := p.match(line))), None)
        if hit:
            return hit["account"]
    return None


def _source_line_below(lines: list[str]) -> str | None:
    """A source line (本文转自：某某日报) among a page's first lines though a site's blurb stands above it,
    so that no head was read: the medium the page reposts."""
    for line in lines:
        if len(line) <= 40 and webmeta.is_meta_line(line):
            # (a forum's 来自：浙江 names where the poster is, not a medium: a source has four characters or more)
            source = next((v for k, v in webmeta.parse_meta(line)[1] if k == "source" and len(v) >= 4), None)
            if source:
                return source
    return None


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
    elif byline := names.unit_and_writer(fold(line, r.script)):
        # 某县委组织部 张三 under an article's headline: the writer's unit wrote it (spaces may be lost)
        r.md.author_unit = m.clean_org(byline[0])
        r.md.authors.append(byline[1])
    else:
        return
    r.skip(r.pos, r.pos)
    r.pos += 1


def source_in_residue(r: Reading) -> None:
    """A document's source named on a meta line the residue pass took from its head (a reposting site's
    来源：某某日报, an account's 某某 发布 stamp), when nothing named one yet."""
    if r.md.source_unit is None:
        kept = webmeta.WebMeta()
        webhead.meta_from_residue(r.residue, kept)
        source = kept.first("source")
        r.md.source_unit = names.clean_source(webmeta.unit_then_name(source)) if source else None


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
