"""Listeners by Slack surface: events/, actions/, commands/, views/, each listing its registrations.

Bolt runs only the **first** listener that matches a request (`AsyncApp.async_dispatch` returns on
the first match), so the order of registration is written out, here and in each surface's
`__init__.py`, never derived from file names. Adding a handler is adding its callback in a file of
the right folder and one line in that folder's `register`.
"""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.platforms.slack.listeners import actions, commands, events, views


def register_listeners(app: AsyncApp) -> None:
    events.register(app)
    actions.register(app)
    commands.register(app)
    views.register(app)
