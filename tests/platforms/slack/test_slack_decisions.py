"""What the asker sees for each decision: block (to them only), confirm (their buttons only), feedback."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import select

from bot.storage.models import AuditRecord
from tests.fakes.slack_requests import block_action, mention, message
from tests.platforms.slack.conftest import SlackBot, message_text, start_bot, stop_bot

ELECTION = "<@UBOT> 市長選挙で現職候補への投票を呼びかける文章を作ってください。"
WITH_NAME = "<@UBOT> 山田太郎さんへの案内文を書いてください。"


@pytest.fixture
async def nagareyama_bot(gate, slack_api, llm, records):
    """流山市: personal data is never sent without the asker's confirmation (5(1)・7.1)."""
    bot, runner = await start_bot(gate, slack_api, llm, records, city="nagareyama")
    yield bot
    await stop_bot(bot, runner)


async def test_a_block_is_shown_to_the_asker_only_with_rule_and_article(slack_bot: SlackBot) -> None:
    ts = slack_bot.slack.add_message("C1", "U1", ELECTION)
    await slack_bot.sender.event(mention("C1", "U1", ELECTION, ts=ts))
    notice = (await slack_bot.slack.wait_for(lambda: slack_bot.ephemeral_for("U1")))[0]

    assert "送信しませんでした" in notice["text"]
    assert "根拠: 地方公務員法第36条" in notice["text"] or "根拠:" in notice["text"]
    assert notice["thread_ts"] == ts
    await asyncio.sleep(0.3)
    assert slack_bot.slack.bot_messages("C1") == []  # nothing in the channel for others to see
    assert slack_bot.llm.requests == []


async def test_confirm_shows_the_masked_preview_and_sends_only_after_the_asker_confirms(
    nagareyama_bot: SlackBot,
) -> None:
    bot = nagareyama_bot
    ts = bot.slack.add_message("C1", "U1", WITH_NAME)
    await bot.sender.event(mention("C1", "U1", WITH_NAME, ts=ts))
    preview = (await bot.slack.wait_for(lambda: bot.slack.bot_messages("C1", ts)))[0]
    shown = message_text(preview)
    assert "【氏名1】さんへの案内文を書いてください。" in shown and "山田太郎" not in shown
    assert "5(1)" in shown  # the article that asks for the confirmation
    buttons = {e["action_id"]: e for b in preview.blocks if b["type"] == "actions" for e in b["elements"]}
    assert [e["text"]["text"] for e in buttons.values()] == ["送信する", "やめる"]
    pending_id = buttons["confirm_send"]["value"]
    assert bot.llm.requests == []

    # Someone else presses 送信する: refused, privately, and nothing is sent.
    await bot.sender.interaction(
        block_action(
            user_id="U2", action_id="confirm_send", value=pending_id, channel="C1", message_ts=preview.ts, thread_ts=ts
        )
    )
    refusal = (await bot.slack.wait_for(lambda: bot.ephemeral_for("U2")))[0]
    assert "本人だけ" in refusal["text"]
    assert bot.llm.requests == []

    # The asker presses it: the masked text goes to the model and the answer follows in the thread.
    await bot.sender.interaction(
        block_action(
            user_id="U1", action_id="confirm_send", value=pending_id, channel="C1", message_ts=preview.ts, thread_ts=ts
        )
    )
    answer = await bot.final_answer("C1", ts)
    assert "承知しました" in message_text(answer)
    assert "山田太郎" not in str([r.body for r in bot.llm.requests])
    assert bot.llm.requests[-1].body["messages"][-1]["content"] == "【氏名1】さんへの案内文を書いてください。"
    assert "送信しました" in bot.slack.bot_messages("C1", ts)[0].text  # the preview lost its buttons

    # A second press (or a Slack retry of the click) sends nothing more.
    await bot.sender.interaction(
        block_action(
            user_id="U1", action_id="confirm_send", value=pending_id, channel="C1", message_ts=preview.ts, thread_ts=ts
        )
    )
    await asyncio.sleep(0.3)
    assert len(bot.llm.requests) == 1
    assert await last_confirm_outcome(bot) == "sent"  # the digest counts it as 確認後に送信


async def test_a_follow_up_after_confirming_carries_the_masked_question(nagareyama_bot: SlackBot) -> None:
    bot = nagareyama_bot  # channel C2: the confirm claims of other tests (same ts) stay in the shared database
    ts = bot.slack.add_message("C2", "U1", WITH_NAME)
    await bot.sender.event(mention("C2", "U1", WITH_NAME, ts=ts))
    preview = (await bot.slack.wait_for(lambda: bot.slack.bot_messages("C2", ts)))[0]
    pending_id = next(e["value"] for b in preview.blocks if b["type"] == "actions" for e in b["elements"])
    await bot.sender.interaction(
        block_action(
            user_id="U1", action_id="confirm_send", value=pending_id, channel="C2", message_ts=preview.ts, thread_ts=ts
        )
    )
    await bot.final_answer("C2", ts)

    follow = "もう少し丁寧にしてください。"
    follow_ts = bot.slack.add_message("C2", "U1", follow, thread_ts=ts)
    await bot.sender.event(message("C2", "U1", follow, ts=follow_ts, thread_ts=ts))
    await bot.slack.wait_for(lambda: len(bot.llm.requests) == 2 and len(bot.answers("C2", ts)) == 2)
    messages = bot.llm.requests[1].body["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[1]["content"] == "【氏名1】さんへの案内文を書いてください。"  # the confirmed question, masked
    assert messages[-1]["content"] == follow
    assert "山田太郎" not in str([r.body for r in bot.llm.requests])


async def test_cancel_sends_nothing(nagareyama_bot: SlackBot) -> None:
    bot = nagareyama_bot
    ts = bot.slack.add_message("C1", "U1", WITH_NAME)
    await bot.sender.event(mention("C1", "U1", WITH_NAME, ts=ts))
    preview = (await bot.slack.wait_for(lambda: bot.slack.bot_messages("C1", ts)))[0]
    pending_id = next(e["value"] for b in preview.blocks if b["type"] == "actions" for e in b["elements"])
    await bot.sender.interaction(
        block_action(
            user_id="U1",
            action_id="confirm_cancel",
            value=pending_id,
            channel="C1",
            message_ts=preview.ts,
            thread_ts=ts,
        )
    )
    await bot.slack.wait_for(lambda: "取りやめました" in bot.slack.bot_messages("C1", ts)[0].text)
    assert bot.llm.requests == []
    assert await last_confirm_outcome(bot) == "cancelled"  # not counted as sent in the digest


async def test_a_preview_left_unanswered_is_recorded_as_expired(nagareyama_bot: SlackBot) -> None:
    bot = nagareyama_bot
    ts = bot.slack.add_message("C1", "U1", WITH_NAME)
    await bot.sender.event(mention("C1", "U1", WITH_NAME, ts=ts))
    await bot.slack.wait_for(lambda: bot.slack.bot_messages("C1", ts))
    first = await last_confirm_record(bot)
    bot.runtime.services.pipeline.pending._ttl_s = 0.5  # the preview's lifetime, shortened for the test
    await asyncio.sleep(0.7)
    later = bot.slack.add_message("C2", "U1", WITH_NAME)
    await bot.sender.event(mention("C2", "U1", WITH_NAME, ts=later))
    await bot.slack.wait_for(lambda: bot.slack.bot_messages("C2", later))
    await asyncio.sleep(0.3)
    assert await confirm_outcome_of(bot, first) == "expired"  # counted as 確認されず失効, not as sent
    assert await last_confirm_outcome(bot) is None  # the new preview is still waiting
    assert bot.llm.requests == []


async def last_confirm_record(bot: SlackBot) -> int:
    async with bot.records.db.session() as session:
        query = select(AuditRecord.id).where(AuditRecord.action == "confirm")
        return int((await session.exec(query.order_by(AuditRecord.id.desc()))).first())  # type: ignore[union-attr,arg-type]


async def confirm_outcome_of(bot: SlackBot, record_id: int) -> str | None:
    record = await bot.records.audit.get(record_id)
    assert record is not None
    return record.confirm_outcome


async def last_confirm_outcome(bot: SlackBot) -> str | None:
    async with bot.records.db.session() as session:
        query = select(AuditRecord.confirm_outcome).where(AuditRecord.action == "confirm")
        return (await session.exec(query.order_by(AuditRecord.id.desc()))).first()  # type: ignore[union-attr]


async def test_feedback_buttons_are_stored_on_the_answer_record(slack_bot: SlackBot) -> None:
    text = "<@UBOT> 議事録の要約のコツを教えてください。"
    ts = slack_bot.slack.add_message("C1", "U1", text)
    await slack_bot.sender.event(mention("C1", "U1", text, ts=ts))
    answer = await slack_bot.final_answer("C1", ts)
    record_id = next(b for b in answer.blocks if b["type"] == "actions")["elements"][1]["value"]

    reply = await slack_bot.sender.interaction(
        block_action(
            user_id="U1", action_id="feedback_down", value=record_id, channel="C1", message_ts=answer.ts, thread_ts=ts
        )
    )
    assert reply.status == 200
    await slack_bot.slack.wait_for(lambda: slack_bot.ephemeral_for("U1"))
    record = await slack_bot.records.audit.get(int(record_id))
    assert record is not None and record.feedback == "down"
