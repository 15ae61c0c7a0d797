"""Monday 09:00 Japan time, every week: the asyncio task a bot process starts for the digest.

Every process may run it; the database marks make sure each digest goes out once. A process
that starts after Monday 09:00 sends the past week's digest at once if nobody has yet.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

from bot.digest.week import JST, IsoWeek

log = logging.getLogger(__name__)

SEND_AT = time(9, 0)  # Monday, JST


def this_weeks_send_time(now: datetime) -> datetime:
    local = now.astimezone(JST)
    monday = local.date() - timedelta(days=local.weekday())
    return datetime.combine(monday, SEND_AT, tzinfo=JST)


def next_send_time(now: datetime) -> datetime:
    """The first Monday 09:00 JST strictly after `now`."""
    candidate = this_weeks_send_time(now)
    return candidate if candidate > now else candidate + timedelta(days=7)


async def run_weekly_digest(
    send: Callable[[IsoWeek], Awaitable[Any]],
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    catch_up: bool = True,
) -> None:
    """Run forever (cancel the task to stop). A failed send is logged and retried next week."""
    if catch_up and now() >= this_weeks_send_time(now()):
        await _send_safely(send, IsoWeek.last_completed(now()))
    while True:
        wait = (next_send_time(now()) - now()).total_seconds()
        await sleep(max(wait, 0.0))
        await _send_safely(send, IsoWeek.last_completed(now()))


async def _send_safely(send: Callable[[IsoWeek], Awaitable[Any]], week: IsoWeek) -> None:
    try:
        await send(week)
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("週次報告 %s の送信に失敗しました", week)
