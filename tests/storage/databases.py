"""Real databases for the tests: a fresh SQLite file and a uniquely named PostgreSQL database.

Both are migrated with the real Alembic history before any test uses them. PostgreSQL is the
machine's server on 127.0.0.1:5432 (trust auth); when it is unreachable its tests are skipped with
a loud reason, except under CI=true, where they fail: CI must test both backends.

Import the fixtures into a conftest.py to use them (tests/storage and tests/digest do).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from bot.storage.database import Database
from bot.storage.migrate import upgrade
from bot.storage.models import ALL_TABLES

PG_HOST, PG_PORT = "127.0.0.1", 5432
PG_USERS = ("postgres", "root")


def _postgres_admin_dsn() -> str | None:
    """A DSN that can CREATE DATABASE, or None if no server answers."""
    for user in PG_USERS:
        dsn = f"host={PG_HOST} port={PG_PORT} user={user} dbname=test connect_timeout=3"
        try:
            with psycopg.connect(dsn):
                return dsn
        except psycopg.Error:
            continue
    return None


def _skip_or_fail_without_postgres() -> None:
    reason = (
        f"PostgreSQL が {PG_HOST}:{PG_PORT} で応答しません（ユーザー {'/'.join(PG_USERS)}）。"
        "PostgreSQL のテストを省略します — python3 scripts/dev.py test は起動を試みます。"
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("CI=true では PostgreSQL のテストを省略できません: " + reason, pytrace=False)
    pytest.skip("!!! " + reason)


@pytest.fixture(scope="session")
def postgresql_url() -> Iterator[str]:
    """A new, migrated PostgreSQL database for this test session; dropped afterwards."""
    admin_dsn = _postgres_admin_dsn()
    if admin_dsn is None:
        _skip_or_fail_without_postgres()
    assert admin_dsn is not None
    name = f"aigate_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    user = psycopg.conninfo.conninfo_to_dict(admin_dsn)["user"]
    url = f"postgresql+psycopg://{user}@{PG_HOST}:{PG_PORT}/{name}"
    try:
        upgrade(url)
        yield url
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path: Path = tmp_path_factory.mktemp("sqlite") / "aigate.sqlite3"
    url = f"sqlite:///{path}"
    upgrade(url)
    return url


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each test that uses it runs twice: on SQLite and on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    """A migrated, empty database (rows from earlier tests are deleted first)."""
    database = Database(database_url)
    async with database.engine.begin() as conn:
        for model in reversed(ALL_TABLES):
            await conn.execute(text(f"DELETE FROM {model.__tablename__}"))  # type: ignore[attr-defined]
    try:
        yield database
    finally:
        await database.dispose()
