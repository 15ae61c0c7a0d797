"""Fake model servers for the adapter tests: real aiohttp servers on 127.0.0.1, port 0."""

from __future__ import annotations

import random

import pytest

from adapters.anthropic_messages import AnthropicMessagesAdapter
from adapters.base import RetryPolicy, StreamLimits
from adapters.openai_chat import OpenAIChatAdapter
from tests.fakes.llm_server import FAKE_ANTHROPIC_KEY, FAKE_OPENAI_KEY, FakeLLMServer


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


@pytest.fixture
async def openai_adapter(fake_openai):
    adapter = OpenAIChatAdapter(
        model="gpt-test", base_url=fake_openai.base_url, api_key=FAKE_OPENAI_KEY, rng=random.Random(0)
    )
    yield adapter
    await adapter.aclose()


@pytest.fixture
async def anthropic_adapter(fake_anthropic):
    adapter = AnthropicMessagesAdapter(
        model="claude-test", base_url=fake_anthropic.base_url, api_key=FAKE_ANTHROPIC_KEY, rng=random.Random(0)
    )
    yield adapter
    await adapter.aclose()


@pytest.fixture(params=["openai", "anthropic"])
async def provider(request, fake_openai, fake_anthropic, openai_adapter, anthropic_adapter):
    """(fake server, adapter) for each provider, for behaviour both must share (limits, retries, errors)."""
    if request.param == "openai":
        return fake_openai, openai_adapter
    return fake_anthropic, anthropic_adapter
