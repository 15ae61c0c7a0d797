"""From a Slack message event to a pipeline turn, once per event even when Slack retries.

Bolt has already acked the request when this runs. Slack resends an event whose ack it did not
see in 3 seconds (same `event_id`, header `X-Slack-Retry-Num`); the database claim lets exactly one
delivery, in any process, reach the model (seratch/ChatGPT-in-Slack 27, python-slack-sdk 1487).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.conversation.ports import RecordsUnavailable
from bot.conversation.turn import Turn
from bot.files.attaching import FILES_ONLY_QUESTION
from bot.files.limits import FileLimits
from bot.files.types import AttachedFile, FileUnreadable
from bot.platforms.slack.blocks.block_builder import notice_message
from bot.platforms.slack.reply_sink import SlackReplySink
from bot.platforms.slack.services import SlackServices, services_of
from bot.platforms.slack.thread_history import BotIdentity, earlier_messages, fetch_thread, strip_mentions

log = logging.getLogger("aigate.slack")

EMPTY_QUESTION = "ℹ️ 質問や依頼の内容を、メンションに続けて書いてください。（例: @aigate この文章を要約してください）"
INTERNAL_ERROR = "処理中に問題が発生しました。もう一度お試しください。続く場合は管理者に連絡してください。"


def bot_identity(context: AsyncBoltContext) -> BotIdentity:
    return BotIdentity(user_id=context.get("bot_user_id"), bot_id=context.get("bot_id"))


# A message carrying files arrives with subtype file_share; it is a person's new message all the same.
HUMAN_SUBTYPES = frozenset({"file_share"})


def is_human_message(event: dict[str, Any], bot: BotIdentity) -> bool:
    """A new message by a person (with or without files): not a bot's, not an edit, a deletion or another subtype."""
    subtype = event.get("subtype")
    if (subtype and subtype not in HUMAN_SUBTYPES) or event.get("bot_id") or event.get("edited"):
        return False
    return bool(event.get("user")) and not bot.wrote(event)


def slack_turn(
    services: SlackServices,
    bot: BotIdentity,
    *,
    channel: str,
    user: str,
    ts: str,
    thread_ts: str,
    text: str,
    thread: list[dict[str, Any]],
    event_id: str | None,
    files: list[dict[str, Any]] | None = None,
) -> Turn:
    question = strip_mentions(text, bot.user_id)
    if not question and files:
        question = FILES_ONLY_QUESTION
    return Turn(
        text=question,
        city=services.city,
        user_id=user,
        thread_id=f"{channel}:{thread_ts}",
        platform="slack",
        channel=channel,
        earlier=earlier_messages(thread, current_ts=ts, asker_id=user, bot=bot),
        event_id=event_id,
        files=attached_files(services, files or []),
        key=ts,
    )


def attached_files(services: SlackServices, files: list[dict[str, Any]]) -> list[AttachedFile]:
    if not files:
        return []
    if services.files is None:  # no downloader: the files are refused, never silently left out
        return [
            AttachedFile(name=str(f.get("name") or "ファイル"), size=None, mimetype=None, fetch=_cannot_download)
            for f in files
        ]
    return services.files.attached(files)


async def _cannot_download(limits: FileLimits) -> bytes:
    raise FileUnreadable("ファイル", "この環境ではファイルを読み込めません。", kind="unavailable")


async def answer_event(
    client: AsyncWebClient,
    context: AsyncBoltContext,
    body: dict[str, Any],
    event: dict[str, Any],
    *,
    thread: list[dict[str, Any]] | None = None,
) -> None:
    services = services_of(context)
    bot = bot_identity(context)
    channel, user, ts = event["channel"], event["user"], event["ts"]
    thread_ts = event.get("thread_ts") or ts
    sink = SlackReplySink(
        client,
        channel=channel,
        thread_ts=thread_ts,
        user_id=user,
        team_id=event.get("team") or body.get("team_id"),
        streaming=services.streaming,
        message_ts=ts,
    )
    event_id = str(body.get("event_id") or "") or None
    try:
        files = list(event.get("files") or [])
        if not strip_mentions(str(event.get("text") or ""), bot.user_id) and not files:
            if event_id and not await services.records.claim_event(event_id):
                return
            await client.chat_postEphemeral(
                channel=channel, user=user, thread_ts=thread_ts, **notice_message(EMPTY_QUESTION)
            )
            return
        if files and services.files is not None:
            files = await services.files.complete(files)
        if thread is None and event.get("thread_ts"):
            thread = await fetch_thread(client, channel, thread_ts)
        turn = slack_turn(
            services,
            bot,
            channel=channel,
            user=user,
            ts=ts,
            thread_ts=thread_ts,
            text=str(event.get("text") or ""),
            thread=thread or [],
            event_id=event_id,
            files=files,
        )
        await services.pipeline.handle(turn, sink)
    except RecordsUnavailable as exc:
        await sink.notice(exc.message)
    except Exception:
        log.exception("answering event %s failed", event_id)
        try:
            await sink.error(INTERNAL_ERROR)
        except Exception:
            log.exception("could not tell the asker")
