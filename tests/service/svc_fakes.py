"""Small fakes of ingest/graph/search for the service's unit tests.

The fake "ingest" reads UTF-8 text: line 1 is the title, `地区：A/B/C`, `文种：X`, `单位：Y` and
`日期：YYYY-MM-DD` lines are metadata, every other non-empty line is a clause. The fake graph
knows documents, regions (from the paths), programs (quoted names), facts (N人以上) and clause
annotations; the fake index scores clauses by shared character bigrams and filters regions
hierarchically. The index writes whole new files (never in place), as whoosh does, so the
copy-on-write snapshots are exercised honestly.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.store import Neighbor, PathStep
from policykg.errors import DecodeError, EmptyDocument, FileTooLarge, UnsupportedFormat
from policykg.model import Clause, ClauseAnnotation, Document, Edge, Entity, Fact, RegionRef
from service.engine import Backend

E2E_TOKEN = "e2e-write-token"

_QUOTED = re.compile(r"“([^”]{2,12})”")
_THRESHOLD = re.compile(r"[^，。；]{0,6}?(\d+)人以上的?")


def make_document(name: str, data: bytes) -> list[Document]:
    if not name.endswith((".txt", ".md")):
        raise UnsupportedFormat("不支持的文件类型")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DecodeError("无法识别文件编码") from None
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        raise EmptyDocument("文件是空的")
    doc_id = Path(name).stem
    meta: dict[str, str] = {}
    body: list[str] = []
    for ln in lines[1:]:
        m = re.match(r"^(地区|文种|单位|日期)：(.+)$", ln)
        if m:
            meta[m.group(1)] = m.group(2)
        else:
            body.append(ln)
    region = None
    if "地区" in meta:
        path = tuple(meta["地区"].split("/"))
        region = RegionRef(id=f"region:{path[-1]}", name=path[-1], level="city", path=path)
    clauses = []
    pos = 0
    full = "\n".join(body)
    for i, ln in enumerate(body, start=1):
        clauses.append(
            Clause(
                id=f"{doc_id}:{i:04d}",
                doc_id=doc_id,
                ordinal=i,
                text=ln,
                search_text=ln,
                start=pos,
                end=pos + len(ln),
                level=1,
            )
        )
        pos += len(ln) + 1
    return [
        Document(
            id=doc_id,
            title=lines[0],
            text=full,
            search_text=full,
            source=name,
            sha256=hashlib.sha256(data).hexdigest(),
            doc_type=meta.get("文种"),
            region=region,
            issuers=[meta["单位"]] if "单位" in meta else [],
            date=meta.get("日期"),
            author_unit=meta.get("单位") if meta.get("文种") == "经验交流" else None,
            clauses=clauses,
        )
    ]


@dataclass
class FakeGraph:
    """The parts of graph.store.KnowledgeGraph's API the service reads, over plain lists."""

    entities_: dict[str, Entity] = field(default_factory=dict)
    edges_: list[Edge] = field(default_factory=list)
    annotations: dict[str, ClauseAnnotation] = field(default_factory=dict)

    def add(self, e: Entity) -> None:
        self.entities_.setdefault(e.id, e)

    def lookup(self, name: str, type: str | None = None) -> list[Entity]:
        return [
            e
            for e in self.entities_.values()
            if (name == e.name or name in e.aliases) and (type is None or e.type == type)
        ]

    def entity(self, eid: str) -> Entity | None:
        return self.entities_.get(eid)

    def entities(self) -> list[Entity]:
        return list(self.entities_.values())

    def edges(self) -> list[Edge]:
        return list(self.edges_)

    def neighbors(self, eid: str) -> list[Neighbor]:
        out = []
        for e in self.edges_:
            if e.source == eid:
                out.append(Neighbor(e.relation, "out", self.entities_[e.target], list(e.evidence)))
            elif e.target == eid:
                out.append(Neighbor(e.relation, "in", self.entities_[e.source], list(e.evidence)))
        return out

    def path(self, a: str, b: str, max_len: int = 4, avoid_types: Any = ()) -> list[PathStep]:
        for e in self.edges_:
            if {e.source, e.target} == {a, b}:
                return [PathStep(e.source, e.relation, e.target, list(e.evidence))]
        return []

    def subgraph(self, doc_id: str) -> FakeGraph:
        edges = [e for e in self.edges_ if e.source == f"document:{doc_id}"]
        ids = {f"document:{doc_id}"} | {e.target for e in edges}
        sub = FakeGraph(edges_=edges)
        for i in sorted(ids):
            if i in self.entities_:
                sub.add(self.entities_[i])
        return sub

    def facts_for(self, cid: str) -> list[Fact]:
        ann = self.annotations.get(cid)
        return list(ann.facts) if ann else []

    def dictionary_terms(self) -> list[str]:
        return [e.name for e in self.entities_.values() if e.type == "program"]

    def stats(self) -> dict[str, Any]:
        return {"entities": len(self.entities_), "edges": len(self.edges_)}

    def save(self, path: Path) -> None:
        data = {
            "entities": [e.to_dict() for e in self.entities_.values()],
            "edges": [e.to_dict() for e in self.edges_],
            "annotations": [a.to_dict() for a in self.annotations.values()],
        }
        Path(path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> FakeGraph:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        g = cls()
        for e in data["entities"]:
            g.add(Entity.from_dict(e))
        g.edges_ = [Edge.from_dict(e) for e in data["edges"]]
        for a in data["annotations"]:
            ann = ClauseAnnotation.from_dict(a)
            g.annotations[ann.clause_id] = ann
        return g


def fake_build_graph(docs: list[Document]) -> FakeGraph:
    g = FakeGraph()
    for d in docs:
        g.add(Entity(id=f"document:{d.id}", name=d.title, type="document"))
        path = tuple(d.region.path) if d.region else ()
        for i, name in enumerate(path):
            g.add(
                Entity(
                    id=f"region:{name}",
                    name=name,
                    type="region",
                    aliases=[name[:-1]] if len(name) > 2 else [],
                )
            )
            if i:
                e = Edge(source=f"region:{name}", target=f"region:{path[i - 1]}", relation="part_of")
                if e not in g.edges_:
                    g.edges_.append(e)
        for c in d.clauses:
            progs = _QUOTED.findall(c.text)
            facts = [
                Fact(
                    kind="threshold",
                    value=int(m.group(1)),
                    unit="人",
                    text=m.group(0),
                    clause_id=c.id,
                    qualifier="以上",
                )
                for m in _THRESHOLD.finditer(c.text)
            ]
            for p in progs:
                g.add(Entity(id=f"program:{p}", name=p, type="program", evidence=[c.id]))
                g.edges_.append(
                    Edge(
                        source=f"document:{d.id}",
                        target=f"program:{p}",
                        relation="implements",
                        evidence=[c.id],
                    )
                )
            g.annotations[c.id] = ClauseAnnotation(
                clause_id=c.id,
                programs=progs,
                facts=facts,
                region_path=list(path),
                organization=d.author_unit or (d.issuers[0] if d.issuers else None),
            )
    return g


def _bigrams(text: str) -> set[str]:
    t = re.sub(r"\W+", "", text)
    return {t[i : i + 2] for i in range(len(t) - 1)} or ({t} if t else set())


class FakeIndex:
    FILE = "clauses.json"

    def __init__(self, path: Path, rows: list[dict[str, Any]]) -> None:
        self.path = Path(path)
        self.rows = rows

    def _write(self) -> None:
        # Like whoosh: a new file replaces the old name; an existing (hard-linked) file is never modified.
        self.path.mkdir(parents=True, exist_ok=True)
        tmp = self.path / (self.FILE + ".new")
        tmp.write_text(json.dumps(self.rows, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.path / self.FILE)

    @staticmethod
    def rows_for(docs: list[Document], annotations: dict[str, ClauseAnnotation]) -> list[dict[str, Any]]:
        rows = []
        for d in docs:
            for c in d.clauses:
                rows.append(
                    {
                        "clause_id": c.id,
                        "doc_id": d.id,
                        "text": c.search_text,
                        "region": list(d.region.path) if d.region else [],
                        "doc_type": d.doc_type,
                    }
                )
        return rows

    @classmethod
    def create(cls, path: Path, docs: list[Document], annotations: dict[str, ClauseAnnotation]) -> FakeIndex:
        idx = cls(path, cls.rows_for(docs, annotations))
        idx._write()
        return idx

    @classmethod
    def open(cls, path: Path) -> FakeIndex:
        return cls(path, json.loads((Path(path) / cls.FILE).read_text(encoding="utf-8")))

    def delete_documents(self, ids: list[str]) -> None:
        self.rows = [r for r in self.rows if r["doc_id"] not in set(ids)]
        self._write()

    def add_documents(self, docs: list[Document], annotations: dict[str, ClauseAnnotation]) -> None:
        self.rows.extend(self.rows_for(docs, annotations))
        self._write()

    def close(self) -> None:
        pass

    def search(self, params: Any) -> dict[str, Any]:
        q = _bigrams(params.q)
        scored = []
        for r in self.rows:
            if params.region and params.region not in r["region"]:
                continue
            if params.doc_type and params.doc_type != r["doc_type"]:
                continue
            s = len(q & _bigrams(r["text"]))
            if s:
                scored.append((s, r["clause_id"]))
        scored.sort(key=lambda x: (-x[0], x[1]))
        page = scored[params.offset : params.offset + params.limit]
        regions: dict[str, int] = {}
        for _s, cid in scored:
            row = next(r for r in self.rows if r["clause_id"] == cid)
            for name in row["region"]:
                regions[name] = regions.get(name, 0) + 1
        return {
            "total": len(scored),
            "results": [{"clause_id": cid, "score": float(s)} for s, cid in page],
            "facets": {"region": [(k, v) for k, v in sorted(regions.items())]},
        }


class FakeBackend(Backend):
    """The engine's adapter, pointed at the fakes above. `fail_graph` simulates a crash mid-write."""

    def __init__(self) -> None:
        super().__init__()
        self.fail_graph = False
        self.calls: list[str] = []

    def read_bytes(self, name: str, data: bytes, max_bytes: int) -> list[Document]:
        if len(data) > max_bytes:
            raise FileTooLarge("文件过大")
        return make_document(name, data)

    def build_graph(self, docs: list[Document]) -> FakeGraph:
        self.calls.append("build_graph")
        if self.fail_graph:
            raise RuntimeError("simulated failure")
        return fake_build_graph(docs)

    def load_graph(self, path: Path) -> FakeGraph:
        return FakeGraph.load(path)

    def create_index(
        self, path: Path, docs: list[Document], annotations: dict[str, ClauseAnnotation], terms: list[str]
    ) -> FakeIndex:
        self.calls.append("create_index")
        return FakeIndex.create(path, docs, annotations)

    def open_index(self, path: Path) -> FakeIndex:
        return FakeIndex.open(path)

    def update_index(
        self,
        index: FakeIndex,
        delete_ids: list[str],
        add_docs: list[Document],
        annotations: dict[str, ClauseAnnotation],
    ) -> None:
        self.calls.append("update_index")
        super().update_index(index, delete_ids, add_docs, annotations)

    def search(self, index: FakeIndex, params: Any) -> Any:
        from service.engine import Hit, SearchOutcome

        page = index.search(params)
        facets = {k: [{"value": v, "count": c} for v, c in rows] for k, rows in page["facets"].items()}
        return SearchOutcome(
            query=params.q,
            total=page["total"],
            results=[Hit(clause_id=r["clause_id"], score=r["score"]) for r in page["results"]],
            facets=facets,
        )

    def render_report(self, graph: FakeGraph, docs: list[Document]) -> str:
        return "\n".join(f"{e.type}\t{e.name}" for e in graph.entities())


# A tiny corpus: three regions, a practice, a requirement, thresholds.
CORPUS = {
    "liaoning.txt": """关于开展“红枫行动”的实施意见
地区：辽宁省
文种：实施意见
单位：中共辽宁省委老干部局
日期：2020-02-25
各地各单位要加强离退休干部党支部建设，推动到社区报到。
创建“枫叶驿站”，组织离退休党员到社区报到、参加社区活动。
""",
    "dandong.txt": """振兴区离退休干部党建经验
地区：辽宁省/丹东市/振兴区
文种：经验交流
单位：中共丹东市振兴区委组织部
日期：2020-07-23
今年以来，我们实施“三建三联三促进”，建立《离退休干部党员社区报到反馈表》，已有53名退休干部到社区报到。
""",
    "fuzhou.txt": """关于推进“1335”离退休干部党建工作机制的通知
地区：福建省/福州市
文种：通知
单位：中共福州市委离退休干部工作委员会
日期：2018-01-30
坚持“1335”离退休干部党建工作机制，加强离退休干部党建。
单位离退休干部党员人数5人以上的，要建立单独的离退休干部党支部。
""",
}


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in CORPUS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def built_engine(root: Path) -> Any:
    """An engine over the fake backend with the small corpus built under `root` (the read pages' tests)."""
    from policykg.settings import Settings
    from service.engine import Engine

    engine = Engine(Settings(data_dir=root / "data", corpus_dir=write_corpus(root / "corpus")), FakeBackend())
    engine.build()
    return engine


class ChildSpyBackend(Backend):
    """The real backend, whose graph stage says where it ran (service/graphstage.py: the child
    is another interpreter, so it is told by a file, not by a patch): `mode` "spy" writes the
    pid, "broken" raises, "killed" exits without a word — each only outside `parent`."""

    def __init__(self, settings: Any, note: Path, mode: str = "spy") -> None:
        super().__init__(settings)
        self.note, self.mode, self.parent = str(note), mode, os.getpid()

    def build_graph_scanned(self, docs: list[Document], scans: Any) -> Any:
        with open(self.note, "a") as fh:
            fh.write(f"{os.getpid()}\n")
        if os.getpid() != self.parent and self.mode == "broken":
            raise ValueError("linker broke in the child")
        if os.getpid() != self.parent and self.mode == "killed":
            os._exit(9)  # as the kernel's OOM killer would, without a word
        return super().build_graph_scanned(docs, scans)
