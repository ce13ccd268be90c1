"""Snapshot: the read model of one generation (documents, graph, index) and its derived views.

A snapshot holds a shared lock on its directory for as long as the object lives (see
service/store.py share_lock), so a writer's prune never deletes it under a request that still
uses it; the lock goes with the last reference.
"""

from __future__ import annotations

import hashlib
import json
import os
import weakref
from collections import Counter
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from policykg.errors import BadQuery
from policykg.model import Clause, ClauseAnnotation, Document, Entity, Fact
from policykg.text import fold
from service import precedents as precedents_mod
from service.citation import Citation, clause_citations
from service.store import PointerState, share_lock
from service.values import Hit, OrgInfo, RegionInfo

if TYPE_CHECKING:
    from service.backend import Backend


def read_documents(path: Path) -> list[Document]:
    docs: list[Document] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                docs.append(Document.from_dict(json.loads(line)))
    return docs


def read_documents_reusing(
    path: Path, known: dict[bytes, Document] | None = None
) -> tuple[list[Document], dict[bytes, Document]]:
    """`read_documents`, taking the Document of a line seen in the previous generation from
    `known` (line digest → Document) instead of parsing it again: a write changes a few lines of
    documents.jsonl, and parsing all of them again was a third of the server's share of each
    write at 12.8k clauses. Returns the documents and their line digests (for the next one).
    Documents of a snapshot are never modified, so generations may share them."""
    known = known or {}
    docs: list[Document] = []
    keys: dict[bytes, Document] = {}
    with open(path, "rb") as fh:
        for raw in fh:
            line = raw.strip()
            if not line:
                continue
            key = hashlib.blake2b(line, digest_size=20).digest()
            doc = known.get(key)
            if doc is None:
                doc = Document.from_dict(json.loads(line.decode("utf-8")))
            keys[key] = doc
            docs.append(doc)
    return docs, keys


def unknown_region_message(name: str) -> str:
    """未知地区 with the closest names the gazetteer knows (a typo, a missing or wrong suffix)."""
    from policykg.gazetteer import default_gazetteer

    close = default_gazetteer().suggest(fold(name))
    if close:
        return f"未知地区：{name}。您是不是要找：{'、'.join(close)}？"
    return f"未知地区：{name}。请输入省、市、县（区）或乡镇的名称，如 辽宁省、沈阳市、和平区、全国。"


def gazetteer_lookup(name: str) -> list[RegionInfo]:
    """Regions of that name in the vendored gazetteer."""
    from policykg.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    out = []
    for region in gaz.lookup(name):
        ref = gaz.ref(region)
        out.append(RegionInfo(ref.id, ref.name, tuple(ref.path) or (ref.name,)))
    return out


class Snapshot:
    """Documents, graph and index of one generation, plus read-only derived views.

    Raises FileNotFoundError when the directory vanished before it could be locked and read.
    """

    def __init__(
        self, state: PointerState, path: Path, backend: Backend, previous: Snapshot | None = None
    ) -> None:
        self.state = state
        self.name = state.name
        self.path = path
        self.backend = backend
        lock_fd = share_lock(path)
        self._release = weakref.finalize(self, os.close, lock_fd)
        try:
            self.manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
            known = previous.line_keys if previous is not None else None
            docs, self.line_keys = read_documents_reusing(path / "documents.jsonl", known)
            self.graph = backend.load_graph(path / "graph.json")
            self.index = backend.open_index(path / "index")
        except BaseException:
            self._release()
            raise
        self.documents: dict[str, Document] = {d.id: d for d in docs}
        self.clauses: dict[str, tuple[Clause, Document]] = {
            c.id: (c, d) for d in self.documents.values() for c in d.clauses
        }
        self.annotations: dict[str, ClauseAnnotation] = dict(self.graph.annotations)
        self._entity_count: int | None = None

    def close(self) -> None:
        self.backend.close_index(self.index)
        self._release()

    def entity_count(self) -> int:
        # counted once per generation: /api/health asks on every probe, and graph.stats() walks
        # every edge (~10 ms at 10k clauses — a replica polled often spent its apply's CPU on it)
        if self._entity_count is None:
            self._entity_count = int(self.graph.stats()["entities"])
        return self._entity_count

    # -- entities ------------------------------------------------------------------------------

    @cached_property
    def entity_list(self) -> list[tuple[Entity, list[str]]]:
        """Every entity with the folded forms of its name and aliases (for substring lookup)."""
        out = []
        for e in self.graph.entities():
            forms = [fold(x, "simplified") for x in [e.name, *e.aliases] if x]
            out.append((e, forms))
        return out

    def find_entities(self, q: str, type: str | None = None) -> list[Entity]:
        """The graph's lookup first (exact name, alias), then every entity whose name or alias
        equals, starts with or contains the folded query (most evidence first)."""
        results: list[Entity] = []
        seen: set[str] = set()
        if q:
            for e in [*self.graph.lookup(q, type=type), *self._typed_regions(q, type)]:
                if e.id not in seen:
                    seen.add(e.id)
                    results.append(e)
        folded = fold(q) if q else ""
        ranked: list[tuple[tuple[int, int, int, str], Entity]] = []
        for e, forms in self.entity_list:
            if e.id in seen or (type and e.type != type):
                continue
            if folded:
                if folded in forms:
                    rank = 0
                elif any(f.startswith(folded) for f in forms):
                    rank = 1
                elif any(folded in f for f in forms):
                    rank = 2
                else:
                    continue
            else:
                rank = 3
            ranked.append(((rank, -len(e.evidence), len(e.name), e.id), e))
        ranked.sort(key=lambda x: x[0])
        results.extend(e for _, e in ranked)
        return results

    def _typed_regions(self, q: str, type: str | None) -> list[Entity]:
        """Region entities of a name the gazetteer knows but the graph may not carry as an alias
        (红河州, a former name such as 富阳市, 全国): by NBS id, else by official name."""
        if type not in (None, "region"):
            return []
        out = []
        for region in gazetteer_lookup(fold(q)):
            ent = self.graph.entity(region.id)
            if ent is None:
                ent = next(
                    (e for e in self.graph.lookup(region.name, type="region") if e.name == region.name), None
                )
            if ent is not None:
                out.append(ent)
        return out

    def resolve_entity(self, ref: str) -> Entity | None:
        """An entity by id, else the best match of the name."""
        ent = self.graph.entity(ref)
        if ent is None:
            found = self.graph.lookup(ref)
            ent = found[0] if found else None
        return ent

    # -- regions and organizations -------------------------------------------------------------

    @cached_property
    def region_refs(self) -> dict[str, RegionInfo]:
        """Every region named by a document's path (and the path prefixes), by name."""
        out: dict[str, RegionInfo] = {}
        for d in self.documents.values():
            if d.region is None:
                continue
            path = tuple(d.region.path) or (d.region.name,)
            for i in range(len(path)):
                name = path[i]
                if name == d.region.name:
                    out.setdefault(name, RegionInfo(d.region.id, name, path[: i + 1]))
                else:
                    out.setdefault(name, RegionInfo(self._region_id(name), name, path[: i + 1]))
        return out

    def _region_id(self, name: str) -> str:
        for e in self.graph.lookup(name, type="region"):
            return e.id
        return f"region:{name}"

    def _region_from_path(self, path: Sequence[str], doc: Document) -> RegionInfo | None:
        if not path:
            return None
        path = tuple(path)
        name = path[-1]
        if doc.region is not None and doc.region.name == name:
            return RegionInfo(doc.region.id, name, path)
        known = self.region_refs.get(name)
        if known is not None:
            return RegionInfo(known.id, name, path)
        return RegionInfo(self._region_id(name), name, path)

    def clause_region(self, clause_id: str) -> RegionInfo | None:
        """The region of the unit that acted (annotation first, then the document's region)."""
        _clause, doc = self.clauses[clause_id]
        ann = self.annotations.get(clause_id)
        if ann is not None and ann.region_path:
            return self._region_from_path(ann.region_path, doc)
        if doc.region is not None:
            return RegionInfo(doc.region.id, doc.region.name, tuple(doc.region.path) or (doc.region.name,))
        return None

    def clause_region_path(self, clause_id: str) -> tuple[str, ...]:
        region = self.clause_region(clause_id)
        return region.path if region else ()

    def clause_organization(self, clause_id: str) -> OrgInfo | None:
        _clause, doc = self.clauses[clause_id]
        ann = self.annotations.get(clause_id)
        candidates = [ann.organization if ann else None, doc.author_unit, *(doc.issuers or [])]
        for cand in candidates:
            if not cand:
                continue
            ent = self.graph.entity(cand) if ":" in cand else None
            if ent is not None:
                return OrgInfo(ent.id, ent.name)
            found = self.graph.lookup(cand, type="organization")
            if found:
                return OrgInfo(found[0].id, found[0].name)
            return OrgInfo(f"organization:{cand}", cand)
        return None

    def resolve_region(self, name: str) -> RegionInfo:
        """A region the user named (辽宁省, 辽宁, 枣庄, 北京市).

        Regions of the documents first, then the graph's region entities (exact name or alias),
        then the gazetteer (a real region without documents gets an empty column, not an error);
        a name nobody knows is a BadQuery.
        """
        folded = fold(name.strip())
        if folded in self.region_refs:
            return self.region_refs[folded]
        for e in self.graph.lookup(folded, type="region"):
            if folded != e.name and folded not in e.aliases:
                continue  # the graph's lookup also returns partial matches
            if e.name in self.region_refs:
                return self.region_refs[e.name]
            path = tuple(e.attributes.get("path") or ()) or (e.name,)
            return RegionInfo(e.id, e.name, path)
        known = gazetteer_lookup(folded)
        if known:
            with_docs = [r for r in known if r.name in self.region_refs]
            return self.region_refs[with_docs[0].name] if with_docs else known[0]
        # Short names without the suffix: 枣庄 → 枣庄市.
        matches = [
            r for n, r in self.region_refs.items() if n.startswith(folded) and len(n) - len(folded) <= 3
        ]
        if len(matches) == 1:
            return matches[0]
        raise BadQuery(unknown_region_message(name.strip()))

    # -- clauses: facts, programs, candidates --------------------------------------------------

    def facts(self, clause_id: str) -> list[Fact]:
        ann = self.annotations.get(clause_id)
        if ann is not None and ann.facts:
            return list(ann.facts)
        return self.graph.facts_for(clause_id)

    def programs(self, clause_id: str) -> list[str]:
        ann = self.annotations.get(clause_id)
        return list(ann.programs) if ann else []

    @cached_property
    def document_programs(self) -> dict[str, set[str]]:
        """doc id → the programs its clauses name (related documents of the library)."""
        out: dict[str, set[str]] = {}
        for cid, (_clause, doc) in self.clauses.items():
            progs = self.programs(cid)
            if progs:
                out.setdefault(doc.id, set()).update(progs)
        return out

    @cached_property
    def region_programs(self) -> dict[str, Counter[str]]:
        """For each region name: weights of the programs named in its clauses (and its sub-regions').

        A program counts once per clause naming it, doubled when a document of that region
        launches it (the region's own brand), halved when it is a part of another program (the
        parts of a mechanism are not the brand).
        """
        mentions: dict[str, Counter[str]] = {}
        for cid in self.clauses:
            progs = self.programs(cid)
            if not progs:
                continue
            for name in self.clause_region_path(cid):
                mentions.setdefault(name, Counter()).update(progs)
        roles = {p: self._program_role(p) for c in mentions.values() for p in c}
        out: dict[str, Counter[str]] = {}
        for region, counts in mentions.items():
            weighted: Counter[str] = Counter()
            for program, n in counts.items():
                launched_in, is_part = roles[program]
                w = float(n)
                if region in launched_in:
                    w *= 2.0
                if is_part:
                    w *= 0.5
                weighted[program] = w
            out[region] = weighted
        return out

    def _program_role(self, name: str) -> tuple[set[str], bool]:
        """(regions whose documents launch the program, whether it is part of another program)."""
        found = self.graph.lookup(name, type="program")
        if not found:
            return set(), False
        launched_in: set[str] = set()
        is_part = False
        for n in self.graph.neighbors(found[0].id):
            if n.relation == "part_of" and n.direction == "out" and n.entity.type == "program":
                is_part = True
            if n.relation == "launches" and n.direction == "in":
                doc_id = n.entity.id.removeprefix("document:")
                doc = self.documents.get(doc_id)
                if doc is not None and doc.region is not None:
                    launched_in.update(doc.region.path or (doc.region.name,))
        return launched_in, is_part

    # -- citations -----------------------------------------------------------------------------

    @cached_property
    def _citations(self) -> dict[str, dict[str, Citation]]:
        return {}  # doc id → its clauses' citations, made on first use (a generation never changes)

    def citations(self, doc_id: str) -> dict[str, Citation]:
        """Every clause's citation of one document (service/citation.py), computed once."""
        got = self._citations.get(doc_id)
        if got is None:
            doc = self.documents[doc_id]
            parent = self.documents.get(doc.parent_id) if doc.parent_id else None
            got = self._citations.setdefault(doc_id, clause_citations(doc, parent))
        return got

    def citation(self, clause_id: str) -> dict[str, str | None] | None:
        found = self.clauses.get(clause_id)
        if found is None:
            return None
        cite = self.citations(found[1].id).get(clause_id)
        return cite.to_dict() if cite else None

    def candidate(self, hit: Hit) -> precedents_mod.Candidate | None:
        found = self.clauses.get(hit.clause_id)
        if found is None:
            return None
        clause, doc = found
        return precedents_mod.Candidate(
            clause=clause,
            document=doc,
            score=hit.score,
            region=self.clause_region(clause.id),
            organization=self.clause_organization(clause.id),
            programs=self.programs(clause.id),
            facts=self.facts(clause.id),
            highlight=hit.highlight,
        )
