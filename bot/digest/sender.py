"""Sending Monday's digest: each 所属長 gets their 所属's, the admins' channel gets the city's.

Exactly once per week and scope, however many bot processes run: each send is preceded by a
claim-once mark in the database, and the mark is given back if the send fails.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Protocol

from bot.digest.chart import render_digest_chart
from bot.digest.labels import rule_labeler
from bot.digest.render_text import render_digest_text
from bot.digest.report import CITY_TITLE, build_weekly_digest
from bot.digest.week import IsoWeek
from bot.storage.database import Database
from bot.storage.digest_marks import CITY_SCOPE, DigestMarks
from bot.storage.directory import Directory

log = logging.getLogger(__name__)


class DigestTransport(Protocol):
    async def send_to_user(self, user_id: str, text: str, png: bytes, filename: str) -> None: ...

    async def send_to_channel(self, channel: str, text: str, png: bytes, filename: str) -> None: ...


@dataclass
class SendReport:
    week: str
    sent: list[str] = field(default_factory=list)  # scopes sent by this process
    already_sent: list[str] = field(default_factory=list)  # claimed by another process (or earlier)
    failed: list[str] = field(default_factory=list)
    without_manager: list[str] = field(default_factory=list)


async def send_weekly_digest(
    db: Database,
    week: IsoWeek,
    transport: DigestTransport,
    admin_channel: str | None,
    city: str | None = None,
    city_title: str = CITY_TITLE,
) -> SendReport:
    digest = await build_weekly_digest(db, week, city)
    managers = await Directory(db).managers_by_department()
    marks = DigestMarks(db)
    rule_label = rule_labeler(city)
    report = SendReport(week=str(week))
    filename = f"aigate-digest-{week}.png"

    for department in digest.current.departments:
        if not managers.get(department):
            report.without_manager.append(department)
            continue
        if not await marks.claim(str(week), department):
            report.already_sent.append(department)
            continue
        now, before = digest.department(department)
        try:
            text = render_digest_text(department, week, now, before, rule_label)
            png = render_digest_chart(department, now, before, week)
            for manager in managers[department]:
                await transport.send_to_user(manager, text, png, filename)
        except Exception:
            log.exception("週次報告（%s）を送れませんでした", department)
            await marks.release(str(week), department)
            report.failed.append(department)
        else:
            report.sent.append(department)

    if admin_channel:
        if await marks.claim(str(week), CITY_SCOPE):
            now, before = digest.city()
            try:
                await transport.send_to_channel(
                    admin_channel,
                    render_digest_text(city_title, week, now, before, rule_label),
                    render_digest_chart(city_title, now, before, week),
                    filename,
                )
            except Exception:
                log.exception("週次報告（市全体）を送れませんでした")
                await marks.release(str(week), CITY_SCOPE)
                report.failed.append(CITY_SCOPE)
            else:
                report.sent.append(CITY_SCOPE)
        else:
            report.already_sent.append(CITY_SCOPE)
    return report
