"""Shapes the API areas share: the brief cards of a region, an organization and a document, a clause's
citation, a facet's count and a quantitative fact, plus the helper that attaches Chinese OpenAPI examples.

Separate so that each area's models (search, documents, graph, writes, and the library's) can build on
them without importing one another.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def openapi_examples(*examples: dict[str, Any]) -> ConfigDict:
    """A model config whose examples show in the OpenAPI schema (and so in /docs)."""
    return ConfigDict(json_schema_extra={"examples": list(examples)})


class RegionBrief(BaseModel):
    id: str
    name: str


class OrgBrief(BaseModel):
    id: str
    name: str


class DocumentBrief(BaseModel):
    model_config = openapi_examples(
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


class CitationOut(BaseModel):
    model_config = openapi_examples(
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


class FactOut(BaseModel):
    kind: str = Field(description="threshold | amount | frequency | count | duration | ratio")
    value: float | int | None = None
    unit: str
    text: str
    qualifier: str | None = None
    subject: str | None = Field(default=None, description="所约束的对象：联合党支部、学习、任期、补贴……")
    value_max: float | int | None = Field(default=None, description="范围的上限（每月1—2次）")
