"""Slack actions: the buttons under a preview or an answer, and the App Home's controls."""

from slack_bolt.async_app import AsyncApp

from bot.admin.views import ids
from bot.platforms.slack.blocks.answer_builder import ACTION_FEEDBACK_DOWN, ACTION_FEEDBACK_UP, ACTION_REPORT
from bot.platforms.slack.blocks.confirm_builder import ACTION_CONFIRM_CANCEL, ACTION_CONFIRM_SEND
from bot.platforms.slack.listeners.actions.confirm_buttons import handle_confirm_button
from bot.platforms.slack.listeners.actions.feedback_buttons import handle_feedback
from bot.platforms.slack.listeners.actions.home_incident_button import handle_home_incident
from bot.platforms.slack.listeners.actions.home_refresh_button import handle_home_refresh
from bot.platforms.slack.listeners.actions.home_resume_button import handle_home_resume
from bot.platforms.slack.listeners.actions.home_stop_button import handle_home_stop
from bot.platforms.slack.listeners.actions.report_button import handle_report_button


def register(app: AsyncApp) -> None:
    app.action(ACTION_CONFIRM_SEND)(handle_confirm_button)
    app.action(ACTION_CONFIRM_CANCEL)(handle_confirm_button)
    app.action(ACTION_FEEDBACK_UP)(handle_feedback)
    app.action(ACTION_FEEDBACK_DOWN)(handle_feedback)
    app.action(ids.HOME_INCIDENT)(handle_home_incident)
    app.action(ids.HOME_REFRESH)(handle_home_refresh)
    app.action(ids.HOME_RESUME)(handle_home_resume)
    app.action(ids.HOME_STOP)(handle_home_stop)
    app.action(ACTION_REPORT)(handle_report_button)
