"""Every admin command is written down, refused attempts included (who tried what, when)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import col, select

from bot.storage.database import Database, utcnow
from bot.storage.models import AdminAction, canonical_json


class AdminLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(
        self,
        actor: str,
        action: str,
        target: str | None = None,
        *,
        allowed: bool = True,
        detail: Mapping[str, Any] | None = None,
    ) -> int:
        row = AdminAction(
            at=utcnow(),
            actor=actor,
            action=action,
            target=target,
            allowed=allowed,
            detail=canonical_json(dict(detail or {})),
        )
        async with self.db.session() as session:
            session.add(row)
            await session.flush()
            assert row.id is not None
            return row.id

    async def recent(self, limit: int = 20) -> list[AdminAction]:
        async with self.db.session() as session:
            query = select(AdminAction).order_by(col(AdminAction.id).desc()).limit(limit)
            return list((await session.exec(query)).all())
