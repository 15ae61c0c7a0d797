"""The App Home tab opened: admins see the state and controls, staff see the city's rules in short."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.platforms.slack.admin_replies import publish_home
from bot.platforms.slack.services import services_of


async def handle_app_home_opened(event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient) -> None:
    if event.get("tab", "home") != "home":
        return
    await publish_home(client, services_of(context), event["user"], datetime.now(UTC))
