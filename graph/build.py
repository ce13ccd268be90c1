"""documents → linked entities: `build_graph(docs) -> KnowledgeGraph`.

The build is deterministic and runs in passes over all documents, because some links need the
whole corpus: a program named in one document is launched by another; a cited title may be a
corpus document; a short form (红枫行动) merges with its full name (支部力量·红枫行动).

1. documents, their regions (covers) and metadata units and people (issued_by, authored_by)
2. per clause: citations, programs/concepts, units, branches, people, facts, regions
3. citations → document entities (corpus or external) with cites / issued_by
4. programs → merged entities with part_of, launches, implements (documents, units, branches)
5. the rest → entities with evidence; clause annotations for search
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from graph.extract.branches import BranchMention, find_branches
from graph.extract.citations import Citation, find_citations, inner_title, title_key
from graph.extract.common import data_rows, display_name, sentence_at, squeeze
from graph.extract.facts import find_facts
from graph.extract.organizations import (
    OrgContext,
    OrgMention,
    find_orgs,
    normalize_org,
    org_entity,
    org_id,
)
from graph.extract.people import PersonMention, clean_name, find_people, known_name_re
from graph.extract.programs import (
    ComponentList,
    ConceptMention,
    ProgramMention,
    enumerations,
    find_programs,
    item_sentences,
    title_launch_quotes,
)
from graph.extract.regions import chain_of, find_regions, region_entity, region_id, unknown_region_entity
from graph.store import KnowledgeGraph, name_key
from ingest.metadata import normalize_doc_no
from policykg.gazetteer import Gazetteer, Region
from policykg.model import Clause, ClauseAnnotation, Document, Entity, Fact

_LEVEL_RANK = {"province": 0, "city": 1, "county": 2, "town": 3}
_MAX_REGION_EVIDENCE = 8
_IMPLEMENT_CUE_RE = re.compile(
    "开展|落实|贯彻|推进|实施|打造|创建|创立|依托|抓好|参加|参与|推行|建立|成立|开设|设立|搭建|深化|擦亮|叫响|"
    "围绕|根据|按照|结合|争当|评选|制作|组建|以.{0,40}为(?:契机|载体|抓手|主题)"
)


@dataclass
class DocCtx:
    doc: Document
    index: int
    chain: tuple[Region, ...]
    orgs: OrgContext
    region_path: list[str]
    clauses: list[Clause]
    acting_org: str | None = None  # canonical name of the unit acting in this document
    programs: list[ProgramMention] = field(default_factory=list)
    concepts: list[ConceptMention] = field(default_factory=list)
    components: list[ComponentList] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    org_mentions: list[tuple[str, OrgMention]] = field(default_factory=list)  # (clause_id, mention)
    branches: list[BranchMention] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    @property
    def entity_id(self) -> str:
        return f"document:{self.doc.id}"

    @property
    def first_clause(self) -> list[str]:
        return [self.clauses[0].id] if self.clauses else []

    def clause_with(self, needle: str) -> list[str]:
        """The first clause whose text contains `needle` (for metadata edges), else the first clause."""
        key = squeeze(needle)
        for c in self.clauses:
            if key and key in c.search_text:
                return [c.id]
        return self.first_clause


@dataclass
class DocScan:
    """What the per-document pass finds in one document: pure, so it can run in a worker process
    and come back pickled (`scan_documents`). The linking passes stay serial."""

    doc_id: str
    acting_org: str | None
    programs: list[ProgramMention]
    concepts: list[ConceptMention]
    components: list[ComponentList]
    citations: list[Citation]
    org_mentions: list[tuple[str, OrgMention]]
    branches: list[BranchMention]
    people: list[PersonMention]
    facts: list[Fact]
    regions: list[tuple[str, list[str]]]  # (clause id, codes of the regions named in it)


def build_graph(
    docs: list[Document], gazetteer: Gazetteer | None = None, *, scans: list[DocScan] | None = None
) -> KnowledgeGraph:
    """The graph of `docs`. `scans`: the per-document pass already made by `scan_documents`
    (e.g. in worker processes, with the same gazetteer), one per document; the graph is the same.

    The per-document scans are not mapped over a pool here: shipping the documents to workers
    and the mentions back cost about as much as the scans (measured at 10k clauses: 1.1 s of
    scans, 1.4 s through a 2-process pool); `service.backend` runs them in the ingest workers,
    where the documents already are.
    """
    return _Builder(docs, gazetteer or Gazetteer.default(), scans).build()


def scan_documents(docs: list[Document], gazetteer: Gazetteer | None = None) -> list[DocScan]:
    """The per-document pass over `docs` (a bulletin's articles with their bulletin)."""
    b = _Builder(docs, gazetteer or Gazetteer.default())
    b._contexts()
    for ctx in b.ctxs:
        b._document(ctx)  # sets acting_org, which the scan reads; its entities are thrown away
    out = []
    for ctx in b.ctxs:
        b._scan(ctx)
        regions = [
            (c.id, [h.region.code for h in find_regions(b.gaz, c.search_text, ctx.orgs.codes)])
            for c in ctx.clauses
        ]
        out.append(
            DocScan(
                ctx.doc.id,
                ctx.acting_org,
                ctx.programs,
                ctx.concepts,
                ctx.components,
                ctx.citations,
                ctx.org_mentions,
                ctx.branches,
                ctx.people,
                ctx.facts,
                regions,
            )
        )
    return out


class _Builder:
    def __init__(self, docs: list[Document], gaz: Gazetteer, scans: list[DocScan] | None = None) -> None:
        self.docs = docs
        self.gaz = gaz
        self.scans = {s.doc_id: s for s in scans} if scans is not None else None
        # clause id → region codes, from the scans (else found in `_concepts_regions_facts`)
        self.region_codes: dict[str, list[str]] = {}
        self.kg = KnowledgeGraph()
        self.ctxs: list[DocCtx] = []
        self.by_id: dict[str, DocCtx] = {}
        self.mentions: dict[str, set[str]] = defaultdict(set)  # clause id → entity ids
        self.clause_programs: dict[str, list[str]] = defaultdict(list)  # clause id → program names
        self.launcher: dict[str, str] = {}  # program id → launching document entity id
        # edges from a unit whose entity is only made in the units pass (it is named in a clause
        # but issues nothing): added once that pass has made it
        self.deferred: list[tuple[str, str, str, list[str]]] = []
        # document entities in creation order, and doc number / alias → (rank, id) of the first
        # document entity carrying it: `_entity_of` without a scan of every entity per citation
        self.doc_rank: dict[str, int] = {}
        self.doc_by_key: dict[str, tuple[int, str]] = {}

    # ------------------------------------------------------------------ helpers
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
        chain = self.gaz.ancestors(region.code)
        prev: str | None = None
        for r in chain:
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

    # ------------------------------------------------------------------ passes
    def build(self) -> KnowledgeGraph:
        self._contexts()
        for ctx in self.ctxs:
            self._document(ctx)
        for ctx in self.ctxs:
            if self.scans is None:
                self._scan(ctx)
            else:
                self._apply_scan(ctx, self.scans[ctx.doc.id])
        self._citations()
        self._programs()
        for ctx in self.ctxs:
            self._units_branches_people(ctx)
            self._concepts_regions_facts(ctx)
        for source, target, relation, evidence in self.deferred:
            self.edge(source, target, relation, evidence)
        self._annotations()
        return self.kg

    def _contexts(self) -> None:
        parents = {d.id: d for d in self.docs}
        for i, doc in enumerate(self.docs):
            ref = doc.region
            if ref is None and doc.parent_id and doc.parent_id in parents:
                ref = parents[doc.parent_id].region
            chain = tuple(chain_of(self.gaz, ref))
            path = list(ref.path) if ref is not None and ref.path else [r.name for r in chain]
            ctx = DocCtx(doc, i, chain, OrgContext(self.gaz, chain), path, list(doc.clauses))
            self.ctxs.append(ctx)
            self.by_id[doc.id] = ctx

    def _document(self, ctx: DocCtx) -> None:
        doc = ctx.doc
        title = squeeze(doc.title) if doc.title else doc.source
        aliases = [
            a
            for a in dict.fromkeys(
                [display_name(doc.title or ""), doc.doc_no or "", squeeze(doc.wrapper_title or "")]
            )
            if a
        ]
        attrs = {
            "doc_id": doc.id,
            "corpus": True,
            "doc_type": doc.doc_type,
            "date": doc.date,
            "year": doc.year,
            "doc_no": doc.doc_no,
            "region": doc.region.name if doc.region else None,
            "source": doc.source,
        }
        self.entity(Entity(ctx.entity_id, doc.title or title, "document", aliases, attrs, ctx.first_clause))
        if doc.parent_id and doc.parent_id in self.by_id:
            self.edge(ctx.entity_id, self.by_id[doc.parent_id].entity_id, "part_of", ctx.first_clause)
        # the region it applies to
        ref = doc.region
        if ref is not None:
            if ref.known and ref.code and self.gaz.get(ref.code):
                rid = self.region(self.gaz.get(ref.code), ctx.clause_with(ref.name))  # type: ignore[arg-type]
            else:
                rid = ref.id
                self.entity(unknown_region_entity(ref, ctx.first_clause))
            self.edge(ctx.entity_id, rid, "covers", ctx.clause_with(ref.name))
        # issuers and the author unit
        units = list(doc.issuers) if not doc.author_unit else [doc.author_unit]
        for raw in units:
            m = normalize_org(raw, ctx.orgs)
            ev = ctx.clause_with(raw)
            oid = self.org(m, ev)
            self.edge(ctx.entity_id, oid, "issued_by", ev)
            if ctx.acting_org is None:
                ctx.acting_org = m.name
        if ctx.acting_org is None and doc.parent_id in self.by_id:
            # a speech in a bulletin acts for the bulletin's issuer (the parent comes first)
            ctx.acting_org = self.by_id[doc.parent_id].acting_org  # type: ignore[index]
        # speakers and authors
        for raw in doc.authors:
            name = clean_name(raw)
            office = doc.author_offices.get(raw) or doc.author_offices.get(name)
            ev = ctx.clause_with(name)
            attrs = {"role": "speaker" if (doc.doc_type or "") == "讲话" else "author"}
            if office:
                attrs["office"] = office
            pid = f"person:{name}"
            self.entity(Entity(pid, name, "person", [], attrs, ev))
            self.edge(ctx.entity_id, pid, "authored_by", ev)
            for part in re.split(r"[、,，]", office or ""):
                found = find_orgs(squeeze(part), ctx.orgs)
                if found and found[0].start == 0:
                    oid = self.org(found[0], ev)
                    self.edge(pid, oid, "member_of", ev)

    def _scan(self, ctx: DocCtx) -> None:
        doc = ctx.doc
        seen_headings: set[str] = set()
        for clause in ctx.clauses:
            # headings that are not clauses of their own (only in `path`) are read once, with the
            # first clause under them as evidence
            for heading in clause.path:
                if heading in seen_headings or (
                    clause.heading and squeeze(heading) == squeeze(clause.heading)
                ):
                    continue
                seen_headings.add(heading)
                pseudo = Clause(
                    id=clause.id,
                    doc_id=doc.id,
                    ordinal=clause.ordinal,
                    text=heading,
                    search_text=squeeze(heading),
                )
                progs, cons, comps = find_programs(pseudo)
                ctx.programs += progs
                ctx.concepts += cons
                ctx.components += comps
            progs, cons, comps = find_programs(clause)
            ctx.programs += progs
            ctx.concepts += cons
            ctx.components += comps
            ctx.citations += find_citations(clause, ctx.orgs, doc.doc_no)
            ctx.org_mentions += [(clause.id, m) for m in find_orgs(clause.search_text, ctx.orgs)]
            ctx.branches += find_branches(clause, self.gaz, ctx.orgs.codes, ctx.acting_org)
            ctx.people += find_people(clause)
            ctx.facts += find_facts(clause)

    def _apply_scan(self, ctx: DocCtx, scan: DocScan) -> None:
        # the worker's pass ran on the same document with the same acting unit
        ctx.programs += scan.programs
        ctx.concepts += scan.concepts
        ctx.components += scan.components
        ctx.citations += scan.citations
        ctx.org_mentions += scan.org_mentions
        ctx.branches += scan.branches
        ctx.people += scan.people
        ctx.facts += scan.facts
        self.region_codes.update(scan.regions)

    # ------------------------------------------------------------------ citations
    def _citations(self) -> None:
        parent: dict[str, str] = {}

        def find(k: str) -> str:
            while parent.setdefault(k, k) != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        def union(a: str, b: str) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        corpus_keys: dict[str, str] = {}
        for ctx in self.ctxs:
            d = ctx.doc
            keys = []
            if d.doc_no:
                keys.append("no:" + normalize_doc_no(d.doc_no))
            for t in (
                d.title,
                d.wrapper_title,
                inner_title(squeeze(d.wrapper_title)) if d.wrapper_title else None,
            ):
                if t and len(t) >= 6:
                    keys.append("title:" + title_key(t))
            for k in keys:
                corpus_keys.setdefault(k, ctx.entity_id)
                find(k)
        for ctx in self.ctxs:
            for c in ctx.citations:
                keys = c.keys
                for k in keys[1:]:
                    union(keys[0], k)
        # one entity per component: the corpus document when it is one, else an external one
        # named by its number when any citation gives it, else by its title
        root_entity: dict[str, str] = {}
        for k, eid in corpus_keys.items():
            root_entity.setdefault(find(k), eid)
        numbered: dict[str, str] = {}
        for ctx in self.ctxs:
            for c in ctx.citations:
                if c.doc_no and not c.back_ref:
                    numbered.setdefault(find(c.keys[0]), c.doc_no)
        for ctx in self.ctxs:
            declared: dict[str, str] = {}
            recent: list[tuple[str, str]] = []  # (title, entity id) in reading order
            for c in ctx.citations:
                if c.back_ref:
                    self._back_ref(ctx, c, declared, recent)
                    continue
                root = find(c.keys[0])
                eid = root_entity.get(root)
                if eid is None:
                    eid = f"document:{numbered.get(root) or c.doc_no or c.title}"
                    root_entity[root] = eid
                self._cited(ctx, c, eid)
                if c.short:
                    declared[c.short] = eid
                    self.alias(eid, f"《{c.short}》")
                if c.title:
                    recent.append((c.title, eid))
                elif c.doc_no:
                    recent.append((c.doc_no, eid))

    def _cited(self, ctx: DocCtx, c: Citation, eid: str) -> None:
        ev = [c.clause_id]
        if self.kg.entity(eid) is None or not self.kg.entity(eid).attributes.get("corpus"):  # type: ignore[union-attr]
            name = c.title or c.doc_no or eid
            aliases = [
                a for a in (c.doc_no, c.title, inner_title(c.title) if c.title else None) if a and a != name
            ]
            attrs = {"external": True, "doc_no": c.doc_no, "title": c.title}
            stored = self.entity(Entity(eid, name, "document", aliases, attrs, ev))
            if c.title and stored.name != c.title and stored.name == stored.attributes.get("doc_no"):
                # first seen as a bare number, now with its title: the title is the better name
                self.alias(eid, stored.name)
                stored.name = c.title
                stored.attributes["title"] = c.title
            if c.doc_no and not stored.attributes.get("doc_no"):
                stored.attributes["doc_no"] = c.doc_no
                self.alias(eid, c.doc_no)
            self._cited_issuers(ctx, c, eid)
            self._cited_region(ctx, c, eid)
        else:
            self.entity(Entity(eid, self.kg.entity(eid).name, "document", [], {}, ev))  # type: ignore[union-attr]
        self.edge(ctx.entity_id, eid, "cites", ev)

    def _cited_issuers(self, ctx: DocCtx, c: Citation, eid: str) -> None:
        ev = [c.clause_id]
        names = list(c.issuers)
        if not names and c.doc_no:
            names = _issuers_of_doc_no(self.gaz, c.doc_no)
        for name in names:
            region = self.gaz.region_of_org(name) if not name.startswith(("中共中央", "国务院")) else None
            kind = "central" if region is None else "party"
            oid = self.org(OrgMention(name, name, 0, len(name), kind, region), ev)
            self.edge(eid, oid, "issued_by", ev)

    def _cited_region(self, ctx: DocCtx, c: Citation, eid: str) -> None:
        region: Region | None = None
        if c.title:
            hits = find_regions(self.gaz, squeeze(c.title), ctx.orgs.codes)
            if hits and hits[0].start == 0:
                region = hits[0].region
        if region is None and c.province_wide and ctx.chain:
            region = ctx.chain[0]
        if region is None and c.doc_no:
            region = self.gaz.region_of_abbrev(c.doc_no[0])
        if region is not None:
            rid = self.region(region, [c.clause_id])
            self.edge(eid, rid, "covers", [c.clause_id])
            ent = self.kg.entity(eid)
            if ent is not None:
                ent.attributes.setdefault("region", region.name)

    def _back_ref(
        self, ctx: DocCtx, c: Citation, declared: dict[str, str], recent: list[tuple[str, str]]
    ) -> None:
        ref = c.back_ref or ""
        target: str | None = None
        alias: str | None = None
        if ref.endswith("号文件"):
            number = ref[: -len("号文件")]
            # the document's own numbered citations (anywhere in it) ending in 〕N号
            hits = {
                eid
                for cit in ctx.citations
                if cit.doc_no and cit.doc_no.endswith(f"〕{number}号")
                for eid in [self._entity_of(cit)]
                if eid
            }
            if len(hits) == 1:
                target, alias = hits.pop(), ref
        else:
            inner = ref.strip("《》")
            if inner in declared:
                target = declared[inner]
            else:
                for title, eid in reversed(recent):
                    if title.endswith(inner) and len(inner) >= 2:
                        target = eid
                        break
        if target is None:
            return
        if alias:
            self.alias(target, alias)
        self.entity(Entity(target, self.kg.entity(target).name, "document", [], {}, [c.clause_id]))  # type: ignore[union-attr]
        self.edge(ctx.entity_id, target, "cites", [c.clause_id])

    def _entity_of(self, c: Citation) -> str | None:
        """The first document entity whose number or an alias is the citation's number."""
        for key in c.keys:
            if key.startswith("no:"):
                hit = self.doc_by_key.get(key[3:])
                if hit is not None:
                    return hit[1]
        return None

    # ------------------------------------------------------------------ programs
    def _programs(self) -> None:
        mentions = [(ctx, pm) for ctx in self.ctxs for pm in ctx.programs]
        groups = _group_programs([pm for _, pm in mentions])
        count = _text_counter([c.search_text for ctx in self.ctxs for c in ctx.clauses])
        groups = {k: v for k, v in groups.items() if not _plain_phrase(k, v, count)}
        name_to_id: dict[str, str] = {}
        for canonical, members in groups.items():
            pid = f"program:{canonical}"
            aliases: list[str] = []
            for pm in members:
                for a in [pm.name, *pm.aliases, *_segment_aliases(pm.name)]:
                    if a != canonical and a not in aliases:
                        aliases.append(a)
                name_to_id[name_key(pm.name)] = pid
            for a in [*aliases, canonical, *_segment_aliases(canonical)]:
                name_to_id.setdefault(name_key(a), pid)
            category = next((pm.category for pm in members if pm.category), None)
            code = next((pm.code for pm in members if pm.code), None)
            attrs = {"category": category, "code": code}
            self.entity(Entity(pid, canonical, "program", aliases, {k: v for k, v in attrs.items() if v}, []))
        self.program_ids = name_to_id
        # enumerated sub-programs and components
        for ctx in self.ctxs:
            self._enumerations(ctx)
        # every mention of every program, per clause
        scanner = _ProgramScanner(self.kg)
        self.found: dict[str, list[tuple[str, int, int]]] = {}
        for ctx in self.ctxs:
            for clause in ctx.clauses:
                hits = scanner.scan(clause.search_text)
                for pm in ctx.programs:
                    if pm.clause_id == clause.id and not pm.component:
                        pid = name_to_id.get(name_key(pm.name))
                        if pid and not any(s <= pm.start < e for _, s, e in hits):
                            hits.append((pid, pm.start, pm.end))
                hits.sort(key=lambda h: h[1])
                self.found[clause.id] = hits
                for pid, _s, _e in hits:
                    self.entity(Entity(pid, self.kg.entity(pid).name, "program", [], {}, [clause.id]))  # type: ignore[union-attr]
                    self.clause_programs[clause.id].append(self.kg.entity(pid).name)  # type: ignore[union-attr]
        self._components()
        self._launches()
        self._implements()

    def _enumerations(self, ctx: DocCtx) -> None:
        runs = enumerations(item_sentences(ctx.clauses))
        clause_pos = {c.id: i for i, c in enumerate(ctx.clauses)}
        for run in runs:
            first = run[0]
            parent = self._program_before(ctx, clause_pos[first.clause_id], first.start)
            if parent is None:
                continue
            for it in run:
                pid = self.program_ids.get(name_key(it.name))
                if pid is None:
                    pid = f"program:{it.name}"
                    self.entity(Entity(pid, it.name, "program", [], {"category": "子品牌"}, [it.clause_id]))
                    self.program_ids[name_key(it.name)] = pid
                if pid != parent:
                    self.edge(pid, parent, "part_of", [it.clause_id])

    def _program_before(self, ctx: DocCtx, ci: int, pos: int) -> str | None:
        """The nearest program written before position `pos` of clause `ci` (same or ≤3 clauses back)."""
        for back in range(0, 4):
            if ci - back < 0:
                break
            clause = ctx.clauses[ci - back]
            limit = pos if back == 0 else len(clause.search_text)
            cands = [
                (pm.start, self.program_ids.get(name_key(pm.name)))
                for pm in ctx.programs
                if pm.clause_id == clause.id and pm.start < limit and not pm.weak
            ]
            cands = [(s, p) for s, p in cands if p]
            if cands:
                return max(cands)[1]
        return None

    def _launched_by_doc(self, ctx: DocCtx) -> list[str]:
        pids: list[str] = []
        for pm in ctx.programs:
            if pm.defines:
                pid = self.program_ids.get(name_key(pm.name))
                if pid and pid not in pids:
                    pids.append(pid)
        for t in (ctx.doc.title, ctx.doc.wrapper_title):
            for q in title_launch_quotes(squeeze(t or "")):
                pid = self._program_for_quote(q, squeeze(t or ""))
                if pid and pid not in pids:
                    pids.append(pid)
        return pids

    def _program_for_quote(self, q: str, context: str) -> str | None:
        pid = self.program_ids.get(name_key(q))
        if pid:
            return pid
        # a code-like quote written with its noun: “1335”离退休干部党建工作机制
        for p in self.program_ids.values():
            ent = self.kg.entity(p)
            if ent is not None and q in (ent.attributes.get("code"), *ent.aliases):
                return p
        return None

    def _components(self) -> None:
        for ctx in self.ctxs:
            launched = self._launched_by_doc(ctx)
            for comp in ctx.components:
                in_clause = [pid for pid, s, _e in self.found.get(comp.clause_id, []) if s < comp.start]
                parent = in_clause[-1] if in_clause else (launched[0] if len(launched) == 1 else None)
                if parent is None:
                    continue
                pname = self.kg.entity(parent).name  # type: ignore[union-attr]
                for item in comp.items:
                    cid = f"program:{pname}/{item}"
                    attrs = {"category": "组成部分", "component_of": pname}
                    self.entity(Entity(cid, item, "program", [], attrs, [comp.clause_id]))
                    self.edge(cid, parent, "part_of", [comp.clause_id])
                    self.clause_programs[comp.clause_id].append(item)

    def _launches(self) -> None:
        # candidates: corpus documents (title or 简称 definition) and cited documents (title)
        cands: dict[str, list[tuple[tuple[int, int, str, int], str, list[str]]]] = defaultdict(list)
        found_in = _clauses_by_doc(self.found)
        by_title = _documents_by_title(self.kg)
        for ctx in self.ctxs:
            level = _LEVEL_RANK.get(ctx.chain[-1].level, 4) if ctx.chain else 4
            for pid in self._launched_by_doc(ctx):
                ev = [
                    cid for cid in found_in.get(ctx.doc.id, ()) if any(h[0] == pid for h in self.found[cid])
                ]
                cands[pid].append(
                    ((0, level, ctx.doc.date or "9999", ctx.index), ctx.entity_id, ev[:3] or ctx.first_clause)
                )
            for c in ctx.citations:
                if not c.title:
                    continue
                eid = by_title.get(c.title)
                if eid is None or eid == ctx.entity_id:
                    continue
                target = self.kg.entity(eid)
                if target is None or target.attributes.get("corpus"):
                    continue  # a corpus document speaks for itself above
                for q in title_launch_quotes(squeeze(c.title)):
                    pid = self._program_for_quote(q, c.title)
                    if pid:
                        region = target.attributes.get("region")
                        lvl = 4
                        if region:
                            rs = self.gaz.lookup(region)
                            lvl = _LEVEL_RANK.get(rs[0].level, 4) if rs else 4
                        cands[pid].append(((1, lvl, "9999", ctx.index), eid, [c.clause_id]))
        for pid, lst in cands.items():
            lst.sort(key=lambda x: x[0])
            _rank, launcher, ev = lst[0]
            self.launcher[pid] = launcher
            self.edge(launcher, pid, "launches", ev)
            ent = self.kg.entity(pid)
            doc_ent = self.kg.entity(launcher)
            if ent is not None and doc_ent is not None:
                ent.attributes["launched_by"] = launcher
                if doc_ent.attributes.get("region"):
                    ent.attributes["region"] = doc_ent.attributes["region"]
            # other candidates carry the program out in their own place (振兴区's own 方案)
            for _rank2, other, ev2 in lst[1:]:
                if other != launcher:
                    self.edge(other, pid, "implements", ev2)
        # sub-brands come with their parent: the document that enumerates them launches them too
        for edge in self.kg.edges("part_of"):
            child, parent = edge.source, edge.target
            ent = self.kg.entity(child)
            if ent is None or ent.type != "program" or child in self.launcher or parent not in self.launcher:
                continue
            launcher = self.launcher[parent]
            self.launcher[child] = launcher
            if ent.attributes.get("component_of"):
                continue
            doc_id = launcher.removeprefix("document:")
            own = [c for c in edge.evidence if c.startswith(doc_id + ":")]
            if own:
                self.edge(launcher, child, "launches", own)
                ent.attributes.setdefault("launched_by", launcher)

    def _implements(self) -> None:
        launcher_orgs: dict[str, set[str]] = defaultdict(set)
        for pid, launcher in self.launcher.items():
            for n in self.kg.neighbors(launcher):
                if n.relation == "issued_by" and n.direction == "out":
                    launcher_orgs[pid].add(n.entity.id)
        for ctx in self.ctxs:
            acting = org_id(ctx.acting_org) if ctx.acting_org else None
            own_regions = {r.code for r in ctx.chain}
            for clause in ctx.clauses:
                text = clause.search_text
                for pid, start, _end in self.found.get(clause.id, []):
                    if self.launcher.get(pid) == ctx.entity_id:
                        continue
                    ent = self.kg.entity(pid)
                    if ent is None or ent.attributes.get("component_of"):
                        continue
                    s, e = sentence_at(text, start)
                    if not _IMPLEMENT_CUE_RE.search(text[s:e]):
                        self.edge(ctx.entity_id, pid, "mentions", [clause.id])
                        continue
                    if acting and acting in launcher_orgs.get(pid, set()):
                        self.edge(ctx.entity_id, pid, "mentions", [clause.id])
                        continue
                    other = self._other_actor(ctx, clause, s, start, acting, own_regions)
                    if other is not None:
                        # 丹东市实施“三建三联三促进” in a provincial speech: someone else's practice
                        self.edge(ctx.entity_id, pid, "mentions", [clause.id])
                        if other.startswith("organization:") and self.kg.entity(other) is None:
                            self.deferred.append((other, pid, "implements", [clause.id]))
                        elif other.startswith("organization:"):
                            self.edge(other, pid, "implements", [clause.id])
                        continue
                    self.edge(ctx.entity_id, pid, "implements", [clause.id])
                    if acting and ctx.doc.author_unit:
                        self.edge(acting, pid, "implements", [clause.id])

    def _other_actor(
        self, ctx: DocCtx, clause: Clause, s: int, pos: int, acting: str | None, own: set[str]
    ) -> str | None:
        """A unit, branch or place other than the document's own, written in the sentence before `pos`."""
        for b in ctx.branches:
            if b.clause_id == clause.id and s <= b.start < pos:
                return f"branch:{b.name}"
        for cid, m in ctx.org_mentions:
            same = cid == clause.id and s <= m.start < pos and org_id(m.name) != acting
            if same and (m.region is None or m.region.code not in own):
                return org_id(m.name)
        for hit in find_regions(self.gaz, clause.search_text[s:pos], ctx.orgs.codes):
            if hit.region.code not in own and not any(self.gaz.is_within(r, hit.region) for r in ctx.chain):
                return region_id(hit.region)
        return None

    # ------------------------------------------------------------------ the rest
    def _units_branches_people(self, ctx: DocCtx) -> None:
        for cid, m in ctx.org_mentions:
            self.org(m, [cid])
        clause_by_id = {c.id: c for c in ctx.clauses}
        for b in ctx.branches:
            bid = f"branch:{b.name}"
            region = b.region or (ctx.chain[-1] if ctx.chain else None)
            attrs: dict[str, object] = {}
            if region is not None:
                attrs["region"] = region.name
            if b.organization:
                attrs["organization"] = b.organization
            aliases = [b.surface] if b.surface != b.name else []
            self.entity(Entity(bid, b.name, "branch", aliases, attrs, [b.clause_id]))
            if region is not None:
                rid = self.region(region, [b.clause_id])
                self.edge(bid, rid, "located_in", [b.clause_id])
            if b.organization:
                self.edge(bid, org_id(b.organization), "part_of", [b.clause_id])
            clause = clause_by_id.get(b.clause_id)
            if clause is None:
                continue
            text = clause.search_text
            _s, e = sentence_at(text, b.start)
            subject_of_clause = b.start <= 30
            for pid, ps, _pe in self.found.get(b.clause_id, []):
                if ps < b.end:
                    continue
                if ps < e or subject_of_clause:
                    ent = self.kg.entity(pid)
                    if ent is not None and not ent.attributes.get("component_of"):
                        self.edge(bid, pid, "implements", [b.clause_id])
        # people: accepted names, then every mention of them in the document
        accepted: dict[str, PersonMention] = {}
        for p in ctx.people:
            accepted.setdefault(p.name, p)
        for p in ctx.people:
            self._person(ctx, p, clause_by_id)
        rx = known_name_re(list(accepted) + [clean_name(a) for a in ctx.doc.authors])
        if rx is not None:
            for clause in ctx.clauses:
                for m in rx.finditer(clause.search_text):
                    name = clean_name(m.group())
                    pid = f"person:{name}"
                    if self.kg.entity(pid) is None:
                        continue
                    self.entity(Entity(pid, name, "person", [], {}, [clause.id]))
                    if not self.kg.has_edge(ctx.entity_id, pid, "authored_by"):
                        self.edge(ctx.entity_id, pid, "mentions", [clause.id])

    def _person(self, ctx: DocCtx, p: PersonMention, clause_by_id: dict[str, Clause]) -> None:
        pid = f"person:{p.name}"
        stored = self.entity(Entity(pid, p.name, "person", [], {}, [p.clause_id]))
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
        if not self.kg.has_edge(ctx.entity_id, pid, "authored_by"):
            self.edge(ctx.entity_id, pid, "mentions", [p.clause_id])
        # an organization written right before the role: 中组部常务副部长姜信治
        clause = clause_by_id.get(p.clause_id)
        if clause is None or not p.role:
            return
        role_start = p.start - len(p.role)
        text = clause.search_text
        window_start = max(0, role_start - 24)
        for m in find_orgs(text[window_start:role_start], ctx.orgs):
            if m.end == role_start - window_start:
                oid = self.org(m, [p.clause_id])
                self.edge(pid, oid, "member_of", [p.clause_id])
                stored.attributes.setdefault("office", m.surface + p.role)

    def _concepts_regions_facts(self, ctx: DocCtx) -> None:
        for c in ctx.concepts:
            cid = f"concept:{c.name}"
            self.entity(Entity(cid, c.name, "concept", [], {}, [c.clause_id]))
            self.edge(ctx.entity_id, cid, "mentions", [c.clause_id])
        own = {r.code for r in ctx.chain}
        for clause in ctx.clauses:
            for region in self._regions_named(ctx, clause):
                rid = self.region(region, [clause.id])
                if region.code not in own:
                    self.edge(ctx.entity_id, rid, "mentions", [clause.id])
        for f in ctx.facts:
            self.kg.add_fact(f)

    def _regions_named(self, ctx: DocCtx, clause: Clause) -> list[Region]:
        codes = self.region_codes.get(clause.id)
        if codes is None:
            return [h.region for h in find_regions(self.gaz, clause.search_text, ctx.orgs.codes)]
        # the gazetteer's own objects, not the worker's pickled copies
        return [r for r in map(self.gaz.get, codes) if r is not None]

    def _annotations(self) -> None:
        for ctx in self.ctxs:
            org = org_id(ctx.acting_org) if ctx.acting_org else None
            for clause in ctx.clauses:
                ids = sorted(self.mentions.get(clause.id, set()))
                self.kg.annotations[clause.id] = ClauseAnnotation(
                    clause_id=clause.id,
                    programs=list(dict.fromkeys(self.clause_programs.get(clause.id, []))),
                    entities=ids,
                    facts=self.kg.facts_for(clause.id),
                    region_path=list(ctx.region_path),
                    organization=org,
                )


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
def _segment_aliases(name: str) -> list[str]:
    """Short forms a name carries: the last ·-segment when it is a program noun phrase
    (支部力量·红枫行动 → 红枫行动), the part before —— (鸭绿江畔的追忆——… → 鸭绿江畔的追忆)."""
    from graph.extract.programs import _head_end_re

    out = []
    if "·" in name:
        last = name.rsplit("·", 1)[1]
        if len(last) >= 3 and _head_end_re().search(last):
            out.append(last)
    if "——" in name:
        first = name.split("——", 1)[0]
        if len(first) >= 4:
            out.append(first)
    return out


def _group_programs(mentions: list[ProgramMention]) -> dict[str, list[ProgramMention]]:
    """Merge mentions into programs: same name, same code, or a shared short form."""
    names = list(dict.fromkeys(pm.name for pm in mentions if not pm.component))
    parent = {n: n for n in names}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    owner: dict[str, str] = {}
    for pm in mentions:
        keys = [name_key(pm.name), *(name_key(a) for a in _segment_aliases(pm.name))]
        if pm.code:
            keys.append("code:" + pm.code)
        for k in keys:
            if k in owner:
                a, b = find(owner[k]), find(pm.name)
                if a != b:
                    parent[b] = a
            else:
                owner[k] = pm.name
    groups: dict[str, list[ProgramMention]] = defaultdict(list)
    for pm in mentions:
        groups[find(pm.name)].append(pm)
    out: dict[str, list[ProgramMention]] = {}
    for members in groups.values():
        strong = [pm for pm in members if not pm.weak] or members
        canonical = max(sorted({pm.name for pm in strong}), key=lambda n: _name_score(n, members))
        out[canonical] = members
    return out


def _name_score(name: str, members: list[ProgramMention]) -> tuple[int, int, int, int]:
    """Which name of a merged program to show: the defined one, a full (not short) form, the most
    frequent, the longest."""
    names = [pm.name for pm in members]
    defines = any(pm.defines and pm.name == name for pm in members)
    short = any(name in _segment_aliases(o) for o in set(names))
    return (int(defines), int(not short), names.count(name), len(name))


def _text_counter(texts: list[str]) -> Callable[[str], int]:
    """``needle → sum(t.count(needle) for t in texts)``, counted in one joined string: a needle
    without the separator cannot match across two texts, so the counts are the same."""
    sep = "\x00"
    blob = sep.join(texts)

    def count(needle: str) -> int:
        if not needle or sep in needle:
            return sum(t.count(needle) for t in texts)
        return blob.count(needle)

    return count


def _plain_phrase(name: str, members: list[ProgramMention], count: Callable[[str], int]) -> bool:
    """A quoted “X”活动 whose X is mostly written as plain words (坚持定期走访慰问) is an ordinary
    activity, not a named one. Names with a program noun, a code, a brand category or a
    definition are always kept."""
    if any(pm.code or pm.defines or pm.name != name or (pm.category or "") != "活动" for pm in members):
        return False
    quoted = count(f"“{name}”")
    plain = count(name) - quoted
    return plain > quoted


class _ProgramScanner:
    """Finds every program name or alias in a text, longest first; codes only in quotes (“1335”)."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        table: dict[str, str] = {}
        for e in kg.entities("program"):
            if e.attributes.get("component_of"):
                continue
            for n in [e.name, *e.aliases]:
                if e.attributes.get("code") == n or re.fullmatch(r"[0-9A-Za-z+\-]+", n):
                    table.setdefault(f"“{n}”", e.id)
                elif len(n) >= 3 and len(n) <= 40:
                    table.setdefault(n, e.id)
        self.table = table
        alts = sorted(table, key=lambda n: -len(n))
        self.rx = re.compile("|".join(re.escape(a) for a in alts)) if alts else None

    def scan(self, text: str) -> list[tuple[str, int, int]]:
        if self.rx is None:
            return []
        return [(self.table[m.group()], m.start(), m.end()) for m in self.rx.finditer(text)]


def _issuers_of_doc_no(gaz: Gazetteer, doc_no: str) -> list[str]:
    prefix = doc_no.split("〔", 1)[0]
    for row in data_rows("doc_no_issuers.tsv"):
        if row[0] == prefix:
            return [n.strip() for n in row[1].split(",")]
    m = re.fullmatch(r"(?P<abbr>.)委(?P<kind>办发|发)", prefix)
    if m:
        region = gaz.region_of_abbrev(m["abbr"])
        if region is not None:
            committee = f"中共{region.name}委"
            if m["kind"] == "发":
                return [committee]
            # a provincial committee's office is its 办公厅; a city's may be 办公厅 or 办公室: unsaid
            return [committee + "办公厅"] if region.level == "province" else []
    return []
