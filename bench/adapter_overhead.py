"""How much time the LLM adapter adds beyond the model's own latency, at 1 and at 50 concurrent answers.

    python bench/adapter_overhead.py [--dialect openai|anthropic] [--requests 200]

A fake model (tests/fakes/llm_server.py, real HTTP on 127.0.0.1) answers every request with a
fixed first-token delay and a fixed delay per chunk. The adapter's added time is what was
measured minus those delays: for the first token and for the whole answer. Prints p50/p95/max.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters import ChatMessage, StreamLimits, TextDelta
from adapters.anthropic_messages import AnthropicMessagesAdapter
from adapters.openai_chat import OpenAIChatAdapter
from tests.fakes.llm_server import FakeLLMServer, Reply

FIRST_TOKEN_DELAY = 0.200
CHUNK_DELAY = 0.010
CHUNKS = 30
PROMPT = [
    ChatMessage("system", "あなたは市役所の職員を手伝うアシスタントです。"),
    ChatMessage("user", "【氏名1】様あての、来月の説明会の案内文を300字程度で作ってください。" * 4),
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def one_answer(adapter, limits: StreamLimits) -> tuple[float, float]:
    start = time.perf_counter()
    first = None
    async for event in adapter.stream(PROMPT, limits=limits):
        if isinstance(event, TextDelta) and first is None:
            first = time.perf_counter() - start
        elif not isinstance(event, TextDelta) and not event.complete:
            raise RuntimeError(f"answer not complete: {event.error!r}")
    return first or 0.0, time.perf_counter() - start


async def run(dialect: str, concurrency: int, requests: int) -> dict[str, list[float]]:
    reply = Reply(
        chunks=tuple(f"案内文の{i}番目の断片。" for i in range(CHUNKS)),
        first_token_delay=FIRST_TOKEN_DELAY,
        chunk_delay=CHUNK_DELAY,
    )
    model_first = FIRST_TOKEN_DELAY
    model_total = FIRST_TOKEN_DELAY + (CHUNKS - 1) * CHUNK_DELAY
    async with FakeLLMServer(dialect, default=reply) as server:
        if dialect == "openai":
            adapter = OpenAIChatAdapter(model="bench", base_url=server.base_url, api_key="sk-bench-000000")
        else:
            adapter = AnthropicMessagesAdapter(model="bench", base_url=server.base_url, api_key="sk-ant-bench-0000")
        limits = StreamLimits(first_token_s=30, idle_s=30, total_s=60)
        gate = asyncio.Semaphore(concurrency)
        added_first: list[float] = []
        added_total: list[float] = []

        async def timed() -> None:
            async with gate:
                first, total = await one_answer(adapter, limits)
            added_first.append(first - model_first)
            added_total.append(total - model_total)

        await one_answer(adapter, limits)  # warm the connection pool
        await asyncio.gather(*(timed() for _ in range(requests)))
        await adapter.aclose()
        assert len(server.requests) == requests + 1, "lost or duplicated requests"
    return {"first token": added_first, "whole answer": added_total}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dialect", choices=["openai", "anthropic"], default="openai")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    print(
        f"fake {args.dialect} model: first token {FIRST_TOKEN_DELAY * 1000:.0f} ms, "
        f"{CHUNKS} chunks {CHUNK_DELAY * 1000:.0f} ms apart; {args.requests} answers per run"
    )
    print(f"{'concurrency':>11}  {'added time':<13} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for concurrency in (1, 50):
        results = await run(args.dialect, concurrency, args.requests)
        for label, values in results.items():
            print(
                f"{concurrency:>11}  {label:<13} {statistics.median(values) * 1000:>8.1f} "
                f"{percentile(values, 0.95) * 1000:>8.1f} {max(values) * 1000:>8.1f}"
            )


if __name__ == "__main__":
    asyncio.run(main())
