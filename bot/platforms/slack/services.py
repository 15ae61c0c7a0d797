"""What every listener needs, handed to them through Bolt's context (`context["aigate"]`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.conversation.pipeline import ConversationPipeline
from bot.conversation.ports import ConversationRecords
from bot.platforms.slack.files import SlackFileDownloader
from bot.platforms.slack.reply_sink import StreamingSupport

CONTEXT_KEY = "aigate"


@dataclass
class SlackServices:
    pipeline: ConversationPipeline
    records: ConversationRecords
    city: str
    streaming: StreamingSupport = field(default_factory=StreamingSupport)
    admins: tuple[str, ...] = ()
    admin_groups: tuple[str, ...] = ()  # Settings.admin_groups: Slack user groups whose members are admins
    admin_channel: str | None = None  # Settings.admin_channel: incident reports
    announce_channel: str | None = None  # Settings.announce_channel: stops and resumes, told to staff
    files: SlackFileDownloader | None = None  # attached files; None: files are refused, never ignored
