"""The engine: data-dir lifecycle (build, ingest, delete) and every read the API and CLI answer.

All calls into ingest/, graph/ and search/ go through `Backend` below, so their signatures are
fixed in one place; tests inject a fake backend. The engine holds the live `Snapshot` (documents,
graph, index of one generation) and reopens it when the CURRENT pointer changes; writers prepare a
new generation next to the live one and swap the pointer (see service/store.py).
"""

from __future__ import annotations

import contextlib
import html
import inspect
import json
import logging
import shutil
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from policykg.errors import (
    BadQuery,
    FileTooLarge,
    IngestError,
    NotFound,
    PolicyKGError,
    UnsupportedFormat,
)
from policykg.model import Clause, ClauseAnnotation, Document, Edge, Entity, Fact
from policykg.settings import Settings
from policykg.text import fold
from service import compare as compare_mod
from service import precedents as precedents_mod
from service.store import DataStore, NoSnapshot, PointerState, link_or_copy_tree

log = logging.getLogger("policykg.engine")

SUPPORTED_EXTS = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf", ".doc", ".wps")
WRITE_LOCK_TIMEOUT = 60.0
PRECEDENT_POOL = 120
COMPARE_POOL = 80


# ---------------------------------------------------------------------------------------------
# Plain results
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionInfo:
    id: str
    name: str
    path: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name}


@dataclass(frozen=True)
class OrgInfo:
    id: str
    name: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name}


@dataclass
class Hit:
    clause_id: str
    score: float
    highlight: str | None = None


@dataclass
class SearchParams:
    q: str
    limit: int = 10
    offset: int = 0
    region: str | None = None
    doc_type: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    program: str | None = None
    issuer: str | None = None
    doc_id: str | None = None
    facets: bool = True
    highlight: bool = True


@dataclass
class SearchOutcome:
    total: int
    hits: list[Hit]
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)


@dataclass
class Upload:
    name: str
    data: bytes


@dataclass
class FileOutcome:
    file: str
    status: str  # added | replaced | unchanged | rejected
    doc_ids: list[str] = field(default_factory=list)
    code: str | None = None
    message: str | None = None
    documents: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "status": self.status,
            "doc_ids": self.doc_ids,
            "code": self.code,
            "message": self.message,
            "documents": self.documents,
        }


@dataclass
class WriteReport:
    outcomes: list[FileOutcome]
    snapshot: str | None
    documents: int
    clauses: int
    entities: int = 0
    changed: bool = False

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "rejected"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "snapshot": self.snapshot,
            "changed": self.changed,
            "documents": self.documents,
            "clauses": self.clauses,
            "entities": self.entities,
            "files": [o.to_dict() for o in self.outcomes],
        }


class IngestRejected(IngestError):
    """An all-or-nothing write (the HTTP upload) where at least one file failed: nothing changed."""

    def __init__(self, outcomes: list[FileOutcome]) -> None:
        failed = [o for o in outcomes if o.status == "rejected"]
        first = failed[0]
        if len(failed) == 1:
            message = f"{first.file}：{first.message}（未做任何更改）"
        else:
            message = f"{len(failed)} 个文件无法导入，未做任何更改：" + "；".join(
                f"{o.file}：{o.message}" for o in failed[:5]
            )
        super().__init__(message, code=first.code or "ingest_failed")
        self.status = _STATUS_BY_CODE.get(first.code or "", 422)
        self.details = [{"file": o.file, "code": o.code, "message": o.message} for o in failed]


_STATUS_BY_CODE = {
    "unsupported_format": 415,
    "file_too_large": 413,
    "needs_ocr": 422,
    "decode_failed": 422,
    "empty_document": 422,
    "ingest_failed": 422,
}


# ---------------------------------------------------------------------------------------------
# Backend: the one adapter to ingest/, graph/ and search/
# ---------------------------------------------------------------------------------------------


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _kwargs_for(callable_: Any, values: dict[str, Any]) -> dict[str, Any]:
    """Only the keyword arguments the callee declares (keeps us working while a signature settles)."""
    try:
        params = inspect.signature(callable_).parameters
    except (TypeError, ValueError):
        return values
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return values
    return {k: v for k, v in values.items() if k in params}


def _as_entity(obj: Any) -> Entity | None:
    if obj is None:
        return None
    if isinstance(obj, Entity):
        return obj
    if isinstance(obj, dict):
        return Entity.from_dict(obj)
    return Entity(
        id=obj.id,
        name=obj.name,
        type=obj.type,
        aliases=list(getattr(obj, "aliases", []) or []),
        attributes=dict(getattr(obj, "attributes", {}) or {}),
        evidence=list(getattr(obj, "evidence", []) or []),
    )


class Backend:
    """Calls into ingest/, graph/ and search/. Override in tests with small fakes."""

    # -- ingest --------------------------------------------------------------------------------

    def read_bytes(self, name: str, data: bytes, max_bytes: int) -> list[Document]:
        from ingest import pipeline

        fn = pipeline.read_bytes
        return list(fn(name, data, **_kwargs_for(fn, {"max_bytes": max_bytes})))

    def safe_name(self, name: str) -> str:
        try:
            from ingest.ids import safe_name
        except ImportError:  # until ingest lands: strip directories
            return name.replace("\\", "/").rsplit("/", 1)[-1]
        return safe_name(name)

    def corpus_files(self, corpus_dir: Path) -> list[Path]:
        try:
            from ingest.manifest import corpus_files
        except ImportError:
            corpus_files = None
        if corpus_files is not None:
            return [Path(p) for p in corpus_files(corpus_dir)]
        return sorted(
            p
            for p in Path(corpus_dir).iterdir()
            if p.is_file() and p.suffix.lower() in SUPPORTED_EXTS and not p.name.startswith(".")
        )

    # -- graph ---------------------------------------------------------------------------------

    def build_graph(self, docs: list[Document]) -> Any:
        from graph.build import build_graph

        return build_graph(docs)

    def load_graph(self, path: Path) -> Any:
        from graph.store import KnowledgeGraph

        return KnowledgeGraph.load(path)

    def save_graph(self, graph: Any, path: Path) -> None:
        graph.save(path)

    def annotations(self, graph: Any) -> dict[str, ClauseAnnotation]:
        ann = getattr(graph, "annotations", None)
        if callable(ann):
            ann = ann()
        return dict(ann or {})

    def dictionary_terms(self, graph: Any) -> list[str]:
        fn = getattr(graph, "dictionary_terms", None)
        return list(fn()) if fn else []

    def lookup(self, graph: Any, name: str, type: str | None = None) -> list[Entity]:
        found = graph.lookup(name, **_kwargs_for(graph.lookup, {"type": type}))
        if found is None:
            return []
        if not isinstance(found, list | tuple):
            found = [found]
        out = [_as_entity(e) for e in found]
        return [e for e in out if e is not None and (type is None or e.type == type)]

    def entity(self, graph: Any, entity_id: str) -> Entity | None:
        try:
            return _as_entity(graph.entity(entity_id))
        except KeyError:
            return None

    def entities(self, graph: Any) -> list[Entity]:
        for attr in ("entities", "all_entities", "iter_entities"):
            fn = getattr(graph, attr, None)
            if fn is None:
                continue
            items = fn() if callable(fn) else fn
            if isinstance(items, dict):
                items = items.values()
            return [e for e in (_as_entity(x) for x in items) if e is not None]
        return []

    def neighbors(self, graph: Any, entity_id: str) -> list[dict[str, Any]]:
        """[{relation, direction, entity: Entity, evidence}] whatever shape the graph returns."""
        out: list[dict[str, Any]] = []
        for item in graph.neighbors(entity_id) or []:
            if isinstance(item, tuple):
                edge = next((x for x in item if isinstance(x, Edge)), None)
                direction = next((x for x in item if x in ("in", "out")), None)
                other = next((x for x in item if isinstance(x, Entity)), None)
                if edge is None:
                    continue
                if direction is None:
                    direction = "out" if edge.source == entity_id else "in"
                if other is None:
                    other = self.entity(graph, edge.target if direction == "out" else edge.source)
                out.append(
                    {
                        "relation": edge.relation,
                        "direction": direction,
                        "entity": other,
                        "evidence": list(edge.evidence),
                    }
                )
                continue
            edge = _get(item, "edge")
            relation = _get(item, "relation") or _get(edge, "relation")
            direction = _get(item, "direction")
            evidence = _get(item, "evidence") or _get(edge, "evidence") or []
            other = _get(item, "entity") or _get(item, "node")
            if isinstance(other, str):
                other = self.entity(graph, other)
            if direction is None and edge is not None:
                direction = "out" if _get(edge, "source") == entity_id else "in"
            if other is None and edge is not None:
                other_id = _get(edge, "target") if direction == "out" else _get(edge, "source")
                other = self.entity(graph, other_id)
            out.append(
                {
                    "relation": relation,
                    "direction": direction or "out",
                    "entity": _as_entity(other),
                    "evidence": list(evidence),
                }
            )
        return [n for n in out if n["entity"] is not None and n["relation"]]

    def path(self, graph: Any, source: str, target: str) -> list[Edge]:
        try:
            steps = graph.path(source, target)
        except (KeyError, ValueError):
            return []
        edges: list[Edge] = []
        for s in steps or []:
            if isinstance(s, Edge):
                edges.append(s)
            elif isinstance(s, dict):
                edges.append(Edge.from_dict(s))
            elif isinstance(s, tuple) and len(s) >= 3:
                edges.append(
                    Edge(source=s[0], target=s[2], relation=s[1], evidence=list(s[3]) if len(s) > 3 else [])
                )
            elif hasattr(s, "relation"):
                edges.append(
                    Edge(
                        source=s.source,
                        target=s.target,
                        relation=s.relation,
                        evidence=list(getattr(s, "evidence", []) or []),
                    )
                )
        return edges

    def subgraph(self, graph: Any, doc_id: str) -> tuple[list[Entity], list[Edge]]:
        sub = graph.subgraph(doc_id)
        if isinstance(sub, tuple):
            nodes, edges = sub[0], sub[1]
        else:
            nodes = _get(sub, "entities") or _get(sub, "nodes") or []
            edges = _get(sub, "edges") or []
            nodes = nodes() if callable(nodes) else nodes
            edges = edges() if callable(edges) else edges
        if isinstance(nodes, dict):
            nodes = nodes.values()
        ents = [e for e in (_as_entity(n) for n in nodes) if e is not None]
        eds = [e if isinstance(e, Edge) else Edge.from_dict(e) for e in edges]
        return ents, eds

    def facts_for(self, graph: Any, clause_id: str, annotation: ClauseAnnotation | None) -> list[Fact]:
        if annotation is not None and annotation.facts:
            return list(annotation.facts)
        fn = getattr(graph, "facts_for", None)
        return list(fn(clause_id) or []) if fn else []

    def render_report(self, graph: Any, docs: list[Document]) -> str:
        from graph.report import render_report

        try:
            n_params = len(inspect.signature(render_report).parameters)
        except (TypeError, ValueError):
            n_params = 1
        return str(render_report(graph, docs) if n_params >= 2 else render_report(graph))

    def graph_stats(self, graph: Any) -> dict[str, Any]:
        fn = getattr(graph, "stats", None)
        stats = fn() if callable(fn) else (fn or {})
        return dict(stats)

    # -- search --------------------------------------------------------------------------------

    def create_index(
        self, path: Path, docs: list[Document], annotations: dict[str, ClauseAnnotation], terms: list[str]
    ) -> Any:
        from search.index import ClauseIndex

        return ClauseIndex.create(path, docs, annotations, terms)

    def open_index(self, path: Path) -> Any:
        from search.index import ClauseIndex

        return ClauseIndex.open(path)

    def update_index(
        self,
        index: Any,
        delete_ids: list[str],
        add_docs: list[Document],
        annotations: dict[str, ClauseAnnotation],
    ) -> None:
        if delete_ids:
            index.delete_documents(delete_ids)
        if add_docs:
            index.add_documents(add_docs, annotations)

    def close_index(self, index: Any) -> None:
        fn = getattr(index, "close", None)
        if callable(fn):
            with contextlib.suppress(Exception):
                fn()

    def search(self, index: Any, params: SearchParams) -> SearchOutcome:
        from search.index import SearchRequest

        values = {k: v for k, v in params.__dict__.items() if v is not None}
        request = SearchRequest(**_kwargs_for(SearchRequest, values))
        page = index.search(request)
        hits: list[Hit] = []
        for r in _get(page, "results") or _get(page, "hits") or []:
            cid = _get(r, "clause_id")
            if cid:
                hits.append(
                    Hit(
                        clause_id=cid,
                        score=float(_get(r, "score", 0.0) or 0.0),
                        highlight=_get(r, "highlight"),
                    )
                )
        facets: dict[str, list[dict[str, Any]]] = {}
        for name, values_ in (_get(page, "facets") or {}).items():
            rows = []
            for v in values_ or []:
                if isinstance(v, tuple | list):
                    rows.append({"value": str(v[0]), "count": int(v[1])})
                else:
                    rows.append({"value": str(_get(v, "value")), "count": int(_get(v, "count", 0))})
            facets[name] = rows
        return SearchOutcome(
            total=int(_get(page, "total", len(hits)) or 0),
            hits=hits,
            facets=facets,
            notices=[str(n) for n in (_get(page, "notices") or [])],
        )


# ---------------------------------------------------------------------------------------------
# Snapshot: one generation, read-only
# ---------------------------------------------------------------------------------------------


def document_summary(doc: Document) -> dict[str, Any]:
    """The `document` object the contract embeds in results."""
    issuer = "、".join(doc.issuers) if doc.issuers else doc.author_unit
    return {
        "doc_id": doc.id,
        "title": doc.title,
        "issuer": issuer,
        "doc_no": doc.doc_no,
        "date": doc.date,
        "doc_type": doc.doc_type,
        "region": {"id": doc.region.id, "name": doc.region.name} if doc.region else None,
        "parent_id": doc.parent_id,
        "author_unit": doc.author_unit,
        "authors": list(doc.authors),
        "year": doc.year,
    }


def read_documents(path: Path) -> list[Document]:
    docs: list[Document] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                docs.append(Document.from_dict(json.loads(line)))
    return docs


class Snapshot:
    """Documents, graph and index of one generation, plus read-only derived views."""

    def __init__(self, state: PointerState, path: Path, backend: Backend) -> None:
        self.state = state
        self.name = state.name
        self.path = path
        self.backend = backend
        self.manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        self.documents: dict[str, Document] = {d.id: d for d in read_documents(path / "documents.jsonl")}
        self.clauses: dict[str, tuple[Clause, Document]] = {
            c.id: (c, d) for d in self.documents.values() for c in d.clauses
        }
        self.graph = backend.load_graph(path / "graph.json")
        self.index = backend.open_index(path / "index")
        self.annotations: dict[str, ClauseAnnotation] = backend.annotations(self.graph)

    def close(self) -> None:
        self.backend.close_index(self.index)

    # -- views ---------------------------------------------------------------------------------

    @cached_property
    def entity_list(self) -> list[tuple[Entity, list[str]]]:
        """Every entity with the folded forms of its name and aliases (for substring lookup)."""
        out = []
        for e in self.backend.entities(self.graph):
            forms = [fold(x, "simplified") for x in [e.name, *e.aliases] if x]
            out.append((e, forms))
        return out

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
        for e in self.backend.lookup(self.graph, name, "region"):
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
            ent = self.backend.entity(self.graph, cand) if ":" in cand else None
            if ent is not None:
                return OrgInfo(ent.id, ent.name)
            found = self.backend.lookup(self.graph, cand, "organization")
            if found:
                return OrgInfo(found[0].id, found[0].name)
            return OrgInfo(f"organization:{cand}", cand)
        return None

    def facts(self, clause_id: str) -> list[Fact]:
        return self.backend.facts_for(self.graph, clause_id, self.annotations.get(clause_id))

    def programs(self, clause_id: str) -> list[str]:
        ann = self.annotations.get(clause_id)
        return list(ann.programs) if ann else []

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
        found = self.backend.lookup(self.graph, name, "program")
        if not found:
            return set(), False
        launched_in: set[str] = set()
        is_part = False
        for n in self.backend.neighbors(self.graph, found[0].id):
            if n["relation"] == "part_of" and n["direction"] == "out" and n["entity"].type == "program":
                is_part = True
            if n["relation"] == "launches" and n["direction"] == "in":
                doc_id = n["entity"].id.removeprefix("document:")
                doc = self.documents.get(doc_id)
                if doc is not None and doc.region is not None:
                    launched_in.update(doc.region.path or (doc.region.name,))
        return launched_in, is_part

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

    def resolve_region(self, name: str) -> RegionInfo:
        """A region the user named (辽宁省, 辽宁, 枣庄, 北京市).

        Regions of the documents first, then the graph's region entities (exact name or alias),
        then the gazetteer (a real region without documents gets an empty column, not an error);
        a name nobody knows is a BadQuery.
        """
        folded = fold(name.strip())
        if folded in self.region_refs:
            return self.region_refs[folded]
        for e in self.backend.lookup(self.graph, folded, "region"):
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
        raise BadQuery(f"未知地区：{name.strip()}")


def gazetteer_lookup(name: str) -> list[RegionInfo]:
    """Regions of that name in the vendored gazetteer (empty when it is not available)."""
    try:
        from policykg.gazetteer import default_gazetteer
    except ImportError:
        return []
    gaz = default_gazetteer()
    out = []
    for region in gaz.lookup(name):
        ref = gaz.ref(region)
        out.append(RegionInfo(ref.id, ref.name, tuple(ref.path) or (ref.name,)))
    return out


# ---------------------------------------------------------------------------------------------
# Engine
# ---------------------------------------------------------------------------------------------


def _fmt_bytes(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n} 字节"


class Engine:
    """One per process. Thread-safe for reads; writes are serialised by the data dir's lock."""

    def __init__(self, settings: Settings, backend: Backend | None = None) -> None:
        self.settings = settings
        self.backend = backend or Backend()
        self.store = DataStore(settings.resolved_data_dir())
        self._snap: Snapshot | None = None
        self._reload = threading.Lock()

    # -- lifecycle -----------------------------------------------------------------------------

    def has_snapshot(self) -> bool:
        return self.store.has_snapshot()

    def snapshot(self) -> Snapshot:
        """The live snapshot; reopened when CURRENT was swapped (a stat per call, a read on change)."""
        for _attempt in range(3):
            state = self.store.pointer_state()
            if state is None:
                raise NoSnapshot("索引尚未建立：请先运行 policykg build")
            snap = self._snap
            if snap is not None and snap.state == state:
                return snap
            with self._reload:
                snap = self._snap
                if snap is not None and snap.state == state:
                    return snap
                try:
                    new = Snapshot(state, self.store.snapshots_dir / state.name, self.backend)
                except (FileNotFoundError, PolicyKGError):
                    # Pruned (or replaced) between reading the pointer and opening it: read the
                    # pointer again; a snapshot that is really broken raises on the second try.
                    if self.store.pointer_state() != state:
                        continue
                    raise
                self._snap = new
                # The old snapshot is not closed here: requests in flight may still hold it.
                return new
        raise NoSnapshot("索引正在更新，请稍后重试")

    def close(self) -> None:
        if self._snap is not None:
            self._snap.close()
            self._snap = None

    # -- writes --------------------------------------------------------------------------------

    def _parse(self, upload: Upload, max_bytes: int) -> tuple[list[Document], FileOutcome | None]:
        name = self.backend.safe_name(upload.name) or "upload"
        ext = Path(name).suffix.lower()
        if len(upload.data) > max_bytes:
            err: PolicyKGError = FileTooLarge(f"文件超过大小上限（{_fmt_bytes(max_bytes)}）")
        elif ext not in SUPPORTED_EXTS:
            shown = ext or "无扩展名"
            err = UnsupportedFormat(f"不支持的文件类型（{shown}）：支持 txt、md、html、docx、pdf")
        else:
            try:
                docs = self.backend.read_bytes(name, upload.data, max_bytes)
            except PolicyKGError as exc:
                err = exc
            except Exception as exc:  # a reader bug must reject one file, not the batch
                log.exception("ingest of one file failed unexpectedly (%s)", type(exc).__name__)
                err = IngestError("文件无法解析（内部错误），请检查文件是否完整")
            else:
                if not docs:
                    err = IngestError("文件中没有可识别的正文")
                else:
                    return docs, None
        return [], FileOutcome(file=name, status="rejected", code=err.code, message=err.message)

    def _read_paths(self, paths: Sequence[Path]) -> list[Upload | FileOutcome]:
        out: list[Upload | FileOutcome] = []
        limit = self.settings.max_ingest_bytes
        for p in paths:
            p = Path(p)
            try:
                size = p.stat().st_size
                if size > limit:
                    out.append(
                        FileOutcome(
                            file=p.name,
                            status="rejected",
                            code="file_too_large",
                            message=f"文件超过大小上限（{_fmt_bytes(limit)}）",
                        )
                    )
                    continue
                out.append(Upload(name=p.name, data=p.read_bytes()))
            except FileNotFoundError:
                out.append(
                    FileOutcome(file=p.name, status="rejected", code="not_found", message="文件不存在")
                )
            except IsADirectoryError:
                out.append(
                    FileOutcome(file=p.name, status="rejected", code="ingest_failed", message="这是一个目录")
                )
            except OSError as exc:
                out.append(
                    FileOutcome(
                        file=p.name,
                        status="rejected",
                        code="ingest_failed",
                        message=f"无法读取文件（{exc.strerror or type(exc).__name__}）",
                    )
                )
        return out

    def _write_generation(
        self,
        tmp: Path,
        docs: list[Document],
        base: Path | None = None,
        delete_ids: Sequence[str] = (),
        add_docs: Sequence[Document] = (),
    ) -> dict[str, Any]:
        """Graph, index, documents into tmp. Incremental index when base is given, else a full build."""
        graph = self.backend.build_graph(docs)
        annotations = self.backend.annotations(graph)
        terms = self.backend.dictionary_terms(graph)
        index_dir = tmp / "index"
        index = None
        if base is not None and (base / "index").is_dir():
            try:
                link_or_copy_tree(base / "index", index_dir)
                index = self.backend.open_index(index_dir)
                self.backend.update_index(index, list(delete_ids), list(add_docs), annotations)
            except PolicyKGError:
                raise
            except Exception as exc:  # an index that cannot be updated in place is rebuilt
                log.warning("incremental index update failed (%s); rebuilding", type(exc).__name__)
                if index is not None:
                    self.backend.close_index(index)
                shutil.rmtree(index_dir, ignore_errors=True)
                index = None
        if index is None:
            index = self.backend.create_index(index_dir, docs, annotations, terms)
        self.backend.close_index(index)
        self.backend.save_graph(graph, tmp / "graph.json")
        with open(tmp / "documents.jsonl", "w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
        stats = self.backend.graph_stats(graph)
        entities = stats.get("entities")
        if isinstance(entities, dict):
            entities = sum(entities.values())
        return {
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "documents": len(docs),
            "clauses": sum(len(d.clauses) for d in docs),
            "entities": int(entities or 0),
        }

    def _commit(
        self,
        docs: list[Document],
        originals: list[tuple[Upload, Document]],
        base: Path | None = None,
        delete_ids: Sequence[str] = (),
        add_docs: Sequence[Document] = (),
    ) -> tuple[str, dict[str, Any]]:
        name, tmp = self.store.prepare()
        try:
            manifest = self._write_generation(tmp, docs, base, delete_ids, add_docs)
            # Originals before the swap: an original without a live document is harmless, the
            # reverse (a document whose bytes are lost) is not.
            for upload, doc in originals:
                self.store.store_original(doc.sha256, Path(upload.name).suffix, upload.data)
            self.store.commit(name, tmp, manifest)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return name, manifest

    def build(self, corpus_dir: Path | None = None) -> WriteReport:
        """A complete new generation from every file of a corpus folder.

        Files that cannot be read are reported and skipped; the build fails only when no file
        could be ingested (then nothing changes).
        """
        corpus = Path(corpus_dir or self.settings.corpus_dir)
        if not corpus.is_dir():
            raise NotFound(f"语料目录不存在：{corpus}")
        items = self._read_paths(self.backend.corpus_files(corpus))
        outcomes: list[FileOutcome] = []
        docs: dict[str, Document] = {}
        originals: list[tuple[Upload, Document]] = []
        seen_sha: dict[str, str] = {}
        for item in items:
            if isinstance(item, FileOutcome):
                outcomes.append(item)
                continue
            parsed, failure = self._parse(item, self.settings.max_ingest_bytes)
            if failure is not None:
                outcomes.append(failure)
                continue
            head = parsed[0]
            if head.sha256 in seen_sha:
                outcomes.append(
                    FileOutcome(
                        file=item.name,
                        status="unchanged",
                        doc_ids=[seen_sha[head.sha256]],
                        message=f"内容与 {seen_sha[head.sha256]} 相同",
                    )
                )
                continue
            seen_sha[head.sha256] = head.id
            status = "replaced" if head.id in docs else "added"
            for d in parsed:
                docs[d.id] = d
            originals.append((item, head))
            outcomes.append(
                FileOutcome(
                    file=item.name,
                    status=status,
                    doc_ids=[d.id for d in parsed],
                    documents=[extracted_summary(d) for d in parsed],
                )
            )
        if not docs:
            raise IngestError(
                "没有可导入的文档：语料目录中的文件都无法读取" if outcomes else "语料目录中没有支持的文件"
            )
        with self.store.write_lock(WRITE_LOCK_TIMEOUT):
            name, manifest = self._commit(list(docs.values()), originals)
        return WriteReport(
            outcomes=outcomes,
            snapshot=name,
            documents=manifest["documents"],
            clauses=manifest["clauses"],
            entities=manifest["entities"],
            changed=True,
        )

    def ingest(self, uploads: Sequence[Upload | FileOutcome], *, atomic: bool) -> WriteReport:
        """Add or replace documents. atomic=True (HTTP): any failed file → IngestRejected, nothing changes."""
        parsed: list[tuple[Upload, list[Document]]] = []
        outcomes: list[FileOutcome] = []
        for item in uploads:
            if isinstance(item, FileOutcome):
                outcomes.append(item)
                continue
            docs, failure = self._parse(item, self._limit(atomic))
            if failure is not None:
                outcomes.append(failure)
            else:
                parsed.append((Upload(self.backend.safe_name(item.name) or "upload", item.data), docs))
        if atomic and outcomes:
            raise IngestRejected(outcomes)
        if not parsed:
            return self._report(outcomes, changed=False)

        with self.store.write_lock(WRITE_LOCK_TIMEOUT):
            base = self.store.current_path() if self.store.has_snapshot() else None
            existing = read_documents(base / "documents.jsonl") if base else []
            current: dict[str, Document] = {d.id: d for d in existing}
            by_sha = {d.sha256: d.id for d in existing if d.parent_id is None}
            delete_ids: set[str] = set()
            added: dict[str, Document] = {}
            originals: list[tuple[Upload, Document]] = []
            for upload, docs in parsed:
                head = docs[0]
                same = by_sha.get(head.sha256)
                if same is not None:
                    ids = [same, *current[same].children] if same in current else [same]
                    outcomes.append(
                        FileOutcome(
                            file=upload.name,
                            status="unchanged",
                            doc_ids=ids,
                            message="未变化：内容与已有文档相同",
                        )
                    )
                    continue
                replaced = head.id in current or head.id in added
                if head.id in current:
                    old = current.pop(head.id)
                    delete_ids.add(old.id)
                    for child in [*old.children, *[c.id for c in docs[1:]]]:
                        if current.pop(child, None) is not None:
                            delete_ids.add(child)
                for stale in [k for k, v in added.items() if k == head.id or v.parent_id == head.id]:
                    added.pop(stale)
                for d in docs:
                    added[d.id] = d
                by_sha[head.sha256] = head.id
                originals.append((upload, head))
                outcomes.append(
                    FileOutcome(
                        file=upload.name,
                        status="replaced" if replaced else "added",
                        doc_ids=[d.id for d in docs],
                        documents=[extracted_summary(d) for d in docs],
                    )
                )
            if not added:
                return self._report(outcomes, changed=False)
            all_docs = [*current.values(), *added.values()]
            name, manifest = self._commit(all_docs, originals, base, sorted(delete_ids), list(added.values()))
        report = self._report(outcomes, changed=True, name=name, manifest=manifest)
        self._attach_entity_counts(report)
        return report

    def ingest_paths(self, paths: Sequence[Path]) -> WriteReport:
        return self.ingest(self._read_paths(paths), atomic=False)

    def delete(self, doc_id: str) -> WriteReport:
        """Remove a document (and, for a bulletin, its articles)."""
        with self.store.write_lock(WRITE_LOCK_TIMEOUT):
            base = self.store.current_path()
            docs = read_documents(base / "documents.jsonl")
            current = {d.id: d for d in docs}
            target = current.get(doc_id)
            if target is None:
                raise NotFound(f"文档不存在：{doc_id}")
            gone = {doc_id, *target.children, *(d.id for d in docs if d.parent_id == doc_id)}
            remaining = []
            for d in docs:
                if d.id in gone:
                    continue
                if doc_id in d.children:  # an article removed from its bulletin
                    d.children = [c for c in d.children if c != doc_id]
                remaining.append(d)
            name, manifest = self._commit(remaining, [], base, sorted(gone), [])
        outcome = FileOutcome(file=target.source, status="deleted", doc_ids=sorted(gone))
        return self._report([outcome], changed=True, name=name, manifest=manifest)

    def _limit(self, atomic: bool) -> int:
        return self.settings.max_upload_bytes if atomic else self.settings.max_ingest_bytes

    def _report(
        self,
        outcomes: list[FileOutcome],
        *,
        changed: bool,
        name: str | None = None,
        manifest: dict[str, Any] | None = None,
    ) -> WriteReport:
        if manifest is None:
            name = self.store.current_name()
            manifest = self.store.read_manifest(self.store.snapshots_dir / name) if name else {}
        return WriteReport(
            outcomes=outcomes,
            snapshot=name,
            documents=int(manifest.get("documents", 0)),
            clauses=int(manifest.get("clauses", 0)),
            entities=int(manifest.get("entities", 0)),
            changed=changed,
        )

    def _attach_entity_counts(self, report: WriteReport) -> None:
        """What the graph found in each new document (counts by entity type)."""
        try:
            snap = self.snapshot()
        except PolicyKGError:
            return
        for outcome in report.outcomes:
            for summary in outcome.documents:
                with contextlib.suppress(Exception):
                    ents, _ = self.backend.subgraph(snap.graph, summary["doc_id"])
                    summary["entities"] = dict(Counter(e.type for e in ents))

    # -- reads ---------------------------------------------------------------------------------

    def validate_query(self, q: str | None, name: str = "q") -> str:
        q = (q or "").strip()
        if not q:
            raise BadQuery(f"查询词不能为空（参数 {name}）")
        if len(q) > self.settings.max_query_chars:
            raise BadQuery(f"查询词过长：最多 {self.settings.max_query_chars} 个字符")
        return q

    def validate_page(self, limit: int, offset: int = 0) -> None:
        if not 1 <= limit <= self.settings.max_page_size:
            raise BadQuery(f"limit 必须在 1 到 {self.settings.max_page_size} 之间")
        if not 0 <= offset <= self.settings.max_offset:
            raise BadQuery(f"offset 必须在 0 到 {self.settings.max_offset} 之间")

    def health(self) -> dict[str, Any]:
        snap = self.snapshot()
        stats = self.backend.graph_stats(snap.graph)
        entities = stats.get("entities")
        if isinstance(entities, dict):
            entities = sum(entities.values())
        if entities is None:
            entities = len(snap.entity_list)
        return {
            "status": "ok",
            "documents": len(snap.documents),
            "clauses": len(snap.clauses),
            "entities": int(entities),
            "snapshot": snap.name,
        }

    def search(self, params: SearchParams) -> dict[str, Any]:
        params.q = self.validate_query(params.q)
        self.validate_page(params.limit, params.offset)
        if params.year_from is not None and params.year_to is not None and params.year_from > params.year_to:
            raise BadQuery("year_from 不能大于 year_to")
        snap = self.snapshot()
        if params.region:
            # Unknown region → 400, not silently nothing; a short name (辽宁) becomes the full one.
            params.region = snap.resolve_region(params.region).name
        outcome = self.backend.search(snap.index, params)
        results = []
        for hit in outcome.hits:
            found = snap.clauses.get(hit.clause_id)
            if found is None:
                continue
            clause, doc = found
            results.append(
                {
                    "clause_id": clause.id,
                    "doc_id": doc.id,
                    "text": clause.text,
                    "highlight": hit.highlight or html.escape(clause.text),
                    "path": list(clause.path),
                    "heading": clause.heading,
                    "score": round(hit.score, 4),
                    "document": document_summary(doc),
                }
            )
        facets = {k: outcome.facets.get(k, []) for k in ("region", "doc_type", "year", "program")}
        facets.update({k: v for k, v in outcome.facets.items() if k not in facets})
        return {
            "query": params.q,
            "total": outcome.total,
            "offset": params.offset,
            "limit": params.limit,
            "results": results,
            "facets": facets,
            "notices": outcome.notices,
        }

    def _pool(
        self, snap: Snapshot, q: str, size: int, region: str | None = None
    ) -> list[precedents_mod.Candidate]:
        outcome = self.backend.search(
            snap.index, SearchParams(q=q, limit=size, region=region, facets=False, highlight=False)
        )
        cands = [snap.candidate(h) for h in outcome.hits]
        return [c for c in cands if c is not None]

    def precedents(self, q: str, limit: int = 10) -> dict[str, Any]:
        q = self.validate_query(q)
        self.validate_page(limit)
        snap = self.snapshot()
        pool = self._pool(snap, q, max(PRECEDENT_POOL, limit * 4))
        groups = precedents_mod.rank(q, pool, limit)
        return {
            "query": q,
            "total": sum(len(g.items) for g in groups),
            "groups": [g.to_dict(document_summary) for g in groups],
        }

    def compare(self, topic: str, regions: Sequence[str] | None = None, limit: int = 10) -> dict[str, Any]:
        topic = self.validate_query(topic, "topic")
        self.validate_page(limit)
        snap = self.snapshot()
        names = [r.strip() for r in (regions or []) if r and r.strip()]
        if len(names) > 20:
            raise BadQuery("一次最多比较 20 个地区")
        resolved: list[RegionInfo] = []
        for n in names:
            r = snap.resolve_region(n)
            if r not in resolved:
                resolved.append(r)
        if not resolved:
            pool = self._pool(snap, topic, COMPARE_POOL * 2)
            resolved = compare_mod.regions_on_topic(pool, max_regions=8)
        columns = []
        for region in resolved:
            pool = self._pool(snap, topic, COMPARE_POOL, region=region.name)
            pool = [c for c in pool if c.region is not None and compare_mod.within(c.region.path, region)]
            # A region with nothing on the topic stays empty; one with something also gets the
            # clauses naming its own programs (its brand may be called 机制 where the topic says 品牌).
            extra = self._program_candidates(snap, region, {c.clause.id for c in pool}) if pool else []
            column = compare_mod.rank_column(
                topic, region, pool + extra, snap.region_programs.get(region.name, Counter()), limit
            )
            columns.append(column.to_dict(document_summary))
        return {"topic": topic, "regions": [r.name for r in resolved], "columns": columns}

    def _program_candidates(
        self, snap: Snapshot, region: RegionInfo, seen: set[str]
    ) -> list[precedents_mod.Candidate]:
        """Clauses of the region naming its most frequent programs, when retrieval missed them
        (a topic such as 党建品牌 matches a region whose brand is called 机制 or 行动)."""
        programs = snap.region_programs.get(region.name)
        if not programs:
            return []
        top = {p for p, _ in programs.most_common(3)}
        out = []
        for cid in snap.clauses:
            if cid in seen or not top.intersection(snap.programs(cid)):
                continue
            reg = snap.clause_region(cid)
            if reg is None or not compare_mod.within(reg.path, region):
                continue
            cand = snap.candidate(Hit(clause_id=cid, score=0.0))
            if cand is not None:
                out.append(cand)
        return out

    # -- documents and graph ------------------------------------------------------------------

    def documents(self, offset: int = 0, limit: int = 20, top_level: bool = False) -> dict[str, Any]:
        self.validate_page(limit, offset)
        snap = self.snapshot()
        docs = [d for d in snap.documents.values() if not (top_level and d.parent_id)]
        page = docs[offset : offset + limit]
        return {
            "total": len(docs),
            "offset": offset,
            "limit": limit,
            "documents": [listing_summary(d) for d in page],
        }

    def document(self, doc_id: str) -> dict[str, Any]:
        snap = self.snapshot()
        doc = snap.documents.get(doc_id)
        if doc is None:
            raise NotFound(f"文档不存在：{doc_id}")
        parent = snap.documents.get(doc.parent_id) if doc.parent_id else None
        children = [snap.documents[c] for c in doc.children if c in snap.documents]
        out = listing_summary(doc)
        out.update(
            {
                "source": doc.source,
                "sha256": doc.sha256,
                "script": doc.script,
                "printed_date": doc.printed_date,
                "printed_by": doc.printed_by,
                "wrapper_title": doc.wrapper_title,
                "years": list(doc.years),
                "author_offices": dict(doc.author_offices),
                "warnings": list(doc.warnings),
                "parent": listing_summary(parent) if parent else None,
                "parts": [listing_summary(c) for c in children],
                "clauses": [clause_view(c, snap.facts(c.id)) for c in doc.clauses],
                "outline": clause_tree(doc.clauses),
                "text": doc.text,
            }
        )
        return out

    def document_graph(self, doc_id: str) -> dict[str, Any]:
        snap = self.snapshot()
        if doc_id not in snap.documents:
            raise NotFound(f"文档不存在：{doc_id}")
        ents, edges = self.backend.subgraph(snap.graph, doc_id)
        return {
            "doc_id": doc_id,
            "nodes": [entity_brief(e) for e in ents],
            "edges": [edge_view(e) for e in edges],
        }

    def entities(self, q: str | None = None, type: str | None = None, limit: int = 10) -> dict[str, Any]:
        self.validate_page(limit)
        snap = self.snapshot()
        q = (q or "").strip()
        if len(q) > self.settings.max_query_chars:
            raise BadQuery(f"查询词过长：最多 {self.settings.max_query_chars} 个字符")
        results: list[Entity] = []
        seen: set[str] = set()
        if q:
            for e in self.backend.lookup(snap.graph, q, type):
                if e.id not in seen:
                    seen.add(e.id)
                    results.append(e)
        folded = fold(q) if q else ""
        ranked: list[tuple[tuple[int, int, int, str], Entity]] = []
        for e, forms in snap.entity_list:
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
        return {"query": q, "results": [entity_brief(e) for e in results[:limit]]}

    def entity(self, entity_id: str) -> dict[str, Any]:
        snap = self.snapshot()
        ent = self.backend.entity(snap.graph, entity_id)
        if ent is None:
            raise NotFound(f"实体不存在：{entity_id}")
        neighbors = []
        for n in self.backend.neighbors(snap.graph, entity_id):
            neighbors.append(
                {
                    "relation": n["relation"],
                    "direction": n["direction"],
                    "entity": entity_brief(n["entity"]),
                    "evidence": list(n["evidence"]),
                }
            )
        neighbors.sort(key=lambda n: (n["relation"], n["direction"], n["entity"]["name"]))
        out = entity_brief(ent)
        out.update({"attributes": ent.attributes, "evidence": list(ent.evidence), "neighbors": neighbors})
        return out

    def _resolve_entity(self, snap: Snapshot, ref: str) -> Entity:
        ent = self.backend.entity(snap.graph, ref)
        if ent is None:
            found = self.backend.lookup(snap.graph, ref)
            ent = found[0] if found else None
        if ent is None:
            raise NotFound(f"实体不存在：{ref}")
        return ent

    def graph_path(self, source: str, target: str) -> dict[str, Any]:
        source = self.validate_query(source, "source")
        target = self.validate_query(target, "target")
        snap = self.snapshot()
        a = self._resolve_entity(snap, source)
        b = self._resolve_entity(snap, target)
        edges = self.backend.path(snap.graph, a.id, b.id) if a.id != b.id else []
        ids = {a.id, b.id} | {e.source for e in edges} | {e.target for e in edges}
        nodes = [entity_brief(x) for x in (self.backend.entity(snap.graph, i) for i in sorted(ids)) if x]
        steps = []
        for e in edges:
            ev = []
            for cid in e.evidence[:3]:
                found = snap.clauses.get(cid)
                if found:
                    ev.append({"clause_id": cid, "doc_id": found[1].id, "text": found[0].text[:300]})
            steps.append({**edge_view(e), "evidence_clauses": ev})
        return {
            "source": entity_brief(a),
            "target": entity_brief(b),
            "found": bool(edges) or a.id == b.id,
            "length": len(edges),
            "steps": steps,
            "nodes": nodes,
        }


# ---------------------------------------------------------------------------------------------
# Views (plain dicts; the API's pydantic models validate them)
# ---------------------------------------------------------------------------------------------


def listing_summary(doc: Document) -> dict[str, Any]:
    out = document_summary(doc)
    out.update(
        {
            "issuers": list(doc.issuers),
            "clause_count": len(doc.clauses),
            "children": list(doc.children),
        }
    )
    return out


def extracted_summary(doc: Document) -> dict[str, Any]:
    """What an upload reports for one document: the metadata ingest found."""
    return {
        "doc_id": doc.id,
        "title": doc.title,
        "doc_no": doc.doc_no,
        "issuer": "、".join(doc.issuers) if doc.issuers else doc.author_unit,
        "date": doc.date,
        "doc_type": doc.doc_type,
        "region": {"id": doc.region.id, "name": doc.region.name} if doc.region else None,
        "parent_id": doc.parent_id,
        "clause_count": len(doc.clauses),
        "warnings": list(doc.warnings),
    }


def entity_brief(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases)}


def edge_view(e: Edge) -> dict[str, Any]:
    return {"source": e.source, "target": e.target, "relation": e.relation, "evidence": list(e.evidence)}


def fact_view(f: Fact) -> dict[str, Any]:
    return {"kind": f.kind, "value": f.value, "unit": f.unit, "text": f.text, "qualifier": f.qualifier}


def clause_view(c: Clause, facts: Iterable[Fact] = ()) -> dict[str, Any]:
    return {
        "clause_id": c.id,
        "ordinal": c.ordinal,
        "number": c.number,
        "heading": c.heading,
        "path": list(c.path),
        "level": c.level,
        "kind": c.kind,
        "text": c.text,
        "start": c.start,
        "end": c.end,
        "facts": [fact_view(f) for f in facts],
    }


def clause_tree(clauses: Sequence[Clause]) -> list[dict[str, Any]]:
    """Nested outline from the clauses' heading paths.

    A heading that stands alone in the text (一、总体要求) is not a clause, only a path element: it
    becomes a node without clause_id. A clause whose own inline heading ends its path
    (（二）创建“枫叶驿站”。…) is the node of that heading; other clauses are leaves under their path.
    """
    root: dict[str, Any] = {"children": []}
    nodes: dict[tuple[str, ...], dict[str, Any]] = {(): root}

    def ensure(prefix: tuple[str, ...]) -> dict[str, Any]:
        node = nodes.get(prefix)
        if node is None:
            parent = ensure(prefix[:-1])
            node = {
                "clause_id": None,
                "number": None,
                "heading": prefix[-1],
                "kind": "heading",
                "level": len(prefix) - 1,
                "children": [],
            }
            parent["children"].append(node)
            nodes[prefix] = node
        return node

    for c in clauses:
        path = tuple(c.path)
        own = bool(c.heading) and bool(path) and path[-1] == c.heading
        parent = ensure(path[:-1] if own else path)
        node = {
            "clause_id": c.id,
            "number": c.number,
            "heading": c.heading,
            "kind": c.kind,
            "level": c.level,
            "children": [],
        }
        if own and path in nodes:  # the heading was seen before its clause: fill the placeholder
            placeholder = nodes[path]
            if placeholder["clause_id"] is None:
                placeholder.update({k: v for k, v in node.items() if k != "children"})
                continue
        parent["children"].append(node)
        if own:
            nodes[path] = node
    return root["children"]
