"""A running bridge for the tests: the real aiohttp server, a relay's signed client, a callback receiver.

    async def test_something(bridge):
        response = await bridge.relay.send_message(message("m-1", "議事録を要約してください。"))
        assert response.status == 202
        delivered = await bridge.receiver.wait_for(1)

Everything is real and local: the bot's server on 127.0.0.1 (port 0) built by the same
`build_server` as `python -m bot serve`, the shared pipeline with the one gate from
tests/conftest.py, the OpenAI adapter talking to the recording `FakeLLMServer`, the migrated
SQLite database of `records` (tests/fixtures/databases.py, emptied for each test),
and a relay's callback receiver (aiohttp on port 0) that checks signatures.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import text

from adapters.base import RetryPolicy, StreamLimits
from adapters.openai_chat import OpenAIChatAdapter
from bot.conversation.pipeline import ConversationPipeline
from bot.conversation.records import DatabaseRecords
from bot.platforms.bridge.delivery import RetryPlan
from bot.platforms.bridge.routes import BridgeHTTP
from bot.platforms.bridge.runtime import create_bridge
from bot.platforms.bridge.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, signed_headers, verify
from bot.platforms.server import build_server, start_server
from tests.fakes.llm_server import FAKE_OPENAI_KEY, FakeLLMServer, Reply

SECRET = "bridge-test-secret-0123456789abcdef"
CITY = "iwamizawa"  # masks personal data and forwards it (第8条第3号ただし書)
ADMIN = "admin-1"  # the relay's id of the admin; AIGATE_ADMINS holds "logochat:admin-1"
PLATFORM = "logochat"
ANSWER = "承知しました。文案は次のとおりです。\nご確認ください。"

TEST_LIMITS = StreamLimits(
    first_token_s=1.5, idle_s=1.0, total_s=5.0, retry=RetryPolicy(max_attempts=1, base_delay_s=0.01, max_delay_s=0.02)
)
FAST_RETRY = RetryPlan(attempts=4, base_delay_s=0.05, max_delay_s=0.2, timeout_s=2.0)


def message(
    message_id: str,
    text: str,
    *,
    user: str = "taro",
    department: str | None = "総務課",
    conversation: str = "room-1",
    thread: str | None = None,
    platform: str = PLATFORM,
    **extra: Any,
) -> dict[str, Any]:
    """The JSON a relay sends for one chat message."""
    body: dict[str, Any] = {
        "platform": platform,
        "message_id": message_id,
        "user": {"id": user, "name": "職員 太郎", "department": department},
        "conversation_id": conversation,
        "thread_id": thread,
        "text": text,
    }
    body.update(extra)
    return body


def encode(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


@dataclass
class Answer:
    status: int
    body: dict[str, Any]


class Relay:
    """A relay's side of the protocol: every request signed with the shared secret."""

    def __init__(self, base_url: str, secret: str = SECRET) -> None:
        self.base_url = base_url
        self.secret = secret
        self.session = aiohttp.ClientSession()

    async def request(
        self, method: str, path: str, payload: bytes = b"", *, headers: dict[str, str] | None = None, sign: bool = True
    ) -> Answer:
        signed = payload if method != "GET" else path.encode()
        all_headers = {"Content-Type": "application/json"}
        if sign:
            all_headers.update(signed_headers(self.secret, signed))
        all_headers.update(headers or {})
        async with self.session.request(
            method, self.base_url + path, data=payload or None, headers=all_headers
        ) as response:
            raw = await response.read()
            assert response.content_type == "application/json", raw[:200]
            return Answer(response.status, json.loads(raw))

    async def send_message(self, body: dict[str, Any]) -> Answer:
        return await self.request("POST", "/bridge/v1/messages", encode(body))

    async def get_message(self, message_id: str, platform: str = PLATFORM) -> Answer:
        return await self.request("GET", f"/bridge/v1/messages/{message_id}?platform={platform}")

    async def confirm(self, message_id: str, user: str, action: str = "send", platform: str = PLATFORM) -> Answer:
        body = {"platform": platform, "message_id": message_id, "user": {"id": user}, "action": action}
        return await self.request("POST", f"/bridge/v1/messages/{message_id}/confirm", encode(body))

    async def admin(self, command: str, user: str, **fields: Any) -> Answer:
        body = {"platform": PLATFORM, "user": {"id": user}, **fields}
        return await self.request("POST", f"/bridge/v1/admin/{command}", encode(body))

    async def close(self) -> None:
        await self.session.close()


@dataclass
class Delivered:
    body: dict[str, Any]
    headers: dict[str, str]
    signature_ok: bool


@dataclass
class CallbackReceiver:
    """The relay's callback endpoint: checks each signature, records each delivery, fails on request."""

    secret: str = SECRET
    delivered: list[Delivered] = field(default_factory=list)
    attempts: int = 0
    failures: list[int] = field(default_factory=list)  # statuses to answer with, one per coming attempt
    url: str = ""
    _runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/callback", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}/callback"

    async def _handle(self, request: web.Request) -> web.Response:
        self.attempts += 1
        raw = await request.read()
        if self.failures:
            return web.Response(status=self.failures.pop(0), text="relay busy")
        try:
            verify(self.secret, request.headers.get(TIMESTAMP_HEADER), request.headers.get(SIGNATURE_HEADER), raw)
            ok = True
        except Exception:
            ok = False
        self.delivered.append(Delivered(json.loads(raw), dict(request.headers), ok))
        return web.json_response({"ok": True})

    async def wait_for(self, count: int, within: float = 10.0) -> list[Delivered]:
        deadline = time.monotonic() + within
        while len(self.delivered) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} callbacks, got {len(self.delivered)}: {self.delivered}")
            await asyncio.sleep(0.02)
        return self.delivered

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


@dataclass
class Bridge:
    relay: Relay
    receiver: CallbackReceiver
    llm: FakeLLMServer
    records: DatabaseRecords
    http: BridgeHTTP
    base_url: str

    async def rows(self, table: str) -> int:
        async with self.records.db.engine.begin() as conn:
            return int((await conn.execute(text(f"SELECT COUNT(*) FROM {table}"))).scalar_one())

    async def settle(self) -> None:
        """Wait for every turn and callback the bridge is still working on."""
        service = self.http.service
        deadline = time.monotonic() + 10
        while service._tasks and time.monotonic() < deadline:
            await asyncio.gather(*list(service._tasks), return_exceptions=True)

    def model_saw(self) -> str:
        return json.dumps(self.llm.bodies(), ensure_ascii=False)


@pytest.fixture
async def llm() -> AsyncIterator[FakeLLMServer]:
    server = FakeLLMServer("openai", default=Reply.text(ANSWER))
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def receiver() -> AsyncIterator[CallbackReceiver]:
    server = CallbackReceiver()
    await server.start()
    yield server
    await server.stop()


StartBridge = Callable[..., Any]


@pytest.fixture
async def start_bridge(gate, llm, records, receiver) -> AsyncIterator[StartBridge]:
    """Start a bridge for one city; the fixture stops every one it started."""
    started: list[tuple[Bridge, web.AppRunner, OpenAIChatAdapter]] = []

    async def start(
        city: str = CITY,
        *,
        callback: bool = True,
        max_body_bytes: int = 64 * 1024,
        callback_urls: dict[str, str] | None = None,
        database: DatabaseRecords | None = None,
    ) -> Bridge:
        """`database`: another connection (another process's) or a broken one; the test's by default."""
        used = database or records
        adapter = OpenAIChatAdapter(
            model="gpt-test", base_url=llm.base_url, api_key=FAKE_OPENAI_KEY, rng=random.Random(0)
        )
        pipeline = ConversationPipeline(gate, adapter, used, limits=TEST_LIMITS)
        urls = callback_urls if callback_urls is not None else {"": receiver.url} if callback else {}
        http = create_bridge(
            pipeline=pipeline,
            records=used,
            secret=SECRET,
            city=city,
            admins=(f"{PLATFORM}:{ADMIN}",),
            callback_urls=urls,
            retry=FAST_RETRY,
            max_body_bytes=max_body_bytes,
        )
        runner, port = await start_server(build_server(http), "127.0.0.1", 0)
        base_url = f"http://127.0.0.1:{port}"
        bridge = Bridge(Relay(base_url), receiver, llm, used, http, base_url)
        started.append((bridge, runner, adapter))
        return bridge

    yield start
    for bridge, runner, adapter in started:
        await bridge.relay.close()
        await bridge.http.service.aclose()
        await runner.cleanup()
        await adapter.aclose()


@pytest.fixture
async def bridge(start_bridge: StartBridge) -> Bridge:
    return await start_bridge()
