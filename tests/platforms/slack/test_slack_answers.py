"""How answers reach the thread: streaming, fallbacks, long answers, failures, the output check."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from bot.conversation.records import DatabaseRecords
from bot.storage import Database
from bot.storage.suspension import Scope
from tests.fakes.llm_server import Reply
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.slack_requests import mention
from tests.platforms.slack.conftest import SlackBot, message_text, start_bot, stop_bot

QUESTION = "<@UBOT> 市民向けのお知らせ文を作ってください。"


async def ask(bot: SlackBot, text: str = QUESTION, channel: str = "C1", user: str = "U1") -> str:
    ts = bot.slack.add_message(channel, user, text)
    reply = await bot.sender.event(mention(channel, user, text, ts=ts))
    assert reply.status == 200
    return ts


@pytest.fixture
async def updating_bot(gate, llm, records):
    """A workspace without native streaming: the bot posts, then edits with chat.update."""
    slack = FakeSlackAPI(native_streaming=False)
    await slack.start()
    bot, runner = await start_bot(gate, slack, llm, records)
    yield bot
    await stop_bot(bot, runner)
    await slack.close()


async def test_native_streaming_names_the_recipient_and_ends_with_the_footer(slack_bot: SlackBot) -> None:
    ts = await ask(slack_bot)
    answer = await slack_bot.final_answer("C1", ts)
    start = slack_bot.slack.calls_to("chat.startStream")[0].args
    assert (start["recipient_team_id"], start["recipient_user_id"], start["thread_ts"]) == ("T0001", "U1", ts)
    assert slack_bot.slack.calls_to("chat.stopStream")
    assert answer.text.startswith("承知しました。") and not answer.streaming


async def test_without_native_streaming_the_answer_is_posted_then_updated_at_most_once_a_second(
    updating_bot: SlackBot,
) -> None:
    bot = updating_bot
    lines = [f"{i}行目の文です。\n" for i in range(12)]
    bot.llm.enqueue(Reply(chunks=tuple(lines), chunk_delay=0.25))  # about three seconds of streaming
    ts = await ask(bot)
    answer = await bot.final_answer("C1", ts)
    assert answer.text == "".join(lines)
    assert bot.slack.calls_to("chat.startStream")  # tried once, refused by the workspace
    placeholder = bot.slack.calls_to("chat.postMessage")[0]
    assert placeholder.args["text"].startswith("⏳")
    updates = [c.at for c in bot.slack.calls_to("chat.update")]
    streaming_updates = updates[:-1]  # the last one is the finished answer with its footer
    gaps = [b - a for a, b in itertools.pairwise(streaming_updates)]
    assert len(streaming_updates) >= 2 and all(gap >= 0.95 for gap in gaps)


async def test_a_long_answer_is_split_into_messages_within_slack_limits(updating_bot: SlackBot) -> None:
    bot = updating_bot
    paragraph = "この段落は長い回答の一部です。" * 20 + "\n"  # 300 characters
    long_answer = paragraph * 100  # 30,000 characters
    bot.llm.enqueue(Reply.text(long_answer, chunk_size=2000))
    ts = await ask(bot)
    await bot.final_answer("C1", ts, within=15)
    pages = [m for m in bot.slack.bot_messages("C1", ts)]
    assert len(pages) >= 3
    assert "".join(m.text for m in pages) == long_answer  # nothing lost, nothing repeated, in order
    assert all(len(m.text) <= 12_000 for m in pages)
    assert all(len(b["text"]["text"]) <= 3000 for m in pages for b in m.blocks if b["type"] == "section")
    assert [m for m in pages if any(b["type"] == "actions" for b in m.blocks)] == [pages[-1]]


async def test_a_long_answer_is_split_when_streamed_natively(slack_bot: SlackBot) -> None:
    long_answer = ("ネイティブ配信の長い回答です。" * 25 + "\n") * 80  # about 30,000 characters
    slack_bot.llm.enqueue(Reply.text(long_answer, chunk_size=3000))
    ts = await ask(slack_bot)
    await slack_bot.final_answer("C1", ts, within=15)
    pages = slack_bot.slack.bot_messages("C1", ts)
    assert len(pages) >= 3 and "".join(m.text for m in pages) == long_answer
    assert all(not m.streaming for m in pages)


async def test_slack_rate_limits_delay_the_answer_but_do_not_lose_or_repeat_it(slack_bot: SlackBot) -> None:
    slack_bot.slack.fail_next("chat.startStream", status=429, retry_after=1)
    slack_bot.slack.fail_next("chat.stopStream", status=503)
    ts = await ask(slack_bot)
    await slack_bot.final_answer("C1", ts)
    await asyncio.sleep(0.3)
    assert len(slack_bot.answers("C1", ts)) == 1
    assert len(slack_bot.llm.requests) == 1


async def test_a_model_that_never_starts_gives_the_japanese_timeout_message(slack_bot: SlackBot) -> None:
    slack_bot.llm.enqueue(Reply.text("遅すぎる回答", first_token_delay=6.0))
    ts = await ask(slack_bot)
    shown = await slack_bot.slack.wait_for(lambda: [m for m in slack_bot.slack.bot_messages("C1", ts) if "⚠️" in m.text])
    assert "生成AIの応答が時間内に始まりませんでした" in shown[0].text
    assert slack_bot.answers("C1", ts) == []


async def test_an_answer_cut_by_a_stall_is_shown_and_marked_partial(slack_bot: SlackBot) -> None:
    slack_bot.llm.enqueue(Reply(chunks=("前半の回答です。\n", "後半は届きません。"), stall_after=1))
    ts = await ask(slack_bot)
    answer = await slack_bot.final_answer("C1", ts)
    shown = message_text(answer)
    assert "前半の回答です。" in shown and "後半" not in shown
    assert "途中まで" in shown and "応答が途中で止まった" in shown


async def test_personal_data_the_model_made_up_is_masked_and_flagged(slack_bot: SlackBot) -> None:
    slack_bot.llm.enqueue(Reply.text("詳しくは担当の佐藤花子さん（03-1234-5678）に連絡してください。\n"))
    ts = await ask(slack_bot)
    answer = await slack_bot.final_answer("C1", ts)
    shown = message_text(answer)
    assert "佐藤花子" not in shown and "03-1234-5678" not in shown
    assert "【氏名1】" in shown
    assert "回答に個人情報とみられる記載（氏名1件・電話番号1件）" in shown
    assert "流山" not in shown and "8.3(3)" not in shown  # 岩見沢's guideline has no article on it: none is cited
    assert not any("佐藤花子" in c.args.get("markdown_text", "") for c in slack_bot.slack.calls)


async def test_while_suspended_a_mention_gets_the_reason_and_nothing_is_sent(slack_bot: SlackBot) -> None:
    stop = await slack_bot.records.suspensions.stop(Scope.CHANNEL, "C9", "点検のため", by="UADMIN")
    try:
        ts = await ask(slack_bot, channel="C9")
        notice = (await slack_bot.slack.wait_for(lambda: slack_bot.ephemeral_for("U1")))[0]
        assert "利用停止中" in notice["text"] and "点検のため" in notice["text"]
        assert slack_bot.llm.requests == [] and slack_bot.slack.bot_messages("C9", ts) == []
    finally:
        await slack_bot.records.suspensions.resume(Scope.CHANNEL, stop.suspension.target, by="UADMIN")


async def test_without_a_database_nothing_is_sent_and_the_asker_is_told(gate, slack_api, llm, tmp_path) -> None:
    broken = DatabaseRecords(Database(f"sqlite:///{tmp_path}/missing-dir/none.sqlite3"))
    bot, runner = await start_bot(gate, slack_api, llm, broken)
    try:
        await ask(bot)
        notice = (await bot.slack.wait_for(lambda: bot.ephemeral_for("U1")))[0]
        assert "データベース" in notice["text"] and "送信していません" in notice["text"]
        assert llm.requests == []
    finally:
        await stop_bot(bot, runner)
        await broken.close()


async def test_an_empty_answer_is_said_plainly(slack_bot: SlackBot) -> None:
    slack_bot.llm.enqueue(Reply(chunks=()))
    ts = await ask(slack_bot)
    shown = await slack_bot.slack.wait_for(lambda: [m for m in slack_bot.slack.bot_messages("C1", ts) if "⚠️" in m.text])
    assert "空の回答" in shown[0].text and slack_bot.answers("C1", ts) == []
