"""`python -m bot digest [--week 2026-W47 | --month 2026-11] [--send] [--csv FILE] [--png FILE]`: digests by hand."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

# matplotlib (the chart), SQLModel and the Slack SDK load inside the command, so `python -m bot --help` stays quick.
if TYPE_CHECKING:
    from bot.config import Settings
    from bot.digest.figures import Period
    from bot.digest.report import WeeklyDigest
    from bot.digest.sender import SendReport
    from bot.digest.slack_transport import SlackDigestTransport


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("digest", help="週次利用状況（所属別・市全体）の表示・送信・CSV 出力")
    period = parser.add_mutually_exclusive_group()
    period.add_argument("--week", help="対象の週（例: 2026-W47）。省略時は先週")
    period.add_argument("--month", help="対象の月（例: 2026-11）。予算資料用の月次集計（--send は使えません）")
    parser.add_argument("--city", help="対象の市（例: matsudo）。省略時はすべての記録")
    parser.add_argument("--send", action="store_true", help="所属長と管理者チャンネルへ Slack で送る（週1回まで）")
    parser.add_argument("--csv", type=Path, metavar="FILE", help="CSV（Excel で開ける UTF-8 BOM 付き）に書き出す")
    parser.add_argument("--png", type=Path, metavar="FILE", help="市全体のグラフを PNG に書き出す")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from bot.cli.schema import schema_ready, storage_problem
    from bot.digest.chart import render_digest_chart
    from bot.digest.csv_export import write_digest_csv
    from bot.digest.labels import rule_labeler
    from bot.digest.month import Month
    from bot.digest.slack_transport import SlackDigestTransport, SlackNotConfigured
    from bot.digest.week import IsoWeek, WeekError
    from bot.gate.policy import PolicyError, UnknownCityError
    from bot.storage.database import configured_url
    from bot.storage.errors import StorageUnavailable

    try:
        week: Period = (
            Month.parse(args.month)
            if args.month
            else IsoWeek.parse(args.week)
            if args.week
            else IsoWeek.last_completed(datetime.now(UTC))
        )
    except WeekError as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        title = _city_title(args.city)
    except (UnknownCityError, PolicyError) as exc:
        print(f"--city: {exc}", file=sys.stderr)
        return 2
    if args.send and isinstance(week, Month):
        print("--send は週次報告（--week）だけに使えます。月次は --csv で書き出してください。", file=sys.stderr)
        return 2
    from bot.config import Mode
    from bot.startup import StartupError, check_settings

    try:
        settings = check_settings(Mode.TOOL)
    except StartupError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    transport = None
    if args.send:
        try:
            transport = SlackDigestTransport.connect(settings.slack_bot_token, settings.slack_api_url)
        except SlackNotConfigured as exc:
            print(exc, file=sys.stderr)
            return 1
    if not schema_ready(configured_url(settings.database_url), settings.auto_migrate):
        return 1
    try:
        digest, report = asyncio.run(_collect(week, args.city, transport, title, settings))
    except StorageUnavailable as exc:
        print(storage_problem(exc, configured_url(settings.database_url)), file=sys.stderr)
        return 1
    print(_render_all(digest, title, rule_labeler(args.city)))
    if args.csv:
        write_digest_csv(args.csv, digest.current, digest.previous, rule_labeler(args.city))
        print(f"\nCSV を書き出しました: {args.csv}")
    if args.png:
        args.png.write_bytes(render_digest_chart(title, *digest.city(), digest.week))
        print(f"グラフを書き出しました: {args.png}")
    if report is not None:
        print("\n" + _describe(report, title, settings.admin_channel))
        return 1 if report.failed else 0
    return 0


def _city_title(city: str | None) -> str:
    """新座市 for `--city niiza`; 市全体 over every city's records. Raises UnknownCityError."""
    from bot.digest.report import CITY_TITLE
    from bot.gate.policy import PolicyBook

    if city is None:
        return CITY_TITLE
    return str(PolicyBook.load().get(city).name)


async def _collect(
    week: Period,
    city: str | None,
    transport: SlackDigestTransport | None,
    title: str,
    settings: Settings,
) -> tuple[WeeklyDigest, SendReport | None]:
    from bot.digest.report import build_weekly_digest
    from bot.digest.sender import send_weekly_digest
    from bot.digest.week import IsoWeek
    from bot.storage.database import Database

    db = Database(settings.database_url)
    try:
        digest = await build_weekly_digest(db, week, city)
        report = None
        if transport is not None:
            assert isinstance(week, IsoWeek)
            report = await send_weekly_digest(db, week, transport, settings.admin_channel, city, title)
        return digest, report
    finally:
        await db.dispose()


def _render_all(digest: WeeklyDigest, title: str, rule_label: Callable[[str], str]) -> str:
    from bot.digest.render_text import render_digest_text

    parts = [render_digest_text(title, digest.week, *digest.city(), rule_label)]
    for department in digest.current.departments:
        parts.append(render_digest_text(department, digest.week, *digest.department(department), rule_label))
    return "\n\n".join(parts)


def _describe(report: SendReport, title: str, admin_channel: str | None) -> str:
    from bot.storage.digest_marks import CITY_SCOPE

    def names(scopes: list[str]) -> str:
        return "、".join(title if s == CITY_SCOPE else s for s in scopes) or "なし"

    lines = [f"送信しました: {names(report.sent)}", f"送信済みのため省略: {names(report.already_sent)}"]
    if report.without_manager:
        lines.append(f"所属長が名簿にないため送れません: {names(report.without_manager)}")
    if report.failed:
        lines.append(f"送信に失敗しました（次回の実行で再送します）: {names(report.failed)}")
    if not admin_channel:
        lines.append("AIGATE_ADMIN_CHANNEL が未設定のため、市全体の報告は送っていません。")
    return "\n".join(lines)
