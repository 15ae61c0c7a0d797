"""What every listener needs, handed to them through Bolt's context (`context["aigate"]`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from slack_bolt.async_app import AsyncBoltContext

from bot.admin import AdminService
from bot.conversation.pipeline import ConversationPipeline
from bot.conversation.ports import ConversationRecords
from bot.platforms.slack.files import SlackFileDownloader
from bot.platforms.slack.reply_sink import StreamingSupport

CONTEXT_KEY = "aigate"


@dataclass
class SlackServices:
    pipeline: ConversationPipeline
    records: ConversationRecords
    admin: AdminService  # shares the records' SuspensionStore: a stop made here applies here at once
    city: str
    streaming: StreamingSupport = field(default_factory=StreamingSupport)
    admins: tuple[str, ...] = ()
    admin_groups: tuple[str, ...] = ()  # Settings.admin_groups: Slack user groups whose members are admins
    admin_channel: str | None = None  # Settings.admin_channel: incident reports
    announce_channel: str | None = None  # Settings.announce_channel: stops and resumes, told to staff
    files: SlackFileDownloader | None = None  # attached files; None: files are refused, never ignored


def services_of(context: AsyncBoltContext) -> SlackServices:
    """The services `app.py`'s middleware put into this request's context."""
    services: SlackServices = context[CONTEXT_KEY]
    return services
