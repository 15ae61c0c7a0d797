"""The long-running jobs a bot process starts beside the Slack app: weekly digest and daily purge.

    tasks = start_background_jobs(db, client, city, policies)
    …
    for task in tasks: task.cancel()

Both are safe with many processes: the digest is claimed once per week and 所属 in the database,
the purge is idempotent.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.digest.scheduler import run_weekly_digest
from bot.digest.sender import send_weekly_digest
from bot.digest.slack_transport import SlackDigestTransport
from bot.digest.week import IsoWeek
from bot.storage.database import Database
from bot.storage.purge_schedule import run_daily_purge


def start_background_jobs(
    db: Database,
    client: AsyncWebClient | None,
    city: str,
    policies: Any,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    admin_channel: str | None = None,
) -> list[asyncio.Task[None]]:
    """`policies` is the gate's PolicyBook: the city's name for the digest, every city's retention.

    Without a Slack client (a bridge-only process) only the purge runs; a Slack process sends the digest
    (the city-wide one to `admin_channel`, Settings.admin_channel).
    """
    retention = {name: policies.get(name).retention_days for name in policies.cities}
    jobs = [asyncio.create_task(run_daily_purge(db, retention, now=now), name="aigate-daily-purge")]
    if client is not None:
        policy = policies.get(city)
        transport = SlackDigestTransport(client)

        async def send(week: IsoWeek) -> None:
            await send_weekly_digest(db, week, transport, admin_channel, city=city, city_title=policy.name)

        jobs.append(asyncio.create_task(run_weekly_digest(send, now=now), name="aigate-weekly-digest"))
    return jobs
