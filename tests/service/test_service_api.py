"""HTTP layer over a fake backend: error shape, validation, auth, uploads, limits, CORS, 500s."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from svc_fakes import FakeBackend, write_corpus

from policykg.settings import Settings
from service.app import create_app
from service.engine import Engine

TOKEN = "s3cret-token"


def make_client(tmp_path: Path, **overrides) -> TestClient:
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=write_corpus(tmp_path / "corpus"), **overrides)
    engine = Engine(settings, FakeBackend())
    engine.build()
    return TestClient(create_app(settings, engine=engine), raise_server_exceptions=False)


@pytest.fixture
def client(tmp_path) -> TestClient:
    return make_client(tmp_path, api_token=TOKEN)


def assert_error(resp, status: int, code: str | None = None) -> dict:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"])
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_health(client):
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok" and r.json()["documents"] == 3


@pytest.mark.parametrize(
    "url",
    [
        "/api/search",
        "/api/search?q=",
        "/api/search?q=%20%20",
        "/api/search?q=" + "党" * 2001,
        "/api/search?q=党建&limit=0",
        "/api/search?q=党建&limit=101",
        "/api/search?q=党建&limit=abc",
        "/api/search?q=党建&offset=-1",
        "/api/search?q=党建&year_from=x",
        "/api/search?q=党建&region=火星市",
        "/api/precedents?q=",
        "/api/precedents?q=党建&limit=1000",
        "/api/compare?topic=",
        "/api/compare?topic=党建&regions=火星市",
        "/api/documents?limit=0",
        "/api/entities?limit=-5",
        "/api/graph/path?source=&target=x",
    ],
)
def test_bad_queries_are_400_in_one_shape(client, url):
    err = assert_error(client.get(url), 400)
    assert err["code"] in ("bad_query", "bad_request")
    assert "Traceback" not in err["message"]


def test_validation_message_is_chinese(client):
    err = assert_error(client.get("/api/search?q=党建&limit=abc"), 400, "bad_request")
    assert "limit" in err["message"] and "整数" in err["message"]
    err = assert_error(client.get("/api/search"), 400, "bad_request")
    assert "缺少参数" in err["message"]


def test_unknown_route_and_method(client):
    assert_error(client.get("/api/nothing"), 404, "not_found")
    assert_error(client.put("/api/search?q=x"), 405, "method_not_allowed")
    assert_error(client.get("/api/documents/nope"), 404, "not_found")
    assert_error(client.get("/api/entities/region:nowhere"), 404, "not_found")


def test_405_allow_lists_every_route_method(client):
    r = client.request("OPTIONS", "/api/documents")
    assert_error(r, 405)
    assert r.headers["allow"] == "GET, HEAD, POST"
    assert client.put("/api/documents/fuzhou").headers["allow"] == "GET, HEAD, PATCH, DELETE"


def test_read_endpoints(client):
    s = client.get("/api/search", params={"q": "社区报到", "limit": 2}).json()
    assert s["total"] >= 2 and len(s["results"]) == 2
    assert set(s["facets"]) >= {"region", "doc_type", "year", "program"}
    p = client.get("/api/precedents", params={"q": "到社区报到"}).json()
    assert p["groups"] and p["groups"][0]["items"][0]["practice"]
    c = client.get("/api/compare", params={"topic": "党支部设置", "regions": "福州市，辽宁省"}).json()
    assert [col["region"]["name"] for col in c["columns"]] == ["福州市", "辽宁省"]
    docs = client.get("/api/documents", params={"limit": 2}).json()
    assert docs["total"] == 3 and len(docs["documents"]) == 2
    d = client.get("/api/documents/fuzhou").json()
    assert d["clauses"] and d["outline"]
    g = client.get("/api/documents/fuzhou/graph").json()
    assert g["nodes"] and g["edges"]
    e = client.get("/api/entities", params={"q": "丹东市", "type": "region"}).json()
    assert e["results"][0]["id"] == "region:丹东市"
    detail = client.get("/api/entities/region:丹东市").json()
    assert detail["neighbors"]
    path = client.get("/api/graph/path", params={"source": "document:fuzhou", "target": "1335"}).json()
    assert path["found"] is True


def test_openapi_has_chinese_examples(client):
    spec = client.get("/openapi.json").json()
    assert "/api/precedents" in spec["paths"] and "/api/graph/path" in spec["paths"]
    text = str(spec)
    assert "党支部设置" in text and "社区报到" in text


# -- writes ------------------------------------------------------------------------------------

NOTICE = "枣庄市通知\n地区：山东省/枣庄市\n文种：通知\n党员人数达到3人以上的，可单独建立离退休干部党支部。\n".encode()


def upload(client, files, headers=None):
    return client.post("/api/documents", files=[("files", f) for f in files], headers=headers or {})


def test_writes_refused_without_configured_token(tmp_path):
    c = make_client(tmp_path)
    err = assert_error(upload(c, [("a.txt", NOTICE, "text/plain")], auth("anything")), 403, "forbidden")
    assert "POLICYKG_API_TOKEN" in err["message"]
    assert_error(c.delete("/api/documents/fuzhou", headers=auth("anything")), 403)


def test_write_auth_matrix(client):
    assert_error(upload(client, [("a.txt", NOTICE, "text/plain")]), 401, "unauthorized")
    assert_error(upload(client, [("a.txt", NOTICE, "text/plain")], auth("wrong")), 403, "forbidden")
    assert_error(upload(client, [("a.txt", NOTICE, "text/plain")], {"Authorization": "Basic abc"}), 403)
    assert_error(client.delete("/api/documents/fuzhou"), 401)
    assert_error(client.delete("/api/documents/fuzhou", headers=auth("wrong")), 403)
    assert client.get("/api/health").json()["documents"] == 3


def test_upload_replace_unchanged_delete(client):
    r = upload(client, [("zaozhuang.txt", NOTICE, "text/plain")], auth())
    assert r.status_code == 201, r.text
    body = r.json()
    f = body["files"][0]
    assert f["status"] == "added" and f["doc_ids"] == ["zaozhuang"]
    assert f["documents"][0]["region"]["name"] == "枣庄市" and f["documents"][0]["clause_count"] == 1
    assert client.get("/api/health").json()["documents"] == 4
    again = upload(client, [("zaozhuang.txt", NOTICE, "text/plain")], auth())
    assert again.status_code == 200 and again.json()["files"][0]["status"] == "unchanged"
    gone = client.delete("/api/documents/zaozhuang", headers=auth())
    assert gone.status_code == 200 and gone.json()["documents"] == 3
    assert_error(client.get("/api/documents/zaozhuang"), 404)
    assert_error(client.delete("/api/documents/zaozhuang", headers=auth()), 404)


def test_upload_rejections_change_nothing(client):
    before = client.get("/api/health").json()["snapshot"]
    assert_error(
        upload(client, [("a.exe", b"MZ", "application/octet-stream")], auth()), 415, "unsupported_format"
    )
    assert_error(upload(client, [("empty.txt", b"", "text/plain")], auth()), 422, "empty_document")
    err = assert_error(
        upload(client, [("good.txt", NOTICE, "text/plain"), ("bad.txt", b"\xff\xfe", "text/plain")], auth()),
        422,
        "decode_failed",
    )
    assert err["details"][0]["file"] == "bad.txt"
    assert_error(
        client.post("/api/documents", content=b"x", headers={**auth(), "Content-Type": "text/plain"}), 400
    )
    assert_error(client.post("/api/documents", data={"note": "x"}, headers=auth()), 400)
    assert client.get("/api/health").json()["snapshot"] == before


def test_upload_size_limit(tmp_path):
    c = make_client(tmp_path, api_token=TOKEN, max_upload_bytes=1024)
    big = b"title\n" + "很长的内容。".encode() * 400
    err = assert_error(upload(c, [("big.txt", big, "text/plain")], auth()), 413, "file_too_large")
    assert "大小上限" in err["message"]

    # a body that lies about its size is still cut off while streaming
    def chunks():
        for _ in range(200):
            yield b"x" * 1024

    r = c.post(
        "/api/documents",
        content=chunks(),
        headers={**auth(), "Content-Type": "multipart/form-data; boundary=abc"},
    )
    assert_error(r, 413)


def test_read_token(tmp_path):
    c = make_client(tmp_path, api_token=TOKEN, read_token="reader")
    assert_error(c.get("/api/search?q=党建"), 401)
    assert_error(c.get("/api/search?q=党建", headers=auth("nope")), 403)
    assert c.get("/api/search?q=党建", headers=auth("reader")).status_code == 200
    assert c.get("/api/search?q=党建", headers=auth(TOKEN)).status_code == 200
    assert c.get("/api/health").status_code == 200  # probes stay open


def test_cors_only_when_configured(tmp_path):
    plain = make_client(tmp_path / "a")
    r = plain.get("/api/health", headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in r.headers
    cors = make_client(tmp_path / "b", cors_origins=["https://example.org"])
    r = cors.get("/api/health", headers={"Origin": "https://example.org"})
    assert r.headers.get("access-control-allow-origin") == "https://example.org"


def test_unhandled_error_is_generic_and_logged_without_text(tmp_path, caplog):
    c = make_client(tmp_path)

    secret = "".join(["秘", "密的文件内容"])  # built at run time: the traceback's source lines must not match

    def boom(*_a, **_k):
        raise RuntimeError(secret)

    c.app.state.engine.search = boom
    with caplog.at_level(logging.ERROR, logger="policykg.service"):
        r = c.get("/api/search?q=党建")
    assert_error(r, 500, "internal_error")
    assert "秘密" not in r.text
    assert "RuntimeError" in caplog.text and "秘密" not in caplog.text


def test_no_snapshot_is_503(tmp_path):
    settings = Settings(data_dir=tmp_path / "empty")
    c = TestClient(create_app(settings, engine=Engine(settings, FakeBackend())))
    assert_error(c.get("/api/health"), 503, "not_ready")


def test_openapi_declares_the_limits_and_no_422(tmp_path):
    client = make_client(tmp_path, max_page_size=5, max_query_chars=30)
    spec = client.get("/openapi.json").json()
    params = {p["name"]: p["schema"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert params["limit"]["maximum"] == 5 and params["limit"]["default"] == 5
    assert params["q"]["maxLength"] == 30 and params["q"]["minLength"] == 1
    assert "HTTPValidationError" not in str(spec)
    assert client.get("/api/search?q=党建").status_code == 200  # the default limit is within 5
    err = assert_error(client.get("/api/search?q=" + "党" * 31), 400, "bad_request")
    assert "30" in err["message"]


def test_settings_limits_are_validated():
    from pydantic import ValidationError

    for bad in ({"max_page_size": 0}, {"max_query_chars": 0}, {"max_offset": -1}, {"workers": 0}):
        with pytest.raises(ValidationError):
            Settings(**bad)


def test_an_unexpected_error_logs_no_message(tmp_path, caplog):
    class Boom(FakeBackend):
        def search(self, index, params):  # type: ignore[no-untyped-def]
            raise ValueError("机密正文片段")

    settings = Settings(data_dir=tmp_path / "data", corpus_dir=write_corpus(tmp_path / "corpus"))
    engine = Engine(settings, Boom())
    engine.build()
    caplog.set_level(logging.DEBUG)
    with TestClient(create_app(settings, engine=engine), raise_server_exceptions=True) as c:
        assert_error(c.get("/api/search?q=党建"), 500, "internal_error")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "ValueError" in logged and "机密正文片段" not in logged
