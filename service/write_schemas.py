"""Response models of the 写入 endpoints (upload, replace, delete): what each file became and the service's
counts after the write.

Separate because they report a change to the store, which no read endpoint does.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from service.common_schemas import RegionBrief, openapi_examples


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
    model_config = openapi_examples(
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
