"""送信する / やめる under a masked preview: only the person who asked may press them.

The preview may have been shown by another bot process (several behind a load balancer) or
before a restart. Then the asker's message is read again from the thread and goes through the
gate again; the buttons say which message it was. A database claim per preview makes sure that
pressing twice, or in two processes, sends the question once.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.conversation.pipeline import CONFIRM_EXPIRED, NOT_ASKER, Outcome
from bot.conversation.ports import RecordsUnavailable
from bot.platforms.slack.answering import bot_identity, slack_turn
from bot.platforms.slack.blocks.block_builder import notice_message
from bot.platforms.slack.blocks.confirm_builder import (
    ACTION_CONFIRM_CANCEL,
    confirm_done_message,
    parse_confirm_value,
)
from bot.platforms.slack.pressed import pressed
from bot.platforms.slack.reply_sink import SlackReplySink
from bot.platforms.slack.services import services_of
from bot.platforms.slack.thread_history import fetch_thread


async def handle_confirm_button(
    ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    services = services_of(context)
    where = pressed(body)
    user, channel, preview_ts, thread_ts = where.user, where.channel, where.message_ts, where.thread_ts
    pending_id, origin_ts = parse_confirm_value(str(action.get("value") or ""))
    sink = SlackReplySink(
        client,
        channel=channel,
        thread_ts=thread_ts,
        user_id=user,
        team_id=where.team,
        streaming=services.streaming,
        message_ts=origin_ts,
    )

    async def tell(text: str) -> None:
        await client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, **notice_message(text))

    asker = services.pipeline.pending_asker(pending_id)
    original: dict[str, Any] | None = None
    thread: list[dict[str, Any]] = []
    if asker is None and origin_ts:
        thread = await fetch_thread(client, channel, thread_ts)
        original = next((m for m in thread if m.get("ts") == origin_ts), None)
        asker = original.get("user") if original else None
    if asker is None:
        await tell(CONFIRM_EXPIRED)
        return
    if asker != user:
        await tell(NOT_ASKER)
        return

    if action["action_id"] == ACTION_CONFIRM_CANCEL:
        if original is not None or await services.pipeline.cancel(pending_id, user, sink) is Outcome.CANCELLED:
            await client.chat_update(channel=channel, ts=preview_ts, **confirm_done_message(False))
        return
    try:
        if not await services.records.claim_event(f"confirm:{channel}:{preview_ts}"):
            return  # already sent (a second press, or the same press in another process)
    except RecordsUnavailable as exc:
        await tell(exc.message)
        return
    await client.chat_update(channel=channel, ts=preview_ts, **confirm_done_message(True))
    if original is None:
        await services.pipeline.confirm(pending_id, user, sink)
        return
    turn = slack_turn(
        services,
        bot_identity(context),
        channel=channel,
        user=user,
        ts=str(origin_ts),
        thread_ts=thread_ts,
        text=str(original.get("text") or ""),
        thread=thread,
        event_id=None,
        files=list(original.get("files") or []),
    )
    await services.pipeline.handle(turn, sink, confirmed=True)
