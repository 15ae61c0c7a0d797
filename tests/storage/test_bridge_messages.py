"""The webhook bridge's message rows: one claim per (platform, message_id), raced by several processes."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from bot.storage import BridgeMessageStore, Database
from bot.storage.database import utcnow
from bot.storage.retention import purge_expired

ROUTE = {"conversation_id": "room-1", "thread_id": "t-1", "user_id": "taro"}


async def test_a_message_is_claimed_once_across_processes(database_url: str, db: Database) -> None:
    engines = [db] + [Database(database_url) for _ in range(3)]
    try:
        results = await asyncio.gather(
            *(
                BridgeMessageStore(engine).claim(
                    "logochat:m-1", platform="logochat", message_id="m-1", user_key="logochat:taro", route=ROUTE
                )
                for engine in engines
                for _ in range(3)
            )
        )
        assert sorted(results) == [False] * 11 + [True]
    finally:
        for engine in engines[1:]:
            await engine.dispose()
    state = await BridgeMessageStore(db).get("logochat:m-1")
    assert state is not None
    assert (state.status, state.route, state.decision, state.reply) == ("received", ROUTE, None, None)


async def test_state_changes_and_a_confirm_taken_only_once(db: Database) -> None:
    store = BridgeMessageStore(db)
    assert await store.claim("mm:1", platform="mm", message_id="1", user_key="mm:u", route=ROUTE)
    await store.save(
        "mm:1",
        status="awaiting_confirmation",
        decision={"action": "confirm"},
        reply={"kind": "confirm", "text": "確認"},
        pending_id="p-1",
    )
    await store.save("mm:1", status="awaiting_confirmation", reply={"kind": "confirm", "text": "確認2"})
    state = await store.get("mm:1")
    assert state is not None
    assert state.decision == {"action": "confirm"}  # kept when not given again
    assert state.pending_id == "p-1"
    assert state.reply == {"kind": "confirm", "text": "確認2"}
    taken = await asyncio.gather(*(store.transition("mm:1", "awaiting_confirmation", "answering") for _ in range(4)))
    assert taken.count(True) == 1
    assert (await store.get("mm:1")).status == "answering"  # type: ignore[union-attr]


async def test_released_claims_can_be_claimed_again_and_deliveries_are_noted(db: Database) -> None:
    store = BridgeMessageStore(db)
    assert await store.claim("mm:2", platform="mm", message_id="2", user_key="mm:u", route=ROUTE)
    await store.record_delivery("mm:2", attempts=3, delivered=False, error="HTTP 500" * 100)
    state = await store.get("mm:2")
    assert state is not None and state.callback_attempts == 3 and state.delivered_at is None
    assert state.delivery_error is not None and len(state.delivery_error) == 300
    await store.release("mm:2")
    assert await store.get("mm:2") is None
    assert await store.claim("mm:2", platform="mm", message_id="2", user_key="mm:u", route=ROUTE)


async def test_old_bridge_messages_are_purged_with_the_other_records(db: Database) -> None:
    store = BridgeMessageStore(db)
    await store.claim("mm:old", platform="mm", message_id="old", user_key="mm:u", route=ROUTE)
    result = await purge_expired(db, {"niiza": 30}, now=datetime.now(UTC) + timedelta(days=8))
    assert result.bridge_messages == 1
    assert await store.get("mm:old") is None


async def test_an_abandoned_message_is_taken_over_once(db: Database) -> None:
    store = BridgeMessageStore(db)
    await store.claim("mm:3", platform="mm", message_id="3", user_key="mm:u", route=ROUTE)
    cutoff = datetime.now(UTC) - timedelta(seconds=60)
    assert not await store.retake("mm:3", "received", cutoff)  # too recent: its process is still on it
    async with db.engine.begin() as conn:  # its process stopped two minutes ago
        await conn.execute(
            text("UPDATE bridge_messages SET updated_at = :t WHERE key = 'mm:3'"),
            {"t": utcnow() - timedelta(seconds=120)},
        )
    taken = await asyncio.gather(*(store.retake("mm:3", "received", cutoff) for _ in range(4)))
    assert taken.count(True) == 1
    await store.save("mm:3", status="answered", reply={"kind": "answer"})
    later = datetime.now(UTC) + timedelta(seconds=5)
    assert not await store.retake("mm:3", "received", later)  # finished: never redone
