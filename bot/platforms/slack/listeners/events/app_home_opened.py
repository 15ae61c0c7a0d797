"""The App Home tab opened: admins see the state and controls, staff see the city's rules in short."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.platforms.slack.admin_bridge import publish_home
from bot.platforms.slack.services import CONTEXT_KEY


async def handle_app_home_opened(event: dict[str, Any], context: Any, client: AsyncWebClient) -> None:
    if event.get("tab", "home") != "home":
        return
    await publish_home(client, context[CONTEXT_KEY], event["user"], datetime.now(UTC))


def register(app: AsyncApp) -> None:
    app.event("app_home_opened")(handle_app_home_opened)
