"""Socket Mode (`python -m bot serve --socket`): the same app, events over a WebSocket instead of HTTP."""

from __future__ import annotations

import asyncio

from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

from tests.fakes.llm_server import Reply
from tests.fakes.slack_requests import envelope, mention
from tests.platforms.slack.conftest import SlackBot, message_text

QUESTION = "<@UBOT> 佐藤花子さんへの会議案内を書いてください。"


async def test_a_mention_over_socket_mode_is_acked_answered_and_redacted(slack_bot: SlackBot) -> None:
    handler = AsyncSocketModeHandler(slack_bot.runtime.app, "xapp-test", web_client=slack_bot.runtime.client)
    await handler.connect_async()
    try:
        slack_bot.llm.enqueue(Reply.text("承知しました。案内文です。", first_token_delay=1.0))
        ts = slack_bot.slack.add_message("C1", "U1", QUESTION)
        payload = envelope(mention("C1", "U1", QUESTION, ts=ts), event_id="EvSocket1")
        ack, _ = await slack_bot.slack.socket_event(payload)
        assert ack["envelope_id"] and slack_bot.answers("C1", ts) == []  # acked before the answer
        retry_ack, _ = await slack_bot.slack.socket_event(payload, retry_attempt=1)  # same event_id again
        assert retry_ack["envelope_id"]

        answer = await slack_bot.final_answer("C1", ts)
        assert "承知しました" in message_text(answer)
        sent = str([r.body for r in slack_bot.llm.requests])
        assert "佐藤花子" not in sent and "【氏名1】" in sent
        await asyncio.sleep(0.3)
        assert len(slack_bot.answers("C1", ts)) == 1 and len(slack_bot.llm.requests) == 1
    finally:
        await handler.close_async()
