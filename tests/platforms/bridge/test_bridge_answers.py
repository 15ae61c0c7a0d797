"""A relay's message answered: the decision at once, the answer by a signed callback and by GET.

The answer carries the same words as in Slack, from the same composer: the 事実確認 reminder
with its article, the provenance note, the policy line and what was masked before sending.
"""

from __future__ import annotations

import asyncio

from bot.conversation.composer import compose_footer
from bot.platforms.bridge.delivery import ATTEMPT_HEADER, DELIVERY_HEADER
from tests.platforms.bridge.conftest import ANSWER, Bridge, encode, message

WITH_NAME = "山田太郎さん（電話 090-1234-5678）への案内文を書いてください。"
ELECTION = "市長選挙で現職候補への投票を呼びかける文章を作ってください。"


async def test_the_decision_comes_at_once_and_the_answer_by_callback(bridge: Bridge, gate) -> None:
    reply = await bridge.relay.send_message(message("m-1", WITH_NAME))

    assert reply.status == 202
    view = reply.body
    assert (view["status"], view["final"], view["reply"]) == ("answering", False, None)
    decision = view["decision"]
    assert decision["action"] == "allow"
    assert "【氏名1】" in decision["redacted_preview"] and "【電話番号1】" in decision["redacted_preview"]
    assert "山田" not in decision["redacted_preview"] and "090" not in decision["redacted_preview"]
    assert decision["masked_counts"] == {"PERSON": 1, "PHONE_NUMBER": 1}
    assert decision["masked_summary"] == "氏名1件・電話番号1件"
    assert (view["conversation_id"], view["thread_id"], view["user_id"]) == ("room-1", "m-1", "taro")

    delivered = (await bridge.receiver.wait_for(1))[0]
    assert delivered.signature_ok
    assert delivered.headers[DELIVERY_HEADER] == "logochat:m-1:answered"
    answer = delivered.body
    assert (answer["status"], answer["final"], answer["message_id"]) == ("answered", True, "m-1")
    assert answer["reply"]["kind"] == "answer"
    assert answer["reply"]["answer"] == ANSWER
    assert answer["reply"]["masked_counts"] == {"PERSON": 1, "PHONE_NUMBER": 1}

    # The same footer as Slack's, word for word, from the shared composer.
    policy = gate.policies.get("iwamizawa")
    real = gate.check(_request(WITH_NAME))
    expected = compose_footer(policy, real, model=answer["reply"]["model"]).lines()
    assert answer["reply"]["footer"] == expected
    text = answer["reply"]["text"]
    assert text.startswith(ANSWER)
    assert policy.texts.reminder in text and policy.texts.reminder_article in text
    assert policy.texts.provenance.format(model=answer["reply"]["model"]) in text
    assert "送信前に伏せた情報: 氏名1件・電話番号1件" in text

    # The model received only the redacted text.
    assert len(bridge.llm.requests) == 1
    assert bridge.llm.requests[0].body["messages"][-1]["content"] == decision["redacted_preview"]
    assert "山田" not in bridge.model_saw() and "090-1234-5678" not in bridge.model_saw()

    # GET gives the same, and the delivery is noted (once the bot has seen the relay's 2xx).
    await bridge.settle()
    fetched = await bridge.relay.get_message("m-1")
    assert fetched.status == 200
    assert fetched.body["reply"] == answer["reply"]
    assert fetched.body["delivery"] == {"attempts": 1, "delivered": True, "error": None}


def _request(text: str):
    from bot.gate.types import Request

    return Request(text=text, city="iwamizawa")


async def test_every_request_is_audited_with_redacted_text_only(bridge: Bridge) -> None:
    await bridge.relay.send_message(message("m-audit", WITH_NAME, user="hanako", department="市民課"))
    await bridge.receiver.wait_for(1)
    await bridge.settle()
    async with bridge.records.db.engine.begin() as conn:
        from sqlalchemy import text

        rows = (
            await conn.execute(
                text(
                    "SELECT platform, user_id, department, channel, thread_id, action, redacted_text, model "
                    "FROM audit_records"
                )
            )
        ).all()
        stored = (await conn.execute(text("SELECT decision, reply, route FROM bridge_messages"))).all()
    assert len(rows) == 1
    platform, user_id, department, channel, thread_id, action, redacted, model = rows[0]
    assert (platform, user_id, department, channel, action, model) == (
        "logochat",
        "logochat:hanako",
        "市民課",
        "logochat:room-1",
        "allow",
        "gpt-test",
    )
    assert thread_id == "logochat:room-1:m-audit"
    assert "【氏名1】" in redacted
    everything = str(rows) + str(stored)
    assert "山田" not in everything and "090-1234-5678" not in everything and "職員 太郎" not in everything


async def test_a_callback_is_retried_after_the_relay_fails_once(bridge: Bridge) -> None:
    bridge.receiver.failures = [503]
    await bridge.relay.send_message(message("m-retry", "議事録の要約のコツを教えてください。"))
    delivered = (await bridge.receiver.wait_for(1))[0]
    assert bridge.receiver.attempts == 2
    assert delivered.headers[ATTEMPT_HEADER] == "2"
    assert delivered.signature_ok and delivered.body["status"] == "answered"
    await bridge.settle()
    fetched = await bridge.relay.get_message("m-retry")
    assert fetched.body["delivery"] == {"attempts": 2, "delivered": True, "error": None}
    assert len(bridge.llm.requests) == 1  # a failed delivery does not ask the model again


async def test_a_relay_that_keeps_failing_can_still_get_the_answer(bridge: Bridge) -> None:
    bridge.receiver.failures = [500, 502, 503, 504]  # every attempt of FAST_RETRY
    await bridge.relay.send_message(message("m-down", "議事録の要約のコツを教えてください。"))
    await bridge.settle()
    assert bridge.receiver.attempts == 4 and bridge.receiver.delivered == []
    fetched = await bridge.relay.get_message("m-down")
    assert fetched.body["status"] == "answered" and fetched.body["reply"]["answer"] == ANSWER
    assert fetched.body["delivery"] == {"attempts": 4, "delivered": False, "error": "HTTP 504"}


async def test_a_callback_refused_with_a_client_error_is_not_retried(bridge: Bridge) -> None:
    bridge.receiver.failures = [400]
    await bridge.relay.send_message(message("m-400", "議事録の要約のコツを教えてください。"))
    await bridge.settle()
    assert bridge.receiver.attempts == 1
    assert (await bridge.relay.get_message("m-400")).body["delivery"]["error"] == "HTTP 400"


async def test_the_same_message_id_is_answered_once(bridge: Bridge) -> None:
    body = message("m-dup", "議事録の要約のコツを教えてください。")
    first, *repeats = await asyncio.gather(*(bridge.relay.send_message(body) for _ in range(5)))
    statuses = sorted([first.status, *(r.status for r in repeats)])
    assert statuses == [200, 200, 200, 200, 202]
    assert all(r.body.get("duplicate") for r in [first, *repeats] if r.status == 200)
    await bridge.receiver.wait_for(1)
    await bridge.settle()
    again = await bridge.relay.send_message(body)
    assert again.status == 200 and again.body["duplicate"] and again.body["status"] == "answered"
    assert len(bridge.llm.requests) == 1
    assert len(bridge.receiver.delivered) == 1
    assert await bridge.rows("audit_records") == 1


async def test_the_same_message_id_on_another_platform_is_another_message(bridge: Bridge) -> None:
    await bridge.relay.send_message(message("42", "議事録の要約のコツを教えてください。"))
    other = await bridge.relay.send_message(message("42", "挨拶文の例を考えてください。", platform="mattermost"))
    assert other.status == 202
    await bridge.receiver.wait_for(2)
    assert len(bridge.llm.requests) == 2


async def test_a_block_explains_the_rule_and_sends_nothing(bridge: Bridge) -> None:
    reply = await bridge.relay.send_message(message("m-block", ELECTION))
    assert reply.status == 202
    assert reply.body["status"] == "blocked" and reply.body["final"]
    assert reply.body["decision"]["action"] == "block"
    violations = reply.body["decision"]["violations"]
    assert violations and all(v["article"] and v["message"] and v["rule_id"] for v in violations)
    assert reply.body["reply"]["kind"] == "blocked"
    assert "送信しませんでした" in reply.body["reply"]["text"]
    assert "根拠: " + violations[0]["article"] in reply.body["reply"]["text"]
    delivered = (await bridge.receiver.wait_for(1))[0]
    assert delivered.body["reply"] == reply.body["reply"]
    assert bridge.llm.requests == []


async def test_earlier_messages_of_the_thread_go_through_the_gate_too(bridge: Bridge) -> None:
    earlier = [
        {"message_id": "e1", "author": "other", "user_id": "jiro", "text": "鈴木一郎さんの件です。"},
        {"message_id": "e2", "author": "bot", "text": "承知しました。"},
    ]
    await bridge.relay.send_message(message("m-ctx", "この件の返信文を書いてください。", thread="e1", earlier=earlier))
    await bridge.receiver.wait_for(1)
    sent = bridge.llm.requests[0].body["messages"]
    assert "鈴木" not in bridge.model_saw()
    assert any("【氏名1】" in m["content"] and "引用" in m["content"] for m in sent if m["role"] == "user")


async def test_without_a_callback_url_the_answer_is_fetched(start_bridge) -> None:
    bridge = await start_bridge(callback=False)
    await bridge.relay.send_message(message("m-poll", "議事録の要約のコツを教えてください。"))
    await bridge.settle()
    fetched = await bridge.relay.get_message("m-poll")
    assert fetched.body["status"] == "answered"
    assert fetched.body["delivery"] == {"attempts": 0, "delivered": False, "error": None}
    assert bridge.receiver.attempts == 0


async def test_feedback_on_an_answer_is_stored_on_its_audit_record(bridge: Bridge) -> None:
    await bridge.relay.send_message(message("m-fb", "議事録の要約のコツを教えてください。"))
    await bridge.receiver.wait_for(1)
    await bridge.settle()
    record_id = (await bridge.relay.get_message("m-fb")).body["reply"]["record_id"]
    body = {"platform": "logochat", "message_id": "m-fb", "user": {"id": "taro"}, "feedback": "down"}
    reply = await bridge.relay.request("POST", "/bridge/v1/messages/m-fb/feedback", encode(body))
    assert reply.status == 200 and reply.body["text"].startswith("ℹ️ 👎 ありがとうございます")
    record = await bridge.records.audit.get(record_id)
    assert record is not None and record.feedback == "down"
    blocked = await bridge.relay.send_message(message("m-fb2", ELECTION))
    assert blocked.body["status"] == "blocked"
    body = {**body, "message_id": "m-fb2", "feedback": "up"}
    refused = await bridge.relay.request("POST", "/bridge/v1/messages/m-fb2/feedback", encode(body))
    assert refused.status == 409 and refused.body["error"]["code"] == "no_answer"
