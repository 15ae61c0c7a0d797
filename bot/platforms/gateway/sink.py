"""The pipeline's replies for one gateway request, as a queue of events the HTTP side reads in order.

Streaming or not, the route reads the same events: `Piece`s of the checked answer as the output
check releases them, then `Finished` (the footer), or one `Notice` instead of an answer (block,
confirm, 利用停止, a failure), and `Done` with the pipeline's outcome last of all. The model's
token figures for OpenAI's `usage` come in `figures` once the pipeline has them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from bot.conversation.composer import BlockNotice, ConfirmPrompt
from bot.conversation.pipeline import Outcome
from bot.conversation.ports import FinishedAnswer
from bot.gate.types import Decision
from bot.platforms.gateway import render


class PreviewChanged(Exception):
    """The question sent again with a confirmation code did not give the masked text it was shown."""


@dataclass(frozen=True, slots=True)
class Piece:
    text: str


@dataclass(frozen=True, slots=True)
class Finished:
    answer: FinishedAnswer


@dataclass(frozen=True, slots=True)
class Notice:
    kind: str  # blocked / confirm / notice / error
    text: str


@dataclass(frozen=True, slots=True)
class Done:
    outcome: Outcome


Event = Piece | Finished | Notice | Done
Figures = tuple[int | None, int | None]  # the model's input and output tokens, when it reported them


class GatewaySink:
    def __init__(
        self,
        code_for: Callable[[str], str],
        expect_figures: Callable[[int], asyncio.Future[Figures]],
        *,
        approved_code: str | None = None,
    ) -> None:
        self._code_for = code_for  # masked text → this key's confirmation code
        self._expect_figures = expect_figures  # record id → the answer's token figures, when known
        self.record_id: int | None = None
        self.figures: asyncio.Future[Figures] | None = None
        # Set when the request is a confirmation code: the gate must give the text of this code.
        self.approved_code = approved_code
        self.decision: Decision | None = None
        self.answering = False
        self.events: asyncio.Queue[Event] = asyncio.Queue()

    async def decided(self, decision: Decision) -> None:
        if self.approved_code is not None and self._code_for(decision.redacted_text) != self.approved_code:
            raise PreviewChanged()
        self.decision = decision

    async def progress(self) -> None:
        self.answering = True

    async def append(self, text: str) -> None:
        self.events.put_nowait(Piece(text))

    async def finish(self, answer: FinishedAnswer) -> None:
        if answer.record_id is not None:
            self.record_id = answer.record_id
            self.figures = self._expect_figures(answer.record_id)
        self.events.put_nowait(Finished(answer))

    async def blocked(self, notice: BlockNotice) -> None:
        self.events.put_nowait(Notice("blocked", render.blocked_text(notice)))

    async def confirm(self, prompt: ConfirmPrompt) -> None:
        self.events.put_nowait(Notice("confirm", render.confirm_text(prompt, self._code_for(prompt.preview))))

    async def error(self, message: str) -> None:
        self.events.put_nowait(Notice("error", render.notice_text(message)))

    async def notice(self, message: str) -> None:
        self.events.put_nowait(Notice("notice", render.notice_text(message)))

    def done(self, outcome: Outcome) -> None:
        self.events.put_nowait(Done(outcome))
