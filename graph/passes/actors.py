"""Acting units: the document's actor and each clause's own actor as entities, located in their
regions; `Linker.clause_actor` says who acted in a clause (for search annotations and precedents)."""

from __future__ import annotations

from graph.extract.organizations import normalize_org, org_id
from graph.linker import Linker
from graph.scan import DocCtx
from policykg.model import Entity


def actor_id(kind: str, name: str) -> str:
    """A branch, a unit, or a place acting as a unit (its region entity: 黑水县组织…)."""
    if kind == "place":
        return f"region:{name}"
    return f"branch:{name}" if kind == "branch" else org_id(name)


def link(lk: Linker) -> None:
    for ctx in lk.ctxs:
        link_doc(lk, ctx)


def link_doc(lk: Linker, ctx: DocCtx) -> None:
    first = {}
    for cid, kind, name in ctx.scan.actors:
        first.setdefault((kind, name), cid)
        lk.clause_actor[cid] = actor_id(kind, name)
    acting = ctx.scan.acting_org
    place = lk.gaz.get(acting) if acting and ctx.scan.acting_kind == "place" else None
    if place is not None:
        lk.region(place, ctx.first_clause)
    if acting and ctx.scan.acting_kind == "branch" and lk.kg.entity(f"branch:{acting}") is None:
        # made here (the branches pass runs later): with the place of its mention, if any
        mention = next((b for b in ctx.scan.branches if b.name == acting), None)
        region = (mention.region if mention else None) or (ctx.chain[-1] if ctx.chain else None)
        ev = [mention.clause_id] if mention else ctx.first_clause
        attrs = {"region": region.name} if region else {}
        lk.entity(Entity(f"branch:{acting}", acting, "branch", [], attrs, ev))
        if region is not None:
            lk.edge(f"branch:{acting}", lk.region(region, ev), "located_in", ev)
    if acting and ctx.scan.acting_kind == "organization" and lk.kg.entity(org_id(acting)) is None:
        ev = [first.get(("organization", acting))] if ("organization", acting) in first else ctx.first_clause
        lk.org(normalize_org(acting, ctx.orgs), ev)
    for kind, name in first:
        place = lk.gaz.get(name) if kind == "place" else None
        if place is not None:
            lk.region(place, [first[(kind, name)]])
        if kind == "organization":
            # the evidence of a clause actor is every clause it opens
            ev = [c for c, k, n in ctx.scan.actors if (k, n) == (kind, name)]
            lk.org(normalize_org(name, ctx.orgs), ev)
