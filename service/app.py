"""The app factory: `create_app(settings, engine=None)`. No module-level index or graph."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from policykg.settings import Settings
from service.engine import Engine
from service.errors import install_error_handlers
from service.library_routes import build_library_router
from service.middleware import HeadAsGet, RelativeRedirects
from service.routes import build_router
from service.writequeue import WriteQueue

STATIC_DIR = Path(__file__).resolve().parent / "static"

DESCRIPTION = """\
离退休干部党建政策文件的知识图谱与条款检索。

- **检索** `/api/search`：按条款返回结果（不是整篇文件），支持地区（含下级）、文种、年份、品牌、发文机关筛选。
- **先例** `/api/precedents`：其他地区、单位实际做过什么（做法），按实施单位所在地区分组。
- **对比** `/api/compare`：各地区在同一主题上的规定并排列出，附数量规定（如“5人以上”）。
- **图谱** `/api/entities`、`/api/graph/path`、`/api/documents/{id}/graph`：文件、机构、地区、品牌、支部、人物及其关系，每条关系附出处条款。
- **写入** `POST /api/documents`、`DELETE /api/documents/{id}`：需 `Authorization: Bearer <POLICYKG_API_TOKEN>`。

所有错误均为 `{"error": {"code": "...", "message": "..."}}`。
"""


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        # /docs and /redoc come from vendored assets (service/apidocs.py), never from a CDN
        docs_url=None,
        redoc_url=None,
        title="policykg 政策文件知识图谱与条款检索",
        version="0.1.0",
        description=DESCRIPTION,
        openapi_tags=[
            {"name": "检索", "description": "条款检索、先例做法、地区对比"},
            {"name": "文档", "description": "文档列表与条款树"},
            {"name": "图谱", "description": "实体、关系与路径"},
            {"name": "写入", "description": "上传与删除（需令牌）"},
            {"name": "系统", "description": "健康检查"},
        ],
    )
    app.state.settings = settings
    app.state.engine = (
        engine if engine is not None else Engine(settings, write_process=settings.write_process)
    )
    app.state.write_queue = WriteQueue(settings.write_queue_jobs, settings.write_queue_bytes)
    app.router.on_shutdown.append(app.state.write_queue.close)
    if app.state.engine.replica is not None:  # follow PostgreSQL while serving (service/replica.py)
        app.router.on_startup.append(app.state.engine.replica.start)
        app.router.on_shutdown.append(app.state.engine.replica.stop)
    install_error_handlers(app)  # first: its middleware must be the innermost one
    app.include_router(build_library_router(settings))  # /api/documents…: the library (issue 16)
    app.include_router(build_router(settings))
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )
    if (STATIC_DIR / "index.html").is_file():  # the web UI (service/ui.py), when present
        from service.apidocs import mount_api_docs
        from service.ui import mount_ui

        mount_ui(app)
        mount_api_docs(app)
    if app.state.engine.replica is not None:  # X-Policykg-(Min-)Generation (service/consistency.py)
        from service.consistency import MinGeneration

        app.add_middleware(MinGeneration, replica=app.state.engine.replica)
    app.add_middleware(RelativeRedirects)
    app.add_middleware(HeadAsGet)
    app.openapi = _without_validation_422(app.openapi)  # type: ignore[method-assign]
    return app


_VALIDATION_SCHEMAS = ("HTTPValidationError", "ValidationError")


def _without_validation_422(openapi: Callable[[], dict[str, Any]]) -> Callable[[], dict[str, Any]]:
    """FastAPI's schema without its default 422 validation response, which this API never sends:
    validation errors are 400s in the contract's error shape (declared by the routes)."""

    def schema() -> dict[str, Any]:
        out = openapi()  # FastAPI caches it: cleaning it again is a no-op
        for ops in out.get("paths", {}).values():
            for op in ops.values():
                responses = op.get("responses", {})
                if "HTTPValidationError" in str(responses.get("422", "")):
                    del responses["422"]
        components = out.get("components", {}).get("schemas", {})
        for name in _VALIDATION_SCHEMAS:
            components.pop(name, None)
        return out

    return schema
