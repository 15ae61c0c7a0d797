"""`python -m bot doctor`: check the settings and the Slack app's scopes and events."""

from __future__ import annotations

import argparse
import asyncio
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "doctor",
        help="設定とSlackアプリの権限・イベントを確認します",
        description="環境変数を確認し、Slackの auth.test を呼んで、足りない権限（スコープ）とイベントを表示します。",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from bot.config import Mode
    from bot.startup import StartupError, check_settings

    try:
        settings = check_settings(Mode.DOCTOR)
    except StartupError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"✓ 設定を読み込みました（市: {settings.city}、生成AI: {settings.llm_provider}）")
    return asyncio.run(_check_slack(settings.slack_bot_token or "", settings.slack_api_url))


async def _check_slack(token: str, api_url: str) -> int:
    from bot.platforms.slack.doctor import diagnose
    from bot.platforms.slack.web_api import web_client

    report = await diagnose(web_client(token, api_url))
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1
