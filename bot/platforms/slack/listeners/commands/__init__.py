"""Slack commands: every /aigate-* command goes to the one admin-command handler (see its table)."""

from slack_bolt.async_app import AsyncApp

from bot.platforms.slack.listeners.commands.admin_commands import ADMIN_COMMANDS, handle_admin_command


def register(app: AsyncApp) -> None:
    for command in ADMIN_COMMANDS:
        app.command(command)(handle_admin_command)
