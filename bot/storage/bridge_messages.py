"""The webhook bridge's messages: claimed once by (platform, message_id), then their state.

A relay may send the same message twice (its own retry after a lost response) and several bot
processes may receive the copies; the first insert wins in every process (`insert_once`), and the
others answer with the state the winner wrote. Only redacted material is stored here.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import col, delete, update

from bot.storage.claims import insert_once
from bot.storage.database import Database, to_naive_utc, utcnow
from bot.storage.models import BridgeMessage, canonical_json

DELIVERY_ERROR_MAX = 300


@dataclass(frozen=True, slots=True)
class BridgeMessageState:
    key: str
    platform: str
    message_id: str
    user_key: str
    status: str
    route: dict[str, Any]
    decision: dict[str, Any] | None
    reply: dict[str, Any] | None
    pending_id: str | None
    created_at: datetime
    updated_at: datetime
    callback_attempts: int
    delivered_at: datetime | None
    delivery_error: str | None


def _state(row: BridgeMessage) -> BridgeMessageState:
    return BridgeMessageState(
        key=row.key,
        platform=row.platform,
        message_id=row.message_id,
        user_key=row.user_key,
        status=row.status,
        route=json.loads(row.route or "{}"),
        decision=json.loads(row.decision) if row.decision else None,
        reply=json.loads(row.reply) if row.reply else None,
        pending_id=row.pending_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
        callback_attempts=row.callback_attempts,
        delivered_at=row.delivered_at,
        delivery_error=row.delivery_error,
    )


def _json(value: dict[str, Any] | None) -> str | None:
    return canonical_json(value) if value is not None else None


class BridgeMessageStore:
    def __init__(self, db: Database, write_lock: asyncio.Lock | None = None) -> None:
        self.db = db
        # On SQLite, the process's other writers' lock (DatabaseRecords.write_lock): one writer at a
        # time in the process instead of collisions that wait in SQLite's sleeping busy handler.
        self._write_lock = write_lock if db.is_sqlite else None

    @contextlib.asynccontextmanager
    async def _writing(self) -> AsyncIterator[None]:
        if self._write_lock is None:
            yield
        else:
            async with self._write_lock:
                yield

    async def claim(self, key: str, *, platform: str, message_id: str, user_key: str, route: dict[str, Any]) -> bool:
        """True for the first caller with this key in any process; False for every repeat."""
        now = utcnow()
        async with self._writing():
            return await insert_once(
                self.db,
                BridgeMessage,
                {
                    "key": key,
                    "platform": platform,
                    "message_id": message_id,
                    "user_key": user_key,
                    "status": "received",
                    "route": canonical_json(route),
                    "created_at": now,
                    "updated_at": now,
                    "callback_attempts": 0,
                },
            )

    async def get(self, key: str) -> BridgeMessageState | None:
        async with self.db.session() as session:
            row = await session.get(BridgeMessage, key)
            return _state(row) if row is not None else None

    async def save(
        self,
        key: str,
        *,
        status: str,
        decision: dict[str, Any] | None = None,
        reply: dict[str, Any] | None = None,
        pending_id: str | None = None,
    ) -> None:
        """Record a new state; `decision` and `pending_id` are kept when not given."""
        values: dict[str, Any] = {"status": status, "reply": _json(reply), "updated_at": utcnow()}
        if decision is not None:
            values["decision"] = _json(decision)
        if pending_id is not None:
            values["pending_id"] = pending_id
        async with self._writing(), self.db.session() as session:
            await session.exec(  # type: ignore[call-overload]
                update(BridgeMessage).where(col(BridgeMessage.key) == key).values(**values)
            )

    async def transition(self, key: str, expected: str, status: str) -> bool:
        """Move from `expected` to `status` only if no one else did first (a confirm pressed twice)."""
        async with self._writing(), self.db.session() as session:
            result = await session.exec(  # type: ignore[call-overload]
                update(BridgeMessage)
                .where(col(BridgeMessage.key) == key, col(BridgeMessage.status) == expected)
                .values(status=status, updated_at=utcnow())
            )
            return int(result.rowcount or 0) == 1

    async def retake(self, key: str, status: str, older_than: datetime) -> bool:
        """Take over a message left in `status` since before `older_than` (its process stopped mid-turn).

        Exactly one caller wins, as with `claim`; the message starts again as "received".
        """
        async with self._writing(), self.db.session() as session:
            result = await session.exec(  # type: ignore[call-overload]
                update(BridgeMessage)
                .where(
                    col(BridgeMessage.key) == key,
                    col(BridgeMessage.status) == status,
                    col(BridgeMessage.updated_at) < to_naive_utc(older_than),
                )
                .values(status="received", reply=None, updated_at=utcnow())
            )
            return int(result.rowcount or 0) == 1

    async def release(self, key: str) -> None:
        """Forget the claim, so the relay may send the same message again (nothing was done with it)."""
        async with self._writing(), self.db.session() as session:
            await session.exec(delete(BridgeMessage).where(col(BridgeMessage.key) == key))  # type: ignore[call-overload]

    async def record_delivery(self, key: str, *, attempts: int, delivered: bool, error: str | None = None) -> None:
        values: dict[str, Any] = {
            "callback_attempts": attempts,
            "delivered_at": utcnow() if delivered else None,
            "delivery_error": error[:DELIVERY_ERROR_MAX] if error else None,
        }
        async with self._writing(), self.db.session() as session:
            await session.exec(  # type: ignore[call-overload]
                update(BridgeMessage).where(col(BridgeMessage.key) == key).values(**values)
            )

    async def purge_older_than(self, cutoff: datetime) -> int:
        async with self.db.session() as session:
            result = await session.exec(  # type: ignore[call-overload]
                delete(BridgeMessage).where(col(BridgeMessage.created_at) < to_naive_utc(cutoff))
            )
            return int(result.rowcount or 0)
