"""事故報告 (岩見沢 第12条, 松戸 6-6 / 様式3 障害発生報告書): stored, then posted to the admins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from bot.storage.database import Database, to_naive_utc, utcnow
from bot.storage.models import IncidentReport


@dataclass(frozen=True, slots=True)
class IncidentInput:
    """What the reporter wrote in the modal; 経緯 is required, the rest may follow later."""

    reporter: str
    occurred_at: datetime  # 発生日時 (aware, or naive UTC)
    background: str  # 経緯
    cause: str = ""  # 原因
    outlook: str = ""  # 今後の対応と見通し
    notes: str = ""  # 備考
    city: str = ""
    department: str | None = None
    contact: str | None = None
    audit_record_id: int | None = None
    channel: str | None = None
    thread_id: str | None = None


class IncidentStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def create(self, report: IncidentInput) -> IncidentReport:
        if not report.background.strip():
            raise ValueError("経緯が空です")
        row = IncidentReport(
            created_at=utcnow(),
            city=report.city,
            reporter=report.reporter,
            department=report.department,
            occurred_at=to_naive_utc(report.occurred_at),
            background=report.background.strip(),
            cause=report.cause.strip(),
            outlook=report.outlook.strip(),
            notes=report.notes.strip(),
            contact=report.contact,
            audit_record_id=report.audit_record_id,
            channel=report.channel,
            thread_id=report.thread_id,
        )
        async with self.db.session() as session:
            session.add(row)
            await session.flush()
        return row

    async def get(self, report_id: int) -> IncidentReport | None:
        async with self.db.session() as session:
            return await session.get(IncidentReport, report_id)

    async def recent(self, limit: int = 20) -> list[IncidentReport]:
        async with self.db.session() as session:
            query = select(IncidentReport).order_by(col(IncidentReport.id).desc()).limit(limit)
            return list((await session.exec(query)).all())
