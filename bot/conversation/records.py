"""The pipeline's records on the real storage (bot/storage): SQLite by default, PostgreSQL in production.

On SQLite, writes from one process are queued on an asyncio lock: SQLite lets one writer in at a
time, and connections that collide wait in its busy handler, which sleeps in growing steps (tens
of milliseconds each) — under 50 concurrent mentions that waiting, not the writes, was most of
the bot's added latency (bench/e2e_latency.py). PostgreSQL needs no such queue.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from typing import Any

from bot.conversation.ports import RecordsUnavailable, SuspensionInfo
from bot.gate.types import Decision, Request
from bot.storage import AuditStore, Database, Directory, EventDedup, StorageUnavailable, SuspensionStore
from bot.storage.directory import UNSET_DEPARTMENT

# 所属 changes rarely (a directory import, an admin command); a minute-old answer is fine.
DEPARTMENT_TTL_S = 60.0


class DatabaseRecords:
    """`ConversationRecords` over one `Database`; every storage fault becomes `RecordsUnavailable`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.audit = AuditStore(db)
        self.events = EventDedup(db)
        self.suspensions = SuspensionStore(db)
        self.directory = Directory(db)
        self._write_lock = asyncio.Lock()
        self._departments: dict[str | None, tuple[float, str | None]] = {}

    @contextlib.asynccontextmanager
    async def _writing(self) -> AsyncIterator[None]:
        if self.db.is_sqlite:
            async with self._write_lock:
                yield
        else:
            yield

    async def claim_event(self, event_id: str) -> bool:
        try:
            async with self._writing():
                return await self.events.claim_event(event_id)
        except StorageUnavailable as exc:
            raise RecordsUnavailable(exc.message) from exc

    async def department_of(self, user_id: str | None) -> str | None:
        cached = self._departments.get(user_id)
        if cached is not None and time.monotonic() - cached[0] < DEPARTMENT_TTL_S:
            return cached[1]
        try:
            department = await self.directory.department_of(user_id)
        except StorageUnavailable as exc:
            raise RecordsUnavailable(exc.message) from exc
        known = None if department == UNSET_DEPARTMENT else department
        self._departments[user_id] = (time.monotonic(), known)
        return known

    async def suspension(
        self, user_id: str | None, channel: str | None, department: str | None
    ) -> SuspensionInfo | None:
        try:
            stop = await self.suspensions.is_suspended(user_id, channel, department)
        except StorageUnavailable as exc:
            raise RecordsUnavailable(exc.message) from exc
        return SuspensionInfo(reason=stop.reason) if stop is not None else None

    async def record_decision(
        self, request: Request, decision: Decision, *, files: list[dict[str, Any]] | None = None
    ) -> int:
        try:
            async with self._writing():
                return await self.audit.record_decision(request, decision, files=files)
        except StorageUnavailable as exc:
            raise RecordsUnavailable(exc.message) from exc

    async def record_answer(
        self, record_id: int, *, model: str, tokens_in: int | None, tokens_out: int | None, latency_ms: int
    ) -> None:
        try:
            async with self._writing():
                await self.audit.record_answer(
                    record_id, model=model, tokens_in=tokens_in, tokens_out=tokens_out, latency_ms=latency_ms
                )
        except StorageUnavailable as exc:
            raise RecordsUnavailable(exc.message) from exc

    async def set_feedback(self, record_id: int, feedback: str) -> None:
        try:
            async with self._writing():
                await self.audit.set_feedback(record_id, feedback=feedback)
        except StorageUnavailable as exc:
            raise RecordsUnavailable(exc.message) from exc

    async def close(self) -> None:
        await self.db.dispose()
