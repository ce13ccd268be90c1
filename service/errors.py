"""The one place where errors become the contract's JSON: {"error": {"code", "message"}}.

policykg.errors carries `code` and `status`; validation errors, unknown routes and wrong methods
are mapped to the same shape; anything unexpected becomes a generic 500 and is logged with its
stack trace on the server (never sent to the client, and never with document text or tokens).
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from policykg.errors import PolicyKGError

log = logging.getLogger("policykg.service")

_HTTP_CODES: dict[int, tuple[str, str]] = {
    400: ("bad_request", "请求格式不正确"),
    401: ("unauthorized", "需要身份验证"),
    403: ("forbidden", "没有权限"),
    404: ("not_found", "请求的资源不存在"),
    405: ("method_not_allowed", "不支持该请求方法"),
    413: ("file_too_large", "请求体过大"),
    415: ("unsupported_format", "不支持的文件类型"),
    422: ("unprocessable", "无法处理该请求"),
    429: ("too_many_requests", "请求过于频繁"),
    500: ("internal_error", "服务器内部错误，请稍后重试"),
    503: ("unavailable", "服务暂不可用，请稍后重试"),
}

_FIELD_NAMES = {
    "q": "查询词 q",
    "topic": "主题 topic",
    "limit": "数量 limit",
    "offset": "偏移 offset",
    "year_from": "起始年份 year_from",
    "year_to": "截止年份 year_to",
    "regions": "地区 regions",
    "files": "上传文件 files",
    "source": "起点 source",
    "target": "终点 target",
    "type": "类型 type",
}


def error_body(code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message}
    if details:
        body["details"] = details
    return {"error": body}


def error_response(
    status: int,
    code: str,
    message: str,
    details: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(status_code=status, content=error_body(code, message, details), headers=headers)


def _describe_validation(exc: RequestValidationError) -> str:
    """A short Chinese sentence naming the parameter and what is wrong with it."""
    parts: list[str] = []
    for err in exc.errors()[:3]:
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path", "header")]
        name = loc[-1] if loc else "参数"
        label = _FIELD_NAMES.get(name, name)
        kind = str(err.get("type", ""))
        if kind == "missing":
            parts.append(f"缺少参数：{label}")
        elif kind.startswith("int") or kind.startswith("float"):
            parts.append(f"参数 {label} 必须是整数")
        elif "too_long" in kind or "too_short" in kind or "greater" in kind or "less" in kind:
            parts.append(f"参数 {label} 超出允许范围")
        else:
            parts.append(f"参数 {label} 无效")
    return "；".join(parts) or "请求参数无效"


async def _policykg_error(request: Request, exc: PolicyKGError) -> JSONResponse:
    status = int(getattr(exc, "status", 500) or 500)
    details = getattr(exc, "details", None)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if status >= 500 and exc.code not in ("busy", "not_ready", "index_version_mismatch"):
        log.error("request failed: %s %s -> %s", request.method, request.url.path, exc.code)
    return error_response(status, exc.code, exc.message, details, headers)


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    return error_response(400, "bad_request", _describe_validation(exc))


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _allowed_methods(request: Request) -> str | None:
    """Every method some route accepts at this path (Starlette names only the first route's)."""
    allowed = []
    for method in _METHODS:
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return ", ".join(allowed) if allowed else None


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code, message = _HTTP_CODES.get(exc.status_code, ("error", "请求失败"))
    if isinstance(exc.detail, str) and exc.detail and not exc.detail.isascii():
        message = exc.detail  # our own Chinese details pass through; Starlette's English ones do not
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405:
        allow = _allowed_methods(request)
        if allow:
            headers["Allow"] = allow
    return error_response(exc.status_code, code, message, headers=headers or None)


async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
    # Log the type and the stack, not str(exc): messages can quote document text.
    stack = "".join(traceback.format_tb(exc.__traceback__))
    log.error("unhandled %s on %s %s\n%s", type(exc).__name__, request.method, request.url.path, stack)
    code, message = _HTTP_CODES[500]
    return error_response(500, code, message)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(PolicyKGError, _policykg_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unhandled)
