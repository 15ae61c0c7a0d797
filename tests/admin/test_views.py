"""Block Kit builders: pure functions, checked for the ids the listeners match and Slack's limits."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.admin.views import ids
from bot.admin.views.app_home_builder import (
    StaffHomeContent,
    build_admin_home,
    build_staff_home,
    staff_home_from_policy,
)
from bot.admin.views.incident_modal_builder import (
    IncidentFields,
    IncidentOrigin,
    build_incident_modal,
    read_incident_submission,
)
from bot.admin.views.stop_modal_builder import build_stop_modal, read_stop_submission
from bot.gate.policy import Policy
from bot.storage.suspension import ActiveSuspension, Scope

NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


def action_ids(view: dict) -> list[str]:
    found = []
    for block in view["blocks"]:
        for element in [*block.get("elements", []), block.get("accessory") or {}, block.get("element") or {}]:
            if "action_id" in element:
                found.append(element["action_id"])
    return found


def test_admin_home_shows_stops_with_resume_buttons_and_todays_counts() -> None:
    stop = ActiveSuspension(1, Scope.DEPARTMENT, "総務課", "確認のため", "UADMIN", datetime(2026, 11, 25, 1, 0))
    view = build_admin_home("松戸市", [stop], {"allow": 7, "block": 2}, "11月25日")
    text = json.dumps(view, ensure_ascii=False)
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    assert "利用停止中: 1件" in text and "所属「総務課」（理由: 確認のため" in text
    assert "11月25日の依頼: 9件" in text
    resume = next(b["accessory"] for b in view["blocks"] if b.get("accessory"))
    assert json.loads(resume["value"]) == {"scope": "department", "target": "総務課"}
    assert {ids.HOME_RESUME, ids.HOME_STOP, ids.HOME_REFRESH, ids.HOME_INCIDENT} <= set(action_ids(view))

    confirms = {"allow": 1, "confirm": 3, "confirm_sent": 1, "confirm_cancelled": 1, "confirm_none": 1}
    split = json.dumps(build_admin_home("新座市", [], confirms, "本日"), ensure_ascii=False)
    assert "本日の依頼: 4件" in split
    assert "送信 1件・確認後に送信 1件・停止 0件、確認を求めた 3件のうち 取りやめ 1件・未回答 1件" in split

    calm = build_admin_home("松戸市", [], {}, "本日")
    assert "通常どおり利用できます" in json.dumps(calm, ensure_ascii=False)
    assert ids.HOME_RESUME not in action_ids(calm)


def test_staff_home_explains_the_rules_in_short() -> None:
    content = StaffHomeContent(
        city_name="新座市",
        guideline="新座市生成AI利用ガイドライン",
        allowed_uses=["文章の要約", "翻訳"],
        prohibited=["選挙運動や政治的な文書の作成はできません。"],
        masked=["氏名", "電話番号"],
        reminder="回答は必ず事実確認してください。",
        contact="デジタル市役所推進室",
    )
    text = json.dumps(build_staff_home(content), ensure_ascii=False)
    for expected in [
        "生成AIゲート（新座市）",
        "• 文章の要約",
        "選挙運動",
        "氏名、電話番号",
        "上手な使い方",
        "お問い合わせ: デジタル市役所推進室",
    ]:
        assert expected in text


def test_staff_home_from_a_policy() -> None:
    rule = {
        "id": "election",
        "name": "選挙運動",
        "kind": "election",
        "action": "block",
        "article": "新座 4(4)",
        "message": "選挙運動に当たる文書は作成できません。別の依頼にしてください。",
        "match": {"all_of": [["選挙"]]},
    }
    texts = {
        "reminder": "事実確認を",
        "reminder_article": "4",
        "provenance": "【{model}】",
        "publish_rule": "明記",
        "contact": "推進室",
    }
    handling = {"name": "個人情報", "action": "confirm", "article": "4", "message": "確認"}
    policy = Policy.model_validate(
        {
            "id": "niiza",
            "name": "新座市",
            "guideline": "新座市生成AI利用ガイドライン",
            "version": "令和7年",
            "allowed_uses": ["要約"],
            "rules": [rule],
            "personal_data": handling,
            "credentials": handling,
            "texts": texts,
        }
    )
    policy = policy.model_copy(update={"resolved_rules": tuple(policy.rules)})
    content = staff_home_from_policy(policy, ["氏名"])
    assert content.prohibited == ["選挙運動に当たる文書は作成できません。"]
    assert (content.city_name, content.contact, content.masked) == ("新座市", "推進室", ["氏名"])


def test_incident_modal_has_the_fields_of_form_3_and_carries_its_origin() -> None:
    origin = IncidentOrigin(42, "C1", "1700000000.000100")
    modal = build_incident_modal(NOW, "回答をそのまま送った", origin)
    labels = [b["label"]["text"] for b in modal["blocks"] if b["type"] == "input"]
    assert labels == ["発生日時", "経緯", "原因", "今後の対応と見通し", "備考"]
    assert modal["callback_id"] == ids.INCIDENT_CALLBACK_ID
    assert IncidentOrigin.loads(modal["private_metadata"]) == origin
    assert IncidentOrigin.loads("not json") == IncidentOrigin()
    background = next(b for b in modal["blocks"] if b.get("block_id") == ids.BACKGROUND)
    assert background["element"]["initial_value"] == "回答をそのまま送った" and background["optional"] is False


def _state(stamp: int | None, background: str) -> dict:
    return {
        ids.OCCURRED_AT: {ids.OCCURRED_AT: {"type": "datetimepicker", "selected_date_time": stamp}},
        ids.BACKGROUND: {ids.BACKGROUND: {"type": "plain_text_input", "value": background}},
        ids.CAUSE: {ids.CAUSE: {"type": "plain_text_input", "value": None}},
        ids.OUTLOOK: {ids.OUTLOOK: {"type": "plain_text_input", "value": " 再発防止 "}},
        ids.NOTES: {ids.NOTES: {"type": "plain_text_input", "value": ""}},
    }


def test_reading_an_incident_submission() -> None:
    stamp = int(datetime(2026, 11, 24, tzinfo=UTC).timestamp())
    fields = read_incident_submission(_state(stamp, "経緯です"), NOW)
    assert fields == IncidentFields(datetime(2026, 11, 24, tzinfo=UTC), "経緯です", "", "再発防止", "")
    errors = read_incident_submission(_state(None, "  "), NOW)
    assert errors == {ids.OCCURRED_AT: "発生日時を選んでください。", ids.BACKGROUND: "経緯を書いてください。"}
    future = read_incident_submission(_state(int(NOW.timestamp()) + 3600, "経緯"), NOW)
    assert future == {ids.OCCURRED_AT: "発生日時が未来になっています。"}


def test_stop_modal() -> None:
    modal = build_stop_modal()
    assert modal["callback_id"] == ids.STOP_CALLBACK_ID
    values = {
        ids.STOP_TARGET: {ids.STOP_TARGET: {"value": " 総務課 "}},
        ids.STOP_REASON: {ids.STOP_REASON: {"value": "確認のため"}},
    }
    assert read_stop_submission(values) == ("総務課", "確認のため")
