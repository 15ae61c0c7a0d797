"""A rule's group of regular expressions, searched fast.

A group is many alternatives (`all_of` groups and `none_of` hold 20–160 each). Joined into one
alternation, Python's regex engine tries every alternative at every position of the prompt, because no
single literal starts them all. Most alternatives can only start with a few characters (選挙運動 with 選,
`(?i:phishing …)` with p or P), so the group is split: the alternatives whose possible first characters are
known are joined behind a lookahead on the union of those characters, which fails at a glance at every
other position; the rest (starting with `[^、。]{1,10}`, `.`, `^(?![\\s\\S]*…)`…) stay a plain alternation.

`found` says whether any alternative matches anywhere, exactly as the single alternation would.
`finditer` keeps the single alternation, because where its matches start is part of a rule's meaning
(`near`), and splitting could report other, overlapping starts.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence
from typing import Any

try:  # the stdlib's own parser (Python 3.11+); without it every alternative is searched plainly
    _parser: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - another Python implementation
    _parser = None

_MAX_RANGE = 4000  # a class wider than this (any kanji) is not worth listing
_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}
_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}
_ZERO_WIDTH = {"AT", "ASSERT", "ASSERT_NOT"}

# A class item that can start a match: a character or \\d \\s \\w, and whether it is read ignoring case
# (then the lookahead reads it ignoring case too, so the engine's own case folding decides, K for k included).
_Item = tuple[str, bool]
# (the items that can start a match, can the part match the empty string?) or None: unknown.
_Start = tuple[frozenset[_Item], bool] | None


def _sequence(items: Any, ignore_case: bool) -> _Start:
    found: set[_Item] = set()
    for op, av in items:
        start = _item(str(op), av, ignore_case)
        if start is None:
            return None
        found |= start[0]
        if not start[1]:
            return frozenset(found), False
    return frozenset(found), True


def _class(av: Any, ignore_case: bool) -> _Start:
    items: set[_Item] = set()
    for op, value in av:
        name = str(op)
        if name == "LITERAL":
            items.add((chr(value), ignore_case))
        elif name == "RANGE":
            low, high = value
            if high - low > _MAX_RANGE:
                return None
            items |= {(chr(code), ignore_case) for code in range(low, high + 1)}
        elif name == "CATEGORY" and str(value) in _CATEGORIES:
            items.add((_CATEGORIES[str(value)], False))
        else:  # NEGATE, other categories
            return None
    return frozenset(items), False


def _item(name: str, av: Any, ignore_case: bool) -> _Start:
    if name == "LITERAL":
        return frozenset({(chr(av), ignore_case)}), False
    if name == "IN":
        return _class(av, ignore_case)
    if name == "SUBPATTERN":
        _group, add_flags, del_flags, sub = av
        inner = (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return _sequence(sub, inner)
    if name == "BRANCH":
        found: set[_Item] = set()
        empty = False
        for alternative in av[1]:
            start = _sequence(alternative, ignore_case)
            if start is None:
                return None
            found |= start[0]
            empty = empty or start[1]
        return frozenset(found), empty
    if name in _REPEATS:
        low, _high, sub = av
        start = _sequence(sub, ignore_case)
        if start is None:
            return None
        return start[0], start[1] or low == 0
    if name in _ZERO_WIDTH:  # consumes nothing: the first character comes from what follows
        return frozenset(), True
    return None  # ANY, NOT_LITERAL, group references, conditionals …


def first_characters(pattern: str) -> frozenset[_Item] | None:
    """Class items (a character or \\d \\s \\w, and whether case is ignored) one of which every match of
    `pattern` starts with.

    None when that cannot be told from the pattern, or when it can match the empty string.
    """
    if _parser is None:
        return None
    try:
        parsed = _parser.parse(pattern)
    except re.error:  # the loader refuses such a pattern; here it would only be searched plainly
        return None
    start = _sequence(parsed, bool(parsed.state.flags & re.IGNORECASE))
    if start is None or start[1] or not start[0]:
        return None
    return start[0]


def _alternation(patterns: Sequence[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _escape(item: str) -> str:
    return item if item in _CATEGORIES.values() else re.escape(item)


def _lookahead(items: set[_Item]) -> str:
    exact = "".join(_escape(item) for item, folded in sorted(items) if not folded)
    folded = "".join(_escape(item) for item, folded in sorted(items) if folded)
    parts = ([f"[{exact}]"] if exact else []) + ([f"(?i:[{folded}])"] if folded else [])
    return f"(?={'|'.join(parts)})"


class PatternGroup:
    """One group of alternatives: does any of them match, and where does the whole alternation match."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = tuple(patterns)
        self.whole = re.compile(_alternation(self.patterns))
        known: list[str] = []
        starts: set[_Item] = set()
        rest: list[str] = []
        for pattern in self.patterns:
            first = first_characters(pattern)
            if first is None:
                rest.append(pattern)
            else:
                known.append(pattern)
                starts |= first
        self._guarded = None
        if known:
            self._guarded = re.compile(f"{_lookahead(starts)}(?:{_alternation(known)})")
        self._rest = re.compile(_alternation(rest)) if rest else None

    def found(self, text: str) -> bool:
        if self._guarded is not None and self._guarded.search(text):
            return True
        return self._rest is not None and self._rest.search(text) is not None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.whole.finditer(text)
