"""The OpenAI-compatible endpoint driven by the official `openai` SDK: answers, streamed and not."""

from __future__ import annotations

from tests.platforms.gateway.conftest import ANSWER, Gateway

WITH_NAME = "山田太郎さん（電話 090-1234-5678）への案内文を書いてください。"


async def test_a_question_is_masked_answered_and_recorded(gateway: Gateway) -> None:
    client = gateway.client()
    reply = await client.chat.completions.create(
        model="aigate", messages=[{"role": "user", "content": WITH_NAME}]
    )
    await client.close()
    content = reply.choices[0].message.content
    print(content)
    assert content.startswith(ANSWER)
    assert "【氏名1】" in gateway.model_saw() and "山田" not in gateway.model_saw()
