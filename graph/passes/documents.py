"""Documents: their entities, bulletin membership, the region they cover, issuers and authors."""

from __future__ import annotations

import re

from graph.extract.common import display_name, squeeze
from graph.extract.organizations import find_orgs, normalize_org
from graph.extract.people import clean_name
from graph.extract.regions import unknown_region_entity
from graph.extract.units import metadata_units
from graph.linker import Linker
from graph.scan import DocCtx
from policykg.model import Entity


def link(lk: Linker) -> None:
    for ctx in lk.ctxs:
        link_doc(lk, ctx)


def link_doc(lk: Linker, ctx: DocCtx) -> None:
    doc = ctx.doc
    title = squeeze(doc.title) if doc.title else doc.source
    aliases = [
        a
        for a in dict.fromkeys(
            [display_name(doc.title or ""), doc.doc_no or "", squeeze(doc.wrapper_title or "")]
        )
        if a
    ]
    attrs = {
        "doc_id": doc.id,
        "corpus": True,
        "doc_type": doc.doc_type,
        "date": doc.date,
        "year": doc.year,
        "doc_no": doc.doc_no,
        "region": doc.region.name if doc.region else None,
        "source": doc.source,
    }
    lk.entity(Entity(ctx.entity_id, doc.title or title, "document", aliases, attrs, ctx.first_clause))
    if doc.parent_id and doc.parent_id in lk.by_id:
        lk.edge(ctx.entity_id, lk.by_id[doc.parent_id].entity_id, "part_of", ctx.first_clause)
    _covers(lk, ctx)
    for raw in metadata_units(doc):
        m = normalize_org(raw, ctx.orgs)
        ev = ctx.clause_with(raw)
        oid = lk.org(m, ev)
        lk.edge(ctx.entity_id, oid, "issued_by", ev)
    _authors(lk, ctx)


def _covers(lk: Linker, ctx: DocCtx) -> None:
    """The region the document applies to."""
    ref = ctx.doc.region
    if ref is None:
        return
    known = lk.gaz.get(ref.code) if ref.known and ref.code else None
    if known is not None:
        rid = lk.region(known, ctx.clause_with(ref.name))
    else:
        rid = ref.id
        lk.entity(unknown_region_entity(ref, ctx.first_clause))
    lk.edge(ctx.entity_id, rid, "covers", ctx.clause_with(ref.name))


def _authors(lk: Linker, ctx: DocCtx) -> None:
    """Speakers and authors, with the units of their stated offices."""
    doc = ctx.doc
    for raw in doc.authors:
        name = clean_name(raw)
        office = doc.author_offices.get(raw) or doc.author_offices.get(name)
        ev = ctx.clause_with(name)
        attrs = {"role": "speaker" if (doc.doc_type or "") == "讲话" else "author"}
        if office:
            attrs["office"] = office
        pid = f"person:{name}"
        lk.entity(Entity(pid, name, "person", [], attrs, ev))
        lk.edge(ctx.entity_id, pid, "authored_by", ev)
        for part in re.split(r"[、,，]", office or ""):
            found = find_orgs(squeeze(part), ctx.orgs)
            if found and found[0].start == 0:
                oid = lk.org(found[0], ev)
                lk.edge(pid, oid, "member_of", ev)
