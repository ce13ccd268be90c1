"""HTTP routes of the library (issue 16): the document list with filters and facets, one document
with its related documents, its original file, and curation (PATCH). Handlers are thin.

No `from __future__ import annotations` (the handlers' annotations use the Settings' limits).
"""

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import FileResponse

from policykg.errors import BadQuery, FileTooLarge
from policykg.settings import Settings
from service.library import LibraryQuery
from service.library_schemas import DocTypes, DocumentPage, LibraryResponse
from service.routes import (
    READ_ERRORS,
    WRITE_ERRORS,
    EngineDep,
    _blank,
    read_body_limited,
    require_read,
    require_write,
)
from service.schemas import ErrorResponse

_ERR = {"model": ErrorResponse}
MAX_PATCH_BYTES = 16 * 1024
_MEDIA = {
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".markdown": "text/markdown; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".wps": "application/vnd.ms-works",
}


def _values(values: list[str] | None) -> list[str]:
    """Repeated params (region=a&region=b), each also split on commas."""
    out: list[str] = []
    for v in values or []:
        out.extend(p.strip() for p in v.replace("，", ",").split(",") if p.strip())
    return list(dict.fromkeys(out))


def safe_download_name(name: str) -> str:
    """The stored file name without anything a header or a file system could misread."""
    cleaned = "".join(ch for ch in name if ch.isprintable() and ch not in '\\/:*?"<>|;')
    return cleaned.strip(" .") or "original"


def build_library_router(settings: Settings | None = None) -> APIRouter:
    settings = settings or Settings()
    page_max = settings.max_page_size
    api = APIRouter(prefix="/api", dependencies=[Depends(require_read)], responses=READ_ERRORS)

    @api.get(
        "/documents", response_model=LibraryResponse, tags=["文档"], summary="文档库（筛选、分面、排序）"
    )
    def documents(
        engine: EngineDep,
        limit: Annotated[
            int, Query(ge=1, le=page_max, description=f"每页条数（1 到 {page_max}）", examples=[20])
        ] = min(20, page_max),
        offset: Annotated[int, Query(ge=0, le=settings.max_offset, description="偏移")] = 0,
        top_level: Annotated[bool, Query(description="只列顶层文档（不含简报中的文章）")] = False,
        doc_type: Annotated[
            list[str] | None, Query(description="文种（可重复）", examples=[["通知"]])
        ] = None,
        region: Annotated[
            list[str] | None, Query(description="地区，含下级（可重复）", examples=[["辽宁省"]])
        ] = None,
        issuer: Annotated[list[str] | None, Query(description="发文机关、作者单位或来源（可重复）")] = None,
        year_from: Annotated[int | None, Query(description="起始年份")] = None,
        year_to: Annotated[int | None, Query(description="截止年份")] = None,
        date_from: Annotated[str | None, Query(max_length=10, description="起始日期 YYYY[-MM[-DD]]")] = None,
        date_to: Annotated[str | None, Query(max_length=10, description="截止日期 YYYY[-MM[-DD]]")] = None,
        q: Annotated[
            str | None,
            Query(max_length=settings.max_query_chars, description="标题中的词（空格分隔，均须出现）"),
        ] = None,
        sort: Annotated[str, Query(description="-date（最新在前）、date、title")] = "-date",
    ) -> dict[str, Any]:
        query = LibraryQuery(
            offset=offset,
            limit=limit,
            top_level=top_level,
            doc_type=_values(doc_type),
            region=_values(region),
            issuer=[i.strip() for i in issuer or [] if i.strip()],
            year_from=year_from,
            year_to=year_to,
            date_from=_blank(date_from),
            date_to=_blank(date_to),
            q=_blank(q),
            sort=sort.strip() or "-date",
        )
        return engine.library(query)

    @api.get(
        "/documents/{doc_id}",
        response_model=DocumentPage,
        tags=["文档"],
        summary="文档详情、条款树、引用与相关文件",
        responses={404: _ERR},
    )
    def document(engine: EngineDep, doc_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
        return engine.document(doc_id)

    @api.get(
        "/documents/{doc_id}/original",
        tags=["文档"],
        summary="下载原始文件",
        response_class=FileResponse,
        responses={404: _ERR, 200: {"content": {"application/octet-stream": {}}}},
    )
    def original(engine: EngineDep, doc_id: Annotated[str, Path(max_length=200)]) -> FileResponse:
        path, name = engine.original(doc_id)
        ext = path.suffix.lower()
        return FileResponse(
            path,
            media_type=_MEDIA.get(ext, "application/octet-stream"),
            filename=safe_download_name(name),
            headers={"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"},
        )

    @api.get("/doc-types", response_model=DocTypes, tags=["文档"], summary="可选文种（更正时使用）")
    def doc_types(engine: EngineDep) -> dict[str, Any]:
        return {"doc_types": engine.doc_types()}

    writes = APIRouter(prefix="/api", dependencies=[Depends(require_write)], responses=WRITE_ERRORS)

    @writes.patch(
        "/documents/{doc_id}",
        response_model=DocumentPage,
        tags=["写入"],
        summary="更正文档信息（需令牌）",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                k: {"type": ["string", "null"]}
                                for k in ("title", "doc_no", "issuer", "date", "doc_type", "region")
                            },
                        },
                        "example": {"title": "关于……的通知", "date": "2020-02-25", "region": "辽宁省"},
                    }
                },
            }
        },
    )
    async def patch(request: Request, doc_id: Annotated[str, Path(max_length=200)]) -> Any:
        engine = request.app.state.engine
        try:
            raw = await read_body_limited(request, MAX_PATCH_BYTES)
        except FileTooLarge as exc:
            raise FileTooLarge(f"请求体过大：更正内容最多 {MAX_PATCH_BYTES // 1024} KB") from exc
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: [[[[…
            raise BadQuery("请求体不是有效的 JSON（UTF-8）") from exc
        changes = engine.validate_patch(doc_id, body)  # 400/404 before the write is queued
        return await request.app.state.write_queue.run(engine.patch, doc_id, changes)

    router = APIRouter()
    router.include_router(api)
    router.include_router(writes)
    return router
