"""One streaming POST over HTTP, read as server-sent events, with failures turned into typed errors.

Shared by the OpenAI-compatible and the Anthropic adapters. It deliberately knows nothing about
time limits or retries (adapters/streaming.py owns those): it makes exactly one request.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from adapters.errors import (
    LLMAuthError,
    LLMBadRequest,
    LLMConnectionLost,
    LLMError,
    LLMProtocolError,
    LLMRateLimited,
    LLMUnavailable,
    scrub_secrets,
)

_ERROR_BODY_LIMIT = 16_384
_TOO_LONG_MARKERS = ("context_length_exceeded", "maximum context length", "prompt is too long", "too many tokens")


@dataclass(frozen=True, slots=True)
class SSEEvent:
    event: str  # "message" when the server named none
    data: str

    def json(self) -> Any:
        try:
            return json.loads(self.data)
        except ValueError:
            raise LLMProtocolError(detail=f"invalid JSON in {self.event!r} event: {self.data[:200]!r}") from None


async def iter_sse(lines: AsyncIterator[str]) -> AsyncIterator[SSEEvent]:
    """Server-sent events per the WHATWG rules: `field: value` lines, a blank line dispatches.

    An event cut off before its blank line is not dispatched (the stream broke inside it).
    """
    event = ""
    data: list[str] = []
    async for line in lines:
        if line == "":
            if data:
                yield SSEEvent(event or "message", "\n".join(data))
            event, data = "", []
            continue
        if line.startswith(":"):
            continue  # comment / keep-alive
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            data.append(value)
        elif name == "event":
            event = value


def parse_retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait, from `retry-after-ms` (OpenAI) or `Retry-After` (seconds or an HTTP date)."""
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            return max(0.0, float(raw_ms) / 1000)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(raw).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def error_for_status(
    status: int, body: str, headers: Mapping[str, str], *, model: str, secrets: tuple[str | None, ...]
) -> LLMError:
    detail = scrub_secrets(f"HTTP {status}: {body}", secrets)
    retry_after = parse_retry_after(headers)
    if status == 429:
        return LLMRateLimited(detail=detail, status=status, retry_after=retry_after)
    if status in (408, 409) or status >= 500:  # 529: Anthropic "overloaded"
        return LLMUnavailable(detail=detail, status=status, retry_after=retry_after)
    if status in (401, 403):
        return LLMAuthError(detail=detail, status=status)
    if status == 404:
        return LLMBadRequest(
            f"設定されたモデル「{model}」が生成AIのサービスに見つかりません。"
            "管理者に LLM_MODEL の設定を確認してもらってください。",
            detail=detail,
            status=status,
        )
    lowered = body.lower()
    if status == 413 or any(marker in lowered for marker in _TOO_LONG_MARKERS):
        return LLMBadRequest(
            "送信する内容が長すぎて、生成AIが受け付けませんでした。内容を短くするか、新しいスレッドでお試しください。",
            detail=detail,
            status=status,
        )
    return LLMBadRequest(detail=detail, status=status)


async def post_sse(
    client: httpx.AsyncClient,
    url: str,
    *,
    headers: Mapping[str, str],
    body: Mapping[str, Any],
    model: str,
    secrets: tuple[str | None, ...],
) -> AsyncIterator[SSEEvent]:
    """POST `body` as JSON and yield the response's events; raise a typed `LLMError` on any failure."""
    try:
        async with client.stream("POST", url, headers=dict(headers), json=body) as response:
            if response.status_code != 200:
                raw = b""
                async for chunk in response.aiter_bytes():
                    raw += chunk
                    if len(raw) >= _ERROR_BODY_LIMIT:
                        break
                text = raw[:_ERROR_BODY_LIMIT].decode("utf-8", "replace")
                raise error_for_status(response.status_code, text, response.headers, model=model, secrets=secrets)
            content_type = response.headers.get("content-type", "")
            if "text/event-stream" not in content_type:
                raise LLMProtocolError(detail=f"expected text/event-stream, got {content_type!r}")
            async for event in iter_sse(response.aiter_lines()):
                yield event
    except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
        raise LLMUnavailable(detail=scrub_secrets(f"{type(exc).__name__}: {exc}", secrets)) from None
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.ReadTimeout) as exc:
        raise LLMConnectionLost(detail=scrub_secrets(f"{type(exc).__name__}: {exc}", secrets)) from None
    except httpx.HTTPError as exc:
        raise LLMUnavailable(detail=scrub_secrets(f"{type(exc).__name__}: {exc}", secrets)) from None


class HttpStreamingAdapter:
    """The httpx client an HTTP adapter streams through: one it owns (closed by `aclose`) or one given."""

    name: str

    def __init__(
        self,
        *,
        model: str,
        base_url: str,
        api_key: str | None = None,
        client: httpx.AsyncClient | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.model = model
        self.base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._client = client
        self._owns_client = client is None
        self._rng = rng

    def __repr__(self) -> str:  # never the key
        return f"{type(self).__name__}(model={self.model!r}, base_url={self.base_url!r})"

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            # No httpx timeouts: the deadlines of StreamLimits bound every await instead.
            self._client = httpx.AsyncClient(timeout=httpx.Timeout(None))
        return self._client

    async def aclose(self) -> None:
        if self._client is not None and self._owns_client:
            await self._client.aclose()
        self._client = None
