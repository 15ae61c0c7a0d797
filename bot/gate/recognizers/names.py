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
