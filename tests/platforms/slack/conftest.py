"""A running bot for the Slack tests: the real Bolt app over HTTP, a fake Slack, a fake model.

    async def test_something(slack_bot):
        ts = slack_bot.slack.add_message("C1", "U1", "<@UBOT> 要約して")
        await slack_bot.sender.event(mention("C1", "U1", "<@UBOT> 要約して", ts=ts))
        answer = await slack_bot.final_answer("C1", ts)

Everything is real and local: the bot's aiohttp server on 127.0.0.1 (port 0), Bolt's signature
check, the slack_sdk Web API client talking to `FakeSlackAPI`, the OpenAI adapter talking to the
recording `FakeLLMServer`, and the migrated SQLite database of `records` (tests/fixtures/databases.py, emptied
for each test). The one gate comes from tests/conftest.py.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from aiohttp import web

from adapters.base import RetryPolicy, StreamLimits
from adapters.openai_chat import OpenAIChatAdapter
from bot.config import Settings
from bot.conversation.pipeline import ConversationPipeline
from bot.conversation.records import DatabaseRecords
from bot.files.limits import FileLimits
from bot.platforms.server import build_server, start_server
from bot.platforms.slack.runtime import SlackRuntime, create_runtime
from bot.platforms.slack.server import EVENTS_PATH, SlackHTTP
from tests.fakes.llm_server import FAKE_OPENAI_KEY, FakeLLMServer, Reply
from tests.fakes.slack_api import FakeSlackAPI, Message
from tests.fakes.slack_requests import SlackSender

SIGNING_SECRET = "test-signing-secret-0123456789"
BOT_TOKEN = "xoxb-test-token"
CITY = "iwamizawa"  # masks personal data and forwards it (第8条第3号ただし書)

# Limits short enough for tests; no retry waits.
TEST_LIMITS = StreamLimits(
    first_token_s=3.0, idle_s=2.0, total_s=10.0, retry=RetryPolicy(max_attempts=1, base_delay_s=0.01, max_delay_s=0.02)
)


@dataclass
class SlackBot:
    slack: FakeSlackAPI
    llm: FakeLLMServer
    runtime: SlackRuntime
    sender: SlackSender
    records: DatabaseRecords
    url: str

    def answers(self, channel: str, thread_ts: str) -> list[Message]:
        """The bot's finished answers in a thread: messages carrying the 👍/👎/報告 buttons."""
        return [m for m in self.slack.bot_messages(channel, thread_ts) if _has_feedback_buttons(m)]

    async def final_answer(self, channel: str, thread_ts: str, within: float = 10.0) -> Message:
        found = await self.slack.wait_for(lambda: self.answers(channel, thread_ts), within=within)
        return found[-1]

    def ephemeral_for(self, user: str) -> list[dict]:
        return [e for e in self.slack.ephemeral if e["user"] == user]


def _has_feedback_buttons(message: Message) -> bool:
    return any(
        b.get("type") == "actions" and any(e.get("action_id") == "feedback_up" for e in b.get("elements", []))
        for b in message.blocks
    )


def message_text(message: Message) -> str:
    """What a person sees: the text plus every section and context in the blocks."""
    parts = [message.text]
    for block in message.blocks:
        if block.get("type") == "section":
            parts.append(block["text"]["text"])
        elif block.get("type") == "context":
            parts.extend(e.get("text", "") for e in block["elements"])
    return "\n".join(parts)


@pytest.fixture
async def llm() -> AsyncIterator[FakeLLMServer]:
    server = FakeLLMServer("openai", default=Reply.text("承知しました。文案は次のとおりです。\nご確認ください。"))
    await server.start()
    yield server
    await server.stop()


async def start_bot(
    gate,
    slack_api: FakeSlackAPI,
    llm: FakeLLMServer,
    records: DatabaseRecords,
    *,
    native_streaming: bool = True,
    limits: StreamLimits = TEST_LIMITS,
    city: str = CITY,
    file_limits: FileLimits | None = None,
) -> tuple[SlackBot, web.AppRunner]:
    adapter = OpenAIChatAdapter(model="gpt-test", base_url=llm.base_url, api_key=FAKE_OPENAI_KEY, rng=random.Random(0))
    pipeline = ConversationPipeline(gate, adapter, records, limits=limits, file_limits=file_limits or FileLimits())
    settings = Settings(
        city=city,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack_api.base_url,
        slack_native_streaming=native_streaming,
    )
    runtime = await create_runtime(settings, pipeline=pipeline, records=records)
    runner, port = await start_server(build_server(SlackHTTP(runtime.app)), "127.0.0.1", 0)
    url = f"http://127.0.0.1:{port}{EVENTS_PATH}"
    bot = SlackBot(
        slack=slack_api, llm=llm, runtime=runtime, sender=SlackSender(url, SIGNING_SECRET), records=records, url=url
    )
    return bot, runner


async def stop_bot(bot: SlackBot, runner: web.AppRunner) -> None:
    await bot.sender.close()
    await runner.cleanup()
    await bot.runtime.services.pipeline.adapter.aclose()
    await bot.runtime.aclose()


@pytest.fixture
async def slack_bot(gate, slack_api, llm, records) -> AsyncIterator[SlackBot]:
    """The bot with native streaming offered by the fake Slack (as in a current workspace)."""
    bot, runner = await start_bot(gate, slack_api, llm, records)
    yield bot
    await stop_bot(bot, runner)
