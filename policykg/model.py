"""The typed domain model shared by every package.

ingest produces `Document`s (with `Clause`s); graph turns documents into `Entity`s, `Edge`s and
`Fact`s; search indexes clauses; service composes all of them. Everything here is plain data:
JSON round-trips through `to_dict` / `from_dict` so the data dir holds readable files.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from typing import Any, Literal, TypeVar

Script = Literal["simplified", "traditional"]
EntityType = Literal["document", "organization", "region", "program", "branch", "person", "concept"]
Relation = Literal[
    "part_of",
    "issued_by",
    "cites",
    "implements",
    "launches",
    "located_in",
    "covers",
    "authored_by",
    "member_of",
    "mentions",
]

T = TypeVar("T")


_ATOMS = frozenset({str, int, float, bool, type(None)})


def asdict(obj: Any) -> Any:
    """`dataclasses.asdict` with the same result, about 3× faster: immutable leaves are returned
    as they are instead of going through `copy.deepcopy` (saving a generation serialises every
    document, entity, edge and annotation: seconds per write at 12k clauses)."""
    t = type(obj)
    if t in _ATOMS:
        return obj
    if hasattr(t, "__dataclass_fields__"):
        return {f.name: asdict(getattr(obj, f.name)) for f in fields(obj)}
    if t is list:
        return [asdict(v) for v in obj]
    if t is tuple:
        return tuple(asdict(v) for v in obj)
    if t is dict:
        return {asdict(k): asdict(v) for k, v in obj.items()}
    return copy.deepcopy(obj)  # anything else: what dataclasses.asdict does with a leaf


def _from_dict(cls: type[T], data: dict[str, Any]) -> T:
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True)
class RegionRef:
    """A region as a document or organization refers to it.

    `code` is the NBS division code when known. A region whose name is masked in the source
    (``**县``) has ``code=None``, ``known=False`` and only its level: we never guess a name.
    """

    id: str
    name: str
    level: str  # province | city | county | town | unknown
    code: str | None = None
    known: bool = True
    # names from the province down to this region, e.g. ("辽宁省", "丹东市", "振兴区")
    path: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["path"] = list(self.path)
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RegionRef:
        data = dict(data)
        data["path"] = tuple(data.get("path") or ())
        return _from_dict(cls, data)


@dataclass(slots=True)
class Clause:
    """A unit a person would quote: a numbered item or a paragraph, with its heading path.

    `text` is the original script (for display), `search_text` the normalised form (NFKC,
    traditional→simplified when the document is traditional, no stray spaces). Both have the same
    length only when normalisation is length-preserving; `offsets` maps search_text positions back
    to text positions when they differ (see policykg.text.fold_with_offsets).
    """

    id: str
    doc_id: str
    ordinal: int
    text: str
    search_text: str
    path: list[str] = field(default_factory=list)  # ancestor headings, outermost first
    heading: str | None = None  # inline heading of this clause, e.g. "（二）创建“枫叶驿站”"
    number: str | None = None  # its numbering token, e.g. "（二）", "1.", "一是"
    level: int = 0
    start: int = 0  # character offsets in Document.text
    end: int = 0
    kind: str = "paragraph"  # paragraph | item | heading

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Clause:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Document:
    """A policy document (or one article of a bulletin) after ingest."""

    id: str
    title: str
    text: str  # cleaned body in the original script, the coordinate system of clause offsets
    search_text: str
    source: str  # file name as given (no directories)
    sha256: str  # of the original bytes (a bulletin's children share their parent's)
    script: Script = "simplified"
    doc_no: str | None = None  # normalised: 辽老通字〔2020〕4号
    issuers: list[str] = field(default_factory=list)
    date: str | None = None  # ISO date the document was signed (成文) or the speech was given
    printed_date: str | None = None  # 印发 date
    printed_by: str | None = None
    doc_type: str | None = None  # 通知 实施意见 工作要点 讲话 经验交流 简报 意见 方案 …
    region: RegionRef | None = None
    years: list[int] = field(default_factory=list)  # years the document covers
    wrapper_title: str | None = None  # a transmitting notice 关于印发《…》的通知
    parent_id: str | None = None  # the bulletin this article appears in
    children: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)  # speakers, article authors (people)
    author_unit: str | None = None  # the unit that wrote an article
    source_unit: str | None = None  # the 来源 of a web page or news article (a paper, a site, a unit)
    editors: list[str] = field(default_factory=list)  # 编辑 / 审核 / 签发 named by a web page
    profile: str | None = None  # how ingest read it: document | speech | web | bulletin | compilation
    # spans of `text` read as metadata (header, title, meta lines, signature): not body, in no clause
    meta_spans: list[tuple[int, int]] = field(default_factory=list)
    author_offices: dict[str, str] = field(default_factory=dict)  # person → office, when stated
    residue: dict[str, list[str]] = field(default_factory=dict)  # removed text kept as metadata
    warnings: list[str] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    source_url: str | None = None  # where the page was published, when a reader knows it
    # Curated metadata (PATCH /api/documents/{id}, service/overrides.py): the values applied over
    # what ingest found, and what ingest had found for those fields (to show and to restore).
    overrides: dict[str, Any] = field(default_factory=dict)
    extracted: dict[str, Any] = field(default_factory=dict)

    @property
    def year(self) -> int | None:
        if self.date:
            return int(self.date[:4])
        return min(self.years) if self.years else None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["region"] = self.region.to_dict() if self.region else None
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        data = dict(data)
        region = data.get("region")
        data["region"] = RegionRef.from_dict(region) if region else None
        data["clauses"] = [Clause.from_dict(c) for c in data.get("clauses") or []]
        data["meta_spans"] = [(int(a), int(b)) for a, b in data.get("meta_spans") or []]
        return _from_dict(cls, data)


@dataclass(slots=True)
class Fact:
    """A quantitative provision attached to its clause: 5人以上, 每月不低于300元, 每年至少培训一次."""

    kind: str  # threshold | amount | frequency | count | duration | ratio
    value: float | int | None
    unit: str
    text: str
    clause_id: str
    qualifier: str | None = None  # 以上 | 以下 | 超过 | 不低于 | 至少 …
    subject: str | None = None  # what it constrains: 联合党支部, 学习, 走访, 任期, 补贴 …
    value_max: float | int | None = None  # the upper end of a range (每月1—2次)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fact:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)  # clause ids where it is mentioned

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Edge:
    source: str
    target: str
    relation: Relation
    evidence: list[str] = field(default_factory=list)  # clause ids it was extracted from

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Edge:
        return _from_dict(cls, data)


@dataclass(slots=True)
class ClauseAnnotation:
    """What the graph knows about one clause, fed to the search index as filter/facet fields."""

    clause_id: str
    programs: list[str] = field(default_factory=list)  # canonical program names mentioned
    entities: list[str] = field(default_factory=list)  # entity ids mentioned
    facts: list[Fact] = field(default_factory=list)
    region_path: list[str] = field(default_factory=list)  # region of the acting unit, province first
    organization: str | None = None  # acting unit (for a bulletin article: the article's unit)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClauseAnnotation:
        data = dict(data)
        data["facts"] = [Fact.from_dict(f) for f in data.get("facts") or []]
        return _from_dict(cls, data)
