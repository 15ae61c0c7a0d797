"""Plain messages: direct messages to the bot, and follow-ups in a thread the bot already answered.

A message that mentions the bot in a channel also arrives as `app_mention`, which answers it;
here it is skipped so it is never answered twice. Edits, deletions and bots' messages are ignored
(another bot in a thread broke replies: seratch/ChatGPT-in-Slack PR 68).
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.platforms.slack.answering import answer_event, bot_identity, is_human_message
from bot.platforms.slack.thread_history import bot_answered, fetch_thread


async def handle_message(
    event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    bot = bot_identity(context)
    if not is_human_message(event, bot):
        return
    if event.get("channel_type") == "im":
        await answer_event(client, context, body, event)
        return
    thread_ts = event.get("thread_ts")
    if not thread_ts or (bot.user_id and f"<@{bot.user_id}>" in str(event.get("text") or "")):
        return
    thread = await fetch_thread(client, event["channel"], thread_ts)
    if bot_answered(thread, bot):
        await answer_event(client, context, body, event, thread=thread)
