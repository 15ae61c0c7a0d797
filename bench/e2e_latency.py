"""End-to-end latency of the Slack bot with a model of fixed latency.

    .venv/bin/python bench/e2e_latency.py [--concurrency 1 50] [--rounds 20] [--no-native-streaming]
                                          [--database-url URL] [--in-process]

Everything is real and local. The bot runs as its own process, exactly as deployed
(`python -m bot serve`: aiohttp, Bolt with its signature check, the gate, the audit database —
a fresh SQLite file unless --database-url — and the OpenAI adapter), configured through the
environment to talk to the fake model server and the fake Slack Web API that run in this
process (--in-process puts the bot in this process too). For each mention the script records,
on the machine's monotonic clock (shared by both processes on Linux):

- ack: from sending the signed event to Slack's HTTP response (Slack retries after 3 s),
- first visible: until the first message appears in the thread (stream start or placeholder),
- final: until the answer is complete with its footer and buttons,
- added: final minus the model's own time for that mention (from the model server receiving the
  request to its last byte, as the fake measured it: about first token + chunks), i.e. what the bot
  adds: signature check, dedup claim, gate, audit record, Slack calls, output check, scheduling.

It also counts lost answers (none after 30 s) and duplicated ones (two answers, or two model calls,
for one mention). Targets (issue 4): ack p95 ≤ 100 ms; added p95 ≤ 150 ms at 50 concurrent; 0 lost/dup.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import re
import socket
import statistics
import sys
import tempfile
import time
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402

from adapters.base import StreamLimits  # noqa: E402
from adapters.openai_chat import OpenAIChatAdapter  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.conversation.pipeline import ConversationPipeline  # noqa: E402
from bot.conversation.records import DatabaseRecords  # noqa: E402
from bot.gate.gate import load_gate  # noqa: E402
from bot.platforms.server import build_server, start_server  # noqa: E402
from bot.platforms.slack.runtime import create_runtime  # noqa: E402
from bot.platforms.slack.server import EVENTS_PATH, SlackHTTP  # noqa: E402
from bot.storage import Database  # noqa: E402
from bot.storage.migrate import upgrade  # noqa: E402
from tests.fakes.llm_server import FAKE_OPENAI_KEY, FakeLLMServer, Reply  # noqa: E402
from tests.fakes.slack_api import FakeSlackAPI  # noqa: E402
from tests.fakes.slack_requests import SlackSender, mention  # noqa: E402

SECRET = "bench-signing-secret"
FIRST_TOKEN_S = 0.5
CHUNK_DELAY_S = 0.05
ANSWER_CHUNKS = tuple(f"回答の{i}文目です。\n" for i in range(10))
MODEL_TIME_S = FIRST_TOKEN_S + CHUNK_DELAY_S * (len(ANSWER_CHUNKS) - 1)
NAMES = ("山田太郎", "佐藤花子", "鈴木一郎", "高橋美咲", "田中健太")
TAG = re.compile(r"依頼[a-z]+")  # a harmless word that ties a model request to its mention


class TimedLLMServer(FakeLLMServer):
    """The fake model, also noting when each answer's last byte was written (its own time ends there)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.own_time: dict[str, float] = {}  # mention tag -> seconds from request to last byte

    async def _stream(self, request, response, reply, body) -> None:  # type: ignore[no-untyped-def]
        received = time.monotonic()
        await super()._stream(request, response, reply, body)
        tag = _tag_in(json.dumps(body, ensure_ascii=False))
        if tag:
            self.own_time[tag] = time.monotonic() - received


def _tag_in(text: str) -> str | None:
    found = TAG.search(text)
    return found.group(0) if found else None


@dataclass
class Sample:
    ack: float
    first_visible: float | None
    final: float | None
    answers: int  # finished answers in the thread: 1 expected
    model_own: float | None  # the model server's own time for this mention


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def ms(value: float) -> str:
    return f"{value * 1000:7.1f}"


def letters(number: int) -> str:
    word = ""
    while True:
        number, digit = divmod(number, 26)
        word = "abcdefghijklmnopqrstuvwxyz"[digit] + word
        if number == 0:
            return word


async def one_round(
    slack: FakeSlackAPI, llm: TimedLLMServer, sender: SlackSender, concurrency: int, round_no: int
) -> list[Sample]:
    channels = [f"C{round_no:03d}{i:03d}" for i in range(concurrency)]
    asks = []
    tags = []
    for i, channel in enumerate(channels):
        tag = f"依頼{letters(round_no * 1000 + i)}"
        tags.append(tag)
        text = (
            f"<@UBOT> {NAMES[i % len(NAMES)]}さん（090-{1000 + i:04d}-5678）への案内文を丁寧に書き直してください。{tag}"
        )
        ts = slack.add_message(channel, f"U{i:04d}", text)
        asks.append((channel, ts, mention(channel, f"U{i:04d}", text, ts=ts)))

    async def send(event: dict) -> tuple[float, float]:
        sent = time.monotonic()
        reply = await sender.event(event)
        assert reply.status == 200, reply
        return sent, time.monotonic()

    sent_and_acked = await asyncio.gather(*(send(event) for _, _, event in asks))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if all(_final_at(slack, channel, ts) for channel, ts, _ in asks):
            break
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.2)  # let any duplicate show itself
    samples = []
    for (channel, ts, _), (sent, acked), tag in zip(asks, sent_and_acked, tags, strict=True):
        first = _first_visible_at(slack, channel, ts)
        final = _final_at(slack, channel, ts)
        samples.append(
            Sample(
                ack=acked - sent,
                first_visible=first - sent if first else None,
                final=final - sent if final else None,
                answers=answers_in(slack, channel, ts),
                model_own=llm.own_time.get(tag),
            )
        )
    return samples


def _first_visible_at(slack: FakeSlackAPI, channel: str, thread_ts: str) -> float | None:
    for call in slack.calls:
        if (
            call.method in ("chat.startStream", "chat.postMessage")
            and call.args.get("channel") == channel
            and call.args.get("thread_ts") == thread_ts
        ):
            return call.at
    return None


def _stream_or_message_ts(slack: FakeSlackAPI, channel: str, thread_ts: str) -> set[str]:
    return {m.ts for m in slack.messages.get(channel, []) if m.thread_ts == thread_ts and m.bot_id == slack.bot_id}


def _final_at(slack: FakeSlackAPI, channel: str, thread_ts: str) -> float | None:
    mine = _stream_or_message_ts(slack, channel, thread_ts)
    for call in slack.calls:
        if call.args.get("channel") != channel or call.args.get("ts") not in mine:
            continue
        if call.method in ("chat.stopStream", "chat.update") and "feedback_up" in str(call.args.get("blocks")):
            return call.at
    return None


def answers_in(slack: FakeSlackAPI, channel: str, thread_ts: str) -> int:
    return sum(
        1
        for m in slack.messages.get(channel, [])
        if m.thread_ts == thread_ts and m.bot_id == slack.bot_id and "feedback_up" in str(m.blocks)
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def bot_in_subprocess(
    stack: AsyncExitStack, slack: FakeSlackAPI, llm: TimedLLMServer, database_url: str, native: bool, log_path: Path
) -> str:
    """`python -m bot serve` on a free port, configured like a deployment; returns its events URL."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "LLM_", "AIGATE_", "OPENAI_"))}
    env.update(
        {
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack.base_url,
            "AIGATE_CITY": "iwamizawa",
            "LLM_PROVIDER": "openai",
            "LLM_MODEL": "bench-model",
            "OPENAI_BASE_URL": llm.base_url,
            "OPENAI_API_KEY": FAKE_OPENAI_KEY,
            "DATABASE_URL": database_url,
            "PORT": str(port),
            "PYTHONPATH": str(ROOT),
        }
    )
    log = log_path.open("w")
    stack.callback(log.close)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "serve",
        "--host",
        "127.0.0.1",
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )

    async def stop() -> None:
        if process.returncode is None:
            process.terminate()
            await process.wait()

    stack.push_async_callback(stop)
    async with aiohttp.ClientSession() as session:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.returncode is not None:
                raise SystemExit(f"the bot exited ({process.returncode}); see {log_path}")
            try:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                    if response.status == 200:
                        return f"http://127.0.0.1:{port}{EVENTS_PATH}"
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit(f"the bot did not start within 120 s; see {log_path}")


async def bot_in_process(
    stack: AsyncExitStack, slack: FakeSlackAPI, llm: TimedLLMServer, database_url: str, native: bool
) -> str:
    gate = await asyncio.to_thread(load_gate)
    stack.callback(gate.close)
    upgrade(database_url)
    records = DatabaseRecords(Database(database_url))
    stack.push_async_callback(records.close)
    adapter = OpenAIChatAdapter(model="bench-model", base_url=llm.base_url, api_key=FAKE_OPENAI_KEY)
    stack.push_async_callback(adapter.aclose)
    settings = Settings(
        city="iwamizawa",
        slack_bot_token="xoxb-bench",
        slack_signing_secret=SECRET,
        slack_api_url=slack.base_url,
        slack_native_streaming=native,
    )
    pipeline = ConversationPipeline(
        gate, adapter, records, limits=StreamLimits(first_token_s=30, idle_s=30, total_s=60)
    )
    runtime = await create_runtime(settings, pipeline=pipeline, records=records)
    stack.push_async_callback(runtime.aclose)
    runner, port = await start_server(build_server(SlackHTTP(runtime.app)), "127.0.0.1", 0)
    stack.push_async_callback(runner.cleanup)
    return f"http://127.0.0.1:{port}{EVENTS_PATH}"


async def main(
    concurrency_levels: list[int], rounds: int, native: bool, database_url: str | None, in_process: bool
) -> int:
    logging.basicConfig(level=logging.WARNING)
    failed = False
    async with AsyncExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory())
        database_url = database_url or f"sqlite:///{tmp}/bench.sqlite3"
        slack = FakeSlackAPI(native_streaming=native)
        await slack.start()
        stack.push_async_callback(slack.close)
        llm = TimedLLMServer(
            "openai", default=Reply(chunks=ANSWER_CHUNKS, first_token_delay=FIRST_TOKEN_S, chunk_delay=CHUNK_DELAY_S)
        )
        await llm.start()
        stack.push_async_callback(llm.stop)
        print("ボットを起動しています（日本語モデルの読み込みを含む）…", file=sys.stderr, flush=True)
        if in_process:
            url = await bot_in_process(stack, slack, llm, database_url, native)
        else:
            url = await bot_in_subprocess(stack, slack, llm, database_url, native, Path(tmp) / "bot.log")
        sender = SlackSender(url, SECRET)
        stack.push_async_callback(sender.close)
        print(
            f"bot: {'in this process' if in_process else 'python -m bot serve (own process)'}; database: "
            f"{database_url.split('://')[0]}; streaming: {'native' if native else 'post + chat.update'}"
        )
        print(
            f"model: first token {FIRST_TOKEN_S * 1000:.0f} ms + {len(ANSWER_CHUNKS)} chunks every "
            f"{CHUNK_DELAY_S * 1000:.0f} ms = {MODEL_TIME_S * 1000:.0f} ms per answer"
        )
        # Warm-up, not counted: auth.test, the database and HTTP connection pools at full size, first gate call.
        await one_round(slack, llm, sender, 1, 998)
        await one_round(slack, llm, sender, max(concurrency_levels), 999)
        for concurrency in concurrency_levels:
            samples: list[Sample] = []
            calls_before = len(llm.requests)
            round_count = rounds if concurrency == 1 else max(1, rounds // 10)
            for round_no in range(round_count):
                samples += await one_round(slack, llm, sender, concurrency, concurrency * 1000 + round_no)
            n = len(samples)
            finals = [s.final for s in samples if s.final is not None]
            lost = n - len(finals)
            extra_calls = max(0, len(llm.requests) - calls_before - n)
            duplicated = sum(max(0, s.answers - 1) for s in samples)
            ack = [s.ack for s in samples]
            first = [s.first_visible for s in samples if s.first_visible is not None]
            added = [s.final - s.model_own for s in samples if s.final is not None and s.model_own is not None]
            own = [s.model_own for s in samples if s.model_own is not None]
            print(f"\n== {concurrency} concurrent mention(s), {n} mentions in {round_count} round(s) ==")
            print("                       p50 ms   p95 ms")
            print(f"ack                   {ms(pct(ack, 50))}  {ms(pct(ack, 95))}")
            print(f"first visible reply   {ms(pct(first, 50))}  {ms(pct(first, 95))}")
            print(f"final answer          {ms(pct(finals, 50))}  {ms(pct(finals, 95))}")
            print(f"  (model's own time   {ms(pct(own, 50))}  {ms(pct(own, 95))})")
            if added:
                print(
                    f"added beyond model    {ms(pct(added, 50))}  {ms(pct(added, 95))}   "
                    f"(mean {statistics.fmean(added) * 1000:.1f} ms)"
                )
            print(f"lost answers: {lost}   duplicated answers: {duplicated}   extra model calls: {extra_calls}")
            failed = failed or bool(lost or duplicated or extra_calls)
    return 1 if failed else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 50])
    parser.add_argument("--rounds", type=int, default=20, help="rounds at concurrency 1 (a tenth of it above)")
    parser.add_argument(
        "--no-native-streaming", action="store_true", help="post then chat.update instead (with --in-process)"
    )
    parser.add_argument("--database-url", help="e.g. postgresql://postgres@127.0.0.1/aigate_bench (default: SQLite)")
    parser.add_argument("--in-process", action="store_true", help="run the bot in this process with the fakes")
    arguments = parser.parse_args()
    sys.exit(
        asyncio.run(
            main(
                arguments.concurrency,
                arguments.rounds,
                not arguments.no_native_streaming,
                arguments.database_url,
                arguments.in_process,
            )
        )
    )
