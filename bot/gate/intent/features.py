"""The terms of a prompt: character n-grams and Sudachi lemma n-grams, folded so that width, case, digits and
invisible characters do not matter.

Training (scikit-learn's TfidfVectorizer with `terms` as its analyzer) and run time (numpy) call the same
function with the same `FeatureSpec` (read back from the artifact), so the features cannot drift apart.

Lemmas come from SudachiPy (split mode C, `normalized_form()`: 書い/書き → 書く, もらえる → 貰う, お疲れさま →
お疲れ様), without the rest of the GiNZA pipeline: one tokenizer per thread, created on first use
(about 0.3 ms per 500-character prompt). A lemma term starts with a tab, which `fold` never leaves in a text,
so it cannot collide with a character n-gram.
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

NGRAM_MIN = 1
NGRAM_MAX = 3
LEMMA_NGRAM_MAX = 2  # lemma unigrams and bigrams
SPLIT_MODE = "C"
LEMMA_PREFIX = "\tw:"
BIGRAM_PREFIX = "\tw2:"
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"[0-9]")
# Punctuation, symbols and spaces carry no lemma (their characters are still in the character n-grams).
_SKIP_POS = frozenset({"補助記号", "空白"})
# Sudachi takes at most 49,149 bytes at once; a character is at most 4 bytes in UTF-8.
CHUNK_CHARS = 12_000


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    ngram_min: int = NGRAM_MIN
    ngram_max: int = NGRAM_MAX
    lemma_ngram_max: int = LEMMA_NGRAM_MAX  # 0: character n-grams only
    split_mode: str = SPLIT_MODE
    # Weight of the dense block: the mean ja_ginza word vector of the lemmas (bot/gate/intent/vectors.py),
    # appended after the tf-idf terms. 0: no vectors (the lemmas are still read when lemma_ngram_max > 0).
    vectors: float = 0.0

    @classmethod
    def from_artifact(cls, features: dict[str, Any]) -> FeatureSpec:
        """An artifact without lemma settings (format 1 before lemmas) uses character n-grams only."""
        return cls(
            int(features["ngram_min"]),
            int(features["ngram_max"]),
            int(features.get("lemma_ngram_max", 0)),
            str(features.get("split_mode", SPLIT_MODE)),
            float(features.get("vectors", 0.0)),
        )

    def as_artifact(self) -> dict[str, Any]:
        return {
            "ngram_min": self.ngram_min,
            "ngram_max": self.ngram_max,
            "lemma_ngram_max": self.lemma_ngram_max,
            "split_mode": self.split_mode,
            "vectors": self.vectors,
        }


def fold(text: str) -> str:
    """NFKC (full width → ASCII, half-width kana → kana), no format characters, lower case, digits as 0."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _DIGITS.sub("0", text.lower())
    return _SPACES.sub(" ", text).strip()


def char_ngrams(folded: str, n_min: int = NGRAM_MIN, n_max: int = NGRAM_MAX) -> list[str]:
    out: list[str] = []
    for n in range(n_min, n_max + 1):
        out.extend(folded[i : i + n] for i in range(len(folded) - n + 1))
    return out


def ngrams(text: str, n_min: int = NGRAM_MIN, n_max: int = NGRAM_MAX) -> list[str]:
    """Character n-grams of the folded text."""
    return char_ngrams(fold(text), n_min, n_max)


_local = threading.local()


def _tokenizer(split_mode: str) -> Any:
    tokenizers: dict[str, Any] | None = getattr(_local, "tokenizers", None)
    if tokenizers is None:
        tokenizers = _local.tokenizers = {}
    tokenizer = tokenizers.get(split_mode)
    if tokenizer is None:
        from sudachipy import SplitMode

        from bot.gate.recognizers import lexicon

        # The process's one Sudachi dictionary (GiNZA's tokenizer and the person rules use it too): a second
        # Dictionary would map the same files again.
        tokenizer = tokenizers[split_mode] = lexicon.dictionary().create(getattr(SplitMode, split_mode))
    return tokenizer


def _pieces(folded: str) -> list[str]:
    """Sudachi refuses an input over 49,149 bytes: cut a long text after a line end or 。 near every CHUNK_CHARS."""
    out: list[str] = []
    while len(folded) > CHUNK_CHARS:
        cut = max(folded.rfind(" ", 0, CHUNK_CHARS), folded.rfind("。", 0, CHUNK_CHARS))
        cut = cut + 1 if cut > CHUNK_CHARS // 2 else CHUNK_CHARS
        out.append(folded[:cut])
        folded = folded[cut:]
    out.append(folded)
    return out


def lemmas(folded: str, split_mode: str = SPLIT_MODE) -> list[str]:
    """Sudachi's normalised lemmas of a folded text, punctuation and spaces left out."""
    if not folded:
        return []
    tokenizer = _tokenizer(split_mode)
    return [
        m.normalized_form()
        for piece in _pieces(folded)
        for m in tokenizer.tokenize(piece)
        if m.part_of_speech()[0] not in _SKIP_POS
    ]


def lemma_terms(words: list[str], n_max: int = LEMMA_NGRAM_MAX) -> list[str]:
    out = [LEMMA_PREFIX + w for w in words] if n_max >= 1 else []
    if n_max >= 2:
        out.extend(f"{BIGRAM_PREFIX}{a}\t{b}" for a, b in itertools.pairwise(words))
    return out


def analyse(text: str, spec: FeatureSpec = FeatureSpec()) -> tuple[list[str], list[str]]:
    """Every term of a prompt under `spec`, and its lemmas (read once, for the terms and the word vectors)."""
    folded = fold(text)
    out = char_ngrams(folded, spec.ngram_min, spec.ngram_max)
    words = lemmas(folded, spec.split_mode) if spec.lemma_ngram_max or spec.vectors else []
    if spec.lemma_ngram_max:
        out.extend(lemma_terms(words, spec.lemma_ngram_max))
    return out, words


def terms(text: str, spec: FeatureSpec = FeatureSpec()) -> list[str]:
    """Every term of a prompt under `spec`: the analyzer of training and the features of run time."""
    return analyse(text, spec)[0]
