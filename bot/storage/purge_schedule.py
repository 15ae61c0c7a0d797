"""The daily retention purge (松戸 第3章1-3(3)): every day at 03:00 Japan time, in every process.

Deleting is idempotent, so several processes running it at once only repeat a no-op.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, time, timedelta, timezone
from typing import Any

from bot.storage.database import Database
from bot.storage.retention import purge_expired

log = logging.getLogger(__name__)

JST = timezone(timedelta(hours=9), "JST")
PURGE_AT = time(3, 0)


def next_purge_time(now: datetime) -> datetime:
    local = now.astimezone(JST)
    candidate = datetime.combine(local.date(), PURGE_AT, tzinfo=JST)
    return candidate if candidate > now else candidate + timedelta(days=1)


async def run_daily_purge(
    db: Database,
    retention_days_by_city: Mapping[str, int],
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
) -> None:
    """Run forever (cancel the task to stop); a failed purge is logged and tried again the next day."""
    while True:
        await sleep(max((next_purge_time(now()) - now()).total_seconds(), 0.0))
        try:
            result = await purge_expired(db, retention_days_by_city, now=now())
            log.info("保存期間を過ぎた記録を削除しました: %s", result)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("保存期間を過ぎた記録の削除に失敗しました")
