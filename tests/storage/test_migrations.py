"""The Alembic history builds exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import socket
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, pool, text
from sqlmodel import SQLModel

from bot.storage.database import sync_url
from bot.storage.migrate import (
    MigrationFailed,
    alembic_config,
    current_revision,
    head_revision,
    migrate_at_startup,
    upgrade,
)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_database_is_at_the_head_revision(database_url: str) -> None:
    assert head_revision() is not None
    assert current_revision(database_url) == head_revision()


def test_migrated_schema_matches_the_models(database_url: str) -> None:
    engine = create_engine(sync_url(database_url), poolclass=pool.NullPool)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    engine.dispose()
    assert differences == []


def test_downgrade_to_nothing_and_upgrade_again(database_url: str) -> None:
    command.downgrade(alembic_config(database_url), "base")
    engine = create_engine(sync_url(database_url), poolclass=pool.NullPool)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert upgrade(database_url) == head_revision()
    assert "audit_records" in inspect(engine).get_table_names()
    engine.dispose()


def test_an_unreachable_database_stops_the_migration_with_a_japanese_reason() -> None:
    with pytest.raises(MigrationFailed) as failure:
        upgrade(f"postgresql://postgres@127.0.0.1:{_closed_port()}/nothing")
    assert "マイグレーション" in str(failure.value)
    assert "DATABASE_URL" in str(failure.value)


async def test_start_up_migration_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'off.sqlite3'}"
    monkeypatch.setenv("AIGATE_AUTO_MIGRATE", "0")
    assert await migrate_at_startup(url) is None
    assert not (tmp_path / "off.sqlite3").exists()
    monkeypatch.setenv("AIGATE_AUTO_MIGRATE", "1")
    assert await migrate_at_startup(url) == head_revision()


def test_confirm_records_from_before_outcomes_were_kept_become_unknown(database_url: str) -> None:
    """0004 cannot know whether an older preview was sent: 'unknown', neither sent nor expired."""
    command.downgrade(alembic_config(database_url), "0003")
    engine = create_engine(sync_url(database_url), poolclass=pool.NullPool)
    try:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM audit_records"))
            for action in ("allow", "confirm"):
                connection.execute(
                    text(
                        "INSERT INTO audit_records (created_at, city, platform, action, rule_ids, masked_counts,"
                        " policy_version) VALUES (:at, 'niiza', 'slack', :action, '[]', '{}', '')"
                    ),
                    {"at": datetime(2026, 11, 17, 1, 0), "action": action},
                )
        assert upgrade(database_url) == head_revision()
        with engine.begin() as connection:
            rows = connection.execute(text("SELECT action, confirm_outcome FROM audit_records ORDER BY action")).all()
            connection.execute(text("DELETE FROM audit_records"))
    finally:
        engine.dispose()
    assert [tuple(row) for row in rows] == [("allow", None), ("confirm", "unknown")]
