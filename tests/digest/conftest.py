from collections.abc import AsyncIterator

import pytest

from tests.digest.fake_slack import FakeSlack
from tests.storage.databases import database_url, db, postgresql_url, sqlite_url

__all__ = ["database_url", "db", "fake_slack", "postgresql_url", "sqlite_url"]


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    server = FakeSlack()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
