"""What Sudachi's dictionary knows about a word, whatever reading the tokenizer chose in context.

GiNZA's tokenizer gives one reading per token: 伏見 in 作者の伏見は is tagged a place, though the
dictionary also lists it as a surname; オルリンスキ is tagged a common noun although the dictionary
does not know it at all. The person rules ask both questions for the few tokens that stand in a
person's context. The dictionary is the one GiNZA uses (sudachidict_core, installed with it; nothing
is downloaded), opened once per process and shared with GiNZA's tokenizer.
"""

from __future__ import annotations

import threading
from functools import cache, lru_cache

import sudachipy

_LOCK = threading.Lock()


@cache
def dictionary() -> sudachipy.Dictionary:
    """The process's Sudachi dictionary. The NLP engine builds GiNZA's tokenizer on it too
    (bot/gate/nlp_engine.py), so the process maps the dictionary once."""
    return sudachipy.Dictionary()


def load() -> None:
    """Open the dictionary now (at the gate's load), not on the first message."""
    dictionary()


@lru_cache(maxsize=65536)
def _entries(word: str) -> tuple[tuple[str, ...], ...]:
    with _LOCK:
        return tuple(tuple(m.part_of_speech()[:4]) for m in dictionary().lookup(word) if m.surface() == word)


def unknown(word: str) -> bool:
    """The dictionary has no entry for the word (オルリンスキ, シェーレン): new to it, often a name."""
    return not _entries(word)


def can_be_name(word: str) -> bool:
    """One of the dictionary's entries for the word is a person's name (伏見, 瀬戸, 金)."""
    return any(pos[2] == "人名" for pos in _entries(word))


def can_be_place(word: str) -> bool:
    """One of the dictionary's entries for the word is a place name."""
    return any(pos[2] == "地名" for pos in _entries(word))


def can_be_surname(word: str) -> bool:
    """One of the dictionary's entries for the word is a family name (東郷, 射場, 秋川)."""
    return any(pos[2] == "人名" and pos[3] == "姓" for pos in _entries(word))


def can_be_common_noun(word: str) -> bool:
    """One of the dictionary's entries for the word is a common noun (入口, 本名, 国立)."""
    return any(pos[1] == "普通名詞" for pos in _entries(word))


@cache
def _tokenizer() -> sudachipy.Tokenizer:
    return dictionary().create(sudachipy.SplitMode.A)


@lru_cache(maxsize=4096)
def common_compound(word: str) -> bool:
    """情報政策, 各課庶務: two or more words the dictionary knows only as common nouns (a department, not a name)."""
    with _LOCK:
        tags = [tuple(m.part_of_speech()[:2]) for m in _tokenizer().tokenize(word)]
    return len(tags) >= 2 and all(tag[0] in {"名詞", "接頭辞", "接尾辞"} and tag[1] != "固有名詞" for tag in tags)
