"""service.ui.mount_ui without a browser: routes, content types, cache headers, offline assets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.testclient import TestClient

from service.ui import APP_CACHE, STATIC_DIR, VENDOR_CACHE, mount_ui

CYTOSCAPE = "/static/vendor/cytoscape/cytoscape.esm.min.mjs"


@pytest.fixture
def client() -> TestClient:
    app = FastAPI()

    @app.get("/api/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    mount_ui(app)
    return TestClient(app)


def test_page_at_root_with_headers(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["cache-control"] == APP_CACHE
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert '<html lang="zh-CN">' in r.text
    assert 'src="/static/app.js"' in r.text


def test_static_files_types_and_cache(client: TestClient) -> None:
    for path, ctype in [
        ("/static/app.js", "text/javascript"),
        ("/static/app.css", "text/css"),
        ("/static/views/entity.js", "text/javascript"),
        (CYTOSCAPE, "text/javascript"),
    ]:
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith(ctype), (path, r.headers["content-type"])
        assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/app.js").headers["cache-control"] == APP_CACHE
    assert client.get(CYTOSCAPE).headers["cache-control"] == VENDOR_CACHE


def test_revalidation_gives_304(client: TestClient) -> None:
    first = client.get("/static/app.js")
    again = client.get("/static/app.js", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.headers["cache-control"] == APP_CACHE


def test_no_escape_from_static(client: TestClient) -> None:
    assert client.get("/static/../ui.py").status_code == 404
    assert client.get("/static/%2e%2e/ui.py").status_code == 404
    assert client.get("/static/nothing.js").status_code == 404


def test_api_routes_untouched(client: TestClient) -> None:
    assert client.get("/api/health").json() == {"status": "ok"}


def test_mount_is_idempotent_and_beats_a_catch_all() -> None:
    app = FastAPI()
    app.mount("/", StaticFiles(directory=STATIC_DIR / "vendor"), name="other")  # mounted first, catches all
    mount_ui(app)
    mount_ui(app)
    names = [getattr(r, "name", None) for r in app.router.routes]
    assert names.count("ui-index") == 1 and names.count("ui-static") == 1
    c = TestClient(app)
    assert 'src="/static/app.js"' in c.get("/").text
    assert c.get("/static/app.js").status_code == 200


def _imports(js: Path) -> list[str]:
    text = js.read_text(encoding="utf-8")
    return re.findall(r"""(?:from|import)\s*\(?\s*["'](\.{1,2}/[^"']+)["']""", text)


def test_every_module_import_resolves_offline() -> None:
    """Each relative import of our modules names a file that exists; nothing loads from a CDN."""
    files = [
        p for p in STATIC_DIR.rglob("*") if p.suffix in (".js", ".css", ".html") and "vendor" not in p.parts
    ]
    assert files
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert not re.search(
            r"""(?:src|href)=["']https?://|import\s*\(?\s*["']https?://|@import\s+url\(["']?https?://""", text
        ), f
        for spec in _imports(f):
            assert (f.parent / spec).resolve().is_file(), f"{f.name} imports missing {spec}"


def test_vendored_assets_have_licences() -> None:
    vendor = STATIC_DIR / "vendor"
    packages = [p for p in vendor.iterdir() if p.is_dir()]
    assert packages
    for pkg in packages:
        licences = list(pkg.glob("LICENSE*"))
        assert licences, f"{pkg.name} has no LICENSE file"
        assert licences[0].read_text(encoding="utf-8").strip()


def test_t2s_helper_converts_for_the_reader(client: TestClient) -> None:
    """POST /ui/t2s: the reader's 繁/简 switch (the API sends clause texts in their original script)."""
    r = client.post("/ui/t2s", json={"texts": ["棗莊市離退休幹部黨建工作", "已是简体"]})
    assert r.status_code == 200
    body = r.json()
    assert body["converted"] is True
    assert body["texts"] == ["枣庄市离退休干部党建工作", "已是简体"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.post("/ui/t2s", json={"texts": "not a list"}).status_code == 400
    assert client.post("/ui/t2s", content=b"{not json").status_code == 400
    assert client.post("/ui/t2s", json={"texts": ["x" * 2_100_000]}).status_code == 413
    assert client.get("/ui/t2s").status_code == 405
