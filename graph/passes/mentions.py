"""Concepts, other regions named in a document's clauses, and the provisions (facts)."""

from __future__ import annotations

from graph.linker import Linker
from graph.scan import DocCtx
from policykg.model import Entity


def link_doc(lk: Linker, ctx: DocCtx) -> None:
    for c in ctx.scan.concepts:
        cid = f"concept:{c.name}"
        lk.entity(Entity(cid, c.name, "concept", [], {}, [c.clause_id]))
        lk.edge(ctx.entity_id, cid, "mentions", [c.clause_id])
    own = {r.code for r in ctx.chain}
    for clause_id, codes in ctx.scan.regions:
        # the gazetteer's own objects, not a worker's pickled copies
        for region in filter(None, map(lk.gaz.get, codes)):
            rid = lk.region(region, [clause_id])
            if region.code not in own:
                lk.edge(ctx.entity_id, rid, "mentions", [clause_id])
    for f in ctx.scan.facts:
        lk.kg.add_fact(f)
