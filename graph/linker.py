"""The linking state shared by the passes: the graph under construction and its helpers.

Every pass (graph.passes) reads the documents' contexts and scans and adds entities and edges
through a `Linker`; what one pass leaves for another (programs found per clause, launchers,
deferred edges) is a field here, named once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graph.extract.organizations import OrgMention, org_entity, org_id
from graph.extract.regions import region_entity, region_id
from graph.scan import DocCtx
from graph.store import KnowledgeGraph
from policykg.gazetteer import Gazetteer, Region
from policykg.model import Entity

_MAX_REGION_EVIDENCE = 8


@dataclass
class Linker:
    gaz: Gazetteer
    ctxs: list[DocCtx]
    kg: KnowledgeGraph = field(default_factory=KnowledgeGraph)
    mentions: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # clause → ids
    clause_programs: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    launcher: dict[str, str] = field(default_factory=dict)  # program id → launching document id
    program_ids: dict[str, str] = field(default_factory=dict)  # name key → program id
    # (owner, name key) → program id: what a name means in documents of that owner (province)
    owner_program_ids: dict[tuple[str, str], str] = field(default_factory=dict)
    # clause id → (program id, start, end) of every program named in it
    found: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    # clause id → acting unit or branch entity id, where the clause names its own actor
    clause_actor: dict[str, str] = field(default_factory=dict)
    # edges from a unit whose entity is only made in the units pass (it is named in a clause but
    # issues nothing): added once that pass has made it
    deferred: list[tuple[str, str, str, list[str]]] = field(default_factory=list)
    # document entities in creation order, and doc number / alias → (rank, id) of the first
    # document entity carrying it: a citation's target without a scan of every entity
    doc_rank: dict[str, int] = field(default_factory=dict)
    doc_by_key: dict[str, tuple[int, str]] = field(default_factory=dict)

    by_id: dict[str, DocCtx] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {c.doc.id: c for c in self.ctxs}

    def entity(self, e: Entity) -> Entity:
        stored = self.kg.add_entity(e)
        for cid in e.evidence:
            self.mentions[cid].add(e.id)
        if stored.type == "document":
            self._index_document(stored)
        return stored

    def alias(self, entity_id: str, alias: str) -> None:
        self.kg.add_alias(entity_id, alias)
        stored = self.kg.entity(entity_id)
        if stored is not None and stored.type == "document":
            self._index_document(stored)

    def _index_document(self, stored: Entity) -> None:
        """Record a document entity's number and aliases. Both only ever grow (a doc_no is set
        once, aliases are never removed), so the first entity by rank stays the first."""
        rank = self.doc_rank.setdefault(stored.id, len(self.doc_rank))
        for key in (stored.attributes.get("doc_no"), *stored.aliases):
            if key and isinstance(key, str):
                best = self.doc_by_key.get(key)
                if best is None or rank < best[0]:
                    self.doc_by_key[key] = (rank, stored.id)

    def edge(self, source: str, target: str, relation: str, evidence: list[str]) -> None:
        if source == target:
            return
        self.kg.link(source, target, relation, evidence)

    def region(self, region: Region, evidence: list[str]) -> str:
        """A region entity with its part_of chain up to the province."""
        prev: str | None = None
        for r in self.gaz.ancestors(region.code):
            rid = region_id(r)
            if self.kg.entity(rid) is None:  # adding it again would change nothing
                self.kg.add_entity(region_entity(self.gaz, r))
            # the hierarchy comes from the gazetteer; a few clauses naming the region are enough
            # evidence, however often it is mentioned
            if prev is not None and len(self.kg.edge_evidence(rid, prev, "part_of")) < _MAX_REGION_EVIDENCE:
                self.edge(rid, prev, "part_of", evidence)
            prev = rid
        self.entity(region_entity(self.gaz, region, evidence))
        return region_id(region)

    def org(self, m: OrgMention, evidence: list[str], located_evidence: list[str] | None = None) -> str:
        oid = org_id(m.name)
        self.entity(org_entity(m, evidence))
        if m.region is not None:
            rid = self.region(m.region, located_evidence or evidence)
            self.edge(oid, rid, "located_in", located_evidence or evidence)
        return oid

    def program_live(self, pid: str) -> bool:
        """A program entity that is not a component scoped to its parent."""
        ent = self.kg.entity(pid)
        return ent is not None and not ent.attributes.get("component_of")
