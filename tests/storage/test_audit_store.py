"""Audit records: one per request, redacted text only, feedback later, purged after retention."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.gate.types import Action, Decision, Finding, Request, UseCategory, Violation
from bot.storage import AuditStore, Database
from bot.storage.database import utcnow
from bot.storage.retention import purge_expired


async def test_a_decision_becomes_a_record_with_counts_rules_and_redacted_text(db: Database) -> None:
    request = Request(
        text="（原文は渡さない）",
        city="niiza",
        user_id="U001",
        channel="C001",
        thread_id="1700000000.000100",
        platform="slack",
    )
    decision = Decision(
        action=Action.CONFIRM,
        redacted_text="【氏名1】さん（【電話番号1】）への案内文を作成して",
        findings=(
            Finding("PERSON", 0, 4, 0.85, "ja_person"),
            Finding("PHONE_NUMBER", 8, 20, 0.9, "jp_phone"),
            Finding("JP_CORPORATE_NUMBER", 30, 43, 0.9, "jp_corp", masked=False),
        ),
        violations=(Violation("personal_data", Action.CONFIRM, "新座市 4(2)", "確認してください"),),
        use_category=UseCategory.WRITING,
        policy_id="niiza",
        policy_version="niiza@令和7年11月25日#r1",
    )
    store = AuditStore(db)
    record_id = await store.record_decision(request, decision, department="総務課")
    await store.record_answer(record_id, model="gpt-4o-mini", tokens_in=120, tokens_out=340, latency_ms=2100)
    await store.set_feedback(record_id, feedback="up", minutes_saved=15)

    record = await store.get(record_id)
    assert record is not None
    assert (record.city, record.user_id, record.department, record.platform) == ("niiza", "U001", "総務課", "slack")
    assert record.action == "confirm"
    assert record.rule_id_list == ["personal_data"]
    assert record.masked_count_map == {"PERSON": 1, "PHONE_NUMBER": 1}
    assert record.use_category == "文章作成"
    assert record.redacted_text == decision.redacted_text
    assert (record.model, record.tokens_in, record.tokens_out, record.latency_ms) == ("gpt-4o-mini", 120, 340, 2100)
    assert (record.feedback, record.minutes_saved) == ("up", 15)
    assert record.policy_version == "niiza@令和7年11月25日#r1"
    assert abs(record.created_at - utcnow()) < timedelta(minutes=1)


async def test_a_city_can_turn_off_storing_the_redacted_text(db: Database) -> None:
    store = AuditStore(db, keep_redacted_text=lambda city: city != "matsudo")
    kept = await store.record(city="niiza", action="allow", redacted_text="挨拶文を作って")
    dropped = await store.record(city="matsudo", action="allow", redacted_text="挨拶文を作って")
    assert (await store.get(kept)).redacted_text == "挨拶文を作って"  # type: ignore[union-attr]
    assert (await store.get(dropped)).redacted_text is None  # type: ignore[union-attr]


async def test_the_text_switch_from_the_environment(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    store = AuditStore(db)

    async def stored_text(city: str) -> str | None:
        record = await store.get(await store.record(city=city, action="allow", redacted_text="本文"))
        assert record is not None
        return record.redacted_text

    monkeypatch.setenv("AIGATE_NO_TEXT_CITIES", "matsudo, niiza")
    assert await stored_text("niiza") is None
    assert await stored_text("iwamizawa") == "本文"
    monkeypatch.setenv("AIGATE_NO_TEXT_CITIES", "*")
    assert await stored_text("iwamizawa") is None


async def test_feedback_accepts_only_thumbs(db: Database) -> None:
    store = AuditStore(db)
    record_id = await store.record(city="niiza", action="allow")
    with pytest.raises(ValueError):
        await store.set_feedback(record_id, feedback="great")
    with pytest.raises(ValueError):
        await store.set_feedback(record_id, minutes_saved=-5)
    await store.set_feedback(record_id, feedback="down")
    assert (await store.get(record_id)).feedback == "down"  # type: ignore[union-attr]


async def test_counts_by_action_and_sample_cover_only_the_period(db: Database) -> None:
    store = AuditStore(db)
    now = datetime.now(UTC)
    for action in ["allow", "allow", "block", "confirm"]:
        await store.record(city="matsudo", action=action, redacted_text=f"{action} の依頼", created_at=now)
    await store.record(city="matsudo", action="allow", redacted_text="先週の依頼", created_at=now - timedelta(days=8))
    await store.record(city="matsudo", action="allow", redacted_text=None, created_at=now)

    counts = await store.counts_by_action(now - timedelta(hours=1), now + timedelta(hours=1))
    assert counts == {"allow": 3, "block": 1, "confirm": 1, "confirm_none": 1}  # the preview is not answered yet

    sample = await store.sample(10, now - timedelta(days=7), now + timedelta(hours=1))
    assert len(sample) == 4  # the record without text and last week's are not sampled
    assert all(r.redacted_text and "先週" not in r.redacted_text for r in sample)
    assert len(await store.sample(2, now - timedelta(days=7), now + timedelta(hours=1))) == 2


async def test_purge_deletes_only_what_is_past_each_citys_retention(db: Database) -> None:
    store = AuditStore(db)
    now = datetime.now(UTC)
    old_matsudo = await store.record(city="matsudo", action="allow", created_at=now - timedelta(days=100))
    new_matsudo = await store.record(city="matsudo", action="allow", created_at=now - timedelta(days=10))
    old_niiza = await store.record(city="niiza", action="allow", created_at=now - timedelta(days=100))
    unknown_city = await store.record(city="elsewhere", action="allow", created_at=now - timedelta(days=1000))

    result = await purge_expired(db, {"matsudo": 90, "niiza": 365}, now=now)

    assert result.audit_records == {"matsudo": 1, "niiza": 0}
    assert await store.get(old_matsudo) is None
    assert await store.get(new_matsudo) is not None
    assert await store.get(old_niiza) is not None
    assert await store.get(unknown_city) is not None  # no policy, no default: never guessed

    result = await purge_expired(db, {"matsudo": 90}, default_days=90, now=now)
    assert await store.get(unknown_city) is None
    assert await store.get(old_niiza) is None
    assert result.audit_records["(その他)"] == 2


async def test_purge_refuses_without_any_period(db: Database) -> None:
    with pytest.raises(ValueError):
        await purge_expired(db, {})
    with pytest.raises(ValueError):
        await purge_expired(db, {"niiza": 0})
