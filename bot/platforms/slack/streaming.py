"""Showing an answer while it streams: Slack's native chat streaming, or a message updated ≤ 1/s.

Native streaming (`chat.startStream` / `appendStream` / `stopStream`) needs `recipient_team_id`
and `recipient_user_id` in channels (openclaw 21213) and is not available everywhere, so the first
call decides: if Slack refuses it, the answer falls back to posting a message and editing it.
`chat.update` is Tier 3 (~50 a minute per workspace), so edits are spaced by `UPDATE_INTERVAL_S`
(bolt-js 2073). Both writers page long answers before Slack's limits.
"""

from __future__ import annotations

import time
from typing import Any, Protocol

from slack_sdk.web.async_client import AsyncWebClient

from bot.conversation.composer import AnswerFooter
from bot.platforms.slack.blocks.answer_builder import (
    PAGE_CHARS,
    PROGRESS_TEXT,
    error_message,
    footer_blocks,
    last_page_message,
    page_message,
    split_text,
)

UPDATE_INTERVAL_S = 1.0


class AnswerWriter(Protocol):
    async def start(self) -> None: ...
    async def append(self, text: str) -> None: ...
    async def finish(self, footer: AnswerFooter, record_id: int | None) -> None: ...
    async def fail(self, message: str) -> None: ...


class UpdatingMessage:
    """A placeholder posted at once, edited at most once per interval, continued in new messages when long."""

    def __init__(
        self, client: AsyncWebClient, channel: str, thread_ts: str, *, interval_s: float = UPDATE_INTERVAL_S
    ) -> None:
        self.client = client
        self.channel = channel
        self.thread_ts = thread_ts
        self.interval_s = interval_s
        self.page_ts: list[str] = []  # one message per page, oldest first
        self.current = ""  # text of the page being written
        self._last_update = 0.0
        self._shown = ""

    async def start(self) -> None:
        response = await self.client.chat_postMessage(
            channel=self.channel, thread_ts=self.thread_ts, text=PROGRESS_TEXT
        )
        self.page_ts.append(response["ts"])

    async def _post_page(self, message: dict[str, Any]) -> None:
        response = await self.client.chat_postMessage(channel=self.channel, thread_ts=self.thread_ts, **message)
        self.page_ts.append(response["ts"])

    async def _update(self, index: int, message: dict[str, Any]) -> None:
        await self.client.chat_update(channel=self.channel, ts=self.page_ts[index], **message)

    async def append(self, text: str) -> None:
        self.current += text
        # A page that outgrew its message is finished and the rest continues in a new message.
        while len(self.current) > PAGE_CHARS:
            page = split_text(self.current, PAGE_CHARS)[0]
            self.current = self.current[len(page) :]
            await self._update(len(self.page_ts) - 1, page_message(page))
            await self._post_page(page_message(self.current, streaming=True))
            self._last_update = time.monotonic()
            self._shown = self.current
        now = time.monotonic()
        if now - self._last_update >= self.interval_s and self.current != self._shown:
            await self._update(len(self.page_ts) - 1, page_message(self.current, streaming=True))
            self._last_update = now
            self._shown = self.current

    async def finish(self, footer: AnswerFooter, record_id: int | None) -> None:
        pages = split_text(self.current, PAGE_CHARS)
        for i, page in enumerate(pages):
            message = last_page_message(page, footer, record_id) if i == len(pages) - 1 else page_message(page)
            if i == 0:
                await self._update(len(self.page_ts) - 1, message)
            else:
                await self._post_page(message)

    async def fail(self, message: str) -> None:
        if not self.page_ts:
            await self._post_page(error_message("", message))
            return
        await self._update(len(self.page_ts) - 1, error_message(self.current, message))


class NativeStream:
    """slack_sdk's chat_stream: one streaming message per page; the footer goes in at stopStream."""

    def __init__(
        self,
        client: AsyncWebClient,
        channel: str,
        thread_ts: str,
        *,
        team_id: str | None,
        user_id: str | None,
        interval_s: float = UPDATE_INTERVAL_S,
    ) -> None:
        self.client = client
        self.channel = channel
        self.thread_ts = thread_ts
        self.team_id = team_id
        self.user_id = user_id
        self.interval_s = interval_s
        self.stream_ts: list[str] = []
        self._page_len = 0
        self._buffer = ""
        self._last_flush = 0.0

    async def _start_stream(self, text: str | None = None) -> None:
        response = await self.client.chat_startStream(
            channel=self.channel,
            thread_ts=self.thread_ts,
            recipient_team_id=self.team_id,
            recipient_user_id=self.user_id,
            markdown_text=text or None,
        )
        self.stream_ts.append(response["ts"])
        self._page_len = len(text or "")

    async def start(self) -> None:
        await self._start_stream()

    async def _flush(self) -> None:
        if not self._buffer:
            return
        text, self._buffer = self._buffer, ""
        await self.client.chat_appendStream(channel=self.channel, ts=self.stream_ts[-1], markdown_text=text)
        self._page_len += len(text)
        self._last_flush = time.monotonic()

    async def append(self, text: str) -> None:
        self._buffer += text
        while self._page_len + len(self._buffer) > PAGE_CHARS:
            room = PAGE_CHARS - self._page_len
            head = split_text(self._buffer, room)[0] if room > 0 else ""
            self._buffer = self._buffer[len(head) :]
            await self.client.chat_stopStream(channel=self.channel, ts=self.stream_ts[-1], markdown_text=head or None)
            await self._start_stream()
        if time.monotonic() - self._last_flush >= self.interval_s:
            await self._flush()

    async def finish(self, footer: AnswerFooter, record_id: int | None) -> None:
        await self.client.chat_stopStream(
            channel=self.channel,
            ts=self.stream_ts[-1],
            markdown_text=self._buffer or None,
            blocks=footer_blocks(footer, record_id),
        )
        self._buffer = ""

    async def fail(self, message: str) -> None:
        await self.client.chat_stopStream(
            channel=self.channel, ts=self.stream_ts[-1], markdown_text=f"{self._buffer}\n\n⚠️ {message}"
        )
        self._buffer = ""
