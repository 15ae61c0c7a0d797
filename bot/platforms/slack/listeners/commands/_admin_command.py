"""The one body every /aigate-* command shares: ack, let bot/admin decide, reply and announce."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.admin.views.incident_modal_builder import IncidentOrigin, build_incident_modal
from bot.platforms.slack.admin_bridge import deliver, refresh_admins
from bot.platforms.slack.services import CONTEXT_KEY


async def handle_admin_command(ack: Any, command: dict[str, Any], client: AsyncWebClient, context: Any,
                               respond: Any) -> None:
    await ack()
    user, channel = command["user_id"], command.get("channel_id")
    admin = await refresh_admins(client, context[CONTEXT_KEY])
    reply = await admin.handle(user, command["command"], command.get("text") or "")
    if reply.open_incident is not None:
        modal = build_incident_modal(datetime.now(UTC), reply.open_incident.background, IncidentOrigin(channel=channel))
        await client.views_open(trigger_id=command["trigger_id"], view=modal)
        return
    await deliver(client, context[CONTEXT_KEY], reply, channel, user, respond)
