"""The daily purge runs at 03:00 Japan time and keeps running after a failure."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.storage import AuditStore, Database
from bot.storage.purge_schedule import JST, next_purge_time, run_daily_purge


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 11, 25, 2, 59, tzinfo=JST), datetime(2026, 11, 25, 3, 0, tzinfo=JST)),
        (datetime(2026, 11, 25, 3, 0, tzinfo=JST), datetime(2026, 11, 26, 3, 0, tzinfo=JST)),
        (datetime(2026, 11, 24, 18, 30, tzinfo=UTC), datetime(2026, 11, 26, 3, 0, tzinfo=JST)),  # 03:30 JST
    ],
)
def test_next_purge_time(now: datetime, expected: datetime) -> None:
    assert next_purge_time(now) == expected


async def test_the_loop_purges_each_night(db: Database) -> None:
    store = AuditStore(db)
    clock = {"now": datetime(2026, 11, 25, 12, 0, tzinfo=JST)}
    old = await store.record(city="matsudo", action="allow", created_at=clock["now"] - timedelta(days=366))
    sleeps: list[float] = []

    async def sleep(seconds: float) -> None:
        if len(sleeps) == 2:
            raise asyncio.CancelledError
        sleeps.append(seconds)
        clock["now"] += timedelta(seconds=seconds)

    with pytest.raises(asyncio.CancelledError):
        await run_daily_purge(db, {"matsudo": 365}, now=lambda: clock["now"], sleep=sleep)
    assert sleeps == [15 * 3600, 24 * 3600]  # 12:00 → 03:00 the next day, then a day
    assert await store.get(old) is None
