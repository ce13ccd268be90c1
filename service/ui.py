"""The web UI: `mount_ui(app)` serves the single page at `/` and its assets under `/static`.

The page is plain HTML + ES modules (service/static/), no build step. Cache policy: the page and
our own modules are revalidated on every load (`no-cache` + ETag, so an upgrade shows at once and
an unchanged file costs a 304); vendored libraries (static/vendor/, versioned by their npm
release) may be cached for a week.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC_DIR = Path(__file__).resolve().parent / "static"

# Explicit types: the platform's mimetypes table may lack .mjs, and a module script served as
# text/plain is refused by browsers.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".woff2": "font/woff2",
}
VENDOR_CACHE = "public, max-age=604800"
APP_CACHE = "no-cache"
# The page only talks to its own origin; the one HTML fragment it inserts (search highlights) is
# sanitised in the browser too, and this policy keeps any slip from loading or running scripts.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'"
)
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}

UI_ROUTE_NAMES = ("ui-index", "ui-static", "ui-t2s")
T2S_MAX_BYTES = 2_000_000


def cache_control(relative_path: str) -> str:
    """Cache policy of one static file, by its path under static/."""
    return VENDOR_CACHE if relative_path.replace("\\", "/").startswith("vendor/") else APP_CACHE


def content_type(path: str | Path) -> str | None:
    return CONTENT_TYPES.get(Path(path).suffix.lower())


class UIStaticFiles(StaticFiles):
    """StaticFiles with our content types, cache headers and nosniff."""

    def file_response(
        self, full_path: Any, stat_result: Any, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        ctype = content_type(full_path)
        if ctype and response.status_code != 304:
            response.headers["content-type"] = ctype
        try:
            relative = Path(full_path).resolve().relative_to(STATIC_DIR).as_posix()
        except ValueError:  # a symlink out of static/: treat as our own file
            relative = ""
        response.headers["cache-control"] = cache_control(relative)
        response.headers.update(SECURITY_HEADERS)
        return response


def index_response() -> Response:
    response = FileResponse(STATIC_DIR / "index.html", media_type=CONTENT_TYPES[".html"])
    response.headers["cache-control"] = APP_CACHE
    response.headers["content-security-policy"] = CSP
    response.headers.update(SECURITY_HEADERS)
    return response


async def _index(request: Any) -> Response:
    return index_response()


async def _t2s(request: Request) -> Response:
    """Simplified script of a traditional document's texts, for the reader's 繁/简 switch.

    A helper of the page, not part of the API: the API sends clause texts in their original script,
    and the browser has no conversion table. `{"texts": [...]}` → `{"texts": [...], "converted"}`.
    """
    body = await request.body()
    if len(body) > T2S_MAX_BYTES:
        return JSONResponse({"error": {"code": "too_large", "message": "文本过长"}}, status_code=413)
    try:
        texts = json.loads(body or b"{}").get("texts")
    except (ValueError, AttributeError):
        texts = None
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        return JSONResponse(
            {"error": {"code": "bad_query", "message": "请提供 texts 字符串数组"}}, status_code=400
        )
    try:
        from policykg.text import to_simplified

        out = [to_simplified(t) for t in texts]
        converted = True
    except ImportError:  # opencc missing: the page keeps the original script
        out, converted = texts, False
    response = JSONResponse({"texts": out, "converted": converted})
    response.headers.update(SECURITY_HEADERS)
    return response


def mount_ui(app: FastAPI) -> None:
    """Serve the UI at `/` (the page) and `/static/*` (its files). Idempotent.

    The routes go to the front of the route table so that a catch-all mount added earlier (for
    instance a StaticFiles at "/") cannot shadow them; they never overlap /api/*.
    """
    if any(getattr(r, "name", None) in UI_ROUTE_NAMES for r in app.router.routes):
        return
    index = Route("/", _index, methods=["GET", "HEAD"], name="ui-index", include_in_schema=False)
    static = Mount("/static", app=UIStaticFiles(directory=STATIC_DIR), name="ui-static")
    t2s = Route("/ui/t2s", _t2s, methods=["POST"], name="ui-t2s", include_in_schema=False)
    app.router.routes[0:0] = [index, static, t2s]
