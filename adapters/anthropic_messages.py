"""Anthropic Messages, streamed through the official `anthropic` SDK (`AsyncAnthropic`).

    LLM_PROVIDER=anthropic  LLM_MODEL=claude-sonnet-4-5
    ANTHROPIC_BASE_URL  default https://api.anthropic.com (a gateway or proxy in front of it works too)
    ANTHROPIC_API_KEY   required for api.anthropic.com; a proxy that adds the key itself may need none

The same Messages events arrive from Amazon Bedrock and Google Vertex; adapters/bedrock.py and
adapters/vertex.py reuse this reading with their own SDK clients. The client is built with
`max_retries=0` and no read timeout: adapters/streaming.py owns the limits and the retries.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import anthropic
from anthropic.types import Message, RawMessageStreamEvent

from adapters.base import ChatMessage, StreamLimits, TextDelta
from adapters.env import Reader, env_value, require, temperature, url_value
from adapters.failures import error_in_stream
from adapters.sdk_stream import SDKStreamingAdapter, aiohttp_client
from adapters.streaming import AttemptEvent, Progress
from adapters.wire_events import WireEvent

DEFAULT_BASE_URL = "https://api.anthropic.com"
DEFAULT_MAX_TOKENS = 4096  # the Messages API requires a value; LLM_MAX_TOKENS overrides it
# Anthropic's stop reasons in the OpenAI vocabulary StreamEnd uses.
STOP_REASONS = {"end_turn": "stop", "stop_sequence": "stop", "max_tokens": "length", "refusal": "content_filter"}


class ClaudeMessagesAdapter(SDKStreamingAdapter):
    """Everything the three Claude providers share: the request and the reading of the events."""

    def request(self, messages: list[ChatMessage], limits: StreamLimits) -> dict[str, Any]:
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
        body: dict[str, Any] = {
            "model": self.model,
            "max_tokens": limits.max_output_tokens or DEFAULT_MAX_TOKENS,
            "messages": turns,
            "stream": True,
        }
        if system:
            body["system"] = system
        if self.temperature is not None:
            # The SDK's `messages.create` no longer lists sampling settings; the API still reads
            # `temperature` for the models that take it (one that refuses it answers 400: see `doctor`).
            body["temperature"] = self.temperature
        return body

    def request_body(self, messages: list[ChatMessage], limits: StreamLimits | None = None) -> dict[str, Any]:
        return self.request(messages, limits or StreamLimits())

    async def _open(self, request: dict[str, Any], headers: dict[str, Any] | None = None) -> Any:
        """POST the body as it is through the client's own `post` (the SDK's way to send any request).

        The client still does what matters: the key, SigV4 signing and the /model/{id}/invoke-with-
        response-stream path on Bedrock, the OAuth token and the :streamRawPredict path on Vertex,
        the status errors, and the decoding of the answer (event-stream frames on Bedrock).
        """
        return await self.client().post(
            "/v1/messages",
            body=request,
            cast_to=Message,
            stream=True,
            stream_cls=anthropic.AsyncStream[RawMessageStreamEvent],
            options={"headers": headers or {}},
        )

    async def _events(self, wire: AsyncIterator[WireEvent]) -> AsyncIterator[AttemptEvent]:
        async for event in wire:
            if event.event == "ping" or not event.data:
                continue
            data = event.json()  # ValueError on a broken event: LLMProtocolError
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
            elif kind == "error" or event.event == "error":
                # overloaded_error mid-answer; on Bedrock an `exception` frame (throttlingException …)
                raise error_in_stream(data.get("error") or data, self._secrets)


class AnthropicMessagesAdapter(ClaudeMessagesAdapter):
    name = "anthropic"

    def __init__(
        self,
        *,
        model: str,
        base_url: str = DEFAULT_BASE_URL,
        api_key: str | None = None,
        temperature: float | None = None,
        client: Any = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(model=model, secrets=(api_key,), temperature=temperature, client=client, rng=rng)
        self.base_url = base_url.rstrip("/")
        self._api_key = api_key

    def _where(self) -> str:
        return self.base_url

    def _make_client(self) -> anthropic.AsyncAnthropic:
        # A key-less proxy: the SDK wants some key, and the request then omits the header.
        return anthropic.AsyncAnthropic(
            api_key=self._api_key or "no-key",
            base_url=self.base_url,
            max_retries=0,
            timeout=None,
            http_client=aiohttp_client(anthropic),
        )

    async def _open(self, request: dict[str, Any], headers: dict[str, Any] | None = None) -> Any:
        return await super()._open(request, {} if self._api_key else {"Authorization": anthropic.omit})


def from_env(env: Mapping[str, str]) -> AnthropicMessagesAdapter:
    r = Reader(env)
    model = r.read(
        require, "LLM_MODEL", "LLM_PROVIDER=anthropic では使うモデル名（例: claude-sonnet-4-5）を指定してください。"
    )
    base_url = r.read(url_value, "ANTHROPIC_BASE_URL", "https://api.anthropic.com") or DEFAULT_BASE_URL
    api_key = env_value(env, "ANTHROPIC_API_KEY")
    if api_key is None and (urlsplit(base_url).hostname or "").lower() == "api.anthropic.com":
        r.problem("環境変数 ANTHROPIC_API_KEY が設定されていません。Anthropic の API キーを設定してください。")
    temp = r.read(temperature, maximum=1)
    r.check()
    assert model is not None
    return AnthropicMessagesAdapter(model=model, base_url=base_url, api_key=api_key, temperature=temp)
