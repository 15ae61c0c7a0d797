"""Several bot processes on one database (松戸: ~6,400 staff behind a load balancer).

Slack may deliver an event and its retries to different processes. Each bot here has its own
Bolt app, HTTP server, database engine and memory, like a separate process; only the database
is shared. Runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import asyncio

from bot.conversation.records import DatabaseRecords
from bot.storage import Database
from tests.fakes.slack_requests import block_action, mention
from tests.platforms.slack.conftest import start_bot, stop_bot

QUESTION = "<@UBOT> 防災訓練のお知らせ文を作ってください。"


async def test_a_retry_delivered_to_another_process_is_not_answered_again(
    gate, slack_api, llm, database_url, db
) -> None:
    """`db` empties the shared database first; each bot then opens its own connection to it."""
    records_a = DatabaseRecords(Database(database_url))
    records_b = DatabaseRecords(Database(database_url))
    bot_a, runner_a = await start_bot(gate, slack_api, llm, records_a)
    bot_b, runner_b = await start_bot(gate, slack_api, llm, records_b)
    try:
        threads = []
        for n in range(5):
            ts = slack_api.add_message("C1", "U1", QUESTION)
            event = mention("C1", "U1", QUESTION, ts=ts)
            event_id = f"EvMulti{n}-{database_url[-12:]}"
            replies = await asyncio.gather(
                bot_a.sender.event(event, event_id=event_id),
                bot_b.sender.event(event, event_id=event_id, retry_num=1),
                bot_a.sender.event(event, event_id=event_id, retry_num=2),
            )
            assert all(r.status == 200 for r in replies)
            threads.append(ts)
        for ts in threads:
            await bot_a.final_answer("C1", ts)
        await asyncio.sleep(0.5)  # any second answer would be on its way by now
        assert [len(bot_a.answers("C1", ts)) for ts in threads] == [1] * 5
        assert len(llm.requests) == 5
    finally:
        await stop_bot(bot_a, runner_a)
        await stop_bot(bot_b, runner_b)
        await records_a.close()
        await records_b.close()


async def test_a_preview_shown_by_one_process_can_be_confirmed_through_another(
    gate, slack_api, llm, database_url, db
) -> None:
    """`db` empties the shared database first; each bot then opens its own connection to it."""
    records_a = DatabaseRecords(Database(database_url))
    records_b = DatabaseRecords(Database(database_url))
    bot_a, runner_a = await start_bot(gate, slack_api, llm, records_a, city="nagareyama")
    bot_b, runner_b = await start_bot(gate, slack_api, llm, records_b, city="nagareyama")
    try:
        text = "<@UBOT> 山田太郎さんへの案内文を書いてください。"
        ts = slack_api.add_message("C2", "U1", text)
        await bot_a.sender.event(mention("C2", "U1", text, ts=ts))
        preview = (await slack_api.wait_for(lambda: slack_api.bot_messages("C2", ts)))[0]
        value = next(e["value"] for b in preview.blocks if b["type"] == "actions" for e in b["elements"])

        def press(bot, user):
            return bot.sender.interaction(
                block_action(
                    user_id=user,
                    action_id="confirm_send",
                    value=value,
                    channel="C2",
                    message_ts=preview.ts,
                    thread_ts=ts,
                )
            )

        await press(bot_b, "U2")  # not the asker, on the process that never saw the question
        assert "本人だけ" in (await slack_api.wait_for(lambda: bot_b.ephemeral_for("U2")))[0]["text"]
        await press(bot_b, "U1")  # the asker, on the other process: the message is read and gated again
        await bot_a.final_answer("C2", ts)
        await press(bot_a, "U1")  # pressed again on the process that holds the question: nothing more
        await asyncio.sleep(0.5)
        assert len(bot_a.answers("C2", ts)) == 1 and len(llm.requests) == 1
        assert llm.requests[0].body["messages"][-1]["content"] == "【氏名1】さんへの案内文を書いてください。"
    finally:
        await stop_bot(bot_a, runner_a)
        await stop_bot(bot_b, runner_b)
        await records_a.close()
        await records_b.close()
