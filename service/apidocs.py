"""The API documentation pages (/docs: Swagger UI, /redoc: ReDoc) from vendored assets.

FastAPI's own pages load their scripts, styles and fonts from a CDN (no CSP, no SRI) and show
nothing on an intranet without internet (issue 17, D14). These serve the same libraries from
service/static/vendor/ (copied from the npm registry, see its README) under the UI's
Content-Security-Policy; the Swagger UI is started by a script file, not an inline script, so
the policy needs no 'unsafe-inline' for scripts.
"""

from __future__ import annotations

import html

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from service.ui import APP_CACHE, CSP, SECURITY_HEADERS

SWAGGER = "/static/vendor/swagger-ui"
REDOC = "/static/vendor/redoc"

_SWAGGER_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - API 文档</title>
<link rel="stylesheet" href="{swagger}/swagger-ui.css">
<link rel="icon" type="image/png" href="{swagger}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui" data-openapi-url="{openapi}"></div>
<script src="{swagger}/swagger-ui-bundle.js"></script>
<script src="/static/apidocs.js"></script>
</body>
</html>
"""

_REDOC_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - API 文档（ReDoc）</title>
</head>
<body>
<redoc spec-url="{openapi}" hide-loading></redoc>
<script src="{redoc}/redoc.standalone.js"></script>
</body>
</html>
"""


def _page(body: str) -> Response:
    response = HTMLResponse(body)
    response.headers["cache-control"] = APP_CACHE
    response.headers["content-security-policy"] = CSP
    response.headers.update(SECURITY_HEADERS)
    return response


def mount_api_docs(app: FastAPI) -> None:
    """/docs and /redoc over the vendored assets (create the app with docs_url=redoc_url=None)."""
    title = html.escape(app.title)
    openapi = html.escape(app.openapi_url or "/openapi.json")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui(request: Request) -> Response:
        return _page(_SWAGGER_PAGE.format(title=title, swagger=SWAGGER, openapi=openapi))

    @app.get("/redoc", include_in_schema=False)
    def redoc(request: Request) -> Response:
        return _page(_REDOC_PAGE.format(title=title, redoc=REDOC, openapi=openapi))
