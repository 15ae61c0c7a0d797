"""A small seeded fortnight (2026-W46 and W47) whose figures are worked out by hand in the tests."""

from __future__ import annotations

from datetime import datetime

from bot.digest.week import JST
from bot.storage import AuditStore, Database, Directory, DirectoryData


def jst(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=JST)


async def seed_directory(db: Database) -> None:
    data = DirectoryData()
    for user in ["U1", "U2", "U3"]:
        data.add(user, "総務課", manager=user == "U1")
    data.add("U4", "市民課", manager=True)
    data.add("U5", "市民課")
    data.add("U6", "財政課")
    await Directory(db).replace(data)


async def seed_fortnight(db: Database) -> None:
    await seed_directory(db)
    audit = AuditStore(db)

    async def add(when: datetime, user: str, department: str | None, action: str, category: str, **extra) -> None:  # type: ignore[no-untyped-def]
        feedback, minutes = extra.pop("feedback", None), extra.pop("minutes", None)
        record_id = await audit.record(
            city="matsudo",
            action=action,
            user_id=user,
            department=department,
            use_category=category,
            created_at=when,
            redacted_text="（匿名加工済みの依頼）",
            **extra,
        )
        if feedback or minutes:
            await audit.set_feedback(record_id, feedback=feedback, minutes_saved=minutes)

    # 2026-W47 (Mon 16 – Sun 22 November, JST)
    await add(jst(11, 16, 0, 0), "U3", "総務課", "allow", "アイデア", latency_ms=700)  # the very first minute
    await add(
        jst(11, 16),
        "U1",
        "総務課",
        "allow",
        "文章作成",
        masked_counts={"PERSON": 2},
        feedback="up",
        minutes=30,
        latency_ms=1000,
    )
    await add(
        jst(11, 17),
        "U1",
        "総務課",
        "confirm",
        "要約",
        masked_counts={"PERSON": 1, "PHONE_NUMBER": 1},
        feedback="down",
        latency_ms=2000,
        confirm_outcome="sent",
    )
    await add(jst(11, 18), "U2", "総務課", "block", "文章作成", rule_ids=["election"])
    await add(jst(11, 19), "U4", "市民課", "allow", "翻訳", feedback="up", minutes=10, latency_ms=3000)
    await add(jst(11, 20), "U4", "市民課", "block", "その他", rule_ids=["credential", "my_number"])
    await add(jst(11, 21), "U9", None, "allow", "要約", latency_ms=4000)  # not on the directory
    await add(jst(11, 22, 23, 59), "U2", "総務課", "allow", "校正", latency_ms=500)  # the very last minute
    # the week after and the week before
    await add(jst(11, 23, 0, 0), "U1", "総務課", "allow", "要約", latency_ms=100)
    await add(jst(11, 15, 23, 0), "U1", "総務課", "allow", "要約", latency_ms=1500)
    await add(jst(11, 10), "U5", "市民課", "allow", "翻訳", feedback="down", latency_ms=2500)


async def seed_confirmations(db: Database) -> None:
    """新座 in 2026-W47: four previews asked for a confirmation — one sent, one cancelled, one never
    answered (its outcome left empty, as when the process holding it went away), one recorded before
    outcomes were kept — and one request sent without a preview."""
    await seed_directory(db)
    audit = AuditStore(db)
    for day, outcome in [(16, "sent"), (17, "cancelled"), (18, None), (19, "unknown")]:
        await audit.record(
            city="niiza",
            action="confirm",
            user_id="U1",
            department="総務課",
            use_category="要約",
            created_at=jst(11, day),
            masked_counts={"PERSON": 1},
            rule_ids=["personal_data"],
            confirm_outcome=outcome,
        )
    await audit.record(
        city="niiza", action="allow", user_id="U2", department="総務課", use_category="翻訳", created_at=jst(11, 20)
    )
    await audit.record(
        city="niiza",
        action="block",
        user_id="U2",
        department="総務課",
        use_category="その他",
        created_at=jst(11, 20),
        rule_ids=["election.campaign"],
    )
