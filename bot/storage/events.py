"""Deduplicating Slack retries across processes (Slack resends an event if the ack is slow)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import delete

from bot.storage.claims import insert_once
from bot.storage.database import Database, to_naive_utc, utcnow
from bot.storage.models import ProcessedEvent


class EventDedup:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def claim_event(self, event_id: str) -> bool:
        """True for the first caller with this event id in any process; False for every retry."""
        if not event_id:
            raise ValueError("event_id が空です")
        return await insert_once(self.db, ProcessedEvent, {"event_id": event_id, "received_at": utcnow()})

    async def purge_older_than(self, cutoff: datetime) -> int:
        async with self.db.session() as session:
            result = await session.exec(  # type: ignore[call-overload]
                delete(ProcessedEvent).where(ProcessedEvent.received_at < to_naive_utc(cutoff))
            )
            return int(result.rowcount or 0)
