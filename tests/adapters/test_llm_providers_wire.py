"""What each provider's SDK puts on the wire, and what comes back, against the recording fakes.

OpenAI and Anthropic are covered in their own files; here: Azure's deployment path with api-version
and its key or Entra ID token, Bedrock's SigV4-signed invoke-with-response-stream answered in AWS
event-stream frames, Vertex's streamRawPredict with a Google access token — and for all five:
the settings (max tokens, temperature) in the request, the token counts, and a cancel.
"""

from __future__ import annotations

import asyncio
import re

import pytest
from anthropic._constants import ANTHROPIC_API_VERSION

from adapters import ChatMessage, LLMAuthError, LLMRateLimited, LLMUnavailable, StreamLimits, TextDelta, collect
from adapters.azure_openai import AzureOpenAIAdapter
from adapters.openai_chat import OpenAIChatAdapter
from tests.adapters.conftest import (
    AZURE_API_VERSION,
    FAKE_AWS_ACCESS_KEY,
    FAKE_AZURE_KEY,
    FAKE_GOOGLE_TOKEN,
    NETWORK_PROVIDERS,
    make_adapter,
)
from tests.fakes.llm_server import FakeLLMServer, Reply

ASK = [
    ChatMessage("system", "市役所の職員を手伝います。"),
    ChatMessage("user", "【氏名1】様への案内文を作ってください。"),
]
CHUNKS = ("ご案内", "いたします。", "よろしく", "お願いします。")
SIGV4 = re.compile(
    r"^AWS4-HMAC-SHA256 Credential=" + FAKE_AWS_ACCESS_KEY + r"/\d{8}/ap-northeast-1/bedrock/aws4_request, "
    r"SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$"
)


@pytest.fixture
async def azure():
    async with FakeLLMServer("azure") as server:
        yield server


async def test_azure_posts_to_the_deployment_with_api_version_and_key(azure):
    azure.enqueue(Reply(chunks=CHUNKS, model="gpt-4o-mini-2024-07-18", input_tokens=21, output_tokens=4))
    adapter = make_adapter("azure", azure.base_url)
    try:
        answer = await collect(adapter, ASK, limits=StreamLimits(max_output_tokens=500))
    finally:
        await adapter.aclose()
    request = azure.requests[0]
    assert request.path == "/openai/deployments/gpt-test/chat/completions"
    assert request.query == {"api-version": AZURE_API_VERSION}
    assert request.headers["api-key"] == FAKE_AZURE_KEY
    assert "Authorization" not in request.headers
    assert request.body["max_completion_tokens"] == 500  # the field of api-version 2024-09-01 and later
    assert request.body["messages"][1] == {"role": "user", "content": "【氏名1】様への案内文を作ってください。"}
    # Azure's first chunk (prompt_filter_results, no choices) is skipped; the answer is whole.
    assert answer.text == "".join(CHUNKS)
    assert answer.end.complete and answer.end.model == "gpt-4o-mini-2024-07-18"
    assert (answer.end.input_tokens, answer.end.output_tokens) == (21, 4)


async def test_azure_with_an_entra_id_token_provider(azure):
    calls = []

    async def token() -> str:
        calls.append(1)
        return "entra-access-token-123"

    adapter = AzureOpenAIAdapter(
        deployment="gpt-test", endpoint=azure.base_url, api_version=AZURE_API_VERSION, token_provider=token
    )
    try:
        answer = await collect(adapter, ASK, limits=StreamLimits())
    finally:
        await adapter.aclose()
    assert answer.end.complete
    assert azure.requests[0].headers["Authorization"] == "Bearer entra-access-token-123"
    assert "api-key" not in azure.requests[0].headers
    assert calls  # asked for a fresh token, as the SDK does per request


async def test_azure_unknown_deployment_names_the_setting(azure):
    azure.models = {"gpt-4o-city"}
    adapter = make_adapter("azure", azure.base_url)
    try:
        answer = await collect(adapter, ASK, limits=StreamLimits())
    finally:
        await adapter.aclose()
    assert answer.end.error.message == (
        "設定されたモデル「gpt-test」が生成AIのサービスに見つかりません。"
        "管理者に LLM_MODEL の設定を確認してもらってください。"
    )


async def test_bedrock_signs_with_sigv4_and_reads_event_stream_frames(fake_aws):
    async with FakeLLMServer("bedrock") as server:
        server.enqueue(Reply(chunks=CHUNKS, input_tokens=33, output_tokens=4))
        adapter = make_adapter("bedrock", server.base_url)
        try:
            answer = await collect(adapter, ASK, limits=StreamLimits(max_output_tokens=700))
        finally:
            await adapter.aclose()
    request = server.requests[0]
    assert request.path == "/model/jp.anthropic.claude-test-v1:0/invoke-with-response-stream"
    assert SIGV4.match(request.headers["Authorization"]), request.headers["Authorization"]
    assert re.match(r"^\d{8}T\d{6}Z$", request.headers["X-Amz-Date"])
    # The model is in the path; the body is the Messages request with Bedrock's version marker.
    assert request.body == {
        "anthropic_version": ANTHROPIC_API_VERSION,  # the SDK's own marker
        "max_tokens": 700,
        "system": "市役所の職員を手伝います。",
        "messages": [{"role": "user", "content": "【氏名1】様への案内文を作ってください。"}],
    }
    assert answer.text == "".join(CHUNKS)
    assert answer.end.complete and answer.end.model == "jp.anthropic.claude-test-v1:0"
    assert (answer.end.input_tokens, answer.end.output_tokens) == (33, 4)


async def test_bedrock_exception_frame_mid_stream_cuts_the_answer(fake_aws, fast_limits):
    async with FakeLLMServer("bedrock") as server:
        server.enqueue(Reply(chunks=CHUNKS, error_event_after=2))
        adapter = make_adapter("bedrock", server.base_url)
        try:
            answer = await collect(adapter, ASK, limits=fast_limits)
        finally:
            await adapter.aclose()
    assert answer.text == "ご案内いたします。"
    assert answer.end.partial and isinstance(answer.end.error, LLMUnavailable)
    assert "serviceUnavailableException" in answer.end.error.detail
    assert len(server.requests) == 1


async def test_bedrock_throttling_is_a_rate_limit(fake_aws, fast_limits):
    async with FakeLLMServer("bedrock") as server:
        server.enqueue(*[Reply.status_code(429, message="Too many requests, please wait")] * 3)
        adapter = make_adapter("bedrock", server.base_url)
        try:
            answer = await collect(adapter, ASK, limits=fast_limits)
        finally:
            await adapter.aclose()
    assert isinstance(answer.end.error, LLMRateLimited) and answer.end.attempts == 3


async def test_bedrock_without_aws_credentials_says_what_to_check(monkeypatch, fast_limits):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_BEARER_TOKEN_BEDROCK"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent/aws-config")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    for name in ("AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"):
        monkeypatch.delenv(name, raising=False)
    async with FakeLLMServer("bedrock") as server:
        # A fresh region: the SDK caches one boto3 session per (keys, region, profile).
        adapter = make_adapter("bedrock", server.base_url)
        adapter.region = "ap-northeast-3"
        try:
            answer = await collect(adapter, ASK, limits=fast_limits)
        finally:
            await adapter.aclose()
        assert server.requests == []  # nothing unsigned was sent
    assert isinstance(answer.end.error, LLMAuthError)
    assert answer.end.error.message.startswith("生成AI（Amazon Bedrock）の認証に失敗しました")


async def test_vertex_stream_raw_predict_with_the_access_token():
    async with FakeLLMServer("vertex") as server:
        server.enqueue(Reply(chunks=CHUNKS, input_tokens=30, output_tokens=4))
        adapter = make_adapter("vertex", server.base_url)
        try:
            answer = await collect(adapter, ASK, limits=StreamLimits())
        finally:
            await adapter.aclose()
    request = server.requests[0]
    assert request.path == (
        "/v1/projects/city-test/locations/asia-northeast1/publishers/anthropic/models/"
        "claude-test@20260101:streamRawPredict"
    )
    assert request.headers["Authorization"] == f"Bearer {FAKE_GOOGLE_TOKEN}"
    assert request.body["anthropic_version"] == ANTHROPIC_API_VERSION
    assert request.body["stream"] is True and "model" not in request.body
    assert answer.text == "".join(CHUNKS)
    assert answer.end.complete and (answer.end.input_tokens, answer.end.output_tokens) == (30, 4)


@pytest.mark.parametrize("dialect", NETWORK_PROVIDERS)
async def test_max_tokens_and_temperature_reach_every_provider(dialect, fake_aws):
    async with FakeLLMServer(dialect) as server:
        adapter = make_adapter(dialect, server.base_url)
        adapter.temperature = 0.3
        try:
            answer = await collect(adapter, ASK, limits=StreamLimits(max_output_tokens=321))
        finally:
            await adapter.aclose()
    assert answer.end.complete
    body = server.requests[0].body
    assert body["temperature"] == 0.3
    field = {"openai": "max_tokens", "azure": "max_completion_tokens"}.get(dialect, "max_tokens")
    assert body[field] == 321


async def test_openai_api_uses_the_new_max_tokens_field():
    adapter = OpenAIChatAdapter(model="gpt-4.1-mini", api_key="sk-test-0123456789")
    assert adapter.request(ASK, StreamLimits(max_output_tokens=10))["max_completion_tokens"] == 10
    assert "max_completion_tokens" not in adapter.request(ASK, StreamLimits())


@pytest.mark.parametrize("dialect", NETWORK_PROVIDERS)
async def test_cancel_closes_the_stream(dialect, fake_aws, fast_limits):
    """The employee deletes the thread while the answer streams: the task is cancelled, the connection closed."""
    async with FakeLLMServer(dialect) as server:
        server.enqueue(Reply(chunks=CHUNKS, stall_after=1))
        adapter = make_adapter(dialect, server.base_url)
        first = asyncio.Event()
        seen: list[str] = []

        async def consume() -> None:
            async for event in adapter.stream(ASK, limits=StreamLimits(idle_s=30, total_s=60)):
                if isinstance(event, TextDelta):
                    seen.append(event.text)
                    first.set()

        task = asyncio.create_task(consume())
        await asyncio.wait_for(first.wait(), 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        for _ in range(100):  # the fake notices the hang-up within its 20 ms poll
            if server.hung_up:
                break
            await asyncio.sleep(0.02)
        assert server.hung_up == 1
        assert seen == [CHUNKS[0]]
        server.enqueue(Reply(chunks=("次の質問",)))
        answer = await collect(adapter, ASK, limits=fast_limits)  # the adapter is still usable
        await adapter.aclose()
    assert answer.text == "次の質問" and answer.end.complete
