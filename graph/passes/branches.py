"""Party branches: entities located in their region, part of their unit, implementing the
programs their clause says they run."""

from __future__ import annotations

from graph.extract.common import sentence_at
from graph.extract.organizations import normalize_org, org_id
from graph.linker import Linker
from graph.scan import DocCtx
from policykg.model import Entity


def link_doc(lk: Linker, ctx: DocCtx) -> None:
    clause_by_id = {c.id: c for c in ctx.clauses}
    for b in ctx.scan.branches:
        bid = f"branch:{b.name}"
        region = b.region or (ctx.chain[-1] if ctx.chain else None)
        attrs: dict[str, object] = {}
        if region is not None:
            attrs["region"] = region.name
        if b.organization:
            attrs["organization"] = b.organization
        aliases = [b.surface] if b.surface != b.name else []
        lk.entity(Entity(bid, b.name, "branch", aliases, attrs, [b.clause_id]))
        if region is not None:
            rid = lk.region(region, [b.clause_id])
            lk.edge(bid, rid, "located_in", [b.clause_id])
        if b.organization:
            # the unit written before the branch may be named nowhere else (江门市公安局)
            oid = org_id(b.organization)
            if lk.kg.entity(oid) is None:
                oid = lk.org(normalize_org(b.organization, ctx.orgs), [b.clause_id])
            lk.edge(bid, oid, "part_of", [b.clause_id])
        clause = clause_by_id.get(b.clause_id)
        if clause is None:
            continue
        _s, e = sentence_at(clause.search_text, b.start)
        subject_of_clause = b.start <= 30
        for pid, ps, _pe in lk.found.get(b.clause_id, []):
            if ps < b.end:
                continue
            if (ps < e or subject_of_clause) and lk.program_live(pid):
                lk.edge(bid, pid, "implements", [b.clause_id])
