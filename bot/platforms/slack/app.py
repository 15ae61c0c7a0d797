"""The Slack app: Bolt's AsyncApp, our services in its context, every listener registered."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from slack_bolt import BoltResponse
from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.platforms.slack.listeners import register_listeners
from bot.platforms.slack.services import CONTEXT_KEY, SlackServices


def build_app(client: AsyncWebClient, signing_secret: str, services: SlackServices) -> AsyncApp:
    # process_before_response=False: Bolt acks at once and runs listeners afterwards, so Slack
    # never waits (and never retries because of) a model call.
    app = AsyncApp(client=client, signing_secret=signing_secret, process_before_response=False)

    @app.middleware
    async def provide_services(context: AsyncBoltContext, next: Callable[[], Awaitable[BoltResponse]]) -> BoltResponse:
        context[CONTEXT_KEY] = services
        return await next()

    register_listeners(app)
    return app
