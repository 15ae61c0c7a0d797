"""The pipeline's replies for one bridge message, collected rather than shown.

A relay has no message to edit while an answer streams, so the pieces are gathered and the
whole answer is delivered once. `shown` is set at the first reply the employee would see, which
is when the bridge can answer the relay's POST: right after the gate, before the model runs.
"""

from __future__ import annotations

import asyncio
from typing import Any

from bot.conversation.composer import BlockNotice, ConfirmPrompt
from bot.conversation.ports import FinishedAnswer
from bot.gate.types import Decision
from bot.platforms.bridge import render


class PreviewChanged(Exception):
    """The message sent again with a confirm did not give the preview the asker approved."""


class BridgeReplySink:
    def __init__(
        self, message_id: str, masked_counts: dict[str, int] | None = None, *, approved_preview: str | None = None
    ) -> None:
        self.message_id = message_id
        # Set when a confirm re-runs the message in a process that did not show the preview: the gate
        # must give exactly the text the asker approved, or nothing is recorded or sent.
        self.approved_preview = approved_preview
        self.decision: Decision | None = None
        # After a confirm the pipeline does not decide again; the stored decision's counts are used.
        self.masked_counts = dict(masked_counts or {})
        self.answering = False  # the model has been called (progress shown)
        self.reply: dict[str, Any] | None = None  # the last reply for the employee
        self.pending_id: str | None = None
        self.pieces: list[str] = []
        self.shown = asyncio.Event()

    async def decided(self, decision: Decision) -> None:
        if self.approved_preview is not None and decision.redacted_text != self.approved_preview:
            raise PreviewChanged()
        self.decision = decision
        self.masked_counts = dict(decision.masked_counts)

    async def progress(self) -> None:
        self.answering = True
        self.shown.set()

    async def append(self, text: str) -> None:
        self.pieces.append(text)

    async def finish(self, answer: FinishedAnswer) -> None:
        self.reply = render.answer_reply(answer, self.masked_counts)
        self.shown.set()

    async def blocked(self, notice: BlockNotice) -> None:
        self.reply = render.blocked_reply(notice)
        self.shown.set()

    async def confirm(self, prompt: ConfirmPrompt) -> None:
        self.pending_id = prompt.pending_id
        self.reply = render.confirm_reply(prompt, render.confirm_path(self.message_id))
        self.shown.set()

    async def error(self, message: str) -> None:
        self.reply = render.error_reply(message)
        self.shown.set()

    async def notice(self, message: str) -> None:
        self.reply = render.notice_reply(message)
        self.shown.set()
