"""Slack view submissions: the incident report modal and the App Home's stop modal."""

from slack_bolt.async_app import AsyncApp

from bot.admin.views import ids
from bot.platforms.slack.listeners.views.incident_submitted import handle_incident_submission
from bot.platforms.slack.listeners.views.stop_submitted import handle_stop_submission


def register(app: AsyncApp) -> None:
    app.view(ids.INCIDENT_CALLBACK_ID)(handle_incident_submission)
    app.view(ids.STOP_CALLBACK_ID)(handle_stop_submission)
