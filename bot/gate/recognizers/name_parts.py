"""Later mentions of a part of a name already found: 佐藤花子さん … 佐藤さんは … 花子は ….

Once a full name is known to be a person in this text, its surname or given name alone is the same
person wherever it stands as a word of its own, honorific or not. The placeholders give the part
the number of the full name (bot/gate/placeholders.py).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

_SEPARATORS = re.compile(r"[・＝=゠,，\s\u3000]+")
_KANJI = re.compile(r"[\u4e00-\u9fff々〆ヶ]")
_KATAKANA = re.compile(r"[\u30a1-\u30faー]")
_LATIN = re.compile(r"[A-Za-z]")


def name_parts(name: str, token_cuts: Iterable[int] = ()) -> list[str]:
    """The parts of a full name: split at ・, ＝, spaces and commas, or at the token boundaries
    Sudachi gave (佐藤|花子). A one-part name has no parts."""
    pieces = [p for p in _SEPARATORS.split(name) if p]
    if len(pieces) == 1:
        cuts = sorted({c for c in token_cuts if 0 < c < len(name)})
        if not cuts:
            return []
        bounds = [0, *cuts, len(name)]
        pieces = [name[a:b] for a, b in itertools.pairwise(bounds)]
    return pieces if len(pieces) >= 2 else []


def _same_script_around(text: str, start: int, end: int, part: str) -> bool:
    """True when the occurrence is glued to more of the same script (佐藤 inside 佐藤商店 is fine
    to test separately; 太郎 inside 桃太郎 is not a mention)."""
    for script in (_KANJI, _KATAKANA, _LATIN):
        if script.match(part[0]) and start > 0 and script.match(text[start - 1]):
            return True
        if script.match(part[-1]) and end < len(text) and script.match(text[end]):
            return script is not _KANJI  # a kanji after may be a title (佐藤課長): the caller decides
    return False


def part_mentions(
    text: str, names: Iterable[tuple[int, int, list[str]]], min_length: int = 2
) -> Iterator[tuple[int, int]]:
    """(start, end) of every other mention of a part of the given names (start, end, parts)."""
    taken = [(s, e) for s, e, _ in names]
    for _, _, parts in names:
        for part in parts:
            if len(part) < min_length:
                continue
            pattern = re.escape(part) if not _LATIN.match(part) else rf"(?i:{re.escape(part)})"
            for match in re.finditer(pattern, text):
                s, e = match.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                if _same_script_around(text, s, e, part):
                    continue
                taken.append((s, e))
                yield s, e
