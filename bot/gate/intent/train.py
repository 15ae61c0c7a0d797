"""Rebuild the intent classifiers from the labelled corpus: `python -m bot rules train`.

Reproducible: fixed seed, a deterministic solver (liblinear), numbers rounded before they are written, and
JSON written in a fixed order, so the same corpus (and the same SudachiDict, whose lemmas are features) gives a
byte-identical artifact. The artifact records the
SHA-256 of the corpus it was trained on. Train/validation are split by seed group (a hash of the group name),
so variants of one hand-written seed never straddle the split. Thresholds are chosen on the validation split
only. A held-out file (bench/data/prompts_holdout*.jsonl) is read only once its first run has been reported
(SPENT_HOLDOUTS); the next one is refused.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.gate.intent import vectors
from bot.gate.intent.features import FeatureSpec, analyse, terms
from bot.gate.intent.kinds import KINDS
from bot.gate.intent.model import ARTIFACT_PATH, FORMAT, IntentModel

ROOT = Path(__file__).resolve().parent.parent.parent.parent
DATA = ROOT / "bench" / "data"
# Held-out sets whose first run has been reported (bench/data/README.md) are tuning data from then on; the
# learned layer trains on them too. A held-out set not listed here (the next one) is refused.
SPENT_HOLDOUTS = ("prompts_holdout.jsonl", *(f"prompts_holdout{n}.jsonl" for n in range(2, 118)))
CORPUS_FILES = (
    DATA / "intent_corpus.jsonl",
    DATA / "prompts.jsonl",
    *(DATA / name for name in SPENT_HOLDOUTS),
)
CARD_PATH = ROOT / "docs" / "intent-model.md"
# Written by bench/intent_features.py --record; the card shows it beside the shipped configuration's name.
COMPARISON_PATH = ROOT / "bench" / "data" / "intent_feature_comparison.json"
SEED = 0
FOLDS = 5  # cross-validation by seed group: each fold is a validation split for a model trained on the rest
# Character 1-3-grams + Sudachi lemma uni/bigrams, C=16 and every seed group weighing the same: the best of the
# configurations bench/intent_features.py compares on this cross-validation (see the model card).
# Beside them, the mean ja_ginza word vector of the lemmas (weight 1), for the kinds where it raises recall on that
# cross-validation (chosen per kind in `build`; bench/intent_features.py compares the weights).
FEATURES = FeatureSpec(ngram_min=1, ngram_max=3, lemma_ngram_max=2, split_mode="C", vectors=1.0)
C = 16.0
MIN_DF = 2
# Each seed group weighs the same in the loss, however many variants the generator drew from it: a hand-written
# prompt of prompts.jsonl (its own group) counts as much as the twelve variants of one seed.
GROUP_WEIGHTS = True
CONFIG_NAME = "gw char 1-3 + lemma 1-2, C=16"  # this configuration's name in bench/intent_features.py
# Threshold search on the validation split.
# A classifier that is barely past even odds does not stop anyone: the confirm threshold starts at 0.60.
GRID = [round(0.60 + 0.01 * i, 2) for i in range(36)]  # 0.60 … 0.95
HARMLESS_MARGIN = 0.02  # the confirm threshold lies this far above every hand-written harmless prompt
BLOCK_PRECISION = 0.97
BLOCK_GAP = 0.15
# A kind whose classifier, at its confirm threshold, catches fewer unseen-seed prompts than this on
# cross-validation is not shipped (its YAML rule alone decides): little recall for a false-stop risk.
MIN_RECALL = 0.15


# Requests any kind's classifier must let through (what the bot itself writes when a message carries only files,
# and the bare work requests around an attachment). A kind whose shipped model stops one of them at its confirm
# threshold is withheld, whatever its cross-validated recall: the words of the request (資料, 要約) are not the kind.
GENERIC_REQUESTS = (
    "添付ファイルの内容を要約してください。",  # bot/files/attaching.py FILES_ONLY_QUESTION
    "この資料を要約してください",
    "この文章を要約してください",
    "以下の文章を校正してください",
    "この資料の要点をまとめてください",
    "次の文書を英語に翻訳してください",
)


# Everyday messages that only name someone: every city lets them through (岩見沢 even unmasked of nothing but the
# name), so no kind's grey zone may ask about them. Each kind's confirm threshold is raised above the shipped
# model's score on them (by HARMLESS_MARGIN); written for this purpose, none is taken from a corpus.
EVERYDAY_REQUESTS = (
    "山田太郎さんの件です。",
    "吉田さんの件で相談です",
    "山本さんの申請の件です",
    "田中さんに連絡して",
    "佐藤さんから電話がありました。折り返しの文面を",
    "鈴木課長に報告するメールを書いて",
    "高橋さんへのお礼状を作って",
    "伊藤さんとの打ち合わせの日程を調整したい",
    "中村さんの引継書を整えて",
    "小林さんの件、よろしくお願いします",
)


# Plain statements of fact about the topics of individual decisions and medical calls: they ask nobody to decide
# anything, so no kind's grey zone may ask about them either. Like EVERYDAY_REQUESTS, each kind's confirm threshold is
# raised above the shipped model's score on them; written for this purpose, none is taken from a corpus (the seeds
# of bench/intent_fragments_more.py's round 6 are other sentences of the same shape).
STATEMENTS = (
    "今年度の敬老祝金の支給対象は77歳以上の方です。",
    "保育園の一次選考の結果は2月上旬に通知します。",
    "市営住宅の家賃の減免制度について問い合わせがありました。",
    "生活保護の申請件数は昨年度と同じ水準でした。",
    "学童保育の利用申込は4月1日から受け付けます。",
    "奨励金の交付決定は審査会を経て行います。",
    "救急搬送の件数は冬場に増える傾向があります。",
    "けいれんの応急手当の講習は毎月第2土曜日です。",
    "介護認定の申請から結果までの平均日数は35日です。",
    "補助金の予算額は前年度と同額の500万円です。",
)


_PLACEHOLDER_THRESHOLDS = {k: {"confirm": 0.5, "block": 0.5} for k in KINDS}


@dataclass(frozen=True)
class Example:
    text: str
    kinds: frozenset[str]
    group: str
    harmless: bool
    generated: bool = False  # composed by bench/intent_corpus.py (rather than written one by one)


def corpus_sha256(files: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def load_examples(files: Sequence[Path]) -> list[Example]:
    out: list[Example] = []
    for path in files:
        if "holdout" in path.name and path.name not in SPENT_HOLDOUTS:
            raise ValueError(f"{path.name} is held out: never train on it")
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            kinds = {row["kind"], *row.get("also", [])} & set(KINDS)
            group = row.get("group") or f"{path.stem}:{row.get('id', line_no)}"
            harmless = row["kind"] == "harmless"
            out.append(Example(row["text"], frozenset(kinds), f"{path.stem}:{group}", harmless, "group" in row))
    return out


def fold_of(group: str) -> int:
    return int(hashlib.sha256(group.encode()).hexdigest()[:8], 16) % FOLDS


def is_validation(group: str) -> bool:
    """The first fold: the validation split of one train/validation round (used by the tests)."""
    return fold_of(group) == 0


def _r(x: float, digits: int) -> float:
    value = round(float(x), digits)
    return 0.0 if value == 0 else value  # no "-0.0"


def group_weights(examples: Sequence[Example]) -> np.ndarray:
    """1 / (examples in the group), scaled to sum to len(examples)."""
    sizes: dict[str, int] = {}
    for e in examples:
        sizes[e.group] = sizes.get(e.group, 0) + 1
    weights = np.asarray([1.0 / sizes[e.group] for e in examples], dtype=np.float64)
    return weights * (len(examples) / weights.sum())


def analyzer(spec: FeatureSpec = FEATURES) -> Any:
    """`terms` under `spec`, memoised per text (every text is analysed once per training run, not once per fold)."""
    cache: dict[str, list[str]] = {}

    def analyze(text: str) -> list[str]:
        found = cache.get(text)
        if found is None:
            found = cache[text] = terms(text, spec)
        return found

    return analyze


def dense_rows(examples: Sequence[Example], spec: FeatureSpec = FEATURES) -> np.ndarray:
    """Each example's mean word vector times the block's weight (what the model adds at run time)."""
    return np.vstack([vectors.mean_vector(analyse(e.text, spec)[1]) * spec.vectors for e in examples])


def fit(
    train: list[Example],
    analyze: Any = None,
    dense: np.ndarray | None = None,
    vector_kinds: Sequence[str] = (),
) -> dict[str, Any]:
    """One classifier per kind on the tf-idf terms, with the dense block (`dense`, one row per example) appended
    for the kinds in `vector_kinds`."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(
        analyzer=analyze or analyzer(), lowercase=False, min_df=MIN_DF, sublinear_tf=True, dtype=np.float64
    )
    x = vectorizer.fit_transform([e.text for e in train])
    x_dense = hstack([x, csr_matrix(dense)]).tocsr() if dense is not None and vector_kinds else None
    weights = group_weights(train) if GROUP_WEIGHTS else None
    vocabulary = [""] * len(vectorizer.vocabulary_)
    for term, index in vectorizer.vocabulary_.items():
        vocabulary[index] = term
    coef: dict[str, list[float]] = {}
    dense_coef: dict[str, list[float]] = {}
    intercept: dict[str, float] = {}
    n_terms = len(vocabulary)
    for kind in KINDS:
        y = np.asarray([kind in e.kinds for e in train], dtype=np.int64)
        with_vectors = x_dense is not None and kind in vector_kinds
        clf = LogisticRegression(
            C=C, class_weight="balanced", solver="liblinear", random_state=SEED, max_iter=1000
        ).fit(x_dense if with_vectors else x, y, sample_weight=weights)
        coef[kind] = [_r(v, 4) for v in clf.coef_[0][:n_terms]]
        if with_vectors:
            dense_coef[kind] = [_r(v, 4) for v in clf.coef_[0][n_terms:]]
        intercept[kind] = _r(clf.intercept_[0], 4)
    return {
        "vocabulary": vocabulary,
        "idf": [_r(v, 5) for v in vectorizer.idf_],
        "coef": coef,
        "dense_coef": dense_coef,
        "intercept": intercept,
    }


def choose_thresholds(kind: str, scored: list[tuple[float, Example]]) -> dict[str, float]:
    """Confirm: above every hand-written harmless prompt and all but one generated one. Block: precise enough."""
    written = [s for s, e in scored if e.harmless and not e.generated]
    generated = sorted((s for s, e in scored if e.harmless and e.generated), reverse=True)
    floor = max(max(written, default=0.0) + HARMLESS_MARGIN, (generated[1] if len(generated) > 1 else 0.0) + 0.01)
    confirm = round(min(max(GRID[0], floor), GRID[-1]), 2)
    block = GRID[-1]
    for t in GRID:
        if t < confirm + BLOCK_GAP:
            continue
        flagged = [e for s, e in scored if s >= t]
        if flagged and sum(kind in e.kinds for e in flagged) / len(flagged) >= BLOCK_PRECISION:
            block = t
            break
    return {"confirm": confirm, "block": max(block, confirm)}


def evaluate(kind: str, scored: list[tuple[float, Example]], t: dict[str, float]) -> dict[str, Any]:
    def pr(threshold: float) -> tuple[float, float]:
        tp = sum(s >= threshold and kind in e.kinds for s, e in scored)
        fp = sum(s >= threshold and kind not in e.kinds for s, e in scored)
        pos = sum(kind in e.kinds for _, e in scored)
        return (tp / (tp + fp) if tp + fp else 1.0), (tp / pos if pos else 0.0)

    p_c, r_c = pr(t["confirm"])
    p_b, r_b = pr(t["block"])
    harmless = [s for s, e in scored if e.harmless]
    return {
        "positives": sum(kind in e.kinds for _, e in scored),
        "precision_at_confirm": round(p_c, 3),
        "recall_at_confirm": round(r_c, 3),
        "precision_at_block": round(p_b, 3),
        "recall_at_block": round(r_b, 3),
        "harmless_stopped": sum(s >= t["confirm"] for s in harmless),
        "harmless": len(harmless),
    }


def _raised(confirm: float, must_pass: float) -> float:
    """A confirm threshold raised above the highest score of a message that must pass (within the grid)."""
    return round(min(max(confirm, must_pass + HARMLESS_MARGIN), GRID[-1]), 2)


_VECTORS_NOTE = (
    f" + mean ja_ginza word vector of the lemmas (weight {FEATURES.vectors}, kinds chosen on the validation split)"
)


def build(files: Sequence[Path] = CORPUS_FILES) -> dict[str, Any]:
    """Cross-validate by seed group (FOLDS folds) to choose thresholds and report metrics, then fit on everything."""
    import sklearn
    import sudachipy

    examples = load_examples(files)
    analyze = analyzer()
    artifact: dict[str, Any] = {
        "format": FORMAT,
        "meta": {
            "corpus_sha256": corpus_sha256(files),
            "corpus_files": [p.name for p in files],
            "examples": len(examples),
            "groups": len({e.group for e in examples}),
            "folds": FOLDS,
            "seed": SEED,
            "model": f"TF-IDF character {FEATURES.ngram_min}-{FEATURES.ngram_max}-grams + Sudachi lemma "
            f"1-{FEATURES.lemma_ngram_max}-grams (split mode {FEATURES.split_mode}, normalized_form)"
            f"{_VECTORS_NOTE if FEATURES.vectors else ''}"
            " + one-vs-rest "
            f"logistic regression (liblinear, C={C}, class_weight=balanced, min_df={MIN_DF}"
            f"{', each seed group weighted equally' if GROUP_WEIGHTS else ''})",
            "comparison_name": CONFIG_NAME,
            "trained_with": f"scikit-learn {sklearn.__version__}, SudachiPy {sudachipy.__version__}, "
            f"SudachiDict-core {_sudachidict_version()}",
        },
        "features": {**FEATURES.as_artifact(), "sublinear_tf": True},
        "kinds": list(KINDS),
    }
    dense = dense_rows(examples) if FEATURES.vectors else None
    row = {id(e): i for i, e in enumerate(examples)}
    # Out-of-fold scores: every example scored by a model that saw none of its seed group, once with the word
    # vectors for every kind and once without them.
    variants: dict[bool, list[tuple[dict[str, float], Example]]] = {True: [], False: []}
    # … and the highest score each variant's fold models give a message that must never be asked about (the final
    # raise of the confirm threshold below), so that the choice of a variant counts that raise too.
    must_pass: dict[bool, dict[str, float]] = {True: dict.fromkeys(KINDS, 0.0), False: dict.fromkeys(KINDS, 0.0)}
    for fold in range(FOLDS):
        train = [e for e in examples if fold_of(e.group) != fold]
        valid = [e for e in examples if fold_of(e.group) == fold]
        train_dense = dense[[row[id(e)] for e in train]] if dense is not None else None
        for with_vectors in (True, False) if dense is not None else (False,):
            fitted_fold = fit(train, analyze, train_dense, KINDS if with_vectors else ())
            model = IntentModel({**artifact, **fitted_fold, "thresholds": _PLACEHOLDER_THRESHOLDS})
            # scored as the gate will: rounded numbers
            variants[with_vectors].extend((model.scores(e.text), e) for e in valid)
            for text in EVERYDAY_REQUESTS + STATEMENTS:
                for kind, score in model.scores(text).items():
                    must_pass[with_vectors][kind] = max(must_pass[with_vectors][kind], score)
    thresholds: dict[str, dict[str, float]] = {}
    validation: dict[str, Any] = {}
    vector_kinds: list[str] = []
    for kind in KINDS:
        # Per kind, the variant that catches more unseen-seed prompts at its own confirm threshold.
        candidates = {}
        for with_vectors, oof_scores in variants.items():
            if not oof_scores:
                continue
            scored = [(s[kind], e) for s, e in oof_scores]
            t = choose_thresholds(kind, scored)
            raised = _raised(t["confirm"], must_pass[with_vectors][kind])
            recall = evaluate(kind, scored, {"confirm": raised, "block": max(t["block"], raised)})["recall_at_confirm"]
            candidates[with_vectors] = (recall, t, scored)
        use = True in candidates and candidates[True][0] > candidates[False][0]
        if use:
            vector_kinds.append(kind)
        thresholds[kind] = candidates[use][1]
        validation[kind] = evaluate(kind, candidates[use][2], thresholds[kind])
        validation[kind]["word_vectors"] = use
        validation[kind]["recall_at_confirm_without_vectors"] = candidates[False][0]
    oof = [
        ({k: (sv if k in vector_kinds else sn)[k] for k in KINDS}, e)
        for (sv, e), (sn, _) in zip(variants[True] or variants[False], variants[False], strict=True)
    ]
    fitted = fit(examples, analyze, dense, vector_kinds)
    artifact["meta"]["vector_kinds"] = vector_kinds
    if FEATURES.vectors:
        artifact["meta"]["word_vectors"] = vectors.source()
    # Ship a kind's classifier only where it earns its false-stop risk on unseen seeds …
    shipped = [k for k in KINDS if validation[k]["recall_at_confirm"] >= MIN_RECALL]
    # … and lets the generic requests through.
    final = IntentModel({**artifact, **fitted, "thresholds": thresholds})
    everyday_texts = EVERYDAY_REQUESTS + STATEMENTS
    everyday_scores = [final.scores(text) for text in everyday_texts]
    withheld: dict[str, str] = {}
    for kind in KINDS:
        everyday, text = max((scores[kind], text) for scores, text in zip(everyday_scores, everyday_texts, strict=True))
        t = thresholds[kind]
        t["confirm"] = _raised(t["confirm"], everyday)
        t["block"] = max(t["block"], t["confirm"])
        validation[kind] = {**validation[kind], **evaluate(kind, [(s[kind], e) for s, e in oof], t)}
        if everyday >= t["confirm"]:  # no threshold on the grid lets this everyday message through: not shipped
            withheld[kind] = text
    shipped = [k for k in shipped if validation[k]["recall_at_confirm"] >= MIN_RECALL]
    for text in GENERIC_REQUESTS:
        scores = final.scores(text)
        for kind in shipped:
            if kind not in withheld and scores[kind] >= thresholds[kind]["confirm"]:
                withheld[kind] = text
    shipped = [k for k in shipped if k not in withheld]
    artifact["kinds"] = shipped
    artifact.update(
        vocabulary=fitted["vocabulary"],
        idf=fitted["idf"],
        coef={k: fitted["coef"][k] for k in shipped},
        dense_coef={k: v for k, v in fitted["dense_coef"].items() if k in shipped},
        intercept={k: fitted["intercept"][k] for k in shipped},
        thresholds={k: thresholds[k] for k in shipped},
    )
    artifact["meta"]["validation_metrics"] = validation
    artifact["meta"]["not_shipped"] = {k: thresholds[k] for k in KINDS if k not in shipped}
    artifact["meta"]["withheld"] = withheld
    return artifact


def _sudachidict_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("SudachiDict-core")
    except PackageNotFoundError:
        return "unknown"


def dump(artifact: dict[str, Any]) -> bytes:
    return (json.dumps(artifact, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def train(files: Sequence[Path] = CORPUS_FILES, out: Path = ARTIFACT_PATH, card: Path | None = CARD_PATH) -> dict:
    artifact = build(files)
    out.write_bytes(dump(artifact))
    if card is not None:
        from bot.gate.intent.card import render_card

        comparison = json.loads(COMPARISON_PATH.read_text(encoding="utf-8")) if COMPARISON_PATH.exists() else None
        card.write_text(render_card(artifact, comparison), encoding="utf-8")
    return artifact
