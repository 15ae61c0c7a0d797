"""送信する / やめる under a masked preview: only the person who asked may press them."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.conversation.pipeline import NOT_ASKER, Outcome
from bot.platforms.slack.reply_sink import SlackReplySink
from bot.platforms.slack.services import CONTEXT_KEY, SlackServices
from bot.platforms.slack.views.block_builder import notice_message
from bot.platforms.slack.views.confirm_builder import (
    ACTION_CONFIRM_CANCEL,
    ACTION_CONFIRM_SEND,
    confirm_done_message,
)


def _where(body: dict[str, Any]) -> tuple[str, str, str, str]:
    user = body["user"]["id"]
    channel = (body.get("channel") or {}).get("id") or body["container"]["channel_id"]
    message_ts = body["container"]["message_ts"]
    thread_ts = (body.get("message") or {}).get("thread_ts") or message_ts
    return user, channel, message_ts, thread_ts


async def handle_confirm_button(ack: Any, body: dict[str, Any], action: dict[str, Any], context: Any,
                                client: AsyncWebClient) -> None:
    await ack()
    services: SlackServices = context[CONTEXT_KEY]
    user, channel, message_ts, thread_ts = _where(body)
    pending_id = str(action.get("value") or "")
    sink = SlackReplySink(client, channel=channel, thread_ts=thread_ts, user_id=user,
                          team_id=(body.get("team") or {}).get("id"), streaming=services.streaming)
    asker = services.pipeline.pending_asker(pending_id)
    if asker is not None and asker != user:
        await client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, **notice_message(NOT_ASKER))
        return
    send = action["action_id"] == ACTION_CONFIRM_SEND
    if send:
        if asker is not None:
            await client.chat_update(channel=channel, ts=message_ts, **confirm_done_message(True))
        await services.pipeline.confirm(pending_id, user, sink)
    else:
        outcome = await services.pipeline.cancel(pending_id, user, sink)
        if outcome is Outcome.CANCELLED:
            await client.chat_update(channel=channel, ts=message_ts, **confirm_done_message(False))


def register(app: AsyncApp) -> None:
    app.action(ACTION_CONFIRM_SEND)(handle_confirm_button)
    app.action(ACTION_CONFIRM_CANCEL)(handle_confirm_button)
