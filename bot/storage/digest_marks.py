"""'The digest for this week and this 所属 has gone out': one mark per (week, scope), claimed once."""

from __future__ import annotations

import os
import socket

from sqlmodel import delete

from bot.storage.claims import insert_once
from bot.storage.database import Database, utcnow
from bot.storage.models import DigestMark

CITY_SCOPE = "__city__"  # the whole city's digest, sent to the admins' channel


def _who() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


class DigestMarks:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def claim(self, week: str, scope: str) -> bool:
        """True if this process is the one to send this digest; False if another already did."""
        return await insert_once(
            self.db, DigestMark, {"week": week, "scope": scope, "claimed_at": utcnow(), "claimed_by": _who()}
        )

    async def release(self, week: str, scope: str) -> None:
        """Give the mark back after a failed send, so the next attempt may send it."""
        async with self.db.session() as session:
            await session.exec(  # type: ignore[call-overload]
                delete(DigestMark).where(DigestMark.week == week, DigestMark.scope == scope)
            )
