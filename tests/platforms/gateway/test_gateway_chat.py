"""The OpenAI-compatible endpoint driven by the official `openai` SDK: answers, streamed and not.

What the model received (the recording fake) holds only masked text; the answer carries the same
footer as Slack's (事実確認 reminder, provenance, policy, what was masked); the request is audited
with platform `gateway` and counted in the weekly digest.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from urllib.parse import unquote

from bot.conversation.composer import compose_footer
from bot.digest.query import weekly_figures
from bot.digest.week import IsoWeek
from bot.gate.types import Request
from bot.platforms.gateway.render import RULE
from tests.fakes.llm_server import Reply
from tests.platforms.gateway.conftest import ANSWER, IWAMIZAWA_KEY, NO_FOOTER_KEY, Gateway

WITH_NAME = "山田太郎さん（電話 090-1234-5678）への案内文を書いてください。"
RAW = ("山田", "太郎", "090-1234-5678", "1234-5678")


def assert_nothing_raw(*texts: str) -> None:
    for text in texts:
        for raw in RAW:
            assert raw not in text, raw


async def test_a_question_is_masked_answered_and_recorded(gateway: Gateway, gate, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    client = gateway.client()
    raw = await client.chat.completions.with_raw_response.create(
        model="aigate", messages=[{"role": "user", "content": WITH_NAME}]
    )
    reply = raw.parse()
    await client.close()
    await gateway.settle()

    choice = reply.choices[0]
    assert choice.finish_reason == "stop" and choice.message.role == "assistant"
    content = choice.message.content
    answer, _, footer = content.partition("\n\n" + RULE + "\n")
    assert answer == ANSWER
    policy = gate.policies.get("iwamizawa")
    decision = gate.check(Request(text=WITH_NAME, city="iwamizawa"))
    assert footer.splitlines() == compose_footer(policy, decision, model="gpt-test").lines()
    assert "送信前に伏せた情報: 氏名1件・電話番号1件" in footer and policy.texts.reminder_article in footer
    assert raw.headers["X-Aigate-Action"] == "allow" and raw.headers["X-Aigate-Outcome"] == "answered"
    chunks = len(Reply.text(ANSWER).chunks)  # the fake model reports one token per chunk
    assert reply.usage is not None and reply.usage.completion_tokens == chunks

    question = gateway.llm.bodies()[0]["messages"][-1]["content"]
    assert question == "【氏名1】さん（電話 【電話番号1】）への案内文を書いてください。"
    rows = await gateway.audit()
    assert len(rows) == 1
    action, user, department, platform, channel, _masked, _redacted, model, tokens_in, tokens_out = rows[0]
    assert (action, user, department, platform, channel) == (
        "allow",
        "gateway:dify-soumu",
        "総務課",
        "gateway",
        "gateway",
    )
    assert (model, tokens_out) == ("gpt-test", chunks) and tokens_in == reply.usage.prompt_tokens
    assert_nothing_raw(gateway.model_saw(), await gateway.database_dump(), caplog.text)
    assert IWAMIZAWA_KEY not in caplog.text

    figures = await weekly_figures(gateway.records.db, IsoWeek.containing(datetime.now(UTC)), {})
    assert figures.departments["総務課"].requests == 1
    assert figures.city.masked_by_type == {"PERSON": 1, "PHONE_NUMBER": 1}


async def test_a_streamed_answer_arrives_in_chunks_with_its_footer_and_usage(gateway: Gateway, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    gateway.llm.enqueue(Reply.text("一文目です。\n二文目です。\n三文目です。", chunk_size=3))
    client = gateway.client()
    stream = await client.chat.completions.create(
        model="aigate",
        messages=[{"role": "user", "content": WITH_NAME}],
        stream=True,
        stream_options={"include_usage": True},
    )
    pieces: list[str] = []
    finish = None
    usage = None
    async for chunk in stream:
        if chunk.usage is not None:
            usage = chunk.usage
        for choice in chunk.choices:
            if choice.delta.content:
                pieces.append(choice.delta.content)
            finish = choice.finish_reason or finish
    await client.close()
    await gateway.settle()

    text = "".join(pieces)
    assert text.startswith("一文目です。\n二文目です。\n三文目です。\n\n" + RULE)
    assert "事実" in text and "この回答は【gpt-test】により作成されました。" in text
    assert finish == "stop" and usage is not None and usage.total_tokens > 0
    assert len(pieces) >= 2  # the answer, then the footer (the output check releases whole sentences)
    assert "【氏名1】" in gateway.model_saw()
    assert_nothing_raw(gateway.model_saw(), await gateway.database_dump(), caplog.text)


async def test_every_message_of_the_conversation_goes_through_the_gate_with_one_book(gateway: Gateway) -> None:
    client = gateway.client()
    earlier_answer = "案内文の案です。\n\n" + RULE + "\n⚠️ 事実確認のお願い\nこの回答は【gpt-test】により作成"
    await client.chat.completions.create(
        model="aigate",
        messages=[
            {"role": "system", "content": "あなたは山田太郎さん専属の秘書です。"},
            {"role": "user", "content": "佐藤花子さんの電話は 03-1234-5678 です。"},
            {"role": "assistant", "content": earlier_answer},
            {"role": "user", "content": [{"type": "text", "text": "山田太郎さんと佐藤花子さんへの案内文を書いて"}]},
        ],
    )
    await client.close()
    sent = gateway.llm.bodies()[0]["messages"]
    whole = gateway.model_saw()
    for raw in ("山田", "佐藤", "03-1234-5678"):
        assert raw not in whole
    # One book for the request: the same person has the same placeholder in every message.
    assert "【氏名1】さん専属の秘書" in whole and "【氏名2】さんの電話は 【電話番号1】" in whole
    assert sent[-1] == {"role": "user", "content": "【氏名1】さんと【氏名2】さんへの案内文を書いて"}
    # The footer the gateway appended to the earlier answer is not sent back to the model.
    assert {"role": "assistant", "content": "案内文の案です。"} in sent and "事実確認" not in whole


async def test_a_key_without_footer_gets_the_footer_in_a_header(gateway: Gateway, gate) -> None:
    client = gateway.client(NO_FOOTER_KEY)
    raw = await client.chat.completions.with_raw_response.create(
        model="aigate", messages=[{"role": "user", "content": WITH_NAME}]
    )
    reply = raw.parse()
    assert reply.choices[0].message.content == ANSWER
    notice = unquote(raw.headers["X-Aigate-Notice"])
    policy = gate.policies.get("iwamizawa")
    assert policy.texts.reminder in notice and "送信前に伏せた情報: 氏名1件・電話番号1件" in notice

    stream = await client.chat.completions.create(
        model="aigate", messages=[{"role": "user", "content": WITH_NAME}], stream=True
    )
    text, extra = "", None
    async for chunk in stream:
        for choice in chunk.choices:
            text += choice.delta.content or ""
            if choice.finish_reason:
                extra = (chunk.model_extra or {}).get("aigate_notice")
    await client.close()
    assert text == ANSWER
    assert extra is not None and any(policy.texts.reminder in line for line in extra)


async def test_personal_data_the_model_writes_is_masked_before_the_client_sees_it(gateway: Gateway) -> None:
    invented = "担当は鈴木一郎さん（電話 090-9876-5432）です。\nよろしくお願いします。"
    gateway.llm.enqueue(Reply.text(invented), Reply.text(invented, chunk_size=2))
    client = gateway.client()
    whole = await client.chat.completions.create(model="aigate", messages=[{"role": "user", "content": "案内文を"}])
    stream = await client.chat.completions.create(
        model="aigate", messages=[{"role": "user", "content": "案内文を"}], stream=True
    )
    streamed = "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])
    await client.close()
    for content in (whole.choices[0].message.content, streamed):
        assert "090-9876-5432" not in content and "鈴木" not in content
        assert "【電話番号" in content and "🔒 回答に個人情報とみられる記載" in content


async def test_models_lists_the_alias_and_the_adapters_model(gateway: Gateway) -> None:
    client = gateway.client()
    models = await client.models.list()
    await client.close()
    assert [m.id for m in models.data] == ["aigate", "gpt-test"]


async def test_an_answer_cut_by_the_model_says_so(gateway: Gateway) -> None:
    long = "".join(f"{i}文目です。\n" for i in range(30))
    gateway.llm.enqueue(Reply.text(long, chunk_size=4, close_after=5, chunk_delay=0.01))
    client = gateway.client()
    stream = await client.chat.completions.create(
        model="aigate", messages=[{"role": "user", "content": "要約して"}], stream=True
    )
    text = "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])
    await client.close()
    assert text.startswith("0文目です。\n1文目です。\n") and "✂️ この回答は途中までです" in text
    assert "20文目" not in text


async def test_a_client_hanging_up_mid_stream_still_completes_the_record(gateway: Gateway, caplog) -> None:
    caplog.set_level(logging.INFO)
    long = "".join(f"{i}文目です。\n" for i in range(20))
    gateway.llm.enqueue(Reply.text(long, chunk_size=6, chunk_delay=0.02))
    client = gateway.client()
    stream = await client.chat.completions.create(
        model="aigate", messages=[{"role": "user", "content": WITH_NAME}], stream=True
    )
    async for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            break
    await stream.close()
    await client.close()
    await gateway.settle()
    rows = await gateway.audit()
    assert len(rows) == 1 and rows[0][7] == "gpt-test"  # the answer's figures were written
    assert "Traceback" not in caplog.text
    assert_nothing_raw(caplog.text)
