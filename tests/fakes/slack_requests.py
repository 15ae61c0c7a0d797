"""Signed requests to the running bot, as Slack sends them: events, slash commands, interactivity.

Slack signs each request with the app's signing secret: the header `X-Slack-Signature` is
`v0=` + HMAC-SHA256(secret, `v0:{timestamp}:{body}`) and `X-Slack-Request-Timestamp` is the
timestamp; Bolt rejects a wrong signature and one older than five minutes.

    sender = SlackSender("http://127.0.0.1:PORT/slack/events", secret)
    reply = await sender.event(mention("C1", "U1", "<@UBOT> 要約して"))
    assert reply.status == 200
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import aiohttp

_ids = itertools.count(1)


def sign(secret: str, timestamp: str, body: str) -> str:
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class SentRequest:
    status: int
    body: str
    elapsed: float  # seconds from sending to the complete response (the ack)


def new_event_id() -> str:
    return f"Ev{next(_ids):08d}"


def envelope(
    event: dict[str, Any],
    *,
    team_id: str = "T0001",
    event_id: str | None = None,
    api_app_id: str = "A0001",
    bot_user_id: str = "UBOT",
) -> dict[str, Any]:
    """The Events API wrapper around one event."""
    return {
        "token": "legacy-verification-token",
        "team_id": team_id,
        "api_app_id": api_app_id,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or new_event_id(),
        "event_time": int(time.time()),
        "authorizations": [{"team_id": team_id, "user_id": bot_user_id, "is_bot": True}],
    }


def mention(
    channel: str, user: str, text: str, *, ts: str, thread_ts: str | None = None, team: str = "T0001"
) -> dict[str, Any]:
    event = {
        "type": "app_mention",
        "user": user,
        "text": text,
        "ts": ts,
        "channel": channel,
        "team": team,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def message(
    channel: str,
    user: str | None,
    text: str,
    *,
    ts: str,
    thread_ts: str | None = None,
    channel_type: str = "channel",
    team: str = "T0001",
    **extra: Any,
) -> dict[str, Any]:
    event = {
        "type": "message",
        "text": text,
        "ts": ts,
        "channel": channel,
        "channel_type": channel_type,
        "team": team,
        "event_ts": ts,
        **extra,
    }
    if user:
        event["user"] = user
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


class SlackSender:
    """Signs and POSTs payloads to the bot's request URL over real HTTP."""

    def __init__(self, url: str, signing_secret: str) -> None:
        self.url = url
        self.signing_secret = signing_secret
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> SlackSender:
        self._session = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def post(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        secret: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> SentRequest:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        ts = str(timestamp if timestamp is not None else int(time.time()))
        all_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": sign(secret if secret is not None else self.signing_secret, ts, body),
            **(headers or {}),
        }
        started = time.perf_counter()
        async with self._session.post(self.url, data=body.encode(), headers=all_headers) as resp:
            text = await resp.text()
            return SentRequest(status=resp.status, body=text, elapsed=time.perf_counter() - started)

    async def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry_num: int | None = None, **kwargs: Any
    ) -> SentRequest:
        """POST one Events API callback; `retry_num` adds Slack's retry headers for the same event_id."""
        payload = envelope(event, event_id=event_id)
        headers = dict(kwargs.pop("headers", None) or {})
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        return await self.post(json.dumps(payload), "application/json", headers=headers, **kwargs)

    async def command(
        self, command: str, text: str, *, user_id: str, channel_id: str = "C0001", team_id: str = "T0001", **kwargs: Any
    ) -> SentRequest:
        form = {
            "token": "legacy-verification-token",
            "team_id": team_id,
            "channel_id": channel_id,
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": command,
            "text": text,
            "response_url": "http://127.0.0.1:9/unused",
            "trigger_id": f"trigger-{next(_ids)}",
            "api_app_id": "A0001",
        }
        return await self.post(urlencode(form), "application/x-www-form-urlencoded", **kwargs)

    async def interaction(self, payload: dict[str, Any], **kwargs: Any) -> SentRequest:
        """POST an interactivity payload (block_actions, view_submission) form-encoded, as Slack does."""
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded", **kwargs)


def block_action(
    *,
    user_id: str,
    action_id: str,
    value: str,
    channel: str,
    message_ts: str,
    thread_ts: str | None = None,
    team_id: str = "T0001",
) -> dict[str, Any]:
    """The payload Slack sends when someone presses a button in a message."""
    message_body: dict[str, Any] = {"type": "message", "ts": message_ts, "text": ""}
    if thread_ts:
        message_body["thread_ts"] = thread_ts
    return {
        "type": "block_actions",
        "user": {"id": user_id, "team_id": team_id},
        "team": {"id": team_id},
        "api_app_id": "A0001",
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel, "is_ephemeral": False},
        "channel": {"id": channel},
        "message": message_body,
        "trigger_id": f"trigger-{next(_ids)}",
        "response_url": "http://127.0.0.1:9/unused",
        "actions": [
            {"type": "button", "action_id": action_id, "block_id": "b", "value": value, "action_ts": str(time.time())}
        ],
    }
