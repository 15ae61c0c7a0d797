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

from adapters.base import ChatMessage, StreamLimits, TextDelta
from adapters.env import Reader, env_value, require, temperature, url_value
from adapters.failures import error_in_stream
from adapters.sdk_stream import SDKStreamingAdapter
from adapters.streaming import AttemptEvent, Progress

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
            # The SDK no longer lists sampling settings; the API still reads `temperature` in the body
            # for the models that take it (a model that refuses it answers 400, which `doctor` shows).
            body["extra_body"] = {"temperature": self.temperature}
        return body

    def request_body(self, messages: list[ChatMessage], limits: StreamLimits | None = None) -> dict[str, Any]:
        """The JSON body the server receives (`extra_body` merged in, as the SDK does)."""
        request = self.request(messages, limits or StreamLimits())
        return {**request, **request.pop("extra_body", {})}

    async def _open(self, request: dict[str, Any]) -> Any:
        return await self.client().messages.create(**request)

    async def _events(self, stream: Any) -> AsyncIterator[AttemptEvent]:
        async for event in stream:
            kind = event.type
            if kind == "message_start":
                message = event.message
                usage = message.usage
                yield Progress(model=message.model or None, input_tokens=usage.input_tokens if usage else None)
            elif kind == "content_block_delta":
                delta = event.delta
                if delta.type == "text_delta" and delta.text:
                    yield TextDelta(delta.text)
            elif kind == "message_delta":
                stop = event.delta.stop_reason
                usage = event.usage
                yield Progress(
                    finish_reason=STOP_REASONS.get(stop, stop) if stop else None,
                    input_tokens=getattr(usage, "input_tokens", None) if usage else None,
                    output_tokens=getattr(usage, "output_tokens", None) if usage else None,
                )
            elif kind == "message_stop":
                yield Progress(done=True)
                return
            elif kind == "error":  # an SDK that passes the event through instead of raising
                raise error_in_stream(getattr(event, "error", None), self._secrets)


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
            api_key=self._api_key or "no-key", base_url=self.base_url, max_retries=0, timeout=None
        )

    async def _open(self, request: dict[str, Any]) -> Any:
        extra = {} if self._api_key else {"extra_headers": {"Authorization": anthropic.omit}}
        return await self.client().messages.create(**request, **extra)


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
