"""Refusals before anything is stored or sent: 401, 429, 413, 400, and a failing model (502).

Each is in OpenAI's error shape with a Japanese message, which the `openai` SDK raises as its
own exception types; the key never appears in the logs.
"""

from __future__ import annotations

import logging

import openai
import pytest

from bot.platforms.gateway.protocol import MAX_MESSAGES, MAX_TOTAL_CHARS
from tests.fakes.llm_server import Reply
from tests.platforms.gateway.conftest import IWAMIZAWA_KEY, NIIZA_KEY, Gateway, StartGateway

QUESTION = [{"role": "user", "content": "山田太郎さんへの案内文を書いてください。"}]


@pytest.mark.parametrize("key", ["sk-unknown-0123456789abcdef0123", IWAMIZAWA_KEY + "x"])
async def test_an_unknown_key_is_refused_and_nothing_is_stored(gateway: Gateway, key: str, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    client = gateway.client(key)
    with pytest.raises(openai.AuthenticationError) as refused:
        await client.chat.completions.create(model="aigate", messages=QUESTION)
    with pytest.raises(openai.AuthenticationError):
        await client.chat.completions.create(model="aigate", messages=QUESTION, stream=True)
    with pytest.raises(openai.AuthenticationError):
        await client.models.list()
    await client.close()
    assert "APIキー" in refused.value.message and refused.value.body["code"] == "invalid_api_key"
    status, _headers, body = await gateway.post(
        "/v1/chat/completions", {"model": "aigate", "messages": QUESTION}, key=None
    )
    assert status == 401 and body["error"]["type"] == "authentication_error"
    assert gateway.llm.requests == [] and await gateway.database_dump() == ""
    assert key not in caplog.text and "山田" not in caplog.text


async def test_a_key_over_its_rate_gets_429_with_retry_after(start_gateway: StartGateway, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    gateway = await start_gateway(rate_per_minute=2)
    client = gateway.client()
    for _ in range(2):
        await client.chat.completions.create(model="aigate", messages=QUESTION)
    with pytest.raises(openai.RateLimitError) as refused:
        await client.chat.completions.create(model="aigate", messages=QUESTION)
    assert 1 <= int(refused.value.response.headers["Retry-After"]) <= 60
    assert "1分あたり2回" in refused.value.message
    other = gateway.client(NIIZA_KEY)  # another key has its own count
    await other.chat.completions.create(model="aigate", messages=[{"role": "user", "content": "議事録を要約して"}])
    await client.close()
    await other.close()
    await gateway.settle()
    assert len(gateway.llm.requests) == 3 and len(await gateway.audit()) == 3
    assert IWAMIZAWA_KEY not in caplog.text and NIIZA_KEY not in caplog.text


async def test_limits_are_clear_413_and_400(start_gateway: StartGateway) -> None:
    gateway = await start_gateway(max_body_bytes=4096)
    client = gateway.client()
    with pytest.raises(openai.APIStatusError) as too_large:
        await client.chat.completions.create(model="aigate", messages=[{"role": "user", "content": "あ" * 3000}])
    assert too_large.value.status_code == 413 and "大きすぎます" in too_large.value.message
    await client.close()

    gateway = await start_gateway()
    client = gateway.client()
    many = [{"role": "user", "content": "はい"}] * (MAX_MESSAGES + 1)
    with pytest.raises(openai.BadRequestError) as too_many:
        await client.chat.completions.create(model="aigate", messages=many)
    assert "メッセージが多すぎます" in too_many.value.message
    long = [{"role": "user", "content": "あ" * 15_000}] * (MAX_TOTAL_CHARS // 15_000 + 1)
    with pytest.raises(openai.BadRequestError) as too_long:
        await client.chat.completions.create(model="aigate", messages=long)
    assert "合計が長すぎます" in too_long.value.message and too_long.value.body["code"] == "context_length_exceeded"
    image = [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "data:image/png;base64,AA"}}]}]
    with pytest.raises(openai.BadRequestError) as not_text:
        await client.chat.completions.create(model="aigate", messages=image)
    assert "文字（text）だけ" in not_text.value.message
    with pytest.raises(openai.BadRequestError) as last_not_user:
        await client.chat.completions.create(model="aigate", messages=[{"role": "assistant", "content": "はい"}])
    assert "最後のメッセージ" in last_not_user.value.message
    await client.close()
    status, _headers, body = await gateway.post("/v1/chat/completions", None, raw=b"{not json")
    assert status == 400 and "JSON" in body["error"]["message"]
    assert gateway.llm.requests == [] and await gateway.database_dump() == ""


@pytest.mark.parametrize("stream", [False, True])
async def test_a_failing_model_is_a_502_in_japanese(gateway: Gateway, stream: bool) -> None:
    gateway.llm.enqueue(Reply.status_code(500))
    client = gateway.client()
    with pytest.raises(openai.APIStatusError) as failed:
        if stream:
            async for _ in await client.chat.completions.create(model="aigate", messages=QUESTION, stream=True):
                pass
        else:
            await client.chat.completions.create(model="aigate", messages=QUESTION)
    await client.close()
    assert failed.value.status_code == 502 and "生成AI" in failed.value.message
    assert "山田" not in str(gateway.llm.bodies())


async def test_records_down_sends_nothing(start_gateway: StartGateway, tmp_path) -> None:
    from bot.conversation.records import DatabaseRecords
    from bot.storage import Database

    broken = DatabaseRecords(Database(f"sqlite:///{tmp_path / 'missing' / 'none.sqlite3'}"))
    gateway = await start_gateway(database=broken)
    client = gateway.client()
    with pytest.raises(openai.APIStatusError) as refused:
        await client.chat.completions.create(model="aigate", messages=QUESTION)
    await client.close()
    await broken.close()
    assert refused.value.status_code == 503
    assert gateway.llm.requests == []
