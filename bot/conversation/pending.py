"""Questions waiting for the asker's 送信する / やめる (confirm decisions), kept for a while in memory.

Only redacted text is held. A pending question lives in the process that showed the preview; if
the button reaches another process or the preview expired, the asker is asked to send it again.
"""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass

from bot.conversation.question import ReadyQuestion

CONFIRM_TTL_S = 30 * 60
MAX_PENDING = 2000


@dataclass(frozen=True, slots=True)
class PendingQuestion:
    question: ReadyQuestion  # what the model will receive once the asker presses 送信する
    asker_id: str
    created_at: float
    key: str | None = None  # the message's key in the thread: once sent, follow-ups carry it
    follow_up_text: str = ""  # what follow-ups carry of it (redacted; with a file, the start of its extract)

    @property
    def record_id(self) -> int | None:
        return self.question.record_id


class PendingConfirmations:
    def __init__(self, ttl_s: float = CONFIRM_TTL_S) -> None:
        self._ttl_s = ttl_s
        self._items: OrderedDict[str, PendingQuestion] = OrderedDict()
        self._expired: list[int] = []  # audit record ids of previews that expired unanswered

    def add(self, question: PendingQuestion) -> str:
        self._expire()
        pending_id = secrets.token_urlsafe(12)
        self._items[pending_id] = question
        while len(self._items) > MAX_PENDING:
            self._forget(self._items.popitem(last=False)[1])
        return pending_id

    def peek(self, pending_id: str) -> PendingQuestion | None:
        self._expire()
        return self._items.get(pending_id)

    def take(self, pending_id: str) -> PendingQuestion | None:
        self._expire()
        return self._items.pop(pending_id, None)

    def _expire(self) -> None:
        cutoff = time.monotonic() - self._ttl_s
        while self._items:
            first = next(iter(self._items.values()))
            if first.created_at >= cutoff:
                break
            self._forget(self._items.popitem(last=False)[1])

    def _forget(self, question: PendingQuestion) -> None:
        if question.record_id is not None:
            self._expired.append(question.record_id)

    def take_expired(self) -> list[int]:
        """The records of previews dropped unanswered since the last call (to be marked expired)."""
        self._expire()
        expired, self._expired = self._expired, []
        return expired
