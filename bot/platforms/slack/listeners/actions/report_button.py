"""「報告」 under an answer: open the incident report modal (岩見沢 第12条, 松戸 6-6 / 様式3).

The modal remembers which answer it was opened from (audit record, channel, thread); its
submission (callback `aigate_incident`) is handled with the other administration listeners.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.admin.views.incident_modal_builder import IncidentOrigin, build_incident_modal
from bot.platforms.slack.pressed import pressed


async def handle_report_button(
    ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
) -> None:
    await ack()
    value = str(action.get("value") or "")
    where = pressed(body)
    origin = IncidentOrigin(
        audit_record_id=int(value) if value.isdigit() else None,
        channel=where.channel,
        thread_id=f"{where.channel}:{where.thread_ts}",
    )
    await client.views_open(trigger_id=body["trigger_id"], view=build_incident_modal(datetime.now(UTC), origin=origin))
