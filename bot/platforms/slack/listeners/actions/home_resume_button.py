"""App Home 「再開する」 beside a stop: resume it, announce it, refresh the App Home."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.admin.targets import Target
from bot.admin.views import ids
from bot.platforms.slack.admin_bridge import announce, publish_home, refresh_admins, tell
from bot.platforms.slack.services import CONTEXT_KEY
from bot.storage.suspension import Scope


async def handle_home_resume(ack: Any, body: dict[str, Any], action: dict[str, Any], context: Any,
                             client: AsyncWebClient) -> None:
    await ack()
    user = body["user"]["id"]
    try:
        data = json.loads(action.get("value") or "")
        target = Target(Scope(data["scope"]), str(data["target"]))
    except (ValueError, KeyError, TypeError):
        await tell(client, user, user, "再開する対象を読み取れませんでした。`/aigate-resume 対象` をお使いください。")
        return
    admin = await refresh_admins(client, context[CONTEXT_KEY])
    reply = await admin.handle(user, "/aigate-resume", target.command_token)
    text = reply.text
    if reply.announcement and (warning := await announce(client, context[CONTEXT_KEY], reply.announcement)):
        text += "\n" + warning
    if reply.announcement is None or text != reply.text:
        await tell(client, user, user, text)
    await publish_home(client, context[CONTEXT_KEY], user, datetime.now(UTC))


def register(app: AsyncApp) -> None:
    app.action(ids.HOME_RESUME)(handle_home_resume)
