"""Small ASGI layers for what the routes cannot say themselves (issue 17, D13 and D15).

- `RelativeRedirects`: Starlette's trailing-slash redirect builds an absolute ``Location`` from
  the request's ``Host`` header, so a forged Host turned a link to this server into a redirect to
  another one. Redirects the app makes are rewritten to a path on this server.
- `HeadAsGet`: HEAD on a GET route answered 405. It is served as the GET, without the body
  (what HTTP says HEAD is; monitoring probes and link checkers use it).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def relative_location(location: str) -> str:
    """The path, query and fragment of a redirect target: never another host or scheme."""
    parts = urlsplit(location)
    path = parts.path or "/"
    # "//evil.example" as a path would be read as a host again: one leading slash only.
    path = "/" + path.lstrip("/\\")
    out = path + (f"?{parts.query}" if parts.query else "")
    return out + (f"#{parts.fragment}" if parts.fragment else "")


class RelativeRedirects:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def rewriting_send(message: Message) -> None:
            if message["type"] == "http.response.start" and 300 <= message["status"] < 400:
                headers = []
                for name, value in message.get("headers", []):
                    if name.lower() == b"location":
                        value = relative_location(value.decode("latin-1")).encode("latin-1")
                    headers.append((name, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, rewriting_send)


class HeadAsGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def bodiless_send(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, bodiless_send)
