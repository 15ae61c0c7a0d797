"""`create_runtime` takes the checked `Settings`: every Slack value reaches the services it configures."""

from __future__ import annotations

from adapters.offline import OfflineAdapter
from bot.config import Settings
from bot.conversation.pipeline import ConversationPipeline
from bot.conversation.records import DatabaseRecords
from bot.platforms.slack.runtime import create_runtime
from tests.fakes.slack_api import FakeSlackAPI


async def test_the_runtime_is_configured_by_the_settings(
    gate, records: DatabaseRecords, slack_api: FakeSlackAPI
) -> None:
    settings = Settings(
        city="matsudo",
        slack_bot_token="xoxb-settings",
        slack_api_url=slack_api.base_url,
        admins=("U0ADMIN",),
        admin_groups=("S0GROUP",),
        admin_channel="C0ADMIN",
        announce_channel="C0NEWS",
        slack_native_streaming=False,
    )
    pipeline = ConversationPipeline(gate, OfflineAdapter(), records)
    runtime = await create_runtime(settings, pipeline=pipeline, records=records)
    try:
        services = runtime.services
        assert services.pipeline is pipeline and services.records is records
        assert services.city == "matsudo"
        assert services.admins == ("U0ADMIN",) and services.admin_groups == ("S0GROUP",)
        assert (services.admin_channel, services.announce_channel) == ("C0ADMIN", "C0NEWS")
        assert services.streaming.enabled is False
        assert services.admin.admins.is_admin("U0ADMIN") and not services.admin.admins.is_admin("U0OTHER")
        assert runtime.client.token == "xoxb-settings"
        assert runtime.client.base_url == slack_api.base_url
    finally:
        await runtime.aclose()
