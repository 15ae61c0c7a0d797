"""`python -m bot serve [--socket | --bridge-only | --gateway-only]`: Slack, the bridge and the gateway in one process.

HTTP mode (default) serves `POST /slack/events` and, when AIGATE_BRIDGE_SECRET is set, the
bridge's `/bridge/v1/…` on the same port. `--socket` takes Slack over Socket Mode (and still
serves the bridge over HTTP when it is configured). `--bridge-only` needs no Slack settings.
AIGATE_GATEWAY_KEYS adds the OpenAI-compatible gateway (`/v1/…`, `/dify/moderation`, docs/gateway.md);
`--gateway-only` serves only that.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.config import Mode
    from bot.platforms.bridge.routes import BridgeHTTP
    from bot.platforms.gateway.routes import GatewayHTTP
    from bot.platforms.slack.runtime import SlackRuntime
    from bot.startup import Parts

log = logging.getLogger("aigate.serve")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="ボットを起動します（HTTPモード: POST /slack/events, /bridge/v1/…, GET /healthz）",
        description=(
            "Slackボットを起動します。既定はHTTPモード（PORT で待ち受け）、--socket でソケットモードです。"
            "AIGATE_BRIDGE_SECRET を設定すると、同じポートでWebhookブリッジ（docs/bridge.md）も受け付けます。"
        ),
    )
    modes = parser.add_mutually_exclusive_group()
    modes.add_argument("--socket", action="store_true", help="ソケットモードで起動する（SLACK_APP_TOKEN が必要）")
    modes.add_argument(
        "--bridge-only",
        action="store_true",
        help="Slackを使わず、Webhookブリッジだけを起動する（AIGATE_BRIDGE_SECRET が必要、Slackの設定は不要）",
    )
    modes.add_argument(
        "--gateway-only",
        action="store_true",
        help="Slackを使わず、OpenAI互換ゲートウェイ（/v1/chat/completions, /dify/moderation）だけを起動する"
        "（AIGATE_GATEWAY_KEYS が必要）",
    )
    parser.add_argument("--host", default="0.0.0.0", help="HTTPで待ち受けるアドレス（既定: 0.0.0.0）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    from bot.startup import StartupError

    try:
        return asyncio.run(
            serve(socket_mode=args.socket, bridge_only=args.bridge_only, host=args.host, gateway_only=args.gateway_only)
        )
    except StartupError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0


@dataclass
class RunningServer:
    """What `open_server` started: the HTTP port (None in pure Socket Mode) and how to stop it all."""

    port: int | None
    slack: SlackRuntime | None = None
    bridge: BridgeHTTP | None = None
    gateway: GatewayHTTP | None = None
    closers: list[Callable[[], Awaitable[Any]]] = field(default_factory=list)

    async def aclose(self) -> None:
        for close in reversed(self.closers):
            await close()


async def open_server(parts: Parts, *, mode: Mode, host: str, port: int) -> RunningServer:
    """Start Slack (unless bridge-only) and the bridge (when configured) on one aiohttp server.

    Every platform gets the one pipeline of `parts`: one thread memory and one set of previews.
    """
    from bot.config import Mode
    from bot.platforms.server import Routes, build_server, start_server

    settings = parts.settings
    running = RunningServer(port=None)
    routes: list[Routes] = []
    if mode not in (Mode.BRIDGE, Mode.GATEWAY):
        from bot.platforms.slack.runtime import create_runtime
        from bot.platforms.slack.server import SlackHTTP

        running.slack = await create_runtime(settings, pipeline=parts.pipeline, records=parts.records)
        running.closers.append(running.slack.aclose)
        if mode is Mode.HTTP:
            routes.append(SlackHTTP(running.slack.app))
    if settings.bridge_secret:
        from bot.platforms.bridge.runtime import create_bridge

        running.bridge = create_bridge(
            pipeline=parts.pipeline,
            records=parts.records,
            secret=settings.bridge_secret,
            city=settings.city,
            admins=settings.admins,
            callback_urls=settings.bridge_callback_urls,
            max_body_bytes=settings.bridge_max_body_bytes,
        )
        running.closers.append(running.bridge.service.aclose)
        routes.append(running.bridge)
    if settings.gateway_keys_file:
        running.gateway = open_gateway(parts)
        running.closers.append(running.gateway.service.aclose)
        routes.append(running.gateway)
    if routes:
        runner, running.port = await start_server(build_server(*routes), host, port)
        running.closers.append(runner.cleanup)
    return running


def open_gateway(parts: Parts) -> GatewayHTTP:
    """The gateway on the shared gate, adapter and records, with the keys of AIGATE_GATEWAY_KEYS.

    It builds its own pipeline once, here, from the same gate, adapter and records as `parts.pipeline`
    (a placeholder book per request, answers released sentence by sentence: bot/platforms/gateway/service.py).
    """
    from bot.platforms.gateway.keys import load_keys
    from bot.platforms.gateway.runtime import create_gateway

    settings = parts.settings
    return create_gateway(
        gate=parts.gate,
        adapter=parts.adapter,
        records=parts.records,
        keys=load_keys(settings.gateway_keys_file, parts.gate.policies.cities),
        rate_per_minute=settings.gateway_rate,
        limits=parts.limits,
        file_limits=settings.file_limits,
    )


async def serve(*, socket_mode: bool, host: str, bridge_only: bool = False, gateway_only: bool = False) -> int:
    from bot.config import Mode
    from bot.startup import build_parts

    mode = Mode.BRIDGE if bridge_only else Mode.GATEWAY if gateway_only else Mode.SOCKET if socket_mode else Mode.HTTP
    parts = await build_parts(mode)
    settings = parts.settings
    running: RunningServer | None = None
    jobs: list[asyncio.Task[None]] = []
    try:
        running = await open_server(parts, mode=mode, host=host, port=settings.port)
        from bot.background import start_background_jobs

        # Monday 09:00 JST weekly digest (needs Slack) and the 03:00 JST retention purge, safe in every process.
        slack_client = running.slack.client if running.slack is not None else None
        jobs = start_background_jobs(
            parts.records.db, slack_client, settings.city, parts.gate.policies, admin_channel=settings.admin_channel
        )
        where = f"（市: {settings.city}、モデル: {parts.adapter.model}）"
        if running.gateway is not None:
            print(
                f"OpenAI互換ゲートウェイを起動しました: http://{host}:{running.port}/v1/chat/completions {where}",
                flush=True,
            )
        if running.bridge is not None:
            print(f"Webhookブリッジを起動しました: http://{host}:{running.port}/bridge/v1/messages {where}", flush=True)
        if mode is Mode.HTTP:
            print(f"HTTPモードで起動しました: http://{host}:{running.port}/slack/events {where}", flush=True)
        if mode is Mode.SOCKET and running.slack is not None:
            from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

            handler = AsyncSocketModeHandler(
                running.slack.app, settings.slack_app_token, web_client=running.slack.client
            )
            print(f"ソケットモードで起動しました{where}。", flush=True)
            await handler.start_async()
            return 0
        await asyncio.Event().wait()
        return 0
    finally:
        for job in jobs:
            job.cancel()
        await asyncio.gather(*jobs, return_exceptions=True)
        if running is not None:
            await running.aclose()
        await parts.aclose()
