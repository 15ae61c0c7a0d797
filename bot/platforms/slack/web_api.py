"""The Slack Web API client: base URL from SLACK_API_URL, retries on 429 (Retry-After) and 5xx."""

from __future__ import annotations

import aiohttp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

SLACK_API_RETRIES = 3
SLACK_API_TIMEOUT_S = 30


def web_client(token: str | None, base_url: str, session: aiohttp.ClientSession | None = None) -> AsyncWebClient:
    # Slack answers 429 with Retry-After and sometimes 5xx; the SDK waits and retries those calls.
    return AsyncWebClient(
        token=token,
        base_url=base_url,
        session=session,
        timeout=SLACK_API_TIMEOUT_S,
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(max_retry_count=2),
            AsyncRateLimitErrorRetryHandler(max_retry_count=SLACK_API_RETRIES),
            AsyncServerErrorRetryHandler(max_retry_count=SLACK_API_RETRIES),
        ],
    )
