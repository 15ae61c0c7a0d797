"""Where the database is and how to talk to it: URL resolution, the async engine, sessions.

SQLite (a file under var/, no set-up) is the default; PostgreSQL is chosen with `DATABASE_URL`.
Every database fault leaves this module as `StorageUnavailable`, so callers need to know one
exception, not the drivers'.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.storage.errors import StorageUnavailable

ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_SQLITE_PATH = ROOT / "var" / "aigate.sqlite3"

# How long a connection attempt may take before the bot tells the user it is unavailable.
CONNECT_TIMEOUT_S = 5
SQLITE_BUSY_TIMEOUT_S = 15


def utcnow() -> datetime:
    """Timestamps are stored as naive UTC on every backend (SQLite keeps no time zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


def to_naive_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def configured_url(url: str | None = None) -> str:
    """`url` (Settings.database_url, from DATABASE_URL), or the default SQLite file (its folder created on demand)."""
    if url:
        return url
    DEFAULT_SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def _parse(url: str | URL) -> URL:
    if isinstance(url, URL):
        return url
    if url.startswith("postgres://"):  # Heroku-style spelling
        url = "postgresql://" + url.removeprefix("postgres://")
    return make_url(url)


def is_sqlite(url: str | URL) -> bool:
    return _parse(url).get_backend_name() == "sqlite"


def async_url(url: str | URL) -> URL:
    """The URL for the async engine: aiosqlite for SQLite, psycopg (async mode) for PostgreSQL."""
    parsed = _parse(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+aiosqlite")
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg")
    raise StorageUnavailable(
        f"DATABASE_URL のデータベース種別「{backend}」には対応していません。sqlite か postgresql を指定してください。"
    )


def sync_url(url: str | URL) -> URL:
    """The URL for Alembic, which runs migrations synchronously (sqlite3 / psycopg)."""
    parsed = async_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.set(drivername="sqlite")
    return parsed


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets several bot processes read while one writes; busy_timeout makes writers wait
    # for each other instead of failing at once.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_engine_for(url: str | URL) -> AsyncEngine:
    target = async_url(url)
    if target.get_backend_name() == "sqlite":
        engine = create_async_engine(target, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(
        target,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=10,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
    )


def describe(url: str | URL) -> str:
    """The URL without its password, for messages and logs."""
    return _parse(url).render_as_string(hide_password=True)


class Database:
    """One async engine per process; every store takes one of these."""

    def __init__(self, url: str | URL | None = None) -> None:
        self.url = _parse(url or configured_url())  # None: the default SQLite file
        self.engine = create_engine_for(self.url)

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session that commits on success and turns any database fault into StorageUnavailable."""
        try:
            async with AsyncSession(self.engine, expire_on_commit=False) as session:
                yield session
                await session.commit()
        except StorageUnavailable:
            raise
        # Driver and connection faults only: a bug in a query (ArgumentError, …) must stay visible.
        except (DBAPIError, DisconnectionError, PoolTimeout, OSError, TimeoutError) as exc:
            raise StorageUnavailable(detail=f"{type(exc).__name__}: {_first_line(exc)}") from exc

    async def ping(self) -> None:
        from sqlalchemy import text

        async with self.session() as session:
            await session.exec(text("SELECT 1"))  # type: ignore[call-overload]

    async def dispose(self) -> None:
        await self.engine.dispose()


def _first_line(exc: BaseException) -> str:
    # Driver messages can quote parameters; keep only the first line (the error itself).
    return str(exc).splitlines()[0][:300] if str(exc) else ""
