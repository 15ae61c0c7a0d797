"""The bot's configuration from the environment (and `.env`), checked once at start-up.

Every missing or wrong value is reported at once, each with a Japanese sentence that says which
variable, what is wrong and what to write instead, so an operator fixes `.env` in one pass.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar
from urllib.parse import urlparse

from adapters import registry
from bot.files.limits import FileLimits, FileLimitsError
from bot.settings import env

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_PORT = 3000
DEFAULT_MAX_PROMPT_CHARS = 20_000
_SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_SLACK_GROUP_ID = re.compile(r"^S[A-Z0-9]{2,}$")
# An employee coming through the webhook bridge: "<platform>:<user id>" (docs/bridge.md).
_BRIDGE_USER_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,19}:\S+$")
BRIDGE_SECRET_MIN_CHARS = 32
BRIDGE_CALLBACK_PREFIX = "AIGATE_BRIDGE_CALLBACK_URL"
BRIDGE_MAX_BODY_BYTES = 256 * 1024
GATEWAY_DEFAULT_RATE = 60
NER_MODES = ("off", "full")  # bot.gate.nlp_engine.NerMode; the first is the default
_SWITCH_ON = frozenset({"1", "true", "yes", "on"})
_SWITCH_OFF = frozenset({"0", "false", "no", "off"})
ALL_CITIES = "*"  # AIGATE_NO_TEXT_CITIES=*: no city keeps prompt text

T = TypeVar("T")


class Mode(StrEnum):
    HTTP = "http"  # python -m bot serve
    SOCKET = "socket"  # python -m bot serve --socket
    CONSOLE = "console"  # python -m bot chat (no Slack at all)
    DOCTOR = "doctor"  # python -m bot doctor (Slack token only)
    BRIDGE = "bridge"  # python -m bot serve --bridge-only (the webhook bridge, no Slack)
    TOOL = "tool"  # python -m bot db / digest: no city, no model; the database (and Slack for --send)
    GATEWAY = "gateway"  # python -m bot serve --gateway-only (the OpenAI-compatible gateway, no Slack)


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
    llm_provider: str = "offline"  # the LLM settings themselves are the adapters' (adapters/registry.py)
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = DEFAULT_SLACK_API_URL
    admins: tuple[str, ...] = field(default_factory=tuple)
    admin_groups: tuple[str, ...] = field(default_factory=tuple)  # AIGATE_ADMIN_GROUPS: Slack user groups (S…)
    admin_channel: str | None = None  # AIGATE_ADMIN_CHANNEL: incident reports and the weekly digest
    announce_channel: str | None = None  # AIGATE_ANNOUNCE_CHANNEL: stops and resumes, told to staff
    max_prompt_chars: int = DEFAULT_MAX_PROMPT_CHARS  # AIGATE_MAX_PROMPT_CHARS: longer prompts are refused
    database_url: str | None = None
    port: int = DEFAULT_PORT
    slack_native_streaming: bool = True  # chat.startStream; off: post, then chat.update ≤ 1/s
    bridge_secret: str | None = None  # AIGATE_BRIDGE_SECRET: the bridge is served when set
    bridge_callback_urls: dict[str, str] = field(default_factory=dict)  # platform ("" = any) → URL
    bridge_max_body_bytes: int = BRIDGE_MAX_BODY_BYTES  # AIGATE_BRIDGE_MAX_BODY_BYTES: raise it for attached files
    file_limits: FileLimits = field(default_factory=FileLimits)  # AIGATE_FILE_MAX_BYTES / _TIMEOUT / _MAX_CHARS
    gateway_keys_file: str | None = None  # AIGATE_GATEWAY_KEYS: the gateway (/v1/…, /dify/…) is served when set
    gateway_rate: int = GATEWAY_DEFAULT_RATE  # AIGATE_GATEWAY_RATE: requests per minute per gateway key
    ner_mode: str = NER_MODES[0]  # AIGATE_NER: "full" also runs GiNZA's NER on every message
    auto_migrate: bool = True  # AIGATE_AUTO_MIGRATE: migrations run at start-up and before the record tools
    no_text_cities: frozenset[str] = frozenset()  # AIGATE_NO_TEXT_CITIES: keep no prompt text ("*": every city)


def _url_problem(name: str, value: str) -> str | None:
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return f"{name} は http:// または https:// で始まるURLにしてください（現在: {value!r}）。"
    return None


def load_settings(mode: Mode, known_cities: list[str] | None = None, default_city: str | None = None) -> Settings:
    """Read and check every variable the mode needs; raise ConfigError listing every problem."""
    problems: list[str] = []

    city = env("AIGATE_CITY", default_city)
    if mode is Mode.TOOL:
        pass  # the tools work on every city's records
    elif not city:
        listed = f"（{', '.join(known_cities)} のいずれか）" if known_cities else ""
        problems.append(f"AIGATE_CITY が未設定です。この市のポリシー名を指定してください{listed}。")
    elif known_cities is not None and city not in known_cities:
        problems.append(
            f"AIGATE_CITY={city!r} のポリシーはありません。{', '.join(known_cities)} のいずれかを指定してください。"
        )

    # The LLM settings have one rulebook, the adapters' own: what start-up will build is what is checked.
    llm_problems = registry.problems(os.environ) if mode is not Mode.TOOL else []
    problems.extend(llm_problems)
    provider = registry.DEFAULT_PROVIDER if llm_problems else registry.provider_name(os.environ)

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
    bad_admins = [a for a in admins if not _SLACK_USER_ID.match(a) and not _BRIDGE_USER_KEY.match(a)]
    if bad_admins:
        problems.append(
            f"AIGATE_ADMINS の {', '.join(bad_admins)} はSlackのユーザーIDではありません。"
            "U で始まるID（プロフィールの「メンバーIDをコピー」）、またはブリッジ経由の職員なら"
            "「プラットフォーム名:ユーザーID」（例: logochat:12345）をカンマ区切りで指定してください。"
        )

    admin_groups = tuple(g.strip() for g in (env("AIGATE_ADMIN_GROUPS") or "").split(",") if g.strip())
    if bad_groups := [g for g in admin_groups if not _SLACK_GROUP_ID.match(g)]:
        problems.append(
            f"AIGATE_ADMIN_GROUPS の {', '.join(bad_groups)} はSlackのユーザーグループIDではありません。"
            "S で始まるID をカンマ区切りで指定してください。"
        )
    prompt_text = env("AIGATE_MAX_PROMPT_CHARS", str(DEFAULT_MAX_PROMPT_CHARS)) or str(DEFAULT_MAX_PROMPT_CHARS)
    max_prompt_chars = DEFAULT_MAX_PROMPT_CHARS
    if not prompt_text.strip().isdigit() or int(prompt_text) < 1:
        problems.append(
            f"AIGATE_MAX_PROMPT_CHARS={prompt_text!r} は 1 以上の文字数にしてください"
            f"（既定 {DEFAULT_MAX_PROMPT_CHARS}）。"
        )
    else:
        max_prompt_chars = int(prompt_text)

    bridge_secret = env("AIGATE_BRIDGE_SECRET")
    if mode is Mode.BRIDGE and not bridge_secret:
        problems.append(
            "AIGATE_BRIDGE_SECRET が未設定です。リレーと共有する署名用のシークレット"
            f"（{BRIDGE_SECRET_MIN_CHARS}文字以上の推測できない文字列。例: openssl rand -hex 32）を指定してください。"
        )
    elif bridge_secret and len(bridge_secret) < BRIDGE_SECRET_MIN_CHARS:
        problems.append(
            f"AIGATE_BRIDGE_SECRET が短すぎます（{len(bridge_secret)}文字）。"
            f"{BRIDGE_SECRET_MIN_CHARS}文字以上にしてください（例: openssl rand -hex 32 の出力）。"
        )
    bridge_callback_urls = bridge_callbacks_from_env()
    body_text = env("AIGATE_BRIDGE_MAX_BODY_BYTES", str(BRIDGE_MAX_BODY_BYTES)) or str(BRIDGE_MAX_BODY_BYTES)
    bridge_max_body_bytes = BRIDGE_MAX_BODY_BYTES
    if not body_text.isdigit() or int(body_text) < 1024:
        problems.append(
            f"AIGATE_BRIDGE_MAX_BODY_BYTES={body_text!r} は 1024 以上のバイト数にしてください"
            f"（既定 {BRIDGE_MAX_BODY_BYTES}。添付ファイルを受け付けるなら、その大きさの約1.4倍）。"
        )
    else:
        bridge_max_body_bytes = int(body_text)
    for platform, url in bridge_callback_urls.items():
        name = f"{BRIDGE_CALLBACK_PREFIX}_{platform.upper().replace('-', '_')}" if platform else BRIDGE_CALLBACK_PREFIX
        if problem := _url_problem(name, url):
            problems.append(problem)

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

    streaming_text = (env("SLACK_NATIVE_STREAMING", "1") or "1").strip().lower()
    if streaming_text not in _SWITCH_ON | _SWITCH_OFF:
        problems.append(f"SLACK_NATIVE_STREAMING={streaming_text!r} は 1（使う）か 0（使わない）で指定してください。")

    file_limits = FileLimits()
    try:
        file_limits = FileLimits.from_env()
    except FileLimitsError as exc:
        problems.append(str(exc))

    gateway_keys_file, gateway_rate = gateway_settings_from_env(mode, known_cities, problems)
    # The tools (db, digest) run no gate and write no audit record: only the migration switch is theirs.
    ner_mode = ner_mode_setting(problems) if mode is not Mode.TOOL else NER_MODES[0]
    auto_migrate = auto_migrate_setting(problems)
    no_text_cities = no_text_cities_setting(problems, known_cities) if mode is not Mode.TOOL else frozenset()

    if problems:
        raise ConfigError(problems)
    return Settings(
        city=city or "",
        llm_provider=provider,
        slack_bot_token=bot_token,
        slack_signing_secret=signing_secret,
        slack_app_token=app_token,
        slack_api_url=slack_api_url,
        admins=admins,
        admin_groups=admin_groups,
        admin_channel=env("AIGATE_ADMIN_CHANNEL"),
        announce_channel=env("AIGATE_ANNOUNCE_CHANNEL"),
        max_prompt_chars=max_prompt_chars,
        database_url=database_url,
        port=port,
        slack_native_streaming=streaming_text in {"1", "true", "yes", "on"},
        bridge_secret=bridge_secret,
        bridge_callback_urls=bridge_callback_urls,
        bridge_max_body_bytes=bridge_max_body_bytes,
        file_limits=file_limits,
        gateway_keys_file=gateway_keys_file,
        gateway_rate=gateway_rate,
        ner_mode=ner_mode,
        auto_migrate=auto_migrate,
        no_text_cities=no_text_cities,
    )


def ner_mode_setting(problems: list[str]) -> str:
    """AIGATE_NER: off (default; names from Sudachi's tags and rules) or full (GiNZA's NER as well)."""
    value = env("AIGATE_NER", NER_MODES[0]) or NER_MODES[0]
    if value not in NER_MODES:
        problems.append(f"AIGATE_NER={value!r} は使えません。full または off を指定してください。")
        return NER_MODES[0]
    return value


def auto_migrate_setting(problems: list[str]) -> bool:
    """AIGATE_AUTO_MIGRATE: 1 (default) brings the schema up to date at start-up; 0 leaves it to `db upgrade`."""
    value = (env("AIGATE_AUTO_MIGRATE", "1") or "1").strip().lower()
    if value not in _SWITCH_ON | _SWITCH_OFF:
        problems.append(
            f"AIGATE_AUTO_MIGRATE={value!r} は 1（起動時にデータベースを自動で更新する）か"
            " 0（自動では更新しない。先に python -m bot db upgrade を実行）で指定してください。"
        )
        return True
    return value in _SWITCH_ON


def no_text_cities_setting(problems: list[str], known_cities: list[str] | None = None) -> frozenset[str]:
    """AIGATE_NO_TEXT_CITIES: the cities (comma separated, `*`: every city) whose records keep no prompt text."""
    listed = frozenset(c.strip() for c in (env("AIGATE_NO_TEXT_CITIES") or "").split(",") if c.strip())
    unknown = sorted(listed - {ALL_CITIES} - set(known_cities)) if known_cities is not None else []
    if unknown:
        problems.append(
            f"AIGATE_NO_TEXT_CITIES の {', '.join(unknown)} は市のポリシー名ではありません。"
            f"{', '.join(known_cities or [])} のいずれかをカンマ区切りで、全市なら * を指定してください。"
        )
    return listed


def one_setting(read: Callable[[list[str]], T]) -> T:
    """One variable, read by the rule `load_settings` applies, for code run without `Settings` (tests, benches).

    Raises ConfigError with the Japanese sentence when the value is wrong.
    """
    problems: list[str] = []
    value = read(problems)
    if problems:
        raise ConfigError(problems)
    return value


def bridge_callbacks_from_env() -> dict[str, str]:
    """AIGATE_BRIDGE_CALLBACK_URL (every platform) and AIGATE_BRIDGE_CALLBACK_URL_<PLATFORM> (one platform).

    The platform part is upper-case with `_` for `-`: AIGATE_BRIDGE_CALLBACK_URL_LOGOCHAT is for
    the platform "logochat", AIGATE_BRIDGE_CALLBACK_URL_MY_CHAT for "my-chat".
    """
    import os

    urls: dict[str, str] = {}
    if default := env(BRIDGE_CALLBACK_PREFIX):
        urls[""] = default
    for name in sorted(os.environ):
        if name.startswith(BRIDGE_CALLBACK_PREFIX + "_") and (value := env(name)):
            urls[name[len(BRIDGE_CALLBACK_PREFIX) + 1 :].lower().replace("_", "-")] = value
    return urls


def gateway_settings_from_env(
    mode: Mode, known_cities: list[str] | None, problems: list[str]
) -> tuple[str | None, int]:
    """AIGATE_GATEWAY_KEYS (the key file, read and checked now) and AIGATE_GATEWAY_RATE (per key, per minute)."""
    keys_file = env("AIGATE_GATEWAY_KEYS")
    if mode is Mode.GATEWAY and not keys_file:
        problems.append(
            "AIGATE_GATEWAY_KEYS が未設定です。ゲートウェイのAPIキーを書いたYAMLファイルのパスを指定してください"
            "（書き方は docs/gateway.md）。"
        )
    elif keys_file:
        from bot.platforms.gateway.keys import KeyFileError, load_keys

        try:
            load_keys(keys_file, known_cities)
        except KeyFileError as exc:
            problems.append(str(exc))
    rate_text = (env("AIGATE_GATEWAY_RATE", str(GATEWAY_DEFAULT_RATE)) or "").strip()
    if not rate_text.isdigit():
        problems.append(
            f"AIGATE_GATEWAY_RATE={rate_text!r} は、キーごとの1分あたりの上限回数（0 は無制限）を数字で指定してください"
            f"（既定 {GATEWAY_DEFAULT_RATE}）。"
        )
        return keys_file, GATEWAY_DEFAULT_RATE
    return keys_file, int(rate_text)
