"""利用停止 state (新座 8, 流山 9): who may not use the bot right now, seen by every process.

Each process caches the (short) list of active stops for `ttl_s` seconds, so a stop made in one
process takes effect in all of them within that time plus one query — well under 5 seconds. Once the cache
is half its age, the next request starts a refresh in the background and is answered from the cache, so a busy
process rarely waits for the query; a cache older than `ttl_s` is never used.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import col, select, update

from bot.storage.database import Database, utcnow
from bot.storage.models import Suspension

DEFAULT_TTL_S = 2.0
log = logging.getLogger(__name__)


class Scope(StrEnum):
    ALL = "all"
    USER = "user"
    CHANNEL = "channel"
    DEPARTMENT = "department"

    @property
    def label_ja(self) -> str:
        return {"all": "全体", "user": "職員", "channel": "チャンネル", "department": "所属"}[self.value]


@dataclass(frozen=True, slots=True)
class ActiveSuspension:
    id: int
    scope: Scope
    target: str  # "" for ALL
    reason: str
    created_by: str
    created_at: datetime  # naive UTC


@dataclass(frozen=True, slots=True)
class StopResult:
    suspension: ActiveSuspension
    created: bool  # False: the same stop was already in force (kept as it was)


def _active(row: Suspension) -> ActiveSuspension:
    assert row.id is not None
    return ActiveSuspension(row.id, Scope(row.scope), row.target, row.reason, row.created_by, row.created_at)


class SuspensionStore:
    def __init__(self, db: Database, ttl_s: float = DEFAULT_TTL_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.db = db
        self.ttl_s = ttl_s
        self._clock = clock
        self._cache: tuple[float, list[ActiveSuspension]] | None = None
        self._lock = asyncio.Lock()
        self._refreshing: asyncio.Task[None] | None = None
        self._generation = 0  # bumped by invalidate(): a query started before a stop may not refill the cache

    def invalidate(self) -> None:
        self._generation += 1
        self._cache = None

    async def stop(self, scope: Scope, target: str, reason: str, by: str) -> StopResult:
        target = "" if scope is Scope.ALL else target
        async with self.db.session() as session:
            existing = (
                await session.exec(
                    select(Suspension).where(
                        Suspension.scope == scope.value,
                        Suspension.target == target,
                        col(Suspension.lifted_at).is_(None),
                    )
                )
            ).first()
            if existing is not None:
                return StopResult(_active(existing), created=False)
            row = Suspension(scope=scope.value, target=target, reason=reason, created_by=by, created_at=utcnow())
            session.add(row)
            await session.flush()
            result = StopResult(_active(row), created=True)
        self.invalidate()
        return result

    async def resume(self, scope: Scope, target: str, by: str) -> int:
        """Lift the stop on exactly this scope and target; returns how many were lifted (0 or 1)."""
        target = "" if scope is Scope.ALL else target
        async with self.db.session() as session:
            result = await session.exec(  # type: ignore[call-overload]
                update(Suspension)
                .where(
                    Suspension.scope == scope.value,
                    Suspension.target == target,
                    col(Suspension.lifted_at).is_(None),
                )
                .values(lifted_at=utcnow(), lifted_by=by)
            )
            lifted = int(result.rowcount or 0)
        self.invalidate()
        return lifted

    async def active(self) -> list[ActiveSuspension]:
        cached = self._cache
        if cached is not None:
            age = self._clock() - cached[0]
            if age < self.ttl_s:
                if age >= self.ttl_s / 2 and self._refreshing is None:
                    self._refreshing = asyncio.get_running_loop().create_task(self._refresh_ahead())
                return cached[1]
        async with self._lock:
            cached = self._cache
            if cached is not None and self._clock() - cached[0] < self.ttl_s:
                return cached[1]
            return await self._load()

    async def _load(self) -> list[ActiveSuspension]:
        started, generation = self._clock(), self._generation  # the cache's age counts from before the query
        async with self.db.session() as session:
            rows = (
                await session.exec(
                    select(Suspension).where(col(Suspension.lifted_at).is_(None)).order_by(col(Suspension.id))
                )
            ).all()
        active = [_active(row) for row in rows]
        if generation == self._generation:
            self._cache = (started, active)
        return active

    async def _refresh_ahead(self) -> None:
        try:
            async with self._lock:
                await self._load()
        except Exception:  # the next request past the TTL queries again and fails closed there
            log.warning("利用停止の状態を先読みで更新できませんでした（次の問い合わせで読み直します）", exc_info=True)
        finally:
            self._refreshing = None

    async def is_suspended(
        self, user: str | None, channel: str | None, department: str | None
    ) -> ActiveSuspension | None:
        """The stop that applies to this request, the widest first (全体, then 職員, チャンネル, 所属)."""
        wanted = {
            Scope.ALL: "",
            Scope.USER: user,
            Scope.CHANNEL: channel,
            Scope.DEPARTMENT: department,
        }
        active = await self.active()
        for scope in (Scope.ALL, Scope.USER, Scope.CHANNEL, Scope.DEPARTMENT):
            for suspension in active:
                if suspension.scope is scope and wanted[scope] is not None and suspension.target == wanted[scope]:
                    return suspension
        return None
