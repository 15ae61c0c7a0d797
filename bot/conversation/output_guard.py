"""The output check while an answer streams: nothing the model wrote is shown before the gate saw it.

A model can invent personal data (a plausible name, a phone number), which some cities' guidelines
ask to be caught (流山 8.3(3), 松戸 第2章6-2(3), 新座 7(2)). Checking every token would be slow, and
showing unchecked text then masking it later would leave it on screen, so the stream is released
in pieces, each checked by `gate.ascan_output` before it is shown.

Where the pieces end depends on the text alone, never on how the stream happened to be cut: a
piece is one sentence or line (up to its first 。！？, 「. 」「! 」「? 」 or line break), and the last piece
ends at the end of the stream. A name or a phone number never contains those, so it is never
split across two scans, and the same answer is masked the same way whether it arrived in one
piece or one character at a time. A line that runs on for FORCE_RELEASE_CHARS characters without
a sentence end is cut at its last 、 or comma; failing that, at a point the gate finds outside
any personal data, looking LOOKAHEAD_CHARS characters further so nothing is cut in half.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from typing import TYPE_CHECKING

from bot.gate.placeholders import PlaceholderBook, redact

if TYPE_CHECKING:
    from bot.conversation.ports import GatePort

# Where a piece ends: a line break or the end of a Japanese/English sentence. ASCII . ! ? only before a
# space: inside a token they belong to it (Niiza2025!Wifi, https://…/form?id=1, 3.5).
BOUNDARIES = ("\n", "。", "！", "？", ". ", "! ", "? ")
# Where a piece that found no sentence end within FORCE_RELEASE_CHARS may end (never inside a name or number).
SOFT_BOUNDARIES = ("、", "，", ",", "；", ";")
# Release at most this often while streaming (Slack's chat.update allows about one a second).
RELEASE_INTERVAL_S = 1.0
# A piece this long is released even without a sentence end, so a long line still streams.
FORCE_RELEASE_CHARS = 800
# Text looked at beyond a forced cut so that personal data crossing it is kept whole.
LOOKAHEAD_CHARS = 64


_DIGIT_BEFORE = re.compile(r"[0-9０-９〇一二三四五六七八九][ \t\-.ー－‐―−]*\Z")
_DIGIT_AFTER = re.compile(r"[ \t\-.ー－‐―−\n]*(?:[0-9０-９〇一二三四五六七八九]|\Z)")


def _may_split_a_number(window: str, start: int, end: int) -> bool:
    if start <= 0 or window[start] not in "\n.":
        return False
    return bool(_DIGIT_BEFORE.search(window, max(0, start - 6), start) and _DIGIT_AFTER.match(window, end))


def first_boundary(text: str, limit: int = FORCE_RELEASE_CHARS) -> int:
    """The end of the first sentence or line within `limit` characters of `text` (0: none).

    A line break or ". " right after a digit may be inside a number written over two lines
    (090-1234⏎5678): the gate reads such a number whole, so a piece never ends there while digits
    follow or may still come."""
    ends = []
    for boundary in BOUNDARIES:
        pos = text.find(boundary, 0, limit)
        while pos != -1 and _may_split_a_number(text, pos, pos + len(boundary)):
            pos = text.find(boundary, pos + 1, limit)
        if pos != -1:
            ends.append(pos + len(boundary))
    return min(ends, default=0)


def last_soft_boundary(text: str) -> int:
    """The end of the last 、 or comma in `text` (0: none)."""
    return max((text.rfind(b) + len(b) for b in SOFT_BOUNDARIES if b in text), default=0)


class OutputGuard:
    def __init__(
        self, gate: GatePort, city: str, placeholders: PlaceholderBook, *, interval_s: float = RELEASE_INTERVAL_S
    ) -> None:
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

    def _next_piece(self, *, final: bool) -> tuple[int, bool] | None:
        """(end of the next piece, whether the gate must find where to cut) or None: wait for more text.

        The answer depends on the text received so far only through what is certain: a boundary
        found, or enough text to know there is none within FORCE_RELEASE_CHARS.
        """
        buffer = self._buffer
        if not buffer:
            return None
        cut = first_boundary(buffer)
        if cut:
            return cut, False
        if len(buffer) <= FORCE_RELEASE_CHARS:
            return (len(buffer), False) if final else None
        soft = last_soft_boundary(buffer[:FORCE_RELEASE_CHARS])
        if soft:
            return soft, False
        if len(buffer) < FORCE_RELEASE_CHARS + LOOKAHEAD_CHARS and not final:
            return None  # what follows might still belong to a name or number at the cut
        return min(len(buffer), FORCE_RELEASE_CHARS + LOOKAHEAD_CHARS), True

    def ready(self) -> bool:
        return self._next_piece(final=False) is not None and time.monotonic() - self._last_release >= self._interval_s

    async def release(self, *, everything: bool = False) -> str:
        """Check and return every complete piece ("" if none); `everything` at the end of the stream."""
        released: list[str] = []
        while (planned := self._next_piece(final=everything)) is not None:
            end, search = planned
            masked, end = await (self._check_forced(end) if search else self._check(end))
            self._buffer = self._buffer[end:]
            self.shown.append(masked)
            released.append(masked)
        if released:
            self._last_release = time.monotonic()
        return "".join(released)

    async def _check(self, end: int) -> tuple[str, int]:
        piece = self._buffer[:end]
        masked, findings = await self._gate.ascan_output(piece, self._city, placeholders=self._placeholders)
        self.counts.update(f.entity_type for f in findings if getattr(f, "masked", True))
        return masked, end

    async def _check_forced(self, window_end: int) -> tuple[str, int]:
        """Cut a long run without any boundary at FORCE_RELEASE_CHARS, or before personal data crossing it."""
        window = self._buffer[:window_end]
        # A scratch book: placeholders are numbered below, only for what is released now.
        _, findings = await self._gate.ascan_output(window, self._city, placeholders=PlaceholderBook())
        cut = min(FORCE_RELEASE_CHARS, window_end)
        for f in findings:
            if f.start < cut < f.end:
                cut = f.start if f.start > 0 else f.end
        inside = [f for f in findings if f.end <= cut]
        self.counts.update(f.entity_type for f in inside if getattr(f, "masked", True))
        return redact(window[:cut], inside, self._placeholders), cut
