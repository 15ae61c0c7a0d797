"""The pipeline's records on the real storage (bot/storage): SQLite by default, PostgreSQL in production."""

from __future__ import annotations

from bot.conversation.ports import RecordsUnavailable, SuspensionInfo
from bot.gate.types import Decision, Request
from bot.storage import AuditStore, Database, Directory, EventDedup, StorageUnavailable, SuspensionStore
from bot.storage.directory import UNSET_DEPARTMENT


class DatabaseRecords:
    """`ConversationRecords` over one `Database`; every storage fault becomes `RecordsUnavailable`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.audit = AuditStore(db)
        self.events = EventDedup(db)
        self.suspensions = SuspensionStore(db)
        self.directory = Directory(db)

    async def claim_event(self, event_id: str) -> bool:
        try:
            return await self.events.claim_event(event_id)
        except StorageUnavailable as exc:
            raise RecordsUnavailable(exc.message) from exc

    async def department_of(self, user_id: str | None) -> str | None:
        try:
            department = await self.directory.department_of(user_id)
        except StorageUnavailable as exc:
            raise RecordsUnavailable(exc.message) from exc
        return None if department == UNSET_DEPARTMENT else department

    async def suspension(
        self, user_id: str | None, channel: str | None, department: str | None
    ) -> SuspensionInfo | None:
        try:
            stop = await self.suspensions.is_suspended(user_id, channel, department)
        except StorageUnavailable as exc:
            raise RecordsUnavailable(exc.message) from exc
        return SuspensionInfo(reason=stop.reason) if stop is not None else None

    async def record_decision(self, request: Request, decision: Decision) -> int:
        try:
            return await self.audit.record_decision(request, decision)
        except StorageUnavailable as exc:
            raise RecordsUnavailable(exc.message) from exc

    async def record_answer(
        self, record_id: int, *, model: str, tokens_in: int | None, tokens_out: int | None, latency_ms: int
    ) -> None:
        try:
            await self.audit.record_answer(
                record_id, model=model, tokens_in=tokens_in, tokens_out=tokens_out, latency_ms=latency_ms
            )
        except StorageUnavailable as exc:
            raise RecordsUnavailable(exc.message) from exc

    async def set_feedback(self, record_id: int, feedback: str) -> None:
        try:
            await self.audit.set_feedback(record_id, feedback=feedback)
        except StorageUnavailable as exc:
            raise RecordsUnavailable(exc.message) from exc

    async def close(self) -> None:
        await self.db.dispose()
