"""The pipeline's replies, shown in a Slack thread (answers) or to the asker only (blocks, notices)."""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.conversation.composer import BlockNotice, ConfirmPrompt
from bot.conversation.ports import FinishedAnswer
from bot.gate.types import Decision
from bot.platforms.slack.blocks.block_builder import block_notice_message, notice_message
from bot.platforms.slack.blocks.confirm_builder import confirm_message
from bot.platforms.slack.streaming import AnswerWriter, NativeStream, UpdatingMessage

log = logging.getLogger("aigate.slack")

PROGRESS_STATUS = "回答を作成しています…"


class StreamingSupport:
    """Remembers, per process, whether the workspace accepted native streaming (tried once)."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled


class SlackReplySink:
    def __init__(
        self,
        client: AsyncWebClient,
        *,
        channel: str,
        thread_ts: str,
        user_id: str,
        team_id: str | None,
        streaming: StreamingSupport,
        message_ts: str | None = None,
    ) -> None:
        self.client = client
        self.message_ts = message_ts  # the asker's message, so any process can resume a confirmation
        self.channel = channel
        self.thread_ts = thread_ts
        self.user_id = user_id  # the asker: blocks and notices go to this person only
        self.team_id = team_id
        self.streaming = streaming
        self.writer: AnswerWriter | None = None

    async def decided(self, decision: Decision) -> None:
        """Nothing to show: Slack shows the outcome (progress, block, preview) instead."""

    async def progress(self) -> None:
        if self.channel.startswith("D"):
            # In a direct message (an assistant thread) Slack shows a status under the message box.
            await self._set_status(PROGRESS_STATUS)
        if self.streaming.enabled:
            native = NativeStream(self.client, self.channel, self.thread_ts, team_id=self.team_id, user_id=self.user_id)
            try:
                await native.start()
                self.writer = native
                return
            except SlackApiError as exc:
                log.info("native streaming refused (%s); posting and updating instead", exc.response.get("error"))
                self.streaming.enabled = False
        writer = UpdatingMessage(self.client, self.channel, self.thread_ts)
        await writer.start()
        self.writer = writer

    async def _set_status(self, status: str) -> None:
        try:
            await self.client.assistant_threads_setStatus(
                channel_id=self.channel, thread_ts=self.thread_ts, status=status
            )
        except SlackApiError as exc:  # not an assistant thread: the placeholder or stream shows progress instead
            log.debug("assistant.threads.setStatus refused: %s", exc.response.get("error"))

    async def append(self, text: str) -> None:
        assert self.writer is not None, "progress() first"
        await self.writer.append(text)

    async def finish(self, answer: FinishedAnswer) -> None:
        assert self.writer is not None, "progress() first"
        await self.writer.finish(answer.footer, answer.record_id)

    async def blocked(self, notice: BlockNotice) -> None:
        await self.client.chat_postEphemeral(
            channel=self.channel, user=self.user_id, thread_ts=self.thread_ts, **block_notice_message(notice)
        )

    async def confirm(self, prompt: ConfirmPrompt) -> None:
        await self.client.chat_postMessage(
            channel=self.channel, thread_ts=self.thread_ts, **confirm_message(prompt, self.message_ts)
        )

    async def error(self, message: str) -> None:
        if self.writer is not None:
            await self.writer.fail(message)
        else:
            await self.notice(f"⚠️ {message}" if not message.startswith("⚠️") else message)

    async def notice(self, message: str) -> None:
        await self.client.chat_postEphemeral(
            channel=self.channel, user=self.user_id, thread_ts=self.thread_ts, **notice_message(message)
        )
