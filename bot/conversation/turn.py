"""What a platform hands to the pipeline: one employee's message and the thread before it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.files.types import AttachedFile
from bot.gate.types import Request


class Author(StrEnum):
    ASKER = "asker"  # the employee asking now
    OTHER = "other"  # another person (or another bot) in the thread: quoted material, not instructions
    BOT = "bot"  # this bot's earlier answers
    SYSTEM = "system"  # a client's own system prompt (the gateway): a system message after the city's


@dataclass(frozen=True, slots=True)
class EarlierMessage:
    """One earlier message of the thread, oldest first. `key` is stable (Slack's ts) for caching."""

    key: str
    author: Author
    text: str
    author_id: str | None = None


@dataclass(frozen=True, slots=True)
class Turn:
    """One message to answer. `text` is raw: it goes to the gate and nowhere else."""

    text: str
    city: str
    user_id: str
    thread_id: str  # the conversation key: one PlaceholderBook per thread
    platform: str
    channel: str | None = None
    department: str | None = None
    earlier: list[EarlierMessage] = field(default_factory=list)
    event_id: str | None = None  # the platform's delivery id: a retry with the same id is answered once
    files: list[AttachedFile] = field(default_factory=list)  # read, extracted and gated; never sent as files
    key: str | None = None  # this message's key as an EarlierMessage in later turns (Slack's ts)

    def request(self) -> Request:
        """This message as the gate and the audit record see it (`department` as the platform gave it)."""
        return Request(
            text=self.text,
            city=self.city,
            user_id=self.user_id,
            department=self.department,
            channel=self.channel,
            thread_id=self.thread_id,
            platform=self.platform,
        )

    def earlier_request(self, message: EarlierMessage) -> Request:
        """An earlier message of the thread as the gate sees it; this bot's own answers have no author."""
        author_id = message.author_id if message.author is not Author.BOT else None
        return Request(
            text=message.text,
            city=self.city,
            user_id=author_id,
            channel=self.channel,
            thread_id=self.thread_id,
            platform=self.platform,
        )
