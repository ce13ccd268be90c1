"""Who launches a program and who implements it: documents (title or 简称 definition, cited
titles), sub-brands with their parent, and the units or branches a clause names as doing it."""

from __future__ import annotations

import re
from collections import defaultdict

from graph.extract.common import sentence_at, squeeze
from graph.extract.organizations import org_id
from graph.extract.programs import title_launch_quotes
from graph.extract.regions import find_regions, region_id
from graph.linker import Linker
from graph.passes.actors import actor_id
from graph.passes.programs import launched_by_doc, program_for_quote
from graph.scan import DocCtx
from graph.store import KnowledgeGraph
from policykg.model import Clause

_LEVEL_RANK = {"province": 0, "city": 1, "county": 2, "town": 3}
_IMPLEMENT_CUE_RE = re.compile(
    "开展|落实|贯彻|推进|实施|打造|创建|创立|依托|抓好|参加|参与|推行|建立|成立|开设|设立|搭建|深化|擦亮|叫响|"
    "围绕|根据|按照|结合|争当|评选|制作|组建|以.{0,40}为(?:契机|载体|抓手|主题)"
)


def link(lk: Linker) -> None:
    _launches(lk)
    _implements(lk)


def _launches(lk: Linker) -> None:
    # candidates: corpus documents (title or 简称 definition) and cited documents (title)
    cands: dict[str, list[tuple[tuple[int, int, str, int], str, list[str]]]] = defaultdict(list)
    found_in = _clauses_by_doc(lk.found)
    by_title = _documents_by_title(lk.kg)
    for ctx in lk.ctxs:
        level = _LEVEL_RANK.get(ctx.chain[-1].level, 4) if ctx.chain else 4
        for pid in launched_by_doc(lk, ctx):
            ev = [cid for cid in found_in.get(ctx.doc.id, ()) if any(h[0] == pid for h in lk.found[cid])]
            cands[pid].append(
                ((0, level, ctx.doc.date or "9999", ctx.index), ctx.entity_id, ev[:3] or ctx.first_clause)
            )
        for c in ctx.scan.citations:
            if not c.title:
                continue
            eid = by_title.get(c.title)
            if eid is None or eid == ctx.entity_id:
                continue
            target = lk.kg.entity(eid)
            if target is None or target.attributes.get("corpus"):
                continue  # a corpus document speaks for itself above
            for q in title_launch_quotes(squeeze(c.title)):
                pid = program_for_quote(lk, q, c.title)
                if pid:
                    region = target.attributes.get("region")
                    lvl = 4
                    if region:
                        rs = lk.gaz.lookup(region)
                        lvl = _LEVEL_RANK.get(rs[0].level, 4) if rs else 4
                    cands[pid].append(((1, lvl, "9999", ctx.index), eid, [c.clause_id]))
    for pid, lst in cands.items():
        lst.sort(key=lambda x: x[0])
        _rank, launcher, ev = lst[0]
        lk.launcher[pid] = launcher
        lk.edge(launcher, pid, "launches", ev)
        ent = lk.kg.entity(pid)
        doc_ent = lk.kg.entity(launcher)
        if ent is not None and doc_ent is not None:
            ent.attributes["launched_by"] = launcher
            if doc_ent.attributes.get("region"):
                ent.attributes["region"] = doc_ent.attributes["region"]
        # other candidates carry the program out in their own place (振兴区's own 方案)
        for _rank2, other, ev2 in lst[1:]:
            if other != launcher:
                lk.edge(other, pid, "implements", ev2)
    # sub-brands come with their parent: the document that enumerates them launches them too
    for edge in lk.kg.edges("part_of"):
        child, parent = edge.source, edge.target
        ent = lk.kg.entity(child)
        if ent is None or ent.type != "program" or child in lk.launcher or parent not in lk.launcher:
            continue
        launcher = lk.launcher[parent]
        lk.launcher[child] = launcher
        if ent.attributes.get("component_of"):
            continue
        doc_id = launcher.removeprefix("document:")
        own = [c for c in edge.evidence if c.startswith(doc_id + ":")]
        if own:
            lk.edge(launcher, child, "launches", own)
            ent.attributes.setdefault("launched_by", launcher)


def _implements(lk: Linker) -> None:
    launcher_orgs: dict[str, set[str]] = defaultdict(set)
    for pid, launcher in lk.launcher.items():
        for n in lk.kg.neighbors(launcher):
            if n.relation == "issued_by" and n.direction == "out":
                launcher_orgs[pid].add(n.entity.id)
    for ctx in lk.ctxs:
        acting = actor_id(ctx.scan.acting_kind, ctx.acting_org) if ctx.acting_org else None
        own_regions = {r.code for r in ctx.chain}
        for clause in ctx.clauses:
            text = clause.search_text
            for pid, start, _end in lk.found.get(clause.id, []):
                if lk.launcher.get(pid) == ctx.entity_id:
                    continue
                ent = lk.kg.entity(pid)
                if ent is None or ent.attributes.get("component_of"):
                    continue
                s, e = sentence_at(text, start)
                if not _IMPLEMENT_CUE_RE.search(text[s:e]):
                    lk.edge(ctx.entity_id, pid, "mentions", [clause.id])
                    continue
                if acting and acting in launcher_orgs.get(pid, set()):
                    lk.edge(ctx.entity_id, pid, "mentions", [clause.id])
                    continue
                other = _other_actor(lk, ctx, clause, s, start, acting, own_regions)
                if other is not None:
                    # 丹东市实施“三建三联三促进” in a provincial speech: someone else's practice
                    lk.edge(ctx.entity_id, pid, "mentions", [clause.id])
                    if other.startswith("organization:") and lk.kg.entity(other) is None:
                        lk.deferred.append((other, pid, "implements", [clause.id]))
                    elif other.startswith("organization:"):
                        lk.edge(other, pid, "implements", [clause.id])
                    continue
                lk.edge(ctx.entity_id, pid, "implements", [clause.id])
                own = lk.clause_actor.get(clause.id)
                if own and own.startswith("organization:") and lk.kg.entity(own) is not None:
                    lk.edge(own, pid, "implements", [clause.id])  # the unit the clause opens with
                elif acting and (ctx.doc.author_unit or ctx.acting_org != ctx.metadata_unit):
                    # an article's unit, or the unit a report is about (its opening subject)
                    lk.edge(acting, pid, "implements", [clause.id])


def _other_actor(
    lk: Linker, ctx: DocCtx, clause: Clause, s: int, pos: int, acting: str | None, own: set[str]
) -> str | None:
    """A unit, branch or place other than the document's own, written in the sentence before `pos`."""
    for b in ctx.scan.branches:
        if b.clause_id == clause.id and s <= b.start < pos:
            return f"branch:{b.name}"
    for cid, m in ctx.scan.org_mentions:
        same = cid == clause.id and s <= m.start < pos and org_id(m.name) != acting
        if same and (m.region is None or m.region.code not in own):
            return org_id(m.name)
    for hit in find_regions(lk.gaz, clause.search_text[s:pos], ctx.orgs.codes):
        if hit.region.code not in own and not any(lk.gaz.is_within(r, hit.region) for r in ctx.chain):
            return region_id(hit.region)
    return None


# ------------------------------------------------------------------ the rest


def _clauses_by_doc(found: dict[str, list[tuple[str, int, int]]]) -> dict[str, list[str]]:
    """Clause ids of `found` (in its order) under every prefix P with ``id.startswith(P + ":")``:
    the clauses of a document without testing every clause of the corpus per document."""
    out: dict[str, list[str]] = defaultdict(list)
    for cid in found:
        j = cid.find(":")
        while j >= 0:
            out[cid[:j]].append(cid)
            j = cid.find(":", j + 1)
    return out


def _documents_by_title(kg: KnowledgeGraph) -> dict[str, str]:
    """Name or alias → the first document entity (in entity order) that carries it."""
    out: dict[str, str] = {}
    for e in kg.entities("document"):
        for key in (e.name, *e.aliases):
            out.setdefault(key, e.id)
    return out


# ---------------------------------------------------------------------- program merging
