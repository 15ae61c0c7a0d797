"""👍 / 👎 under an answer: stored on the answer's audit record for the weekly digest."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.conversation.composer import FEEDBACK_THANKS
from bot.conversation.ports import RecordsUnavailable
from bot.platforms.slack.blocks.answer_builder import ACTION_FEEDBACK_UP
from bot.platforms.slack.blocks.block_builder import notice_message
from bot.platforms.slack.pressed import pressed
from bot.platforms.slack.services import services_of

log = logging.getLogger("aigate.slack")

THANKS = {
    "up": FEEDBACK_THANKS["up"],
    "down": FEEDBACK_THANKS["down"] + "問題のある回答だった場合は「報告」ボタンからお知らせください。",
}


async def handle_feedback(
    ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    services = services_of(context)
    feedback = "up" if action["action_id"] == ACTION_FEEDBACK_UP else "down"
    where = pressed(body)
    try:
        record_id = int(action.get("value") or "")
    except ValueError:
        log.warning("feedback button without a record id")
        return
    try:
        await services.records.set_feedback(record_id, feedback)
        text = THANKS[feedback]
    except RecordsUnavailable as exc:
        text = exc.message
    await client.chat_postEphemeral(
        channel=where.channel, user=where.user, thread_ts=where.thread_ts, **notice_message(text)
    )
