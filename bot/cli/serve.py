"""`python -m bot serve [--socket]`: the Slack bot, in HTTP mode (default) or Socket Mode."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

log = logging.getLogger("aigate.serve")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="Slackボットを起動します（HTTPモード: POST /slack/events, GET /healthz）",
        description="Slackボットを起動します。既定はHTTPモード（PORT で待ち受け）、--socket でソケットモードです。",
    )
    parser.add_argument("--socket", action="store_true", help="ソケットモードで起動する（SLACK_APP_TOKEN が必要）")
    parser.add_argument("--host", default="0.0.0.0", help="HTTPモードで待ち受けるアドレス（既定: 0.0.0.0）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    from bot.startup import StartupError

    try:
        return asyncio.run(serve(socket_mode=args.socket, host=args.host))
    except StartupError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0


async def serve(*, socket_mode: bool, host: str) -> int:
    from bot.config import Mode
    from bot.platforms.slack.runtime import create_runtime
    from bot.platforms.slack.server import start_http
    from bot.startup import build_parts

    parts = await build_parts(Mode.SOCKET if socket_mode else Mode.HTTP)
    settings = parts.settings
    runtime = await create_runtime(
        token=settings.slack_bot_token or "",
        signing_secret=settings.slack_signing_secret or "socket-mode-does-not-sign",
        api_url=settings.slack_api_url,
        city=settings.city,
        gate=parts.gate,
        adapter=parts.adapter,
        records=parts.records,
        limits=parts.limits,
        admins=settings.admins,
    )
    try:
        if socket_mode:
            from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

            handler = AsyncSocketModeHandler(runtime.app, settings.slack_app_token, web_client=runtime.client)
            print(f"ソケットモードで起動しました（市: {settings.city}、モデル: {parts.adapter.model}）。", flush=True)
            await handler.start_async()
            return 0
        runner, port = await start_http(runtime.app, host, settings.port)
        print(
            f"HTTPモードで起動しました: http://{host}:{port}/slack/events （市: {settings.city}、"
            f"モデル: {parts.adapter.model}）。",
            flush=True,
        )
        try:
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()
        return 0
    finally:
        await runtime.aclose()
        await parts.aclose()
