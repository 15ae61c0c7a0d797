"""What the pipeline needs from its surroundings: the gate, a place to reply, and the records.

`GatePort` is what the pipeline asks of the gate (`bot.gate.gate.Gate`): the cities' policies, the
check of a message, the check of the model's output. A platform implements `ReplySink` (Slack:
thread messages, ephemeral notices, buttons; console: printed lines). `ConversationRecords` is the
database side (bot/storage), kept to the few calls the pipeline makes so the console and the tests
can use the same real storage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from bot.conversation.composer import AnswerFooter, BlockNotice, ConfirmPrompt
from bot.gate.types import Decision, Finding, Request

if TYPE_CHECKING:
    from bot.gate.placeholders import PlaceholderBook
    from bot.gate.policy import PolicyBook


class GatePort(Protocol):
    """The gate as the pipeline uses it; `bot.gate.gate.Gate` is the one implementation."""

    @property
    def policies(self) -> PolicyBook:
        """Every city's policy; `get(city)` raises `UnknownCityError` with a Japanese message."""
        ...

    async def acheck(self, request: Request, placeholders: PlaceholderBook | None = None) -> Decision:
        """Redaction and the city's rules for one message; raises `GateError` when they cannot run."""
        ...

    async def ascan_output(
        self, text: str, city: str, placeholders: PlaceholderBook | None = None
    ) -> tuple[str, list[Finding]]:
        """The model's text with the personal data it wrote masked, and what was found."""
        ...


@dataclass(frozen=True, slots=True)
class FinishedAnswer:
    text: str  # the checked (output-masked) answer
    footer: AnswerFooter
    record_id: int | None  # the audit record, for 👍 / 👎 / 報告
    model: str
    partial: bool


class ReplySink(Protocol):
    async def decided(self, decision: Decision) -> None:
        """The gate's decision, before anything is shown or sent (the bridge returns it at once).

        Shows nothing by itself; Slack and the console do nothing here.
        """

    async def progress(self) -> None:
        """Show at once that an answer is on its way (a status or a placeholder)."""

    async def append(self, text: str) -> None:
        """Show the next checked piece of the answer."""

    async def finish(self, answer: FinishedAnswer) -> None:
        """Show the whole answer with its footer and feedback buttons."""

    async def blocked(self, notice: BlockNotice) -> None:
        """Tell the asker only why nothing was sent."""

    async def confirm(self, prompt: ConfirmPrompt) -> None:
        """Show the masked preview with 送信する / やめる, for the asker."""

    async def error(self, message: str) -> None:
        """A Japanese sentence: the model or the gate failed; nothing (more) will come."""

    async def notice(self, message: str) -> None:
        """A Japanese sentence for the asker only (suspended, unavailable, expired)."""


class RecordsUnavailable(Exception):
    """The records cannot be read or written; the turn stops before the model. `message` is Japanese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class SuspensionInfo:
    reason: str


class ConversationRecords(Protocol):
    async def claim_event(self, event_id: str) -> bool:
        """True once per event id across every process; False for Slack's retries."""

    async def department_of(self, user_id: str | None) -> str | None:
        """The asker's 所属 from the directory, None when unknown."""

    async def suspension(
        self, user_id: str | None, channel: str | None, department: str | None
    ) -> SuspensionInfo | None: ...

    async def record_decision(
        self, request: Request, decision: Decision, *, files: list[dict[str, Any]] | None = None
    ) -> int:
        """The audit record, written before the model is called; raises when it cannot be written.

        `files`: one entry per attached file — kind, bytes, findings by type — never a name or content.
        """

    async def record_answer(
        self, record_id: int, *, model: str, tokens_in: int | None, tokens_out: int | None, latency_ms: int
    ) -> None: ...

    async def set_feedback(self, record_id: int, feedback: str) -> None: ...

    async def record_confirmation(self, record_id: int, outcome: str) -> None:
        """What the asker did with a confirm preview: "sent" or "cancelled" (the digest counts them)."""
