"""App Home 「最新の状態にする」: publish the App Home again."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.admin.views import ids
from bot.platforms.slack.admin_bridge import publish_home
from bot.platforms.slack.services import CONTEXT_KEY


async def handle_home_refresh(ack: Any, body: dict[str, Any], context: Any, client: AsyncWebClient) -> None:
    await ack()
    await publish_home(client, context[CONTEXT_KEY], body["user"]["id"], datetime.now(UTC))


def register(app: AsyncApp) -> None:
    app.action(ids.HOME_REFRESH)(handle_home_refresh)
