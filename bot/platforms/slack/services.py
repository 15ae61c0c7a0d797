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
    files: SlackFileDownloader | None = None  # attached files; None: files are refused, never ignored
