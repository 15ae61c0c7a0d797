"""`python -m bot doctor`: is the installed Slack app able to do its job?

It calls `auth.test` with the bot token (through SLACK_API_URL), reads the granted scopes from the
`x-oauth-scopes` header and compares them with manifest.yaml. Events cannot be listed with a bot
token, so each subscribed event is checked through the scope it needs: a missing
`channels:history` is why bots went silent in threads (seratch/ChatGPT-in-Slack 69).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

MANIFEST = Path(__file__).resolve().parents[3] / "manifest.yaml"

# The scope without which Slack does not deliver the event to the bot.
EVENT_SCOPES = {
    "app_mention": "app_mentions:read",
    "message.channels": "channels:history",
    "message.groups": "groups:history",
    "message.im": "im:history",
    "message.mpim": "mpim:history",
    "app_home_opened": None,
}


@dataclass
class DoctorReport:
    ok: bool
    team: str = ""
    bot_user: str = ""
    missing_scopes: list[str] = field(default_factory=list)
    undeliverable_events: list[tuple[str, str]] = field(default_factory=list)  # (event, scope it needs)
    error: str | None = None

    def lines(self) -> list[str]:
        if self.error:
            return [f"✗ {self.error}"]
        lines = [f"✓ Slackに接続できました（ワークスペース: {self.team}、ボット: {self.bot_user}）"]
        if self.missing_scopes:
            lines.append("✗ 足りない権限（スコープ）: " + ", ".join(self.missing_scopes))
        else:
            lines.append("✓ manifest.yaml の権限（スコープ）はすべて付与されています")
        for event, scope in self.undeliverable_events:
            lines.append(f"✗ イベント {event} は権限 {scope} がないため届きません")
        if not self.undeliverable_events:
            lines.append("✓ 必要なイベントはすべて届く設定です")
        if self.missing_scopes or self.undeliverable_events:
            lines.append(
                "→ アプリ設定の「OAuth & Permissions」で権限を追加し、ワークスペースに再インストールしてください。"
            )
        return lines


def load_manifest(path: Path = MANIFEST) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def required_scopes(manifest: dict[str, Any]) -> list[str]:
    return list(manifest["oauth_config"]["scopes"]["bot"])


def required_events(manifest: dict[str, Any]) -> list[str]:
    return list(manifest["settings"]["event_subscriptions"]["bot_events"])


async def diagnose(client: AsyncWebClient, manifest: dict[str, Any] | None = None) -> DoctorReport:
    manifest = manifest or load_manifest()
    try:
        response = await client.auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error", "")
        hint = {
            "invalid_auth": "SLACK_BOT_TOKEN が正しくありません（再インストールで変わった可能性があります）。",
            "not_authed": "SLACK_BOT_TOKEN が送られていません。",
            "account_inactive": "このトークンのアプリは無効化されています。",
            "token_revoked": "このトークンは取り消されています。アプリを再インストールしてください。",
        }.get(error, f"Slackがエラーを返しました: {error}")
        return DoctorReport(ok=False, error=f"auth.test に失敗しました。{hint}")
    except Exception as exc:  # unreachable host, TLS, timeouts
        return DoctorReport(ok=False, error=f"Slack（{client.base_url}）に接続できません: {type(exc).__name__}: {exc}")
    header = next((v for k, v in response.headers.items() if k.lower() == "x-oauth-scopes"), "")
    if isinstance(header, list):
        header = ",".join(header)
    granted = {s.strip() for s in str(header).split(",") if s.strip()}
    missing = [s for s in required_scopes(manifest) if s not in granted]
    undeliverable = [
        (event, scope)
        for event in required_events(manifest)
        if (scope := EVENT_SCOPES.get(event)) and scope not in granted
    ]
    return DoctorReport(
        ok=not missing and not undeliverable,
        team=str(response.get("team", "")),
        bot_user=str(response.get("user", "")),
        missing_scopes=missing,
        undeliverable_events=undeliverable,
    )
