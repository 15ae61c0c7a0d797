"""Monday's digest over the Slack Web API: each 所属長 and the admins' channel get it exactly once."""

from __future__ import annotations

import asyncio

from slack_sdk.web.async_client import AsyncWebClient

from bot.digest import IsoWeek, send_weekly_digest
from bot.digest.slack_transport import SlackDigestTransport
from bot.storage import CITY_SCOPE, Database
from tests.digest.fake_slack import FakeSlack
from tests.digest.seed import seed_fortnight

W47 = IsoWeek(2026, 47)


def transport_for(fake: FakeSlack, api_url: str) -> SlackDigestTransport:
    return SlackDigestTransport(AsyncWebClient(token="xoxb-test", base_url=api_url))


async def test_managers_and_admins_get_their_digest_with_a_chart(db: Database, fake_slack: FakeSlack) -> None:
    await seed_fortnight(db)
    transport = transport_for(fake_slack, f"{fake_slack.base_url}/api/")
    report = await send_weekly_digest(db, W47, transport, admin_channel="CADMIN")

    assert sorted(report.sent) == sorted(["総務課", "市民課", CITY_SCOPE])
    assert sorted(report.without_manager) == ["未設定", "財政課"]
    assert [p["users"] for p in fake_slack.calls_to("conversations.open")] == ["U4", "U1"]  # 市民課, 総務課
    posts = {p["channel"]: p["text"] for p in fake_slack.calls_to("chat.postMessage")}
    assert set(posts) == {"D-U1", "D-U4", "CADMIN"}
    assert posts["D-U1"].startswith("*生成AIゲート 週次利用状況 — 総務課*")
    assert "• 依頼件数: 8件" in posts["CADMIN"]
    assert len(fake_slack.uploads) == 3
    assert all(png.startswith(b"\x89PNG") for png in fake_slack.uploads.values())
    completed = fake_slack.calls_to("files.completeUploadExternal")
    assert {c["channel_id"] for c in completed} == {"D-U1", "D-U4", "CADMIN"}


async def test_several_processes_send_each_digest_once(database_url: str, db: Database, fake_slack: FakeSlack) -> None:
    await seed_fortnight(db)
    others = [Database(database_url) for _ in range(2)]
    try:
        reports = await asyncio.gather(*(
            send_weekly_digest(engine, W47, transport_for(fake_slack, f"{fake_slack.base_url}/api/"), "CADMIN")
            for engine in [db, *others]
        ))
    finally:
        for engine in others:
            await engine.dispose()
    assert sorted(scope for r in reports for scope in r.sent) == sorted(["総務課", "市民課", CITY_SCOPE])
    assert len(fake_slack.calls_to("chat.postMessage")) == 3


async def test_a_failed_send_is_sent_on_the_next_run(db: Database, fake_slack: FakeSlack) -> None:
    await seed_fortnight(db)
    transport = transport_for(fake_slack, f"{fake_slack.base_url}/api/")
    fake_slack.fail_for = {"D-U4"}
    first = await send_weekly_digest(db, W47, transport, admin_channel="CADMIN")
    assert first.failed == ["市民課"]

    fake_slack.fail_for = set()
    second = await send_weekly_digest(db, W47, transport, admin_channel="CADMIN")
    assert second.sent == ["市民課"]
    assert sorted(second.already_sent) == sorted(["総務課", CITY_SCOPE])
