"""`python -m bot db …` as an operator runs it: a real process, a real database file."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.storage import AuditStore, Database, Directory
from bot.storage.migrate import current_revision, head_revision

ROOT = Path(__file__).resolve().parents[2]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bot(*args: str, database_url: str, **extra: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DATABASE_URL": database_url, **extra}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_db_upgrade_and_current(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    before = bot("db", "current", database_url=url)
    assert before.returncode == 1 and "更新が必要です" in before.stdout
    done = bot("db", "upgrade", database_url=url)
    assert done.returncode == 0, done.stderr
    assert "最新です" in done.stdout
    assert current_revision(url) == head_revision()
    after = bot("db", "current", database_url=url)
    assert after.returncode == 0 and "最新です" in after.stdout


def test_db_upgrade_fails_with_the_reason_in_japanese() -> None:
    done = bot("db", "upgrade", database_url=f"postgresql://postgres@127.0.0.1:{_closed_port()}/nothing")
    assert done.returncode == 1
    assert "（マイグレーション）に失敗しました" in done.stderr
    assert "Traceback" not in done.stderr


def test_db_purge_uses_each_citys_retention_from_the_policies(sqlite_url: str) -> None:
    async def seed() -> tuple[int, int]:
        db = Database(sqlite_url)
        try:
            store = AuditStore(db)
            now = datetime.now(UTC)
            old = await store.record(city="matsudo", action="allow", created_at=now - timedelta(days=400))
            recent = await store.record(city="matsudo", action="allow", created_at=now - timedelta(days=300))
            return old, recent
        finally:
            await db.dispose()

    async def exists(record_id: int) -> bool:
        db = Database(sqlite_url)
        try:
            return await AuditStore(db).get(record_id) is not None
        finally:
            await db.dispose()

    old, recent = asyncio.run(seed())
    done = bot("db", "purge", database_url=sqlite_url)
    assert done.returncode == 0, done.stderr
    assert "松戸市: 保存期間 365 日を過ぎた利用記録 1 件を削除しました。" in done.stdout
    assert not asyncio.run(exists(old)) and asyncio.run(exists(recent))

    shorter = bot("db", "purge", "--days", "200", database_url=sqlite_url)
    assert shorter.returncode == 0 and "保存期間 200 日" in shorter.stdout
    assert not asyncio.run(exists(recent))

    refused = bot("db", "purge", "--days", "0", database_url=sqlite_url)
    assert refused.returncode == 2 and "1以上の日数" in refused.stderr


def test_db_load_directory(sqlite_url: str, tmp_path: Path) -> None:
    path = tmp_path / "名簿.csv"
    path.write_bytes("ユーザーID,所属,所属長\nU001,総務課,○\nU002,総務課,\n".encode("utf-8-sig"))
    done = bot("db", "load-directory", str(path), database_url=sqlite_url)
    assert done.returncode == 0, done.stderr
    assert "職員 2 人" in done.stdout

    async def managers() -> dict[str, list[str]]:
        db = Database(sqlite_url)
        try:
            return await Directory(db).managers_by_department()
        finally:
            await db.dispose()

    assert asyncio.run(managers()) == {"総務課": ["U001"]}
    path.write_text("user_id,department\nU001,\n", encoding="utf-8")
    bad = bot("db", "load-directory", str(path), database_url=sqlite_url)
    assert bad.returncode == 2 and "2 行目: U001 の所属が空です" in bad.stderr


def _managers(url: str) -> dict[str, list[str]]:
    async def read() -> dict[str, list[str]]:
        db = Database(url)
        try:
            return await Directory(db).managers_by_department()
        finally:
            await db.dispose()

    return asyncio.run(read())


def test_the_managers_user_id_in_the_third_column_is_read_as_such(sqlite_url: str, tmp_path: Path) -> None:
    """「列: ユーザーID, 所属, 所属長」 read literally: each row names its 所属長 by user id."""
    path = tmp_path / "名簿.csv"
    path.write_bytes(
        "ユーザーID,所属,所属長\nU01AAAAA,総務課,U01AAAAA\nU01BBBBB,総務課,U01AAAAA\n"
        "U01CCCCC,市民課,U01DDDDD\nU01DDDDD,市民課,U01DDDDD\n".encode("utf-8-sig")
    )
    done = bot("db", "load-directory", str(path), database_url=sqlite_url)
    assert done.returncode == 0, done.stderr
    assert "職員 4 人、所属 2（うち所属長のいる所属 2）" in done.stdout
    assert done.stderr == ""
    assert _managers(sqlite_url) == {"総務課": ["U01AAAAA"], "市民課": ["U01DDDDD"]}


def test_both_forms_together_and_a_warning_for_a_department_without_manager(sqlite_url: str, tmp_path: Path) -> None:
    path = tmp_path / "名簿.csv"
    path.write_bytes(
        "ユーザーID,所属,所属長\nU01AAAAA,総務課,○\nU01BBBBB,総務課,\n"
        "U01CCCCC,市民課,U01AAAAA\nU01EEEEE,財政課,0\n".encode("utf-8-sig")
    )
    done = bot("db", "load-directory", str(path), database_url=sqlite_url)
    assert done.returncode == 0, done.stderr
    assert "所属 3（うち所属長のいる所属 2）" in done.stdout
    assert "所属長が登録されていない所属があります（週次報告が届きません）: 財政課" in done.stderr
    assert _managers(sqlite_url) == {"総務課": ["U01AAAAA"], "市民課": ["U01AAAAA"]}


def test_an_unreadable_manager_cell_is_refused_with_its_line(sqlite_url: str, tmp_path: Path) -> None:
    path = tmp_path / "名簿.csv"
    path.write_bytes("ユーザーID,所属,所属長\nU01AAAAA,総務課,1\nU01BBBBB,総務課,課長\n".encode("utf-8-sig"))
    refused = bot("db", "load-directory", str(path), database_url=sqlite_url)
    assert refused.returncode == 2
    assert "3 行目: 所属長の列の「課長」を読めません" in refused.stderr
    assert "Traceback" not in refused.stderr


STAFF_MESSAGE = "ただいま生成AIゲートを利用できません"


def test_load_directory_on_a_new_database_brings_the_schema_up_first(tmp_path: Path) -> None:
    """The first thing an operator runs on a new installation, before any `db upgrade`."""
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    path = tmp_path / "名簿.csv"
    path.write_bytes("ユーザーID,所属,所属長\nU01AAAAA,総務課,1\n".encode("utf-8-sig"))
    done = bot("db", "load-directory", str(path), database_url=url)
    assert done.returncode == 0, done.stderr
    assert "名簿を読み込みました: 職員 1 人" in done.stdout
    assert current_revision(url) == head_revision()


def test_without_auto_migration_the_commands_say_which_command_to_run(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    path = tmp_path / "名簿.csv"
    path.write_bytes("ユーザーID,所属,所属長\nU01AAAAA,総務課,1\n".encode("utf-8-sig"))
    for args in (("db", "load-directory", str(path)), ("db", "purge"), ("digest", "--week", "2026-W47")):
        done = bot(*args, database_url=url, AIGATE_AUTO_MIGRATE="0")
        assert done.returncode == 1, (args, done.stdout)
        assert "python -m bot db upgrade を実行してください" in done.stderr, args
        assert STAFF_MESSAGE not in done.stderr and "Traceback" not in done.stderr
    assert current_revision(url) is None  # nothing was changed behind the operator's back


def test_db_current_and_purge_give_a_japanese_reason_not_a_driver_class() -> None:
    url = f"postgresql://postgres@127.0.0.1:{_closed_port()}/nothing"
    current = bot("db", "current", database_url=url)
    assert current.returncode == 1
    assert (
        "に接続できません: 接続を拒否されました（サーバーが起動していないか、ホスト・ポートが違います）"
        in current.stderr
    )
    assert "OperationalError" not in current.stderr
    purge = bot("db", "purge", database_url=url)
    assert purge.returncode == 1
    assert "接続を拒否されました" in purge.stderr and "OperationalError" not in purge.stderr
    assert STAFF_MESSAGE not in purge.stderr
