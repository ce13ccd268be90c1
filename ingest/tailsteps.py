"""Tail steps: what a profile reads at the end of a document, after its body.

Signature blocks (issuing units and the document's date), the title of a transmitted document printed
right after a title-less notice's signature, and the 印发 line. Each is one `Step` over a `Reading`;
ingest.profiles orders them into profiles. Separate from the head steps because they look past the
head, to the blocks that close a document, and never move `r.pos`.
"""

from __future__ import annotations

import re

from ingest import doctypes, names, webmeta
from ingest import metadata as m
from ingest.header import signatures
from ingest.reading import Reading
from policykg.personnames import name_shaped


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


_CLOSING_SPAN = 3  # the last lines, where a page template prints its fields under the story


def read_closing_meta(r: Reading) -> None:
    """A line of page fields printed under the story ([来源：某某日报] [作者：张三] [编辑：李四]): metadata,
    not a clause; its source and writers stand when the head named none."""
    for j in range(max(r.pos, len(r.lines) - _CLOSING_SPAN), len(r.lines)):
        line = r.at(j).strip()
        if not line or not webmeta.is_meta_line(line):
            continue
        prefix, fields = webmeta.parse_meta(line)
        kinds = {kind for kind, _v in fields}
        if prefix.strip("[【 ") or not kinds & {"source", "author"}:
            continue  # (text before the labels: a sentence that mentions a source, not a fields line)
        source = next((v for kind, v in fields if kind == "source" and v), None)
        if source and not r.md.source_unit:
            r.md.source_unit = names.clean_source(webmeta.unit_then_name(source))
        writers = [
            p for kind, v in fields if kind == "author" for p in re.split(r"[\s、,，]+", v) if name_shaped(p)
        ]
        if writers and not r.md.authors:
            r.md.authors = writers[:6]
        r.skip(j, j)
        return


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
