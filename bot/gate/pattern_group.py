"""A rule's group of regular expressions, searched fast.

A group is many alternatives (`all_of` groups and `none_of` hold 20–340 each). Joined into one
alternation, Python's regex engine tries every alternative at every position of the prompt, because no
single literal starts them all. But most alternatives need characters that most prompts lack: 選挙運動 needs
選挙, `[^、。]{1,10}の名前で` needs 名前, `(?i:phishing|vishing)` needs ph or ng. Each alternative is indexed by one
such clause (one key of a set: a character, or two adjacent ones), read from the parsed pattern; a prompt's own
keys pick the few alternatives that can match anywhere in it, and only those are searched, each on its own.
An alternative that cannot match anywhere in a text changes no match of the alternation there, so:

`found` says whether any alternative matches anywhere, exactly as the single alternation would.
`starts` says where the single alternation's matches start (`near` reads them): the picked alternatives are
walked in the alternation's order, as the engine would try them at each position.
`finditer` is the single alternation itself.

A group whose patterns cannot all be read so (a group reference, another Python) is searched as before: the
alternatives whose possible first characters are known behind a lookahead on the union of those characters,
the rest as a plain alternation (`first_characters`); `starts` then lists `finditer`'s starts.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property, lru_cache
from typing import Any

try:  # the stdlib's own parser (Python 3.11+); without it every alternative is searched plainly
    _parser: Any = importlib.import_module("re._parser")
    # The engine's own case folding: a character matches a case-ignoring c where its lower case is c's lower
    # case or one of that one's extra equivalents (ſ for s, ı for i, μ for µ …).
    _tolower: Any = importlib.import_module("_sre").unicode_tolower
    _extra_cases: dict[int, tuple[int, ...]] = importlib.import_module("re._casefix")._EXTRA_CASES
except (ImportError, AttributeError):  # pragma: no cover - another Python implementation
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


# Keys: one character or two adjacent ones of a text in lower case. A clause is a set of keys one of which every
# match of an alternative holds; a text's keys are those of its lower case (`text_keys`).
_Clause = frozenset[str]
# Group references mean other things once the alternatives are searched apart (group numbers shift): such a group is
# searched as before.
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")
_MAX_PAIRS = 64  # two adjacent classes whose pairs are more than this give no pair clause
_CHECKS = 3  # clauses tested besides the indexed one: the rarest few (a long pattern has hundreds)
_DOTTED_I = "\u0130"  # İ: the one character Python writes in lower case as two (i + a combining dot)


def _lower_class(code: int) -> set[str]:
    """What the lower case of a text holds where the regex engine matches the character `code`, ignoring case or not:
    the engine's lower case of it and that one's extra equivalents (ſ and s, ı and i, σ and ς …).

    The engine reads a case-ignoring c as any character whose lower case is c's or one of those; str.lower() gives
    each character that same lower case (İ excepted, replaced first, and Σ, whose ς is among σ's equivalents)."""
    lower = _tolower(code)
    return {chr(lower), *(chr(other) for other in _extra_cases.get(lower, ()))}


@lru_cache(maxsize=8)  # the same text is read by one recognizer, or one rule group, after another
def text_keys(text: str) -> frozenset[str]:
    """The keys a text holds: every character and every pair of adjacent characters of its lower case."""
    lower = (text.replace(_DOTTED_I, "I") if _DOTTED_I in text else text).lower()
    return frozenset(lower).union([lower[i : i + 2] for i in range(len(lower) - 1)])


def _weight(key: str) -> int:
    """How often a key may be in a prompt, roughly: kanji and katakana are rare, kana and punctuation common, and
    two characters side by side rarer than the rarer of them alone."""
    char = min((40 if "\u3041" <= c <= "\u309f" or not c.isalnum() else 16 if c.isascii() else 4) for c in key)
    return char if len(key) == 1 else max(1, char // 4)


def _rarity(clause: Iterable[str]) -> int:
    return sum(_weight(key) for key in clause)


def _unit(name: str, av: Any) -> set[str] | None:
    """For an item that matches one character: what the lower case of a text holds there. None: anything else."""
    if name == "LITERAL":
        return _lower_class(av)
    if name != "IN":
        return None
    chars: set[str] = set()
    for op, value in av:
        kind = str(op)
        if kind == "LITERAL":
            chars |= _lower_class(value)
        elif kind == "RANGE" and value[1] - value[0] <= _MAX_RANGE:
            for code in range(value[0], value[1] + 1):
                chars |= _lower_class(code)
        else:  # NEGATE, categories, wide ranges
            return None
    return chars


def _flat(items: Any) -> Iterator[tuple[str, Any]]:
    """The items of a sequence, groups opened: what a group matches stands in the sequence where the group does.
    (Flags need not be followed: a character's keys are the same whether case is ignored or not.)"""
    for op, av in items:
        if str(op) == "SUBPATTERN":
            yield from _flat(av[3])
        else:
            yield str(op), av


def _needs_sequence(items: Any) -> list[_Clause]:
    clauses: list[_Clause] = []
    previous: set[str] | None = None  # the keys of the item just before, where it is one character
    for name, av in _flat(items):  # every item of a sequence is matched, one right after another
        unit = _unit(name, av)
        if unit is None:
            clauses += _needs_item(name, av)
        else:
            clauses.append(frozenset(unit))
            if previous is not None and len(previous) * len(unit) <= _MAX_PAIRS:
                clauses.append(frozenset(a + b for a in previous for b in unit))
        previous = unit
    return clauses


def _needs_item(name: str, av: Any) -> list[_Clause]:
    """Clauses every match of one parsed item meets; [] where nothing is known (any character, assertions …)."""
    if name == "ATOMIC_GROUP":
        return _needs_sequence(av)
    if name == "BRANCH":  # one clause of each alternative, joined
        union: set[str] = set()
        for alternative in av[1]:
            clauses = _needs_sequence(alternative)
            if not clauses:
                return []
            union |= min(clauses, key=_rarity)
        return [frozenset(union)]
    if name in _REPEATS:
        low, _high, sub = av
        return _needs_sequence(sub) if low >= 1 else []
    return []


def needed_keys(pattern: str, flags: int = 0) -> tuple[list[_Clause], bool] | None:
    """(clauses, consumes): every match of `pattern` (compiled with `flags`) holds a key of each clause (see
    `text_keys`), and whether every match is at least one character long. None where the pattern is not analysed."""
    if _parser is None or _GROUP_REFERENCE.search(pattern):
        return None
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return None
    return _needs_sequence(parsed), parsed.getwidth()[0] > 0


def key_filter(pattern: str, flags: int = 0) -> tuple[_Clause, ...]:
    """The rarest few of `pattern`'s clauses: where a text's keys miss one of them, the pattern matches nowhere in
    it (no clause: it may match anywhere)."""
    analysed = needed_keys(pattern, flags)
    return () if analysed is None else _rarest(analysed[0])


def _rarest(clauses: list[_Clause]) -> tuple[_Clause, ...]:
    """The rarest clause, to index by, and the next few, to check: a text that misses one cannot match."""
    return tuple(sorted(set(clauses), key=_rarity)[: _CHECKS + 1])


def may_match(clauses: tuple[_Clause, ...], keys: frozenset[str]) -> bool:
    return all(not clause.isdisjoint(keys) for clause in clauses)


class PatternGroup:
    """One group of alternatives: does any of them match, and where does the whole alternation match."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = tuple(patterns)
        self._alternatives: list[re.Pattern[str] | None] = [None] * len(self.patterns)
        # key -> the alternatives indexed by it (bits of an int, in the alternation's order); those with no
        # clause are searched in every text.
        masks: dict[str, int] = {}
        always = 0
        self._checks: list[tuple[_Clause, ...]] = []
        self._walkable = True  # every alternative consumes a character: `starts` can walk them apart
        analysed = [needed_keys(p) for p in self.patterns]
        self._indexed = all(a is not None for a in analysed)
        for i, analysis in enumerate(analysed):
            clauses, consumes = analysis if analysis is not None else ([], False)
            self._walkable = self._walkable and consumes
            if not clauses:
                always |= 1 << i
                self._checks.append(())
                continue
            key, *checks = _rarest(clauses)
            for k in key:
                masks[k] = masks.get(k, 0) | 1 << i
            self._checks.append(tuple(checks))
        self._masks = masks
        self._index_keys = frozenset(masks)
        self._always = always

    @cached_property
    def whole(self) -> re.Pattern[str]:
        return re.compile(_alternation(self.patterns))

    @cached_property
    def _guarded(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        """The alternatives behind one lookahead on their first characters, and the rest (where not indexed)."""
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
        guarded = re.compile(f"{_lookahead(starts)}(?:{_alternation(known)})") if known else None
        return guarded, re.compile(_alternation(rest)) if rest else None

    def prepare(self) -> None:
        """Compile now what a search may need (at start-up), rather than on the first text that needs it."""
        if not self._indexed:
            _ = self._guarded
        if not (self._indexed and self._walkable):
            _ = self.whole
        for i in range(len(self.patterns)):
            self._alternative(i)

    def _alternative(self, i: int) -> re.Pattern[str]:
        compiled = self._alternatives[i]
        if compiled is None:
            compiled = self._alternatives[i] = re.compile(self.patterns[i])
        return compiled

    def _candidates(self, text: str) -> list[int]:
        """The alternatives that can match somewhere in `text`, in the alternation's order."""
        keys = text_keys(text)
        mask = self._always
        masks = self._masks
        for key in keys.intersection(self._index_keys):
            mask |= masks[key]
        found: list[int] = []
        checks = self._checks
        while mask:
            low = mask & -mask
            i = low.bit_length() - 1
            mask ^= low
            if all(not clause.isdisjoint(keys) for clause in checks[i]):
                found.append(i)
        return found

    def found(self, text: str) -> bool:
        if self._indexed:
            return any(self._alternative(i).search(text) for i in self._candidates(text))
        guarded, rest = self._guarded
        if guarded is not None and guarded.search(text):
            return True
        return rest is not None and rest.search(text) is not None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.whole.finditer(text)

    def starts(self, text: str) -> list[int]:
        """Where `finditer` matches start, found by walking the alternatives that can match in `text` apart.

        The alternation matches at the first position where one of them does, with the first of those in its
        order; the next search begins where that match ends (never where it began: each match is at least one
        character long). A position where an alternative does not match does not depend on where a search began
        (^ and look-behinds read the whole text), so an alternative's next match is searched for again only once
        the walk has passed its last one."""
        if not (self._indexed and self._walkable):
            return [m.start() for m in self.whole.finditer(text)]
        live = [(i, m) for i in self._candidates(text) if (m := self._alternative(i).search(text)) is not None]
        out: list[int] = []
        while live:
            at = min(m.start() for _i, m in live)
            first = next(m for _i, m in live if m.start() == at)
            out.append(at)
            pos = first.end()
            renewed: list[tuple[int, re.Match[str]]] = []
            for i, m in live:
                if m.start() < pos:
                    again = self._alternative(i).search(text, pos)
                    if again is None:
                        continue
                    m = again
                renewed.append((i, m))
            live = renewed
        return out
