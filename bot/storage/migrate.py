"""Running the Alembic migrations: from `python -m bot db upgrade` and at bot start-up.

Start-up runs them unless AIGATE_AUTO_MIGRATE=0 (`Settings.auto_migrate`); a failure stops start-up with the reason in
Japanese, because a bot that cannot write its audit records must not answer anyone.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, pool
from sqlalchemy.engine import URL

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
            f"データベース {describe(target)} の更新（マイグレーション）に失敗しました: {explain_database_error(exc)}。"
            "データベースが起動しているか、DATABASE_URL が正しいかを確認してください。"
        ) from exc


def ensure_schema(url: str | URL | None = None, *, auto_migrate: bool | None = None) -> str | None:
    """For the commands that read or write records (db load-directory, db purge, digest): bring the schema
    up to date as `serve` does, or, with AIGATE_AUTO_MIGRATE=0, say which command to run. Raises MigrationFailed."""
    target = url or configured_url()
    if auto_migrate_enabled(auto_migrate):
        return upgrade(target)
    try:
        revision = current_revision(target)
    except Exception as exc:
        reason = explain_database_error(exc)
        raise MigrationFailed(f"データベース {describe(target)} に接続できません: {reason}。") from exc
    head = head_revision()
    if revision != head:
        raise MigrationFailed(
            f"データベース {describe(target)} のスキーマが最新ではありません"
            f"（版: {revision or '未作成'}、最新: {head}）。"
            "AIGATE_AUTO_MIGRATE=0 のため自動では更新しません。先に python -m bot db upgrade を実行してください。"
        )
    return revision


# Driver messages (English, or the OS's words) → a Japanese reason an operator can act on. First match wins.
_REASONS = (
    (r"connection refused", "接続を拒否されました（サーバーが起動していないか、ホスト・ポートが違います）"),
    (r"could not translate host name|name or service not known", "ホスト名が見つかりません（DATABASE_URL を確認）"),
    (r"password authentication failed", "認証に失敗しました（ユーザー名・パスワードを確認してください）"),
    (r"role .* does not exist", "データベースのユーザーがありません（DATABASE_URL のユーザー名を確認）"),
    (r"database .* does not exist", "指定したデータベースがありません（先に作成してください）"),
    (r"unable to open database file", "データベースのファイルを開けません（フォルダーの有無・書き込み権限を確認）"),
    (r"database is locked", "他のプロセスがデータベースをロックしています（しばらくしてから再実行）"),
    (r"no such table|relation .* does not exist", "記録用の表がありません（python -m bot db upgrade を実行）"),
    (r"timeout|timed out", "データベースが時間内に応答しませんでした"),
    (r"permission denied", "権限がありません（データベースのユーザーの権限を確認してください）"),
)


_CLASS_PREFIX = re.compile(r"^(?:\w+Error:\s*)?(?:\([\w.]+\)\s*)?")


def explain_database_error(exc: BaseException | str) -> str:
    """A Japanese reason for a database fault, with the driver's first line in brackets for support."""
    text = exc if isinstance(exc, str) else str(exc)
    # The driver's own words only: no exception class names ("OperationalError: (psycopg.OperationalError) …").
    first = _CLASS_PREFIX.sub("", text.splitlines()[0] if text else "")[:200]
    reason = next(
        (r for pattern, r in _REASONS if re.search(pattern, text, re.IGNORECASE)), "原因を特定できない接続エラーです"
    )
    return f"{reason}（{first}）" if first else reason


def auto_migrate_enabled(setting: bool | None = None) -> bool:
    """`Settings.auto_migrate` when given; else AIGATE_AUTO_MIGRATE by the same rule (tests, benches).

    A wrong value raises MigrationFailed with the Japanese sentence of `Settings`."""
    if setting is not None:
        return setting
    from bot.config import ConfigError, auto_migrate_setting, one_setting

    try:
        return one_setting(auto_migrate_setting)
    except ConfigError as exc:
        raise MigrationFailed(" ".join(exc.problems)) from None


async def migrate_at_startup(url: str | URL | None = None, *, auto_migrate: bool | None = None) -> str | None:
    """Called by every bot process before it takes requests; raises MigrationFailed."""
    if not auto_migrate_enabled(auto_migrate):
        return None
    # Alembic is synchronous; keep the event loop free while it runs.
    return await asyncio.to_thread(upgrade, url)
