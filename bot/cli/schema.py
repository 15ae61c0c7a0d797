"""For the commands that use the records: the schema brought up to date first, and faults told to the operator.

The staff-facing StorageUnavailable sentence (「…ただいま生成AIゲートを利用できません」) is not for an
operator at a terminal: these commands say which database, why, and what to run instead.
"""

from __future__ import annotations

import sys

from bot.storage.database import describe
from bot.storage.errors import StorageUnavailable
from bot.storage.migrate import MigrationFailed, ensure_schema, explain_database_error


def schema_ready(url: str, auto_migrate: bool) -> bool:
    """Migrate as `serve` does (unless `Settings.auto_migrate` is off: then say to run `db upgrade`); False if not."""
    try:
        ensure_schema(url, auto_migrate=auto_migrate)
    except MigrationFailed as exc:
        print(exc, file=sys.stderr)
        return False
    return True


def storage_problem(exc: StorageUnavailable, url: str) -> str:
    return f"データベース {describe(url)} を使えません: {explain_database_error(exc.detail)}。"
