"""A question ready for the model: what it receives and where its answer goes.

The allow path builds one right after the audit record is written; a confirm preview keeps one
until the asker presses 送信する. Both are answered by the same code from this one object.
"""

from __future__ import annotations

from dataclasses import dataclass

from adapters.base import ChatMessage
from bot.gate.types import Decision


@dataclass(frozen=True, slots=True)
class ReadyQuestion:
    city: str
    thread_id: str
    messages: list[ChatMessage]  # what the model will receive, all redacted
    decision: Decision  # the gate's decision: the answer's footer explains it
    record_id: int | None  # the audit record written before the model is called
    file_notes: tuple[str, ...] = ()  # shown under the answer: how much of each file was used
