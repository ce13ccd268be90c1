"""The per-document scan: one record of what a document's clauses mention.

`DocScan` is the only per-document record of mentions. The scan is pure (documents in, records
out), so it can run in ingest worker processes and come back pickled; the linking passes
(graph.passes) then read it from `DocCtx.scan`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.extract.branches import BranchMention, find_branches
from graph.extract.citations import Citation, find_citations
from graph.extract.common import squeeze
from graph.extract.facts import find_facts
from graph.extract.organizations import OrgContext, OrgMention, find_orgs
from graph.extract.people import PersonMention, find_people
from graph.extract.programs import ComponentList, ConceptMention, ProgramMention, find_programs
from graph.extract.regions import chain_of, find_regions
from graph.extract.units import (
    acting_unit,
    clause_actor,
    document_actor,
    opening_clause_id,
    place_named_in,
    sentence_actor,
)
from policykg.gazetteer import Gazetteer, Region
from policykg.model import Clause, Document, Fact

_FIRST_CLAUSES = 3  # where a document without a unit in its metadata names the one acting


@dataclass(slots=True)
class DocScan:
    """What the per-document pass finds in one document."""

    doc_id: str
    acting_org: str | None = None  # canonical name of the unit acting in this document
    # or "branch" (XX社区离退休党支部创新开展…), or "place" (XX县组织…: acting_org is its code)
    acting_kind: str = "organization"
    programs: list[ProgramMention] = field(default_factory=list)
    concepts: list[ConceptMention] = field(default_factory=list)
    components: list[ComponentList] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    org_mentions: list[tuple[str, OrgMention]] = field(default_factory=list)  # (clause_id, mention)
    branches: list[BranchMention] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    regions: list[tuple[str, list[str]]] = field(default_factory=list)  # (clause id, region codes)
    # (clause id, kind, name): kind organization | branch | place (name: the region's code)
    actors: list[tuple[str, str, str]] = field(default_factory=list)


# what the corpus and per-document passes read of a scan; the final passes read only its
# acting unit (graph.passes.clause_notes), kept by `drop_mentions`
MENTION_FIELDS = (
    "programs",
    "concepts",
    "components",
    "citations",
    "org_mentions",
    "branches",
    "people",
    "facts",
    "regions",
    "actors",
)


def drop_mentions(scan: DocScan) -> None:
    """Empty a scan's mention lists once its document's passes are done (a build's scans, which
    nothing reads afterwards: at 200k clauses ~170 MB that the graph's own objects then reuse)."""
    for name in MENTION_FIELDS:
        setattr(scan, name, [])


@dataclass
class DocCtx:
    """A document with its region chain and its scan, as the linking passes see it."""

    doc: Document
    index: int
    chain: tuple[Region, ...]
    orgs: OrgContext
    region_path: list[str]
    clauses: list[Clause]
    scan: DocScan
    metadata_unit: str | None = None  # the acting unit by the metadata (before the scan)

    @property
    def entity_id(self) -> str:
        return f"document:{self.doc.id}"

    @property
    def owner(self) -> str:
        """Whose programs its names mean: the province of the document ("" when unplaced)."""
        return self.chain[0].code if self.chain else ""

    @property
    def acting_org(self) -> str | None:
        return self.scan.acting_org

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


def contexts(docs: list[Document], gaz: Gazetteer) -> list[DocCtx]:
    """One context per document (a bulletin's articles inherit its region), with an empty scan
    that knows the acting unit (a bulletin comes before its articles)."""
    parents = {d.id: d for d in docs}
    out: list[DocCtx] = []
    acting: dict[str, str | None] = {}
    for i, doc in enumerate(docs):
        ref = doc.region
        if ref is None and doc.parent_id and doc.parent_id in parents:
            ref = parents[doc.parent_id].region
        chain = tuple(chain_of(gaz, ref))
        path = list(ref.path) if ref is not None and ref.path else [r.name for r in chain]
        # bare 区委/市委 … are completed with the place the title opens with when it lies within
        # the document's region (余杭实施… in a page of 浙江省)
        local = title_chain(gaz, doc.title or "", chain) or opening_chain(gaz, doc)
        orgs = OrgContext(gaz, local)
        unit, kind = acting_unit(doc, orgs, acting.get(doc.parent_id or ""))
        acting[doc.id] = unit
        scan = DocScan(doc.id, unit, kind)
        out.append(DocCtx(doc, i, chain, orgs, path, list(doc.clauses), scan, unit))
    return out


def title_chain(gaz: Gazetteer, title: str, chain: tuple[Region, ...]) -> tuple[Region, ...]:
    """The document's region chain, taken down to the place its title opens with when that place
    lies within it (or the document has no region)."""
    hits = find_regions(gaz, squeeze(title)[:16], tuple(r.code for r in chain))
    if not hits or hits[0].start != 0:
        return chain
    place = hits[0].region
    if chain and (place.code == chain[-1].code or not gaz.is_within(place, chain[-1])):
        return chain
    return tuple(gaz.ancestors(place.code))


def opening_chain(gaz: Gazetteer, doc: Document) -> tuple[Region, ...]:
    """For a document without a region: the first run of place names in its opening text
    (宁夏灵武市 → 灵武市), so that its bare 市委组织部 has a place; else nothing."""
    text = next((c.search_text[:200] for c in doc.clauses if c.search_text.strip()), "")
    hits = find_regions(gaz, text)
    if not hits:
        return ()
    last = hits[0]
    for h in hits[1:]:
        if h.start - last.end > 1 or not gaz.is_within(h.region, last.region):
            break
        last = h
    return tuple(gaz.ancestors(last.region.code))


def _heading_clauses(clauses: list[Clause]) -> list[tuple[Clause, Clause | None]]:
    """Each clause, preceded by pseudo-clauses for headings only in `path` (read once, with the
    first clause under them as evidence)."""
    seen: set[str] = set()
    out: list[tuple[Clause, Clause | None]] = []
    for clause in clauses:
        for heading in clause.path:
            if heading in seen or (clause.heading and squeeze(heading) == squeeze(clause.heading)):
                continue
            seen.add(heading)
            pseudo = Clause(
                id=clause.id,
                doc_id=clause.doc_id,
                ordinal=clause.ordinal,
                text=heading,
                search_text=squeeze(heading),
            )
            out.append((pseudo, None))
        out.append((clause, clause))
    return out


def scan_context(ctx: DocCtx, gaz: Gazetteer) -> DocScan:
    """Fill the context's scan from its clauses (and its headings) and return it."""
    scan = ctx.scan
    for readable, clause in _heading_clauses(ctx.clauses):
        progs, cons, comps = find_programs(readable)
        scan.programs += progs
        scan.concepts += cons
        scan.components += comps
        if clause is None:
            continue
        scan.citations += find_citations(clause, ctx.orgs, ctx.doc.doc_no)
        scan.org_mentions += [(clause.id, m) for m in find_orgs(clause.search_text, ctx.orgs)]
        branches = find_branches(clause, gaz, ctx.orgs.codes, ctx.metadata_unit)
        scan.branches += branches
        actor = clause_actor(clause.search_text, ctx.orgs, branches)
        if actor is not None:
            scan.actors.append((clause.id, *actor))
        scan.people += find_people(clause)
        scan.facts += find_facts(clause)
        scan.regions.append(
            (clause.id, [h.region.code for h in find_regions(gaz, clause.search_text, ctx.orgs.codes)])
        )
    opening = opening_clause_id(ctx.doc)
    opening_actor = next(((k, n) for cid, k, n in scan.actors if cid == opening), None)
    for c in ctx.clauses[:_FIRST_CLAUSES] if opening_actor is None else []:
        # the opening paragraph's second sentence, or the next paragraphs (after a date line)
        opening_actor = sentence_actor(
            c.search_text, ctx.orgs, [b for b in scan.branches if b.clause_id == c.id]
        )
        if opening_actor is not None:
            break
    first = [
        (c.search_text, [b for b in scan.branches if b.clause_id == c.id])
        for c in ctx.clauses[:_FIRST_CLAUSES]
    ]
    actor = document_actor(ctx.doc, ctx.orgs, ctx.metadata_unit, opening_actor, first)
    if actor is not None:
        scan.acting_kind, scan.acting_org = actor
    if scan.acting_org:
        # a place acting (梅河口市坚持…) is the document's own unit there when it has one
        acting = scan.acting_org
        scan.actors = [
            a for a in scan.actors if not (a[1] == "place" and place_named_in(a[2], acting, ctx.orgs))
        ]
    return scan


def scan_documents(docs: list[Document], gazetteer: Gazetteer | None = None) -> list[DocScan]:
    """The per-document pass over `docs` (a bulletin's articles with their bulletin)."""
    gaz = gazetteer or Gazetteer.default()
    return [scan_context(ctx, gaz) for ctx in contexts(docs, gaz)]
