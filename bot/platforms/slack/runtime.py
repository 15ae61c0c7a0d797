"""Assembling a running Slack bot from its parts: Web API client, the shared pipeline, Bolt app.

`python -m bot serve` hands it the pipeline built once in `bot.startup`; tests and the benchmark
hand it a pipeline on the one gate, a fake-model adapter and a test database.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.admin import Admins, AdminService
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


async def create_runtime(
    *,
    token: str,
    signing_secret: str,
    api_url: str,
    city: str,
    pipeline: ConversationPipeline,
    records: DatabaseRecords,
    native_streaming: bool = True,
    admins: tuple[str, ...] = (),
    admin_groups: tuple[str, ...] = (),
    admin_channel: str | None = None,
    announce_channel: str | None = None,
) -> SlackRuntime:
    # One HTTP session for every Web API call of the process (Bolt's per-request clients share it).
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=SLACK_API_TIMEOUT_S))
    client = web_client(token, api_url, session)
    # The records' SuspensionStore: a stop made through Slack is seen by this process's next message at once.
    admin = AdminService(records.db, Admins(frozenset(admins)), suspensions=records.suspensions, city=city)
    services = SlackServices(
        pipeline=pipeline,
        records=records,
        admin=admin,
        city=city,
        streaming=StreamingSupport(native_streaming),
        admins=admins,
        files=SlackFileDownloader(session, token, api_url, client),
        admin_groups=admin_groups,
        admin_channel=admin_channel,
        announce_channel=announce_channel,
    )
    return SlackRuntime(
        app=build_app(client, signing_secret, services), client=client, services=services, session=session
    )
