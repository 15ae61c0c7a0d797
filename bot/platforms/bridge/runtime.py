"""Assembling the bridge from the shared parts: the pipeline, the database, the admin list.

`python -m bot serve` passes the Slack runtime's pipeline when both run in one process (one
thread memory, one set of confirm previews); `--bridge-only` builds a pipeline of its own.
Tests call this with the one gate, a fake model and a test database.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.admin import Admins, AdminService
from bot.conversation.pipeline import ConversationPipeline
from bot.conversation.records import DatabaseRecords
from bot.platforms.bridge.delivery import CallbackDelivery, RetryPlan
from bot.platforms.bridge.routes import DEFAULT_MAX_BODY_BYTES, BridgeHTTP
from bot.platforms.bridge.service import BridgeService
from bot.platforms.bridge.signing import TOLERANCE_S
from bot.storage import BridgeMessageStore


def create_bridge(
    *,
    pipeline: ConversationPipeline,
    records: DatabaseRecords,
    secret: str,
    city: str,
    admins: tuple[str, ...] = (),
    callback_urls: Mapping[str, str] | None = None,
    retry: RetryPlan | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    tolerance_s: int = TOLERANCE_S,
) -> BridgeHTTP:
    store = BridgeMessageStore(records.db, write_lock=records.sqlite_write_lock)
    # The records' suspension store: a stop made here is seen by this process's next message at once.
    admin = AdminService(records.db, Admins(frozenset(admins)), suspensions=records.suspensions, city=city)
    delivery = CallbackDelivery(secret, callback_urls or {}, store, plan=retry)
    service = BridgeService(pipeline, store, admin, delivery, city=city)
    return BridgeHTTP(service=service, secret=secret, max_body_bytes=max_body_bytes, tolerance_s=tolerance_s)
