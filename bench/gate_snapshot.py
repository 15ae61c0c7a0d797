#!/usr/bin/env python3
"""Did a change that should change nothing change a decision?  Records the gate's whole output, then compares.

    python bench/gate_snapshot.py record /tmp/before.json    # in the checkout before the change (copy the script)
    python bench/gate_snapshot.py record /tmp/after.json     # in the checkout after it
    python bench/gate_snapshot.py compare /tmp/before.json /tmp/after.json   # exit 1 and the first differences
    python bench/gate_snapshot.py record /tmp/full.json --ner full --cities iwamizawa niiza

For refactors and speed work. `record` runs the gate on every prompt of bench/data/prompts*.jsonl (the held-out
sets are only run, never read or printed by this script) for each city, plus the texts of the speed benchmark
(bench/speed_corpus.py, with the stockmark sentences where present), and keeps everything a caller sees: action,
redacted text, findings (type, span, score, recognizer, masked), violations (rule, action, article, message,
recognizer, score), use category, policy version, and the output scan of each text. `compare` reports how many
entries differ; the snapshot files hold prompt text, so write them outside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.prompt_corpus import CITIES  # noqa: E402
from bench.speed_corpus import build_texts, load_sentences  # noqa: E402

DEFAULT_DATA_DIR = ROOT.parent / "shared" / "data"
SPEED_SIZES = {"short": 200, "medium": 100, "long": 20}  # bench/gate_speed.py's defaults
SPEED_SEED = 7


def _texts(data_dir: Path) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    for path in sorted((ROOT / "bench" / "data").glob("prompts*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                items.append((f"{path.name}:{row['id']}", row["text"]))
    prompts = [text for key, text in items if key.startswith("prompts.jsonl:")]
    speed = build_texts(prompts, load_sentences(data_dir), SPEED_SIZES, SPEED_SEED)
    for size, group in speed.items():
        items.extend((f"speed:{size}:{i}", text) for i, text in enumerate(group))
    return items


def _findings(findings: Any) -> list[list[Any]]:
    return [[f.entity_type, f.start, f.end, repr(f.score), f.recognizer, f.masked] for f in findings]


def _decision(decision: Any) -> dict[str, Any]:
    return {
        "action": str(decision.action),
        "redacted": decision.redacted_text,
        "findings": _findings(decision.findings),
        "violations": [
            [v.rule_id, str(v.action), v.article, v.message, v.recognizer, repr(v.score)] for v in decision.violations
        ],
        "use_category": str(decision.use_category),
        "policy_version": decision.policy_version,
        "city_name": decision.city_name,
    }


def record(out: Path, ner: str, cities: list[str], data_dir: Path) -> int:
    from bot.gate.gate import load_gate
    from bot.gate.nlp_engine import NerMode
    from bot.gate.types import Request

    gate = load_gate(ner_mode=NerMode(ner))
    items = _texts(data_dir)
    results: dict[str, Any] = {}
    started = time.perf_counter()
    for key, text in items:
        for city in cities:
            try:
                results[f"{key}|{city}"] = _decision(gate.check(Request(text=text, city=city)))
            except Exception as exc:  # a gate error is an output too
                results[f"{key}|{city}"] = {"error": f"{type(exc).__name__}: {exc}"}
        redacted, findings = gate.scan_output(text, cities[0])
        results[f"{key}|scan_output"] = {"redacted": redacted, "findings": _findings(findings)}
    out.write_text(
        json.dumps({"ner": ner, "cities": cities, "results": results}, ensure_ascii=False, sort_keys=True),
        encoding="utf-8",
    )
    print(f"{len(items)} texts × {len(cities)} cities in {time.perf_counter() - started:.0f} s → {out}")
    return 0


def compare(before: Path, after: Path, show: int) -> int:
    a = json.loads(before.read_text(encoding="utf-8"))["results"]
    b = json.loads(after.read_text(encoding="utf-8"))["results"]
    missing = sorted(set(a) ^ set(b))
    differ = [k for k in a if k in b and a[k] != b[k]]
    print(f"{len(a)} / {len(b)} entries; {len(missing)} in one file only; {len(differ)} differ")
    for key in (missing + differ)[:show]:
        print(f"- {key}\n  before: {json.dumps(a.get(key), ensure_ascii=False)[:400]}")
        print(f"  after:  {json.dumps(b.get(key), ensure_ascii=False)[:400]}")
    return 1 if missing or differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="ゲートの出力を記録し、変更の前後で1バイトでも違うかを比べます。")
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="run the gate on every corpus text and write its output")
    rec.add_argument("out", type=Path)
    rec.add_argument("--ner", choices=("off", "full"), default=os.environ.get("AIGATE_NER") or "off")
    rec.add_argument("--cities", nargs="+", choices=CITIES, default=list(CITIES))
    rec.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="folder holding stockmark-ner-wikipedia/")
    cmp = sub.add_parser("compare", help="compare two recordings")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    cmp.add_argument("--show", type=int, default=10, help="differences to print")
    args = parser.parse_args(argv)
    if args.command == "record":
        return record(args.out, args.ner, args.cities, args.data_dir)
    return compare(args.before, args.after, args.show)


if __name__ == "__main__":
    raise SystemExit(main())
