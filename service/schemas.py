"""Response models of the HTTP API (the contract's shapes, extended), with Chinese examples for OpenAPI.

This module holds the error shape every endpoint may answer with and the health check; the models of
each API area live beside it, and the names the routes take from here are re-exported:
shared cards (region, organization, document, citation, facet, fact) in service/common_schemas.py,
检索 (search, precedents, compare) in service/search_schemas.py, documents in service/document_schemas.py,
图谱 (entities, paths, subgraphs) in service/graph_schemas.py, 写入 in service/write_schemas.py and the
library's in service/library_schemas.py.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from service.common_schemas import CitationOut, FacetValue, openapi_examples
from service.document_schemas import DocumentDetail, DocumentListItem
from service.graph_schemas import EntityDetail, EntityList, PathResponse, SubgraphResponse
from service.search_schemas import CompareResponse, PrecedentsResponse, SearchResponse
from service.write_schemas import WriteResponse

__all__ = [
    "CitationOut",
    "CompareResponse",
    "DocumentDetail",
    "DocumentListItem",
    "EntityDetail",
    "EntityList",
    "ErrorDetail",
    "ErrorResponse",
    "FacetValue",
    "Health",
    "HealthLag",
    "PathResponse",
    "PrecedentsResponse",
    "SearchResponse",
    "SubgraphResponse",
    "WriteResponse",
]


class ErrorDetail(BaseModel):
    code: str = Field(description="稳定的机器可读错误码")
    message: str = Field(description="面向用户的中文说明")
    details: list[dict[str, Any]] | None = Field(default=None, description="逐个文件的错误（上传时）")


class ErrorResponse(BaseModel):
    model_config = openapi_examples({"error": {"code": "bad_query", "message": "查询词不能为空（参数 q）"}})
    error: ErrorDetail


class HealthLag(BaseModel):
    generations: int = 0
    seconds: float = 0.0


class Health(BaseModel):
    model_config = openapi_examples(
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
