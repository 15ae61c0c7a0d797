"""The fake servers speak the real protocols: the official SDKs read their streams.

If these pass, a test that passes against the fake says something about the real services too.
The adapters read the SDKs' decoded events rather than their typed chunks (adapters/sdk_stream.py),
so here the SDKs' own typed reading checks the fakes' frames: every field the SDK models expect.
"""

from __future__ import annotations

import anthropic
import openai
import pytest

from tests.fakes.llm_server import Reply


async def test_openai_sdk_reads_the_fake_openai_stream(fake_openai):
    fake_openai.enqueue(
        Reply(chunks=("公開", "できる", "文章です。"), model="gpt-fake-1", input_tokens=5, output_tokens=3)
    )
    client = openai.AsyncOpenAI(base_url=fake_openai.base_url, api_key="sk-conformance", max_retries=0)
    try:
        stream = await client.chat.completions.create(
            model="gpt-fake",
            messages=[{"role": "user", "content": "こんにちは"}],
            stream=True,
            stream_options={"include_usage": True},
        )
        text, usage, finish, models = "", None, None, set()
        async for chunk in stream:
            models.add(chunk.model)
            if chunk.usage:
                usage = chunk.usage
            for choice in chunk.choices:
                text += choice.delta.content or ""
                finish = choice.finish_reason or finish
    finally:
        await client.close()
    assert text == "公開できる文章です。"
    assert finish == "stop"
    assert models == {"gpt-fake-1"}
    assert (usage.prompt_tokens, usage.completion_tokens) == (5, 3)


async def test_anthropic_sdk_reads_the_fake_anthropic_stream(fake_anthropic):
    fake_anthropic.enqueue(Reply(chunks=("承知", "しました。"), model="claude-fake-1", input_tokens=8, output_tokens=2))
    client = anthropic.AsyncAnthropic(base_url=fake_anthropic.base_url, api_key="sk-ant-conformance", max_retries=0)
    try:
        async with client.messages.stream(
            model="claude-fake", max_tokens=100, messages=[{"role": "user", "content": "こんにちは"}]
        ) as stream:
            text = "".join([t async for t in stream.text_stream])
            final = await stream.get_final_message()
    finally:
        await client.close()
    assert text == "承知しました。"
    assert final.model == "claude-fake-1"
    assert final.stop_reason == "end_turn"
    assert (final.usage.input_tokens, final.usage.output_tokens) == (8, 2)


async def test_openai_sdk_sees_the_fake_429_as_a_rate_limit(fake_openai):
    fake_openai.enqueue(Reply.status_code(429, retry_after=3))
    client = openai.AsyncOpenAI(base_url=fake_openai.base_url, api_key="sk-conformance", max_retries=0)
    try:
        with pytest.raises(openai.RateLimitError) as info:
            await client.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}], stream=True)
    finally:
        await client.close()
    assert info.value.response.headers["retry-after"] == "3"


async def test_anthropic_bedrock_sdk_reads_the_fake_event_stream(fake_aws):
    from anthropic import AsyncAnthropicBedrock

    from tests.fakes.llm_server import FakeLLMServer

    async with FakeLLMServer("bedrock") as server:
        server.enqueue(Reply(chunks=("東京", "リージョン"), input_tokens=4, output_tokens=2))
        client = AsyncAnthropicBedrock(aws_region="ap-northeast-1", base_url=server.base_url, max_retries=0)
        try:
            async with client.messages.stream(
                model="jp.anthropic.claude-fake-v1:0", max_tokens=50, messages=[{"role": "user", "content": "x"}]
            ) as stream:
                text = "".join([t async for t in stream.text_stream])
                final = await stream.get_final_message()
        finally:
            await client.close()
    assert text == "東京リージョン"
    assert final.stop_reason == "end_turn" and (final.usage.input_tokens, final.usage.output_tokens) == (4, 2)


async def test_anthropic_vertex_sdk_reads_the_fake_stream():
    from anthropic import AsyncAnthropicVertex

    from tests.fakes.llm_server import FakeLLMServer

    async with FakeLLMServer("vertex") as server:
        client = AsyncAnthropicVertex(
            region="asia-northeast1", project_id="p", access_token="ya29.x", base_url=server.base_url, max_retries=0
        )
        try:
            async with client.messages.stream(
                model="claude-fake@1", max_tokens=50, messages=[{"role": "user", "content": "x"}]
            ) as stream:
                final = await stream.get_final_message()
        finally:
            await client.close()
    assert final.content[0].text == "こんにちは。ご質問の件について回答します。"


async def test_azure_sdk_reads_the_fake_deployment_stream():
    from tests.fakes.llm_server import FakeLLMServer

    async with FakeLLMServer("azure") as server:
        client = openai.AsyncAzureOpenAI(
            azure_endpoint=server.base_url, api_version="2024-10-21", api_key="k", max_retries=0
        )
        try:
            stream = await client.chat.completions.create(
                model="dep", messages=[{"role": "user", "content": "x"}], stream=True
            )
            chunks = [chunk async for chunk in stream]
        finally:
            await client.close()
    assert chunks[0].choices == [] and chunks[0].model_extra["prompt_filter_results"]  # Azure's first chunk
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == (
        "こんにちは。ご質問の件について回答します。"
    )
