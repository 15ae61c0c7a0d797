"""The one aiohttp server of `python -m bot serve`: Slack's events, the webhook bridge, the gateway, `/healthz`.

Either platform may be left out: a city without Slack serves only the bridge (`--bridge-only`),
a city without a relay only Slack. Both share one process, one pipeline and one database.

The dependency runs one way, as in slack_bolt's `AsyncSlackAppServer`: each platform hands over an
object that installs its own routes (`SlackHTTP`, `BridgeHTTP`, `GatewayHTTP`); this module never
imports a platform.
"""

from __future__ import annotations

from typing import Protocol

from aiohttp import web


class Routes(Protocol):
    """A platform's HTTP surface: adds its routes (and any middleware) to the shared application."""

    def add_routes(self, web_app: web.Application) -> None: ...


async def healthz(_request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


def build_server(*platforms: Routes) -> web.Application:
    web_app = web.Application()
    web_app.router.add_get("/healthz", healthz)
    for platform in platforms:
        platform.add_routes(web_app)
    return web_app


async def start_server(web_app: web.Application, host: str, port: int) -> tuple[web.AppRunner, int]:
    """Start listening; returns the runner (to clean up) and the bound port (port 0: any free one)."""
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, bound
