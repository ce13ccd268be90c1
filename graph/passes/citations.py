"""Citations → document entities (the corpus document when it is one, else an external one)
with cites, issued_by and covers."""

from __future__ import annotations

import re

from graph.extract.citations import Citation, inner_title, title_key
from graph.extract.common import data_rows, squeeze
from graph.extract.organizations import OrgMention
from graph.extract.regions import find_regions
from graph.linker import Linker
from graph.scan import DocCtx
from ingest.docnumbers import normalize_doc_no
from policykg.gazetteer import Gazetteer, Region
from policykg.model import Entity


def link(lk: Linker) -> None:
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    corpus_keys: dict[str, str] = {}
    for ctx in lk.ctxs:
        d = ctx.doc
        keys = []
        if d.doc_no:
            keys.append("no:" + normalize_doc_no(d.doc_no))
        for t in (
            d.title,
            d.wrapper_title,
            inner_title(squeeze(d.wrapper_title)) if d.wrapper_title else None,
        ):
            if t and len(t) >= 6:
                keys.append("title:" + title_key(t))
        for k in keys:
            corpus_keys.setdefault(k, ctx.entity_id)
            find(k)
    for ctx in lk.ctxs:
        for c in ctx.scan.citations:
            keys = c.keys
            for k in keys[1:]:
                union(keys[0], k)
    # one entity per component: the corpus document when it is one, else an external one
    # named by its number when any citation gives it, else by its title
    root_entity: dict[str, str] = {}
    for k, eid in corpus_keys.items():
        root_entity.setdefault(find(k), eid)
    numbered: dict[str, str] = {}
    for ctx in lk.ctxs:
        for c in ctx.scan.citations:
            if c.doc_no and not c.back_ref:
                numbered.setdefault(find(c.keys[0]), c.doc_no)
    for ctx in lk.ctxs:
        declared: dict[str, str] = {}
        recent: list[tuple[str, str]] = []  # (title, entity id) in reading order
        for c in ctx.scan.citations:
            if c.back_ref:
                _back_ref(lk, ctx, c, declared, recent)
                continue
            root = find(c.keys[0])
            eid = root_entity.get(root)
            if eid is None:
                eid = f"document:{numbered.get(root) or c.doc_no or c.title}"
                root_entity[root] = eid
            _cited(lk, ctx, c, eid)
            if c.short:
                declared[c.short] = eid
                lk.alias(eid, f"《{c.short}》")
            if c.title:
                recent.append((c.title, eid))
            elif c.doc_no:
                recent.append((c.doc_no, eid))


def _cited(lk: Linker, ctx: DocCtx, c: Citation, eid: str) -> None:
    ev = [c.clause_id]
    if lk.kg.entity(eid) is None or not lk.kg.entity(eid).attributes.get("corpus"):  # type: ignore[union-attr]
        name = c.title or c.doc_no or eid
        aliases = [
            a for a in (c.doc_no, c.title, inner_title(c.title) if c.title else None) if a and a != name
        ]
        attrs = {"external": True, "doc_no": c.doc_no, "title": c.title}
        stored = lk.entity(Entity(eid, name, "document", aliases, attrs, ev))
        if c.title and stored.name != c.title and stored.name == stored.attributes.get("doc_no"):
            # first seen as a bare number, now with its title: the title is the better name
            lk.alias(eid, stored.name)
            stored.name = c.title
            stored.attributes["title"] = c.title
        if c.doc_no and not stored.attributes.get("doc_no"):
            stored.attributes["doc_no"] = c.doc_no
            lk.alias(eid, c.doc_no)
        _cited_issuers(lk, ctx, c, eid)
        _cited_region(lk, ctx, c, eid)
    else:
        lk.entity(Entity(eid, lk.kg.entity(eid).name, "document", [], {}, ev))  # type: ignore[union-attr]
    lk.edge(ctx.entity_id, eid, "cites", ev)


def _cited_issuers(lk: Linker, ctx: DocCtx, c: Citation, eid: str) -> None:
    ev = [c.clause_id]
    names = list(c.issuers)
    if not names and c.doc_no:
        names = _issuers_of_doc_no(lk.gaz, c.doc_no)
    for name in names:
        region = lk.gaz.region_of_org(name) if not name.startswith(("中共中央", "国务院")) else None
        kind = "central" if region is None else "party"
        oid = lk.org(OrgMention(name, name, 0, len(name), kind, region), ev)
        lk.edge(eid, oid, "issued_by", ev)


def _cited_region(lk: Linker, ctx: DocCtx, c: Citation, eid: str) -> None:
    region: Region | None = None
    if c.title:
        hits = find_regions(lk.gaz, squeeze(c.title), ctx.orgs.codes)
        if hits and hits[0].start == 0:
            region = hits[0].region
    if region is None and c.province_wide and ctx.chain:
        region = ctx.chain[0]
    if region is None and c.doc_no:
        region = lk.gaz.region_of_abbrev(c.doc_no[0])
    if region is not None:
        rid = lk.region(region, [c.clause_id])
        lk.edge(eid, rid, "covers", [c.clause_id])
        ent = lk.kg.entity(eid)
        if ent is not None:
            ent.attributes.setdefault("region", region.name)


def _back_ref(
    lk: Linker, ctx: DocCtx, c: Citation, declared: dict[str, str], recent: list[tuple[str, str]]
) -> None:
    ref = c.back_ref or ""
    target: str | None = None
    alias: str | None = None
    if ref.endswith("号文件"):
        number = ref[: -len("号文件")]
        # the document's own numbered citations (anywhere in it) ending in 〕N号
        hits = {
            eid
            for cit in ctx.scan.citations
            if cit.doc_no and cit.doc_no.endswith(f"〕{number}号")
            for eid in [_entity_of(lk, cit)]
            if eid
        }
        if len(hits) == 1:
            target, alias = hits.pop(), ref
    else:
        inner = ref.strip("《》")
        if inner in declared:
            target = declared[inner]
        else:
            for title, eid in reversed(recent):
                if title.endswith(inner) and len(inner) >= 2:
                    target = eid
                    break
    if target is None:
        return
    if alias:
        lk.alias(target, alias)
    lk.entity(Entity(target, lk.kg.entity(target).name, "document", [], {}, [c.clause_id]))  # type: ignore[union-attr]
    lk.edge(ctx.entity_id, target, "cites", [c.clause_id])


def _entity_of(lk: Linker, c: Citation) -> str | None:
    """The first document entity whose number or an alias is the citation's number."""
    for key in c.keys:
        if key.startswith("no:"):
            hit = lk.doc_by_key.get(key[3:])
            if hit is not None:
                return hit[1]
    return None


# ------------------------------------------------------------------ programs


def _issuers_of_doc_no(gaz: Gazetteer, doc_no: str) -> list[str]:
    prefix = doc_no.split("〔", 1)[0]
    for row in data_rows("doc_no_issuers.tsv"):
        if row[0] == prefix:
            return [n.strip() for n in row[1].split(",")]
    m = re.fullmatch(r"(?P<abbr>.)委(?P<kind>办发|发)", prefix)
    if m:
        region = gaz.region_of_abbrev(m["abbr"])
        if region is not None:
            committee = f"中共{region.name}委"
            if m["kind"] == "发":
                return [committee]
            # a provincial committee's office is its 办公厅; a city's may be 办公厅 or 办公室: unsaid
            return [committee + "办公厅"] if region.level == "province" else []
    return []
