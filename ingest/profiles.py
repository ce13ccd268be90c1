"""Document profiles: which metadata steps read a document, in which order.

A profile is a kind of page a user brings — a red-head document (GB/T 9704 layout), a web page or
news article (headline, 时间/来源 lines, chrome), a speech — and is a tuple of small steps over one
`Reading` (the lines, a position, the metadata found so far). A new kind of page is a new profile:
a new tuple, and perhaps a new step, not another branch inside one function. Bulletins and
compilations are split into parts before this stage (ingest.compound); each part is then read here.

Running order, profile tables and the choice between them live here; the shared state is in
ingest.reading, the steps in ingest.headsteps, ingest.tailsteps, ingest.datesteps, ingest.unitsteps
and ingest.settlesteps. `Reading`, `Step` and every step named below stay importable from here.
"""

from __future__ import annotations

from typing import Any

from ingest import datesteps, docregion, doctypes, settlesteps, titlesteps, unitsteps, webhead
from ingest import metadata as m
from ingest.header import red_header_issuers, scan_header
from ingest.headsteps import (
    read_addressee,
    read_adopted,
    read_date_under_title,
    read_header,
    read_meta_lines,
    read_page_head,
    read_speech_head,
    read_unit_under_title,
    read_web_head,
    source_in_residue,
    unwrap_transmittal,
)
from ingest.metadata import Metadata
from ingest.reading import Reading, Step
from ingest.tailsteps import read_closing_meta, read_printed, read_signatures, title_after_signature
from ingest.webmeta import is_meta_line
from ingest.webresidue import is_chrome
from policykg.model import RegionRef, Script
from policykg.text import detect_script

__all__ = [
    "PROFILES",
    "Reading",
    "Step",
    "choose_profile",
    "extract",
    "read_addressee",
    "read_adopted",
    "read_closing_meta",
    "read_date_under_title",
    "read_header",
    "read_meta_lines",
    "read_printed",
    "read_signatures",
    "read_speech_head",
    "read_unit_under_title",
    "read_web_head",
    "source_in_residue",
    "title_after_signature",
    "unwrap_transmittal",
]


_BODY_STEPS: tuple[Step, ...] = (
    read_addressee,
    unwrap_transmittal,
    read_signatures,
    title_after_signature,
    read_printed,
    read_closing_meta,
    datesteps.date_fallbacks,
)
_SETTLE: tuple[Step, ...] = (
    titlesteps.settle_title_and_issuers,
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
        source_in_residue,
        *_BODY_STEPS,
        titlesteps.settle_title_and_issuers,
        unitsteps.paper_byline_unit,
        unitsteps.credited_unit,
        unitsteps.closing_credit,
        unitsteps.reporting_medium,
        unitsteps.page_owner,
        unitsteps.answering_or_hosting_unit,
        unitsteps.acting_unit,
        unitsteps.join_parent,
        unitsteps.drop_implausible_units,
        *_SETTLE[1:],
    ),
    # a web page or news article: chrome, headline, 时间/来源/作者 lines, perhaps a reposted document
    "web": (
        read_web_head,
        read_date_under_title,
        read_speech_head,
        read_unit_under_title,
        *_BODY_STEPS,
        titlesteps.settle_title_and_issuers,
        unitsteps.paper_byline_unit,
        unitsteps.credited_unit,
        unitsteps.closing_credit,
        unitsteps.reporting_medium,
        unitsteps.page_owner,
        unitsteps.answering_or_hosting_unit,
        unitsteps.acting_unit,
        unitsteps.join_parent,
        unitsteps.drop_implausible_units,
        *_SETTLE[1:],
    ),
}


def choose_profile(r: Reading) -> str:
    """``web`` when the head of the page has chrome or meta lines and no red header or number line."""
    header = scan_header(r.lines)
    if header.doc_no or any(red_header_issuers(ln.text) for ln in r.lines[:4]):
        return "document"
    head = read_page_head(r)
    r.web = head
    if head.found or webhead.has_page_residue(r.residue):
        # furniture alone above a text that opens like a document of its own (首页 > 通知公告⏎关于…的通知)
        # leaves it a document: the page around it changes nothing in how it is read
        return "document" if _document_under_furniture(r, head) else "web"
    return "document"


def _document_under_furniture(r: Reading, head: webhead.WebHead) -> bool:
    """The page residue is only furniture (a banner, a breadcrumb, a menu: no meta line, counter,
    byline or share row) and one of the text's first lines names a document's type (a contents list
    may come before the title)."""
    if head.meta.fields or any(v for k, v in head.residue.items() if k != "navigation"):
        return False
    if any(v for k, v in r.residue.items() if k not in ("navigation", "web")):
        return False
    items = [*r.residue.get("navigation", ()), *r.residue.get("web", ()), *head.residue.get("navigation", ())]
    if not all(is_chrome(x) and not is_meta_line(x) for x in items):
        return False
    opening = [t for ln in r.lines[:12] if not is_chrome(t := ln.text.strip())][:4]
    return any(len(t) <= 60 and doctypes.type_from_title(t) for t in opening)


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
