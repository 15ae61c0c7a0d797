"""`python -m bot serve --gateway-only`: no Slack setting, the key file checked at start-up."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import openai
import pytest

from bot.config import ConfigError, Mode, load_settings
from bot.platforms.gateway.keys import KeyFileError, load_keys
from bot.startup import build_parts
from tests.platforms.gateway.conftest import IWAMIZAWA_KEY, KEYS_YAML, NIIZA_KEY

CITIES = ["iwamizawa", "maebashi", "matsudo", "nagareyama", "niiza"]
VARS = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "AIGATE_BRIDGE_SECRET",
    "LLM_PROVIDER",
    "LLM_MODEL",
    "PORT",
    "AIGATE_GATEWAY_KEYS",
    "AIGATE_GATEWAY_RATE",
)


@pytest.fixture(autouse=True)
def gateway_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, keys_file: Path) -> None:
    for name in VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AIGATE_CITY", "iwamizawa")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'serve.sqlite3'}")
    monkeypatch.setenv("AIGATE_GATEWAY_KEYS", str(keys_file))


def test_gateway_only_needs_no_slack_setting(keys_file: Path) -> None:
    settings = load_settings(Mode.GATEWAY, known_cities=CITIES)
    assert settings.gateway_keys_file == str(keys_file) and settings.gateway_rate == 60
    assert settings.slack_bot_token is None


def test_gateway_settings_are_checked_in_japanese(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("keys:\n  - key: short\n    city: niiza\n    user: a\n", encoding="utf-8")
    monkeypatch.setenv("AIGATE_GATEWAY_KEYS", str(bad))
    monkeypatch.setenv("AIGATE_GATEWAY_RATE", "たくさん")
    with pytest.raises(ConfigError) as error:
        load_settings(Mode.GATEWAY, known_cities=CITIES)
    problems = error.value.problems
    assert len(problems) == 2
    assert any("1 番目のキー" in p and "24 文字以上" in p for p in problems)
    assert any("AIGATE_GATEWAY_RATE" in p and "1分あたり" in p for p in problems)
    monkeypatch.delenv("AIGATE_GATEWAY_KEYS")
    monkeypatch.delenv("AIGATE_GATEWAY_RATE")
    with pytest.raises(ConfigError) as error:
        load_settings(Mode.GATEWAY, known_cities=CITIES)
    assert any("AIGATE_GATEWAY_KEYS が未設定" in p for p in error.value.problems)


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("keys: []", "keys: の一覧"),
        ("keys:\n  - key_sha256: abc\n    city: niiza\n    user: a\n", "16進数64桁"),
        (f"keys:\n  - key: {IWAMIZAWA_KEY}\n    city: osaka\n    user: a\n", "city='osaka'"),
        (f"keys:\n  - key: {IWAMIZAWA_KEY}\n    city: niiza\n", "user"),
        (
            f"keys:\n  - key: {IWAMIZAWA_KEY}\n    key_sha256: {'0' * 64}\n    city: niiza\n    user: a\n",
            "どちらか一方",
        ),
        (
            f"keys:\n  - key: {IWAMIZAWA_KEY}\n    city: niiza\n    user: a\n  - key: {IWAMIZAWA_KEY}\n"
            "    city: niiza\n    user: b\n",
            "同じキー",
        ),
    ],
)
def test_key_file_problems_name_the_entry(tmp_path: Path, yaml_text: str, expected: str) -> None:
    path = tmp_path / "keys.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(KeyFileError) as error:
        load_keys(path, CITIES)
    assert expected in str(error.value)
    assert IWAMIZAWA_KEY not in str(error.value)  # a key is never repeated in a message


def test_keys_are_found_by_their_hash_only(keys_file: Path) -> None:
    keys = load_keys(keys_file, CITIES)
    assert len(keys) == 3 and KEYS_YAML.count("key_sha256") == 1
    assert keys.find(f"Bearer {NIIZA_KEY}").city == "niiza"
    assert keys.find(f"bearer {IWAMIZAWA_KEY}").user_key == "gateway:dify-soumu"
    assert keys.find(IWAMIZAWA_KEY) is None and keys.find("Bearer ") is None and keys.find(None) is None
    assert IWAMIZAWA_KEY not in repr(keys.find(f"Bearer {IWAMIZAWA_KEY}"))


async def test_serve_gateway_only_answers_with_the_offline_adapter(gate) -> None:
    from bot.cli.serve import open_server

    parts = await build_parts(Mode.GATEWAY, gate=gate)
    running = await open_server(parts, mode=Mode.GATEWAY, host="127.0.0.1", port=0)
    client = openai.AsyncOpenAI(api_key=IWAMIZAWA_KEY, base_url=f"http://127.0.0.1:{running.port}/v1", max_retries=0)
    try:
        assert running.slack is None and running.bridge is None
        reply = await client.chat.completions.create(
            model="aigate", messages=[{"role": "user", "content": "山田太郎さんへの案内文を書いてください。"}]
        )
        content = reply.choices[0].message.content
        assert reply.model == "offline-preview" and "【氏名1】さんへの案内文を書いてください。" in content
        assert "山田" not in content
        async with aiohttp.ClientSession() as session:
            async with session.post(f"http://127.0.0.1:{running.port}/slack/events", data=b"{}") as response:
                assert response.status == 404  # no Slack here
            async with session.get(f"http://127.0.0.1:{running.port}/healthz") as response:
                assert response.status == 200
    finally:
        await client.close()
        await running.aclose()
        await parts.aclose()
