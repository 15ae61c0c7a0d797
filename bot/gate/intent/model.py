"""Score a prompt with the exported intent classifiers: JSON artifact in, probabilities per rule kind out.

The artifact holds plain numbers (vocabulary, idf, coefficients, intercepts, thresholds), written by
`python -m bot rules train`; scoring needs numpy and SudachiPy (for the lemma terms) only, so it does not depend
on scikit-learn or pickle.
It is loaded once per process. If it cannot be loaded, the gate refuses to start (fail closed).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from bot.gate.intent import vectors
from bot.gate.intent.features import FeatureSpec, analyse, fold, terms
from bot.gate.types import GateError

ARTIFACT_PATH = Path(__file__).resolve().parent / "intent_model.json"
# Thresholds chosen again on held-out sets the artifact was not trained on (calibrate.py), beside the artifact.
CALIBRATION_NAME = "calibration.json"
CALIBRATION_FORMAT = 1
FORMAT = 1
# Below this many characters (after folding) a prompt says too little for n-gram statistics to mean anything
# (「要約して」); the YAML patterns still read it.
MIN_CHARS = 8


class IntentModelError(GateError):
    """The classifier artifact is missing or broken; `message` is Japanese."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    confirm: float  # at or above: ask (grey zone) …
    block: float  # … at or above: the city's action for the kind


class IntentModel:
    def __init__(self, data: dict[str, Any]) -> None:
        self.meta: dict[str, Any] = data["meta"]
        features = data["features"]
        self.spec = FeatureSpec.from_artifact(features)
        self.sublinear_tf = bool(features["sublinear_tf"])
        vocabulary: list[str] = data["vocabulary"]
        self.index = {term: i for i, term in enumerate(vocabulary)}
        if len(self.index) != len(vocabulary):
            raise ValueError("duplicate terms in the vocabulary")
        self.idf = np.asarray(data["idf"], dtype=np.float64)
        self.kinds: tuple[str, ...] = tuple(data["kinds"])
        self.coef = np.asarray([data["coef"][k] for k in self.kinds], dtype=np.float64)
        self._coef_rows = np.ascontiguousarray(self.coef.T)  # one row per term: gathering rows is cheap
        self.intercept = np.asarray([data["intercept"][k] for k in self.kinds], dtype=np.float64)
        self.thresholds = {k: Thresholds(**data["thresholds"][k]) for k in self.kinds}
        if self.idf.shape != (len(vocabulary),) or self.coef.shape != (len(self.kinds), len(vocabulary)):
            raise ValueError("vocabulary, idf and coefficients disagree in size")
        if not np.all(np.isfinite(self.coef)) or not np.all(np.isfinite(self.idf)):
            raise ValueError("non-finite numbers in the artifact")
        # The dense block (FeatureSpec.vectors > 0): one row of vector coefficients per kind, zeros for a kind
        # whose classifier was trained without it (the trainer chooses per kind on the validation split).
        self.dense_coef: np.ndarray | None = None
        if self.spec.vectors:
            dims = vectors.dimensions()  # no ja_ginza vectors: fail now (closed), not on the first prompt
            given = data.get("dense_coef", {})
            self.dense_coef = np.asarray([given.get(k, [0.0] * dims) for k in self.kinds], dtype=np.float64).reshape(
                len(self.kinds), dims
            )
            if not np.all(np.isfinite(self.dense_coef)):
                raise ValueError("non-finite numbers in the artifact")
        if self.spec.lemma_ngram_max:
            terms("依頼内容の確認", self.spec)  # no Sudachi dictionary: fail now (closed), not on the first prompt

    @property
    def corpus_sha256(self) -> str:
        return str(self.meta["corpus_sha256"])

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and tf-idf weights (l2-normalised), like TfidfVectorizer.transform."""
        return self._sparse(terms(text, self.spec))

    def _sparse(self, found: list[str]) -> tuple[np.ndarray, np.ndarray]:
        index = self.index
        counts: dict[int, int] = {}
        for term, n in Counter(found).items():  # counted in C; each distinct term looked up once
            i = index.get(term)
            if i is not None:
                counts[i] = n
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        cols = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        if self.sublinear_tf:
            tf = 1.0 + np.log(tf)
        weights = tf * self.idf[cols]
        norm = math.sqrt(float(weights @ weights))
        return cols, weights / norm if norm else weights

    def scores(self, text: str) -> dict[str, float]:
        """Probability per kind that the prompt asks for that kind of thing (0 for a prompt too short to judge)."""
        if len(fold(text)) < MIN_CHARS:
            return dict.fromkeys(self.kinds, 0.0)
        found, words = analyse(text, self.spec)
        cols, weights = self._sparse(found)
        logits = weights @ self._coef_rows[cols] + self.intercept
        if self.dense_coef is not None:
            logits = logits + self.dense_coef @ (vectors.mean_vector(words) * self.spec.vectors)
        probs = 1.0 / (1.0 + np.exp(-logits))
        return {k: float(p) for k, p in zip(self.kinds, probs, strict=True)}


def read_artifact(path: Path, *, calibrated: bool = True) -> IntentModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}, expected {FORMAT}")
        model = IntentModel(data)
        if calibrated:
            _apply_calibration(model, path.with_name(CALIBRATION_NAME))
        return model
    except Exception as exc:  # any defect: the gate must not run without its rules
        raise IntentModelError(
            f"依頼内容の判定モデル（{path.name}）を読み込めませんでした。ゲートを起動できないため、"
            "生成AIには何も送信しません。管理者は `python -m bot rules train` でモデルを作り直してください。",
            detail=f"{type(exc).__name__}: {exc}",
        ) from exc


def _apply_calibration(model: IntentModel, path: Path) -> None:
    """Lower thresholds chosen on a validation split (calibrate.py), if made for this very artifact."""
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != CALIBRATION_FORMAT:
        raise ValueError(f"{path.name}: format {data.get('format')!r}, expected {CALIBRATION_FORMAT}")
    if data.get("model_corpus_sha256") != model.corpus_sha256:
        raise ValueError(f"{path.name} was made for another artifact; run `python -m bot rules calibrate` again")
    for kind, t in data["thresholds"].items():
        if kind in model.thresholds:
            confirm, block = float(t["confirm"]), float(t["block"])
            if not 0.0 < confirm <= block <= 1.0:
                raise ValueError(f"{path.name}: thresholds of {kind} out of order")
            model.thresholds[kind] = Thresholds(confirm=confirm, block=block)


def load_intent_model(path: Path | None = None) -> IntentModel:
    """The artifact, read once per process and path (a failed read is not cached: it fails again)."""
    return _load((path or ARTIFACT_PATH).resolve())


@lru_cache(maxsize=4)
def _load(path: Path) -> IntentModel:
    return read_artifact(path)
