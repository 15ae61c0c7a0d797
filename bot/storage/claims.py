"""Claim-once inserts: the row that gets in first wins, in any number of processes.

`INSERT … ON CONFLICT DO NOTHING RETURNING …` exists in both SQLite (3.35+) and PostgreSQL: a
returned row means this caller's insert got in. No exception, no aborted transaction. (The row
count is not used: psycopg's async cursor reports -1 for it here.)
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import SQLModel

from bot.storage.database import Database


async def insert_once(db: Database, table: type[SQLModel], values: dict[str, Any]) -> bool:
    return bool(await insert_many_once(db, table, [values]))


async def insert_many_once(db: Database, table: type[SQLModel], rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Insert the rows in one statement; the primary keys of those that got in (the others already existed)."""
    insert = sqlite_insert if db.is_sqlite else pg_insert
    table_ = table.__table__  # type: ignore[attr-defined]
    statement = insert(table_).values(rows).on_conflict_do_nothing().returning(*table_.primary_key.columns)
    async with db.session() as session:
        result = await session.exec(statement)  # type: ignore[call-overload]
        return [tuple(row) for row in result.all()]
