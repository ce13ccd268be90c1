"""People named in clauses: accepted names, then every mention of them in the document."""

from __future__ import annotations

from graph.extract.organizations import find_orgs
from graph.extract.people import PersonMention, clean_name, known_name_re
from graph.linker import Linker
from graph.scan import DocCtx
from policykg.model import Clause, Entity


def link_doc(lk: Linker, ctx: DocCtx) -> None:
    clause_by_id = {c.id: c for c in ctx.clauses}
    accepted: dict[str, PersonMention] = {}
    for p in ctx.scan.people:
        accepted.setdefault(p.name, p)
    for p in ctx.scan.people:
        _person(lk, ctx, p, clause_by_id)
    rx = known_name_re(list(accepted) + [clean_name(a) for a in ctx.doc.authors])
    if rx is None:
        return
    for clause in ctx.clauses:
        for m in rx.finditer(clause.search_text):
            name = clean_name(m.group())
            pid = f"person:{name}"
            if lk.kg.entity(pid) is None:
                continue
            lk.entity(Entity(pid, name, "person", [], {}, [clause.id]))
            if not lk.kg.has_edge(ctx.entity_id, pid, "authored_by"):
                lk.edge(ctx.entity_id, pid, "mentions", [clause.id])


def _person(lk: Linker, ctx: DocCtx, p: PersonMention, clause_by_id: dict[str, Clause]) -> None:
    pid = f"person:{p.name}"
    stored = lk.entity(Entity(pid, p.name, "person", [], {}, [p.clause_id]))
    cited = stored.attributes.setdefault("cited_for", [])
    if len(cited) < 5 and all(c.get("clause_id") != p.clause_id for c in cited):
        cited.append(
            {
                "doc_id": ctx.doc.id,
                "clause_id": p.clause_id,
                "role": p.role,
                "unit": ctx.acting_org,  # the unit whose document cites the person
                "text": p.context[:160],
            }
        )
    if p.role and "role" not in stored.attributes:
        stored.attributes["role"] = p.role
    if not lk.kg.has_edge(ctx.entity_id, pid, "authored_by"):
        lk.edge(ctx.entity_id, pid, "mentions", [p.clause_id])
    # an organization written right before the role: 中组部常务副部长姜信治
    clause = clause_by_id.get(p.clause_id)
    if clause is None or not p.role:
        return
    role_start = p.start - len(p.role)
    text = clause.search_text
    window_start = max(0, role_start - 24)
    for m in find_orgs(text[window_start:role_start], ctx.orgs):
        if m.end == role_start - window_start:
            oid = lk.org(m, [p.clause_id])
            lk.edge(pid, oid, "member_of", [p.clause_id])
            stored.attributes.setdefault("office", m.surface + p.role)
