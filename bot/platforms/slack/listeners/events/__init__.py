"""Slack events listeners: one handler per module, each with `register(app)`."""

from slack_bolt.async_app import AsyncApp

from bot.platforms.slack.listeners import register_package


def register(app: AsyncApp) -> None:
    register_package(app, __name__, __path__)
