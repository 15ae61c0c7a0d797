"""Per-thread memory: one PlaceholderBook per thread, and the gate's verdict on earlier messages.

The same person keeps the same placeholder (【氏名1】) across a thread's messages only if every
message of the thread goes through one book, in thread order. Verdicts on earlier messages are
cached by message key so a long thread is not re-analysed on every follow-up; a question the
asker confirmed is marked so, and follow-ups carry it like any allowed message. Only redacted
text is kept here; the books hold keyed digests, never raw values.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import dataclass, field

from bot.gate import PlaceholderBook
from bot.gate.types import Action

MAX_THREADS = 5000


@dataclass(frozen=True, slots=True)
class EarlierVerdict:
    action: Action
    redacted_text: str
    confirmed: bool = False  # the asker approved this masked text (送信する) and it was sent

    @property
    def in_context(self) -> bool:
        """Whether later turns send it to the model: allowed, or a `confirm` the asker approved."""
        return self.action is Action.ALLOW or (self.action is Action.CONFIRM and self.confirmed)


@dataclass
class ThreadMemory:
    book: PlaceholderBook = field(default_factory=PlaceholderBook)
    verdicts: dict[str, EarlierVerdict] = field(default_factory=dict)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)  # keeps placeholder numbering in thread order

    def remember(self, key: str, verdict: EarlierVerdict) -> EarlierVerdict:
        """Keep the gate's verdict on an earlier message; the verdict the thread goes by is returned
        (the gateway's memory marks a question the asker approved in an earlier request)."""
        self.verdicts[key] = verdict
        return verdict


class ThreadMemories:
    """A bounded LRU of thread memories (a process forgets the least recently used thread first)."""

    def __init__(self, max_threads: int = MAX_THREADS) -> None:
        self._max = max_threads
        self._threads: OrderedDict[str, ThreadMemory] = OrderedDict()

    def get(self, thread_id: str) -> ThreadMemory:
        memory = self._threads.get(thread_id)
        if memory is None:
            memory = self._threads[thread_id] = ThreadMemory()
            while len(self._threads) > self._max:
                self._threads.popitem(last=False)
        else:
            self._threads.move_to_end(thread_id)
        return memory
