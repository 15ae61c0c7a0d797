#!/usr/bin/env python3
"""How accurate is the gate?  Prints recall and precision on three corpora; asserts nothing.

    python bench/gate_accuracy.py                      # all three parts
    python bench/gate_accuracy.py --only prompts       # the labelled prompt corpus only
    python bench/gate_accuracy.py --only prompts --prompts bench/data/prompts_holdout.jsonl   # the held-out corpus
    python bench/gate_accuracy.py --only ner --limit 500
    python bench/gate_accuracy.py --only ner --ner-part tuning   # the stockmark part rules may be written against
    python bench/gate_accuracy.py --only ner --ner-part tuning --ner-errors bench/out/ner_errors.jsonl  # every miss
    python bench/gate_accuracy.py --json bench/out/accuracy.json

(a) ids:     generated identifiers (bench/identifiers.py, seeded) embedded in Japanese sentences.
(b) ner:     人名/地名 spans of the stockmark Wikipedia NER set, read from ../shared/data/ beside the repository
             (CC BY-SA 3.0; not copied into the project).  Skipped with a message where absent.
(c) prompts: bench/data/prompts.jsonl, the hand-written labelled prompts, against every city's policy
             (--prompts FILE for another corpus of the same schema, e.g. the held-out prompts_holdout.jsonl).

The gate is loaded once, in process (ja_ginza: a few seconds and ~450 MB).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.identifiers import CHECKED_TYPES, IdentifierCase, generate_cases  # noqa: E402
from bench.prompt_corpus import (  # noqa: E402
    ACTIONS,
    CITIES,
    PROMPTS_PATH,
    SEVERITY,
    CorpusError,
    Prompt,
    load_prompts,
)
from bench.span_metrics import OverlapCounts, fmt, fully_covered, merge_spans, overlaps, safe_ratio  # noqa: E402

DEFAULT_DATA_DIR = ROOT.parent / "shared" / "data"
NER_FILE = Path("stockmark-ner-wikipedia") / "ner.json"

Check = Callable[[str, str], Any]  # (text, city) -> bot.gate.types.Decision


def load_check(ner_mode: str | None = None) -> Check:
    try:
        from bot.gate.gate import load_gate
        from bot.gate.nlp_engine import NerMode
    except ImportError as exc:
        raise SystemExit(f"the gate (bot.gate.load_gate) is not importable: {exc}") from exc
    from bot.gate.types import Request

    gate = load_gate(ner_mode=NerMode(ner_mode) if ner_mode else None)

    def check(text: str, city: str) -> Any:
        return gate.check(Request(text=text, city=city, platform="bench"))

    return check


def _pct(value: float | None) -> str:
    return "    -" if value is None else f"{100 * value:5.1f}%"


# ================================================================================ (a) generated identifiers


@dataclass
class TypeStats:
    valid: int = 0
    found_as_type: int = 0  # every digit/letter covered by findings of this type
    found_masked: int = 0  # every digit/letter covered by some masked finding (any type)
    invalid: int = 0
    invalid_flagged: int = 0  # a bad-check-digit number flagged as this type
    predicted: int = 0  # findings of this type on valid cases and negatives
    predicted_correct: int = 0
    misses: Counter = field(default_factory=Counter)  # variant -> count
    found_as_other: Counter = field(default_factory=Counter)  # other type -> count
    examples: list[str] = field(default_factory=list)


def evaluate_identifiers(check: Check, cases: list[IdentifierCase], city: str) -> dict[str, TypeStats]:
    stats: dict[str, TypeStats] = defaultdict(TypeStats)
    for case in cases:
        decision = check(case.text, city)
        findings = list(decision.findings)
        for span in case.spans:
            st = stats[span.entity_type]
            gold = (span.start, span.end)
            same_type = [(f.start, f.end) for f in findings if f.entity_type == span.entity_type]
            if not span.valid:
                st.invalid += 1
                st.invalid_flagged += any(overlaps(gold, s) for s in same_type)
                continue
            st.valid += 1
            if fully_covered(case.text, gold, same_type):
                st.found_as_type += 1
            else:
                st.misses[case.variant] += 1
                others = {f.entity_type for f in findings if overlaps(gold, (f.start, f.end))}
                for other in others:
                    st.found_as_other[other] += 1
                if len(st.examples) < 3:
                    st.examples.append(f"{case.variant}: {case.text!r} -> {sorted(others) or 'nothing'}")
            masked = [(f.start, f.end) for f in findings if f.masked or f.entity_type == span.entity_type]
            st.found_masked += fully_covered(case.text, gold, masked)
        if not case.valid:
            continue  # precision is measured on valid identifiers and negatives; invalid ones are reported above
        for f in findings:
            st = stats[f.entity_type]
            st.predicted += 1
            st.predicted_correct += any(
                s.entity_type == f.entity_type and overlaps((s.start, s.end), (f.start, f.end)) for s in case.spans
            )
    return stats


def print_identifiers(stats: dict[str, TypeStats], n_cases: int) -> dict[str, Any]:
    print(f"\n== (a) generated identifiers: {n_cases} sentences ==")
    print("recall = every digit/letter of the value covered by findings of that type; 'masked' = by any masked finding")
    print(
        "invalid flagged = wrong check digit, found anyway; for JP_MY_NUMBER that is by design when a word names the"
        " number (マイナンバー, 個人番号, 通知カード …), as every sentence here does"
    )
    print(f"{'type':22} {'n':>4} {'recall':>7} {'masked':>7} {'precision':>9} {'invalid flagged':>16}")
    out: dict[str, Any] = {}
    unscored = {t: st.predicted for t, st in stats.items() if not st.valid and not st.invalid}
    for entity_type in sorted(t for t in stats if t not in unscored):
        st = stats[entity_type]
        recall = safe_ratio(st.found_as_type, st.valid)
        masked = safe_ratio(st.found_masked, st.valid)
        precision = safe_ratio(st.predicted_correct, st.predicted)
        inv = (
            f"{st.invalid_flagged}/{st.invalid} {_pct(safe_ratio(st.invalid_flagged, st.invalid))}"
            if st.invalid
            else ""
        )
        print(f"{entity_type:22} {st.valid:4d} {fmt(recall):>7} {fmt(masked):>7} {fmt(precision):>9} {inv:>16}")
        out[entity_type] = {
            "n": st.valid,
            "recall": recall,
            "recall_masked_any_type": masked,
            "precision": precision,
            "predicted": st.predicted,
            "invalid": st.invalid,
            "invalid_flagged": st.invalid_flagged,
            "missed_variants": dict(st.misses),
            "found_as_other": dict(st.found_as_other),
            "examples": st.examples,
        }
    scored = [st for t, st in stats.items() if st.valid]
    total_valid = sum(st.valid for st in scored)
    total_found = sum(st.found_as_type for st in scored)
    total_masked = sum(st.found_masked for st in scored)
    print(
        f"{'all types':22} {total_valid:4d} {fmt(safe_ratio(total_found, total_valid)):>7} "
        f"{fmt(safe_ratio(total_masked, total_valid)):>7}"
    )
    out["all_types"] = {
        "n": total_valid,
        "recall": safe_ratio(total_found, total_valid),
        "recall_masked_any_type": safe_ratio(total_masked, total_valid),
    }
    if unscored:
        # e.g. LOCATION on the addresses written next to postal codes: not part of this corpus's gold spans
        print(
            "findings of types without gold spans here: " + ", ".join(f"{t}×{n}" for t, n in sorted(unscored.items()))
        )
        out["unscored_findings"] = unscored
    missed = [(t, st) for t, st in sorted(stats.items()) if st.misses]
    if missed:
        print("\nmissed identifiers by variant (and what the gate called them instead):")
        for entity_type, st in missed:
            variants = ", ".join(f"{v}×{n}" for v, n in st.misses.most_common())
            other = ", ".join(f"{t}×{n}" for t, n in st.found_as_other.most_common()) or "-"
            print(f"  {entity_type}: {variants}  | found as: {other}")
            for example in st.examples:
                print(f"      {example}")
    return out


# ================================================================================ (b) stockmark NER


NER_PARTS = ("heldout", "tuning")
HELDOUT_SHARE = 30  # percent of stockmark sentences kept out of rule writing


def ner_part(item: dict[str, Any]) -> str:
    """Deterministic split of stockmark by a hash of the article id and sentence: rules are written
    while looking at the tuning part only; the held-out part is measured, never read for tuning."""
    digest = hashlib.sha256(f"{item.get('curid', '')}\x00{item['text']}".encode()).digest()
    return "heldout" if int.from_bytes(digest[:4], "big") % 100 < HELDOUT_SHARE else "tuning"


def evaluate_ner(
    check: Check,
    data_dir: Path,
    city: str,
    limit: int | None,
    parts: tuple[str, ...] = NER_PARTS,
    errors_path: Path | None = None,
) -> dict[str, Any] | None:
    path = data_dir / NER_FILE
    print(f"\n== (b) stockmark Wikipedia NER (人名/地名), {path} ==")
    if not path.is_file():
        print(
            f"skipped: {path} not found (the data set lives in ../shared/data/ beside the repository; "
            "pass --data-dir to point elsewhere)"
        )
        return None
    sentences = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, Any] = {}
    for part in parts:
        chosen = [item for item in sentences if ner_part(item) == part]
        if limit:
            chosen = chosen[:limit]
        print(f"\n-- {part} part ({HELDOUT_SHARE}% of sentences by hash are held out) --")
        # Held-out sentences are counted, never shown: samples and the error list come from the tuning part.
        tuning = part == "tuning"
        out[part] = _evaluate_ner_sentences(
            check, chosen, city, show_samples=tuning, errors_path=errors_path if tuning else None
        )
    return out


def _evaluate_ner_sentences(
    check: Check,
    sentences: list[dict[str, Any]],
    city: str,
    *,
    show_samples: bool = False,
    errors_path: Path | None = None,
) -> dict[str, Any]:
    person, location = OverlapCounts(), OverlapCounts()
    corporate_chars = corporate_as_person = 0
    public_people = 0  # PERSON spans found but left unmasked: people of public history (渋沢栄一)
    false_person_by_gold: Counter = Counter()
    missed_names: list[str] = []
    false_names: list[str] = []
    errors: list[dict[str, Any]] = []  # every miss and false PERSON span (tuning part only, --ner-errors)
    for item in sentences:
        text = item["text"]
        gold: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for ent in item["entities"]:
            gold[ent["type"]].append(tuple(ent["span"]))
        decision = check(text, city)
        pred_person = merge_spans((f.start, f.end) for f in decision.findings if f.entity_type == "PERSON")
        public_people += sum(1 for f in decision.findings if f.entity_type == "PERSON" and not f.masked)
        pred_location = merge_spans((f.start, f.end) for f in decision.findings if f.entity_type == "LOCATION")
        person.add(gold["人名"], pred_person)
        location.add(gold["地名"], pred_location)
        person_chars = {i for s, e in pred_person for i in range(s, e)}
        for s, e in gold["法人名"]:
            corporate_chars += e - s
            corporate_as_person += sum(i in person_chars for i in range(s, e))
        gold_type_at = {i: t for t, spans in gold.items() for s, e in spans for i in range(s, e)}
        name_chars = {i for s, e in gold["人名"] for i in range(s, e)}
        for i in person_chars - name_chars:
            false_person_by_gold[gold_type_at.get(i, "(none)")] += 1
        for s, e in gold["人名"]:
            half = 2 * sum(i in person_chars for i in range(s, e)) >= e - s
            if not any(overlaps((s, e), q) for q in pred_person) and len(missed_names) < 15:
                missed_names.append(f"{text[s:e]}  ← {text[:60]}")
            if errors_path and not half:
                partial = [text[a:b] for a, b in pred_person if overlaps((s, e), (a, b))]
                errors.append({"kind": "miss", "name": text[s:e], "span": [s, e], "partial": partial, "text": text})
        for s, e in pred_person:
            if not any(overlaps((s, e), g) for g in gold["人名"]) and len(false_names) < 15:
                false_names.append(f"{text[s:e]} [{gold_type_at.get(s, '-')}]  ← {text[:60]}")
            if errors_path and not any(overlaps((s, e), g) for g in gold["人名"]):
                by = sorted({f.recognizer for f in decision.findings if overlaps((s, e), (f.start, f.end))})
                errors.append(
                    {
                        "kind": "false",
                        "name": text[s:e],
                        "span": [s, e],
                        "gold": gold_type_at.get(s, "-"),
                        "by": by,
                        "text": text,
                    }
                )

    print(f"{len(sentences)} sentences")
    print(
        f"PERSON spans found and counted below but left unmasked as people of public history "
        f"(historical_people.txt): {public_people}"
    )
    print(
        f"{'':22} {'char R':>7} {'char P':>7} {'span R':>7} {'span P':>7} {'R≥50%':>7} {'exact R':>8} "
        f"{'gold':>6} {'pred':>6}"
    )
    for label, c in (("PERSON vs 人名", person), ("LOCATION vs 地名", location)):
        print(
            f"{label:22} {fmt(c.char_recall):>7} {fmt(c.char_precision):>7} {fmt(c.span_recall):>7} "
            f"{fmt(c.span_precision):>7} {fmt(c.half_recall):>7} {fmt(c.exact_recall):>8} "
            f"{c.gold_spans:6d} {c.pred_spans:6d}"
        )
    corporate_share = safe_ratio(corporate_as_person, corporate_chars)
    print(f"法人名 characters masked as PERSON: {corporate_as_person}/{corporate_chars} ({_pct(corporate_share)})")
    print("(LOCATION targets addresses; place names such as 日本 or 東京 need not all be masked.)")
    if false_person_by_gold:
        parts = ", ".join(f"{t} {n}" for t, n in false_person_by_gold.most_common(8))
        print(f"PERSON characters outside 人名, by gold label: {parts}")
    if errors_path:
        errors_path.parent.mkdir(parents=True, exist_ok=True)
        errors_path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), encoding="utf-8")
        print(f"wrote {len(errors)} misses (<50% covered) and false PERSON spans of this part to {errors_path}")
    if not show_samples:
        missed_names, false_names = [], []
    if missed_names:
        print("sample of missed 人名:")
        for line in missed_names:
            print(f"  {line}")
    if false_names:
        print("sample of PERSON predictions that are not 人名:")
        for line in false_names:
            print(f"  {line}")

    def as_dict(c: OverlapCounts) -> dict[str, Any]:
        return {
            "char_recall": c.char_recall,
            "char_precision": c.char_precision,
            "span_recall": c.span_recall,
            "span_precision": c.span_precision,
            "half_overlap_recall": c.half_recall,
            "exact_recall": c.exact_recall,
            "gold_spans": c.gold_spans,
            "pred_spans": c.pred_spans,
        }

    return {
        "sentences": len(sentences),
        "person": as_dict(person),
        "location": as_dict(location),
        "corporate_chars_masked_as_person": corporate_share,
        "person_false_chars_by_gold": dict(false_person_by_gold),
    }


# ================================================================================ (c) labelled prompts


@dataclass(frozen=True)
class Outcome:
    prompt: Prompt
    city: str
    expected: str
    got: str
    rules: tuple[str, ...]
    found: tuple[str, ...] = ()  # what the gate masked, e.g. PERSON「佐藤一郎」 (invented data only)


def evaluate_prompts(check: Check, prompts: list[Prompt]) -> list[Outcome]:
    outcomes = []
    for prompt in prompts:
        for city, expected in prompt.expect.items():
            decision = check(prompt.text, city)
            found = tuple(f"{f.entity_type}「{prompt.text[f.start : f.end]}」" for f in decision.findings)
            outcomes.append(Outcome(prompt, city, expected, str(decision.action), tuple(decision.rule_ids), found))
    return outcomes


def summarise_prompts(outcomes: list[Outcome]) -> dict[str, Any]:
    per_city: dict[str, Any] = {}
    for city in CITIES:
        rows = [o for o in outcomes if o.city == city]
        if not rows:
            continue
        rule_rows = [o for o in rows if o.prompt.kind != "harmless" and o.expected != "allow"]
        harmless = [o for o in rows if o.prompt.kind == "harmless"]
        allowed_rules = [o for o in rows if o.prompt.kind != "harmless" and o.expected == "allow"]
        confusion = {e: {g: 0 for g in ACTIONS} for e in ACTIONS}
        for o in rows:
            confusion[o.expected][o.got] += 1
        per_city[city] = {
            "prompts": len(rows),
            "rule_prompts": len(rule_rows),
            "rule_recall_at_least": safe_ratio(
                sum(SEVERITY[o.got] >= SEVERITY[o.expected] for o in rule_rows), len(rule_rows)
            ),
            "rule_recall_exact": safe_ratio(sum(o.got == o.expected for o in rule_rows), len(rule_rows)),
            "over_strict_on_allowed_kinds": f"{sum(o.got != 'allow' for o in allowed_rules)}/{len(allowed_rules)}",
            "harmless": len(harmless),
            "false_block_rate": safe_ratio(sum(o.got == "block" for o in harmless), len(harmless)),
            "false_confirm_rate": safe_ratio(sum(o.got == "confirm" for o in harmless), len(harmless)),
            "accuracy": safe_ratio(sum(o.got == o.expected for o in rows), len(rows)),
            "confusion": confusion,
        }
    return per_city


def print_prompts(outcomes: list[Outcome], n_prompts: int, source: Path = PROMPTS_PATH) -> dict[str, Any]:
    summary = summarise_prompts(outcomes)
    print(f"\n== (c) labelled prompts, {source.name}: {n_prompts} prompts, {len(outcomes)} (prompt, city) decisions ==")
    print("rule recall: prompts whose expected action is confirm/block, got at least as strict / exactly that")
    print(
        f"{'city':11} {'rules':>5} {'recall≥':>8} {'exact':>7} {'harmless':>8} {'false block':>11} "
        f"{'false confirm':>13} {'accuracy':>8}  over-strict(allowed kinds)"
    )
    for city, s in summary.items():
        print(
            f"{city:11} {s['rule_prompts']:5d} {_pct(s['rule_recall_at_least']):>8} {_pct(s['rule_recall_exact']):>7} "
            f"{s['harmless']:8d} {_pct(s['false_block_rate']):>11} {_pct(s['false_confirm_rate']):>13} "
            f"{_pct(s['accuracy']):>8}  {s['over_strict_on_allowed_kinds']}"
        )

    print("\nconfusion (rows: expected, columns: got)")
    for city, s in summary.items():
        print(f"  {city}")
        print(f"    {'':8} {'allow':>6} {'confirm':>7} {'block':>6}")
        for expected in ACTIONS:
            row = s["confusion"][expected]
            print(f"    {expected:8} {row['allow']:6d} {row['confirm']:7d} {row['block']:6d}")

    kinds = sorted({o.prompt.kind for o in outcomes}, key=lambda k: (k != "harmless", k))
    print("\nexact matches by kind and city")
    print(f"  {'kind':20} " + " ".join(f"{c:>10}" for c in CITIES))
    for kind in kinds:
        cells = []
        for city in CITIES:
            rows = [o for o in outcomes if o.prompt.kind == kind and o.city == city]
            cells.append(f"{sum(o.got == o.expected for o in rows)}/{len(rows)}" if rows else "-")
        print(f"  {kind:20} " + " ".join(f"{c:>10}" for c in cells))

    wrong: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        if o.got != o.expected:
            wrong[o.prompt.id].append(o)
    print(f"\nmisclassified prompts: {len(wrong)} of {n_prompts}")
    for pid, rows in wrong.items():
        prompt = rows[0].prompt
        grouped: dict[tuple[str, str, tuple[str, ...]], list[str]] = defaultdict(list)
        for o in rows:
            grouped[(o.expected, o.got, o.rules)].append(o.city)
        verdicts = "; ".join(
            f"{'/'.join(cities)} {expected}→{got}" + (f" [{','.join(rules)}]" if rules else "")
            for (expected, got, rules), cities in grouped.items()
        )
        text = prompt.text.replace("\n", " / ")
        found = " ".join(dict.fromkeys(f for o in rows for f in o.found))
        print(f"  {pid} ({prompt.kind}) {verdicts}\n      {text[:110]}" + (f"\n      found: {found}" if found else ""))
    return {
        "source": str(source),
        "per_city": summary,
        "misclassified": [
            {
                "id": o.prompt.id,
                "kind": o.prompt.kind,
                "city": o.city,
                "expected": o.expected,
                "got": o.got,
                "rules": list(o.rules),
                "found": list(o.found),
                "text": o.prompt.text,
            }
            for rows in wrong.values()
            for o in rows
        ],
    }


# ================================================================================ main


def spread(items: list, limit: int | None) -> list:
    """At most `limit` items taken evenly across the list, so every kind of prompt or identifier stays in."""
    if not limit or limit >= len(items):
        return items
    return [items[i * len(items) // limit] for i in range(limit)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="ゲートの精度（識別子・人名地名・ラベル付きプロンプト）を測って表示します。"
    )
    parser.add_argument("--only", choices=("prompts", "ids", "ner"), help="run one part only")
    parser.add_argument("--limit", type=int, default=None, help="at most N items per part (sentences, prompts, cases)")
    parser.add_argument(
        "--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="folder holding stockmark-ner-wikipedia/"
    )
    parser.add_argument(
        "--ner", choices=("off", "full"), default=None, help="the gate's NER mode (default: AIGATE_NER, else off)"
    )
    parser.add_argument(
        "--ner-part",
        choices=(*NER_PARTS, "both"),
        default="both",
        help="stockmark part: heldout (measure only), tuning (look at while writing rules), or both",
    )
    parser.add_argument(
        "--ner-errors",
        type=Path,
        default=None,
        help="write every 人名 miss and false PERSON span of the tuning part to this JSONL file (never the held-out)",
    )
    parser.add_argument("--city", default="niiza", help="city whose gate scans identifiers and NER sentences")
    parser.add_argument("--seed", type=int, default=20251125, help="seed of the generated identifier corpus")
    parser.add_argument("--per-type", type=int, default=40, help="valid generated identifiers per type")
    parser.add_argument(
        "--prompts", type=Path, default=PROMPTS_PATH, help="labelled prompt corpus (JSONL, schema of prompts.jsonl)"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write every number to this JSON file")
    args = parser.parse_args(argv)

    parts = (args.only,) if args.only else ("ids", "ner", "prompts")
    if "prompts" in parts:
        try:  # read the corpus before the slow gate load, so a bad file fails at once
            prompts = load_prompts(args.prompts)
        except (OSError, CorpusError) as exc:
            raise SystemExit(f"プロンプトのコーパスを読めません（{args.prompts}）: {exc}") from exc
    mode = args.ner or os.environ.get("AIGATE_NER") or "the gate's default"
    print(f"loading the gate (NER mode: {mode}) …", flush=True)
    check = load_check(args.ner)
    results: dict[str, Any] = {}
    if "ids" in parts:
        cases = generate_cases(seed=args.seed, per_type=args.per_type, invalid_per_type=args.per_type // 2)
        cases = spread(cases, args.limit)
        results["ids"] = print_identifiers(evaluate_identifiers(check, cases, args.city), len(cases))
        results["ids_checked_types"] = list(CHECKED_TYPES)
    if "ner" in parts:
        ner_parts = NER_PARTS if args.ner_part == "both" else (args.ner_part,)
        results["ner"] = evaluate_ner(check, args.data_dir, args.city, args.limit, ner_parts, args.ner_errors)
    if "prompts" in parts:
        prompts = spread(prompts, args.limit)
        results["prompts"] = print_prompts(evaluate_prompts(check, prompts), len(prompts), args.prompts)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
