"""Assembling the gateway once, at start-up, from the shared parts: the gate, the adapter, the records, the keys.

`python -m bot serve` adds it to its server when AIGATE_GATEWAY_KEYS is set; `--gateway-only`
serves nothing else. Tests call this with the one gate, a fake model and a test database.
The gateway's pipeline and its view of the gate (`GatewayGate`) are built here, once; requests
only get a placeholder book and a sink of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from adapters.base import StreamLimits
from bot.conversation.ports import ConversationRecords
from bot.files.limits import FileLimits
from bot.platforms.gateway.dify import DifyModeration
from bot.platforms.gateway.gatecache import GatewayGate
from bot.platforms.gateway.keys import GatewayKeys
from bot.platforms.gateway.protocol import MAX_BODY_BYTES
from bot.platforms.gateway.ratelimit import RateLimiter
from bot.platforms.gateway.routes import GatewayHTTP
from bot.platforms.gateway.service import GatewayService

if TYPE_CHECKING:
    from adapters.base import LLMAdapter
    from bot.gate.gate import Gate

DEFAULT_RATE_PER_MINUTE = 60


def create_gateway(
    *,
    gate: Gate,
    adapter: LLMAdapter,
    records: ConversationRecords,
    keys: GatewayKeys,
    rate_per_minute: int = DEFAULT_RATE_PER_MINUTE,
    limits: StreamLimits | None = None,
    file_limits: FileLimits | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> GatewayHTTP:
    checked = GatewayGate(gate)
    service = GatewayService(checked, adapter, records, limits=limits, file_limits=file_limits)
    return GatewayHTTP(
        service=service,
        dify=DifyModeration(checked, records),
        keys=keys,
        limiter=RateLimiter(rate_per_minute),
        max_body_bytes=max_body_bytes,
    )
