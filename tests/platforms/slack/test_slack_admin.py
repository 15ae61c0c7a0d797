"""Administration over real HTTP: signed slash commands, App Home events and modal submissions.

The bot is the running Bolt app on 127.0.0.1 against the fake Slack Web API; each test gets its own
migrated SQLite database (suspensions must not leak into the other Slack tests).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.admin.views import ids
from bot.admin.views.stop_modal_builder import build_stop_modal
from bot.storage import AdminLog, Directory, DirectoryData, IncidentStore
from tests.fakes.slack_requests import mention
from tests.platforms.slack.conftest import SlackBot

ADMIN, STAFF = "UADMIN01", "USTAFF01"
ANNOUNCE, ADMINS_CHANNEL = "CANNOUNCE", "CADMINS"


@pytest.fixture
def admin_bot(slack_bot: SlackBot, monkeypatch: pytest.MonkeyPatch) -> SlackBot:
    services = slack_bot.runtime.services  # as `python -m bot serve` passes them from Settings
    services.announce_channel, services.admin_channel = ANNOUNCE, ADMINS_CHANNEL  # AIGATE_*_CHANNEL
    services.admins = (ADMIN,)  # AIGATE_ADMINS
    return slack_bot


async def ephemeral(bot: SlackBot, user: str, count: int = 1) -> list[dict[str, Any]]:
    return await bot.slack.wait_for(lambda: bot.ephemeral_for(user) if len(bot.ephemeral_for(user)) >= count else None)


def posts_to(bot: SlackBot, channel: str) -> list[str]:
    return [
        call.args.get("text", "")
        for call in bot.slack.calls_to("chat.postMessage")
        if call.args.get("channel") == channel
    ]


async def test_a_staff_member_is_refused_and_the_attempt_is_logged(admin_bot: SlackBot) -> None:
    reply = await admin_bot.sender.command("/aigate-stop", "全体 試しに", user_id=STAFF, channel_id="C1")
    assert reply.status == 200
    [shown] = await ephemeral(admin_bot, STAFF)
    assert "管理者だけが使えます" in shown["text"]
    assert posts_to(admin_bot, ANNOUNCE) == []
    attempt = (await AdminLog(admin_bot.records.db).recent())[0]
    assert (attempt.actor, attempt.allowed) == (STAFF, False)


async def test_stop_is_announced_and_a_mention_then_gets_the_reason(admin_bot: SlackBot) -> None:
    await admin_bot.sender.command("/aigate-stop", "全体 利用規約の変更を確認するため", user_id=ADMIN, channel_id="C1")
    [shown] = await ephemeral(admin_bot, ADMIN)
    assert "全体 の利用を停止しました" in shown["text"]
    [announcement] = await admin_bot.slack.wait_for(lambda: posts_to(admin_bot, ANNOUNCE))
    assert "利用停止のお知らせ" in announcement and "利用規約の変更を確認するため" in announcement

    question = "<@UBOT> 議事録を要約してください。"
    ts = admin_bot.slack.add_message("C2", STAFF, question)
    await admin_bot.sender.event(mention("C2", STAFF, question, ts=ts))
    [notice] = await ephemeral(admin_bot, STAFF)
    assert "利用規約の変更を確認するため" in notice["text"]
    assert admin_bot.llm.requests == []  # nothing reached the model

    await admin_bot.sender.command("/aigate-resume", "全体 確認が終わったため", user_id=ADMIN, channel_id="C1")
    await ephemeral(admin_bot, ADMIN, count=2)
    announcements = await admin_bot.slack.wait_for(lambda: p if len(p := posts_to(admin_bot, ANNOUNCE)) == 2 else None)
    assert "利用再開のお知らせ" in announcements[1]


async def test_malformed_arguments_get_usage_help(admin_bot: SlackBot) -> None:
    await admin_bot.sender.command("/aigate-stop", "@tanaka 理由", user_id=ADMIN, channel_id="C1")
    [shown] = await ephemeral(admin_bot, ADMIN)
    assert "入力候補から選んでメンションしてください" in shown["text"]
    assert "使い方: `/aigate-stop 対象 理由`" in shown["text"]


async def test_status_and_sample(admin_bot: SlackBot) -> None:
    await admin_bot.records.audit.record(
        city="iwamizawa",
        action="allow",
        redacted_text="【氏名1】さんへの案内文",
        created_at=datetime.now(UTC) - timedelta(hours=1),
    )
    await admin_bot.sender.command("/aigate-status", "", user_id=ADMIN, channel_id="C1")
    [status] = await ephemeral(admin_bot, ADMIN)
    assert "利用停止: なし" in status["text"]
    await admin_bot.sender.command("/aigate-sample", "3", user_id=ADMIN, channel_id="C1")
    shown = await ephemeral(admin_bot, ADMIN, count=2)
    assert "> 【氏名1】さんへの案内文" in shown[1]["text"]


def _incident_values(background: str, occurred: datetime) -> dict[str, Any]:
    return {
        ids.OCCURRED_AT: {ids.OCCURRED_AT: {"type": "datetimepicker", "selected_date_time": int(occurred.timestamp())}},
        ids.BACKGROUND: {ids.BACKGROUND: {"type": "plain_text_input", "value": background}},
        ids.CAUSE: {ids.CAUSE: {"type": "plain_text_input", "value": "出典を確認しなかった"}},
        ids.OUTLOOK: {ids.OUTLOOK: {"type": "plain_text_input", "value": None}},
        ids.NOTES: {ids.NOTES: {"type": "plain_text_input", "value": None}},
    }


def view_submission(user: str, view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "view_submission",
        "team": {"id": "T0001"},
        "user": {"id": user, "team_id": "T0001"},
        "api_app_id": "A0001",
        "trigger_id": "trigger-view",
        "view": {
            "id": "V1",
            "type": "modal",
            "callback_id": view["callback_id"],
            "private_metadata": view.get("private_metadata", ""),
            "state": {"values": values},
        },
    }


async def test_an_incident_report_from_the_command_reaches_the_admins(admin_bot: SlackBot) -> None:
    await admin_bot.sender.command("/aigate-incident", "誤った金額を案内した", user_id=STAFF, channel_id="C7")
    [opened] = await admin_bot.slack.wait_for(lambda: admin_bot.slack.calls_to("views.open"))
    modal = opened.args["view"] if isinstance(opened.args["view"], dict) else json.loads(opened.args["view"])
    assert modal["callback_id"] == ids.INCIDENT_CALLBACK_ID
    background = next(b for b in modal["blocks"] if b.get("block_id") == ids.BACKGROUND)
    assert background["element"]["initial_value"] == "誤った金額を案内した"

    empty = await admin_bot.sender.interaction(view_submission(STAFF, modal, _incident_values(" ", datetime.now(UTC))))
    assert json.loads(empty.body) == {"response_action": "errors", "errors": {ids.BACKGROUND: "経緯を書いてください。"}}

    occurred = datetime.now(UTC) - timedelta(hours=2)
    done = await admin_bot.sender.interaction(
        view_submission(STAFF, modal, _incident_values("誤った金額を住民に案内した", occurred))
    )
    assert done.status == 200 and done.body == ""
    [report] = await IncidentStore(admin_bot.records.db).recent()
    assert (report.reporter, report.channel, report.cause) == (STAFF, "C7", "出典を確認しなかった")
    [post] = await admin_bot.slack.wait_for(lambda: posts_to(admin_bot, ADMINS_CHANNEL))
    assert f"【事故報告 #{report.id}】" in post and "*経緯*: 誤った金額を住民に案内した" in post
    [thanks] = await admin_bot.slack.wait_for(lambda: posts_to(admin_bot, STAFF))
    assert "受け付けました" in thanks


async def test_app_home_for_admins_and_for_staff(admin_bot: SlackBot) -> None:
    await admin_bot.sender.event({"type": "app_home_opened", "user": STAFF, "channel": "D1", "tab": "home"})
    await admin_bot.sender.event({"type": "app_home_opened", "user": ADMIN, "channel": "D2", "tab": "home"})
    published = await admin_bot.slack.wait_for(
        lambda: c if len(c := admin_bot.slack.calls_to("views.publish")) == 2 else None
    )
    views = {call.args["user_id"]: json.dumps(call.args["view"], ensure_ascii=False) for call in published}
    assert "生成AIゲート（岩見沢市）" in views[STAFF] and "自動で伏せる情報" in views[STAFF]
    assert ids.HOME_STOP not in views[STAFF]
    assert "生成AIゲート 管理（岩見沢市）" in views[ADMIN] and ids.HOME_STOP in views[ADMIN]
    assert "通常どおり利用できます" in views[ADMIN]


async def test_stop_from_the_app_home_modal_and_resume_with_its_button(admin_bot: SlackBot) -> None:
    data = DirectoryData()
    data.add(STAFF, "総務課")
    await Directory(admin_bot.records.db).replace(data)
    modal = build_stop_modal()

    def stop_values(target: str, reason: str) -> dict[str, Any]:
        return {
            ids.STOP_TARGET: {ids.STOP_TARGET: {"value": target}},
            ids.STOP_REASON: {ids.STOP_REASON: {"value": reason}},
        }

    typo = await admin_bot.sender.interaction(view_submission(ADMIN, modal, stop_values("総務", "点検")))
    assert json.loads(typo.body)["errors"][ids.STOP_TARGET].startswith("所属「総務」は職員名簿にありません")
    refused = await admin_bot.sender.interaction(view_submission(STAFF, modal, stop_values("全体", "点検")))
    assert "管理者だけ" in json.loads(refused.body)["errors"][ids.STOP_TARGET]

    ok = await admin_bot.sender.interaction(view_submission(ADMIN, modal, stop_values("総務課", "点検のため")))
    assert ok.status == 200 and ok.body == ""
    await admin_bot.slack.wait_for(lambda: posts_to(admin_bot, ANNOUNCE))
    [home] = await admin_bot.slack.wait_for(lambda: admin_bot.slack.calls_to("views.publish"))
    blocks = home.args["view"]["blocks"]
    resume = next(b["accessory"] for b in blocks if b.get("accessory", {}).get("action_id") == ids.HOME_RESUME)
    assert await admin_bot.records.suspensions.is_suspended(STAFF, "C1", "総務課") is not None

    payload = {
        "type": "block_actions",
        "user": {"id": ADMIN, "team_id": "T0001"},
        "team": {"id": "T0001"},
        "api_app_id": "A0001",
        "trigger_id": "trigger-home",
        "container": {"type": "view", "view_id": "V1"},
        "view": {"id": "V1", "type": "home"},
        "actions": [
            {
                "type": "button",
                "action_id": ids.HOME_RESUME,
                "block_id": "b",
                "value": resume["value"],
                "action_ts": "1",
            }
        ],
    }
    await admin_bot.sender.interaction(payload)
    announcements = await admin_bot.slack.wait_for(lambda: p if len(p := posts_to(admin_bot, ANNOUNCE)) == 2 else None)
    assert "利用再開のお知らせ" in announcements[1] and "所属「総務課」" in announcements[1]
    assert await admin_bot.records.suspensions.is_suspended(STAFF, "C1", "総務課") is None


async def test_members_of_the_admin_user_group_are_admins(admin_bot: SlackBot, monkeypatch: pytest.MonkeyPatch) -> None:
    admin_bot.runtime.services.admin_groups = ("S0ADMINS1",)  # AIGATE_ADMIN_GROUPS
    admin_bot.slack.usergroups["S0ADMINS1"] = ["UGROUP01"]
    await admin_bot.sender.command("/aigate-status", "", user_id="UGROUP01", channel_id="C1")
    [shown] = await ephemeral(admin_bot, "UGROUP01")
    assert "生成AIゲートの状況" in shown["text"]
    [lookup] = admin_bot.slack.calls_to("usergroups.users.list")
    assert lookup.args["usergroup"] == "S0ADMINS1"
    await admin_bot.sender.command("/aigate-status", "", user_id=STAFF, channel_id="C1")
    [refused] = await ephemeral(admin_bot, STAFF)
    assert "管理者だけが使えます" in refused["text"]


async def test_an_unreadable_admin_group_grants_nothing(admin_bot: SlackBot, monkeypatch: pytest.MonkeyPatch) -> None:
    admin_bot.runtime.services.admin_groups = ("S0MISSING",)
    await admin_bot.sender.command("/aigate-status", "", user_id="UGROUP02", channel_id="C1")
    [refused] = await ephemeral(admin_bot, "UGROUP02")
    assert "管理者だけが使えます" in refused["text"]
    await admin_bot.sender.command("/aigate-status", "", user_id=ADMIN, channel_id="C1")
    [allowed] = await ephemeral(admin_bot, ADMIN)  # listed admins keep working
    assert "生成AIゲートの状況" in allowed["text"]


async def test_directory_command_over_slack(admin_bot: SlackBot) -> None:
    await admin_bot.sender.command("/aigate-directory", "<@U0NEW01|suzuki> 財政課", user_id=ADMIN, channel_id="C1")
    [shown] = await ephemeral(admin_bot, ADMIN)
    assert "<@U0NEW01> の所属を「財政課」にしました" in shown["text"]
    assert await Directory(admin_bot.records.db).department_of("U0NEW01") == "財政課"


async def test_app_home_names_the_rules_and_counts_only_sent_confirmations(admin_bot: SlackBot) -> None:
    audit = admin_bot.records.audit
    await audit.record(city="iwamizawa", action="block", user_id=STAFF, rule_ids=["election.campaign"])
    await audit.record(city="iwamizawa", action="block", user_id=STAFF, rule_ids=["files.personal_data_bulk"])
    for outcome in ["sent", "cancelled"]:
        await audit.record(city="iwamizawa", action="confirm", user_id=STAFF, confirm_outcome=outcome)
    await admin_bot.sender.event({"type": "app_home_opened", "user": ADMIN, "channel": "D2", "tab": "home"})
    [published] = await admin_bot.slack.wait_for(lambda: admin_bot.slack.calls_to("views.publish"))
    view = json.dumps(published.args["view"], ensure_ascii=False)
    assert "の依頼: 4件*" in view
    assert "送信 0件・確認後に送信 1件・停止 2件、確認を求めた 2件のうち 取りやめ 1件" in view
    assert "停止の理由: 多くの人の個人情報を含むファイル 1件、選挙運動・政治的行為 1件" in view
    assert "election.campaign" not in view


async def test_an_incident_report_reaches_the_reporters_manager_and_the_receipt_says_so(admin_bot: SlackBot) -> None:
    manager = "UMANAGER1"
    data = DirectoryData()
    data.add(manager, "総務課", manager=True)
    data.add(STAFF, "総務課")
    await Directory(admin_bot.records.db).replace(data)
    await admin_bot.sender.command("/aigate-incident", "", user_id=STAFF, channel_id="C7")
    [opened] = await admin_bot.slack.wait_for(lambda: admin_bot.slack.calls_to("views.open"))
    modal = opened.args["view"] if isinstance(opened.args["view"], dict) else json.loads(opened.args["view"])
    assert "所属長と管理者に届きます" in json.dumps(modal, ensure_ascii=False)  # what the form promises

    done = await admin_bot.sender.interaction(
        view_submission(
            STAFF, modal, _incident_values("誤った金額を住民に案内した", datetime.now(UTC) - timedelta(hours=1))
        )
    )
    assert done.status == 200
    [report] = await IncidentStore(admin_bot.records.db).recent()
    [dm] = await admin_bot.slack.wait_for(lambda: posts_to(admin_bot, manager))
    assert "総務課の職員から事故報告が届きました" in dm
    assert f"【事故報告 #{report.id}】" in dm and "*経緯*: 誤った金額を住民に案内した" in dm
    [receipt] = await admin_bot.slack.wait_for(lambda: posts_to(admin_bot, STAFF))
    assert f"事故報告 #{report.id} を受け付けました。管理者と所属長（<@{manager}>）に届けました。" in receipt
    assert "所属長にも状況をお伝えください" not in receipt


async def test_an_incident_report_without_a_manager_on_the_list_says_whom_to_tell(admin_bot: SlackBot) -> None:
    await Directory(admin_bot.records.db).set_department(STAFF, "財政課")
    await admin_bot.sender.command("/aigate-incident", "", user_id=STAFF, channel_id="C7")
    [opened] = await admin_bot.slack.wait_for(lambda: admin_bot.slack.calls_to("views.open"))
    modal = opened.args["view"] if isinstance(opened.args["view"], dict) else json.loads(opened.args["view"])
    await admin_bot.sender.interaction(
        view_submission(STAFF, modal, _incident_values("誤送信した", datetime.now(UTC) - timedelta(hours=1)))
    )
    [receipt] = await admin_bot.slack.wait_for(lambda: posts_to(admin_bot, STAFF))
    assert "管理者に届けました。" in receipt
    assert "職員名簿に所属「財政課」の所属長が登録されていないため、所属長には届けていません。" in receipt
