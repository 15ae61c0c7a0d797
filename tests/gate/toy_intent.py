"""A two-term intent artifact for tests: 「ぴよ」 pushes one kind to a chosen logit, nothing else fires."""

from __future__ import annotations

from typing import Any

from bot.gate.intent.kinds import KINDS
from bot.gate.intent.model import FORMAT


def toy_artifact(
    logit: float, kind: str, thresholds: tuple[float, float] = (0.6, 0.9), meta: dict[str, Any] | None = None
) -> dict[str, Any]:
    kinds = list(KINDS)
    coef = {k: [0.0, 0.0] for k in kinds}
    coef[kind] = [logit + 8.0, 0.0]
    confirm, block = thresholds
    return {
        "format": FORMAT,
        "meta": meta or {"corpus_sha256": "toy"},
        "features": {"ngram_min": 2, "ngram_max": 2, "sublinear_tf": True},
        "kinds": kinds,
        "vocabulary": ["ぴよ", "ほげ"],
        "idf": [1.0, 1.0],
        "coef": coef,
        "intercept": dict.fromkeys(kinds, -8.0),
        "thresholds": {k: {"confirm": confirm, "block": block} for k in kinds},
    }
