"""HTTP mode: `POST /slack/events` (events, commands, interactivity) on the shared server (bot/platforms/server.py)."""

from __future__ import annotations

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

from bot.platforms.server import build_server, start_server

EVENTS_PATH = "/slack/events"


def add_slack_routes(web_app: web.Application, app: AsyncApp) -> None:
    async def slack_events(request: web.Request) -> web.Response:
        bolt_response = await app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_response)

    web_app.router.add_post(EVENTS_PATH, slack_events)


def build_web_app(app: AsyncApp) -> web.Application:
    return build_server(slack=app)


async def start_http(app: AsyncApp, host: str, port: int) -> tuple[web.AppRunner, int]:
    """Start Slack alone; returns the runner (to clean up) and the bound port (port 0: any free one)."""
    return await start_server(build_web_app(app), host, port)
