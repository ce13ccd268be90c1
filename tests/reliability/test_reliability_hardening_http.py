"""HTTP-level red-team cases of issue 17: the trailing-slash redirect and the Host header (D13),
the API docs pages and their assets (D14), HEAD on GET routes (D15)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TOKEN, auth, make_client


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    # No snapshot is needed for these: an empty data dir.
    with make_client(tmp_path_factory.mktemp("http") / "data") as c:
        yield c


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1:8000"])
def test_d13_trailing_slash_redirect_never_names_another_host(client, host: str) -> None:
    resp = client.get("/api/search/?q=x", headers={"Host": host}, follow_redirects=False)
    assert resp.status_code in (307, 308)
    location = resp.headers["location"]
    assert location == "/api/search?q=x", location


def test_d13_relative_location_cannot_become_a_host() -> None:
    from service.middleware import relative_location

    assert relative_location("http://evil.example//evil.example/x?a=1") == "/evil.example/x?a=1"
    assert relative_location("http://h/\\\\evil") == "/evil"


_SRC = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_d14_api_docs_load_only_vendored_assets_under_the_ui_csp(client, page: str) -> None:
    from service.ui import CSP

    resp = client.get(page)
    assert resp.status_code == 200
    assert resp.headers.get("content-security-policy") == CSP
    refs = _SRC.findall(resp.text)
    assert refs, resp.text[:300]
    for ref in refs:
        assert ref.startswith("/static/"), f"{page} loads {ref} from outside this server"
        asset = client.get(ref)
        assert asset.status_code == 200 and len(asset.content) > 0, ref
    # every script is a file (the CSP allows no inline script)
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", resp.text, flags=re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)


def test_d14_vendored_assets_carry_their_licences() -> None:
    vendor = Path(__file__).resolve().parents[2] / "service" / "static" / "vendor"
    for lib in ("swagger-ui", "redoc"):
        assert (vendor / lib / "LICENSE").is_file(), lib


@pytest.mark.parametrize("path", ["/api/health", "/api/documents"])
def test_d15_head_on_a_get_route_is_answered_without_a_body(client, path: str) -> None:
    get = client.get(path)
    head = client.head(path)
    assert head.status_code == get.status_code, (path, head.status_code)
    assert head.content == b""


def test_d15_multipart_errors_say_what_is_wrong(tmp_path: Path) -> None:

    with make_client(tmp_path / "data", api_token=TOKEN) as c:
        no_boundary = c.post(
            "/api/documents",
            headers={**auth(), "Content-Type": "multipart/form-data"},
            content=b"--x\r\nContent-Disposition: form-data; name=files; filename=a.txt\r\n\r\nabc\r\n--x--\r\n",
        )
        assert no_boundary.status_code == 400
        assert "boundary" in no_boundary.json()["error"]["message"]
        truncated = c.post(
            "/api/documents",
            headers={**auth(), "Content-Type": "multipart/form-data; boundary=x"},
            content=b"--x\r\nContent-Disposition: form-data; name=files; filename=a.txt\r\n",
        )
        assert truncated.status_code == 400, truncated.text
        assert "文件名过长" not in truncated.json()["error"]["message"]
