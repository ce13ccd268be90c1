"""Response models of the 检索 endpoints: clause search (/api/search), precedents grouped by region
(/api/precedents) and the region comparison (/api/compare).

Separate from the other areas because these three answer a query with ranked clauses, each carrying its
document card and citation; the shared cards live in service/common_schemas.py.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from service.common_schemas import (
    CitationOut,
    DocumentBrief,
    FacetValue,
    FactOut,
    OrgBrief,
    RegionBrief,
    openapi_examples,
)


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
    # Field(default=[]) rather than a bare []: with the base imported, ruff cannot see a pydantic model
    # here (RUF012). Pydantic copies the default per instance either way; the schema is unchanged.
    issuers: list[str] = Field(default=[])
    clause_count: int = 0
    issuer_units: list[str] = Field(default=[])
    has_original: bool = False
    source_url: str | None = None
    citation: CitationOut | None = None


class SearchResponse(BaseModel):
    model_config = openapi_examples(
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
    model_config = openapi_examples(
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
    model_config = openapi_examples(
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
