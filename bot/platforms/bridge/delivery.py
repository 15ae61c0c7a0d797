"""Delivering replies to the relay's callback URL: signed POSTs, retried with exponential backoff.

A relay that is restarting or briefly overloaded must not lose an answer: connection errors,
timeouts, 408, 425, 429 and 5xx are retried (waiting Retry-After when given, else 1 s, 2 s, 4 s …
with jitter, up to the attempt limit); any other 4xx means the relay refuses this body, which a
retry cannot fix. Each attempt is signed afresh (the timestamp must be recent) and carries the
same `X-Aigate-Delivery-Id`, so a relay that saw an attempt whose 2xx got lost can drop the
repeat. Whatever happens, the reply stays retrievable with GET /bridge/v1/messages/{id}.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp

from bot.platforms.bridge.signing import signed_headers
from bot.storage import BridgeMessageStore, StorageUnavailable

log = logging.getLogger("aigate.bridge")

RETRYABLE_STATUSES = frozenset({408, 425, 429})
DELIVERY_HEADER = "X-Aigate-Delivery-Id"
ATTEMPT_HEADER = "X-Aigate-Delivery-Attempt"


@dataclass(frozen=True, slots=True)
class RetryPlan:
    attempts: int = 6  # about a minute in all with the defaults
    base_delay_s: float = 1.0
    max_delay_s: float = 30.0
    timeout_s: float = 10.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Wait after failed attempt `attempt` (1-based): base · 2^(attempt-1), capped, with jitter."""
        ceiling = min(self.max_delay_s, self.base_delay_s * 2 ** (attempt - 1))
        return ceiling * (0.5 + rng.random() / 2)


class CallbackDelivery:
    def __init__(
        self,
        secret: str,
        urls: Mapping[str, str],
        store: BridgeMessageStore,
        *,
        plan: RetryPlan | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.secret = secret
        self.urls = dict(urls)
        self.store = store
        self.plan = plan or RetryPlan()
        self.sleep = sleep
        self.rng = rng or random.Random()
        self._session: aiohttp.ClientSession | None = None

    def url_for(self, platform: str) -> str | None:
        """AIGATE_BRIDGE_CALLBACK_URL_<PLATFORM> first, then AIGATE_BRIDGE_CALLBACK_URL; None: GET only."""
        return self.urls.get(platform) or self.urls.get("")

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.plan.timeout_s))
        return self._session

    async def deliver(self, key: str, platform: str, payload: dict[str, Any], delivery_id: str) -> bool:
        """POST the payload until the relay takes it or the attempts run out; True when delivered."""
        url = self.url_for(platform)
        if url is None:
            return False
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        error = ""
        attempt = 0
        for attempt in range(1, self.plan.attempts + 1):
            headers = {
                "Content-Type": "application/json; charset=utf-8",
                DELIVERY_HEADER: delivery_id,
                ATTEMPT_HEADER: str(attempt),
                **signed_headers(self.secret, body),
            }
            wait: float | None = None
            try:
                async with self._client().post(url, data=body, headers=headers) as response:
                    if 200 <= response.status < 300:
                        await self._note(key, attempt, delivered=True)
                        return True
                    error = f"HTTP {response.status}"
                    if response.status < 500 and response.status not in RETRYABLE_STATUSES:
                        log.warning("callback %s refused with %s; not retried", delivery_id, error)
                        break
                    wait = _retry_after(response.headers.get("Retry-After"), self.plan.max_delay_s)
            except (aiohttp.ClientError, TimeoutError) as exc:
                error = f"{type(exc).__name__}: {exc}"[:200]
            log.info("callback %s attempt %d failed (%s)", delivery_id, attempt, error)
            if attempt < self.plan.attempts:
                await self.sleep(wait if wait is not None else self.plan.delay(attempt, self.rng))
        log.warning(
            "callback %s not delivered after %d attempts (%s); it stays retrievable by GET", delivery_id, attempt, error
        )
        await self._note(key, attempt, delivered=False, error=error)
        return False

    async def _note(self, key: str, attempts: int, *, delivered: bool, error: str | None = None) -> None:
        try:
            await self.store.record_delivery(key, attempts=attempts, delivered=delivered, error=error)
        except StorageUnavailable as exc:
            log.warning("could not note the delivery of %s: %s", key, exc.detail or exc.message)

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()


def _retry_after(value: str | None, cap: float) -> float | None:
    if value and value.strip().isdigit():
        return min(float(value.strip()), cap)
    return None
