"""The part every SDK-based adapter shares: one SDK client, one attempt, our limits around it.

The official clients (`openai`, `anthropic`) do the HTTP, the authentication (API key, Entra ID
token, SigV4 for Bedrock, Google OAuth for Vertex), the paths and the status errors. What they do
not do is what we promise the employee: limits per stream (first token with the retries included,
idle gap, whole answer) and retries only before the first token. So every client is built with its
own retries off and no per-read timeout, and each call is one attempt inside
`streaming.stream_with_limits`, which owns the deadlines, the backoff (honouring Retry-After) and
the final `StreamEnd`.

A provider module subclasses `SDKStreamingAdapter` and writes three things: `_make_client`, the
request (`_open`), and how the wire's events become `TextDelta`/`Progress` (`_events`).

The events are decoded from the SDK stream's public `response` by adapters/wire_events.py (server-
sent events; AWS event-stream frames on Bedrock), not through the SDK's typed iteration, which builds
a pydantic model of every chunk (about 0.3 ms of CPU each). Every client runs on the SDK's aiohttp
transport, and every answer is read to the end of its body so its connection serves the next one
(bench/adapter_overhead.py measures all three).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import AsyncIterator
from types import ModuleType
from typing import Any

from adapters.base import ChatMessage, StreamEvent, StreamLimits
from adapters.failures import translate
from adapters.streaming import AttemptEvent, stream_with_limits
from adapters.wire_events import WireEvent, sse_events

DRAIN_S = 0.1  # how long to wait for the end of the body after the end marker (the openai SDK waits as long)


async def drain(wire: AsyncIterator[Any], seconds: float = DRAIN_S) -> None:
    """Read what follows the end marker ([DONE], message_stop): the end of the HTTP/1.1 body.

    Only a response read to its end gives its connection back to the client's pool; one closed
    before the last (chunked) bytes arrive closes the connection, and the next answer pays a new
    TCP (and, in production, TLS) handshake. The bytes follow the end marker at once, so the wait
    is bounded and short; a server that keeps the body open costs `seconds` and one connection.
    """
    with contextlib.suppress(Exception):  # the answer is whole: nothing here may turn it into an error
        async with asyncio.timeout(seconds):
            async for _ in wire:
                pass


def aiohttp_client(sdk: ModuleType) -> Any:
    """The SDK's own HTTP client on aiohttp (`openai.DefaultAioHttpClient`, `anthropic.DefaultAioHttpClient`).

    Same SDK, same requests, same errors; only the transport under httpx changes. The default one
    (httpcore + h11 on anyio) spent about 1.6 times the CPU per streamed chunk, and on every request
    polled each idle pooled connection's socket: 7.2 ms of CPU per answer at 50 streams against
    4.2 ms on aiohttp, in the same run (the fake model of bench/adapter_overhead.py).
    HTTPS_PROXY / NO_PROXY and SSL_CERT_FILE are still honoured: httpx reads them and mounts an
    aiohttp transport per proxy.
    """
    return sdk.DefaultAioHttpClient()


class SDKStreamingAdapter:
    name: str
    auth_message: str | None = None  # the Japanese sentence for 401/403; None: the generic one

    def __init__(
        self,
        *,
        model: str,
        secrets: tuple[str | None, ...] = (),
        temperature: float | None = None,
        client: Any = None,
        rng: random.Random | None = None,
    ) -> None:
        self.model = model
        self.temperature = temperature
        self._secrets = secrets
        self._client = client
        self._owns_client = client is None
        self._rng = rng

    # -- to write per provider --------------------------------------------------------------
    def _make_client(self) -> Any:
        raise NotImplementedError

    def _where(self) -> str:
        """Where requests go, for repr and the operator's log (never a key)."""
        return ""

    async def _open(self, request: dict[str, Any]) -> Any:
        """Send one request; return the SDK's async stream."""
        raise NotImplementedError

    def _wire(self, response: Any) -> AsyncIterator[WireEvent]:
        """The decoded events of the SDK stream's (public) httpx response: server-sent events here."""
        return sse_events(response)

    def _events(self, wire: AsyncIterator[WireEvent]) -> AsyncIterator[AttemptEvent]:
        """Our events from the wire's events; return after the provider's end marker."""
        raise NotImplementedError

    def request(self, messages: list[ChatMessage], limits: StreamLimits) -> dict[str, Any]:
        raise NotImplementedError

    # -- shared -----------------------------------------------------------------------------
    def __repr__(self) -> str:  # never the key
        return f"{type(self).__name__}(model={self.model!r}, where={self._where()!r})"

    def client(self) -> Any:
        if self._client is None:
            self._client = self._make_client()
        return self._client

    def stream(self, messages: list[ChatMessage], *, limits: StreamLimits) -> AsyncIterator[StreamEvent]:
        request = self.request(messages, limits)
        return stream_with_limits(
            lambda: self._attempt(request), configured_model=self.model, limits=limits, rng=self._rng
        )

    def _translate(self, exc: BaseException, *, started: bool) -> BaseException:
        error = translate(exc, model=self.model, secrets=self._secrets, started=started, auth_message=self.auth_message)
        return error if error is not None else exc

    async def _attempt(self, request: dict[str, Any]) -> AsyncIterator[AttemptEvent]:
        try:
            stream = await self._open(request)
        except Exception as exc:
            raise self._translate(exc, started=False) from None
        try:
            wire = self._wire(stream.response)
            async for event in self._events(wire):
                yield event
            await drain(wire)
        except Exception as exc:
            raise self._translate(exc, started=True) from None
        finally:
            await stream.close()  # on success, failure, a limit, or the caller walking away

    async def aclose(self) -> None:
        if self._client is not None and self._owns_client:
            await self._client.close()
        self._client = None
