#!/usr/bin/env python3
"""Does the gate still mask an identifier written a little differently?  Prints numbers; asserts nothing.

    python bench/gate_evasion.py                     # every type × perturbation, 6 identifiers each
    python bench/gate_evasion.py --per-pair 20 --json bench/out/evasion.json

The corpus is generated (bench/identifiers.py: `generate_evasion_cases`, seeded): valid identifiers (check digits
right) in the sentences a clerk writes, then perturbed — invisible characters (U+200B, U+2060, U+FEFF, soft
hyphen …) anywhere inside, spaces between every digit or at random, dots, a line break, some or all digits in
kanji (〇一二…) or read aloud in kana (ゼロキュー…), mixed full/half width, dash look-alikes, groups split by
/ or ・ or (in kanji) の, several at once; e-mail addresses with the @ and the dot spelt out (at/dot, (at)/[dot],
[.], アットマーク/あっと/ドット, ＠, spaces, a line break).

For each type and perturbation it prints
- recall: the share of identifiers whose every identifier character (digit, letter, kanji digit) is inside a
  masked finding — so nothing of it reaches the model;
- left: identifier characters left in `redacted`, summed over the cases (target 0);
- for マイナンバー introduced by a word that says what it is (個人番号, マイナンバーカード …), how many were blocked
  (特定個人情報); a bare 「番号…の方」 is masked but not blocked.
Then the negatives: sentences with dates, amounts, table columns and public office numbers that must not be
glued into an identifier or masked.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.identifiers import (  # noqa: E402
    EMAIL_PERTURBATIONS,
    EVASION_NEGATIVES,
    EVASION_TYPES,
    NEGATIVES,
    NUMBER_PERTURBATIONS,
    generate_evasion_cases,
)


def identifier_positions(text: str, start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if text[i].isalnum()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--city", default="niiza")
    parser.add_argument("--seed", type=int, default=20251202)
    parser.add_argument("--per-pair", type=int, default=6, help="identifiers per (type, perturbation)")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--show", type=int, default=3, help="examples of misses to print per type")
    args = parser.parse_args(argv)

    from bot.gate.gate import load_gate
    from bot.gate.recognizers.identifiers import MyNumberRecognizer
    from bot.gate.types import Action, Request

    my_number_words = MyNumberRecognizer.CONTEXT

    print("loading the gate …", file=sys.stderr)
    gate = load_gate()
    cases = generate_evasion_cases(args.seed, args.per_pair)

    found: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])  # n, masked whole, chars left
    blocked = [0, 0]
    misses: dict[str, list[str]] = defaultdict(list)
    for case in cases:
        decision = gate.check(Request(text=case.text, city=args.city, platform="bench"))
        covered = {i for f in decision.findings if f.masked for i in range(f.start, f.end)}
        span = case.spans[0]
        left = [i for i in identifier_positions(case.text, span.start, span.end) if i not in covered]
        cell = found[(case.entity_type, case.variant)]
        cell[0] += 1
        cell[1] += not left
        cell[2] += len(left)
        if left and len(misses[case.entity_type]) < args.show:
            misses[case.entity_type].append(f"{case.variant}: {case.text!r} -> {decision.redacted_text!r}")
        if case.entity_type == "JP_MY_NUMBER" and any(w in case.text for w in my_number_words):
            blocked[0] += 1
            blocked[1] += decision.action is Action.BLOCK

    perturbations = list(dict.fromkeys(NUMBER_PERTURBATIONS + EMAIL_PERTURBATIONS))
    print(f"\n== evasion corpus: {len(cases)} sentences, city {args.city}, seed {args.seed} ==")
    print("recall (identifier masked whole) per type and perturbation; 'left' = identifier characters in `redacted`")
    header = f"{'type':20}" + "".join(f"{p[:12]:>13}" for p in perturbations) + f"{'all':>8}{'left':>6}"
    print(header)
    out: dict[str, Any] = {"cases": len(cases), "types": {}}
    total = [0, 0, 0]
    by_perturbation: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for entity_type in EVASION_TYPES:
        row = f"{entity_type:20}"
        sums = [0, 0, 0]
        cells = {}
        for p in perturbations:
            cell = found.get((entity_type, p))
            if not cell:
                row += f"{'':>13}"
                continue
            row += f"{cell[1] / cell[0]:>13.3f}"
            cells[p] = {"n": cell[0], "recall": cell[1] / cell[0], "chars_left": cell[2]}
            for k in range(3):
                sums[k] += cell[k]
                total[k] += cell[k]
                by_perturbation[p][k] += cell[k]
        row += f"{sums[1] / sums[0]:>8.3f}{sums[2]:>6d}"
        print(row)
        out["types"][entity_type] = {"n": sums[0], "recall": sums[1] / sums[0], "chars_left": sums[2], **cells}
    row = f"{'all types':20}"
    for p in perturbations:
        cell = by_perturbation[p]
        row += f"{cell[1] / cell[0]:>13.3f}" if cell[0] else f"{'':>13}"
    print(row + f"{total[1] / total[0]:>8.3f}{total[2]:>6d}")
    out["all"] = {"n": total[0], "recall": total[1] / total[0], "chars_left": total[2]}
    print(f"\nマイナンバー introduced by a word for it, blocked (特定個人情報): {blocked[1]}/{blocked[0]}")
    out["my_number_blocked"] = {"n": blocked[0], "blocked": blocked[1]}
    if misses:
        print("\nmisses (original -> redacted):")
        for entity_type, examples in misses.items():
            for example in examples:
                print(f"  {entity_type} {example}")

    negatives = list(NEGATIVES) + list(EVASION_NEGATIVES)
    false, stopped = [], []
    for text in negatives:
        decision = gate.check(Request(text=text, city=args.city, platform="bench"))
        if any(f.masked for f in decision.findings):
            false.append(f"{text!r} -> {decision.redacted_text!r} ({decision.action})")
        elif decision.action is not Action.ALLOW:
            stopped.append(f"{text!r} ({decision.action}: {', '.join(decision.rule_ids)})")
    print(f"\nnegatives (dates, amounts, columns, public numbers): {len(false)}/{len(negatives)} with something masked")
    for line in false:
        print(f"  {line}")
    if stopped:
        print(f"nothing masked but stopped by a content rule (not a recognizer matter): {len(stopped)}")
        for line in stopped:
            print(f"  {line}")
    out["negatives"] = {"n": len(negatives), "masked": len(false), "examples": false, "stopped_by_rule": stopped}
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=2))
    gate.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
