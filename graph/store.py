"""The knowledge graph store: a networkx MultiDiGraph behind a small interface of our own.

Nodes are entity ids (the `Entity` object is kept in a dict beside the graph), edges are keyed by
relation so the same (source, target, relation) triple is one edge whose evidence grows. The
store also keeps the per-clause annotations and facts the search index and the comparison view
need. Finding entities by name is `graph.namelookup`; the saved file (`save` writes one JSON file
atomically, `load` checks its format version) is `graph.graphfile`; both are mixins of
`KnowledgeGraph`, whose whole API stays here.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.graphfile import FORMAT_VERSION, GraphFile, GraphFormatError  # noqa: F401  (re-exported)
from graph.namelookup import NameLookup, name_key  # noqa: F401  (re-exported: the program passes use it)
from policykg.model import ClauseAnnotation, Edge, Entity, Fact


@dataclass(frozen=True)
class Neighbor:
    relation: str
    direction: str  # "out" (this entity is the source) | "in"
    entity: Entity
    evidence: list[str]


@dataclass(frozen=True)
class PathStep:
    source: str
    relation: str
    target: str
    evidence: list[str]


def _merge_unique(into: list[str], values: Iterable[str], seen: set[str] | None = None) -> None:
    """Append the values not yet in `into`; `seen` is the set of `into`'s items when known."""
    if seen is None:
        seen = set(into)
    for v in values:
        if v and v not in seen:
            into.append(v)
            seen.add(v)


class KnowledgeGraph(NameLookup, GraphFile):
    """Entities, evidence-carrying edges, clause annotations and facts. `lookup` is NameLookup's
    (graph.namelookup); `save`, `load`, `to_dict` and `from_dict` are GraphFile's (graph.graphfile)."""

    def __init__(self) -> None:
        self._g: nx.MultiDiGraph = nx.MultiDiGraph()
        self._entities: dict[str, Entity] = {}
        self.annotations: dict[str, ClauseAnnotation] = {}
        self._facts: dict[str, list[Fact]] = {}
        self._index: dict[str, list[tuple[int, str]]] | None = None  # key → [(0 name | 1 alias, id)]
        # The items of evidence lists as sets, so that merging into a long list (a region named in
        # thousands of clauses) does not rebuild its set every time. Keyed by entity id or edge
        # triple; trusted only while the list's length matches (lists only grow here).
        self._seen: dict[str | tuple[str, str, str], set[str]] = {}

    # ------------------------------------------------------------------ building
    def add_entity(self, entity: Entity) -> Entity:
        """Add or merge (aliases, evidence, attributes not yet set) and return the stored entity."""
        self._index = None
        stored = self._entities.get(entity.id)
        if stored is None:
            stored = Entity(
                id=entity.id,
                name=entity.name,
                type=entity.type,
                aliases=[],
                attributes=dict(entity.attributes),
                evidence=[],
            )
            self._entities[entity.id] = stored
            self._g.add_node(entity.id)
        else:
            for k, v in entity.attributes.items():
                if k not in stored.attributes or stored.attributes[k] in (None, "", [], {}):
                    stored.attributes[k] = v
        _merge_unique(stored.aliases, [a for a in entity.aliases if a != stored.name])
        if entity.evidence:
            _merge_unique(stored.evidence, entity.evidence, self._seen_of(entity.id, stored.evidence))
        return stored

    def _seen_of(self, key: str | tuple[str, str, str], items: list[str]) -> set[str]:
        seen = self._seen.get(key)
        if seen is None or len(seen) != len(items):
            seen = self._seen[key] = set(items)
        return seen

    def forget_merge_sets(self) -> None:
        """Drop the evidence sets kept for merging (rebuilt when a merge needs them): ~15% of a
        graph's memory, which a build no longer needs once the last edge is added."""
        self._seen = {}

    def add_alias(self, entity_id: str, alias: str) -> None:
        ent = self._entities[entity_id]
        if alias and alias != ent.name and alias not in ent.aliases:
            ent.aliases.append(alias)
            self._index = None

    def add_edge(self, source: str, target: str, relation: str, evidence: Iterable[str]) -> Edge:
        """Add or merge an edge; both ends must exist. Self loops are refused (they say nothing)."""
        data = self._merge_edge(source, target, relation, evidence)
        return Edge(source=source, target=target, relation=relation, evidence=list(data["evidence"]))  # type: ignore[arg-type]

    def link(self, source: str, target: str, relation: str, evidence: Iterable[str]) -> None:
        """`add_edge` without building the returned Edge (a copy of all its evidence)."""
        self._merge_edge(source, target, relation, evidence)

    def _merge_edge(self, source: str, target: str, relation: str, evidence: Iterable[str]) -> dict[str, Any]:
        if source not in self._entities or target not in self._entities:
            raise KeyError(f"unknown entity in edge {source} -{relation}-> {target}")
        if source == target:
            raise ValueError(f"self loop {source} -{relation}->")
        key = (source, target, relation)
        if self._g.has_edge(source, target, key=relation):
            data: dict[str, Any] = self._g.edges[source, target, relation]
            _merge_unique(data["evidence"], evidence, self._seen_of(key, data["evidence"]))
        else:
            self._g.add_edge(
                source, target, key=relation, evidence=list(dict.fromkeys(e for e in evidence if e))
            )
            data = self._g.edges[source, target, relation]
            self._seen.pop(key, None)
        return data

    def remove_entity(self, entity_id: str) -> None:
        if entity_id in self._entities:
            del self._entities[entity_id]
            self._g.remove_node(entity_id)
            self._index = None
            self._seen = {}

    def add_fact(self, fact: Fact) -> None:
        facts = self._facts.setdefault(fact.clause_id, [])
        if all(f.text != fact.text or f.kind != fact.kind for f in facts):
            facts.append(fact)

    # ------------------------------------------------------------------ reading
    def entity(self, entity_id: str) -> Entity | None:
        return self._entities.get(entity_id)

    def entities(self, type: str | None = None) -> list[Entity]:
        return [e for e in self._entities.values() if type is None or e.type == type]

    def edges(self, relation: str | None = None) -> list[Edge]:
        return [
            Edge(source=s, target=t, relation=k, evidence=list(d["evidence"]))
            for s, t, k, d in self._g.edges(keys=True, data=True)
            if relation is None or k == relation
        ]

    def has_edge(self, source: str, target: str, relation: str) -> bool:
        return self._g.has_edge(source, target, key=relation)

    def edge_evidence(self, source: str, target: str, relation: str) -> list[str]:
        if not self._g.has_edge(source, target, key=relation):
            return []
        return list(self._g.edges[source, target, relation]["evidence"])

    def neighbors(self, entity_id: str) -> list[Neighbor]:
        """All edges touching the entity, outgoing first, each with the entity at the other end."""
        if entity_id not in self._entities:
            return []
        out: list[Neighbor] = []
        for _, t, k, d in self._g.out_edges(entity_id, keys=True, data=True):
            out.append(Neighbor(k, "out", self._entities[t], list(d["evidence"])))
        for s, _, k, d in self._g.in_edges(entity_id, keys=True, data=True):
            out.append(Neighbor(k, "in", self._entities[s], list(d["evidence"])))
        return out

    def path(self, a: str, b: str, max_len: int = 4, avoid_types: Iterable[str] = ()) -> list[PathStep]:
        """Shortest connection between two entities (edges walked in either direction), or [].
        `avoid_types`: entity types the path may not pass through (the ends may be of them)."""
        if a not in self._entities or b not in self._entities or a == b:
            return []
        undirected = self._g.to_undirected(as_view=True)
        avoid = set(avoid_types)
        if avoid:
            entities = self._entities

            def allowed(n: str) -> bool:
                e = entities.get(n)
                return n in (a, b) or e is None or e.type not in avoid

            undirected = nx.subgraph_view(undirected, filter_node=allowed)
        try:
            nodes = nx.shortest_path(undirected, a, b)
        except nx.NetworkXNoPath:
            return []
        if len(nodes) - 1 > max_len:
            return []
        steps: list[PathStep] = []
        for u, v in itertools.pairwise(nodes):
            if self._g.has_edge(u, v):
                rel, data = next(iter(self._g.get_edge_data(u, v).items()))
                steps.append(PathStep(u, rel, v, list(data["evidence"])))
            else:
                rel, data = next(iter(self._g.get_edge_data(v, u).items()))
                steps.append(PathStep(v, rel, u, list(data["evidence"])))
        return steps

    def subgraph(self, doc_id: str) -> KnowledgeGraph:
        """What one document contributed: edges with evidence in its clauses (or its bulletin
        children's), the entities at their ends, and its annotations and facts."""
        # its clauses, and its articles' ("{id}~nn:"; ingest.ids.CHILD_SEPARATOR): never another
        # document whose id merely starts with "{id}-" (issue 17, D11)
        prefixes = (f"{doc_id}:", f"{doc_id}~")
        sub = KnowledgeGraph()

        def mine(evidence: Iterable[str]) -> list[str]:
            return [c for c in evidence if c.startswith(prefixes)]

        doc_entity = f"document:{doc_id}"
        for s, t, k, d in self._g.edges(keys=True, data=True):
            ev = mine(d["evidence"])
            if not ev and doc_entity not in (s, t):
                continue
            for eid in (s, t):
                e = self._entities[eid]
                sub.add_entity(
                    Entity(e.id, e.name, e.type, list(e.aliases), dict(e.attributes), mine(e.evidence))
                )
            sub.add_edge(s, t, k, ev or list(d["evidence"]))
        for cid, ann in self.annotations.items():
            if cid.startswith(prefixes):
                sub.annotations[cid] = ann
        for cid, facts in self._facts.items():
            if cid.startswith(prefixes):
                sub._facts[cid] = list(facts)
        return sub

    def facts_for(self, clause_id: str) -> list[Fact]:
        return list(self._facts.get(clause_id, []))

    def all_facts(self) -> list[Fact]:
        return [f for facts in self._facts.values() for f in facts]

    def dictionary_terms(self) -> list[str]:
        """Names worth keeping whole in the segmenter: programs, organizations, regions, branches,
        concepts and people, with their aliases (documents and bare numbers are left out)."""
        terms: set[str] = set()
        for e in self._entities.values():
            if e.type == "document":
                continue
            for n in [e.name, *e.aliases]:
                n = n.strip()
                if 2 <= len(n) <= 30 and not n.isdigit() and "*" not in n:
                    terms.add(n)
        return sorted(terms)

    def stats(self) -> dict[str, Any]:
        by_type: dict[str, int] = {}
        for e in self._entities.values():
            by_type[e.type] = by_type.get(e.type, 0) + 1
        by_rel: dict[str, int] = {}
        for _, _, k in self._g.edges(keys=True):
            by_rel[k] = by_rel.get(k, 0) + 1
        return {
            "entities": len(self._entities),
            "edges": self._g.number_of_edges(),
            "facts": sum(len(v) for v in self._facts.values()),
            "annotated_clauses": len(self.annotations),
            "entities_by_type": dict(sorted(by_type.items())),
            "edges_by_relation": dict(sorted(by_rel.items())),
        }
