"""App Home 「利用を停止…」: open the stop modal (the submission is checked like /aigate-stop)."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.admin.views.stop_modal_builder import build_stop_modal


async def handle_home_stop(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
    await ack()
    await client.views_open(trigger_id=body["trigger_id"], view=build_stop_modal())
