"""Assembling a running Slack bot from its parts: Web API client, the shared pipeline, Bolt app.

`python -m bot serve` hands it the checked `Settings` and the pipeline built once in `bot.startup`;
tests and the benchmark hand it `Settings` of their own and a pipeline on the one gate, a fake-model
adapter and a test database.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.admin import Admins, AdminService
from bot.config import Settings
from bot.conversation.pipeline import ConversationPipeline
from bot.conversation.records import DatabaseRecords
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


# Socket Mode receives no signed HTTP requests; Bolt still wants a secret to build the app.
SOCKET_MODE_SIGNING_SECRET = "socket-mode-does-not-sign"


async def create_runtime(
    settings: Settings, *, pipeline: ConversationPipeline, records: DatabaseRecords
) -> SlackRuntime:
    """The Slack bot of `settings` (token, API URL, city, admins, channels, streaming) on the shared pipeline."""
    token = settings.slack_bot_token or ""
    api_url = settings.slack_api_url
    # One HTTP session for every Web API call of the process (Bolt's per-request clients share it).
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=SLACK_API_TIMEOUT_S))
    client = web_client(token, api_url, session)
    # The records' SuspensionStore: a stop made through Slack is seen by this process's next message at once.
    admin = AdminService(
        records.db, Admins(frozenset(settings.admins)), suspensions=records.suspensions, city=settings.city
    )
    services = SlackServices(
        pipeline=pipeline,
        records=records,
        admin=admin,
        city=settings.city,
        streaming=StreamingSupport(settings.slack_native_streaming),
        admins=settings.admins,
        files=SlackFileDownloader(session, token, api_url, client),
        admin_groups=settings.admin_groups,
        admin_channel=settings.admin_channel,
        announce_channel=settings.announce_channel,
    )
    signing_secret = settings.slack_signing_secret or SOCKET_MODE_SIGNING_SECRET
    return SlackRuntime(
        app=build_app(client, signing_secret, services), client=client, services=services, session=session
    )
