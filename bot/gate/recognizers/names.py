"""Surname and given-name dictionaries from the `japanese-personal-name-dataset` package (MIT).

Read from the installed package's CSV files; nothing is downloaded.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


def _rows(filename: str) -> list[list[str]]:
    path = resources.files("japanese_personal_name_dataset") / "dataset" / filename
    with path.open(encoding="utf-8") as handle:
        return list(csv.reader(handle))


@cache
def surnames() -> frozenset[str]:
    """Kanji surnames (佐藤, 鈴木 …), about 2,000."""
    return frozenset(row[0] for row in _rows("last_name_org.csv") if row and row[0])


@cache
def given_names() -> frozenset[str]:
    """Kanji spellings of given names (太郎, 花子 …). Single characters are left out: too many
    ordinary words (光, 誠, 望) are also one-character names."""
    names: set[str] = set()
    for filename in ("first_name_man_org.csv", "first_name_woman_org.csv"):
        for row in _rows(filename):
            names.update(spelling for spelling in row[2:] if len(spelling) >= 2)
    return frozenset(names)


@cache
def hiragana_surnames() -> frozenset[str]:
    """Readings of the surnames in hiragana (さかもと, たかはし), three kana or more: a child's name in a class's
    anthology or on a roster is written in hiragana, family name first."""
    return frozenset(row[2] for row in _rows("last_name_org.csv") if len(row) > 2 and len(row[2]) >= 3)


@cache
def hiragana_given_names() -> frozenset[str]:
    """Readings of given names in hiragana (はなこ, たろう, ゆい): how children's names are written in
    a nursery roster. Many are ordinary words too (あい, はる), so they count only in person context."""
    names: set[str] = set()
    for filename in ("first_name_man_org.csv", "first_name_woman_org.csv"):
        names.update(row[0] for row in _rows(filename) if row and len(row[0]) >= 2)
    return frozenset(names)


def _romaji_spellings(reading: str) -> set[str]:
    """satou → satou, sato, satoh; yuuta → yuuta, yuta: the spellings passports and signatures use."""
    out = {reading}
    for long_vowel, short in (("ou", "o"), ("ou", "oh"), ("uu", "u"), ("oo", "o")):
        out |= {spelling.replace(long_vowel, short) for spelling in out}
    return out


@cache
def romaji_names() -> frozenset[str]:
    """Lower-case romaji of Japanese surnames and given names (tanaka, hiroshi) and of common names
    of foreign residents (nguyen, santos, shrestha, minjun) from data/foreign_names_romaji.txt."""
    from bot.gate.recognizers.wordlists import words

    names: set[str] = set()
    for row in _rows("last_name_org.csv"):
        if len(row) >= 4 and row[3]:
            names |= _romaji_spellings(row[3].lower())
    for filename in ("first_name_man_org.csv", "first_name_woman_org.csv"):
        for row in _rows(filename):
            if len(row) >= 2 and row[1] and len(row[1]) >= 3:
                names |= _romaji_spellings(row[1].lower())
    for entry in words("foreign_names_romaji"):
        names.update(part.lower() for part in entry.split())
    return frozenset(names)


@cache
def foreign_katakana_names() -> frozenset[str]:
    """Katakana family and given names of foreign residents (グエン, ヴァン, サントス, ミンジュ, シュレスタ)."""
    from bot.gate.recognizers.wordlists import words

    return frozenset(words("foreign_surnames_katakana")) | frozenset(words("foreign_given_katakana"))
