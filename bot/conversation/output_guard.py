"""The output check while an answer streams: nothing the model wrote is shown before the gate saw it.

A model can invent personal data (a plausible name, a phone number); 流山 8.3(3) asks that it be
caught. Checking every token would be slow, and showing unchecked text then masking it later
would leave it on screen, so the stream is released in pieces that end at a line or sentence
boundary, each checked by `gate.ascan_output` before it is shown. Personal data rarely crosses
a sentence boundary, and the final remainder is checked too.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from typing import Any

# Where a piece may end: a line break or the end of a Japanese/English sentence.
BOUNDARIES = ("\n", "。", "！", "？", "!", "?", ". ")
# Release at most this often while streaming (Slack's chat.update allows about one a second).
RELEASE_INTERVAL_S = 1.0
# A piece this long is released even without a boundary, so a long line still streams.
FORCE_RELEASE_CHARS = 800
# One scan at most: Sudachi (inside ja_ginza) refuses input over 49,149 bytes (~16,000 Japanese characters).
MAX_SCAN_CHARS = 4000


_DIGIT_BEFORE = re.compile(r"[0-9０-９〇一二三四五六七八九][ \t\-.ー－‐―−]*\Z")
_DIGIT_AFTER = re.compile(r"[ \t\-.ー－‐―−\n]*(?:[0-9０-９〇一二三四五六七八九]|\Z)")


def _may_split_a_number(window: str, start: int, end: int) -> bool:
    if start <= 0 or window[start] not in "\n.":
        return False
    return bool(_DIGIT_BEFORE.search(window, max(0, start - 6), start) and _DIGIT_AFTER.match(window, end))


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
    def pending(self) -> bool:
        """Text received but not yet checked and shown."""
        return bool(self._buffer)

    @property
    def text(self) -> str:
        """Everything released so far: the checked answer."""
        return "".join(self.shown)

    def add(self, delta: str) -> None:
        self._buffer += delta

    def _cut(self, limit: int) -> int:
        """Where the next piece ends: the last boundary within `limit` characters (0: not ready).

        A line break or ". " right after a digit may be inside a number written over two lines
        (090-1234⏎5678): the gate reads such a number whole, so the piece never ends there while digits
        follow or may still come."""
        window = self._buffer[:limit]
        cut = 0
        for boundary in BOUNDARIES:
            pos = window.rfind(boundary)
            while pos > 0 and _may_split_a_number(window, pos, pos + len(boundary)):
                pos = window.rfind(boundary, 0, pos)
            cut = max(cut, pos + len(boundary) if pos >= 0 else 0)
        if cut <= 0 and len(window) >= FORCE_RELEASE_CHARS:
            return len(window)
        return max(cut, 0)

    def ready(self) -> bool:
        return self._cut(MAX_SCAN_CHARS) > 0 and time.monotonic() - self._last_release >= self._interval_s

    async def release(self, *, everything: bool = False) -> str:
        """Check and return what is ready ("" if nothing); `everything` at the end of the stream.

        Each scan covers at most MAX_SCAN_CHARS characters (the Japanese tokenizer refuses long input).
        """
        released: list[str] = []
        while self._buffer:
            cut = self._cut(MAX_SCAN_CHARS)
            if cut <= 0:
                if not everything:
                    break
                cut = min(len(self._buffer), MAX_SCAN_CHARS)
            piece, self._buffer = self._buffer[:cut], self._buffer[cut:]
            masked, findings = await self._gate.ascan_output(piece, self._city, placeholders=self._placeholders)
            self.counts.update(f.entity_type for f in findings if getattr(f, "masked", True))
            self.shown.append(masked)
            released.append(masked)
            if not everything:
                break
        if released:
            self._last_release = time.monotonic()
        return "".join(released)
