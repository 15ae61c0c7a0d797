"""Admin actions (refusals included) and incident reports (様式3) are stored as written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.storage import AdminLog, Database, IncidentInput, IncidentStore

JST = timezone(timedelta(hours=9))


async def test_admin_actions_including_refused_attempts(db: Database) -> None:
    log = AdminLog(db)
    await log.record("UADMIN", "stop", "全体", detail={"reason": "規約変更"})
    await log.record("USTAFF", "stop", "全体", allowed=False)
    recent = await log.recent()
    assert [(a.actor, a.action, a.allowed) for a in recent] == [("USTAFF", "stop", False), ("UADMIN", "stop", True)]
    assert recent[1].detail == '{"reason":"規約変更"}'


async def test_an_incident_report_keeps_every_field_of_form_3(db: Database) -> None:
    store = IncidentStore(db)
    occurred = datetime(2026, 11, 20, 14, 30, tzinfo=JST)
    report = await store.create(
        IncidentInput(
            reporter="U001",
            occurred_at=occurred,
            background="回答の数値をそのまま資料に転記し、誤った金額を住民に案内した。",
            cause="出典の確認を省略した。",
            outlook="訂正の連絡を行い、一次資料での確認を徹底する。",
            notes="",
            city="matsudo",
            department="市民課",
            audit_record_id=42,
        )
    )
    stored = await store.get(report.id)  # type: ignore[arg-type]
    assert stored is not None
    assert stored.occurred_at == occurred.astimezone(UTC).replace(tzinfo=None)
    assert stored.background.startswith("回答の数値")
    assert (stored.cause, stored.department, stored.audit_record_id) == ("出典の確認を省略した。", "市民課", 42)
    assert [r.id for r in await store.recent()] == [report.id]


async def test_an_incident_needs_its_background(db: Database) -> None:
    with pytest.raises(ValueError):
        await IncidentStore(db).create(IncidentInput(reporter="U001", occurred_at=datetime.now(UTC), background="  "))
