"""When something fails: the database, the model, a second process, a second relay."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.conversation.records import DatabaseRecords
from bot.storage import Database
from bot.storage.errors import DEFAULT_MESSAGE
from tests.fakes.llm_server import Reply
from tests.platforms.bridge.conftest import CallbackReceiver, message

QUESTION = "議事録の要約のコツを教えてください。"


async def test_an_unusable_database_refuses_the_message_and_sends_nothing(start_bridge, tmp_path: Path) -> None:
    broken = DatabaseRecords(Database(f"sqlite:///{tmp_path / 'no-such-dir' / 'aigate.sqlite3'}"))
    try:
        bridge = await start_bridge(database=broken)
        reply = await bridge.relay.send_message(message("m-db", QUESTION))
        assert reply.status == 503
        assert reply.body["error"] == {"code": "unavailable", "message": DEFAULT_MESSAGE}
        assert "送信していません" in reply.body["error"]["message"]
        await bridge.settle()
        assert bridge.llm.requests == [] and bridge.receiver.attempts == 0
    finally:
        await broken.close()


async def test_two_processes_on_one_database_answer_a_message_once(start_bridge, sqlite_url: str) -> None:
    other_connection = DatabaseRecords(Database(sqlite_url))
    try:
        first = await start_bridge()
        second = await start_bridge(database=other_connection)
        body = message("m-lb", QUESTION)
        replies = await asyncio.gather(*(b.relay.send_message(body) for b in (first, second, first, second)))
        assert sorted(r.status for r in replies) == [200, 200, 200, 202]
        await first.receiver.wait_for(1)
        await first.settle()
        await second.settle()
        assert len(first.llm.requests) == 1
        assert len(first.receiver.delivered) == 1
        # Either process can tell the relay how it ended.
        assert (await second.relay.get_message("m-lb")).body["status"] == "answered"
    finally:
        await other_connection.close()


async def test_two_processes_on_postgresql_answer_a_message_once(start_bridge, postgresql_url: str) -> None:
    """As deployed for a large city: several processes behind a load balancer, one PostgreSQL."""
    connections = [DatabaseRecords(Database(postgresql_url)) for _ in range(2)]
    try:
        bridges = [await start_bridge(database=c) for c in connections]
        before = await bridges[0].rows("audit_records")  # the PostgreSQL database is shared by the whole session
        body = message("m-pg", QUESTION)
        replies = await asyncio.gather(*(b.relay.send_message(body) for b in bridges * 3))
        assert sorted(r.status for r in replies) == [200] * 5 + [202]
        await bridges[0].receiver.wait_for(1)
        for bridge in bridges:
            await bridge.settle()
        assert len(bridges[0].llm.requests) == 1 and len(bridges[0].receiver.delivered) == 1
        fetched = await bridges[1].relay.get_message("m-pg")
        assert fetched.body["status"] == "answered" and fetched.body["delivery"]["delivered"]
        assert await bridges[0].rows("audit_records") == before + 1
    finally:
        for connection in connections:
            await connection.close()


async def test_a_model_failure_is_told_to_the_relay_and_recorded(bridge) -> None:
    bridge.llm.enqueue(Reply.status_code(500, message="upstream down"))
    reply = await bridge.relay.send_message(message("m-500", QUESTION))
    assert reply.status == 202 and reply.body["status"] == "answering"
    delivered = (await bridge.receiver.wait_for(1))[0]
    assert delivered.body["status"] == "failed" and delivered.body["final"]
    assert delivered.body["reply"]["kind"] == "error" and delivered.body["reply"]["text"].startswith("⚠️")
    assert await bridge.rows("audit_records") == 1  # the request is on record although it failed


async def test_each_platform_gets_its_own_callback_url(start_bridge, receiver: CallbackReceiver) -> None:
    mattermost = CallbackReceiver()
    await mattermost.start()
    try:
        bridge = await start_bridge(callback_urls={"": receiver.url, "mattermost": mattermost.url})
        await bridge.relay.send_message(message("m-a", QUESTION))
        await bridge.relay.send_message(message("m-b", QUESTION, platform="mattermost"))
        await bridge.settle()
        assert [d.body["platform"] for d in receiver.delivered] == ["logochat"]
        assert [d.body["platform"] for d in mattermost.delivered] == ["mattermost"]
    finally:
        await mattermost.stop()


async def test_an_answer_with_personal_data_the_model_made_up_is_masked(bridge) -> None:
    bridge.llm.enqueue(Reply.text("担当は佐藤花子さん（電話 03-1234-5678）です。\nご確認ください。"))
    await bridge.relay.send_message(message("m-out", "問い合わせへの返信文を書いてください。"))
    delivered = (await bridge.receiver.wait_for(1))[0]
    answer = delivered.body["reply"]
    assert "03-1234-5678" not in answer["text"] and "佐藤花子" not in answer["text"]
    assert "架空の情報の可能性" in answer["text"]  # the output note (流山 8.3(3)), as in Slack


async def _age(bridge, key: str, status: str, seconds: float) -> None:
    """Make the message look as if its process stopped `seconds` ago in `status`."""
    from datetime import timedelta

    from sqlalchemy import text

    from bot.storage.database import utcnow

    async with bridge.records.db.engine.begin() as conn:
        await conn.execute(
            text("UPDATE bridge_messages SET status = :s, updated_at = :t WHERE key = :k"),
            {"s": status, "t": utcnow() - timedelta(seconds=seconds), "k": key},
        )


async def test_a_repeat_takes_over_a_message_its_process_abandoned(bridge) -> None:
    body = message("m-crash", QUESTION)
    assert (await bridge.relay.send_message(body)).status == 202
    await bridge.settle()

    await _age(bridge, "logochat:m-crash", "received", 5)  # still being worked on: a duplicate
    assert (await bridge.relay.send_message(body)).status == 200

    await _age(bridge, "logochat:m-crash", "received", 120)  # the process stopped before the gate
    again = await bridge.relay.send_message(body)
    assert again.status == 202 and again.body["status"] == "answering"
    await bridge.settle()
    assert (await bridge.relay.get_message("m-crash")).body["status"] == "answered"

    await _age(bridge, "logochat:m-crash", "answering", 30)  # within the time limit (model 5 s + 60 s): wait
    assert (await bridge.relay.send_message(body)).status == 200
    await _age(bridge, "logochat:m-crash", "answering", 3600)  # stopped during the model call
    assert (await bridge.relay.send_message(body)).status == 202
    await bridge.settle()
    assert len(bridge.llm.requests) == 3

    await _age(bridge, "logochat:m-crash", "answered", 3600)  # a finished message is never redone
    assert (await bridge.relay.send_message(body)).status == 200
    assert len(bridge.llm.requests) == 3


async def test_a_fault_inside_the_bridge_answers_500_instead_of_hanging(bridge, monkeypatch) -> None:
    from bot.platforms.bridge import render

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the view")

    monkeypatch.setattr(render, "message_view", broken)
    reply = await asyncio.wait_for(bridge.relay.send_message(message("m-bug", QUESTION)), timeout=10)
    assert reply.status == 500 and reply.body["error"]["code"] == "internal_error"
    assert "同じ message_id でもう一度" in reply.body["error"]["message"]
    await bridge.settle()
    assert bridge.receiver.attempts == 0  # the turn was stopped, nothing half-delivered
