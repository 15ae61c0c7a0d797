"""Static word vectors for the learned layer: the mean of ja_ginza's 300-dimensional vectors over a prompt's lemmas.

The table ships inside the installed `ja_ginza` package (`vocab/vectors`, 20,000 rows for about 480,000 keys); it
is read once per process (about 25 MB, the rows memory-mapped), without loading the GiNZA pipeline, and nothing
is downloaded. A word the table does not know adds nothing; a prompt none of whose lemmas it knows gets zeros.
Two words with related meanings (投票 and 一票, 家計簿 and 節約) get nearby vectors, which the character n-grams
and lemma terms cannot see.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

PACKAGE = "ja_ginza"


def _vocab_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"{PACKAGE} is not installed")
    for location in spec.submodule_search_locations:
        found = sorted(Path(location).glob(f"{PACKAGE}-*/vocab"))
        if found and (found[-1] / "vectors").exists():
            return found[-1]
    raise FileNotFoundError(f"{PACKAGE} has no vocab/vectors")


@dataclass(frozen=True)
class WordVectors:
    """ja_ginza's table, read without spaCy's loader: the row matrix memory-mapped (pages are read as rows are
    used) and the key → row map as two sorted numpy arrays (spaCy's own loader builds a Python dict of 480,000
    keys and costs about 200 MB more at its peak)."""

    keys: np.ndarray  # uint64 hashes of the words, sorted
    rows: np.ndarray  # the row of each key
    data: np.ndarray  # (rows, dimensions) float32, memory-mapped

    @property
    def shape(self) -> tuple[int, int]:
        return int(self.data.shape[0]), int(self.data.shape[1])

    def find(self, word: str) -> int:
        """The row of a word, or -1."""
        return int(self.find_all([word])[0])

    def find_all(self, words: Iterable[str]) -> np.ndarray:
        """The row of each word, -1 where the table does not know it (one sorted search for all of them)."""
        from spacy.strings import hash_string

        keys = np.fromiter((hash_string(w) for w in words), dtype=np.uint64)
        if not len(keys) or not len(self.keys):
            return np.full(len(keys), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        return np.where(self.keys[at] == keys, self.rows[at], -1).astype(np.int64)


def _read(directory: Path) -> WordVectors:
    from srsly import msgpack

    data = np.load(directory / "vectors", mmap_mode="r")
    unpacker = msgpack.Unpacker(raw=False, max_map_len=10**7)
    unpacker.feed((directory / "key2row").read_bytes())
    n = unpacker.read_map_header()
    keys = np.empty(n, dtype=np.uint64)
    rows = np.empty(n, dtype=np.int32)
    for i in range(n):  # one pass over the map, never a dict of it
        keys[i] = unpacker.unpack()
        rows[i] = unpacker.unpack()
    order = np.argsort(keys, kind="stable")
    if data.ndim != 2 or (n and int(rows.max()) >= data.shape[0]):
        raise ValueError("the word-vector table and its key map disagree")
    return WordVectors(keys[order], rows[order], data)


@lru_cache(maxsize=1)
def table() -> WordVectors:
    """The installed ja_ginza's word vectors, read once per process."""
    return _read(_vocab_dir())


def source() -> str:
    """Where the vectors come from, for the artifact's metadata (ja_ginza-5.3.0/vocab, 20000×300)."""
    rows, dims = table().shape
    return f"{_vocab_dir().parent.name}/vocab/vectors ({rows}×{dims})"


def dimensions() -> int:
    return table().shape[1]


def mean_vector(words: Iterable[str]) -> np.ndarray:
    """The l2-normalised mean vector of the words the table knows (zeros if it knows none)."""
    vectors = table()
    found = vectors.find_all(words)
    found = found[found >= 0]
    if not len(found):
        return np.zeros(vectors.shape[1])
    mean = np.asarray(vectors.data[found], dtype=np.float64).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else mean
