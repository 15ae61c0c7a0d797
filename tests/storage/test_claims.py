"""Claim-once rows: Slack event ids and weekly digest marks, raced by several 'processes'."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.storage import CITY_SCOPE, Database, DigestMarks, EventDedup


async def test_an_event_is_claimed_once(db: Database) -> None:
    dedup = EventDedup(db)
    assert await dedup.claim_event("Ev01ABC") is True
    assert await dedup.claim_event("Ev01ABC") is False  # Slack's retry
    assert await dedup.claim_event("Ev01ABD") is True


async def test_claims_made_together_are_won_by_the_first_of_each_id(db: Database) -> None:
    dedup = EventDedup(db)
    assert await dedup.claim_event("Ev-batch-2") is True
    won = await dedup.claim_events(["Ev-batch-1", "Ev-batch-2", "Ev-batch-1", "Ev-batch-3"])
    assert won == [True, False, False, True]  # Ev-batch-2 was taken before; Ev-batch-1's second copy is a retry
    assert await dedup.claim_event("Ev-batch-3") is False


async def test_racing_processes_get_exactly_one_claim(database_url: str, db: Database) -> None:
    engines = [db] + [Database(database_url) for _ in range(3)]
    try:
        results = await asyncio.gather(
            *(EventDedup(engine).claim_event("Ev-race") for engine in engines for _ in range(3))
        )
        assert sorted(results) == [False] * 11 + [True]
        marks = await asyncio.gather(*(DigestMarks(engine).claim("2026-W47", "総務課") for engine in engines))
        assert marks.count(True) == 1
    finally:
        for engine in engines[1:]:
            await engine.dispose()


async def test_old_event_ids_are_purged(db: Database) -> None:
    dedup = EventDedup(db)
    await dedup.claim_event("Ev-old")
    assert await dedup.purge_older_than(datetime.now(UTC) + timedelta(seconds=1)) == 1
    assert await dedup.claim_event("Ev-old") is True


async def test_digest_mark_per_week_and_scope_and_release_after_a_failed_send(db: Database) -> None:
    marks = DigestMarks(db)
    assert await marks.claim("2026-W47", CITY_SCOPE)
    assert not await marks.claim("2026-W47", CITY_SCOPE)
    assert await marks.claim("2026-W47", "総務課")
    assert await marks.claim("2026-W48", CITY_SCOPE)
    await marks.release("2026-W47", CITY_SCOPE)
    assert await marks.claim("2026-W47", CITY_SCOPE)
