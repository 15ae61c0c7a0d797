"""Every /aigate-* command: one body (ack, let bot/admin decide, reply and announce), one table of commands.

The table is what the Slack app's manifest lists (docs/), in the order `commands/__init__.py`
registers them; bot/admin/commands.py parses each command's text.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncBoltContext, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.admin.views.incident_modal_builder import IncidentOrigin, build_incident_modal
from bot.platforms.slack.admin_replies import deliver, refresh_admins
from bot.platforms.slack.services import services_of

ADMIN_COMMANDS: dict[str, str] = {
    "/aigate-directory": "[@職員 所属名 | 所属長 所属名 @職員 | 所属長解除 所属名 @職員]: 職員名簿。管理者のみ。",
    "/aigate-incident": "事故報告の入力画面を開く（岩見沢 第12条、松戸 6-6）。職員だれでも。",
    "/aigate-resume": "対象 [理由]: 利用再開。管理者のみ。",
    "/aigate-sample": "N: 過去7日間の利用記録を無作為に N 件（松戸 第3章1-1 サンプルチェック）。管理者のみ。",
    "/aigate-status": "停止中の対象と本日の依頼件数。管理者のみ。",
    "/aigate-stop": "対象 理由: 利用停止（新座 8・流山 9）。管理者のみ。",
}


async def handle_admin_command(
    ack: AsyncAck, command: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    services = services_of(context)
    user, channel = command["user_id"], command.get("channel_id")
    admin = await refresh_admins(client, services)
    reply = await admin.handle(user, command["command"], command.get("text") or "")
    if reply.open_incident is not None:
        modal = build_incident_modal(datetime.now(UTC), reply.open_incident.background, IncidentOrigin(channel=channel))
        await client.views_open(trigger_id=command["trigger_id"], view=modal)
        return
    await deliver(client, services, reply, channel, user, respond)
