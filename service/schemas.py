"""Response models of the HTTP API (the contract's shapes, extended), with Chinese examples for OpenAPI."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def _examples(*examples: dict[str, Any]) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": list(examples)})


class ErrorDetail(BaseModel):
    code: str = Field(description="稳定的机器可读错误码")
    message: str = Field(description="面向用户的中文说明")
    details: list[dict[str, Any]] | None = Field(default=None, description="逐个文件的错误（上传时）")


class ErrorResponse(BaseModel):
    model_config = _examples({"error": {"code": "bad_query", "message": "查询词不能为空（参数 q）"}})
    error: ErrorDetail


class RegionBrief(BaseModel):
    id: str
    name: str


class OrgBrief(BaseModel):
    id: str
    name: str


class DocumentBrief(BaseModel):
    model_config = _examples(
        {
            "doc_id": "004_0247a5a9630a91d5",
            "title": "中共福州市委离退休干部工作委员会关于推进“1335”离退休干部党建工作机制的通知",
            "issuer": "中共福州市委离退休干部工作委员会",
            "doc_no": "榕离退工委〔2018〕4号",
            "date": "2018-01-30",
            "doc_type": "通知",
            "region": {"id": "region:350100", "name": "福州市"},
        }
    )
    doc_id: str
    title: str
    issuer: str | None = None
    doc_no: str | None = None
    date: str | None = None
    doc_type: str | None = None
    region: RegionBrief | None = None
    parent_id: str | None = None
    author_unit: str | None = None
    source_unit: str | None = Field(default=None, description="网页或新闻的来源（来源：…）")
    authors: list[str] = []
    year: int | None = None


class HealthLag(BaseModel):
    generations: int = 0
    seconds: float = 0.0


class Health(BaseModel):
    model_config = _examples(
        {
            "status": "ok",
            "documents": 15,
            "clauses": 420,
            "entities": 310,
            "snapshot": "20260101T000000000000Z",
            "generation": 12,
            "store": "postgresql",
            "store_connected": True,
            "record_generation": 12,
            "lag": {"generations": 0, "seconds": 0.0},
        }
    )
    status: str
    documents: int
    clauses: int
    entities: int
    snapshot: str | None = None
    generation: int = Field(0, description="本机服务的版本号（存储库的第几代）")
    store: str = Field("datadir", description="存储库：datadir（单机）或 postgresql（多副本）")
    store_connected: bool = Field(True, description="能否连接存储库（断开时仍可检索，写操作返回 503）")
    record_generation: int | None = Field(None, description="存储库中最新的版本号（postgresql）")
    lag: HealthLag = Field(default_factory=lambda: HealthLag(), description="本机落后于存储库的程度")


class CitationOut(BaseModel):
    model_config = _examples(
        {
            "locator": "第二部分第（三）项",
            "text": "中共辽宁省委老干部局《关于开展“支部力量·红枫行动”党建品牌创建活动的实施意见》"
            "（辽老通字〔2020〕4号）第二部分第（三）项",
            "text_original": None,
        }
    )
    locator: str = Field(description="文内位置：各级编号（一、（一）1.（1）一是），无编号的层级用其标题")
    text: str = Field(description="完整引用：单位《标题》（文号）+ 位置；简体")
    text_original: str | None = Field(default=None, description="繁体原文的引用（原文为繁体时）")


class FacetValue(BaseModel):
    value: str
    count: int


class SearchResult(BaseModel):
    clause_id: str
    doc_id: str
    text: str = Field(description="条款原文（原始字形）")
    highlight: str = Field(description="带 <mark> 标记的原文")
    path: list[str] = Field(description="上级标题路径")
    heading: str | None = None
    score: float
    document: DocumentBrief
    citation: CitationOut | None = None
    strong: bool = Field(default=True, description="是否为强匹配（命中查询的全部要点）")


class DocumentMatch(DocumentBrief):
    issuers: list[str] = []
    clause_count: int = 0
    issuer_units: list[str] = []
    has_original: bool = False
    source_url: str | None = None
    citation: CitationOut | None = None


class SearchResponse(BaseModel):
    model_config = _examples(
        {
            "query": "社区报到",
            "total": 6,
            "offset": 0,
            "limit": 10,
            "results": [
                {
                    "clause_id": "000_07bae7d3feccb87b:0012",
                    "doc_id": "000_07bae7d3feccb87b",
                    "text": "（二）创建“枫叶驿站”。以社区党员活动中心、新时代文明实践中心、红色驿站为重点，组织离退休党员就近就便到社区报到……",
                    "highlight": "……组织离退休党员就近就便到<mark>社区</mark><mark>报到</mark>……",
                    "path": ["二、主要内容"],
                    "heading": "（二）创建“枫叶驿站”",
                    "score": 12.3,
                    "document": {
                        "doc_id": "000_07bae7d3feccb87b",
                        "title": "关于开展“支部力量·红枫行动”党建品牌创建活动的实施意见",
                        "issuer": "中共辽宁省委老干部局",
                        "doc_no": "辽老通字〔2020〕4号",
                        "date": "2020-02-25",
                        "doc_type": "实施意见",
                        "region": {"id": "region:210000", "name": "辽宁省"},
                    },
                }
            ],
            "facets": {
                "region": [{"value": "辽宁省", "count": 4}],
                "doc_type": [{"value": "实施意见", "count": 2}],
                "year": [{"value": "2020", "count": 5}],
                "program": [{"value": "支部力量·红枫行动", "count": 3}],
            },
        }
    )
    query: str
    total: int
    offset: int = 0
    limit: int = 10
    results: list[SearchResult]
    facets: dict[str, list[FacetValue]]
    notices: list[str] = Field(default=[], description="查询如何被理解的提示（如引号不成对时按普通词检索）")
    strong_total: int | None = Field(
        default=None, description="强匹配条数：命中查询全部要点（超过 4 个要点时至少 80%）的条款数"
    )
    document_match: DocumentMatch | None = Field(default=None, description="查询为文号时：该文件本身")


class AlsoIn(BaseModel):
    clause_id: str
    doc_id: str
    title: str


class PrecedentItem(BaseModel):
    clause_id: str
    doc_id: str
    text: str
    highlight: str | None = None
    path: list[str] = []
    practice: str | None = Field(default=None, description="做法名称（文中点明时）")
    organization: OrgBrief | None = Field(default=None, description="实施单位（或党支部、地区）")
    actor: str | None = Field(default=None, description="实施单位名称")
    region: RegionBrief | None = None
    region_note: str | None = Field(default=None, description="无法确定地区时的原因")
    year: int | None = None
    source: str | None = Field(default=None, description="来源文件")
    score: float
    document: DocumentBrief
    also_in: list[AlsoIn] = Field(default=[], description="在其他文件中的相同表述（已合并）")
    citation: CitationOut | None = None


class PrecedentGroup(BaseModel):
    region: RegionBrief
    note: str | None = Field(default=None, description="地区未知时的说明（此组排在最后）")
    items: list[PrecedentItem]


class PrecedentsResponse(BaseModel):
    model_config = _examples(
        {
            "query": "到社区报到",
            "total": 2,
            "groups": [
                {
                    "region": {"id": "region:210600", "name": "丹东市"},
                    "items": [
                        {
                            "clause_id": "001_a6bb10912aa23e10~07:0004",
                            "doc_id": "001_a6bb10912aa23e10~07",
                            "text": "……建立《离退休干部党员登记表》和《离退休干部党员社区报到反馈表》……",
                            "practice": "“三建三联三促进”",
                            "organization": {
                                "id": "organization:中共丹东市振兴区委组织部",
                                "name": "中共丹东市振兴区委组织部",
                            },
                            "year": 2020,
                            "score": 0.93,
                            "document": {"doc_id": "001_a6bb10912aa23e10~07", "title": "……"},
                        }
                    ],
                },
            ],
        }
    )
    query: str
    total: int = Field(description="可列出的做法总数（用 offset 分页可全部取得）")
    offset: int = 0
    limit: int = 10
    groups: list[PrecedentGroup]


class FactOut(BaseModel):
    kind: str = Field(description="threshold | amount | frequency | count | duration | ratio")
    value: float | int | None = None
    unit: str
    text: str
    qualifier: str | None = None
    subject: str | None = Field(default=None, description="所约束的对象：联合党支部、学习、任期、补贴……")
    value_max: float | int | None = Field(default=None, description="范围的上限（每月1—2次）")


class CompareItem(BaseModel):
    clause_id: str
    doc_id: str
    text: str
    highlight: str | None = None
    path: list[str] = []
    score: float
    programs: list[str] = []
    organization: OrgBrief | None = None
    document: DocumentBrief
    facts: list[FactOut]
    citation: CitationOut | None = None


class CompareColumn(BaseModel):
    region: RegionBrief
    summary: str | None = Field(default=None, description="由数量规定归纳的一句话（有时才给）")
    summary_clause_id: str | None = None
    note: str | None = Field(default=None, description="该地区无相关条款时的说明")
    total: int = 0
    items: list[CompareItem]


class CompareResponse(BaseModel):
    model_config = _examples(
        {
            "topic": "党支部设置",
            "regions": ["福州市", "枣庄市"],
            "columns": [
                {
                    "region": {"id": "region:350100", "name": "福州市"},
                    "summary": "5人以上：建立单独的离退休干部党支部或在合编党支部内设立离退休干部党小组",
                    "items": [
                        {
                            "clause_id": "004_0247a5a9630a91d5:0015",
                            "doc_id": "004_0247a5a9630a91d5",
                            "text": "（二）坚持以组织建设集聚内生动力。……单位离退休干部党员人数5人以上的，要建立单独的离退休干部党支部……",
                            "score": 0.91,
                            "document": {"doc_id": "004_0247a5a9630a91d5", "title": "……"},
                            "facts": [
                                {"kind": "threshold", "value": 5, "unit": "人", "text": "党员人数5人以上的"}
                            ],
                        }
                    ],
                },
                {
                    "region": {"id": "region:370400", "name": "枣庄市"},
                    "summary": "3人以上：可单独建立离退休干部党支部",
                    "items": [],
                },
            ],
        }
    )
    topic: str
    regions: list[str]
    offset: int = Field(default=0, description="每个地区的偏移")
    limit: int = Field(default=10, description="每个地区的条数；各列 total 为可列出的总数")
    columns: list[CompareColumn]


class DocumentListItem(DocumentBrief):
    issuers: list[str] = []
    clause_count: int
    children: list[str] = []


class DocumentList(BaseModel):
    total: int
    offset: int
    limit: int
    documents: list[DocumentListItem]


class ClauseOut(BaseModel):
    clause_id: str
    ordinal: int
    number: str | None = None
    heading: str | None = None
    path: list[str]
    level: int
    kind: str
    text: str
    start: int
    end: int
    facts: list[FactOut] = []
    citation: CitationOut | None = None


class OutlineNode(BaseModel):
    clause_id: str | None = Field(default=None, description="独立成行的标题不是条款，没有编号")
    number: str | None = None
    heading: str | None = None
    kind: str
    level: int
    children: list[OutlineNode] = []


class DocumentDetail(DocumentListItem):
    source: str
    sha256: str
    script: str
    printed_date: str | None = None
    printed_by: str | None = None
    wrapper_title: str | None = None
    years: list[int] = []
    author_offices: dict[str, str] = {}
    warnings: list[str] = []
    parent: DocumentListItem | None = None
    parts: list[DocumentListItem] = Field(default=[], description="简报的各篇文章")
    clauses: list[ClauseOut]
    outline: list[OutlineNode] = Field(default=[], description="条款树")
    text: str


class EntityBrief(BaseModel):
    model_config = _examples(
        {"id": "program:1335", "name": "1335", "type": "program", "aliases": ["“1335”离退休干部党建工作机制"]}
    )
    id: str
    name: str
    type: str
    aliases: list[str] = []


class EntityList(BaseModel):
    query: str
    results: list[EntityBrief]


class Neighbor(BaseModel):
    relation: str
    direction: str = Field(description="out：本实体指向对方；in：对方指向本实体")
    entity: EntityBrief
    evidence: list[str] = Field(description="抽取依据的条款编号")


class EntityDetail(EntityBrief):
    model_config = _examples(
        {
            "id": "region:210100",
            "name": "沈阳市",
            "type": "region",
            "aliases": ["沈阳"],
            "attributes": {"code": "210100", "level": "city"},
            "evidence": [],
            "neighbors": [
                {
                    "relation": "part_of",
                    "direction": "out",
                    "entity": {
                        "id": "region:210000",
                        "name": "辽宁省",
                        "type": "region",
                        "aliases": ["辽宁"],
                    },
                    "evidence": [],
                }
            ],
        }
    )
    attributes: dict[str, Any] = {}
    evidence: list[str] = []
    neighbors: list[Neighbor]


class EdgeOut(BaseModel):
    source: str
    target: str
    relation: str
    evidence: list[str] = []


class EvidenceClause(BaseModel):
    clause_id: str
    doc_id: str
    text: str


class PathStep(EdgeOut):
    evidence_clauses: list[EvidenceClause] = []


class PathResponse(BaseModel):
    model_config = _examples(
        {
            "source": {"id": "program:1335", "name": "1335", "type": "program", "aliases": []},
            "target": {"id": "region:350000", "name": "福建省", "type": "region", "aliases": []},
            "found": True,
            "length": 3,
            "steps": [
                {
                    "source": "document:004_0247a5a9630a91d5",
                    "target": "program:1335",
                    "relation": "launches",
                    "evidence": ["004_0247a5a9630a91d5:0003"],
                    "evidence_clauses": [],
                }
            ],
            "nodes": [],
        }
    )
    source: EntityBrief
    target: EntityBrief
    found: bool
    length: int
    steps: list[PathStep]
    nodes: list[EntityBrief]
    concept_path: bool = Field(
        default=False,
        description="未找到不经由概念节点的路径，但经由概念节点可连接（用 via_concepts=true 查看）",
    )


class SubgraphResponse(BaseModel):
    doc_id: str
    nodes: list[EntityBrief]
    edges: list[EdgeOut]


class ExtractedDocument(BaseModel):
    doc_id: str
    title: str
    doc_no: str | None = None
    issuer: str | None = None
    date: str | None = None
    doc_type: str | None = None
    region: RegionBrief | None = None
    parent_id: str | None = None
    source_unit: str | None = None
    author_unit: str | None = None
    clause_count: int
    missing: list[str] = Field(
        default=[], description="未能识别的内容（标题、日期、地区、发文机关、文种），用文字说明"
    )
    warnings: list[str] = []
    entities: dict[str, int] = Field(default={}, description="按类型统计的实体数")


class FileResult(BaseModel):
    file: str
    status: str = Field(description="added | replaced | unchanged | rejected | deleted")
    doc_ids: list[str] = []
    code: str | None = None
    message: str | None = None
    documents: list[ExtractedDocument] = []


class WriteResponse(BaseModel):
    model_config = _examples(
        {
            "snapshot": "20260101T000000000000Z",
            "changed": True,
            "documents": 16,
            "clauses": 431,
            "entities": 318,
            "files": [
                {
                    "file": "notice.docx",
                    "status": "added",
                    "doc_ids": ["notice"],
                    "documents": [
                        {
                            "doc_id": "notice",
                            "title": "关于加强离退休干部党支部建设的通知",
                            "doc_no": "某老通字〔2024〕1号",
                            "issuer": "中共某市委老干部局",
                            "date": "2024-03-01",
                            "doc_type": "通知",
                            "region": {"id": "region:210100", "name": "沈阳市"},
                            "clause_count": 11,
                            "entities": {"organization": 2, "program": 1},
                        }
                    ],
                }
            ],
        }
    )
    snapshot: str | None
    changed: bool
    documents: int
    clauses: int
    entities: int
    generation: int = Field(
        0, description="写入后本机服务的版本号（多副本：其他副本的 /api/health 达到此版本即可见）"
    )
    files: list[FileResult]


OutlineNode.model_rebuild()
