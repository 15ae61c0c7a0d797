"""Monday 09:00 JST, every week, with a catch-up for a process that starts later."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.digest import IsoWeek, next_send_time, run_weekly_digest
from bot.digest.week import JST


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 11, 23, 8, 59, tzinfo=JST), datetime(2026, 11, 23, 9, 0, tzinfo=JST)),
        (datetime(2026, 11, 23, 9, 0, tzinfo=JST), datetime(2026, 11, 30, 9, 0, tzinfo=JST)),
        (datetime(2026, 11, 26, 15, 0, tzinfo=JST), datetime(2026, 11, 30, 9, 0, tzinfo=JST)),
        # Monday 00:30 UTC is Monday 09:30 in Japan: the next is a week later.
        (datetime(2026, 11, 23, 0, 30, tzinfo=UTC), datetime(2026, 11, 30, 9, 0, tzinfo=JST)),
    ],
)
def test_next_send_time(now: datetime, expected: datetime) -> None:
    assert next_send_time(now) == expected


class FakeTime:
    """A clock that jumps forward when the scheduler sleeps; stops the loop after a few sleeps."""

    def __init__(self, start: datetime, sleeps: int) -> None:
        self.now = start
        self.sleeps_left = sleeps

    def clock(self) -> datetime:
        return self.now

    async def sleep(self, seconds: float) -> None:
        if self.sleeps_left == 0:
            raise asyncio.CancelledError
        self.sleeps_left -= 1
        self.now += timedelta(seconds=seconds)


async def test_the_loop_sends_last_weeks_digest_every_monday() -> None:
    time = FakeTime(datetime(2026, 11, 20, 12, 0, tzinfo=JST), sleeps=2)
    sent: list[tuple[IsoWeek, datetime]] = []

    async def send(week: IsoWeek) -> None:
        sent.append((week, time.now))

    with pytest.raises(asyncio.CancelledError):
        await run_weekly_digest(send, now=time.clock, sleep=time.sleep)
    assert sent == [
        (IsoWeek(2026, 46), datetime(2026, 11, 20, 12, 0, tzinfo=JST)),  # catch-up at start (Friday)
        (IsoWeek(2026, 47), datetime(2026, 11, 23, 9, 0, tzinfo=JST)),
        (IsoWeek(2026, 48), datetime(2026, 11, 30, 9, 0, tzinfo=JST)),
    ]


async def test_a_failing_send_does_not_stop_the_loop() -> None:
    time = FakeTime(datetime(2026, 11, 23, 8, 0, tzinfo=JST), sleeps=2)
    attempts: list[IsoWeek] = []

    async def send(week: IsoWeek) -> None:
        attempts.append(week)
        raise RuntimeError("Slack unreachable")

    with pytest.raises(asyncio.CancelledError):
        await run_weekly_digest(send, now=time.clock, sleep=time.sleep)
    assert attempts == [IsoWeek(2026, 47), IsoWeek(2026, 48)]  # no catch-up before 09:00 Monday
