"""Slack events: the App Home tab, mentions, and plain messages (DMs and follow-ups in answered threads)."""

from slack_bolt.async_app import AsyncApp

from bot.platforms.slack.listeners.events.app_home_opened import handle_app_home_opened
from bot.platforms.slack.listeners.events.app_mentioned import handle_app_mention
from bot.platforms.slack.listeners.events.message_received import handle_message


def register(app: AsyncApp) -> None:
    app.event("app_home_opened")(handle_app_home_opened)
    app.event("app_mention")(handle_app_mention)
    app.event("message")(handle_message)
