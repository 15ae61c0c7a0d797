"""App Home 「事故報告…」: open the incident modal (岩見沢 第12条, 松戸 6-6 / 様式3)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.admin.views.incident_modal_builder import build_incident_modal


async def handle_home_incident(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
    await ack()
    await client.views_open(trigger_id=body["trigger_id"], view=build_incident_modal(datetime.now(UTC)))
