"""Per-key request rate (AIGATE_GATEWAY_RATE requests per minute), counted in this process.

A sliding window of the last minute's request times per key: a request over the limit is refused
before anything is read further, stored or sent, with the seconds until a slot frees up.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

WINDOW_S = 60.0


class RateLimiter:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}

    def take(self, key_id: str) -> int:
        """0 when the request may go ahead (and is counted); otherwise the seconds to wait."""
        if self.per_minute <= 0:
            return 0
        now = self._clock()
        seen = self._seen.setdefault(key_id, deque())
        while seen and seen[0] <= now - WINDOW_S:
            seen.popleft()
        if len(seen) >= self.per_minute:
            return max(1, math.ceil(seen[0] + WINDOW_S - now))
        seen.append(now)
        return 0
