"""Response models of the library and curation endpoints (issue 16), extending service/schemas.py."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from service.schemas import CitationOut, DocumentDetail, DocumentListItem, FacetValue


class LibraryItem(DocumentListItem):
    issuer_units: list[str] = Field(default=[], description="卡片上显示的全部单位：发文机关、作者单位、来源")
    has_original: bool = Field(default=False, description="是否保存了原始文件（可下载）")
    source_url: str | None = Field(default=None, description="原文网址（已知时）")
    source: str | None = Field(default=None, description="原始文件名")
    overrides: dict[str, Any] = Field(default={}, description="人工更正的字段及其值")


class LibraryResponse(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[LibraryItem]
    documents: list[LibraryItem] = Field(description="同 items（兼容旧字段）")
    facets: dict[str, list[FacetValue]] = Field(
        default={}, description="doc_type、region、year、issuer；每个分面的计数不受其自身筛选影响"
    )


class RelatedDocument(BaseModel):
    doc_id: str | None = Field(description="库外文件为 null")
    title: str
    in_library: bool = True
    entity_id: str | None = None
    doc_no: str | None = None
    date: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    region: dict[str, Any] | None = None
    shared: list[str] = Field(default=[], description="共同涉及的品牌/活动")


class Related(BaseModel):
    cites: list[RelatedDocument] = Field(default=[], description="本文引用的文件")
    cited_by: list[RelatedDocument] = Field(default=[], description="引用本文的文件")
    same_topic_other_regions: list[RelatedDocument] = Field(default=[], description="其他地区同主题文件")


class DocumentPage(DocumentDetail):
    issuer_units: list[str] = Field(default_factory=list)
    has_original: bool = False
    source_url: str | None = None
    overrides: dict[str, Any] = Field(default={}, description="人工更正的字段及其值")
    extracted: dict[str, Any] = Field(default={}, description="被更正字段的原识别值")
    citation: CitationOut | None = Field(default=None, description="整篇文件的引用")
    related: Related = Related()


class DocTypes(BaseModel):
    doc_types: list[str]
