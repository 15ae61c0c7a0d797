"""OpenAI Chat Completions, streamed — the API every OpenAI-compatible server speaks.

    LLM_PROVIDER=openai  LLM_MODEL=gpt-4.1-mini
    OPENAI_BASE_URL  default https://api.openai.com/v1; e.g. http://localhost:11434/v1 (Ollama),
                     http://localhost:8000/v1 (vLLM), http://localhost:1234/v1 (LM Studio),
                     https://RESOURCE.openai.azure.com/openai/v1 (Azure OpenAI, v1 API)
    OPENAI_API_KEY   required for api.openai.com and Azure; a local server may need none
    (On Azure, LLM_MODEL is the deployment name; the key is sent as a Bearer token, which the v1 API accepts.)

Why httpx and not the `openai` SDK: the limits we promise the employee are per stream — time to
the first token (retries included), idle time between chunks, the whole answer — and retries are
allowed only before the first token. The SDK's timeouts are per HTTP read and its retries wrap the
request, so we would disable both and re-implement them around it anyway; what would remain is
SSE parsing, which is twenty lines (adapters/http_sse.py). Talking HTTP directly also lets the same
code and the same fault-injection tests cover Anthropic, keeps every error typed with our Japanese
messages and scrubbed of keys, and drops a dependency whose version churn would otherwise ride
along with every city's deployment.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx

from adapters.base import ChatMessage, StreamEvent, StreamLimits, TextDelta
from adapters.errors import LLMConfigError, LLMError, LLMRateLimited, LLMUnavailable, scrub_secrets
from adapters.http_sse import HttpStreamingAdapter, post_sse
from adapters.streaming import AttemptEvent, Progress, stream_with_limits

DEFAULT_BASE_URL = "https://api.openai.com/v1"
# Hosts that always need a key; anything else (a local Ollama, vLLM, LM Studio) may run without one.
_KEYED_HOST_SUFFIXES = ("api.openai.com", ".openai.azure.com", ".cognitiveservices.azure.com")


class OpenAIChatAdapter(HttpStreamingAdapter):
    name = "openai"

    def __init__(
        self,
        *,
        model: str,
        base_url: str = DEFAULT_BASE_URL,
        api_key: str | None = None,
        include_usage: bool = True,
        client: httpx.AsyncClient | None = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(model=model, base_url=base_url, api_key=api_key, client=client, rng=rng)
        self._include_usage = include_usage

    def request_body(self, messages: list[ChatMessage]) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "stream": True,
        }
        if self._include_usage:
            body["stream_options"] = {"include_usage": True}
        return body

    def stream(self, messages: list[ChatMessage], *, limits: StreamLimits) -> AsyncIterator[StreamEvent]:
        body = self.request_body(messages)
        return stream_with_limits(
            lambda: self._attempt(body), configured_model=self.model, limits=limits, rng=self._rng
        )

    async def _attempt(self, body: dict[str, Any]) -> AsyncIterator[AttemptEvent]:
        headers = {"Accept": "text/event-stream"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        events = post_sse(
            self._http(),
            f"{self.base_url}/chat/completions",
            headers=headers,
            body=body,
            model=self.model,
            secrets=(self._api_key,),
        )
        async for event in events:
            if event.data.strip() == "[DONE]":
                yield Progress(done=True)
                return
            chunk = event.json()
            if not isinstance(chunk, dict):
                continue
            if "error" in chunk:
                raise _stream_error(chunk["error"], self._api_key)
            model = chunk.get("model")
            usage = chunk.get("usage") or {}
            yield Progress(
                model=model if isinstance(model, str) and model else None,
                input_tokens=usage.get("prompt_tokens"),
                output_tokens=usage.get("completion_tokens"),
            )
            # Azure sends a first chunk with no choices (prompt_filter_results); usage comes with none too.
            for choice in chunk.get("choices") or []:
                if choice.get("index", 0) != 0:
                    continue
                text = (choice.get("delta") or {}).get("content")
                if text:
                    yield TextDelta(text)
                if choice.get("finish_reason"):
                    yield Progress(finish_reason=choice["finish_reason"])


def _stream_error(error: Any, api_key: str | None) -> LLMError:
    """An error object sent inside the stream after a 200 (e.g. the server overloaded mid-answer)."""
    detail = scrub_secrets(str(error)[:500], (api_key,))
    kind = str(error.get("type") or error.get("code") or "") if isinstance(error, dict) else ""
    if "rate" in kind:
        return LLMRateLimited(detail=detail)
    return LLMUnavailable(detail=detail)


def _needs_key(base_url: str) -> bool:
    host = (urlsplit(base_url).hostname or "").lower()
    return any(host == s.lstrip(".") or host.endswith(s) for s in _KEYED_HOST_SUFFIXES)


def from_env(env: Mapping[str, str]) -> OpenAIChatAdapter:
    from adapters.registry import env_value, require

    model = require(env, "LLM_MODEL", "LLM_PROVIDER=openai では使うモデル名（例: gpt-4.1-mini）を指定してください。")
    base_url = env_value(env, "OPENAI_BASE_URL") or DEFAULT_BASE_URL
    if urlsplit(base_url).scheme not in ("http", "https") or not urlsplit(base_url).hostname:
        raise LLMConfigError(
            f"環境変数 OPENAI_BASE_URL の値「{base_url}」は URL ではありません。"
            "例: https://api.openai.com/v1 や http://localhost:11434/v1"
        )
    api_key = env_value(env, "OPENAI_API_KEY")
    if api_key is None and _needs_key(base_url):
        raise LLMConfigError(
            "環境変数 OPENAI_API_KEY が設定されていません。"
            f"{urlsplit(base_url).hostname} を使うには API キーが必要です。"
        )
    include_usage = (env_value(env, "OPENAI_STREAM_USAGE") or "1").lower() not in ("0", "false", "no")
    return OpenAIChatAdapter(model=model, base_url=base_url, api_key=api_key, include_usage=include_usage)
