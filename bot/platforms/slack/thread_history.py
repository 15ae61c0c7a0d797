"""A Slack thread as earlier messages for the pipeline (conversations.replies).

A mention in the middle of a thread must read what came before (cc-connect 1749, openclaw 12586).
Each message is labelled by who wrote it: the asker, someone else (quoted, never obeyed), or this
bot (only its answers; progress notes, previews and notices are left out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.conversation.turn import Author, EarlierMessage
from bot.files.attaching import FILES_ONLY_QUESTION
from bot.platforms.slack.blocks.answer_builder import NOTICE_MARKERS

MAX_THREAD_MESSAGES = 200
_MENTION = re.compile(r"<@[A-Z0-9]+>\s*")


@dataclass(frozen=True, slots=True)
class BotIdentity:
    user_id: str | None
    bot_id: str | None

    def wrote(self, message: dict[str, Any]) -> bool:
        return bool(
            (self.bot_id and message.get("bot_id") == self.bot_id)
            or (self.user_id and message.get("user") == self.user_id)
        )


def strip_mentions(text: str, bot_user_id: str | None) -> str:
    """The question without the bot's mention (other people's mentions stay: they are content)."""
    if bot_user_id:
        text = text.replace(f"<@{bot_user_id}>", "")
    return text.strip()


async def fetch_thread(client: AsyncWebClient, channel: str, thread_ts: str) -> list[dict[str, Any]]:
    response = await client.conversations_replies(channel=channel, ts=thread_ts, limit=MAX_THREAD_MESSAGES)
    return list(response.get("messages") or [])


def bot_answered(messages: list[dict[str, Any]], bot: BotIdentity) -> bool:
    return any(bot.wrote(m) and not _is_notice(m) for m in messages)


def earlier_messages(
    messages: list[dict[str, Any]], *, current_ts: str, asker_id: str, bot: BotIdentity
) -> list[EarlierMessage]:
    """The thread before `current_ts`, oldest first, labelled by author."""
    earlier: list[EarlierMessage] = []
    for message in messages:
        ts = str(message.get("ts", ""))
        if not ts or _as_float(ts) >= _as_float(current_ts):
            continue
        if message.get("subtype") in {"message_deleted", "channel_join", "channel_leave"}:
            continue
        text = str(message.get("text") or "")
        if bot.wrote(message):
            if _is_notice(message):
                continue
            author = Author.BOT
        elif message.get("user") == asker_id and not message.get("bot_id"):
            author = Author.ASKER
        else:
            author = Author.OTHER
        text = strip_mentions(text, bot.user_id)
        if not text and message.get("files"):
            text = FILES_ONLY_QUESTION  # a files-only message; its extract comes from the thread's memory
        if text:
            earlier.append(EarlierMessage(key=ts, author=author, text=text, author_id=message.get("user")))
    return earlier


def _is_notice(message: dict[str, Any]) -> bool:
    return str(message.get("text") or "").startswith(NOTICE_MARKERS)


def _as_float(ts: str) -> float:
    try:
        return float(ts)
    except ValueError:
        return 0.0
