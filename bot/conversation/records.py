"""The pipeline's records on the real storage (bot/storage): SQLite by default, PostgreSQL in production.

The two writes every answer waits for — the event claim and the audit record — and the answer's
figures written afterwards are group-committed: those that arrive while a write of their kind is
under way are stored together in one transaction (one commit, one fsync, one round of driver work
instead of one each). Under 50 concurrent mentions the
per-write cost, not the writes, was most of the bot's added latency (bench/e2e_latency.py), on
SQLite and on PostgreSQL alike. On SQLite every write of the process is queued on the same lock:
SQLite lets one writer in at a time, and connections that collide wait in its busy handler,
which sleeps in growing steps of tens of milliseconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Collection
from typing import Any, Generic, NamedTuple, TypeVar

from sqlalchemy import update

from bot.conversation.ports import RecordsUnavailable, SuspensionInfo
from bot.gate.types import Decision, Request
from bot.storage import AuditStore, Database, Directory, EventDedup, StorageUnavailable, SuspensionStore
from bot.storage.audit import keep_redacted_text_except
from bot.storage.directory import UNSET_DEPARTMENT
from bot.storage.events import require_event_id
from bot.storage.models import AuditRecord

# 所属 changes rarely (a directory import, an admin command); a minute-old answer is fine.
DEPARTMENT_TTL_S = 60.0

Item = TypeVar("Item")
Result = TypeVar("Result")


class GroupCommit(Generic[Item, Result]):
    """Writes submitted while a batch is being stored go together in the next one (one transaction)."""

    def __init__(self, lock: asyncio.Lock, store: Callable[[list[Item]], Awaitable[list[Result]]]) -> None:
        self._lock = lock
        self._store = store  # results in the order of the items
        self._waiting: list[tuple[Item, asyncio.Future[Result]]] = []
        self._worker: asyncio.Task[None] | None = None

    async def submit(self, item: Item) -> Result:
        waiter: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._waiting.append((item, waiter))
        if self._worker is None or self._worker.done():
            self._worker = asyncio.ensure_future(self._drain())
        return await waiter

    async def _drain(self) -> None:
        while self._waiting:
            async with self._lock:
                batch, self._waiting = self._waiting, []
                try:
                    results = await self._store([item for item, _ in batch])
                except Exception as exc:  # every waiter learns of it; none is left hanging
                    error = RecordsUnavailable(exc.message) if isinstance(exc, StorageUnavailable) else exc
                    for _, waiter in batch:
                        if not waiter.done():
                            waiter.set_exception(error)
                    continue
            for (_, waiter), result in zip(batch, results, strict=True):
                if not waiter.done():
                    waiter.set_result(result)


class AnswerFigures(NamedTuple):
    """What the answer adds to its audit record."""

    record_id: int
    model: str
    tokens_in: int | None
    tokens_out: int | None
    latency_ms: int


class DatabaseRecords:
    """`ConversationRecords` over one `Database`; every storage fault becomes `RecordsUnavailable`."""

    def __init__(self, db: Database, *, no_text_cities: Collection[str] | None = None) -> None:
        """`no_text_cities`: `Settings.no_text_cities`; None (tests, tools) reads AIGATE_NO_TEXT_CITIES per record."""
        self.db = db
        self.audit = (
            AuditStore(db) if no_text_cities is None else AuditStore(db, keep_redacted_text_except(no_text_cities))
        )
        self.events = EventDedup(db)
        self.suspensions = SuspensionStore(db)
        self.directory = Directory(db)
        self._departments: dict[str | None, tuple[float, str | None]] = {}
        # One batch of each kind in flight; on SQLite every write shares one lock (one writer at a time).
        write_lock = asyncio.Lock()
        self._write_lock = write_lock

        def lock() -> asyncio.Lock:
            return write_lock if db.is_sqlite else asyncio.Lock()

        self._claims: GroupCommit[str, bool] = GroupCommit(lock(), self.events.claim_events)
        self._decisions: GroupCommit[AuditRecord, int] = GroupCommit(lock(), self.audit.record_many)
        self._answers: GroupCommit[AnswerFigures, None] = GroupCommit(lock(), self._update_answers)

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
        """True for the first delivery of this event id in any process; False for Slack's retries.

        Claims made together go to the database in one statement (bot/storage/events.py)."""
        require_event_id(event_id)
        return await self._claims.submit(event_id)

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
        """The audit record, stored (committed) before this returns: the model is called after."""
        return await self._decisions.submit(self.audit.decision_row(request, decision, files=files))

    async def record_answer(
        self, record_id: int, *, model: str, tokens_in: int | None, tokens_out: int | None, latency_ms: int
    ) -> None:
        await self._answers.submit(AnswerFigures(record_id, model, tokens_in, tokens_out, latency_ms))

    async def _update_answers(self, answers: list[AnswerFigures]) -> list[None]:
        async with self.db.session() as session:
            for record_id, model, tokens_in, tokens_out, latency_ms in answers:
                await session.exec(
                    update(AuditRecord)
                    .where(AuditRecord.id == record_id)  # type: ignore[arg-type]
                    .values(model=model, tokens_in=tokens_in, tokens_out=tokens_out, latency_ms=latency_ms)
                )
        return [None] * len(answers)

    async def set_feedback(self, record_id: int, feedback: str) -> None:
        try:
            async with self._writing():
                await self.audit.set_feedback(record_id, feedback=feedback)
        except StorageUnavailable as exc:
            raise RecordsUnavailable(exc.message) from exc

    async def record_confirmation(self, record_id: int, outcome: str) -> None:
        try:
            async with self._writing():
                await self.audit.set_confirm_outcome(record_id, outcome)
        except StorageUnavailable as exc:
            raise RecordsUnavailable(exc.message) from exc

    async def close(self) -> None:
        await self.db.dispose()
