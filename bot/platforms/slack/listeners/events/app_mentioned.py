"""@aigate in a channel (or in a thread of one): answer in the thread."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.platforms.slack.answering import answer_event, bot_identity, is_human_message


async def handle_app_mention(
    event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    if not is_human_message(event, bot_identity(context)):
        return
    await answer_event(client, context, body, event)
