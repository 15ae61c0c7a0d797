"""The output check while an answer streams: nothing the model wrote is shown before the gate saw it.

A model can invent personal data (a plausible name, a phone number); 流山 8.3(3) asks that it be
caught. Checking every token would be slow, and showing unchecked text then masking it later
would leave it on screen, so the stream is released in pieces that end at a line or sentence
boundary, each checked by `gate.ascan_output` before it is shown. Personal data rarely crosses
a sentence boundary, and the final remainder is checked too.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

# Where a piece may end: a line break or the end of a Japanese/English sentence.
BOUNDARIES = ("\n", "。", "！", "？", "!", "?", ". ")
# Release at most this often while streaming (Slack's chat.update allows about one a second).
RELEASE_INTERVAL_S = 1.0
# A piece this long is released even without a boundary, so a long line still streams.
FORCE_RELEASE_CHARS = 800


class OutputGuard:
    def __init__(self, gate: Any, city: str, placeholders: Any, *, interval_s: float = RELEASE_INTERVAL_S) -> None:
        self._gate = gate
        self._city = city
        self._placeholders = placeholders
        self._interval_s = interval_s
        self._buffer = ""
        self._last_release = 0.0  # the first piece goes out as soon as it is complete
        self.shown: list[str] = []
        self.counts: Counter[str] = Counter()

    @property
    def text(self) -> str:
        """Everything released so far: the checked answer."""
        return "".join(self.shown)

    def add(self, delta: str) -> None:
        self._buffer += delta

    def _cut(self) -> int:
        cut = max(self._buffer.rfind(b) + len(b) for b in BOUNDARIES)
        if cut <= 0 and len(self._buffer) >= FORCE_RELEASE_CHARS:
            return len(self._buffer)
        return max(cut, 0)

    def ready(self) -> bool:
        return self._cut() > 0 and time.monotonic() - self._last_release >= self._interval_s

    async def release(self, *, everything: bool = False) -> str:
        """Check and return the next piece ("" if nothing is ready); `everything` at the end of the stream."""
        cut = len(self._buffer) if everything else self._cut()
        if cut <= 0:
            return ""
        piece, self._buffer = self._buffer[:cut], self._buffer[cut:]
        masked, findings = await self._gate.ascan_output(piece, self._city, placeholders=self._placeholders)
        self.counts.update(f.entity_type for f in findings if getattr(f, "masked", True))
        self._last_release = time.monotonic()
        self.shown.append(masked)
        return masked
