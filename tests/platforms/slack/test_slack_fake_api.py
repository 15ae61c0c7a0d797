"""The fake Slack Web API behaves like Slack where the bot depends on it (state, limits, faults).

These run the real slack_sdk client against it, so they also show how the other tests use it.
"""

from __future__ import annotations

import time

import pytest
from slack_sdk.errors import SlackApiError

from bot.platforms.slack.web_api import web_client
from tests.fakes.slack_api import FakeSlackAPI


@pytest.fixture
async def api():
    slack = FakeSlackAPI()
    await slack.start()
    yield slack
    await slack.close()


async def test_messages_form_threads_that_replies_returns(api: FakeSlackAPI) -> None:
    client = web_client("xoxb-t", api.base_url)
    parent = api.add_message("C1", "U1", "最初の質問")
    await client.chat_postMessage(channel="C1", thread_ts=parent, text="回答")
    api.add_message("C1", "U2", "補足です", thread_ts=parent)
    api.add_message("C1", "U3", "別の話題")
    replies = await client.conversations_replies(channel="C1", ts=parent)
    assert [m["text"] for m in replies["messages"]] == ["最初の質問", "回答", "補足です"]
    assert replies["messages"][1]["bot_id"] == api.bot_id


async def test_update_changes_the_message_and_refuses_text_over_slack_limits(api: FakeSlackAPI) -> None:
    client = web_client("xoxb-t", api.base_url)
    posted = await client.chat_postMessage(channel="C1", text="⏳")
    await client.chat_update(channel="C1", ts=posted["ts"], text="完成")
    assert api.messages["C1"][0].text == "完成"
    with pytest.raises(SlackApiError) as too_long:
        await client.chat_update(channel="C1", ts=posted["ts"], text="あ" * 40_001)
    assert too_long.value.response["error"] == "msg_too_long"
    section = {"type": "section", "text": {"type": "mrkdwn", "text": "い" * 3001}}
    with pytest.raises(SlackApiError) as bad_blocks:
        await client.chat_postMessage(channel="C1", text="x", blocks=[section])
    assert bad_blocks.value.response["error"] == "invalid_blocks"


async def test_native_stream_needs_recipients_in_channels_but_not_in_dms(api: FakeSlackAPI) -> None:
    client = web_client("xoxb-t", api.base_url)
    with pytest.raises(SlackApiError) as missing:
        await client.chat_startStream(channel="C1", thread_ts="1.1")
    assert missing.value.response["error"] == "missing_recipient_team_id"
    started = await client.chat_startStream(channel="D1", thread_ts="1.1", markdown_text="こん")
    await client.chat_appendStream(channel="D1", ts=started["ts"], markdown_text="にちは")
    await client.chat_stopStream(channel="D1", ts=started["ts"], blocks=[{"type": "divider"}])
    message = api.messages["D1"][0]
    assert (message.text, message.streaming, message.blocks) == ("こんにちは", False, [{"type": "divider"}])


async def test_rate_limit_is_retried_by_the_client_after_retry_after(api: FakeSlackAPI) -> None:
    client = web_client("xoxb-t", api.base_url)
    api.fail_next("chat.postMessage", status=429, retry_after=1)
    started = time.monotonic()
    await client.chat_postMessage(channel="C1", text="こんにちは")
    assert time.monotonic() - started >= 1.0
    assert len(api.calls_to("chat.postMessage")) == 2
    assert [m.text for m in api.messages["C1"]] == ["こんにちは"]


async def test_server_errors_are_retried_and_ok_false_errors_are_raised(api: FakeSlackAPI) -> None:
    client = web_client("xoxb-t", api.base_url)
    api.fail_next("chat.postMessage", status=503)
    await client.chat_postMessage(channel="C1", text="届く")
    assert len(api.calls_to("chat.postMessage")) == 2
    api.fail_next("chat.postMessage", error="channel_not_found")
    with pytest.raises(SlackApiError):
        await client.chat_postMessage(channel="C1", text="届かない")


async def test_slow_responses_are_slow(api: FakeSlackAPI) -> None:
    client = web_client("xoxb-t", api.base_url)
    api.slow("auth.test", 0.3, times=1)
    started = time.monotonic()
    response = await client.auth_test()
    assert time.monotonic() - started >= 0.3
    assert response["user_id"] == api.bot_user_id
    assert "chat:write" in response.headers["x-oauth-scopes"]


async def test_calls_without_a_token_are_refused(api: FakeSlackAPI) -> None:
    client = web_client(None, api.base_url)
    with pytest.raises(SlackApiError) as refused:
        await client.auth_test()
    assert refused.value.response["error"] == "not_authed"
