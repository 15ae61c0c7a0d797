"""`python -m bot serve`: the bridge on the same server as Slack, or alone without any Slack setting."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest

from bot.config import ConfigError, Mode, load_settings
from bot.startup import build_parts
from tests.platforms.bridge.conftest import SECRET, Relay, message

CITIES = ["iwamizawa", "maebashi", "matsudo", "nagareyama", "niiza"]
SLACK_VARS = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "AIGATE_ADMINS",
    "AIGATE_BRIDGE_SECRET",
    "AIGATE_BRIDGE_CALLBACK_URL",
    "AIGATE_BRIDGE_CALLBACK_URL_LOGOCHAT",
    "AIGATE_BRIDGE_MAX_BODY_BYTES",
    "LLM_PROVIDER",
    "LLM_MODEL",
    "PORT",
)


@pytest.fixture(autouse=True)
def bridge_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in SLACK_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AIGATE_CITY", "iwamizawa")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'serve.sqlite3'}")
    monkeypatch.setenv("AIGATE_BRIDGE_SECRET", SECRET)


def test_bridge_only_needs_no_slack_setting() -> None:
    settings = load_settings(Mode.BRIDGE, known_cities=CITIES)
    assert settings.bridge_secret == SECRET and settings.slack_bot_token is None


def test_bridge_settings_are_checked_in_japanese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIGATE_BRIDGE_SECRET", "short")
    monkeypatch.setenv("AIGATE_BRIDGE_CALLBACK_URL_LOGOCHAT", "relay.example.jp/callback")
    monkeypatch.setenv("AIGATE_ADMINS", "U01ABCDEF,logochat:admin-1,山田")
    with pytest.raises(ConfigError) as error:
        load_settings(Mode.BRIDGE, known_cities=CITIES)
    found = error.value.problems
    assert len(found) == 3
    assert any("AIGATE_BRIDGE_SECRET が短すぎます" in p and "openssl rand -hex 32" in p for p in found)
    assert any("AIGATE_BRIDGE_CALLBACK_URL_LOGOCHAT" in p and "http://" in p for p in found)
    assert any("山田" in p and "logochat:12345" in p for p in found)  # the bridge id was accepted
    monkeypatch.delenv("AIGATE_BRIDGE_SECRET")
    with pytest.raises(ConfigError) as error:
        load_settings(Mode.BRIDGE, known_cities=CITIES)
    assert any("AIGATE_BRIDGE_SECRET が未設定" in p for p in error.value.problems)


def test_callback_urls_per_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIGATE_BRIDGE_CALLBACK_URL", "https://relay.example.jp/any")
    monkeypatch.setenv("AIGATE_BRIDGE_CALLBACK_URL_LOGOCHAT", "https://relay.example.jp/logo")
    settings = load_settings(Mode.BRIDGE, known_cities=CITIES)
    assert settings.bridge_callback_urls == {
        "": "https://relay.example.jp/any",
        "logochat": "https://relay.example.jp/logo",
    }


async def test_serve_bridge_only_answers_with_the_offline_adapter(gate) -> None:
    from bot.cli.serve import open_server

    parts = await build_parts(Mode.BRIDGE, gate=gate)
    running = await open_server(parts, mode=Mode.BRIDGE, host="127.0.0.1", port=0)
    relay = Relay(f"http://127.0.0.1:{running.port}")
    try:
        assert running.slack is None
        reply = await relay.send_message(message("m-1", "山田太郎さんへの案内文を書いてください。"))
        assert reply.status == 202 and reply.body["decision"]["action"] == "allow"
        for _ in range(200):
            fetched = await relay.get_message("m-1")
            if fetched.body["final"]:
                break
            await asyncio.sleep(0.02)
        answer = fetched.body["reply"]
        assert fetched.body["status"] == "answered" and answer["model"] == "offline-preview"
        assert "【氏名1】さんへの案内文を書いてください。" in answer["answer"] and "山田" not in answer["answer"]
        async with aiohttp.ClientSession() as session:
            async with session.post(f"http://127.0.0.1:{running.port}/slack/events", data=b"{}") as response:
                assert response.status == 404  # no Slack here
            async with session.get(f"http://127.0.0.1:{running.port}/healthz") as response:
                assert (await response.json()) == {"ok": True}
    finally:
        await relay.close()
        await running.aclose()
        await parts.aclose()


async def test_http_mode_serves_slack_and_the_bridge_on_one_port(gate, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.cli.serve import open_server

    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "slack-signing-secret")
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9/api/")  # never called in this test
    parts = await build_parts(Mode.HTTP, gate=gate)
    running = await open_server(parts, mode=Mode.HTTP, host="127.0.0.1", port=0)
    relay = Relay(f"http://127.0.0.1:{running.port}")
    try:
        assert running.bridge.service.pipeline is running.slack.services.pipeline  # one pipeline for both
        response = await relay.session.post(f"http://127.0.0.1:{running.port}/slack/events", data=b"{}")
        assert response.status == 401  # Bolt is there and checks Slack's signature
        response.release()
        reply = await relay.send_message(message("m-2", "挨拶文の例を考えてください。"))
        assert reply.status == 202
    finally:
        await relay.close()
        await running.aclose()
        await parts.aclose()


async def test_socket_mode_still_serves_the_bridge_over_http(gate, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.cli.serve import open_server

    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-test")
    parts = await build_parts(Mode.SOCKET, gate=gate)
    running = await open_server(parts, mode=Mode.SOCKET, host="127.0.0.1", port=0)
    relay = Relay(f"http://127.0.0.1:{running.port}")
    try:
        assert running.slack is not None and running.port is not None
        response = await relay.session.post(f"http://127.0.0.1:{running.port}/slack/events", data=b"{}")
        assert response.status == 404  # Slack comes over the socket, not over HTTP
        response.release()
        assert (await relay.send_message(message("m-3", "挨拶文の例を考えてください。"))).status == 202
    finally:
        await relay.close()
        await running.aclose()
        await parts.aclose()


def test_the_body_limit_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIGATE_BRIDGE_MAX_BODY_BYTES", "30000000")
    assert load_settings(Mode.BRIDGE, known_cities=CITIES).bridge_max_body_bytes == 30_000_000
    monkeypatch.setenv("AIGATE_BRIDGE_MAX_BODY_BYTES", "10KB")
    with pytest.raises(ConfigError) as error:
        load_settings(Mode.BRIDGE, known_cities=CITIES)
    assert any("AIGATE_BRIDGE_MAX_BODY_BYTES" in p and "1.4倍" in p for p in error.value.problems)
