#!/usr/bin/env python3
"""The learned layer's second opinion on YAML hits: what it would have changed on first runs.  Prints; asserts nothing.

    python bench/rule_veto.py
    python bench/rule_veto.py --floors 0.02 0.05 0.1

`bench/data/first_runs.jsonl` holds the gate's decisions on held-out sets 122–131 as their first runs printed them,
each at the commit that was measured (every prompt-city decision that stopped something, or should have; the
harmless ones it let through are left out). They are the validation split of `bot/gate/rules.py`'s RULE_VETO_FLOOR:
for each floor, the YAML hits of a kind whose classifier scores the prompt below it are dropped, and the decision is
taken again from what is left. Printed per kind (every classifier kind, shipped or not) and for the shipped setting
(RULE_VETO_KINDS, the length and language condition): harmless prompts no longer stopped, and right decisions lost.
The prompts' texts are read from the corpora (bench/data/prompts_holdout*.jsonl); the scores come from the shipped
classifier artifact, so the table moves when the artifact is retrained.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.prompt_corpus import SEVERITY, load_prompts  # noqa: E402

FIRST_RUNS = ROOT / "bench" / "data" / "first_runs.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--floors", type=float, nargs="+", default=[0.01, 0.02, 0.05, 0.1, 0.2])
    args = parser.parse_args(argv)

    from bot.gate.canonical import canonical_text
    from bot.gate.intent.model import load_intent_model
    from bot.gate.policy import PolicyBook
    from bot.gate.rule_reading import for_rules
    from bot.gate.rules import RULE_VETO_FLOOR, RULE_VETO_KINDS, first_line, vetoed_rule_hits
    from bot.gate.types import Action, Violation

    rows = [json.loads(line) for line in FIRST_RUNS.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = {row["id"] for row in rows}
    texts: dict[str, str] = {}
    for path in sorted((ROOT / "bench" / "data").glob("prompts_holdout*.jsonl")):
        texts.update((p.id, p.text) for p in load_prompts(path) if p.id in wanted)
    missing = wanted - texts.keys()
    if missing:
        raise SystemExit(f"{len(missing)} prompts of first_runs.jsonl are in no corpus, e.g. {sorted(missing)[:3]}")

    model = load_intent_model()
    policies = PolicyBook.load()
    views = {pid: for_rules(canonical_text(text), text) for pid, text in texts.items()}  # as the gate reads
    scores = {pid: model.scores(view) for pid, view in views.items()}
    heads = {pid: model.scores(head) for pid, view in views.items() if (head := first_line(view)) is not None}
    harmless_stops = sum(1 for r in rows if r["kind"] == "harmless" and r["got"] != "allow")
    right = sum(1 for r in rows if r["kind"] != "harmless" and r["got"] == r["expect"])
    print(
        f"{len(rows)} first-run decisions of {len({r['id'] for r in rows})} prompts (sets 122–131); "
        f"{harmless_stops} harmless prompt-city decisions stopped, {right} right decisions on prohibited prompts"
    )

    def rerun(row: dict, floor: float, kinds: frozenset[str]) -> str:
        policy = policies.get(row["city"])
        hits = [Violation(rule, Action(action), "", "", recognizer) for rule, recognizer, action in row["violations"]]
        dropped = vetoed_rule_hits(
            policy, hits, views[row["id"]], scores[row["id"]], floor, kinds, head_scores=heads.get(row["id"])
        )
        kept = [v for v in hits if v not in dropped]
        return max((str(v.action) for v in kept), key=SEVERITY.__getitem__, default="allow")

    def effect(floor: float, kinds: frozenset[str]) -> tuple[int, int, Counter[str]]:
        fixed, lost, lost_kinds = 0, 0, Counter()
        for row in rows:
            if not any(v[1] == "rule" for v in row["violations"]):
                continue
            got = rerun(row, floor, kinds)
            if row["kind"] == "harmless" and row["got"] != "allow" and got == "allow":
                fixed += 1
            if row["kind"] != "harmless" and row["got"] == row["expect"] and got != row["expect"]:
                lost += 1
                lost_kinds[row["kind"]] += 1
        return fixed, lost, lost_kinds

    print("\nper classifier kind (that kind's YAML hits only): harmless stops let through / right decisions lost")
    header = "  kind                 " + "".join(f"{f'< {floor:g}':>12}" for floor in args.floors)
    print(header)
    for kind in model.kinds:
        cells = []
        for floor in args.floors:
            fixed, lost, _ = effect(floor, frozenset({kind}))
            cells.append(f"{fixed:>7} / {lost:<2}")
        print(f"  {kind:<20} " + "".join(f"{c:>12}" for c in cells))
    fixed, lost, lost_kinds = effect(RULE_VETO_FLOOR, RULE_VETO_KINDS)
    print(
        f"\nshipped (< {RULE_VETO_FLOOR:g} on {len(RULE_VETO_KINDS)} kinds): {fixed} of {harmless_stops} harmless "
        "stops "
        f"let through, {lost} of {right} right decisions lost {dict(lost_kinds) or ''}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
