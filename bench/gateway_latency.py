"""What the OpenAI-compatible gateway adds beyond the model, at 1 and 50 concurrent requests.

    .venv/bin/python bench/gateway_latency.py [--concurrency 1 50] [--requests 40] [--history N] [--database-url URL]

Everything is real and local, in this process: the official `openai` SDK as the client, the
gateway on the shared aiohttp server (key, rate, the gate with one placeholder book, the audit
record, the pipeline, the output check, the OpenAI adapter), the fake model server (first token
after 200 ms, then 10 sentences 20 ms apart) and a fresh SQLite file unless --database-url.

The same requests are sent twice at each concurrency, with the same SDK: straight to the fake
model (the baseline; always streamed, as the gateway's adapter calls it), and through the gateway.
For each mode (streamed and not) the script prints p50 and p95 of the whole request and, streamed,
of the first content chunk, for both, and "added": the gateway's percentile minus the baseline's
(what the gateway adds beyond the model).

Every question is a text the gateway has not seen before (it remembers the gate's decisions on
texts a client resends). `--history N` sends N earlier turns with each question, the same ones
each time, as a chat UI resends its conversation.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openai import AsyncOpenAI  # noqa: E402

from adapters.base import StreamLimits  # noqa: E402
from adapters.openai_chat import OpenAIChatAdapter  # noqa: E402
from bot.conversation.records import DatabaseRecords  # noqa: E402
from bot.gate.gate import load_gate  # noqa: E402
from bot.platforms.gateway.keys import GatewayKey, GatewayKeys, key_digest  # noqa: E402
from bot.platforms.gateway.runtime import create_gateway  # noqa: E402
from bot.platforms.server import build_server, start_server  # noqa: E402
from bot.storage import Database  # noqa: E402
from bot.storage.migrate import upgrade  # noqa: E402
from tests.fakes.llm_server import FAKE_OPENAI_KEY, FakeLLMServer, Reply  # noqa: E402

FIRST_TOKEN_S = 0.2
CHUNK_DELAY_S = 0.02
ANSWER_CHUNKS = tuple(f"回答の{i}文目です。\n" for i in range(10))
NAMES = ("山田太郎", "佐藤花子", "鈴木一郎", "高橋美咲", "田中健太")
BENCH_KEY = "bench-gateway-key-0123456789abcdef"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


SERIAL = itertools.count()
HISTORY: list[dict[str, str]] = []  # the earlier turns every question carries (--history)


def question(i: int) -> list[dict[str, str]]:
    # A new text every time (a serial number), so no question is one the gateway has checked before.
    text = f"{NAMES[i % len(NAMES)]}さんへの会議の案内文を書いてください（{next(SERIAL)}）。"
    return [*HISTORY, {"role": "user", "content": text}]


def history(turns: int) -> list[dict[str, str]]:
    earlier: list[dict[str, str]] = []
    for n in range(turns):
        name = NAMES[n % len(NAMES)]
        earlier.append({"role": "user", "content": f"{name}さん（内線{1000 + n}）に送る資料の要点をまとめてください。"})
        earlier.append({"role": "assistant", "content": "".join(ANSWER_CHUNKS)})
    return earlier


async def one(client: AsyncOpenAI, i: int, stream: bool) -> tuple[float, float]:
    """(first content chunk, whole request) in seconds."""
    start = time.monotonic()
    if not stream:
        reply = await client.chat.completions.create(model="gpt-bench", messages=question(i))
        assert reply.choices[0].message.content
        total = time.monotonic() - start
        return total, total
    first = None
    async for chunk in await client.chat.completions.create(model="gpt-bench", messages=question(i), stream=True):
        if first is None and chunk.choices and chunk.choices[0].delta.content:
            first = time.monotonic() - start
    assert first is not None
    return first, time.monotonic() - start


async def measure(
    client: AsyncOpenAI, concurrency: int, requests: int, stream: bool
) -> tuple[list[float], list[float]]:
    firsts: list[float] = []
    totals: list[float] = []
    for offset in range(0, requests, concurrency):
        batch = await asyncio.gather(*(one(client, offset + i, stream) for i in range(concurrency)))
        firsts += [f for f, _ in batch]
        totals += [t for _, t in batch]
    return firsts, totals


def row(label: str, direct: list[float], through: list[float]) -> str:
    d50, d95 = pct(direct, 0.5) * 1000, pct(direct, 0.95) * 1000
    g50, g95 = pct(through, 0.5) * 1000, pct(through, 0.95) * 1000
    return (
        f"  {label:<12} model p50 {d50:7.1f}  p95 {d95:7.1f} | gateway p50 {g50:7.1f}  p95 {g95:7.1f} | "
        f"added p50 {g50 - d50:6.1f} ms  p95 {g95 - d95:6.1f} ms"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 50])
    parser.add_argument("--requests", type=int, default=40, help="requests per concurrency and mode (at least it)")
    parser.add_argument("--database-url")
    parser.add_argument("--stages", action="store_true", help="log the pipeline's stage timings")
    parser.add_argument("--history", type=int, default=0, help="earlier turns sent with every question")
    args = parser.parse_args()
    HISTORY[:] = history(args.history)
    logging.basicConfig(level=logging.WARNING)
    if "--stages" in sys.argv:
        logging.getLogger("aigate.conversation").setLevel(logging.INFO)

    print("ゲートを読み込んでいます…", flush=True)
    gate = load_gate()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='gateway-bench-')}/aigate.sqlite3"
    upgrade(url)
    records = DatabaseRecords(Database(url))
    llm = FakeLLMServer(
        "openai", default=Reply(chunks=ANSWER_CHUNKS, first_token_delay=FIRST_TOKEN_S, chunk_delay=CHUNK_DELAY_S)
    )
    await llm.start()
    adapter = OpenAIChatAdapter(model="gpt-bench", base_url=llm.base_url, api_key=FAKE_OPENAI_KEY, rng=random.Random(0))
    key = GatewayKey(
        key_id="bench", digest=key_digest(BENCH_KEY), city="iwamizawa", user="bench", department="総務課", label="bench"
    )
    http = create_gateway(
        gate=gate, adapter=adapter, records=records, keys=GatewayKeys([key]), rate_per_minute=0, limits=StreamLimits()
    )
    runner, port = await start_server(build_server(http), "127.0.0.1", 0)
    direct = AsyncOpenAI(api_key=FAKE_OPENAI_KEY, base_url=llm.base_url, max_retries=0)
    through = AsyncOpenAI(api_key=BENCH_KEY, base_url=f"http://127.0.0.1:{port}/v1", max_retries=0)
    model_ms = (FIRST_TOKEN_S + CHUNK_DELAY_S * (len(ANSWER_CHUNKS) - 1)) * 1000
    print(
        f"database: {url.split('://')[0]}   model: first token {FIRST_TOKEN_S * 1000:.0f} ms + "
        f"{len(ANSWER_CHUNKS)} chunks ({model_ms:.0f} ms in all)   earlier turns per request: {args.history}"
    )
    print("load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    try:
        for stream in (False, True):  # warm-up: connections, the gate's first calls
            await measure(through, 2, 4, stream)
            await measure(direct, 2, 4, True)
        for concurrency in args.concurrency:
            requests = max(args.requests, concurrency * 2)
            for stream in (False, True):
                # The fake model always streams (as the gateway's adapter asks it to): the baseline reads it streamed.
                cpu = time.process_time()
                d_first, d_total = await measure(direct, concurrency, requests, True)
                d_cpu, cpu = time.process_time() - cpu, time.process_time()
                g_first, g_total = await measure(through, concurrency, requests, stream)
                g_cpu = time.process_time() - cpu
                mode = "streamed" if stream else "not streamed"
                print(f"\n{concurrency} concurrent, {mode} ({requests} requests each way)")
                if stream:
                    print(row("first chunk", d_first, g_first))
                print(row("whole", d_total, g_total))
                # CPU time of this process (client, gateway, gate thread, fake model) per request: what the
                # gateway costs whatever else the machine is doing.
                print(f"  {'cpu':<12} added per request {(g_cpu - d_cpu) / requests * 1000:6.1f} ms")
        print("\nload average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    finally:
        await direct.close()
        await through.close()
        await http.service.aclose()
        await runner.cleanup()
        await adapter.aclose()
        await llm.stop()
        await records.close()
        gate.close()


if __name__ == "__main__":
    asyncio.run(main())
