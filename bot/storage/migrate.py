"""Running the Alembic migrations: from `python -m bot db upgrade` and at bot start-up.

Start-up runs them unless AIGATE_AUTO_MIGRATE=0; a failure stops start-up with the reason in
Japanese, because a bot that cannot write its audit records must not answer anyone.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, pool
from sqlalchemy.engine import URL

from bot.settings import env
from bot.storage.database import ROOT, configured_url, describe, sync_url

MIGRATIONS_DIR = ROOT / "migrations"


class MigrationFailed(Exception):
    """The schema could not be brought up to date. `str()` is Japanese, fit for the operator."""


def alembic_config(url: str | URL) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_url"] = url
    return config


def head_revision(migrations_dir: Path = MIGRATIONS_DIR) -> str | None:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    return ScriptDirectory.from_config(config).get_current_head()


def current_revision(url: str | URL) -> str | None:
    engine = create_engine(sync_url(url), poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def upgrade(url: str | URL | None = None, revision: str = "head") -> str | None:
    """Apply every pending migration; returns the revision the database is at afterwards."""
    target = url or configured_url()
    try:
        command.upgrade(alembic_config(target), revision)
        return current_revision(target)
    except Exception as exc:  # any failure here must stop start-up, whatever its type
        raise MigrationFailed(
            f"データベース {describe(target)} の更新（マイグレーション）に失敗しました: "
            f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}。"
            "データベースが起動しているか、DATABASE_URL が正しいかを確認してください。"
        ) from exc


def auto_migrate_enabled() -> bool:
    return env("AIGATE_AUTO_MIGRATE", "1") not in {"0", "false", "no", "off"}


async def migrate_at_startup(url: str | URL | None = None) -> str | None:
    """Called by every bot process before it takes requests; raises MigrationFailed."""
    if not auto_migrate_enabled():
        return None
    # Alembic is synchronous; keep the event loop free while it runs.
    return await asyncio.to_thread(upgrade, url)
