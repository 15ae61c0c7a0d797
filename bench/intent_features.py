#!/usr/bin/env python3
"""Compare feature sets for the intent classifiers on the trainer's seed-group cross-validation.

    PYTHONPATH=. python bench/intent_features.py --list                 # the configuration names
    PYTHONPATH=. python bench/intent_features.py                        # every configuration, prints a table
    PYTHONPATH=. python bench/intent_features.py --only "base: char 1-3, C=4" --record   # → the model card

Same corpus, same 5 folds (bot/gate/intent/train.py: fold_of), same threshold rule (choose_thresholds: above
every hand-written harmless prompt, at most one generated harmless prompt stopped) and the same liblinear
logistic regression as the trainer. For each configuration and kind it reports recall at that confirm threshold
on out-of-fold scores (each prompt scored by a model that saw none of its seed group), the mean over the kinds,
and how many kinds pass the shipping floor (MIN_RECALL); beside it, the mean recall where 0.1 %, 0.2 %, 0.5 % and
1 % of the harmless prompts are stopped (a view that does not hang on the single highest harmless score).
--record merges the numbers into bench/data/intent_feature_comparison.json, which `python -m bot rules train`
copies into the model card (docs/intent-model.md). Reads no held-out file (load_examples refuses them).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.gate.intent import train as trainer  # noqa: E402
from bot.gate.intent.features import fold  # noqa: E402
from bot.gate.intent.vectors import mean_vector  # noqa: E402

COMPARISON_PATH = ROOT / "bench" / "data" / "intent_feature_comparison.json"
# Parts of speech whose lemmas carry the request's content (Sudachi's first POS level).
CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞", "代名詞", "接尾辞", "連体詞"})
SKIP_POS = frozenset({"補助記号", "空白"})


@dataclass(frozen=True)
class Parsed:
    folded: str
    lemmas: tuple[tuple[str, str], ...]  # (normalized_form, first POS level), symbols and spaces dropped


def parse_all(texts: Sequence[str], mode: str) -> list[Parsed]:
    from sudachipy import Dictionary, SplitMode

    tokenizer = Dictionary(dict="core").create(getattr(SplitMode, mode))
    out = []
    for text in texts:
        folded = fold(text)
        lemmas = tuple(
            (m.normalized_form(), m.part_of_speech()[0])
            for m in tokenizer.tokenize(folded)
            if m.part_of_speech()[0] not in SKIP_POS
        )
        out.append(Parsed(folded, lemmas))
    return out


def chars(p: Parsed, n_min: int, n_max: int) -> list[str]:
    s = p.folded
    return [s[i : i + n] for n in range(n_min, n_max + 1) for i in range(len(s) - n + 1)]


def lemma_terms(p: Parsed, bigrams: bool, content_only: bool) -> list[str]:
    words = [w for w, pos in p.lemmas if not content_only or pos in CONTENT_POS]
    out = ["\tw:" + w for w in words]
    if bigrams:
        out.extend(f"\tw2:{a}\t{b}" for a, b in itertools.pairwise(words))
    return out


@dataclass(frozen=True)
class Config:
    name: str
    terms: Callable[[Parsed], list[str]]
    c: float = trainer.C
    group_weights: bool = False  # every seed group weighs the same in the loss, however many variants it has
    mode: str = "C"
    # Separate blocks: each block is tf-idf weighted and l2-normalised on its own, then scaled by its weight
    # (so that the few word terms are not drowned by the many character n-grams).
    blocks: tuple[tuple[Callable[[Parsed], list[str]], float], ...] = ()
    # A term must occur in at least this many seed groups of the training split: a word only one seed uses
    # says more about that seed than about its kind.
    min_groups: int = 1
    # Weight of a dense block appended to the sparse terms: the mean of ja_ginza's static word vectors (300
    # dimensions, shipped in the installed package) over the prompt's lemmas, l2-normalised. 0: none.
    vectors: float = 0.0


CONFIGS = [
    Config("base: char 1-3, C=4", lambda p: chars(p, 1, 3)),
    Config("char 1-3, C=1", lambda p: chars(p, 1, 3), c=1.0),
    Config("char 1-3, C=16", lambda p: chars(p, 1, 3), c=16.0),
    Config("char 2-4, C=4", lambda p: chars(p, 2, 4)),
    Config("char 1-4, C=4", lambda p: chars(p, 1, 4)),
    Config("lemma 1-2 only, C=4", lambda p: lemma_terms(p, True, False)),
    Config("char 1-3 + lemma 1, C=4", lambda p: chars(p, 1, 3) + lemma_terms(p, False, False)),
    Config("char 1-3 + lemma 1-2, C=4", lambda p: chars(p, 1, 3) + lemma_terms(p, True, False)),
    Config("char 1-3 + content lemma 1-2, C=4", lambda p: chars(p, 1, 3) + lemma_terms(p, True, True)),
    Config("char 1-3 + lemma 1-2, C=16", lambda p: chars(p, 1, 3) + lemma_terms(p, True, False), c=16.0),
    Config(
        "blocks char 1-3 | lemma 1-2 (0.7/0.7), C=4",
        chars,
        blocks=((lambda p: chars(p, 1, 3), 0.7071), (lambda p: lemma_terms(p, True, False), 0.7071)),
    ),
    Config(
        "blocks char 1-3 | lemma 1-2 (0.7/0.7), C=16",
        chars,
        c=16.0,
        blocks=((lambda p: chars(p, 1, 3), 0.7071), (lambda p: lemma_terms(p, True, False), 0.7071)),
    ),
    Config(
        "blocks char 1-3 | lemma 1-2 (1/1), C=4",
        chars,
        blocks=((lambda p: chars(p, 1, 3), 1.0), (lambda p: lemma_terms(p, True, False), 1.0)),
    ),
    Config("mg2 char 1-3, C=4", lambda p: chars(p, 1, 3), min_groups=2),
    Config("mg3 char 1-3, C=4", lambda p: chars(p, 1, 3), min_groups=3),
    Config("mg3 char 1-3, C=16", lambda p: chars(p, 1, 3), min_groups=3, c=16.0),
    Config(
        "mg3 char 1-3 + lemma 1-2, C=16", lambda p: chars(p, 1, 3) + lemma_terms(p, True, False), min_groups=3, c=16.0
    ),
    Config(
        "mg5 char 1-3 + lemma 1-2, C=16", lambda p: chars(p, 1, 3) + lemma_terms(p, True, False), min_groups=5, c=16.0
    ),
    Config("group-weighted char 1-3, C=4", lambda p: chars(p, 1, 3), group_weights=True),
    Config("gw char 1-3, C=16", lambda p: chars(p, 1, 3), group_weights=True, c=16.0),
    Config("gw char 1-3 + lemma 1-2, C=4", lambda p: chars(p, 1, 3) + lemma_terms(p, True, False), group_weights=True),
    Config(
        "gw char 1-3 + lemma 1-2, C=16",
        lambda p: chars(p, 1, 3) + lemma_terms(p, True, False),
        group_weights=True,
        c=16.0,
    ),
    Config(
        "gw blocks char 1-3 | lemma 1-2 (0.7/0.7), C=16",
        chars,
        c=16.0,
        group_weights=True,
        blocks=((lambda p: chars(p, 1, 3), 0.7071), (lambda p: lemma_terms(p, True, False), 0.7071)),
    ),
    Config(
        "gw char 1-3 + lemma 1-2, C=64",
        lambda p: chars(p, 1, 3) + lemma_terms(p, True, False),
        group_weights=True,
        c=64.0,
    ),
    Config(
        "gw char 1-3 + lemma 1, C=16",
        lambda p: chars(p, 1, 3) + lemma_terms(p, False, False),
        group_weights=True,
        c=16.0,
    ),
    Config(
        "gw char 1-4 + lemma 1-2, C=16",
        lambda p: chars(p, 1, 4) + lemma_terms(p, True, False),
        group_weights=True,
        c=16.0,
    ),
    Config("char 1-3 + lemma 1-2 (mode B), C=4", lambda p: chars(p, 1, 3) + lemma_terms(p, True, False), mode="B"),
    Config(
        "gw char 1-3 + lemma 1-2 + ginza vectors (1), C=16",
        lambda p: chars(p, 1, 3) + lemma_terms(p, True, False),
        group_weights=True,
        c=16.0,
        vectors=1.0,
    ),
    Config(
        "gw char 1-3 + lemma 1-2 + ginza vectors (3), C=16",
        lambda p: chars(p, 1, 3) + lemma_terms(p, True, False),
        group_weights=True,
        c=16.0,
        vectors=3.0,
    ),
]


def mean_vectors(parsed: Sequence[Parsed]) -> np.ndarray:
    """Each prompt's mean ja_ginza word vector over its lemmas, as the shipped model computes it (rows of zeros where
    no lemma has one)."""
    return np.vstack([mean_vector(w for w, _ in p.lemmas) for p in parsed])


def oof_scores(config: Config, parsed: list[Parsed], examples: list[trainer.Example]) -> np.ndarray:
    """Out-of-fold probabilities, shape (examples, kinds)."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    blocks = config.blocks or ((config.terms, 1.0),)
    block_terms = [[fn(p) for p in parsed] for fn, _ in blocks]
    dense = mean_vectors(parsed) * config.vectors if config.vectors else None
    folds = np.asarray([trainer.fold_of(e.group) for e in examples])
    groups = [e.group for e in examples]
    scores = np.zeros((len(examples), len(trainer.KINDS)))
    for f in range(trainer.FOLDS):
        tr, va = np.flatnonzero(folds != f), np.flatnonzero(folds == f)
        parts_tr, parts_va = [], []
        for terms, (_, w) in zip(block_terms, blocks, strict=True):
            vocabulary = None
            if config.min_groups > 1:
                seen: dict[str, set[str]] = {}
                for i in tr:
                    for term in set(terms[i]):
                        seen.setdefault(term, set()).add(groups[i])
                vocabulary = sorted(t for t, g in seen.items() if len(g) >= config.min_groups)
            vec = TfidfVectorizer(
                analyzer=lambda t: t,
                lowercase=False,
                min_df=trainer.MIN_DF if vocabulary is None else 1,
                vocabulary=vocabulary,
                sublinear_tf=True,
                dtype=np.float64,
            )
            parts_tr.append(vec.fit_transform([terms[i] for i in tr]) * w)
            parts_va.append(vec.transform([terms[i] for i in va]) * w)
        if dense is not None:
            parts_tr.append(csr_matrix(dense[tr]))
            parts_va.append(csr_matrix(dense[va]))
        x_tr, x_va = hstack(parts_tr).tocsr(), hstack(parts_va).tocsr()
        weight = None
        if config.group_weights:
            sizes: dict[str, int] = {}
            for i in tr:
                sizes[groups[i]] = sizes.get(groups[i], 0) + 1
            weight = np.asarray([1.0 / sizes[groups[i]] for i in tr])
            weight *= len(tr) / weight.sum()
        for k, kind in enumerate(trainer.KINDS):
            y = np.asarray([kind in examples[i].kinds for i in tr], dtype=np.int64)
            clf = LogisticRegression(
                C=config.c, class_weight="balanced", solver="liblinear", random_state=trainer.SEED, max_iter=1000
            ).fit(x_tr, y, sample_weight=weight)
            scores[va, k] = 1.0 / (1.0 + np.exp(-clf.decision_function(x_va)))
    return scores


FALSE_STOP_RATES = (0.001, 0.002, 0.005, 0.01)


def recall_at_false_stops(kind: str, scored: list[tuple[float, trainer.Example]]) -> float:
    """Mean recall over FALSE_STOP_RATES, each the recall above the score that stops that share of harmless prompts.

    A second view that does not hang on the single highest harmless score the way the confirm threshold does.
    """
    harmless = sorted((s for s, e in scored if e.harmless), reverse=True)
    positives = [s for s, e in scored if kind in e.kinds]
    recalls = []
    for rate in FALSE_STOP_RATES:
        bar = harmless[int(rate * len(harmless))]
        recalls.append(sum(s > bar for s in positives) / len(positives))
    return round(float(np.mean(recalls)), 3)


def summarise(scores: np.ndarray, examples: list[trainer.Example]) -> dict[str, dict[str, float]]:
    out = {}
    for k, kind in enumerate(trainer.KINDS):
        scored = [(round(float(s), 6), e) for s, e in zip(scores[:, k], examples, strict=True)]
        t = trainer.choose_thresholds(kind, scored)
        m = trainer.evaluate(kind, scored, t)
        harmless = sorted(((s, e) for s, e in scored if e.harmless), key=lambda se: -se[0])
        out[kind] = {
            "confirm": t["confirm"],
            "recall_at_fp": recall_at_false_stops(kind, scored),
            "recall": m["recall_at_confirm"],
            "stopped": m["harmless_stopped"],
            # the harmless prompts that hold the confirm threshold up
            "top_harmless": [[round(s, 3), e.group, e.text[:80]] for s, e in harmless[:3]],
        }
    return out


def run(configs: Sequence[Config], files: Sequence[Path], diagnose: bool = False) -> dict[str, Any]:
    examples = trainer.load_examples(files)
    texts = [e.text for e in examples]
    parsed_by_mode: dict[str, list[Parsed]] = {}
    results: dict[str, Any] = {}
    for config in configs:
        if config.mode not in parsed_by_mode:
            parsed_by_mode[config.mode] = parse_all(texts, config.mode)
        per_kind = summarise(oof_scores(config, parsed_by_mode[config.mode], examples), examples)
        recalls = [v["recall"] for v in per_kind.values()]
        results[config.name] = {
            "mean_recall": round(float(np.mean(recalls)), 3),
            "mean_recall_at_fp": round(float(np.mean([v["recall_at_fp"] for v in per_kind.values()])), 3),
            "kinds_over_floor": sum(r >= trainer.MIN_RECALL for r in recalls),
            "per_kind": {k: {"recall": v["recall"], "recall_at_fp": v["recall_at_fp"]} for k, v in per_kind.items()},
        }
        row = " ".join(f"{kind[:6]}={v['recall']:.2f}" for kind, v in per_kind.items())
        r = results[config.name]
        print(
            f"{config.name:46} mean={r['mean_recall']:.3f} fp={r['mean_recall_at_fp']:.3f} "
            f"ship={r['kinds_over_floor']:2d}  {row}",
            flush=True,
        )
        if diagnose:
            for kind, v in per_kind.items():
                print(f"    {kind:20} confirm={v['confirm']:.2f} top harmless: {v['top_harmless']}")
    return {
        "corpus_sha256": trainer.corpus_sha256(files),
        "corpus_files": [p.name for p in files],
        "examples": len(examples),
        "groups": len({e.group for e in examples}),
        "configs": results,
    }


def record(run_result: dict[str, Any], path: Path = COMPARISON_PATH) -> None:
    """Merge one run into the comparison file (the model card's table): same corpus → same entry."""
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"runs": []}
    for entry in data["runs"]:
        if entry["corpus_sha256"] == run_result["corpus_sha256"]:
            entry["configs"].update(run_result["configs"])
            break
    else:
        data["runs"].append(run_result)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="+", metavar="NAME", help="configuration names (exactly as listed by --list)")
    ap.add_argument("--list", action="store_true", help="list the configuration names and stop")
    ap.add_argument("--corpus", type=Path, nargs="+", default=None, help="JSONL files (default: the trainer's)")
    ap.add_argument("--record", action="store_true", help=f"merge the numbers into {COMPARISON_PATH.name}")
    ap.add_argument("--diagnose", action="store_true", help="print the harmless prompts that set each threshold")
    args = ap.parse_args(argv)
    if args.list:
        print("\n".join(c.name for c in CONFIGS))
        return 0
    configs = CONFIGS
    if args.only:
        unknown = set(args.only) - {c.name for c in CONFIGS}
        if unknown:
            ap.error(f"unknown configurations: {sorted(unknown)}")
        configs = [c for c in CONFIGS if c.name in args.only]
    files = tuple(args.corpus) if args.corpus else trainer.CORPUS_FILES
    result = run(configs, files, args.diagnose)
    if args.record:
        record(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
