"""The jobs `python -m bot serve` starts: the weekly digest catches up at once, then both wait."""

from __future__ import annotations

import asyncio
from datetime import datetime

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.background import start_background_jobs
from bot.digest.week import JST
from bot.gate.policy import PolicyBook
from bot.storage import CITY_SCOPE, Database, DigestMarks
from tests.fakes.slack_api import FakeSlackAPI


async def test_the_bot_process_sends_last_weeks_city_digest_and_keeps_waiting(
    db: Database, slack_api: FakeSlackAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = AsyncWebClient(token="xoxb-test", base_url=slack_api.base_url)
    wednesday = datetime(2026, 11, 25, 12, 0, tzinfo=JST)  # after Monday 09:00: last week is due
    jobs = start_background_jobs(
        db, client, "matsudo", PolicyBook.load(), now=lambda: wednesday, admin_channel="CADMIN"
    )
    try:
        for _ in range(200):
            if slack_api.calls_to("chat.postMessage"):
                break
            await asyncio.sleep(0.05)
        [post] = [call.args for call in slack_api.calls_to("chat.postMessage")]
        assert post["channel"] == "CADMIN"
        assert post["text"].startswith("*生成AIゲート 週次利用状況 — 松戸市*\n2026年第47週")
        assert all(not job.done() for job in jobs)  # both now sleep until their next time
    finally:
        for job in jobs:
            job.cancel()
        await asyncio.gather(*jobs, return_exceptions=True)
    assert not await DigestMarks(db).claim("2026-W47", CITY_SCOPE)  # marked as sent
