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

    font_ok = _check_font()
    try:
        settings = check_settings(Mode.DOCTOR)
    except StartupError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"✓ 設定を読み込みました（市: {settings.city}、生成AI: {settings.llm_provider}）")
    slack = asyncio.run(_check_slack(settings.slack_bot_token or "", settings.slack_api_url))
    return slack or (0 if font_ok else 1)


def _check_font() -> bool:
    """The digest chart's Japanese font, shipped with the install (bot/digest/fonts.py)."""
    from bot.digest.fonts import FONT_LABEL_JA, register_japanese_font, shipped_font_path

    if register_japanese_font() is not None:
        print(f"✓ 週次報告のグラフ用の日本語フォント（{FONT_LABEL_JA}）: {shipped_font_path()}")
        return True
    print(
        f"✗ 週次報告のグラフ用の日本語フォント（{FONT_LABEL_JA}）が見つかりません。グラフの文字が英語になります。"
        "このプロジェクトを入れ直してください（pip install -e . で japanize-matplotlib が入ります）。"
    )
    return False


async def _check_slack(token: str, api_url: str) -> int:
    from bot.platforms.slack.doctor import diagnose
    from bot.platforms.slack.web_api import web_client

    report = await diagnose(web_client(token, api_url))
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1
