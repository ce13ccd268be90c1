"""Clause annotations for search: programs, entities, facts, and the acting unit with its region."""

from __future__ import annotations

from collections.abc import Iterable

from graph.linker import Linker
from graph.passes.actors import actor_id
from policykg.model import ClauseAnnotation, Fact


def link(lk: Linker) -> None:
    located: dict[str, list[str]] = {}  # actor → its place: the same few actors on every clause
    # Equal lists are one object: at 200k clauses four lists per annotation, most of them empty
    # or a document's region path, were ~60 MB of the build's peak (nothing changes an
    # annotation's lists once made: they are read by the index and saved)
    shared: dict[tuple[str, ...], list[str]] = {}
    no_facts: list[Fact] = []
    # This is the last pass: what the others left per clause is spent here, and goes as it is
    # spent, so the annotations reuse its memory instead of adding to it (a set per clause)
    lk.found = {}
    lk.kg.forget_merge_sets()  # this pass adds no entity or edge
    for ctx in lk.ctxs:
        doc_actor = actor_id(ctx.scan.acting_kind, ctx.acting_org) if ctx.acting_org else None
        for clause in ctx.clauses:
            org = lk.clause_actor.pop(clause.id, None) or doc_actor
            if org is not None and lk.kg.entity(org) is None:
                org = doc_actor if doc_actor and lk.kg.entity(doc_actor) else None
            lk.kg.annotations[clause.id] = ClauseAnnotation(
                clause_id=clause.id,
                programs=_one(shared, dict.fromkeys(lk.clause_programs.pop(clause.id, ()))),
                entities=_one(shared, sorted(lk.mentions.pop(clause.id, ()))),
                facts=lk.kg.facts_for(clause.id) or no_facts,
                region_path=_one(shared, _region_path(lk, ctx.region_path, org, org != doc_actor, located)),
                organization=org,
            )


def _one(shared: dict[tuple[str, ...], list[str]], items: Iterable[str]) -> list[str]:
    """The list of `items`, the same object as every equal list made before in this pass."""
    key = tuple(items)
    got = shared.get(key)
    if got is None:
        got = shared[key] = list(key)
    return got


def _region_path(
    lk: Linker,
    doc_path: list[str],
    actor: str | None,
    own: bool,
    located: dict[str, list[str]] | None = None,
) -> list[str]:
    """The actor's region (province first) when it says more than the document's: a clause's
    own actor (省委老干部局 in a city's report acts for the province), or the document's actor
    when the document has no region or the actor sits elsewhere or further down. `located`
    caches each actor's place for one pass (this pass adds no entity or edge)."""
    if actor and located is not None and actor in located:
        path = list(located[actor])
    else:
        path = _actor_place(lk, actor)
        if actor and located is not None:
            located[actor] = list(path)
    if not path or (not own and doc_path[: len(path)] == path):
        return list(doc_path)
    return path


def _actor_place(lk: Linker, actor: str | None) -> list[str]:
    path: list[str] = []
    ent = lk.kg.entity(actor) if actor else None
    if ent is not None and ent.type == "region" and ent.attributes.get("known"):
        path = list(ent.attributes.get("path") or [])  # a place acting as a unit
    for n in lk.kg.neighbors(actor) if actor and not path else []:
        if n.relation == "located_in" and n.direction == "out" and n.entity.attributes.get("known"):
            path = list(n.entity.attributes.get("path") or [])
            break
    return path
