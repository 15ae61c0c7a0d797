"""Block, confirm and 利用停止 through the gateway: nothing reaches the model unless it may.

A block and a confirm preview are ordinary assistant messages (a chat UI shows them as answers).
A confirm is continued with the confirmation code shown in the preview, in a plain chat with no
buttons, also by another gateway process: the code is an HMAC over the masked text, nothing is kept.
"""

from __future__ import annotations

import logging
import re

import openai
import pytest

from bot.conversation.records import DatabaseRecords
from bot.platforms.gateway.service import CODE_MISMATCH
from bot.storage import Database
from bot.storage.suspension import Scope
from tests.platforms.gateway.conftest import ANSWER, NIIZA_KEY, Gateway, StartGateway

MY_NUMBER = "マイナンバー 123456789018 の住民への通知文を作ってください。"
ELECTION = "市長選挙で現職候補への投票を呼びかける文章を作ってください。"
WITH_NAME = "山田太郎さんへの督促状の文案を作ってください。"  # niiza: personal data → confirm


def user(text: str) -> dict[str, str]:
    return {"role": "user", "content": text}


def assistant(text: str) -> dict[str, str]:
    return {"role": "assistant", "content": text}


@pytest.mark.parametrize("stream", [False, True])
async def test_a_block_is_an_assistant_message_with_content_filter(gateway: Gateway, stream: bool, caplog) -> None:
    caplog.set_level(logging.INFO)
    client = gateway.client()
    for text in (MY_NUMBER, ELECTION):
        if stream:
            chunks = [
                c
                async for c in await client.chat.completions.create(model="aigate", messages=[user(text)], stream=True)
            ]
            content = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
            finish = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
            assert finish == ["content_filter"]
        else:
            reply = await client.chat.completions.create(model="aigate", messages=[user(text)])
            content = reply.choices[0].message.content
            assert reply.choices[0].finish_reason == "content_filter"
        assert content.startswith("🚫") and "根拠:" in content and "岩見沢市生成AI利用ガイドライン" in content
        assert "生成AIには何も送信していません" in content
    await client.close()
    assert gateway.llm.requests == []
    assert [row[0] for row in await gateway.audit()] == ["block", "block"]
    assert "123456789018" not in await gateway.database_dump() and "123456789018" not in caplog.text


async def test_a_confirm_is_sent_only_after_its_code_even_from_another_process(
    start_gateway: StartGateway, sqlite_url: str, caplog
) -> None:
    caplog.set_level(logging.INFO)
    here = await start_gateway()
    client = here.client(NIIZA_KEY)
    preview = await client.chat.completions.create(model="aigate", messages=[user(WITH_NAME)])
    shown = preview.choices[0].message.content
    assert shown.startswith("🔎") and "> 【氏名1】さんへの督促状の文案を作ってください。" in shown
    assert "山田" not in shown and "生成AIには何も送信していません" in shown
    code = re.search(r"確認コード: ([A-Z2-7]{4}-[A-Z2-7]{4})", shown).group(1)
    assert here.llm.requests == []
    await client.close()

    # The code reaches another process (its own database connection), as a plain chat UI sends it.
    other_records = DatabaseRecords(Database(sqlite_url))
    elsewhere = await start_gateway(database=other_records)
    other = elsewhere.client(NIIZA_KEY)
    conversation = [user(WITH_NAME), assistant(shown), user(f"確認コード：{code.lower()}")]
    answered = await other.chat.completions.create(model="aigate", messages=conversation)
    await other.close()
    await elsewhere.settle()
    assert answered.choices[0].message.content.startswith(ANSWER)
    sent = here.llm.bodies()[0]["messages"]
    assert sent[-1] == user("【氏名1】さんへの督促状の文案を作ってください。")
    assert "確認コード" not in here.model_saw() and "🔎" not in here.model_saw()
    assert [row[0] for row in await here.audit()] == ["confirm", "confirm"]  # the preview, then the sending
    assert "山田" not in here.model_saw() and "山田" not in await here.database_dump() and "山田" not in caplog.text
    await other_records.close()


async def test_a_code_for_another_text_or_key_sends_nothing(gateway: Gateway) -> None:
    client = gateway.client(NIIZA_KEY)
    preview = await client.chat.completions.create(model="aigate", messages=[user(WITH_NAME)])
    shown = preview.choices[0].message.content
    code = re.search(r"確認コード: (\S+)", shown).group(1)
    # The code approves a masked text: a question whose masked text differs is not sent with it.
    changed = [user("山田太郎さん（090-1111-2222）への督促状の文案を作ってください。"), assistant(shown), user(code)]
    reply = await client.chat.completions.create(model="aigate", messages=changed)
    assert reply.choices[0].message.content == CODE_MISMATCH
    # The same question and code with another key (another city, another user): not its code.
    other_key = gateway.client()
    reply = await other_key.chat.completions.create(
        model="aigate", messages=[user(WITH_NAME), assistant(shown), user(code)]
    )
    assert reply.choices[0].message.content == CODE_MISMATCH
    await client.close()
    await other_key.close()
    assert gateway.llm.requests == []
    assert [row[0] for row in await gateway.audit()] == ["confirm"]  # nothing recorded for refused codes


async def test_a_code_with_no_question_before_it_is_a_clear_400(gateway: Gateway) -> None:
    client = gateway.client(NIIZA_KEY)
    with pytest.raises(openai.BadRequestError) as refused:
        await client.chat.completions.create(model="aigate", messages=[user("確認コード: ABCD-EFGH")])
    await client.close()
    assert "確認したい質問" in refused.value.message


async def test_resending_the_masked_preview_sends_it(gateway: Gateway) -> None:
    client = gateway.client(NIIZA_KEY)
    reply = await client.chat.completions.create(
        model="aigate", messages=[user("【氏名1】さんへの督促状の文案を作ってください。")]
    )
    await client.close()
    assert reply.choices[0].message.content.startswith(ANSWER)
    assert gateway.llm.bodies()[0]["messages"][-1] == user("【氏名1】さんへの督促状の文案を作ってください。")


@pytest.mark.parametrize(
    ("scope", "target"), [(Scope.ALL, ""), (Scope.USER, "gateway:dify-soumu"), (Scope.DEPARTMENT, "総務課")]
)
async def test_a_stop_answers_with_the_suspension_message(gateway: Gateway, scope: Scope, target: str) -> None:
    await gateway.records.suspensions.stop(scope, target, "個人情報の入力が続いたため", by="U0ADMIN")
    client = gateway.client()
    raw = await client.chat.completions.with_raw_response.create(model="aigate", messages=[user("議事録を要約して")])
    reply = raw.parse()
    stream = await client.chat.completions.create(model="aigate", messages=[user("議事録を要約して")], stream=True)
    streamed = "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])
    await client.close()
    for content in (reply.choices[0].message.content, streamed):
        assert "利用停止中" in content and "個人情報の入力が続いたため" in content
    assert raw.headers["X-Aigate-Outcome"] == "suspended"
    assert gateway.llm.requests == []
