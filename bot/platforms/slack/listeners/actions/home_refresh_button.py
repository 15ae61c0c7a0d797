"""App Home 「最新の状態にする」: publish the App Home again."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.platforms.slack.admin_replies import publish_home
from bot.platforms.slack.services import services_of


async def handle_home_refresh(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    await publish_home(client, services_of(context), body["user"]["id"], datetime.now(UTC))
