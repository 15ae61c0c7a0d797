"""HTTP mode: `POST /slack/events` (events, commands, interactivity) on the shared server (bot/platforms/server.py)."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

EVENTS_PATH = "/slack/events"


@dataclass(frozen=True)
class SlackHTTP:
    """The Bolt app's HTTP surface, handed to `build_server` like the bridge's and the gateway's."""

    app: AsyncApp

    def add_routes(self, web_app: web.Application) -> None:
        app = self.app

        async def slack_events(request: web.Request) -> web.Response:
            bolt_response = await app.async_dispatch(await to_bolt_request(request))
            return await to_aiohttp_response(bolt_response)

        web_app.router.add_post(EVENTS_PATH, slack_events)
