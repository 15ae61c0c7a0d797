"""App Home 「再開する」 beside a stop: resume it, announce it, refresh the App Home."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.admin.targets import Target
from bot.platforms.slack.admin_replies import announce, publish_home, refresh_admins, tell
from bot.platforms.slack.services import services_of
from bot.storage.suspension import Scope


async def handle_home_resume(
    ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    user = body["user"]["id"]
    try:
        data = json.loads(action.get("value") or "")
        target = Target(Scope(data["scope"]), str(data["target"]))
    except (ValueError, KeyError, TypeError):
        await tell(client, user, user, "再開する対象を読み取れませんでした。`/aigate-resume 対象` をお使いください。")
        return
    services = services_of(context)
    admin = await refresh_admins(client, services)
    reply = await admin.handle(user, "/aigate-resume", target.command_token)
    text = reply.text
    if reply.announcement and (warning := await announce(client, services, reply.announcement)):
        text += "\n" + warning
    if reply.announcement is None or text != reply.text:
        await tell(client, user, user, text)
    await publish_home(client, services, user, datetime.now(UTC))
