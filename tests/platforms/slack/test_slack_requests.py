"""Only Slack may talk to the bot: requests must carry a valid, fresh signature."""

from __future__ import annotations

import asyncio
import json
import time

import aiohttp

from tests.fakes.slack_requests import envelope, mention, sign
from tests.platforms.slack.conftest import SlackBot

QUESTION = "<@UBOT> 挨拶文を作ってください。"


async def test_a_forged_signature_is_rejected_and_nothing_runs(slack_bot: SlackBot) -> None:
    ts = slack_bot.slack.add_message("C1", "U1", QUESTION)
    reply = await slack_bot.sender.event(mention("C1", "U1", QUESTION, ts=ts), secret="not-the-signing-secret")
    assert reply.status == 401
    await asyncio.sleep(0.3)
    assert slack_bot.slack.calls == [] and slack_bot.llm.requests == []


async def test_a_stale_request_is_rejected_even_with_the_right_secret(slack_bot: SlackBot) -> None:
    ts = slack_bot.slack.add_message("C1", "U1", QUESTION)
    ten_minutes_ago = int(time.time()) - 600  # Slack's limit is five minutes (replay protection)
    reply = await slack_bot.sender.event(mention("C1", "U1", QUESTION, ts=ts), timestamp=ten_minutes_ago)
    assert reply.status == 401
    await asyncio.sleep(0.3)
    assert slack_bot.llm.requests == []


async def test_a_body_changed_after_signing_is_rejected(slack_bot: SlackBot) -> None:
    body = json.dumps(envelope(mention("C1", "U1", QUESTION, ts="1700000000.000009")), ensure_ascii=False)
    stamp = str(int(time.time()))

    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": sign("test-signing-secret-0123456789", stamp, body),
    }
    tampered = body.replace("挨拶文", "機密文書")
    assert tampered != body
    async with (
        aiohttp.ClientSession() as session,
        session.post(slack_bot.url, data=tampered.encode(), headers=headers) as resp,
    ):
        assert resp.status == 401


async def test_url_verification_is_answered_with_the_challenge(slack_bot: SlackBot) -> None:
    body = json.dumps(
        {"token": "t", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type": "url_verification"}
    )
    reply = await slack_bot.sender.post(body, "application/json")
    assert reply.status == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in reply.body


async def test_healthz_answers_without_a_signature(slack_bot: SlackBot) -> None:
    async with aiohttp.ClientSession() as session, session.get(slack_bot.url.replace("/slack/events", "/healthz")) as r:
        assert r.status == 200
        assert (await r.json())["ok"] is True


async def test_the_ack_does_not_wait_for_the_model(slack_bot: SlackBot) -> None:
    from tests.fakes.llm_server import Reply

    slack_bot.llm.enqueue(Reply.text("ゆっくりした回答です。", first_token_delay=1.0))
    ts = slack_bot.slack.add_message("C1", "U1", QUESTION)
    reply = await slack_bot.sender.event(mention("C1", "U1", QUESTION, ts=ts))
    assert reply.status == 200
    assert slack_bot.answers("C1", ts) == []  # acked before the model answered (Slack retries after 3 s)
    await slack_bot.final_answer("C1", ts)
