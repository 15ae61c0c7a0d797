"""The one aiohttp server of `python -m bot serve`: Slack's events, the webhook bridge, the gateway, `/healthz`.

Either platform may be left out: a city without Slack serves only the bridge (`--bridge-only`),
a city without a relay only Slack. Both share one process, one pipeline and one database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from slack_bolt.async_app import AsyncApp

    from bot.platforms.bridge.routes import BridgeHTTP
    from bot.platforms.gateway.routes import GatewayHTTP


async def healthz(_request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


def build_server(
    *, slack: AsyncApp | None = None, bridge: BridgeHTTP | None = None, gateway: GatewayHTTP | None = None
) -> web.Application:
    web_app = web.Application()
    web_app.router.add_get("/healthz", healthz)
    if slack is not None:
        from bot.platforms.slack.server import add_slack_routes

        add_slack_routes(web_app, slack)
    if bridge is not None:
        from bot.platforms.bridge.routes import add_bridge_routes

        add_bridge_routes(web_app, bridge)
    if gateway is not None:
        from bot.platforms.gateway.routes import add_gateway_routes

        add_gateway_routes(web_app, gateway)
    return web_app


async def start_server(web_app: web.Application, host: str, port: int) -> tuple[web.AppRunner, int]:
    """Start listening; returns the runner (to clean up) and the bound port (port 0: any free one)."""
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, bound
