"""Confirm previews, administration and 利用停止 over the bridge, with Slack's rules.

流山市 sends personal data only after the asker confirms the masked preview (5(1)・7.1). Admins
are the ids in AIGATE_ADMINS ("logochat:admin-1" here); anyone else is refused politely and the
attempt is written to the admin log.
"""

from __future__ import annotations

from sqlalchemy import text

from bot.admin.authorization import REFUSAL
from bot.conversation.records import DatabaseRecords
from bot.storage import Database
from tests.platforms.bridge.conftest import ADMIN, PLATFORM, Bridge, encode, message

WITH_NAME = "山田太郎さんへの案内文を書いてください。"


async def test_confirm_sends_the_preview_only_after_the_asker_confirms(start_bridge) -> None:
    bridge = await start_bridge("nagareyama")
    reply = await bridge.relay.send_message(message("m-c", WITH_NAME))
    assert reply.status == 202
    view = reply.body
    assert (view["status"], view["decision"]["action"]) == ("awaiting_confirmation", "confirm")
    assert view["links"]["confirm"] == "/bridge/v1/messages/m-c/confirm"
    assert view["reply"]["preview"] == "【氏名1】さんへの案内文を書いてください。"
    assert "5(1)" in view["reply"]["text"] and "山田" not in view["reply"]["text"]
    preview_callback = (await bridge.receiver.wait_for(1))[0]
    assert preview_callback.body["status"] == "awaiting_confirmation"
    assert bridge.llm.requests == []

    # Someone else confirms: refused, nothing sent.
    other = await bridge.relay.confirm("m-c", user="jiro")
    assert other.status == 403 and other.body["error"]["code"] == "not_asker"
    assert "本人だけ" in other.body["error"]["message"]
    assert bridge.llm.requests == []

    confirmed = await bridge.relay.confirm("m-c", user="taro")
    assert confirmed.status == 202 and confirmed.body["status"] == "answering"
    answer = (await bridge.receiver.wait_for(2))[1]
    assert answer.body["status"] == "answered"
    assert answer.body["reply"]["masked_counts"] == {"PERSON": 1}
    assert "送信前に伏せた情報: 氏名1件" in answer.body["reply"]["text"]
    assert bridge.llm.requests[-1].body["messages"][-1]["content"] == "【氏名1】さんへの案内文を書いてください。"
    assert "山田" not in bridge.model_saw()

    again = await bridge.relay.confirm("m-c", user="taro")
    assert again.status == 409 and again.body["error"]["code"] == "not_awaiting_confirmation"
    await bridge.settle()
    assert len(bridge.llm.requests) == 1


async def test_cancel_sends_nothing_and_tells_the_relay(start_bridge) -> None:
    bridge = await start_bridge("nagareyama")
    await bridge.relay.send_message(message("m-x", WITH_NAME))
    cancelled = await bridge.relay.confirm("m-x", user="taro", action="cancel")
    assert cancelled.status == 200
    assert cancelled.body["status"] == "cancelled" and "取りやめました" in cancelled.body["reply"]["text"]
    delivered = await bridge.receiver.wait_for(2)  # the preview, then the cancellation (in either order)
    assert sorted(d.body["status"] for d in delivered) == ["awaiting_confirmation", "cancelled"]
    assert bridge.llm.requests == []
    late = await bridge.relay.confirm("m-x", user="taro")
    assert late.status == 409


async def confirm_with_text(bridge: Bridge, message_id: str, user: str, text: str):
    body = {"platform": PLATFORM, "message_id": message_id, "user": {"id": user}, "action": "send", "text": text}
    return await bridge.relay.request("POST", f"/bridge/v1/messages/{message_id}/confirm", encode(body))


async def test_a_confirm_reaching_another_process_is_sent_when_the_preview_is_the_same(
    start_bridge, sqlite_url: str
) -> None:
    other_connection = DatabaseRecords(Database(sqlite_url))
    try:
        shown_here = await start_bridge("nagareyama")
        elsewhere = await start_bridge("nagareyama", database=other_connection)
        await shown_here.relay.send_message(message("m-lb", WITH_NAME))

        without_text = await elsewhere.relay.confirm("m-lb", user="taro")
        assert without_text.status == 410 and without_text.body["error"]["code"] == "confirm_expired"
        assert "text" in without_text.body["error"]["message"]

        confirmed = await confirm_with_text(elsewhere, "m-lb", "taro", WITH_NAME)
        assert confirmed.status == 202 and confirmed.body["status"] == "answering"
        await elsewhere.settle()
        assert elsewhere.llm.requests[-1].body["messages"][-1]["content"] == "【氏名1】さんへの案内文を書いてください。"
        assert "山田" not in elsewhere.model_saw()
        assert (await elsewhere.relay.get_message("m-lb")).body["status"] == "answered"
        late = await shown_here.relay.confirm("m-lb", user="taro")  # the first process's preview is spent
        assert late.status == 409
        assert len(elsewhere.llm.requests) == 1
    finally:
        await other_connection.close()


async def test_a_confirm_whose_text_gives_another_preview_sends_nothing(start_bridge, sqlite_url: str) -> None:
    other_connection = DatabaseRecords(Database(sqlite_url))
    try:
        shown_here = await start_bridge("nagareyama")
        elsewhere = await start_bridge("nagareyama", database=other_connection)
        await shown_here.relay.send_message(message("m-chg", WITH_NAME))
        audits = await shown_here.rows("audit_records")
        reply = await confirm_with_text(elsewhere, "m-chg", "taro", "山田太郎さんへの督促状を書いてください。")
        assert reply.status == 202
        assert reply.body["status"] == "failed" and "一致しなかった" in reply.body["reply"]["text"]
        await elsewhere.settle()
        assert elsewhere.llm.requests == []
        assert await shown_here.rows("audit_records") == audits  # nothing recorded for the changed text
    finally:
        await other_connection.close()


async def test_a_confirm_must_name_the_message_of_its_url(start_bridge) -> None:
    bridge = await start_bridge("nagareyama")
    await bridge.relay.send_message(message("m-y", WITH_NAME))
    body = b'{"platform": "logochat", "message_id": "m-other", "user": {"id": "taro"}}'
    reply = await bridge.relay.request("POST", "/bridge/v1/messages/m-y/confirm", body)
    assert reply.status == 422 and reply.body["error"]["field"] == "message_id"
    assert bridge.llm.requests == []


async def test_staff_are_refused_admin_commands_and_the_attempt_is_recorded(bridge: Bridge) -> None:
    reply = await bridge.relay.admin("stop", "taro", target={"scope": "all"}, reason="試し")
    assert reply.status == 403
    assert reply.body["error"] == {"code": "not_admin", "message": REFUSAL}
    async with bridge.records.db.engine.begin() as conn:
        rows = (await conn.execute(text("SELECT actor, action, allowed FROM admin_actions"))).all()
        stops = (await conn.execute(text("SELECT COUNT(*) FROM suspensions"))).scalar_one()
    assert [tuple(r) for r in rows] == [("logochat:taro", "aigate-stop", False)]
    assert stops == 0
    status = await bridge.relay.admin("status", "taro")
    assert status.status == 403


async def test_an_admin_stops_a_user_and_their_messages_are_not_sent(bridge: Bridge) -> None:
    stop = await bridge.relay.admin(
        "stop", ADMIN, target={"scope": "user", "id": "taro"}, reason="個人情報の入力が続いたため"
    )
    assert stop.status == 200
    assert "logochat:taro の利用を停止しました" in stop.body["text"]
    assert "利用停止のお知らせ" in stop.body["announcement"] and "<@" not in stop.body["announcement"]

    reply = await bridge.relay.send_message(message("m-s", "挨拶文の例を考えてください。"))
    assert reply.status == 202
    assert (reply.body["status"], reply.body["final"], reply.body["decision"]) == ("suspended", True, None)
    assert "利用停止中" in reply.body["reply"]["text"] and "個人情報の入力が続いたため" in reply.body["reply"]["text"]
    delivered = (await bridge.receiver.wait_for(1))[0]
    assert delivered.body["status"] == "suspended"
    assert bridge.llm.requests == []

    other = await bridge.relay.send_message(message("m-o", "挨拶文の例を考えてください。", user="hanako"))
    assert other.body["status"] == "answering"  # only taro is stopped

    status = await bridge.relay.admin("status", ADMIN)
    assert "利用停止中: 1件" in status.body["text"] and "logochat:taro" in status.body["text"]
    resume = await bridge.relay.admin("resume", ADMIN, target={"scope": "user", "id": "taro"})
    assert resume.status == 200 and "再開しました" in resume.body["text"]
    again = await bridge.relay.send_message(message("m-s2", "挨拶文の例を考えてください。"))
    assert again.body["status"] == "answering"


async def test_a_stop_of_everything_applies_to_every_platform(bridge: Bridge) -> None:
    await bridge.relay.admin("stop", ADMIN, target={"scope": "all"}, reason="規約の確認のため")
    reply = await bridge.relay.send_message(message("m-all", "挨拶文の例を考えてください。", platform="mattermost"))
    assert reply.body["status"] == "suspended"
    assert bridge.llm.requests == []
    channel = await bridge.relay.admin("stop", ADMIN, target={"scope": "channel", "id": "room-9"}, reason="試験")
    assert channel.status == 200
    await bridge.relay.admin("resume", ADMIN, target={"scope": "all"})
    in_room = await bridge.relay.send_message(message("m-room", "挨拶文の例を考えてください。", conversation="room-9"))
    assert in_room.body["status"] == "suspended"


async def test_admin_bodies_are_checked(bridge: Bridge) -> None:
    no_reason = await bridge.relay.admin("stop", ADMIN, target={"scope": "all"})
    assert no_reason.status == 422 and no_reason.body["error"]["field"] == "reason"
    bad_scope = await bridge.relay.admin("stop", ADMIN, target={"scope": "everyone"}, reason="x")
    assert bad_scope.status == 422 and bad_scope.body["error"]["field"] == "target"
    unknown = await bridge.relay.admin("sample", ADMIN)
    assert unknown.status == 404 and unknown.body["error"]["code"] == "unknown_command"
