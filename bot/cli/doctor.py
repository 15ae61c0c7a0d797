"""`python -m bot doctor`: check the settings, the chosen model, and the Slack app's scopes and events."""

from __future__ import annotations

import argparse
import asyncio
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "doctor",
        help="設定・生成AIへの接続・Slackアプリの権限とイベントを確認します",
        description=(
            "環境変数を確認し、選んだ生成AI（LLM_PROVIDER）に短い確認用の依頼（個人情報を含まない定型文）を送って"
            "接続・認証・モデル名を確かめ、Slackの auth.test を呼んで足りない権限（スコープ）とイベントを表示します。"
        ),
    )
    parser.add_argument(
        "--llm-only", action="store_true", help="生成AIの確認だけを行います（Slackのトークンは不要です）"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from bot.config import Mode
    from bot.startup import StartupError, check_settings

    font_ok = _check_font()
    try:
        settings = check_settings(Mode.CONSOLE if args.llm_only else Mode.DOCTOR)
    except StartupError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"✓ 設定を読み込みました（市: {settings.city}、生成AI: {settings.llm_provider}）")
    model_ok = asyncio.run(_check_model())
    if args.llm_only:
        return 0 if model_ok and font_ok else 1
    slack = asyncio.run(_check_slack(settings.slack_bot_token or "", settings.slack_api_url))
    return slack or (0 if model_ok and font_ok else 1)


async def _check_model() -> bool:
    from adapters.doctor import check_model
    from adapters.registry import build_adapter

    adapter = build_adapter()  # the settings were checked by the same rules just now
    try:
        result = await check_model(adapter)
    finally:
        await adapter.aclose()
    for line in result.lines:
        print(line)
    return result.ok


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
