#!/usr/bin/env python3
"""How fast is the gate, next to plain Presidio on the same model?  Prints numbers; asserts nothing.

    python bench/gate_speed.py                  # pins itself to one CPU core
    python bench/gate_speed.py --short 100 --medium 50 --long 10 --no-plain

Per message p50/p95 for short (≤100 characters), medium (~500) and long (~4,000) prompts built from the labelled
corpus (bench/data/prompts.jsonl) and, where present, stockmark Wikipedia sentences from ../shared/data/
(CC BY-SA 3.0; read, not copied).  Cold start (importing and loading, in a fresh interpreter) and peak RSS are
measured in subprocesses, one per engine, so neither engine's memory is counted in the other's.
The baseline is Presidio's AnalyzerEngine on ja_ginza with its default recognizers and a GiNZA label mapping
(bench/plain_presidio.py).  After warm-up everything loaded is frozen out of the garbage collector's sight, as
`serve` does (bot/startup.py): otherwise each full collection walks all three engines' models (~1 GB) and its
cost lands on whichever engine is being timed (medium gate-off p50 ~15 ms instead of ~10; --no-freeze shows it).
"""

from __future__ import annotations

import os

# One core means one thread: set before numpy/thinc are imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.prompt_corpus import load_prompts  # noqa: E402
from bench.speed_corpus import build_texts, load_sentences, percentile  # noqa: E402

DEFAULT_DATA_DIR = ROOT.parent / "shared" / "data"


def pin_to_one_core() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this platform): numbers are multi-core"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu} (sched_setaffinity, like taskset -c {cpu}); BLAS/OpenMP threads = 1"


def time_each(run: Callable[[str], Any], texts: list[str]) -> dict[str, float]:
    times = []
    for text in texts:
        start = time.perf_counter()
        run(text)
        times.append(time.perf_counter() - start)
    times.sort()
    return {
        "n": len(times),
        "p50_ms": 1000 * percentile(times, 0.50),
        "p95_ms": 1000 * percentile(times, 0.95),
        "mean_ms": 1000 * sum(times) / len(times),
        "max_ms": 1000 * times[-1],
        "mean_chars": sum(len(t) for t in texts) / len(texts),
    }


# Run in a fresh interpreter: import + load, one check per size, then the process's peak RSS.
_COLD_START = r"""
import json, resource, sys, time
t0 = time.perf_counter()
engine = sys.argv[1]
if engine.startswith("gate"):  # gate-off / gate-full: the NER mode comes in AIGATE_NER
    from bot.gate.gate import load_gate
    from bot.gate.types import Request
    gate = load_gate()
    gate.policies.compile_patterns()  # as `serve` does at start-up (bot/startup.py)
    run = lambda text: gate.check(Request(text=text, city="niiza"))
else:
    from bench.plain_presidio import analyze, build_plain_analyzer
    analyzer = build_plain_analyzer()
    run = lambda text: analyze(analyzer, text)
t1 = time.perf_counter()
texts = json.loads(sys.stdin.read())
run(texts[0])
t2 = time.perf_counter()
for text in texts[1:]:
    run(text)
print(json.dumps({"load_s": t1 - t0, "first_call_s": t2 - t1,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def cold_start(engine: str, sample: list[str]) -> dict[str, float] | None:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    if engine.startswith("gate-"):
        env["AIGATE_NER"] = engine.removeprefix("gate-")
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _COLD_START, engine],
        input=json.dumps(sample),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        print(f"cold start of {engine} failed:\n{proc.stderr[-2000:]}")
        return None
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_wall_s"] = wall
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="ゲートの速度（p50/p95・起動時間・メモリ）を素の Presidio と比べて表示します。"
    )
    parser.add_argument("--short", type=int, default=200, help="number of short prompts (≤100 characters)")
    parser.add_argument("--medium", type=int, default=100, help="number of ~500-character prompts")
    parser.add_argument("--long", type=int, default=20, help="number of ~4,000-character prompts")
    parser.add_argument("--warmup", type=int, default=10, help="untimed calls per engine before timing")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain Presidio baseline")
    parser.add_argument(
        "--ner",
        choices=("off", "full", "both"),
        default="both",
        help="the gate's NER mode(s) to time (AIGATE_NER; the shipped default is off)",
    )
    parser.add_argument(
        "--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="folder holding stockmark-ner-wikipedia/"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers to this JSON file")
    parser.add_argument(
        "--no-freeze",
        action="store_true",
        help="leave the loaded models to the garbage collector (the server freezes them: bot/startup.py)",
    )
    args = parser.parse_args(argv)

    try:
        from bot.gate.gate import load_gate
        from bot.gate.nlp_engine import NerMode
    except ImportError as exc:
        raise SystemExit(f"the gate (bot.gate.load_gate) is not importable: {exc}") from exc
    from bot.gate.types import Request

    print(pin_to_one_core())
    if hasattr(os, "getloadavg"):  # other work on the machine makes every number below noisier
        print(f"load average at start: {os.getloadavg()[0]:.2f} over {os.cpu_count()} CPUs")
    prompts = [p.text for p in load_prompts()]
    texts = build_texts(
        prompts,
        load_sentences(args.data_dir),
        {"short": args.short, "medium": args.medium, "long": args.long},
        args.seed,
    )
    sample = [texts["short"][0], texts["medium"][0], texts["long"][0]]

    modes = ("off", "full") if args.ner == "both" else (args.ner,)
    engines = [f"gate-{mode}" for mode in modes] + ([] if args.no_plain else ["plain"])
    results: dict[str, Any] = {"cold_start": {}, "timing": {}}
    print(
        "\n== cold start (fresh interpreter: import + load, the gate's rule patterns compiled as serve does;"
        " then one call of each size) =="
    )
    for engine in engines:
        cold = cold_start(engine, sample)
        results["cold_start"][engine] = cold
        if cold:
            print(
                f"{engine:10} load {cold['load_s']:.2f} s, first call {1000 * cold['first_call_s']:.0f} ms, "
                f"whole process {cold['process_wall_s']:.2f} s, peak RSS {cold['peak_rss_mb']:.0f} MB"
            )

    runners: dict[str, Callable[[str], Any]] = {}

    for mode in modes:
        gate = load_gate(ner_mode=NerMode(mode))
        # As `serve` does at start-up (bot/startup.py): otherwise the first text to reach each rule pays for
        # compiling its patterns (0.2–0.4 s a rule), inside the timed loop.
        compiled = gate.policies.compile_patterns()
        print(f"gate-{mode}: rule patterns of {compiled} rule matches compiled after loading, as serve does")
        runners[f"gate-{mode}"] = lambda text, gate=gate: gate.check(Request(text=text, city="niiza", platform="bench"))
    # The learned rule layer alone (bot/gate/intent), already inside every gate-* row: its share of the cost.
    from bot.gate.intent import load_intent_model

    intent = load_intent_model()
    runners["classifier"] = intent.scores
    if not args.no_plain:
        from bench.plain_presidio import analyze, build_plain_analyzer

        analyzer = build_plain_analyzer()
        runners["plain"] = lambda text: analyze(analyzer, text)

    for run in runners.values():  # warm up: first calls build caches and page in the model
        for text in texts["short"][: args.warmup] + texts["medium"][:2] + texts["long"][:1]:
            run(text)
    if not args.no_freeze:
        # As `serve` does after start-up: otherwise every full collection walks every loaded model (all engines
        # above: ~1 GB of objects), a cost the server does not pay, that lands on whichever engine is timed.
        from bot.startup import freeze_start_up_objects

        freeze_start_up_objects()
    print("loaded objects frozen (gc.freeze, as bot/startup.py)" if not args.no_freeze else "gc as started (no freeze)")

    print("\n== per message, warm, one core ==")
    print(f"{'size':7} {'engine':10} {'n':>4} {'chars':>6} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8} {'max ms':>8}")
    for size in ("short", "medium", "long"):
        results["timing"][size] = {}
        for name, run in runners.items():
            r = time_each(run, texts[size])
            results["timing"][size][name] = r
            print(
                f"{size:7} {name:10} {r['n']:4d} {r['mean_chars']:6.0f} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} "
                f"{r['mean_ms']:8.1f} {r['max_ms']:8.1f}"
            )
        c = results["timing"][size]["classifier"]
        for mode in modes:
            g = results["timing"][size][f"gate-{mode}"]
            print(f"{size:7} {'share':10} classifier/gate-{mode} p50 {c['p50_ms'] / g['p50_ms']:.3f}")
        if "plain" in runners:
            p = results["timing"][size]["plain"]
            for mode in modes:
                g = results["timing"][size][f"gate-{mode}"]
                p50_ratio, p95_ratio = g["p50_ms"] / p["p50_ms"], g["p95_ms"] / p["p95_ms"]
                print(f"{size:7} {'ratio':10} gate-{mode}/plain p50 {p50_ratio:.2f}, p95 {p95_ratio:.2f}")

    if hasattr(os, "getloadavg"):
        print(f"\nload average at end: {os.getloadavg()[0]:.2f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results["this_process_peak_rss_mb"] = rss
    print(f"\npeak RSS of this process (every engine above loaded at once): {rss:.0f} MB")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
