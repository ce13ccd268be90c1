"""The one place where errors become the contract's JSON: {"error": {"code", "message"}}.

policykg.errors carries `code` and `status`; validation errors, unknown routes and wrong methods
are mapped to the same shape; anything unexpected becomes a generic 500 and is logged with its
type and stack on the server (never sent to the client, and never with the exception's message,
which may quote document text).

Unexpected exceptions are caught by `ContainErrors`, a small ASGI layer inside Starlette's
ServerErrorMiddleware: that middleware would send the 500 and then re-raise to the server,
which logs the full traceback with the message and drops the keep-alive connection.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from policykg.errors import PolicyKGError
from service.safelog import log_exception

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
    507: ("insufficient_storage", "磁盘空间不足"),
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


def _describe_one(err: dict[str, Any]) -> str:
    loc = [
        str(x)
        for x in err.get("loc", ())
        if x not in ("query", "body", "path", "header") and not isinstance(x, int)
    ]
    name = loc[-1] if loc else "参数"
    label = _FIELD_NAMES.get(name, name)
    kind = str(err.get("type", ""))
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return f"缺少参数：{label}"
    if kind.startswith(("int", "float")):
        return f"参数 {label} 必须是整数"
    if kind == "string_too_short":
        return f"参数 {label} 不能为空"
    if kind == "string_too_long" and "max_length" in ctx:
        return f"参数 {label} 过长：最多 {ctx['max_length']} 个字符"
    if kind in ("greater_than_equal", "less_than_equal") and ("ge" in ctx or "le" in ctx):
        bound = f"不能小于 {ctx['ge']}" if "ge" in ctx else f"不能大于 {ctx['le']}"
        return f"参数 {label} 超出允许范围：{bound}"
    if "too_long" in kind or "too_short" in kind or "greater" in kind or "less" in kind:
        return f"参数 {label} 超出允许范围"
    return f"参数 {label} 无效"


def _describe_validation(exc: RequestValidationError) -> str:
    """A short Chinese sentence naming the parameter and what is wrong with it."""
    return "；".join(_describe_one(err) for err in exc.errors()[:3]) or "请求参数无效"


async def _policykg_error(request: Request, exc: PolicyKGError) -> JSONResponse:
    status = int(getattr(exc, "status", 500) or 500)
    details = getattr(exc, "details", None)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    if getattr(exc, "retry_after", None):
        headers["Retry-After"] = str(int(exc.retry_after))  # type: ignore[arg-type]
    if status >= 500 and exc.code not in (
        "busy",
        "not_ready",
        "index_version_mismatch",
        "insufficient_storage",
    ):
        log.error("request failed: %s %s -> %s", request.method, request.url.path, exc.code)
    return error_response(status, exc.code, exc.message, details, headers or None)


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
    if "GET" in allowed and "HEAD" not in allowed:  # service.middleware.HeadAsGet serves it
        allowed.insert(allowed.index("GET") + 1, "HEAD")
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


def internal_error() -> JSONResponse:
    code, message = _HTTP_CODES[500]
    return error_response(500, code, message)


class ContainErrors:
    """Catch what no handler did: log type and stack (not the message), answer the JSON 500.

    When the response has already started, nothing more can be sent: the error is logged and
    the request ends (the server closes that connection).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            log_exception(log, f"unhandled error on {scope.get('method')} {scope.get('path')}", exc)
            if not started:
                await internal_error()(scope, receive, send)


async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
    # Last resort only (ContainErrors catches first): an error inside an outer middleware.
    log_exception(log, f"unhandled error on {request.method} {request.url.path}", exc)
    return internal_error()


def install_error_handlers(app: FastAPI) -> None:
    """The handlers, and ContainErrors as the innermost middleware (add it before any other)."""
    app.add_exception_handler(PolicyKGError, _policykg_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unhandled)
    app.add_middleware(ContainErrors)
