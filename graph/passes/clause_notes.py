"""Clause annotations for search: programs, entities, facts, and the acting unit with its region."""

from __future__ import annotations

from graph.extract.organizations import org_id
from graph.linker import Linker
from policykg.model import ClauseAnnotation


def link(lk: Linker) -> None:
    for ctx in lk.ctxs:
        org = org_id(ctx.acting_org) if ctx.acting_org else None
        for clause in ctx.clauses:
            lk.kg.annotations[clause.id] = ClauseAnnotation(
                clause_id=clause.id,
                programs=list(dict.fromkeys(lk.clause_programs.get(clause.id, []))),
                entities=sorted(lk.mentions.get(clause.id, set())),
                facts=lk.kg.facts_for(clause.id),
                region_path=list(ctx.region_path),
                organization=org,
            )
