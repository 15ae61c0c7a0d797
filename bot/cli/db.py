"""`python -m bot db upgrade | current | purge | load-directory`: the database, by hand.

SQLModel, SQLAlchemy and Alembic are imported inside the commands, so `python -m bot --help` stays quick.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.storage.directory_file import DirectoryData
    from bot.storage.retention import PurgeResult


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("db", help="データベースの更新・保存期間を過ぎた記録の削除・名簿の読み込み")
    actions = parser.add_subparsers(dest="db_action", metavar="操作")

    up = actions.add_parser("upgrade", help="スキーマを最新にする（マイグレーションの実行）")
    up.set_defaults(func=_upgrade)

    cur = actions.add_parser("current", help="データベースのスキーマの版を表示する")
    cur.set_defaults(func=_current)

    purge = actions.add_parser("purge", help="保存期間を過ぎた利用記録を削除する（松戸 第3章1-3(3)）")
    purge.add_argument("--days", type=int, help="全市共通の保存期間（日）。省略時は policies/ の retention_days")
    purge.set_defaults(func=_purge)

    load = actions.add_parser("load-directory", help="職員名簿（所属・所属長）を CSV / YAML から読み込む")
    load.add_argument("file", type=Path, help="名簿ファイル（.csv または .yaml）")
    load.set_defaults(func=_load_directory)

    parser.set_defaults(func=lambda _args: (parser.print_help(sys.stderr), 2)[1])


def _settings() -> Settings:
    """The tools' Settings (DATABASE_URL, AIGATE_AUTO_MIGRATE), checked like every other variable."""
    from bot.config import Mode
    from bot.startup import StartupError, check_settings

    try:
        return check_settings(Mode.TOOL)
    except StartupError as exc:
        print(str(exc), file=sys.stderr)
        raise SystemExit(2) from None


def _database_url() -> str:
    """DATABASE_URL through Settings, or the default SQLite file."""
    from bot.storage.database import configured_url

    return configured_url(_settings().database_url)


def _schema_ready() -> bool:
    """The schema brought up to date first, unless AIGATE_AUTO_MIGRATE=0 (then the operator is told what to run)."""
    from bot.cli.schema import schema_ready
    from bot.storage.database import configured_url

    settings = _settings()
    return schema_ready(configured_url(settings.database_url), settings.auto_migrate)


def _upgrade(_args: argparse.Namespace) -> int:
    from bot.storage.database import describe
    from bot.storage.migrate import MigrationFailed, upgrade

    url = _database_url()
    try:
        revision = upgrade(url)
    except MigrationFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"データベース {describe(url)} は最新です（版: {revision}）。")
    return 0


def _current(_args: argparse.Namespace) -> int:
    from bot.storage.database import describe
    from bot.storage.migrate import current_revision, explain_database_error, head_revision

    url = _database_url()
    try:
        revision = current_revision(url)
    except Exception as exc:
        print(f"データベース {describe(url)} に接続できません: {explain_database_error(exc)}。", file=sys.stderr)
        return 1
    head = head_revision()
    state = "最新です"
    if revision != head:
        state = f"更新が必要です（最新: {head}）。python -m bot db upgrade を実行してください"
    print(f"データベース {describe(url)} の版: {revision or '（未作成）'} — {state}")
    return 0 if revision == head else 1


def _purge(args: argparse.Namespace) -> int:
    from bot.cli.schema import storage_problem
    from bot.gate.policy import PolicyError
    from bot.storage.errors import StorageUnavailable
    from bot.storage.retention import retention_from_policies

    try:
        by_city = {} if args.days else retention_from_policies()
    except PolicyError as exc:
        print(exc, file=sys.stderr)
        return 2
    if not by_city and not args.days:
        print(
            "保存期間が分かりません。policies/ に市のポリシーファイルを置くか、--days で日数を指定してください。",
            file=sys.stderr,
        )
        return 2
    if args.days is not None and args.days < 1:
        print("--days には1以上の日数を指定してください。", file=sys.stderr)
        return 2
    if not _schema_ready():
        return 1
    try:
        result = asyncio.run(_run_purge(by_city, args.days))
    except StorageUnavailable as exc:
        print(storage_problem(exc, _database_url()), file=sys.stderr)
        return 1
    names = _city_names()
    for city, count in result.audit_records.items():
        days = by_city.get(city, args.days)
        print(f"{names.get(city, city)}: 保存期間 {days} 日を過ぎた利用記録 {count} 件を削除しました。")
    print(
        f"管理操作の記録 {result.admin_actions} 件、週次報告の送信記録 {result.digest_marks} 件、"
        f"処理済みイベント {result.processed_events} 件、"
        f"ブリッジのメッセージ {result.bridge_messages} 件を削除しました。"
    )
    return 0


def _city_names() -> dict[str, str]:
    """matsudo → 松戸市, from the policies (the ids where a policy cannot be read)."""
    from bot.gate.policy import PolicyBook, PolicyError

    try:
        book = PolicyBook.load()
    except PolicyError:
        return {}
    return {city: book.get(city).name for city in book.cities}


async def _run_purge(by_city: dict[str, int], days: int | None) -> PurgeResult:
    from bot.storage.database import Database
    from bot.storage.retention import purge_expired

    db = Database(_database_url())
    try:
        return await purge_expired(db, by_city, default_days=days)
    finally:
        await db.dispose()


def _load_directory(args: argparse.Namespace) -> int:
    from bot.cli.schema import storage_problem
    from bot.storage.database import Database
    from bot.storage.directory import Directory
    from bot.storage.directory_file import DirectoryError
    from bot.storage.errors import StorageUnavailable

    async def load() -> DirectoryData:
        db = Database(_database_url())
        try:
            return await Directory(db).load_file(args.file)
        finally:
            await db.dispose()

    if not _schema_ready():
        return 1
    try:
        data = asyncio.run(load())
    except DirectoryError as exc:
        print(exc, file=sys.stderr)
        return 2
    except StorageUnavailable as exc:
        print(storage_problem(exc, _database_url()), file=sys.stderr)
        return 1
    departments = len(set(data.departments.values()))
    with_manager = sum(1 for managers in data.managers.values() if managers)
    print(
        f"名簿を読み込みました: 職員 {len(data.departments)} 人、所属 {departments}"
        f"（うち所属長のいる所属 {with_manager}）。"
    )
    for warning in data.warnings():
        print(warning, file=sys.stderr)
    return 0
