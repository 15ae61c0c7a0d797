"""Japanese typed in romaji, read as hiragana (「tatemono wo egaite」 → たてもの を えがいて).

Only for the rules' view of a prompt that language_of (rule_reading.py) finds to be Japanese in romaji; the readings
(kana_reading.py) then write the words in kanji. A word that is not romaji from end to end (an English word, a name,
a number) stays as typed.
"""

from __future__ import annotations

import re

_VOWELS = {"a": "あ", "i": "い", "u": "う", "e": "え", "o": "お"}
_ROWS = {
    "k": "かきくけこ",
    "g": "がぎぐげご",
    "s": "さしすせそ",
    "z": "ざじずぜぞ",
    "t": "たちつてと",
    "d": "だぢづでど",
    "n": "なにぬねの",
    "h": "はひふへほ",
    "b": "ばびぶべぼ",
    "p": "ぱぴぷぺぽ",
    "m": "まみむめも",
    "r": "らりるれろ",
    "y": "や\0ゆ\0よ",
    "w": "わ\0\0\0を",
}
_SMALL = {"a": "ゃ", "u": "ゅ", "o": "ょ", "e": "ぇ"}
_Y_ROWS = {  # kya, sha, cha, ja …: the い-column kana and a small ゃゅょ
    "ky": "き",
    "gy": "ぎ",
    "sh": "し",
    "sy": "し",
    "j": "じ",
    "jy": "じ",
    "zy": "じ",
    "ch": "ち",
    "ty": "ち",
    "cy": "ち",
    "dy": "ぢ",
    "ny": "に",
    "hy": "ひ",
    "by": "び",
    "py": "ぴ",
    "my": "み",
    "ry": "り",
}
_SPECIAL = {"shi": "し", "chi": "ち", "tsu": "つ", "fu": "ふ", "ji": "じ", "si": "し", "ti": "ち", "tu": "つ"}
_SPECIAL.update({"hu": "ふ", "zi": "じ", "di": "ぢ", "du": "づ", "wo": "を", "fa": "ふぁ", "fi": "ふぃ", "fe": "ふぇ"})
_SPECIAL.update({"fo": "ふぉ", "ti-": "てぃ", "je": "じぇ", "she": "しぇ", "che": "ちぇ", "va": "ゔぁ", "vi": "ゔぃ"})
_SPECIAL.update({"vu": "ゔ", "ve": "ゔぇ", "vo": "ゔぉ", "nn": "ん", "n'": "ん", "xtsu": "っ", "ltsu": "っ"})
_WORD = re.compile(r"(?<![\w'-])[A-Za-z]+(?:'[A-Za-z]+)?(?![\w'-])")


def _syllables() -> dict[str, str]:
    table: dict[str, str] = dict(_VOWELS)
    for consonant, kana in _ROWS.items():
        for vowel, char in zip("aiueo", kana, strict=True):
            if char != "\0":
                table[consonant + vowel] = char
    for head, kana in _Y_ROWS.items():
        for vowel, small in _SMALL.items():
            table[head + vowel] = kana + small
        table[head + "i"] = kana
    table.update(_SPECIAL)
    return table


_TABLE = _syllables()
_LONGEST = max(len(k) for k in _TABLE)


def to_hiragana(word: str) -> str | None:
    """The hiragana of one romaji word, or None if it is not romaji throughout (english, Tanaka-san's "Instagram")."""
    word = word.lower()
    out: list[str] = []
    i = 0
    while i < len(word):
        char = word[i]
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if char == nxt and char not in "aiueon":  # a doubled consonant: a small っ (kitte, zasshi)
            out.append("っ")
            i += 1
            continue
        if char == "t" and word.startswith("tch", i):  # matcha
            out.append("っ")
            i += 1
            continue
        if char == "n" and (not nxt or nxt not in "aiueoy" or word.startswith("n'", i)):  # n before a consonant
            out.append("ん")
            i += 2 if nxt == "'" else 1
            continue
        for size in range(min(_LONGEST, len(word) - i), 0, -1):
            kana = _TABLE.get(word[i : i + size])
            if kana is not None:
                out.append(kana)
                i += size
                break
        else:
            return None
    return "".join(out)


def read_romaji(text: str) -> str:
    """Every word of `text` that is romaji throughout, written in hiragana."""

    def one(match: re.Match[str]) -> str:
        kana = to_hiragana(match.group(0))
        return kana if kana is not None else match.group(0)

    return _WORD.sub(one, text)


# Particles of Japanese that English also writes as words (no, to, de): alone they say nothing, several of them
# in a text whose words are nearly all romaji do.
_PARTICLES = frozenset({"no", "de", "to", "ga", "wo", "ni", "wa", "mo", "he", "ka", "yo", "ne"})


def mostly_romaji(text: str) -> bool:
    """Japanese typed in romaji with a few English words in it (「gazou tsukutte: kouminkan no haru no matsuri,
    poster you」): at least five words, four in five of them romaji throughout, and three particles."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 5:
        return False
    romaji = sum(1 for w in words if to_hiragana(w) is not None)
    return 5 * romaji >= 4 * len(words) and sum(1 for w in words if w in _PARTICLES) >= 3
