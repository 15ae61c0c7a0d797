"""Read a prompt written in hiragana the way the rules read kanji.

Staff on a phone or in a hurry write 「せんきょじむしょの かいしょしきで よむ こうほしゃの けついひょうめい かいて」,
or in katakana from an old system (「ｼﾝｾｲｼｬ ﾉ ｶｹｲ」); no rule on 選挙事務所 or 申請者 sees that, and Sudachi
cannot read it back into kanji either. For a prompt that is (almost) all kana, the readings listed in
kana_readings.txt (by hand) and kana_readings_corpus.txt (the nouns of the labelled corpus: reading_table.py) are
replaced by their written words, katakana read like hiragana, and the rules and the learned layer read that. The
recognizers still read the prompt as typed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("kana_readings.txt")
_CORPUS_DATA = Path(__file__).with_name("kana_readings_corpus.txt")  # generated; the hand table wins
_HIRAGANA = re.compile(r"[\u3041-\u309f]")
_JAPANESE = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u4e00-\u9fff々]")
# Characters that may stand next to a short reading: particles and the start of an auxiliary.
_PARTICLES = frozenset("のをにがはでともへやっだじなね")
_SHORT = 3  # readings this long or shorter need a word boundary on both sides
# Readings whose kana also spell grammar, and the kana after them that make them grammar: 「…ほうがいいんですか」 is
# no 委員, 「…しないように」 no 内容, 「…していない」 no 指定, 「…しないで」 and 「する？しない？」 no 市内.
_GRAMMAR = {
    "いいん": re.compile(r"[でだじ]"),
    "ないよう": re.compile(r"[にな]"),
    "してい": re.compile(r"[なるまたて]"),
    "しない": re.compile(r"[でとよかけ？?]"),
}
MIN_KANA_SHARE = 0.75
MIN_KANA = 8


@lru_cache(maxsize=1)
def readings() -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = {}
    for path in (_CORPUS_DATA, _DATA):  # the hand table last: its readings replace the generated ones
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            reading, written = line.split("\t")
            table[reading] = written
    words = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)), table


def mostly_hiragana(text: str) -> bool:
    kana = len(_HIRAGANA.findall(text))  # counted by the regex engine, not character by character in Python
    return kana >= MIN_KANA and kana >= MIN_KANA_SHARE * len(_JAPANESE.findall(text))


_KANJI_CHAR = re.compile(r"[\u4e00-\u9fff々]")


def mostly_kana(typed: str) -> bool:
    """Typed in kana: hiragana, or katakana from an old system (ｼﾝｾｲｼｬ ﾉ ｶｹｲ). Katakana counts as kana only beside
    the hiragana, never against the kanji: 「このボットのチェックで止められないように…」 is written the usual way, with
    loanwords in katakana, and its ないよう is no 内容."""
    if not mostly_hiragana(as_hiragana(typed)):
        return False
    kanji = len(_KANJI_CHAR.findall(typed))
    hiragana = len(_HIRAGANA.findall(typed))
    return kanji == 0 or hiragana >= MIN_KANA_SHARE * (hiragana + kanji)


def _boundary(text: str, at: int, *, left: bool) -> bool:
    i = at - 1 if left else at
    if i < 0 or i >= len(text):
        return True
    char = text[i]
    return not _HIRAGANA.match(char) or char in _PARTICLES


_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def as_hiragana(text: str) -> str:
    """Katakana (ァ–ヶ) as hiragana, one character for one, so that offsets stay those of `text`."""
    return text.translate(_KATAKANA_TO_HIRAGANA)


def read_kana(text: str, *, whole: bool = False) -> str:
    """`text` with the listed readings written in kanji, if it is mostly kana (or `whole`: a word typed in kana on
    its own, like a run of half-width katakana); else `text`.

    Katakana is read like hiragana (ｹｲﾔｸ, already full width, is けいやく); what no reading covers stays as typed."""
    typed = text
    text = as_hiragana(typed)
    if not whole and not mostly_kana(typed):
        return typed
    pattern, table = readings()
    out: list[str] = []
    cursor = 0
    pos = 0
    while True:
        match = pattern.search(text, pos)
        if match is None:
            break
        start, end = match.span()
        word = match.group(0)
        if len(word) <= _SHORT and not (_boundary(text, start, left=True) and _boundary(text, end, left=False)):
            pos = start + 1
            continue
        if word in _GRAMMAR and _GRAMMAR[word].match(text, end):
            pos = start + 1
            continue
        out += [typed[cursor:start], table[word]]
        cursor = pos = end
    out.append(typed[cursor:])
    return "".join(out)
