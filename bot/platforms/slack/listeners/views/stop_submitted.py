"""The App Home stop modal submitted: the same checks and announcement as /aigate-stop."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.admin.views import ids
from bot.admin.views.stop_modal_builder import read_stop_submission
from bot.platforms.slack.admin_replies import announce, publish_home, refresh_admins, tell
from bot.platforms.slack.services import services_of


async def handle_stop_submission(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    user = body["user"]["id"]
    target, reason = read_stop_submission(view["state"]["values"])
    services = services_of(context)
    admin = await refresh_admins(client, services)
    reply = await admin.handle(user, "/aigate-stop", f"{target} {reason}")
    if reply.announcement is None:  # refused, malformed, unknown 所属, already stopped, database down
        await ack(response_action="errors", errors={ids.STOP_TARGET: reply.text.splitlines()[0][:150]})
        return
    await ack()
    warning = await announce(client, services, reply.announcement)
    if warning:
        await tell(client, user, user, warning)  # the admin's DM with the app
    await publish_home(client, services, user, datetime.now(UTC))
