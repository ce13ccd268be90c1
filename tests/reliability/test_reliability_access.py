"""Access control and limits: write token (constant-time compare), optional read token, CORS off by
default, request/query/page limits from Settings, and what is (never) logged."""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

import hostile
import pytest
from conftest import READ_TOKEN, TOKEN, auth, make_client, tree_state

pytestmark = pytest.mark.e2e

READS = [
    "/api/search?q=党支部",
    "/api/precedents?q=社区报到",
    "/api/compare?topic=党支部设置&regions=福州市",
    "/api/documents",
    "/api/entities?q=福州市",
]


def err(resp, status: int) -> dict:
    assert resp.status_code == status, (resp.status_code, resp.text[:300])
    body = resp.json()
    assert set(body) == {"error"} and body["error"]["code"] and body["error"]["message"]
    return body["error"]


def upload(client, headers, name="acl.txt", text=None):
    data = (text or hostile.POLICY_TEXT + "\n三、权限测试\n仅用于权限测试。\n").encode()
    return client.post("/api/documents", files=[("files", (name, data, "text/plain"))], headers=headers)


# -- writes ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers,status",
    [
        ({}, 401),
        ({"Authorization": ""}, 401),
        ({"Authorization": "Bearer"}, 403),
        ({"Authorization": "Bearer "}, 403),
        ({"Authorization": f"Basic {TOKEN}"}, 403),
        ({"Authorization": f"Bearer {TOKEN[:-1]}"}, 403),
        ({"Authorization": f"Bearer {TOKEN}x"}, 403),
        ({"Authorization": f"Bearer {TOKEN.upper()}"}, 403),
        ({"Authorization": f"Bearer {READ_TOKEN}"}, 403),  # the read token never writes
        ({"Authorization": "Bearer 中文令牌".encode()}, 403),  # non-ASCII bytes in the header
        ({"X-Api-Token": TOKEN}, 401),  # only the Authorization header counts
    ],
)
def test_writes_need_the_write_token(data_dir: Path, headers: dict, status: int) -> None:
    with make_client(data_dir, api_token=TOKEN, read_token=READ_TOKEN) as c:
        before = tree_state(data_dir)
        e = err(upload(c, headers), status)
        assert TOKEN not in e["message"] and READ_TOKEN not in e["message"]
        e = err(c.delete("/api/documents/004_0247a5a9630a91d5", headers=headers), status)
        assert tree_state(data_dir) == before
        if status == 401:
            r = c.delete("/api/documents/004_0247a5a9630a91d5", headers=headers)
            assert r.headers.get("www-authenticate", "").lower().startswith("bearer")


def test_the_right_token_writes(data_dir: Path) -> None:
    with make_client(data_dir, api_token=TOKEN) as c:
        r = upload(c, auth())
        assert r.status_code == 201, r.text[:300]
        r = c.delete("/api/documents/acl", headers=auth())
        assert r.status_code == 200, r.text[:300]
        err(c.get("/api/documents/acl"), 404)


def test_without_a_configured_token_writes_are_refused(data_dir: Path) -> None:
    with make_client(data_dir) as c:  # no api_token
        before = tree_state(data_dir)
        for headers in ({}, auth(), {"Authorization": "Bearer "}, {"Authorization": "Bearer None"}):
            assert upload(c, headers).status_code in (401, 403)
            assert c.delete("/api/documents/004_0247a5a9630a91d5", headers=headers).status_code in (401, 403)
        assert tree_state(data_dir) == before


def test_token_compare_is_constant_time(data_dir: Path, monkeypatch) -> None:
    """The comparison goes through secrets.compare_digest (hmac.compare_digest) for every check."""
    calls: list[tuple[bytes, bytes]] = []
    real = secrets.compare_digest

    def spy(a, b):  # type: ignore[no-untyped-def]
        calls.append((a, b))
        return real(a, b)

    import service.routes as routes

    monkeypatch.setattr(routes.secrets, "compare_digest", spy)
    with make_client(data_dir, api_token=TOKEN, read_token=READ_TOKEN) as c:
        upload(c, {"Authorization": "Bearer wrong-token"})
        assert any(b"wrong-token" in (a if isinstance(a, bytes) else a.encode()) for a, _ in calls)
        calls.clear()
        c.get("/api/search", params={"q": "党支部"}, headers={"Authorization": "Bearer wrong-read"})
        assert calls, "the read token was not compared with compare_digest"
    import inspect

    src = inspect.getsource(routes)
    # No plain equality on a secret anywhere in the routes.
    assert "get_secret_value() ==" not in src and "== expected" not in src and "expected ==" not in src


# -- reads -----------------------------------------------------------------------------------------


def test_reads_are_open_without_a_read_token(data_dir: Path) -> None:
    with make_client(data_dir, api_token=TOKEN) as c:
        for url in READS:
            assert c.get(url).status_code == 200, url


@pytest.mark.parametrize("url", READS)
def test_read_token_restricts_reading(data_dir: Path, url: str) -> None:
    with make_client(data_dir, api_token=TOKEN, read_token=READ_TOKEN) as c:
        err(c.get(url), 401)
        err(c.get(url, headers={"Authorization": "Bearer nope"}), 403)
        err(c.get(url, headers={"Authorization": f"Bearer {READ_TOKEN[:-1]}"}), 403)
        assert c.get(url, headers=auth(READ_TOKEN)).status_code == 200
        assert c.get(url, headers=auth(TOKEN)).status_code == 200  # the write token reads too


def test_read_token_also_guards_document_and_entity_details(data_dir: Path) -> None:
    with make_client(data_dir, api_token=TOKEN, read_token=READ_TOKEN) as c:
        for url in (
            "/api/documents/004_0247a5a9630a91d5",
            "/api/documents/004_0247a5a9630a91d5/graph",
            "/api/entities/region:350100",
            "/api/graph/path?source=福州市&target=福建省",
        ):
            r = c.get(url)
            assert r.status_code == 401, (url, r.status_code)


def test_health_stays_open_and_reveals_only_counts(data_dir: Path) -> None:
    """Monitoring needs /api/health without a token; it must not carry document content."""
    with make_client(data_dir, api_token=TOKEN, read_token=READ_TOKEN) as c:
        r = c.get("/api/health")
        assert r.status_code == 200
        body = r.json()
        # counts, the generation and the store's kind and lag (issue 15) — never content or credentials
        assert set(body) <= {
            "status",
            "documents",
            "clauses",
            "entities",
            "snapshot",
            "generation",
            "record_generation",
            "store",
            "store_connected",
            "lag",
        }
        assert body["store"] in {"datadir", "postgresql"}
        assert "://" not in r.text


# -- CORS ------------------------------------------------------------------------------------------


def test_cors_is_off_by_default(data_dir: Path) -> None:
    with make_client(data_dir, api_token=TOKEN) as c:
        r = c.get("/api/search", params={"q": "党支部"}, headers={"Origin": "https://evil.example"})
        assert r.status_code == 200
        assert "access-control-allow-origin" not in r.headers
        pre = c.options(
            "/api/documents",
            headers={
                "Origin": "https://evil.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization",
            },
        )
        assert "access-control-allow-origin" not in pre.headers


def test_cors_allows_only_configured_origins(data_dir: Path) -> None:
    good = "https://intranet.example.gov.cn"
    with make_client(data_dir, api_token=TOKEN, cors_origins=[good]) as c:
        r = c.get("/api/search", params={"q": "党支部"}, headers={"Origin": good})
        assert r.headers.get("access-control-allow-origin") == good
        r = c.get("/api/search", params={"q": "党支部"}, headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers
        assert r.headers.get("access-control-allow-origin") != "*"
        assert r.headers.get("access-control-allow-credentials") != "true"


# -- limits ----------------------------------------------------------------------------------------


def test_limits_come_from_settings(data_dir: Path) -> None:
    with make_client(
        data_dir, api_token=TOKEN, max_query_chars=10, max_page_size=5, max_offset=20, max_upload_bytes=4096
    ) as c:
        page = {"limit": 5}  # the default page (10) is over this max_page_size: see the next test
        assert c.get("/api/search", params={"q": "党" * 10, **page}).status_code == 200
        err(c.get("/api/search", params={"q": "党" * 11, **page}), 400)
        err(c.get("/api/precedents", params={"q": "党" * 11, **page}), 400)
        err(c.get("/api/compare", params={"topic": "党" * 11, **page}), 400)
        assert c.get("/api/search", params={"q": "党支部", "limit": 5}).status_code == 200
        err(c.get("/api/search", params={"q": "党支部", "limit": 6}), 400)
        err(c.get("/api/documents", params={"limit": 6}), 400)
        err(c.get("/api/entities", params={"q": "福州", "limit": 6}), 400)
        err(c.get("/api/precedents", params={"q": "党支部", "limit": 6}), 400)
        assert c.get("/api/search", params={"q": "党支部", "offset": 20, **page}).status_code == 200
        err(c.get("/api/search", params={"q": "党支部", "offset": 21, **page}), 400)
        e = err(upload(c, auth(), text="党" * 5000), 413)
        assert e["code"] == "file_too_large"


def test_a_small_max_page_size_still_serves_default_requests(data_dir: Path) -> None:
    with make_client(data_dir, api_token=TOKEN, max_page_size=5) as c:
        assert c.get("/api/search", params={"q": "党支部"}).status_code == 200
        assert c.get("/api/documents").status_code == 200


def test_default_limits(data_dir: Path) -> None:
    from policykg.settings import Settings

    s = Settings()
    assert s.max_upload_bytes == 20 * 1024 * 1024
    assert s.max_query_chars >= 100 and s.max_page_size >= 10
    with make_client(data_dir, api_token=TOKEN) as c:
        err(c.get("/api/search", params={"q": "党" * (s.max_query_chars + 1)}), 400)
        err(c.get("/api/search", params={"q": "党支部", "limit": s.max_page_size + 1}), 400)
        err(c.get("/api/compare", params={"topic": "党支部", "regions": ",".join(["福州市"] * 21)}), 400)


def test_huge_numbers_and_odd_parameters_are_400_not_500(data_dir: Path) -> None:
    with make_client(data_dir, api_token=TOKEN) as c:
        for params in (
            {"q": "党支部", "limit": 10**30},
            {"q": "党支部", "offset": -(10**30)},
            {"q": "党支部", "year_from": 10**30},
            {"q": "党支部", "year_from": 2030, "year_to": 2000},
            {"q": "\x00"},
            {"q": "\ud800".encode("utf-8", "surrogatepass").decode("latin-1")},
        ):
            r = c.get("/api/search", params=params)
            assert r.status_code in (200, 400), (params, r.status_code, r.text[:200])


# -- logging ---------------------------------------------------------------------------------------


def test_tokens_and_document_text_are_never_logged(data_dir: Path, caplog) -> None:
    secret_text = "机密条款内容甲乙丙丁戊己庚辛不应出现在日志中"
    caplog.set_level(logging.DEBUG)
    with make_client(data_dir, api_token=TOKEN, read_token=READ_TOKEN) as c:
        upload(c, auth(), name="secret.txt", text=hostile.POLICY_TEXT + f"\n三、{secret_text}\n")
        upload(c, {"Authorization": "Bearer wrong-" + TOKEN})  # a refused write
        c.post(  # a refused file (its text must not reach the logs either)
            "/api/documents",
            files=[("files", ("bad.txt", (secret_text * 3).encode("utf-8") + b"\x00" * 10, "text/plain"))],
            headers=auth(),
        )
        c.get("/api/search", params={"q": "党支部"}, headers=auth(READ_TOKEN))
        c.get("/api/documents/secret", headers=auth(READ_TOKEN))
    fmt = logging.Formatter()
    logged = "\n".join(
        f"{r.getMessage()}\n{fmt.formatException(r.exc_info) if r.exc_info else ''}\n{r.stack_info or ''}"
        for r in caplog.records
    )
    assert TOKEN not in logged and READ_TOKEN not in logged
    assert secret_text not in logged


def test_size_limit_message_names_the_real_limit(data_dir: Path) -> None:
    with make_client(data_dir, api_token=TOKEN, max_upload_bytes=64 * 1024) as c:
        e = err(upload(c, auth(), text="党" * 40000), 413)
        assert "0 MB" not in e["message"] and ("KB" in e["message"] or "字节" in e["message"]), e["message"]


def test_an_unexpected_error_is_contained(data_dir: Path, caplog) -> None:
    """A 500 in the contract's shape, nothing re-raised to the server, no exception text in the logs."""
    import asyncio

    import httpx

    from policykg.settings import Settings
    from service.app import create_app
    from service.engine import Backend, Engine

    secret = "机密条款内容不应出现在日志中"

    class Boom(Backend):
        def search(self, index, params):  # type: ignore[no-untyped-def]
            raise ValueError(f"parser choked on: {secret}")

    settings = Settings(data_dir=data_dir, api_token=TOKEN)
    app = create_app(settings, engine=Engine(settings, Boom()))

    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=True)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            return await c.get("/api/search", params={"q": "党支部"})

    caplog.set_level(logging.DEBUG)
    r = asyncio.run(call())  # raises here when the app re-raises to the server
    err(r, 500)
    assert secret not in r.text
    assert secret not in "\n".join(rec.getMessage() for rec in caplog.records)
