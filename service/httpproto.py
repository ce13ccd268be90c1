"""uvicorn's HTTP/1.1 protocol with a deadline for request headers (slow or half-open clients).

uvicorn has no request-header timeout: a client that opens a connection and sends a request line
slowly, or nothing at all, holds it until it closes (4,000 such connections were held 20 s in the
hardening round). This protocol arms a timer when a connection opens and whenever it waits for a
new request, and closes the connection when the request's headers have not all arrived in time.
A request whose headers are complete is never cut: the timer is cancelled as it starts.
"""

from __future__ import annotations

import asyncio
import os
from functools import lru_cache
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT_S = 10.0
# The class reaches uvicorn's worker processes as an import string, so the deadline travels in the
# environment (`policykg serve` sets it from Settings.header_timeout).
ENV = "POLICYKG_HEADER_TIMEOUT"


@lru_cache(maxsize=1)
def configured_timeout() -> float:
    try:
        return max(0.1, float(os.environ.get(ENV, HEADER_TIMEOUT_S)))
    except ValueError:
        return HEADER_TIMEOUT_S


class HeaderTimeoutProtocol(H11Protocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = configured_timeout()
        self._header_timer: asyncio.TimerHandle | None = None

    def _waiting_for_headers(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _arm(self) -> None:
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(self.header_timeout, self._expire)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _expire(self) -> None:
        self._header_timer = None
        if self._waiting_for_headers() and not self.transport.is_closing():
            self.transport.close()  # headers never completed: the client was too slow, or gone

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._waiting_for_headers():
            self._arm()
        else:
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._disarm()  # an idle keep-alive connection is uvicorn's own timeout_keep_alive's

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)
