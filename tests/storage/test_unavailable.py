"""No request without its audit record: a database fault is one typed error with a Japanese message."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from bot.storage import AuditStore, Database, EventDedup, StorageUnavailable, SuspensionStore
from bot.storage.database import async_url, sync_url


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_an_unreachable_postgresql_raises_storage_unavailable() -> None:
    db = Database(f"postgresql://postgres@127.0.0.1:{_closed_port()}/nothing")
    try:
        with pytest.raises(StorageUnavailable) as failure:
            await AuditStore(db).record(city="niiza", action="allow")
        assert "生成AIに送信していません" in failure.value.message
        assert failure.value.detail  # the cause, for the operator's log
        with pytest.raises(StorageUnavailable):
            await SuspensionStore(db).is_suspended("U1", None, None)  # fail closed, not "not stopped"
        with pytest.raises(StorageUnavailable):
            await EventDedup(db).claim_event("Ev1")
    finally:
        await db.dispose()


async def test_a_database_that_was_never_migrated_is_unavailable_too(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        with pytest.raises(StorageUnavailable) as failure:
            await AuditStore(db).record(city="niiza", action="allow", redacted_text="【氏名1】さんへの通知")
        assert "【氏名1】" not in failure.value.detail  # parameters are not carried into messages
    finally:
        await db.dispose()


@pytest.mark.parametrize(
    ("url", "async_driver", "sync_driver"),
    [
        ("sqlite:///var/x.sqlite3", "sqlite+aiosqlite", "sqlite"),
        ("postgres://u@h/db", "postgresql+psycopg", "postgresql+psycopg"),
        ("postgresql://u@h/db", "postgresql+psycopg", "postgresql+psycopg"),
        ("postgresql+psycopg2://u@h/db", "postgresql+psycopg", "postgresql+psycopg"),
    ],
)
def test_database_urls_are_translated_for_each_driver(url: str, async_driver: str, sync_driver: str) -> None:
    assert async_url(url).drivername == async_driver
    assert sync_url(url).drivername == sync_driver


def test_an_unsupported_database_is_refused_in_japanese() -> None:
    with pytest.raises(StorageUnavailable, match="対応していません"):
        async_url("mysql://u@h/db")
