"""The part every SDK-based adapter shares: one SDK client, one attempt, our limits around it.

The official clients (`openai`, `anthropic`) do the HTTP, the authentication (API key, Entra ID
token, SigV4 for Bedrock, Google OAuth for Vertex) and the wire format (server-sent events, AWS
event-stream frames). What they do not do is what we promise the employee: limits per stream
(first token with the retries included, idle gap, whole answer) and retries only before the first
token. So every client is built with its own retries off and no per-read timeout, and each call is
one attempt inside `streaming.stream_with_limits`, which owns the deadlines, the backoff (honouring
Retry-After) and the final `StreamEnd`.

A provider module subclasses `SDKStreamingAdapter` and writes three things: `_make_client`, the
request (`_open`), and how the SDK's events become `TextDelta`/`Progress` (`_events`).

The events are read with `raw_events`: the SDK's own decoding of the wire (server-sent events, or
AWS event-stream frames on Bedrock), before it builds a pydantic model of every chunk. Those models
cost about 0.3 ms of CPU per chunk — 10 ms per answer of 30 chunks, more with 50 answers streaming
at once — for fields we read three of (bench/adapter_overhead.py measures it).
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from typing import Any

from adapters.base import ChatMessage, StreamEvent, StreamLimits
from adapters.failures import translate
from adapters.streaming import AttemptEvent, stream_with_limits


def raw_events(stream: Any) -> AsyncIterator[Any]:
    """The SDK's decoded events (`ServerSentEvent`: `.event`, `.data`, `.json()`) of an `AsyncStream`.

    Both SDKs' AsyncStream read their response through `_iter_events()` with the client's decoder
    (AWSEventStreamDecoder for Bedrock, SSEDecoder otherwise); the stream still owns the response
    and `stream.close()` still releases it.
    """
    return stream._iter_events()


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

    def _events(self, stream: Any) -> AsyncIterator[AttemptEvent]:
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
            async for event in self._events(stream):
                yield event
        except Exception as exc:
            raise self._translate(exc, started=True) from None
        finally:
            await stream.close()  # on success, failure, a limit, or the caller walking away

    async def aclose(self) -> None:
        if self._client is not None and self._owns_client:
            await self._client.close()
        self._client = None
