"""For the commands that use the records: the schema brought up to date first, and faults told to the operator.

The staff-facing StorageUnavailable sentence (「…ただいま生成AIゲートを利用できません」) is not for an
operator at a terminal: these commands say which database, why, and what to run instead.
"""

from __future__ import annotations

import sys

from bot.storage.database import describe
from bot.storage.errors import StorageUnavailable
from bot.storage.migrate import MigrationFailed, ensure_schema, explain_database_error


def schema_ready(url: str) -> bool:
    """Migrate as `serve` does (unless AIGATE_AUTO_MIGRATE=0: then say to run `db upgrade`); False on failure."""
    try:
        ensure_schema(url)
    except MigrationFailed as exc:
        print(exc, file=sys.stderr)
        return False
    return True


def storage_problem(exc: StorageUnavailable, url: str) -> str:
    return f"データベース {describe(url)} を使えません: {explain_database_error(exc.detail)}。"
