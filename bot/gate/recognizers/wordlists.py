"""Word lists of the person rules, kept as plain text files in `data/` (one entry a line, `#` comments).

Lists are data, not logic: a city adding a role word or an honorific edits a text file, and the
rules in person.py stay short enough to read.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def words(name: str) -> tuple[str, ...]:
    """Entries of `data/<name>.txt` in file order, without comments, blanks or duplicates."""
    path = resources.files("bot.gate.recognizers") / "data" / f"{name}.txt"
    seen: dict[str, None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            seen.setdefault(entry, None)
    return tuple(seen)


def word_set(name: str) -> frozenset[str]:
    return frozenset(words(name))
