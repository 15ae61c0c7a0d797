"""The pipeline's records on real databases: claims are won once, however many arrive together."""

from __future__ import annotations

import asyncio

from bot.conversation.records import DatabaseRecords
from bot.storage import Database


async def test_concurrent_claims_are_won_once_per_event_across_record_stores(database_url: str) -> None:
    first, second = DatabaseRecords(Database(database_url)), DatabaseRecords(Database(database_url))
    try:
        ids = [f"EvRecords-{database_url[-10:]}-{n}" for n in range(20)]
        attempts = [store.claim_event(event_id) for event_id in ids for store in (first, second, first)]
        results = await asyncio.gather(*attempts)
        per_event = [results[i : i + 3] for i in range(0, len(results), 3)]
        assert all(sum(won) == 1 for won in per_event)  # one winner per event, the rest are retries
        assert await first.claim_event(ids[0]) is False
    finally:
        await first.close()
        await second.close()


async def test_department_lookups_are_cached_and_unknown_users_have_none(database_url: str) -> None:
    records = DatabaseRecords(Database(database_url))
    try:
        await records.directory.set_department("U-dept-1", "総務課")
        assert await records.department_of("U-dept-1") == "総務課"
        assert await records.department_of("U-nobody") is None
    finally:
        await records.close()
