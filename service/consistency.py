"""Reading at least a generation, on any replica: `X-Policykg-Min-Generation`.

A write through one replica returns the generation it committed (`generation` in the upload
and delete responses). A client that then reads through the proxy may land on another replica
that has not applied it yet; sending `X-Policykg-Min-Generation: N` makes that replica catch up
first (it asks PostgreSQL at once instead of waiting for the notification) and answer from a
generation ≥ N, or — when it cannot within `MIN_GENERATION_WAIT` seconds (database unreachable)
— answer 503 `generation_behind`, which nginx (`proxy_next_upstream http_503`) passes to the
next replica. Every response of a replica carries `X-Policykg-Generation` (the local generation
when the response started: at least the one it was served from).
"""

from __future__ import annotations

import json

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.replica import Replica

HEADER = b"x-policykg-min-generation"
MIN_GENERATION_WAIT = 10.0


def _error(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode("utf-8")


class MinGeneration:
    def __init__(self, app: ASGIApp, replica: Replica) -> None:
        self.app = app
        self.replica = replica

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = next((v for k, v in scope.get("headers", []) if k.lower() == HEADER), None)
        if raw is not None:
            try:
                wanted = int(raw.decode("latin-1").strip())
                if wanted < 0:
                    raise ValueError
            except ValueError:
                await _respond(send, 400, _error("bad_query", "X-Policykg-Min-Generation 须为非负整数"))
                return
            reached = await anyio.to_thread.run_sync(self.replica.reach, wanted, MIN_GENERATION_WAIT)
            if not reached:
                message = f"本副本尚未同步到第 {wanted} 代（数据库暂时无法连接），请稍后重试或访问其他副本"
                await _respond(send, 503, _error("generation_behind", message), retry_after=True)
                return

        async def tagged(message: Message) -> None:
            if message["type"] == "http.response.start":
                generation = str(self.replica.local()[0]).encode("ascii")
                message = {
                    **message,
                    "headers": [*message.get("headers", []), (b"x-policykg-generation", generation)],
                }
            await send(message)

        await self.app(scope, receive, tagged)


async def _respond(send: Send, status: int, body: bytes, retry_after: bool = False) -> None:
    headers = [
        (b"content-type", b"application/json; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
    ]
    if retry_after:
        headers.append((b"retry-after", b"1"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
