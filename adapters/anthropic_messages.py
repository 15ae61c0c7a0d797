"""Anthropic Messages API, streamed.

    LLM_PROVIDER=anthropic  LLM_MODEL=claude-sonnet-4-5
    ANTHROPIC_BASE_URL  default https://api.anthropic.com (a gateway or proxy in front of it works too)
    ANTHROPIC_API_KEY   required for api.anthropic.com

Plain HTTP through httpx rather than the `anthropic` SDK, for the reasons given in
adapters/openai_chat.py: our limits are per stream (first token, idle gap, whole answer) and retries
happen only before the first token, which the SDK's per-read timeouts and request-level retries do
not express; the event stream itself is a handful of JSON event types.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx

from adapters.base import ChatMessage, StreamEvent, StreamLimits, TextDelta
from adapters.errors import (
    LLMBadRequest,
    LLMConfigError,
    LLMError,
    LLMRateLimited,
    LLMUnavailable,
    scrub_secrets,
)
from adapters.http_sse import HttpStreamingAdapter, post_sse
from adapters.streaming import AttemptEvent, Progress, stream_with_limits

DEFAULT_BASE_URL = "https://api.anthropic.com"
API_VERSION = "2023-06-01"
# Anthropic's stop reasons in the OpenAI vocabulary StreamEnd uses.
STOP_REASONS = {"end_turn": "stop", "stop_sequence": "stop", "max_tokens": "length", "refusal": "content_filter"}


class AnthropicMessagesAdapter(HttpStreamingAdapter):
    name = "anthropic"

    def __init__(
        self,
        *,
        model: str,
        base_url: str = DEFAULT_BASE_URL,
        api_key: str | None = None,
        client: httpx.AsyncClient | None = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(model=model, base_url=base_url, api_key=api_key, client=client, rng=rng)

    def request_body(self, messages: list[ChatMessage], *, max_tokens: int) -> dict[str, Any]:
        """System messages go to `system`; consecutive turns of one role are joined into one turn."""
        system = "\n\n".join(m.content for m in messages if m.role == "system")
        turns: list[dict[str, str]] = []
        for m in messages:
            if m.role == "system":
                continue
            if turns and turns[-1]["role"] == m.role:
                turns[-1]["content"] += "\n\n" + m.content
            else:
                turns.append({"role": m.role, "content": m.content})
        body: dict[str, Any] = {"model": self.model, "max_tokens": max_tokens, "messages": turns, "stream": True}
        if system:
            body["system"] = system
        return body

    def stream(self, messages: list[ChatMessage], *, limits: StreamLimits) -> AsyncIterator[StreamEvent]:
        body = self.request_body(messages, max_tokens=limits.max_output_tokens)
        return stream_with_limits(
            lambda: self._attempt(body), configured_model=self.model, limits=limits, rng=self._rng
        )

    async def _attempt(self, body: dict[str, Any]) -> AsyncIterator[AttemptEvent]:
        headers = {"Accept": "text/event-stream", "anthropic-version": API_VERSION}
        if self._api_key:
            headers["x-api-key"] = self._api_key
        events = post_sse(
            self._http(),
            f"{self.base_url}/v1/messages",
            headers=headers,
            body=body,
            model=self.model,
            secrets=(self._api_key,),
        )
        async for event in events:
            if event.event == "ping":
                continue
            data = event.json()
            if not isinstance(data, dict):
                continue
            kind = data.get("type", event.event)
            if kind == "message_start":
                message = data.get("message") or {}
                usage = message.get("usage") or {}
                yield Progress(model=message.get("model") or None, input_tokens=usage.get("input_tokens"))
            elif kind == "content_block_delta":
                delta = data.get("delta") or {}
                if delta.get("type") == "text_delta" and delta.get("text"):
                    yield TextDelta(delta["text"])
            elif kind == "message_delta":
                stop = (data.get("delta") or {}).get("stop_reason")
                usage = data.get("usage") or {}
                yield Progress(
                    finish_reason=STOP_REASONS.get(stop, stop) if stop else None,
                    input_tokens=usage.get("input_tokens"),
                    output_tokens=usage.get("output_tokens"),
                )
            elif kind == "message_stop":
                yield Progress(done=True)
                return
            elif kind == "error":
                raise _stream_error(data.get("error") or {}, self._api_key)


def _stream_error(error: Any, api_key: str | None) -> LLMError:
    """An `error` event after a 200, e.g. overloaded_error in the middle of an answer."""
    detail = scrub_secrets(str(error)[:500], (api_key,))
    kind = str(error.get("type", "")) if isinstance(error, dict) else ""
    if kind == "rate_limit_error":
        return LLMRateLimited(detail=detail)
    if kind in ("invalid_request_error", "not_found_error"):
        return LLMBadRequest(detail=detail)
    return LLMUnavailable(detail=detail)


def from_env(env: Mapping[str, str]) -> AnthropicMessagesAdapter:
    from adapters.registry import env_value, require

    model = require(
        env, "LLM_MODEL", "LLM_PROVIDER=anthropic では使うモデル名（例: claude-sonnet-4-5）を指定してください。"
    )
    base_url = env_value(env, "ANTHROPIC_BASE_URL") or DEFAULT_BASE_URL
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LLMConfigError(
            f"環境変数 ANTHROPIC_BASE_URL の値「{base_url}」は URL ではありません。例: https://api.anthropic.com"
        )
    api_key = env_value(env, "ANTHROPIC_API_KEY")
    if api_key is None and parts.hostname.lower() == "api.anthropic.com":
        raise LLMConfigError(
            "環境変数 ANTHROPIC_API_KEY が設定されていません。Anthropic の API キーを設定してください。"
        )
    return AnthropicMessagesAdapter(model=model, base_url=base_url, api_key=api_key)
