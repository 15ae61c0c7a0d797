"""Assembling a running Slack bot from its parts: Web API client, pipeline, Bolt app.

Tests and the benchmark call `create_runtime` with the one gate, a fake-model adapter and a test
database; `python -m bot serve` calls it with everything built from the environment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.base import StreamLimits
from bot.conversation.pipeline import ConversationPipeline
from bot.conversation.ports import ConversationRecords
from bot.files.limits import FileLimits
from bot.platforms.slack.app import build_app
from bot.platforms.slack.files import SlackFileDownloader
from bot.platforms.slack.reply_sink import StreamingSupport
from bot.platforms.slack.services import SlackServices
from bot.platforms.slack.web_api import SLACK_API_TIMEOUT_S, web_client


@dataclass
class SlackRuntime:
    app: AsyncApp
    client: AsyncWebClient
    services: SlackServices
    session: aiohttp.ClientSession

    async def aclose(self) -> None:
        await self.session.close()


async def create_runtime(
    *,
    token: str,
    signing_secret: str,
    api_url: str,
    city: str,
    gate: Any,
    adapter: Any,
    records: ConversationRecords,
    limits: StreamLimits | None = None,
    native_streaming: bool = True,
    admins: tuple[str, ...] = (),
    file_limits: FileLimits | None = None,
    admin_groups: tuple[str, ...] = (),
    admin_channel: str | None = None,
    announce_channel: str | None = None,
) -> SlackRuntime:
    # One HTTP session for every Web API call of the process (Bolt's per-request clients share it).
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=SLACK_API_TIMEOUT_S))
    client = web_client(token, api_url, session)
    pipeline = ConversationPipeline(gate, adapter, records, limits=limits, file_limits=file_limits)
    services = SlackServices(
        pipeline=pipeline, records=records, city=city, streaming=StreamingSupport(native_streaming), admins=admins,
        files=SlackFileDownloader(session, token, api_url, client),
        admin_groups=admin_groups, admin_channel=admin_channel, announce_channel=announce_channel,
    )
    return SlackRuntime(app=build_app(client, signing_secret, services), client=client, services=services,
                        session=session)
