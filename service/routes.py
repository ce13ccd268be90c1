"""HTTP routes of the contract (and extensions). Handlers are thin: validation → engine → model.

No `from __future__ import annotations` here: the parameter annotations of the handlers use
limits from the Settings given to build_router, so they must be evaluated where they are written.
"""

import re
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile

from ingest.pipeline import human_size
from policykg.errors import BadQuery, FileTooLarge, Forbidden, Unauthorized
from policykg.settings import Settings
from service.engine import Engine, SearchParams, Upload
from service.schemas import (
    CompareResponse,
    EntityDetail,
    EntityList,
    ErrorResponse,
    Health,
    PathResponse,
    PrecedentsResponse,
    SearchResponse,
    SubgraphResponse,
    WriteResponse,
)
from service.writequeue import WriteQueue

MULTIPART_OVERHEAD = 64 * 1024  # boundaries and part headers on top of the files themselves
MAX_FILES = 20
_REGION_SPLIT = re.compile(r"[,，、;；\s]+")

_ERR = {"model": ErrorResponse}
READ_ERRORS: dict[int | str, dict[str, Any]] = {400: _ERR, 401: _ERR, 403: _ERR, 503: _ERR}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _ERR,
    401: _ERR,
    403: _ERR,
    404: _ERR,
    409: _ERR,
    413: _ERR,
    415: _ERR,
    422: _ERR,
    429: _ERR,
    503: _ERR,
    507: _ERR,
}


def get_engine(request: Request) -> Engine:
    return request.app.state.engine


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def write_queue(request: Request) -> WriteQueue:
    return request.app.state.write_queue


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return ""
    return token.strip()


def _matches(given: str, expected: str) -> bool:
    return secrets.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def require_write(request: Request) -> None:
    """Writes need POLICYKG_API_TOKEN; with none configured they are refused outright."""
    settings = get_settings(request)
    expected = settings.api_token.get_secret_value() if settings.api_token else ""
    if not expected:
        raise Forbidden("写操作未启用：请设置 POLICYKG_API_TOKEN")
    given = _bearer(request)
    if given is None:
        raise Unauthorized("缺少身份令牌：请在 Authorization 头中提供 Bearer 令牌")
    if not given or not _matches(given, expected):
        raise Forbidden("令牌无效")


def require_read(request: Request) -> None:
    """When POLICYKG_READ_TOKEN is set, reads need it (or the write token)."""
    settings = get_settings(request)
    if not settings.read_token or not settings.read_token.get_secret_value():
        return
    given = _bearer(request)
    if given is None:
        raise Unauthorized("缺少身份令牌：此服务的读取需要 Bearer 令牌")
    ok = _matches(given, settings.read_token.get_secret_value())
    if settings.api_token and settings.api_token.get_secret_value():
        ok = _matches(given, settings.api_token.get_secret_value()) or ok
    if not ok:
        raise Forbidden("令牌无效")


EngineDep = Annotated[Engine, Depends(get_engine)]


def build_router(settings: Settings | None = None) -> APIRouter:
    """The API routes; the limits of `settings` are declared in the OpenAPI (and enforced: 400)."""
    settings = settings or Settings()
    page_max = settings.max_page_size
    # Defaults never exceed the configured maximum (a max_page_size of 5 still serves `?q=…`).
    default_limit = min(10, page_max)
    Limit = Annotated[
        int, Query(ge=1, le=page_max, description=f"返回条数（1 到 {page_max}）", examples=[default_limit])
    ]
    Offset = Annotated[
        int,
        Query(ge=0, le=settings.max_offset, description=f"偏移（0 到 {settings.max_offset}）", examples=[0]),
    ]

    def text(description: str, example: str) -> Any:
        return Query(
            min_length=1, max_length=settings.max_query_chars, description=description, examples=[example]
        )

    api = APIRouter(prefix="/api")
    reads = APIRouter(dependencies=[Depends(require_read)], responses=READ_ERRORS)

    @api.get("/health", response_model=Health, tags=["系统"], summary="健康检查", responses={503: _ERR})
    def health(engine: EngineDep) -> dict[str, Any]:
        return engine.health()

    @reads.get("/search", response_model=SearchResponse, tags=["检索"], summary="条款检索")
    def search(
        engine: EngineDep,
        q: Annotated[str, text("问题、关键词、“引号短语”或文号", "社区报到")],
        limit: Limit = default_limit,
        offset: Offset = 0,
        region: Annotated[
            list[str] | None, Query(description="地区（含下级），可重复（或）", examples=[["辽宁省"]])
        ] = None,
        doc_type: Annotated[
            list[str] | None, Query(description="文种，可重复（或）", examples=[["通知"]])
        ] = None,
        year_from: Annotated[int | None, Query(description="起始年份", examples=[2018])] = None,
        year_to: Annotated[int | None, Query(description="截止年份", examples=[2023])] = None,
        program: Annotated[list[str] | None, Query(description="品牌/活动，可重复（或）")] = None,
        issuer: Annotated[
            list[str] | None, Query(description="发文机关、作者单位或来源，可重复（或）")
        ] = None,
        year: Annotated[list[int] | None, Query(description="年份，可重复（或）")] = None,
        level: Annotated[
            list[str] | None, Query(description="文件层级：中央、省级、市级、县级、乡镇")
        ] = None,
        date_from: Annotated[str | None, Query(max_length=10, description="起始日期 YYYY[-MM[-DD]]")] = None,
        date_to: Annotated[str | None, Query(max_length=10, description="截止日期 YYYY[-MM[-DD]]")] = None,
        sort: Annotated[str, Query(description="relevance（相关度）或 date（最新在前）")] = "relevance",
        field: Annotated[str, Query(description="all（全文）或 title（仅标题）")] = "all",
        strong_first: Annotated[
            bool, Query(description="强匹配在前：前 strong_total 条命中全部要点，其后为部分命中")
        ] = False,
    ) -> dict[str, Any]:
        params = SearchParams(
            q=q,
            limit=limit,
            offset=offset,
            region=_many(region),
            doc_type=_many(doc_type),
            year_from=year_from,
            year_to=year_to,
            program=_many(program),
            issuer=_many(issuer),
            level=_many(level),
            years=sorted(set(year or [])),
            date_from=_blank(date_from),
            date_to=_blank(date_to),
            sort=sort.strip() or "relevance",
            field=field.strip() or "all",
            strong_first=strong_first,
        )
        return engine.search(params)

    @reads.get(
        "/precedents", response_model=PrecedentsResponse, tags=["检索"], summary="先例做法（按地区分组）"
    )
    def precedents(
        engine: EngineDep,
        q: Annotated[str, text("想了解的做法", "离退休干部到社区报到")],
        limit: Limit = default_limit,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        return engine.precedents(q, limit, offset)

    @reads.get("/compare", response_model=CompareResponse, tags=["检索"], summary="地区对比")
    def compare(
        engine: EngineDep,
        topic: Annotated[str, text("对比主题", "党支部设置")],
        regions: Annotated[
            str | None, Query(description="逗号分隔的地区；省含其下级", examples=["福州市,枣庄市"])
        ] = None,
        limit: Annotated[
            int, Query(ge=1, le=page_max, description=f"每个地区的条数（1 到 {page_max}）", examples=[10])
        ] = default_limit,
        offset: Annotated[int, Query(ge=0, le=settings.max_offset, description="每个地区的偏移（分页）")] = 0,
    ) -> dict[str, Any]:
        names = [r for r in _REGION_SPLIT.split(regions or "") if r]
        return engine.compare(topic, names, limit, offset)

    @reads.get(
        "/documents/{doc_id}/graph",
        response_model=SubgraphResponse,
        tags=["图谱"],
        summary="文档子图",
        responses={404: _ERR},
    )
    def document_graph(engine: EngineDep, doc_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
        return engine.document_graph(doc_id)

    @reads.get("/entities", response_model=EntityList, tags=["图谱"], summary="实体查找（名称/别名精确优先）")
    def entities(
        engine: EngineDep,
        q: Annotated[
            str | None,
            Query(max_length=settings.max_query_chars, description="名称或别名", examples=["沈阳市"]),
        ] = None,
        type: Annotated[
            str | None,
            Query(
                description="document | organization | region | program | branch | person",
                examples=["region"],
            ),
        ] = None,
        limit: Limit = default_limit,
    ) -> dict[str, Any]:
        return engine.entities(q, _blank(type), limit)

    @reads.get(
        "/entities/{entity_id:path}",
        response_model=EntityDetail,
        tags=["图谱"],
        summary="实体及其关系",
        responses={404: _ERR},
    )
    def entity(engine: EngineDep, entity_id: str) -> dict[str, Any]:
        if len(entity_id) > 500:
            raise BadQuery("实体编号过长")
        return engine.entity(entity_id)

    @reads.get(
        "/graph/path",
        response_model=PathResponse,
        tags=["图谱"],
        summary="两个实体如何关联",
        responses={404: _ERR},
    )
    def graph_path(
        engine: EngineDep,
        source: Annotated[str, text("实体编号或名称", "1335")],
        target: Annotated[str, text("实体编号或名称", "福建省")],
        via_concepts: Annotated[
            bool, Query(description="允许经由“概念”节点（如“三会一课”）连接；默认不经由")
        ] = False,
    ) -> dict[str, Any]:
        return engine.graph_path(source, target, via_concepts)

    @api.post(
        "/documents",
        response_model=WriteResponse,
        status_code=201,
        tags=["写入"],
        summary="上传文档（需令牌）",
        dependencies=[Depends(require_write)],
        responses={**WRITE_ERRORS, 200: {"model": WriteResponse}},
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": ["files"],
                            "properties": {
                                "files": {"type": "array", "items": {"type": "string", "format": "binary"}}
                            },
                        }
                    }
                },
            }
        },
    )
    async def upload(request: Request) -> Any:
        engine = get_engine(request)
        settings = get_settings(request)
        uploads = await read_uploads(request, settings.max_upload_bytes)
        # The write waits for its turn in the queue, not on a request thread (reads need those).
        # Uploads queued together are committed together (one generation; see writequeue.py).
        report = await write_queue(request).run_batched(
            engine.ingest_batch, uploads, cost=sum(len(u.data) for u in uploads)
        )
        body = WriteResponse.model_validate(report.to_dict()).model_dump(mode="json")
        return JSONResponse(body, status_code=201 if report.changed else 200)

    @api.delete(
        "/documents/{doc_id}",
        response_model=WriteResponse,
        tags=["写入"],
        summary="删除文档（需令牌）",
        dependencies=[Depends(require_write)],
        responses=WRITE_ERRORS,
    )
    async def delete(request: Request, doc_id: Annotated[str, Path(max_length=200)]) -> Any:
        engine = get_engine(request)
        report = await write_queue(request).run(engine.delete, doc_id)
        return report.to_dict()

    api.include_router(reads)
    return api


def _many(values: list[str] | None) -> list[str] | None:
    """Repeated filter params without blanks (None when none is left)."""
    kept = [v.strip() for v in values or [] if v and v.strip()]
    return kept or None


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


async def read_body_limited(request: Request, limit: int) -> bytes:
    """The request body, read in chunks, refused as soon as it passes the limit."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FileTooLarge(f"上传内容超过大小上限（{human_size(limit)}）")
    size = 0
    chunks: list[bytes] = []
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise FileTooLarge(f"上传内容超过大小上限（{human_size(limit)}）")
        chunks.append(chunk)
    return b"".join(chunks)


async def read_uploads(request: Request, max_bytes: int) -> list[Upload]:
    """Files of a multipart/form-data request (any field name), within the size limit."""
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        raise BadQuery("请以 multipart/form-data 格式上传文件（字段名 files）")
    body = await read_body_limited(request, max_bytes + MULTIPART_OVERHEAD)
    sent = False

    async def replay() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    replayed = Request(request.scope, receive=replay)
    try:
        form = await replayed.form(max_files=MAX_FILES, max_fields=MAX_FILES * 2)
    except Exception as exc:  # malformed multipart (python-multipart / starlette raise various types)
        detail = str(getattr(exc, "detail", "") or exc)
        if "Too many files" in detail or "Too many fields" in detail:
            raise BadQuery(f"一次最多上传 {MAX_FILES} 个文件") from exc
        if "boundary" not in content_type.lower():
            raise BadQuery(
                "上传内容格式不正确：Content-Type 缺少 boundary 参数（请用表单或 curl -F 上传）"
            ) from exc
        # python-multipart also refuses part headers over ~4 KB (an absurdly long file name).
        raise BadQuery("上传内容不是有效的 multipart/form-data：分段不完整、边界不匹配或分段头过长") from exc
    uploads: list[Upload] = []
    try:
        for _key, value in form.multi_items():
            if isinstance(value, UploadFile):
                data = await value.read()
                if len(data) > max_bytes:
                    raise FileTooLarge(f"文件超过大小上限（{human_size(max_bytes)}）：{value.filename}")
                uploads.append(Upload(name=value.filename or "upload", data=data))
    finally:
        await form.close()
    if not uploads:
        raise BadQuery("请求中没有文件（字段名 files）")
    return uploads
