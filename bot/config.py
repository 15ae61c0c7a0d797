"""The bot's configuration from the environment (and `.env`), checked once at start-up.

Every missing or wrong value is reported at once, each with a Japanese sentence that says which
variable, what is wrong and what to write instead, so an operator fixes `.env` in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlparse

from bot.settings import env

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_PORT = 3000
PROVIDERS = ("offline", "openai", "anthropic")
_SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


class Mode(StrEnum):
    HTTP = "http"  # python -m bot serve
    SOCKET = "socket"  # python -m bot serve --socket
    CONSOLE = "console"  # python -m bot chat (no Slack at all)
    DOCTOR = "doctor"  # python -m bot doctor (Slack token only)


class ConfigError(Exception):
    """One or more settings are wrong; `problems` are Japanese sentences, one per variable."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))

    def __str__(self) -> str:
        lines = "\n".join(f"  - {p}" for p in self.problems)
        return f"設定に問題があるため起動できません（.env または環境変数を確認してください）:\n{lines}"


@dataclass(frozen=True)
class Settings:
    city: str
    llm_provider: str = "offline"
    llm_model: str | None = None
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = DEFAULT_SLACK_API_URL
    admins: tuple[str, ...] = field(default_factory=tuple)
    openai_base_url: str | None = None
    openai_api_key: str | None = None
    anthropic_api_key: str | None = None
    anthropic_base_url: str | None = None
    database_url: str | None = None
    port: int = DEFAULT_PORT


def _url_problem(name: str, value: str) -> str | None:
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return f"{name} は http:// または https:// で始まるURLにしてください（現在: {value!r}）。"
    return None


def load_settings(
    mode: Mode, known_cities: list[str] | None = None, default_city: str | None = None
) -> Settings:
    """Read and check every variable the mode needs; raise ConfigError listing every problem."""
    problems: list[str] = []

    city = env("AIGATE_CITY", default_city)
    if not city:
        listed = f"（{', '.join(known_cities)} のいずれか）" if known_cities else ""
        problems.append(f"AIGATE_CITY が未設定です。この市のポリシー名を指定してください{listed}。")
    elif known_cities is not None and city not in known_cities:
        problems.append(
            f"AIGATE_CITY={city!r} のポリシーはありません。{', '.join(known_cities)} のいずれかを指定してください。"
        )

    provider = (env("LLM_PROVIDER", "offline") or "offline").lower()
    if provider not in PROVIDERS:
        problems.append(
            f"LLM_PROVIDER={provider!r} には対応していません。"
            "offline / openai / anthropic のいずれかを指定してください。"
        )
    openai_base_url = env("OPENAI_BASE_URL")
    anthropic_base_url = env("ANTHROPIC_BASE_URL")
    for name, value in (("OPENAI_BASE_URL", openai_base_url), ("ANTHROPIC_BASE_URL", anthropic_base_url)):
        if value and (problem := _url_problem(name, value)):
            problems.append(problem)
    if provider == "openai" and not env("OPENAI_API_KEY") and not openai_base_url:
        problems.append(
            "LLM_PROVIDER=openai には OPENAI_API_KEY が必要です（社内の互換サーバーなら OPENAI_BASE_URL も指定）。"
        )
    if provider == "anthropic" and not env("ANTHROPIC_API_KEY"):
        problems.append("LLM_PROVIDER=anthropic には ANTHROPIC_API_KEY が必要です。")
    if provider in ("openai", "anthropic") and not env("LLM_MODEL"):
        problems.append(f"LLM_PROVIDER={provider} では LLM_MODEL（使うモデル名）を指定してください。")

    bot_token = env("SLACK_BOT_TOKEN")
    signing_secret = env("SLACK_SIGNING_SECRET")
    app_token = env("SLACK_APP_TOKEN")
    if mode in (Mode.HTTP, Mode.SOCKET, Mode.DOCTOR):
        if not bot_token:
            problems.append(
                "SLACK_BOT_TOKEN が未設定です。"
                "Slackアプリの「OAuth & Permissions」にある xoxb- で始まるトークンを指定してください。"
            )
        elif not bot_token.startswith("xoxb-"):
            problems.append(
                "SLACK_BOT_TOKEN は xoxb- で始まるボットトークンにしてください（xoxp- や xapp- ではありません）。"
            )
    if mode is Mode.HTTP and not signing_secret:
        problems.append(
            "SLACK_SIGNING_SECRET が未設定です。"
            "Slackアプリの「Basic Information」にある Signing Secret を指定してください。"
        )
    if mode is Mode.SOCKET:
        if not app_token:
            problems.append(
                "ソケットモードには SLACK_APP_TOKEN"
                "（xapp- で始まるアプリレベルトークン、connections:write）が必要です。"
            )
        elif not app_token.startswith("xapp-"):
            problems.append("SLACK_APP_TOKEN は xapp- で始まるアプリレベルトークンにしてください。")

    slack_api_url = env("SLACK_API_URL", DEFAULT_SLACK_API_URL) or DEFAULT_SLACK_API_URL
    if problem := _url_problem("SLACK_API_URL", slack_api_url):
        problems.append(problem)
    elif not slack_api_url.endswith("/"):
        slack_api_url += "/"

    admins = tuple(a.strip() for a in (env("AIGATE_ADMINS") or "").split(",") if a.strip())
    bad_admins = [a for a in admins if not _SLACK_USER_ID.match(a)]
    if bad_admins:
        problems.append(
            f"AIGATE_ADMINS の {', '.join(bad_admins)} はSlackのユーザーIDではありません。"
            "U で始まるID（プロフィールの「メンバーIDをコピー」）をカンマ区切りで指定してください。"
        )

    database_url = env("DATABASE_URL")
    if database_url and not re.match(r"^(sqlite|postgres(ql)?)(\+\w+)?://", database_url):
        problems.append(
            "DATABASE_URL は sqlite:///ファイル名 または postgresql://ユーザー@ホスト/DB名 の形にしてください。"
        )

    port_text = env("PORT", str(DEFAULT_PORT)) or str(DEFAULT_PORT)
    port = DEFAULT_PORT
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        problems.append(f"PORT={port_text!r} は 1〜65535 の数字にしてください。")
    else:
        port = int(port_text)

    if problems:
        raise ConfigError(problems)
    return Settings(
        city=city or "",
        llm_provider=provider,
        llm_model=env("LLM_MODEL"),
        slack_bot_token=bot_token,
        slack_signing_secret=signing_secret,
        slack_app_token=app_token,
        slack_api_url=slack_api_url,
        admins=admins,
        openai_base_url=openai_base_url,
        openai_api_key=env("OPENAI_API_KEY"),
        anthropic_api_key=env("ANTHROPIC_API_KEY"),
        anthropic_base_url=anthropic_base_url,
        database_url=database_url,
        port=port,
    )
