"""Start-up settings: every wrong or missing value is named, in Japanese, all at once."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, Mode, load_settings

CITIES = ["iwamizawa", "maebashi", "matsudo", "nagareyama", "niiza"]
ALL_VARS = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "AIGATE_CITY",
    "AIGATE_ADMINS",
    "LLM_PROVIDER",
    "LLM_MODEL",
    "OPENAI_BASE_URL",
    "OPENAI_API_KEY",
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_BASE_URL",
    "DATABASE_URL",
    "PORT",
    "SLACK_NATIVE_STREAMING",
    "AIGATE_ADMIN_GROUPS",
    "AIGATE_ADMIN_CHANNEL",
    "AIGATE_ANNOUNCE_CHANNEL",
    "AIGATE_MAX_PROMPT_CHARS",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ALL_VARS:
        monkeypatch.delenv(name, raising=False)


def problems(mode: Mode) -> list[str]:
    with pytest.raises(ConfigError) as error:
        load_settings(mode, known_cities=CITIES)
    return error.value.problems


def test_http_mode_lists_every_missing_value(monkeypatch: pytest.MonkeyPatch) -> None:
    found = problems(Mode.HTTP)
    assert len(found) == 3
    assert any("AIGATE_CITY が未設定" in p and "nagareyama" in p for p in found)
    assert any("SLACK_BOT_TOKEN が未設定" in p for p in found)
    assert any("SLACK_SIGNING_SECRET が未設定" in p for p in found)


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("AIGATE_CITY", "tokyo", "のポリシーはありません"),
        ("SLACK_BOT_TOKEN", "xoxp-user-token", "xoxb- で始まる"),
        ("SLACK_API_URL", "slack.example", "http:// または https://"),
        ("AIGATE_ADMINS", "U01ABCDEF,山田", "山田 はSlackのユーザーIDではありません"),
        ("LLM_PROVIDER", "gemini", "gemini"),
        ("DATABASE_URL", "mysql://x/y", "DATABASE_URL は"),
        ("PORT", "eighty", "1〜65535"),
        ("AIGATE_ADMIN_GROUPS", "S0ADMINS1,admins", "admins はSlackのユーザーグループIDではありません"),
        ("AIGATE_MAX_PROMPT_CHARS", "many", "1 以上の文字数"),
        ("SLACK_NATIVE_STREAMING", "maybe", "1（使う）か 0（使わない）"),
    ],
)
def test_a_wrong_value_is_named_with_what_to_write(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    monkeypatch.setenv("AIGATE_CITY", "niiza")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv(name, value)
    found = problems(Mode.HTTP)
    assert len(found) == 1 and expected in found[0], found


def test_providers_need_their_keys_and_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIGATE_CITY", "niiza")
    monkeypatch.setenv("LLM_PROVIDER", "anthropic")
    found = problems(Mode.CONSOLE)
    assert any("ANTHROPIC_API_KEY" in p for p in found) and any("LLM_MODEL" in p for p in found)


@pytest.mark.parametrize(
    ("env", "refused"),
    [
        # The three environments on which bot/config.py and adapters/registry.py used to disagree.
        ({"LLM_PROVIDER": "anthropic", "ANTHROPIC_BASE_URL": "http://proxy.local", "LLM_MODEL": "c"}, None),
        (
            {"LLM_PROVIDER": "openai", "OPENAI_BASE_URL": "https://api.openai.com/v1", "LLM_MODEL": "m"},
            "OPENAI_API_KEY",
        ),
        ({"LLM_PROVIDER": " openai ", "OPENAI_BASE_URL": "http://127.0.0.1:8000/v1", "LLM_MODEL": "m"}, None),
        (
            {"LLM_PROVIDER": "openai", "OPENAI_BASE_URL": "localhost:8000", "LLM_MODEL": "m"},
            "OPENAI_BASE_URL の値「localhost:8000」は URL ではありません",
        ),
        ({"LLM_PROVIDER": "bedrock", "LLM_MODEL": "jp.anthropic.claude-x-v1:0"}, "AWS_REGION"),
    ],
)
def test_the_llm_settings_follow_the_adapters_rules_only(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], refused: str | None
) -> None:
    from adapters.registry import build_adapter

    monkeypatch.setenv("AIGATE_CITY", "niiza")
    for name in ("AWS_REGION", "AWS_DEFAULT_REGION"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if refused is None:
        settings = load_settings(Mode.CONSOLE, known_cities=CITIES)
        assert settings.llm_provider == build_adapter().name  # what start-up builds is what was checked
    else:
        found = problems(Mode.CONSOLE)
        assert len(found) == 1 and refused in found[0], found


def test_every_variable_the_app_reads_is_in_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "AIGATE_ADMIN_GROUPS": "S0ADMINS1, S0ADMINS2",
        "AIGATE_ADMIN_CHANNEL": "C0ADMIN",
        "AIGATE_ANNOUNCE_CHANNEL": "C0ALL",
        "AIGATE_MAX_PROMPT_CHARS": "5000",
        "DATABASE_URL": "sqlite:///var/x.sqlite3",
    }.items():
        monkeypatch.setenv(name, value)
    settings = load_settings(Mode.CONSOLE, known_cities=CITIES, default_city="niiza")
    assert settings.admin_groups == ("S0ADMINS1", "S0ADMINS2")
    assert (settings.admin_channel, settings.announce_channel) == ("C0ADMIN", "C0ALL")
    assert settings.max_prompt_chars == 5000
    assert settings.database_url == "sqlite:///var/x.sqlite3"


def test_socket_mode_needs_an_app_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIGATE_CITY", "niiza")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    assert any("SLACK_APP_TOKEN" in p for p in problems(Mode.SOCKET))
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1")
    settings = load_settings(Mode.SOCKET, known_cities=CITIES)
    assert settings.slack_app_token == "xapp-1" and settings.slack_signing_secret is None


def test_the_console_needs_nothing_from_slack_and_defaults_are_sensible(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(Mode.CONSOLE, known_cities=CITIES, default_city="nagareyama")
    assert (settings.city, settings.llm_provider, settings.port) == ("nagareyama", "offline", 3000)
    assert settings.slack_api_url == "https://slack.com/api/"
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9999/api")
    monkeypatch.setenv("AIGATE_ADMINS", " U01ABCDEF , W02GHIJKL ")
    settings = load_settings(Mode.CONSOLE, known_cities=CITIES, default_city="nagareyama")
    assert settings.slack_api_url == "http://127.0.0.1:9999/api/"
    assert settings.admins == ("U01ABCDEF", "W02GHIJKL")


def test_the_message_for_the_operator_lists_each_problem_on_its_own_line() -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(Mode.HTTP, known_cities=CITIES)
    text = str(error.value)
    assert text.startswith("設定に問題があるため起動できません")
    assert text.count("\n  - ") == 3
