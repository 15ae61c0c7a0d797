"""The admin commands against a real database: refusals recorded, stops announced, samples drawn."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.admin import Admins, AdminService
from bot.admin.authorization import REFUSAL
from bot.admin.views.incident_modal_builder import IncidentFields, IncidentOrigin
from bot.storage import AdminLog, AuditStore, Database, Directory, DirectoryData, IncidentStore, SuspensionStore

ADMIN, STAFF = "UADMIN", "USTAFF"


def service(db: Database) -> AdminService:
    return AdminService(db, Admins.parse(ADMIN), SuspensionStore(db, ttl_s=0), city="matsudo")


async def test_staff_are_refused_politely_and_the_attempt_is_recorded(db: Database) -> None:
    reply = await service(db).handle(STAFF, "/aigate-stop", "全体 いたずら")
    assert reply.text == REFUSAL and reply.announcement is None
    assert await SuspensionStore(db).active() == []
    attempt = (await AdminLog(db).recent())[0]
    assert (attempt.actor, attempt.action, attempt.allowed) == (STAFF, "aigate-stop", False)
    assert attempt.target == "全体 いたずら"


async def test_stop_is_announced_and_reaches_the_suspension_check(db: Database) -> None:
    admin = service(db)
    reply = await admin.handle(ADMIN, "/aigate-stop", "全体 利用規約の変更を確認するため")
    assert "全体 の利用を停止しました" in reply.text
    assert reply.announcement is not None
    assert reply.announcement.startswith("*【生成AIゲート】利用停止のお知らせ*")
    assert "理由: 利用規約の変更を確認するため" in reply.announcement
    assert "<@UADMIN>" in reply.announcement
    hit = await SuspensionStore(db, ttl_s=0).is_suspended("U1", "C1", "総務課")
    assert hit is not None and hit.reason == "利用規約の変更を確認するため"

    again = await admin.handle(ADMIN, "/aigate-stop", "全体 二度目")
    assert "すでに停止中" in again.text and again.announcement is None

    status = await admin.handle(ADMIN, "/aigate-status", "")
    assert "利用停止中: 1件" in status.text and "利用規約の変更" in status.text

    resumed = await admin.handle(ADMIN, "/aigate-resume", "全体 確認が終わったため")
    assert resumed.announcement is not None and "利用再開のお知らせ" in resumed.announcement
    assert await SuspensionStore(db, ttl_s=0).is_suspended("U1", "C1", "総務課") is None

    not_stopped = await admin.handle(ADMIN, "/aigate-resume", "<@U1>")
    assert "<@U1> は停止されていません" in not_stopped.text
    assert [a.action for a in await AdminLog(db).recent()] == ["resume", "resume", "status", "stop", "stop"]


async def test_an_unknown_department_is_named_with_the_known_ones(db: Database) -> None:
    admin = service(db)
    no_directory = await admin.handle(ADMIN, "/aigate-stop", "総務課 確認")
    assert "職員名簿が読み込まれていません" in no_directory.text
    data = DirectoryData()
    data.add("U1", "総務課")
    data.add("U2", "市民課")
    await Directory(db).replace(data)
    typo = await admin.handle(ADMIN, "/aigate-stop", "総務 確認")
    assert typo.text == "所属「総務」は職員名簿にありません。名簿の所属: 市民課、総務課"
    ok = await admin.handle(ADMIN, "/aigate-stop", "総務課 確認")
    assert ok.announcement is not None
    assert (await SuspensionStore(db, ttl_s=0).is_suspended("U1", None, "総務課")) is not None


async def test_malformed_arguments_reply_with_usage(db: Database) -> None:
    reply = await service(db).handle(ADMIN, "/aigate-sample", "many")
    assert "使い方: `/aigate-sample 件数`" in reply.text


async def test_status_counts_today_in_japan_time(db: Database) -> None:
    audit = AuditStore(db)
    now = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)  # 12:00 JST
    just_after_midnight_jst = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)
    yesterday_jst = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
    await audit.record(city="matsudo", action="allow", created_at=just_after_midnight_jst)
    await audit.record(city="matsudo", action="block", created_at=now)
    await audit.record(city="matsudo", action="allow", created_at=yesterday_jst)
    admin = AdminService(db, Admins.parse(ADMIN), city="matsudo", now=lambda: now)
    text = (await admin.handle(ADMIN, "/aigate-status", "")).text
    assert "利用停止: なし" in text
    assert "本日の依頼: 2件（送信 1件・確認後に送信 0件・停止 1件）" in text


async def test_sample_shows_redacted_text_of_the_past_week(db: Database) -> None:
    audit = AuditStore(db)
    now = datetime.now(UTC)
    await audit.record(
        city="matsudo",
        action="allow",
        department="総務課",
        use_category="要約",
        redacted_text="【氏名1】さんの議事録を要約して",
        created_at=now - timedelta(days=1),
    )
    await audit.record(city="matsudo", action="allow", redacted_text="古い依頼", created_at=now - timedelta(days=9))
    text = (await service(db).handle(ADMIN, "/aigate-sample", "3")).text
    assert "無作為に 1件*（指定 3件）" in text
    assert "> 【氏名1】さんの議事録を要約して" in text and "古い依頼" not in text
    assert "総務課／判定 送信／用途 要約／規則 なし" in text


async def test_anyone_may_open_an_incident_report_and_it_is_stored(db: Database) -> None:
    admin = service(db)
    reply = await admin.handle(STAFF, "/aigate-incident", "誤った金額を案内した")
    assert reply.open_incident is not None and reply.open_incident.background == "誤った金額を案内した"

    await Directory(db).set_department(STAFF, "市民課")
    fields = IncidentFields(datetime(2026, 11, 20, 5, 30, tzinfo=UTC), "誤った金額を案内した", "出典未確認", "", "")
    report, post = await admin.submit_incident(STAFF, fields, IncidentOrigin(42, "C1", "1700000000.000100"))
    assert post.splitlines()[0] == f"*【事故報告 #{report.id}】* 報告者 <@USTAFF>（市民課）"
    assert "*発生日時*: 2026年11月20日 14:30" in post
    assert "*今後の対応と見通し*: （未記入）" in post
    stored = (await IncidentStore(db).recent())[0]
    assert (stored.audit_record_id, stored.channel, stored.city) == (42, "C1", "matsudo")


async def test_the_directory_is_kept_in_chat(db: Database) -> None:
    admin = service(db)
    empty = await admin.handle(ADMIN, "/aigate-directory", "")
    assert "職員名簿はまだ空です" in empty.text
    moved = await admin.handle(ADMIN, "/aigate-directory", "<@U7|sato> 市民課")
    assert moved.text == "<@U7> の所属を「市民課」にしました（変更前: 未設定）。"
    assert await Directory(db).department_of("U7") == "市民課"
    head = await admin.handle(ADMIN, "/aigate-directory", "所属長 市民課 <@U8>")
    assert "所属長にしました" in head.text
    assert await Directory(db).managers_by_department() == {"市民課": ["U8"]}
    shown = await admin.handle(ADMIN, "/aigate-directory", "")
    assert shown.text == "*職員名簿*: 1 所属・1 人\n• 市民課: 1人（所属長 <@U8>）"
    removed = await admin.handle(ADMIN, "/aigate-directory", "所属長解除 市民課 <@U8>")
    assert "外しました" in removed.text
    again = await admin.handle(ADMIN, "/aigate-directory", "所属長解除 市民課 <@U8>")
    assert "登録されていません" in again.text
    refused = await admin.handle(STAFF, "/aigate-directory", "<@USTAFF> 秘書課")
    assert refused.text == REFUSAL and await Directory(db).department_of(STAFF) == "未設定"
