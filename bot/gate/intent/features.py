"""Character n-grams of a prompt, folded so that width, case, digits and invisible characters do not matter.

Training (scikit-learn's TfidfVectorizer with this function as its analyzer) and run time (numpy) call the
same function, so the features cannot drift apart.
"""

from __future__ import annotations

import re
import unicodedata

NGRAM_MIN = 1
NGRAM_MAX = 3
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"[0-9]")


def fold(text: str) -> str:
    """NFKC (full width → ASCII, half-width kana → kana), no format characters, lower case, digits as 0."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _DIGITS.sub("0", text.lower())
    return _SPACES.sub(" ", text).strip()


def ngrams(text: str, n_min: int = NGRAM_MIN, n_max: int = NGRAM_MAX) -> list[str]:
    folded = fold(text)
    out: list[str] = []
    for n in range(n_min, n_max + 1):
        out.extend(folded[i : i + n] for i in range(len(folded) - n + 1))
    return out
