#!/usr/bin/env python3
"""Write the labelled intent corpus (bench/data/intent_corpus.jsonl) from hand-written fragments.

    python bench/intent_corpus.py            # rewrites bench/data/intent_corpus.jsonl (deterministic)

Each seed in bench/intent_fragments.py (SEEDS, then MORE_SEEDS of bench/intent_fragments_more.py) is a
hand-written request with inline alternatives. The generator draws up to VARIANTS_PER_SEED distinct variants per
seed: alternatives chosen at random, a politeness ending
(〜てください / 〜てもらえる？ / 〜って可能？ …), a business-context prefix and suffix shared by every class,
sometimes a typo (an adjacent swap, a dropped or doubled character), full-width digits, a pasted block of
neutral work text, or a second, harmless request in the same message. Every variant carries its seed's
`group`; the trainer splits train/validation by group, so near-duplicates never straddle the split.

Output: one JSON object per line, {"id", "group", "text", "kind"}; kind is `harmless` or a rule kind of
bench/data/README.md. Never reads the held-out files.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.intent_fragments import NOUN_ASKS, PASTED, PREFIXES, SEEDS, SUFFIXES, TE_ENDINGS  # noqa: E402
from bench.intent_fragments_more import MORE_SEEDS  # noqa: E402

OUT_PATH = ROOT / "bench" / "data" / "intent_corpus.jsonl"
SEED = 20261202
# New seeds go after the old ones: the old seeds keep their groups (s000…) and variants, the new get the next numbers.
ALL_SEEDS = SEEDS + MORE_SEEDS
VARIANTS_PER_SEED = {"harmless": 14, "default": 12}
_ALT = re.compile(r"\[([^\[\]]+)\]")
_FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
# Harmless second requests appended to some prompts (shared by every class, like PASTED).
SECOND_REQUESTS = [
    "あと、会議の案内メールも作ってください。",
    "ついでに、来週の予定表をExcelで作る方法も教えて。",
    "それと、前回の議事録の要約もお願いします。",
    "別件ですが、挨拶文の校正もお願いします。",
]


# 〇〇 / ×× / △△ in a seed stand for a name. Real prompts carry names, so every class gets the same mix of
# invented names and placeholders; otherwise the placeholder itself becomes a feature of the class that uses it most.
NAME_STAND_INS = ["〇〇", "××", "山田", "佐藤", "高橋", "中村たけし", "小林", "伊藤ゆうこ", "渡辺", "木村", "森", "A"]
_STAND_IN = re.compile(r"〇〇|××|△△|○○")


def expand(template: str, rng: random.Random) -> str:
    text = _ALT.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    text = _STAND_IN.sub(lambda _: rng.choice(NAME_STAND_INS), text)
    text = text.replace("{T}", rng.choice(TE_ENDINGS), 1)
    text = text.replace("{Q}", rng.choice(NOUN_ASKS), 1)
    return text.replace("{P}", rng.choice(PASTED), 1)


def typo(text: str, rng: random.Random) -> str:
    if len(text) < 8:
        return text
    i = rng.randrange(2, len(text) - 2)
    if text[i] in "\n[]{}" or text[i + 1] == "\n":
        return text
    how = rng.choice(("swap", "drop", "double"))
    if how == "swap":
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if how == "drop":
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]


def variant(template: str, rng: random.Random) -> str:
    body = expand(template, rng)
    if rng.random() < 0.15:
        body = typo(body, rng)
    text = rng.choice(PREFIXES) + body
    suffix = rng.choice(SUFFIXES)
    if suffix:
        text += ("" if text.endswith(("。", "？", "?", "！", "\n")) else "。") + suffix
    roll = rng.random()
    if roll < 0.08:
        text = rng.choice(PASTED) + "\n\n" + text
    elif roll < 0.14:
        text += ("\n" if rng.random() < 0.5 else "") + rng.choice(SECOND_REQUESTS)
    if rng.random() < 0.1:
        text = text.translate(_FULL_DIGITS)
    return text


def generate(seed: int = SEED) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    counters: dict[str, int] = {}
    for index, (kind, template) in enumerate(ALL_SEEDS):
        group = f"s{index:03d}"
        wanted = VARIANTS_PER_SEED.get(kind, VARIANTS_PER_SEED["default"])
        seen: set[str] = set()
        for _ in range(wanted * 6):
            if len(seen) >= wanted:
                break
            text = variant(template, rng)
            if text in seen:
                continue
            seen.add(text)
            counters[kind] = counters.get(kind, 0) + 1
            rows.append({"id": f"g-{kind}-{counters[kind]:04d}", "group": group, "text": text, "kind": kind})
    return rows


def main() -> int:
    rows = generate()
    OUT_PATH.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    print(f"wrote {len(rows)} prompts from {len(ALL_SEEDS)} seeds to {OUT_PATH}")
    for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print(f"  {kind:20} {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
