"""`python -m bot chat`: the local console — the whole pipeline in a terminal, no Slack needed."""

from __future__ import annotations

import argparse
import asyncio
import sys

DEFAULT_CITY = "nagareyama"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "chat",
        help="ターミナルでボットを試します（Slack不要。既定は生成AIに接続しない offline）",
        description="Slackなしで、匿名加工・禁止用途のブロック・回答の出所表示をターミナルで確認できます。"
        "標準入力をパイプで渡すと非対話で動きます。",
    )
    parser.add_argument("--city", help=f"市のポリシー名（既定: AIGATE_CITY、未設定なら {DEFAULT_CITY}）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from bot.gate.policy import PolicyBook, PolicyError, UnknownCityError
    from bot.startup import StartupError

    if args.city:
        try:  # the option's own mistake, not AIGATE_CITY's
            PolicyBook.load().get(args.city)
        except (UnknownCityError, PolicyError) as exc:
            print(f"--city {args.city}: {exc}", file=sys.stderr)
            return 2
    try:
        return asyncio.run(chat(args.city))
    except StartupError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0


async def chat(city: str | None) -> int:
    import os

    from bot.config import Mode
    from bot.platforms.console.session import ConsoleSession
    from bot.startup import build_parts

    if city:
        os.environ["AIGATE_CITY"] = city
    print("個人情報チェック（日本語モデル）を準備しています…（数秒〜数十秒）", file=sys.stderr, flush=True)
    parts = await build_parts(Mode.CONSOLE, default_city=DEFAULT_CITY)
    try:
        policy = parts.gate.policies.get(parts.settings.city)
        print(f"{policy.name}（{policy.guideline}）のルールで動いています。", flush=True)
        print(f"生成AI: {parts.adapter.name} / {parts.adapter.model}", flush=True)
        return await ConsoleSession(parts.pipeline, parts.settings.city).run()
    finally:
        await parts.aclose()
