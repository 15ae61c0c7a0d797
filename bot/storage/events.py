"""Claiming an event once, in any number of processes: the one place where an event id is claimed.

Slack resends an event when the ack is slow, and a confirm button can be pressed twice or reach two
processes; the first claim of an id wins, every repeat is told it lost. The Slack listeners and the
pipeline claim through `DatabaseRecords.claim_event`, which batches concurrent claims into
`claim_events` (one statement for many); tools and tests call `claim_event` directly.

The webhook bridge claims its messages by another rule (bot/storage/bridge_messages.py): a repeat
is answered with the winner's state, a claim is released when nothing could be recorded, and one
left by a stopped process is taken over. Both rest on the same `INSERT … ON CONFLICT DO NOTHING`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import delete

from bot.storage.claims import insert_many_once
from bot.storage.database import Database, to_naive_utc, utcnow
from bot.storage.models import ProcessedEvent


def require_event_id(event_id: str) -> None:
    if not event_id:
        raise ValueError("event_id が空です")


class EventDedup:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def claim_event(self, event_id: str) -> bool:
        """True for the first caller with this event id in any process; False for every retry."""
        require_event_id(event_id)
        return (await self.claim_events([event_id]))[0]

    async def claim_events(self, event_ids: Sequence[str]) -> list[bool]:
        """`claim_event` for several ids in one statement, results in order; an id given twice wins once (first)."""
        now = utcnow()
        rows = [{"event_id": event_id, "received_at": now} for event_id in dict.fromkeys(event_ids)]
        won = {key[0] for key in await insert_many_once(self.db, ProcessedEvent, rows)}
        outcome = []
        for event_id in event_ids:  # the same id twice in one batch: only the first delivery wins
            outcome.append(event_id in won)
            won.discard(event_id)
        return outcome

    async def purge_older_than(self, cutoff: datetime) -> int:
        async with self.db.session() as session:
            result = await session.exec(  # type: ignore[call-overload]
                delete(ProcessedEvent).where(ProcessedEvent.received_at < to_naive_utc(cutoff))
            )
            return int(result.rowcount or 0)
