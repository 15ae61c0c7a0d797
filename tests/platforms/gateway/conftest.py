"""A running gateway for the tests: the real aiohttp server, the official `openai` SDK as the client.

Everything is real and local: the server built by the same `build_server` as `python -m bot serve`,
the shared pipeline pieces with the one gate from tests/conftest.py, the OpenAI adapter talking to
the recording `FakeLLMServer` (what the model received), the migrated SQLite database of `records`
(tests/fixtures/databases.py, emptied for each test), and the key
file read by the same loader as start-up.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from openai import AsyncOpenAI
from sqlalchemy import text

from adapters.openai_chat import OpenAIChatAdapter
from bot.conversation.records import DatabaseRecords
from bot.platforms.gateway.keys import load_keys
from bot.platforms.gateway.routes import GatewayHTTP
from bot.platforms.gateway.runtime import create_gateway
from bot.platforms.server import build_server, start_server
from bot.storage.models import ALL_TABLES
from tests.fakes.llm_server import FAKE_OPENAI_KEY, FakeLLMServer, Reply
from tests.platforms.bridge.conftest import TEST_LIMITS

ANSWER = "承知しました。文案は次のとおりです。\nご確認ください。"
# Keys: one per city and use. The niiza key is stored as its sha256 only, like a production file.
IWAMIZAWA_KEY = "gw-test-iwamizawa-0123456789abcdef"
NIIZA_KEY = "gw-test-niiza-0123456789abcdef0123"
NO_FOOTER_KEY = "gw-test-nofooter-0123456789abcdef"
KEYS_YAML = f"""
keys:
  - key: {IWAMIZAWA_KEY}
    city: iwamizawa
    user: dify-soumu
    department: 総務課
    label: Dify（総務課）
  - key_sha256: {hashlib.sha256(NIIZA_KEY.encode()).hexdigest()}
    city: niiza
    user: webui-kikaku
    department: 企画課
    label: Open WebUI（企画課）
  - key: {NO_FOOTER_KEY}
    city: iwamizawa
    user: script-zeimu
    department: 税務課
    footer: false
"""


@dataclass
class Gateway:
    base_url: str
    llm: FakeLLMServer
    records: DatabaseRecords
    http: GatewayHTTP

    def client(self, key: str = IWAMIZAWA_KEY, **kwargs: Any) -> AsyncOpenAI:
        return AsyncOpenAI(api_key=key, base_url=f"{self.base_url}/v1", max_retries=0, **kwargs)

    async def post(
        self, path: str, body: Any, key: str | None = IWAMIZAWA_KEY, raw: bytes | None = None
    ) -> tuple[int, dict[str, str], Any]:
        headers = {"Content-Type": "application/json"}
        if key is not None:
            headers["Authorization"] = f"Bearer {key}"
        data = raw if raw is not None else json.dumps(body, ensure_ascii=False).encode()
        async with (
            aiohttp.ClientSession() as session,
            session.post(self.base_url + path, data=data, headers=headers) as response,
        ):
            return response.status, dict(response.headers), await response.json()

    async def rows(self, sql: str) -> list[Any]:
        async with self.records.db.engine.begin() as conn:
            return list((await conn.execute(text(sql))).all())

    async def audit(self) -> list[Any]:
        return await self.rows(
            "SELECT action, user_id, department, platform, channel, masked_counts,"
            " redacted_text, model, tokens_in, tokens_out FROM audit_records ORDER BY id"
        )

    async def database_dump(self) -> str:
        """Every row of every table, as text: to prove no raw personal data was stored anywhere."""
        dumped: list[str] = []
        async with self.records.db.engine.begin() as conn:
            for model in ALL_TABLES:
                table = model.__tablename__  # type: ignore[attr-defined]
                dumped += [repr(tuple(row)) for row in (await conn.execute(text(f"SELECT * FROM {table}"))).all()]
        return "\n".join(dumped)

    def model_saw(self) -> str:
        return json.dumps(self.llm.bodies(), ensure_ascii=False)

    async def settle(self) -> None:
        """Wait for turns still completing their records after the response went out."""
        import asyncio

        tasks = list(self.http.service._tasks)
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)


@pytest.fixture
async def llm() -> AsyncIterator[FakeLLMServer]:
    server = FakeLLMServer("openai", default=Reply.text(ANSWER))
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def keys_file(tmp_path: Path) -> Path:
    path = tmp_path / "gateway-keys.yaml"
    path.write_text(KEYS_YAML, encoding="utf-8")
    return path


StartGateway = Callable[..., Any]


@pytest.fixture
async def start_gateway(gate, llm, records, keys_file) -> AsyncIterator[StartGateway]:
    started: list[tuple[Gateway, web.AppRunner, OpenAIChatAdapter]] = []

    async def start(
        *, rate_per_minute: int = 0, max_body_bytes: int | None = None, database: DatabaseRecords | None = None
    ) -> Gateway:
        used = database or records
        adapter = OpenAIChatAdapter(
            model="gpt-test", base_url=llm.base_url, api_key=FAKE_OPENAI_KEY, rng=random.Random(0)
        )
        extra = {"max_body_bytes": max_body_bytes} if max_body_bytes else {}
        http = create_gateway(
            gate=gate,
            adapter=adapter,
            records=used,
            keys=load_keys(keys_file, gate.policies.cities),
            rate_per_minute=rate_per_minute,
            limits=TEST_LIMITS,
            **extra,
        )
        runner, port = await start_server(build_server(http), "127.0.0.1", 0)
        gateway = Gateway(f"http://127.0.0.1:{port}", llm, used, http)
        started.append((gateway, runner, adapter))
        return gateway

    yield start
    for gateway, runner, adapter in started:
        await gateway.http.service.aclose()
        await runner.cleanup()
        await adapter.aclose()


@pytest.fixture
async def gateway(start_gateway: StartGateway) -> Gateway:
    return await start_gateway()
