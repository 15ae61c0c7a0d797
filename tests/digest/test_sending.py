"""Monday's digest over the Slack Web API: each 所属長 and the admins' channel get it exactly once."""

from __future__ import annotations

import asyncio

from slack_sdk.web.async_client import AsyncWebClient

from bot.digest import IsoWeek, send_weekly_digest
from bot.digest.slack_transport import SlackDigestTransport
from bot.storage import CITY_SCOPE, Database
from tests.digest.seed import seed_fortnight
from tests.fakes.slack_api import FakeSlackAPI

W47 = IsoWeek(2026, 47)


TOKEN = "xoxb-test"


def transport_for(slack: FakeSlackAPI) -> SlackDigestTransport:
    return SlackDigestTransport(AsyncWebClient(token=TOKEN, base_url=slack.base_url))


async def test_managers_and_admins_get_their_digest_with_a_chart(db: Database, slack_api: FakeSlackAPI) -> None:
    await seed_fortnight(db)
    transport = transport_for(slack_api)
    report = await send_weekly_digest(db, W47, transport, admin_channel="CADMIN")

    assert sorted(report.sent) == sorted(["総務課", "市民課", CITY_SCOPE])
    assert sorted(report.without_manager) == ["未設定", "財政課"]
    assert {call.token for call in slack_api.calls} == {TOKEN}
    assert [c.args["users"] for c in slack_api.calls_to("conversations.open")] == ["U4", "U1"]  # 市民課, 総務課
    posts = {c.args["channel"]: c.args["text"] for c in slack_api.calls_to("chat.postMessage")}
    assert set(posts) == {"D-U1", "D-U4", "CADMIN"}
    assert posts["D-U1"].startswith("*生成AIゲート 週次利用状況 — 総務課*")
    assert "• 依頼件数: 8件" in posts["CADMIN"]
    assert len(slack_api.uploads) == 3
    assert all(png.startswith(b"\x89PNG") for png in slack_api.uploads.values())
    completed = slack_api.calls_to("files.completeUploadExternal")
    assert {c.args["channel_id"] for c in completed} == {"D-U1", "D-U4", "CADMIN"}


async def test_several_processes_send_each_digest_once(
    database_url: str, db: Database, slack_api: FakeSlackAPI
) -> None:
    await seed_fortnight(db)
    others = [Database(database_url) for _ in range(2)]
    try:
        reports = await asyncio.gather(
            *(send_weekly_digest(engine, W47, transport_for(slack_api), "CADMIN") for engine in [db, *others])
        )
    finally:
        for engine in others:
            await engine.dispose()
    assert sorted(scope for r in reports for scope in r.sent) == sorted(["総務課", "市民課", CITY_SCOPE])
    assert len(slack_api.calls_to("chat.postMessage")) == 3


async def test_a_failed_send_is_sent_on_the_next_run(db: Database, slack_api: FakeSlackAPI) -> None:
    await seed_fortnight(db)
    transport = transport_for(slack_api)
    slack_api.fail_next("chat.postMessage", error="channel_not_found", channel="D-U4")
    first = await send_weekly_digest(db, W47, transport, admin_channel="CADMIN")
    assert first.failed == ["市民課"]

    second = await send_weekly_digest(db, W47, transport, admin_channel="CADMIN")
    assert second.sent == ["市民課"]
    assert sorted(second.already_sent) == sorted(["総務課", CITY_SCOPE])
