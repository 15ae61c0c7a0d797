"""Fake model servers for the adapter tests: real aiohttp servers on 127.0.0.1, port 0, one per wire
protocol, each driven through the real SDK client (openai / anthropic) with its base URL pointed at it."""

from __future__ import annotations

import random

import pytest

from adapters.anthropic_messages import AnthropicMessagesAdapter
from adapters.azure_openai import AzureOpenAIAdapter
from adapters.base import RetryPolicy, StreamLimits
from adapters.bedrock import BedrockAdapter
from adapters.openai_chat import OpenAIChatAdapter
from adapters.vertex import VertexAdapter
from tests.fakes.llm_server import FAKE_ANTHROPIC_KEY, FAKE_OPENAI_KEY, FakeLLMServer

FAKE_AZURE_KEY = "azure-test-key-0123456789abcdef"
FAKE_AWS_ACCESS_KEY = "AKIAFAKETEST0123456"
FAKE_AWS_SECRET = "aws-secret-test-0123456789abcdefghijklmn"
FAKE_GOOGLE_TOKEN = "ya29.fake-google-token-0123456789"
AZURE_API_VERSION = "2024-10-21"
# The secret each provider must never let out, by adapter name.
SECRET_OF = {
    "openai": FAKE_OPENAI_KEY,
    "azure": FAKE_AZURE_KEY,
    "anthropic": FAKE_ANTHROPIC_KEY,
    "bedrock": FAKE_AWS_SECRET,
    "vertex": FAKE_GOOGLE_TOKEN,
}
NETWORK_PROVIDERS = ("openai", "azure", "anthropic", "bedrock", "vertex")


@pytest.fixture
def fake_aws(monkeypatch):
    """AWS credentials through the environment, as the credential chain reads them; nothing else of AWS."""
    for name in ("AWS_PROFILE", "AWS_BEARER_TOKEN_BEDROCK", "AWS_SESSION_TOKEN", "ANTHROPIC_BEDROCK_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", FAKE_AWS_ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", FAKE_AWS_SECRET)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent/aws-config")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture
async def fake_openai():
    async with FakeLLMServer("openai") as server:
        yield server


@pytest.fixture
async def fake_anthropic():
    async with FakeLLMServer("anthropic") as server:
        yield server


@pytest.fixture
def fast_limits() -> StreamLimits:
    """Limits short enough for tests, retries with tiny backoff so a test takes milliseconds."""
    return StreamLimits(
        first_token_s=3.0,
        idle_s=1.0,
        total_s=5.0,
        retry=RetryPolicy(max_attempts=3, base_delay_s=0.01, max_delay_s=0.05),
    )


def make_adapter(dialect: str, base_url: str):
    """The adapter of `dialect`, configured as a city would, pointed at a fake server."""
    rng = random.Random(0)
    if dialect == "openai":
        return OpenAIChatAdapter(model="gpt-test", base_url=base_url, api_key=FAKE_OPENAI_KEY, rng=rng)
    if dialect == "azure":
        return AzureOpenAIAdapter(
            deployment="gpt-test", endpoint=base_url, api_version=AZURE_API_VERSION, api_key=FAKE_AZURE_KEY, rng=rng
        )
    if dialect == "anthropic":
        return AnthropicMessagesAdapter(model="claude-test", base_url=base_url, api_key=FAKE_ANTHROPIC_KEY, rng=rng)
    if dialect == "bedrock":
        return BedrockAdapter(
            model="jp.anthropic.claude-test-v1:0",
            region="ap-northeast-1",
            base_url=base_url,
            secrets=(FAKE_AWS_SECRET,),
            rng=rng,
        )
    if dialect == "vertex":
        return VertexAdapter(
            model="claude-test@20260101",
            region="asia-northeast1",
            project_id="city-test",
            base_url=base_url,
            access_token=FAKE_GOOGLE_TOKEN,
            rng=rng,
        )
    raise ValueError(dialect)


@pytest.fixture
async def openai_adapter(fake_openai):
    adapter = make_adapter("openai", fake_openai.base_url)
    yield adapter
    await adapter.aclose()


@pytest.fixture
async def anthropic_adapter(fake_anthropic):
    adapter = make_adapter("anthropic", fake_anthropic.base_url)
    yield adapter
    await adapter.aclose()


@pytest.fixture(params=NETWORK_PROVIDERS)
async def provider(request, fake_aws):
    """(fake server, adapter) for each provider, for behaviour all must share (limits, retries, errors)."""
    async with FakeLLMServer(request.param) as server:
        adapter = make_adapter(request.param, server.base_url)
        try:
            yield server, adapter
        finally:
            await adapter.aclose()
