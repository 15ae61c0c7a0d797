"""What a chat UI's resent conversation becomes for the model, through the official `openai` SDK.

The client's system prompt is a system message after the city's; a question confirmed with its
code in an earlier request goes (masked) into the context of later ones; a text the gateway has
checked before is not analysed again, yet gets its placeholders from the request's own book.
"""

from __future__ import annotations

import re

from tests.platforms.gateway.conftest import ANSWER, NIIZA_KEY, Gateway

WITH_NAME = "山田太郎さんへの督促状の文案を作ってください。"  # niiza: personal data → confirm
MASKED = "【氏名1】さんへの督促状の文案を作ってください。"


def user(text: str) -> dict[str, str]:
    return {"role": "user", "content": text}


def assistant(text: str) -> dict[str, str]:
    return {"role": "assistant", "content": text}


async def test_the_clients_system_prompt_is_a_system_message_after_the_citys(gateway: Gateway) -> None:
    client = gateway.client()
    await client.chat.completions.create(
        model="aigate",
        messages=[
            {"role": "system", "content": "あなたは山田太郎さん専属の秘書です。敬語で答えてください。"},
            user("山田太郎さんの今週の予定表を作ってください。"),
        ],
    )
    await client.close()
    sent = gateway.llm.bodies()[0]["messages"]
    assert [m["role"] for m in sent] == ["system", "system", "user"]
    assert "岩見沢市" in sent[0]["content"]  # the city's own system prompt comes first
    assert sent[1]["content"] == "あなたは【氏名1】さん専属の秘書です。敬語で答えてください。"
    assert sent[2] == user("【氏名1】さんの今週の予定表を作ってください。")
    assert "山田" not in gateway.model_saw()


async def test_a_question_confirmed_by_code_stays_in_the_later_context(gateway: Gateway) -> None:
    client = gateway.client(NIIZA_KEY)
    preview = (await client.chat.completions.create(model="aigate", messages=[user(WITH_NAME)])).choices[0]
    shown = preview.message.content
    code = re.search(r"確認コード: ([A-Z2-7]{4}-[A-Z2-7]{4})", shown).group(1)
    confirmed = [user(WITH_NAME), assistant(shown), user(code)]
    answer = (await client.chat.completions.create(model="aigate", messages=confirmed)).choices[0].message.content
    assert answer.startswith(ANSWER)

    # The chat UI resends the whole conversation with the next question.
    follow_up = [*confirmed, assistant(answer), user("もう少し短くしてください。")]
    await client.chat.completions.create(model="aigate", messages=follow_up)
    sent = gateway.llm.bodies()[-1]["messages"]
    assert [m for m in sent if m["role"] != "system"] == [
        user(MASKED),
        assistant(ANSWER),  # without the footer
        user("もう少し短くしてください。"),
    ]

    # A code that is not the one for that masked text does not bring the question in, nor does a
    # question changed after its code was shown.
    forged = [user(WITH_NAME), assistant(shown), user("ABCD-EFGH"), assistant(answer), user("もう少し短くして")]
    changed = [user("山田太郎さん（090-1111-2222）への督促状の文案を作ってください。"), *follow_up[1:]]
    for conversation in (forged, changed):
        await client.chat.completions.create(model="aigate", messages=conversation)
        kept = [m for m in gateway.llm.bodies()[-1]["messages"] if m["role"] != "system"]
        assert kept == [user(conversation[-1]["content"])]
    await client.close()
    assert "山田" not in gateway.model_saw()


async def test_a_resent_text_is_not_analysed_again_but_numbered_by_its_request(gateway: Gateway) -> None:
    client = gateway.client()
    first = [user("佐藤花子さんに会議の日程を連絡してください。")]
    await client.chat.completions.create(model="aigate", messages=first)
    hits = gateway.http.service.gate.hits
    # The same text later in another conversation: 山田 comes first there, so 佐藤 is 【氏名2】 in it.
    second = [
        user("山田太郎さんの件です。"),
        assistant("承知しました。"),
        user("佐藤花子さんに会議の日程を連絡してください。"),
    ]
    await client.chat.completions.create(model="aigate", messages=second)
    # And the whole conversation resent: every earlier message is known, the result is the same.
    third = [*second, assistant("連絡文の案です。"), user("山田太郎さんにも同じ内容で。")]
    await client.chat.completions.create(model="aigate", messages=third)
    await client.close()
    assert gateway.http.service.gate.hits >= hits + 3
    bodies = gateway.llm.bodies()
    assert bodies[0]["messages"][-1] == user("【氏名1】さんに会議の日程を連絡してください。")
    assert bodies[1]["messages"][-1] == user("【氏名2】さんに会議の日程を連絡してください。")
    assert [m for m in bodies[2]["messages"] if m["role"] != "system"] == [
        user("【氏名1】さんの件です。"),
        assistant("承知しました。"),
        user("【氏名2】さんに会議の日程を連絡してください。"),
        assistant("連絡文の案です。"),
        user("【氏名1】さんにも同じ内容で。"),
    ]
    assert "佐藤" not in gateway.model_saw() and "山田" not in gateway.model_saw()


async def test_one_pipeline_serves_every_request_and_keeps_nothing_after_it(gateway: Gateway) -> None:
    service = gateway.http.service
    pipeline = service.pipeline
    client = gateway.client()
    stream = await client.chat.completions.create(model="aigate", messages=[user("議事録を要約して")], stream=True)
    async for _ in stream:
        pass
    await client.chat.completions.create(model="aigate", messages=[user("議事録を要約して")])
    await client.close()
    await gateway.settle()
    assert service.pipeline is pipeline and pipeline.release_interval_s == 0
    assert pipeline.threads is service.memories
    assert service.memories.open_count == 0  # each request's placeholder book went with it
    assert service.records._figures == {}  # and so did its wait for the token figures
