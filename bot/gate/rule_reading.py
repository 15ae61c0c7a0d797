"""The text the rules and the learned layer read, beside the prompt as typed.

The YAML rules and the classifier were written for Japanese typed the usual way. Three ways of writing lose them,
and each is read back here; the recognizers still read the prompt as typed, and nothing here reaches the model.

- Words separated by spaces (「みんなに 「投票して ください」の おねがいの 文」, learners of Japanese and phones):
  the spaces between two Japanese characters are dropped.
- All in hiragana (「せんきょじむしょの かいしょしきで…」): kana_reading.py writes the rules' words in kanji.
- Korean or Chinese (「현직 시장을 지지하는 연설문」, 「请画一张海报插图」): the words of foreign_readings.txt are
  written as the Japanese words the rules look for.
- Japanese in romaji (「senkyo no tame no enzetsu genkou kaite kudasai」): whole words of foreign_readings.txt's ro
  lines, particles included, and every other word that is romaji throughout in hiragana (romaji.py), so that the
  spaces between them fall away as above and the kana readings write the words in kanji.
- Half-width katakana (「ｼﾝｾｲｼｬ ﾉ ｶｹｲ」, pasted from an old system) in full width, so that it is read as kana.
- A resident's message pasted under a Japanese request: each line is read in its own language (Korean and Chinese
  lines, Nepali words, and whole words of the Latin-script languages of residents: Portuguese, Indonesian, Tagalog,
  Vietnamese), so that 「訳して / Meu marido tem depressão」 reads 相談者の夫 … うつ病.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from bot.gate.kana_reading import as_hiragana, read_kana
from bot.gate.romaji import mostly_romaji, read_romaji

_DATA = Path(__file__).with_name("foreign_readings.txt")
_JAPANESE = r"[\u3041-\u309f\u30a0-\u30ff\u4e00-\u9fff々「」、。]"
_SPACE_BETWEEN = re.compile(rf"(?<={_JAPANESE})[ \u3000](?={_JAPANESE})")
MIN_SPACES = 3  # a text with fewer such spaces is written the usual way (a space before a name, a table)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]{3}")
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff]")
# Characters and words of written Chinese that Japanese does not use (请, 这, 们, 吗, 的 after a noun …).
_CHINESE = re.compile(r"[请这们吗么您给让说写帮为经个营对间问题样关报话过还进发现开车东门见长电钱]|的[^\s]")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])")
# Words of Japanese grammar in romaji that English does not use: two different ones make a prompt romaji.
_ROMAJI_GRAMMAR = re.compile(
    r"(?i)\b(kudasai|onegai(?:shimasu)?|shimasu|shite|hoshii|desu|masu|wo|tte|kaite|tsukutte|oshiete|dashite|kimete"
    r"|erande|dake|kono|kanji|yoroshiku|ga|ni|wa)\b"
)


@lru_cache(maxsize=1)
def _tables() -> dict[str, tuple[re.Pattern[str], dict[str, str]]]:
    entries: dict[str, dict[str, str]] = {"ko": {}, "zh": {}, "ro": {}, "latin": {}, "ne": {}}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        language, word, japanese = line.split("\t")
        entries[language][word] = japanese
    tables = {}
    for language, table in entries.items():
        words = "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))
        # romaji: whole words in any case (e is 絵 only alone, never inside "enzetsu" or "e-mail")
        whole_words = language in {"ro", "latin"}
        pattern = re.compile(rf"(?i)(?<![\w-])(?:{words})(?![\w-])" if whole_words else words)
        tables[language] = (pattern, table)
    return tables


def sentences_of(line: str) -> list[str]:
    """A line cut after each 。！？ (the marks stay with their sentence), so that a Chinese request and the Japanese
    one after it are read each in its own language."""
    return _SENTENCE_END.split(line)


def has_kana(text: str) -> bool:
    """Hiragana or katakana anywhere: the text is (partly) Japanese."""
    return _KANA.search(text) is not None


def language_of(text: str) -> str:
    """'ko' for a prompt with Hangul, 'zh' for Chinese without kana, 'ro' for Japanese in romaji, else 'ja'."""
    if _HANGUL.search(text):
        return "ko"
    if not has_kana(text) and _CHINESE.search(text):
        return "zh"
    if not has_kana(text) and (
        len({m.group(1).lower() for m in _ROMAJI_GRAMMAR.finditer(text)}) >= 2 or mostly_romaji(text)
    ):
        return "ro"
    return "ja"


def _read(language: str, text: str) -> str:
    pattern, table = _tables()[language]
    if language in {"ro", "latin"}:
        return pattern.sub(lambda m: table[m.group(0).lower()], text)
    return pattern.sub(lambda m: table[m.group(0)], text)


def read_foreign(text: str, language: str | None = None) -> str:
    """Each line in its own language: a Japanese request above a resident's message in Korean, Chinese, Portuguese,
    Indonesian, Tagalog, Vietnamese or Nepali reads the message's words as the rules' Japanese words. `language` is
    language_of(text) when the caller has it already."""
    if (language or language_of(text)) == "ro":
        return read_romaji(_read("ro", text))  # for_rules drops the spaces between the words
    lines = []
    for line in text.split("\n"):
        # … and each sentence of a line (请帮我写…重新登记。日本語の説明も付けて: Chinese, then a Japanese request)
        sentences = []
        for sentence in sentences_of(line):
            language = language_of(sentence)
            if language in {"ko", "zh"}:
                sentence = _read(language, sentence)
            sentences.append(sentence)
        line = "".join(sentences)
        if _LATIN_WORD.search(line):
            line = _read("latin", line)
        if _DEVANAGARI.search(line):
            line = _read("ne", line)
        lines.append(line)
    return "\n".join(lines)


def unspaced(text: str) -> str:
    if len(_SPACE_BETWEEN.findall(text)) < MIN_SPACES:
        return text
    return _SPACE_BETWEEN.sub("", text)


_HALF_WIDTH_KANA = re.compile(r"[\uff61-\uff9f]+")
# A loanword keeps its katakana (ビニール, ティッシュ): a long vowel mark or a small vowel gives it away.
_LOANWORD = re.compile(r"[ーァィゥェォヮ]")


def _half_width_word(run: str) -> str:
    word = unicodedata.normalize("NFKC", run)
    if not _LOANWORD.search(word):  # Japanese typed in katakana (ｽﾙｶ, ｷﾒﾃ): hiragana, as the rules read grammar
        word = as_hiragana(word)
    return read_kana(word, whole=True)


def full_width_kana(text: str) -> str:
    """ｼﾝｾｲｼｬ → 申請者, ｷｭｳｷｭｳ → 救急, ｽﾙｶ → するか, ﾋﾞﾆｰﾙ → ビニール: each run of half-width katakana (an old system's
    field or a hurried phone) in full width (NFKC on those characters only), its words read like kana typed on their
    own, Japanese words in hiragana and loanwords in katakana."""
    return _HALF_WIDTH_KANA.sub(lambda m: _half_width_word(m.group(0)), text)


_KANJI_IN = re.compile(r"[\u4e00-\u9fff]")


def _typed_half_width(text: str, typed: str) -> str:
    """The canonical view folds half-width katakana to full width for the recognizers, so a word typed
    ｾﾝｷｮ in a sentence of kanji reaches here as センキョ, which no rule reads. Each half-width run of the prompt
    as typed is read here as full_width_kana reads it (選挙), wherever its folded form stands."""
    runs = sorted(dict.fromkeys(run for run in _HALF_WIDTH_KANA.findall(typed) if len(run) >= 2), key=len, reverse=True)
    for run in runs:
        folded = unicodedata.normalize("NFKC", run)
        read = _half_width_word(run)
        if _KANJI_IN.search(read):  # a word read (選挙); a name or a loanword keeps its katakana (サザエ)
            text = text.replace(folded, read)
    return text


def for_rules(text: str, typed: str | None = None) -> str:
    """What the rules and the learned layer read of `text` (already in its canonical form; `typed`: the prompt as
    typed, for its half-width katakana). Kana is read before the spaces between words fall away, so that a space
    still ends a word (ｶｹｲ ｹﾞﾝｷｭｳ is 家計 減給, not カ軽減キュウ)."""
    text = full_width_kana(text)
    if typed is not None and _HALF_WIDTH_KANA.search(typed):
        text = _typed_half_width(text, typed)
    language = language_of(text)
    text = read_kana(read_foreign(text, language))
    return _SPACE_BETWEEN.sub("", text) if language == "ro" else unspaced(text)
