"""The request-header deadline (service.httpproto) on a real uvicorn server over loopback (D15)."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import uvicorn

from service import httpproto


async def tiny_app(scope, receive, send):  # type: ignore[no-untyped-def]
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok"})


@pytest.fixture
def server(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv(httpproto.ENV, "0.5")
    httpproto.configured_timeout.cache_clear()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        tiny_app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        http="service.httpproto:HeaderTimeoutProtocol",
    )
    srv = uvicorn.Server(config)
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.02)
    yield port
    srv.should_exit = True
    t.join(5)
    httpproto.configured_timeout.cache_clear()


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    sock.settimeout(seconds)
    try:
        return sock.recv(1024) == b""
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def test_a_client_that_never_finishes_its_headers_is_disconnected(server: int) -> None:
    with socket.create_connection(("127.0.0.1", server)) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # no blank line: the headers never end
        assert _closed_within(s, 3.0)
    with socket.create_connection(("127.0.0.1", server)) as s:  # silent after connecting
        assert _closed_within(s, 3.0)


def _response(s: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"0\r\n\r\n"):  # the chunked body's last chunk
        part = s.recv(1024)
        if not part:
            break
        data += part
    return data


def test_complete_requests_and_a_second_request_after_the_deadline_are_served(server: int) -> None:
    with socket.create_connection(("127.0.0.1", server)) as s:
        s.settimeout(3.0)
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert b"200 OK" in _response(s)
        time.sleep(0.8)  # idle past the header deadline: an idle keep-alive is not a slow request
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert b"200 OK" in _response(s)
