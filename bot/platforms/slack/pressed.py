"""Where a button in a message was pressed, and by whom (Slack's block_actions payload)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Pressed:
    user: str
    channel: str
    message_ts: str  # the message that carries the button
    thread_ts: str  # its thread (the message itself when it is not in one)
    team: str | None


def pressed(body: dict[str, Any]) -> Pressed:
    container = body.get("container") or {}
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
    message_ts = container.get("message_ts") or message.get("ts")
    return Pressed(
        user=body["user"]["id"],
        channel=str(channel),
        message_ts=str(message_ts),
        thread_ts=str(message.get("thread_ts") or message_ts),
        team=(body.get("team") or {}).get("id"),
    )
