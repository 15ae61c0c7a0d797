"""Latency of the webhook bridge with a model of fixed latency, at several concurrencies.

    .venv/bin/python bench/bridge_latency.py [--concurrency 1 20 50] [--rounds 3] [--database-url URL]

Everything is real and local, in this process: the bridge on the shared aiohttp server (signature
check, claim, the gate, the audit record, the pipeline, the OpenAI adapter), the fake model
server (first token after 0.5 s, then 10 chunks 50 ms apart), a relay's callback receiver, and a
fresh SQLite file unless --database-url. For each message the script records:

- decision: from sending the signed POST to its 202 with the gate's decision,
- callback: until the relay's callback receiver got the finished answer,
- added: callback minus the model's fixed time (what the bridge adds around the model).

It also sends every message of one round twice at once (a relay's retry racing its original) and
counts lost answers (no callback within 30 s) and duplicates (two callbacks or two model calls).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from adapters.base import StreamLimits  # noqa: E402
from adapters.openai_chat import OpenAIChatAdapter  # noqa: E402
from bot.conversation.pipeline import ConversationPipeline  # noqa: E402
from bot.conversation.records import DatabaseRecords  # noqa: E402
from bot.gate.gate import load_gate  # noqa: E402
from bot.platforms.bridge.runtime import create_bridge  # noqa: E402
from bot.platforms.server import build_server, start_server  # noqa: E402
from bot.storage import Database  # noqa: E402
from bot.storage.migrate import upgrade  # noqa: E402
from tests.fakes.llm_server import FAKE_OPENAI_KEY, FakeLLMServer, Reply  # noqa: E402
from tests.platforms.bridge.conftest import SECRET, CallbackReceiver, Relay, message  # noqa: E402

FIRST_TOKEN_S = 0.5
CHUNK_DELAY_S = 0.05
ANSWER_CHUNKS = tuple(f"回答の{i}文目です。\n" for i in range(10))
MODEL_TIME_S = FIRST_TOKEN_S + CHUNK_DELAY_S * (len(ANSWER_CHUNKS) - 1)
NAMES = ("山田太郎", "佐藤花子", "鈴木一郎", "高橋美咲", "田中健太")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def line(label: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"  {label:<9} p50 {statistics.median(ms):7.1f} ms   p95 {pct(ms, 0.95):7.1f} ms   max {max(ms):7.1f} ms"


async def one_round(
    relay: Relay, receiver: CallbackReceiver, concurrency: int, prefix: str, *, twice: bool
) -> tuple[list[float], list[float], int]:
    arrived: dict[str, float] = {}
    before = len(receiver.delivered)

    async def send(i: int) -> tuple[str, float, float]:
        message_id = f"{prefix}-{i}"
        body = message(
            message_id,
            f"{NAMES[i % len(NAMES)]}さんへの会議の案内文を書いてください（{i}）。",
            user=f"u{i}",
            conversation=f"room-{i % 7}",
        )
        start = time.monotonic()
        replies = await asyncio.gather(*(relay.send_message(body) for _ in range(2 if twice else 1)))
        decided = time.monotonic()
        assert sorted(r.status for r in replies)[-1] == 202, replies
        return message_id, start, decided

    sent = await asyncio.gather(*(send(i) for i in range(concurrency)))
    deadline = time.monotonic() + 30
    wanted = {mid for mid, _, _ in sent}
    while time.monotonic() < deadline and len(arrived) < len(wanted):
        for delivered in receiver.delivered[before:]:
            mid = delivered.body["message_id"]
            if mid in wanted and mid not in arrived:
                arrived[mid] = float(delivered.headers["X-Bench-Received"])
        await asyncio.sleep(0.005)
    lost = len(wanted) - len(arrived)
    decisions = [decided - start for _, start, decided in sent]
    callbacks = [arrived[mid] - start for mid, start, _ in sent if mid in arrived]
    return decisions, callbacks, lost


class TimedReceiver(CallbackReceiver):
    """Notes the arrival time of each callback in its headers (the receiver runs in this process)."""

    async def _handle(self, request):  # type: ignore[no-untyped-def]
        received = time.monotonic()
        response = await super()._handle(request)
        if self.delivered:
            self.delivered[-1].headers["X-Bench-Received"] = str(received)
        return response


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 20, 50])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    print("ゲートを読み込んでいます…", flush=True)
    gate = load_gate()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='bridge-bench-')}/aigate.sqlite3"
    upgrade(url)
    records = DatabaseRecords(Database(url))
    llm = FakeLLMServer(
        "openai", default=Reply(chunks=ANSWER_CHUNKS, first_token_delay=FIRST_TOKEN_S, chunk_delay=CHUNK_DELAY_S)
    )
    await llm.start()
    receiver = TimedReceiver()
    await receiver.start()
    adapter = OpenAIChatAdapter(model="gpt-bench", base_url=llm.base_url, api_key=FAKE_OPENAI_KEY, rng=random.Random(0))
    pipeline = ConversationPipeline(gate, adapter, records, limits=StreamLimits())
    http = create_bridge(
        pipeline=pipeline, records=records, secret=SECRET, city="iwamizawa", callback_urls={"": receiver.url}
    )
    runner, port = await start_server(build_server(http), "127.0.0.1", 0)
    relay = Relay(f"http://127.0.0.1:{port}")
    print(
        f"database: {url.split('://')[0]}   model: first token {FIRST_TOKEN_S * 1000:.0f} ms + "
        f"{len(ANSWER_CHUNKS)} chunks ({MODEL_TIME_S * 1000:.0f} ms in all)"
    )
    try:
        await one_round(relay, receiver, 2, "warmup", twice=False)
        for concurrency in args.concurrency:
            decisions: list[float] = []
            callbacks: list[float] = []
            lost = 0
            model_calls_before = len(llm.requests)
            deliveries_before = len(receiver.delivered)
            for r in range(args.rounds):
                d, c, lost_now = await one_round(relay, receiver, concurrency, f"c{concurrency}-r{r}", twice=r == 0)
                decisions += d
                callbacks += c
                lost += lost_now
            await asyncio.sleep(0.5)
            messages = concurrency * args.rounds
            dup_model = len(llm.requests) - model_calls_before - messages
            dup_callbacks = len(receiver.delivered) - deliveries_before - messages
            print(
                f"\n{concurrency} concurrent × {args.rounds} rounds ({messages} messages, "
                f"the first round sent twice at once)"
            )
            print(line("decision", decisions))
            print(line("callback", callbacks))
            print(line("added", [c - MODEL_TIME_S for c in callbacks]))
            print(f"  lost {lost}   duplicated model calls {dup_model}   duplicated callbacks {dup_callbacks}")
    finally:
        await relay.close()
        await http.service.aclose()
        await runner.cleanup()
        await adapter.aclose()
        await receiver.stop()
        await llm.stop()
        await records.close()
        gate.close()


if __name__ == "__main__":
    asyncio.run(main())
