"""OpenAI Chat Completions, streamed through the official `openai` SDK (`AsyncOpenAI`).

    LLM_PROVIDER=openai  LLM_MODEL=gpt-4.1-mini
    OPENAI_BASE_URL  default https://api.openai.com/v1; any OpenAI-compatible server works:
                     http://localhost:11434/v1 (Ollama), http://localhost:8000/v1 (vLLM),
                     http://localhost:1234/v1 (LM Studio), http://litellm.internal:4000 (LiteLLM)
    OPENAI_API_KEY   required for api.openai.com; a local server may need none (then none is sent)
    OPENAI_STREAM_USAGE=0  for an old server that refuses `stream_options`

Azure OpenAI has its own provider (adapters/azure_openai.py). The client is built with
`max_retries=0` and no read timeout: adapters/streaming.py owns the limits and the retries.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import openai
from openai.types.chat import ChatCompletionChunk

from adapters.base import ChatMessage, StreamLimits, TextDelta
from adapters.env import Reader, env_value, require, temperature, url_value
from adapters.failures import error_in_stream
from adapters.sdk_stream import SDKStreamingAdapter, aiohttp_client
from adapters.streaming import AttemptEvent, Progress
from adapters.wire_events import WireEvent

DEFAULT_BASE_URL = "https://api.openai.com/v1"
# Hosts that always need a key; anything else (a local Ollama, vLLM, LM Studio) may run without one.
_KEYED_HOST_SUFFIXES = ("api.openai.com", ".openai.azure.com", ".cognitiveservices.azure.com")


class OpenAIChatAdapter(SDKStreamingAdapter):
    name = "openai"

    def __init__(
        self,
        *,
        model: str,
        base_url: str = DEFAULT_BASE_URL,
        api_key: str | None = None,
        include_usage: bool = True,
        temperature: float | None = None,
        client: Any = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(model=model, secrets=(api_key,), temperature=temperature, client=client, rng=rng)
        self.base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._include_usage = include_usage

    def _where(self) -> str:
        return self.base_url

    def _make_client(self) -> openai.AsyncOpenAI:
        # A key-less local server: the SDK wants some key, and the request then omits the header.
        return openai.AsyncOpenAI(
            api_key=self._api_key or "no-key",
            base_url=self.base_url,
            max_retries=0,
            timeout=None,
            http_client=aiohttp_client(openai),
        )

    def _max_tokens_field(self) -> str:
        # OpenAI's own API renamed the field (reasoning models refuse the old one); compatible servers
        # (vLLM, Ollama, LM Studio) all read the old one.
        return "max_completion_tokens" if _needs_key(self.base_url) else "max_tokens"

    def request(self, messages: list[ChatMessage], limits: StreamLimits) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "stream": True,
        }
        if self._include_usage:
            body["stream_options"] = {"include_usage": True}
        if limits.max_output_tokens is not None:
            body[self._max_tokens_field()] = limits.max_output_tokens
        if self.temperature is not None:
            body["temperature"] = self.temperature
        return body

    def request_body(self, messages: list[ChatMessage], limits: StreamLimits | None = None) -> dict[str, Any]:
        """The JSON body the server receives (what `request` passes to the SDK)."""
        return self.request(messages, limits or StreamLimits())

    async def _open(self, request: dict[str, Any]) -> Any:
        headers = {} if self._api_key else {"Authorization": openai.omit}  # a key-less local server
        return await post_chat_completions(self.client(), request, headers)

    async def _events(self, wire: AsyncIterator[WireEvent]) -> AsyncIterator[AttemptEvent]:
        async for event in wire:
            if event.data.startswith("[DONE]"):
                yield Progress(done=True)
                return
            chunk = event.json()  # ValueError on a broken event: LLMProtocolError
            if not isinstance(chunk, dict):
                continue
            if chunk.get("error"):  # an error sent inside the stream (e.g. overloaded mid-answer)
                raise error_in_stream(chunk["error"], self._secrets)
            model = chunk.get("model")
            usage = chunk.get("usage") or {}
            yield Progress(
                model=model if isinstance(model, str) and model else None,
                input_tokens=usage.get("prompt_tokens"),
                output_tokens=usage.get("completion_tokens"),
            )
            # Azure sends a first chunk with no choices (prompt_filter_results); usage comes with none too.
            for choice in chunk.get("choices") or ():
                if choice.get("index", 0) != 0:
                    continue
                text = (choice.get("delta") or {}).get("content")
                if text:
                    yield TextDelta(text)
                if choice.get("finish_reason"):
                    yield Progress(finish_reason=choice["finish_reason"])


async def post_chat_completions(client: openai.AsyncOpenAI, body: dict[str, Any], headers: dict[str, Any]) -> Any:
    """POST the body as it is through the client's own `post` (the SDK's way to send any request).

    `chat.completions.create` would walk the body against its typed parameters first — about a
    millisecond per request for two messages — and the client still does everything that matters:
    the key or Entra ID token, Azure's /deployments/{model} path and api-version, the status errors.
    """
    return await client.post(
        "/chat/completions",
        body=body,
        cast_to=ChatCompletionChunk,
        stream=True,
        stream_cls=openai.AsyncStream[ChatCompletionChunk],
        options={"headers": headers},
    )


def _needs_key(base_url: str) -> bool:
    host = (urlsplit(base_url).hostname or "").lower()
    return any(host == s.lstrip(".") or host.endswith(s) for s in _KEYED_HOST_SUFFIXES)


def from_env(env: Mapping[str, str]) -> OpenAIChatAdapter:
    r = Reader(env)
    model = r.read(require, "LLM_MODEL", "LLM_PROVIDER=openai では使うモデル名（例: gpt-4.1-mini）を指定してください。")
    url = r.read(url_value, "OPENAI_BASE_URL", "https://api.openai.com/v1 や http://localhost:11434/v1")
    base_url = url or DEFAULT_BASE_URL
    url_refused = url is None and env_value(env, "OPENAI_BASE_URL") is not None  # already reported
    api_key = env_value(env, "OPENAI_API_KEY")
    if api_key is None and _needs_key(base_url) and not url_refused:
        r.problem(
            "環境変数 OPENAI_API_KEY が設定されていません。"
            f"{urlsplit(base_url).hostname} を使うには API キーが必要です。"
        )
    temp = r.read(temperature, maximum=2)
    r.check()
    assert model is not None
    return OpenAIChatAdapter(
        model=model, base_url=base_url, api_key=api_key, include_usage=stream_usage(env), temperature=temp
    )


def stream_usage(env: Mapping[str, str]) -> bool:
    """OPENAI_STREAM_USAGE=0 for an old server that refuses `stream_options`."""
    return (env_value(env, "OPENAI_STREAM_USAGE") or "1").lower() not in ("0", "false", "no", "off")
