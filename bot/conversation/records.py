"""The pipeline's records on the real storage (bot/storage): SQLite by default, PostgreSQL in production.

The two writes every answer waits for — the event claim and the audit record — are group-committed:
those that arrive while a write is under way are stored together in one transaction (one commit,
one fsync, one round of driver work instead of one each). Under 50 concurrent mentions the
per-write cost, not the writes, was most of the bot's added latency (bench/e2e_latency.py), on
SQLite and on PostgreSQL alike. On SQLite every write of the process is queued on the same lock:
SQLite lets one writer in at a time, and connections that collide wait in its busy handler,
which sleeps in growing steps of tens of milliseconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bot.conversation.ports import RecordsUnavailable, SuspensionInfo
from bot.gate.types import Decision, Request
from bot.storage import AuditStore, Database, Directory, EventDedup, StorageUnavailable, SuspensionStore
from bot.storage.database import utcnow
from bot.storage.directory import UNSET_DEPARTMENT
from bot.storage.models import AuditRecord, ProcessedEvent

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
        # One batch of each kind in flight; on SQLite both kinds share the one write lock.
        self._claim_lock = self._write_lock if db.is_sqlite else asyncio.Lock()
        self._record_lock = self._write_lock if db.is_sqlite else asyncio.Lock()
        self._departments: dict[str | None, tuple[float, str | None]] = {}
        self._waiting_claims: list[tuple[str, asyncio.Future[bool]]] = []
        self._claimer: asyncio.Task[None] | None = None
        self._waiting_records: list[tuple[AuditRecord, asyncio.Future[int]]] = []
        self._recorder: asyncio.Task[None] | None = None

    @property
    def sqlite_write_lock(self) -> asyncio.Lock | None:
        """On SQLite, the process's one writer lock, for other stores writing to the same file (the bridge)."""
        return self._write_lock if self.db.is_sqlite else None

    @contextlib.asynccontextmanager
    async def _writing(self) -> AsyncIterator[None]:
        if self.db.is_sqlite:
            async with self._write_lock:
                yield
        else:
            yield

    async def claim_event(self, event_id: str) -> bool:
        if not event_id:
            raise ValueError("event_id が空です")
        waiter: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting_claims.append((event_id, waiter))
        if self._claimer is None or self._claimer.done():
            self._claimer = asyncio.ensure_future(self._claim_waiting())
        return await waiter

    async def _claim_waiting(self) -> None:
        """Insert every waiting claim in one transaction per turn of the write lock."""
        while self._waiting_claims:
            async with self._claim_lock:
                batch, self._waiting_claims = self._waiting_claims, []
                try:
                    won = await self._insert_claims(list(dict.fromkeys(event_id for event_id, _ in batch)))
                except Exception as exc:  # every waiter learns of it; none is left hanging
                    _fail_all(batch, exc)
                    continue
            for event_id, waiter in batch:
                if not waiter.done():
                    waiter.set_result(event_id in won)
                won.discard(event_id)  # the same id twice in one batch: only the first delivery wins

    async def _insert_claims(self, event_ids: list[str]) -> set[str]:
        table = ProcessedEvent.__table__  # type: ignore[attr-defined]
        now = utcnow()
        insert = sqlite_insert if self.db.is_sqlite else pg_insert
        statement = (
            insert(table)
            .values([{"event_id": event_id, "received_at": now} for event_id in event_ids])
            .on_conflict_do_nothing()
            .returning(table.c.event_id)
        )
        async with self.db.session() as session:
            result = await session.exec(statement)  # type: ignore[call-overload]
            return {row[0] for row in result.all()}

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
        waiter: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._waiting_records.append((self.audit.decision_row(request, decision, files=files), waiter))
        if self._recorder is None or self._recorder.done():
            self._recorder = asyncio.ensure_future(self._record_waiting())
        return await waiter

    async def _record_waiting(self) -> None:
        """Store every waiting audit record in one transaction per turn of the write lock."""
        while self._waiting_records:
            async with self._record_lock:
                batch, self._waiting_records = self._waiting_records, []
                try:
                    ids = await self.audit.record_many([row for row, _ in batch])
                except Exception as exc:  # every waiter learns of it; none is left hanging
                    _fail_all(batch, exc)
                    continue
            for (_, waiter), record_id in zip(batch, ids, strict=True):
                if not waiter.done():
                    waiter.set_result(record_id)

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


def _fail_all(batch: list[tuple[Any, asyncio.Future[Any]]], exc: Exception) -> None:
    error = RecordsUnavailable(exc.message) if isinstance(exc, StorageUnavailable) else exc
    for _, waiter in batch:
        if not waiter.done():
            waiter.set_exception(error)
