"""Texts of three sizes for the speed benchmark, and the percentile used to report it."""

from __future__ import annotations

import json
import random
from pathlib import Path

NER_FILE = Path("stockmark-ner-wikipedia") / "ner.json"
SIZES = {"short": (1, 100), "medium": (450, 550), "long": (3900, 4100)}  # characters, inclusive bounds


def load_sentences(data_dir: Path) -> list[str]:
    path = data_dir / NER_FILE
    if not path.is_file():
        print(f"note: {path} not found; medium and long prompts are built from the prompt corpus alone")
        return []
    return [item["text"] for item in json.loads(path.read_text(encoding="utf-8"))]


def build_texts(prompts: list[str], sentences: list[str], n: dict[str, int], seed: int) -> dict[str, list[str]]:
    """Short prompts straight from the corpus; medium and long ones by joining corpus prompts and sentences."""
    rng = random.Random(seed)
    short = [p for p in prompts if len(p) <= SIZES["short"][1]]
    rng.shuffle(short)
    pool = prompts + sentences
    texts = {"short": (short * (n["short"] // max(1, len(short)) + 1))[: n["short"]]}
    for size in ("medium", "long"):
        low, high = SIZES[size]
        out = []
        while len(out) < n[size]:
            parts: list[str] = []
            length = 0
            misses = 0
            while length < low and misses < 1000:
                piece = rng.choice(pool)
                grown = length + len(piece) + (1 if parts else 0)  # pieces are joined by newlines
                if grown > high:
                    misses += 1
                    continue
                parts.append(piece)
                length = grown
            out.append("\n".join(parts))
        texts[size] = out
    return texts


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    k = (len(sorted_values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)
