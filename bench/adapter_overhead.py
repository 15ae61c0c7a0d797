"""How much time the LLM adapter adds beyond the model's own latency, at 1 and at 50 concurrent answers —
the SDK-based adapters ("after") against the raw-HTTP adapters they replaced ("before"), in the same run.

    python bench/adapter_overhead.py [--dialect openai|azure|anthropic|bedrock|vertex] [--rounds 2]

A fake model (tests/fakes/llm_server.py, real HTTP on 127.0.0.1) answers every request with a
fixed first-token delay and a fixed delay per chunk. The adapter's added time is what was measured
minus those delays: for the first token and for the whole answer. Prints p50/p95/max per variant and
the p95 difference after − before; the budget is 5 ms per answer.

"before" is the adapters/ directory of the last commit that still had the raw-HTTP adapters
(found with git: the parent of the commit that removed adapters/http_sse.py), extracted to a
temporary directory and imported in its own process; it speaks only openai and anthropic.

Fairness: the fake model runs in its own process, one server for the whole run, so both variants
talk to the same server and the measured process holds only the adapter (its event loop is not
shared with the server's 3,000 chunk writes a second at 50 streams, and "CPU/answer" is the
adapter's alone). Each variant runs in a fresh process; the variants alternate in the order
ABBA, ABBA … for `--rounds` rounds and the samples are pooled. Every worker first warms up with as
many parallel answers as it will run (connections open, SDK platform probe and imports done), then
freezes the import-time objects (gc.freeze), as a long-running server would: the SDKs bring 214,000
of them against 28,000 for the raw-HTTP adapters, and a full collection over them (70-110 ms on a
busy machine) that falls into the first 50 answers delays every one of them (`--gc` keeps that in).
The load average is printed before and after: compare runs only at a similar load.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import io
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_TOKEN_DELAY = 0.200
CHUNK_DELAY = 0.010
CHUNKS = 30
BUDGET_MS = 5.0
RAW_HTTP_DIALECTS = ("openai", "anthropic")
FAKE_AWS = {
    "AWS_ACCESS_KEY_ID": "AKIABENCH000000000",
    "AWS_SECRET_ACCESS_KEY": "bench-secret-0000000000000000000000000",
    "AWS_CONFIG_FILE": "/nonexistent",
    "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
    "AWS_EC2_METADATA_DISABLED": "true",
}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# -- the worker: one variant, one concurrency, in its own process ------------------------------------
def make_adapter(dialect: str, base_url: str):
    if dialect == "openai":
        from adapters.openai_chat import OpenAIChatAdapter

        return OpenAIChatAdapter(model="bench", base_url=base_url, api_key="sk-bench-000000")
    if dialect == "anthropic":
        from adapters.anthropic_messages import AnthropicMessagesAdapter

        return AnthropicMessagesAdapter(model="bench", base_url=base_url, api_key="sk-ant-bench-0000")
    if dialect == "azure":
        from adapters.azure_openai import AzureOpenAIAdapter

        return AzureOpenAIAdapter(deployment="bench", endpoint=base_url, api_version="2024-10-21", api_key="k-bench")
    if dialect == "bedrock":
        from adapters.bedrock import BedrockAdapter

        return BedrockAdapter(model="jp.anthropic.bench-v1:0", region="ap-northeast-1", base_url=base_url)
    from adapters.vertex import VertexAdapter

    return VertexAdapter(
        model="bench@1", region="asia-northeast1", project_id="bench", base_url=base_url, access_token="ya29.bench"
    )


def bench_reply():
    from tests.fakes.llm_server import Reply

    return Reply(
        chunks=tuple(f"案内文の{i}番目の断片。" for i in range(CHUNKS)),
        first_token_delay=FIRST_TOKEN_DELAY,
        chunk_delay=CHUNK_DELAY,
    )


async def measure(
    dialect: str, base_url: str, concurrency: int, requests: int, freeze_gc: bool = True
) -> dict[str, list[float]]:
    from adapters import ChatMessage, StreamEnd, StreamLimits, TextDelta

    prompt = [
        ChatMessage("system", "あなたは市役所の職員を手伝うアシスタントです。"),
        ChatMessage("user", "【氏名1】様あての、来月の説明会の案内文を300字程度で作ってください。" * 4),
    ]
    model_first = FIRST_TOKEN_DELAY
    model_total = FIRST_TOKEN_DELAY + (CHUNKS - 1) * CHUNK_DELAY

    async def one_answer(adapter, limits) -> tuple[float, float]:
        start = time.perf_counter()
        first = None
        texts = 0
        async for event in adapter.stream(prompt, limits=limits):
            if isinstance(event, TextDelta):
                texts += 1
                if first is None:
                    first = time.perf_counter() - start
            elif isinstance(event, StreamEnd) and (not event.complete or event.attempts != 1):
                raise RuntimeError(f"answer not complete in one attempt: {event!r}")
        if texts != CHUNKS:
            raise RuntimeError(f"{texts} chunks instead of {CHUNKS}")
        return first or 0.0, time.perf_counter() - start

    adapter = make_adapter(dialect, base_url)
    limits = StreamLimits(first_token_s=30, idle_s=30, total_s=60)
    gate = asyncio.Semaphore(concurrency)
    added_first: list[float] = []
    added_total: list[float] = []

    async def timed() -> None:
        async with gate:
            first, total = await one_answer(adapter, limits)
        added_first.append(first - model_first)
        added_total.append(total - model_total)

    await one_answer(adapter, limits)  # imports, the SDK's platform probe (in a thread, once)
    await asyncio.gather(*(one_answer(adapter, limits) for _ in range(concurrency)))  # open the connections
    if freeze_gc:
        # What a long-running server does after start-up: the import-time objects (214,000 with the
        # SDKs, 28,000 without) leave the collector's generations, so a full collection no longer
        # walks them. Unfrozen, one takes 70-110 ms on a busy 2-core machine, and the answers
        # streaming meanwhile all wait (`--gc` measures that).
        gc.collect()
        gc.freeze()
    cpu = time.process_time()
    await asyncio.gather(*(timed() for _ in range(requests)))
    cpu_per_answer = (time.process_time() - cpu) / requests
    await adapter.aclose()
    # CPU of the adapter's process per answer (the server runs elsewhere): unlike the latencies, it
    # hardly depends on what else the machine is running.
    return {"first token": added_first, "whole answer": added_total, "cpu": [cpu_per_answer]}


def worker(args: argparse.Namespace) -> None:
    if args.adapters_root:
        sys.path.insert(0, args.adapters_root)  # "before": its adapters/ shadows the working tree's
    os.environ.update(FAKE_AWS)
    results = asyncio.run(measure(args.dialect, args.base_url, args.concurrency, args.requests, not args.gc))
    print(json.dumps(results))


def serve(dialect: str) -> None:
    """The fake model in its own process: prints its base URL, serves until SIGTERM."""
    from tests.fakes.llm_server import FakeLLMServer

    async def run() -> None:
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        async with FakeLLMServer(dialect, default=bench_reply()) as server:
            print(server.base_url, flush=True)
            await stop.wait()

    asyncio.run(run())


class ServerProcess:
    def __init__(self, dialect: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, __file__, "--serve", "--dialect", dialect]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        assert self.process.stdout is not None
        self.base_url = self.process.stdout.readline().strip()
        if not self.base_url:
            raise SystemExit("the fake model did not start")

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def cpu_seconds(self) -> float:
        """CPU time the fake model has used so far (Linux /proc; 0 elsewhere)."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# -- the driver ----------------------------------------------------------------------------------------
def before_tree(ref: str | None) -> tuple[str, str]:
    """Extract adapters/ of `ref` (default: the last raw-HTTP commit); returns (commit, directory)."""
    git = ["git", "-C", str(ROOT)]
    if ref is None:
        removed = subprocess.run(
            [*git, "rev-list", "-1", "HEAD", "--", "adapters/http_sse.py"], capture_output=True, text=True, check=True
        ).stdout.strip()
        ref = f"{removed}^" if removed else "HEAD"
    commit = subprocess.run([*git, "rev-parse", "--short", ref], capture_output=True, text=True, check=True).stdout
    archive = subprocess.run([*git, "archive", ref, "adapters"], capture_output=True, check=True).stdout
    directory = tempfile.mkdtemp(prefix="aigate-adapters-before-")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(directory, filter="data")
    return commit.strip(), directory


def run_variant(
    dialect: str, base_url: str, concurrency: int, requests: int, root: str | None, keep_gc: bool
) -> dict[str, list[float]]:
    command = [
        sys.executable,
        __file__,
        "--worker",
        "--dialect",
        dialect,
        "--base-url",
        base_url,
        "--concurrency",
        str(concurrency),
        "--requests",
        str(requests),
    ]
    if root:
        command += ["--adapters-root", root]
    if keep_gc:
        command.append("--gc")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dialect", choices=["openai", "azure", "anthropic", "bedrock", "vertex"], default="openai")
    parser.add_argument("--serial-requests", type=int, default=60, help="answers per round at concurrency 1")
    parser.add_argument("--requests", type=int, default=200, help="answers per round at concurrency 50")
    parser.add_argument("--rounds", type=int, default=2, help="ABBA rounds: each variant runs 2 × rounds times")
    parser.add_argument("--before-ref", default=None, help="git ref of the raw-HTTP adapters (default: found)")
    parser.add_argument(
        "--also-ref", action="append", default=[], help="also measure adapters/ of this git ref (repeatable)"
    )
    parser.add_argument(
        "--gc", action="store_true", help="leave the import-time objects to the collector (no gc.freeze)"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--base-url", default="", help=argparse.SUPPRESS)
    parser.add_argument("--concurrency", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--adapters-root", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    if args.serve:
        serve(args.dialect)
        return

    variants: list[tuple[str, str | None]] = [("after (SDK)", None)]
    for ref in args.also_ref:  # e.g. an earlier SDK version of the adapters, between before and after
        commit, directory = before_tree(ref)
        variants.insert(0, (f"SDK at {commit}", directory))
    if args.dialect in RAW_HTTP_DIALECTS:
        commit, directory = before_tree(args.before_ref)
        variants.insert(0, (f"before ({commit})", directory))
    print(
        f"fake {args.dialect} model (own process): first token {FIRST_TOKEN_DELAY * 1000:.0f} ms, {CHUNKS} chunks "
        f"{CHUNK_DELAY * 1000:.0f} ms apart; {args.rounds} ABBA rounds, each variant in fresh processes; "
        + ("garbage collector as started" if args.gc else "import-time objects frozen (gc.freeze) after warm-up")
    )
    print("load average at start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    try:
        with ServerProcess(args.dialect) as server:
            report(args, server, variants)
    finally:
        for _, directory in variants:
            if directory:
                shutil.rmtree(directory, ignore_errors=True)
    print("load average at end:   {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


def report(args: argparse.Namespace, server: ServerProcess, variants: list[tuple[str, str | None]]) -> None:
    print(f"{'concurrency':>11}  {'variant':<20} {'added time':<13} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for concurrency, requests in ((1, args.serial_requests), (50, args.requests)):
        pooled: dict[str, dict[str, list[float]]] = {name: {} for name, _ in variants}
        pooled_cpu: dict[str, list[float]] = {name: [] for name, _ in variants}
        for _ in range(args.rounds):
            for name, root in [*variants, *reversed(variants)]:  # ABBA: drift in the load cancels out
                server_cpu = server.cpu_seconds()
                for label, values in run_variant(
                    args.dialect, server.base_url, concurrency, requests, root, args.gc
                ).items():
                    pooled[name].setdefault(label, []).extend(values)
                pooled[name].setdefault("server cpu", []).append(server.cpu_seconds() - server_cpu)
        for name, _ in variants:
            cpu = pooled_cpu[name] = pooled[name].pop("cpu")
            median_cpu = statistics.median(cpu) * 1000
            print(f"{concurrency:>11}  {name:<20} {'CPU/answer':<13} {len(cpu):>5} {median_cpu:>8.2f}")
            # the model's CPU per answer (warm-up included): the same for both variants when the bench is fair
            model_cpu = sum(pooled[name].pop("server cpu")) / (len(cpu) * (requests + 1 + concurrency)) * 1000
            print(f"{concurrency:>11}  {name:<20} {'model CPU':<13} {len(cpu):>5} {model_cpu:>8.2f}")
            for label, values in pooled[name].items():
                p50, p95, worst = (x * 1000 for x in (statistics.median(values), percentile(values, 0.95), max(values)))
                row = f"{concurrency:>11}  {name:<20} {label:<13} {len(values):>5}"
                print(f"{row} {p50:>8.1f} {p95:>8.1f} {worst:>8.1f}")
        if len(variants) < 2 or not variants[0][0].startswith("before"):
            continue
        before_name = variants[0][0]
        before = pooled[before_name]["whole answer"]
        cpu_before = statistics.median(pooled_cpu[before_name])
        for name, _ in variants[1:]:
            after = pooled[name]["whole answer"]
            delta = (percentile(after, 0.95) - percentile(before, 0.95)) * 1000
            verdict = "within" if delta <= BUDGET_MS else "OVER"
            label = f"{concurrency:>11}  {name}"
            print(f"{label}: p95 whole answer − before: {delta:+.1f} ms ({verdict} the {BUDGET_MS:g} ms budget)")
            cpu_delta = (statistics.median(pooled_cpu[name]) - cpu_before) * 1000
            print(f"{label}: CPU per answer − before: {cpu_delta:+.2f} ms")


if __name__ == "__main__":
    main()
