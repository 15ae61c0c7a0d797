"""Names found by their surroundings in the text, not by Sudachi's tags: romaji names with a title or
an honorific (Mr. Nguyen Van An, TANAKA Hiroshi, Maria Santos さん), katakana names of foreign
residents with ・, ＝ or spaces (グエン・ヴァン・アン様, キム ミンジュ さん), children's names in hiragana
(はなこちゃん), the items of a list of people (出席者：佐藤、鈴木、高橋) and the name column of a roster
pasted from Excel.

Every rule returns whole names: the parts of a multi-part name are one span, never one span each.
Spans are (start, end, score, why) over the text the analyzer reads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from bot.gate.recognizers import lexicon
from bot.gate.recognizers.names import (
    foreign_katakana_names,
    hiragana_given_names,
    hiragana_surnames,
    romaji_names,
    surnames,
)
from bot.gate.recognizers.wordlists import word_set, words
from bot.gate.rule_reading import has_kana

Found = tuple[int, int, float, str]

_HONORIFIC_AFTER = r"(?:様|さま|さん|氏|殿|くん|君|ちゃん|先生)"
# Latin letters with the accents of Portuguese, Spanish, French and Vietnamese names (José, Lê Văn Thành).
_EXTENDED = "\u0100-\u024f\u1e00-\u1eff"  # Latin Extended-A/B and Vietnamese (Văn, Đức, Nguyễn)
_UP = f"A-ZÀ-ÖØ-Þ{_EXTENDED}"
_LOW = f"a-zß-öø-ÿ{_EXTENDED}"
_ROMAJI_WORD = rf"(?:[{_UP}][{_LOW}]+(?:['-][{_UP}]?[{_LOW}]+)?|[{_UP}]{{2,}}(?:-[{_UP}]{{2,}})?)"
_ROMAJI_NAME = rf"{_ROMAJI_WORD}(?:[ \u3000]{_ROMAJI_WORD}){{0,3}}"
_ROMAJI_TITLE = re.compile(rf"\b(?:Mr|Ms|Mrs|Miss|Mx|Dr|Prof)\.?[ \u3000]+({_ROMAJI_NAME})")
_ROMAJI_HONORIFIC = re.compile(
    rf"(?<![A-Za-z])({_ROMAJI_NAME})(?:[ \u3000]?{_HONORIFIC_AFTER}|-(?:san|sama|sensei)\b|[ \u3000](?:san|sama)\b)"
)
_ROMAJI_PLAIN = re.compile(rf"(?<![A-Za-z])({_ROMAJI_WORD}(?:,?[ \u3000]{_ROMAJI_WORD}){{1,3}})(?![A-Za-z])")
# J.K. Rowling, J. R. R. Tolkien: initials before a surname (two initials, or one before a known name)
_ROMAJI_INITIALS = re.compile(
    r"(?<![A-Za-z.])((?:[A-Z]\.[ \u3000]?){1,3}([A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?))(?![A-Za-z])"
)
_NOT_INITIALS = frozenset({"US", "UK", "EU", "AI", "PS", "DC", "NY", "LA", "AM", "PM", "QA", "UN", "IT", "HR", "PR"})
_ROMAJI_SINGLE = re.compile(rf"(?<![A-Za-z])({_ROMAJI_NAME})(?![A-Za-z])")
# yamada taro, typed in a hurry without capitals: two known name words in a Japanese message.
_ROMAJI_LOWER = re.compile(r"(?<![A-Za-z0-9@._\-])([a-z]{3,}[ \u3000][a-z]{3,})(?![A-Za-z0-9@._\-])")
_CJK = re.compile(r"[\u3041-\u30ff\u4e00-\u9fff]")
_KATA = r"[\u30a1-\u30faー]+"
_KATA_NAME = rf"{_KATA}(?:[・＝=゠ \u3000]{_KATA}){{0,4}}"
_KATA_HONORIFIC = re.compile(rf"(?<![\u30a1-\u30faー])({_KATA_NAME})[ \u3000]?{_HONORIFIC_AFTER}")
_KATA_JOINED = re.compile(rf"(?<![\u30a1-\u30faー・])({_KATA}(?:[・＝=゠ \u3000]{_KATA}){{1,4}})(?![\u30a1-\u30faー])")
_KANA_PARTS = re.compile(r"[・＝=゠ \u3000]+")
_HIRAGANA_CHILD = re.compile(r"([\u3041-\u3096ー]{2,8})(?=ちゃん(?!と)|くん|君)")  # not ちゃんと (properly)
_LABEL_SEPARATOR = r"[ \u3000]*(?:[：:]|は|の|[ \u3000])[ \u3000]*"
_LIST_SPLIT = re.compile(r"[、,，/／;；]|[ \u3000]{2,}")
_ITEM_TRIM = re.compile(r"^[\s・\-－‐*＊•●○◯◆■□※\d.．、)）]*|\s+$")
_PARENTHESISED = re.compile(r"[（(][^（）()]*[）)]")
_KANJI_OR_KANA = re.compile(r"^[\u4e00-\u9fff々〆ヶ\u3041-\u3096\u30a1-\u30faー・＝ \u3000]+$")
_KANJI = re.compile(r"^[\u4e00-\u9fff々〆ヶ]+$")
_HIRAGANA = re.compile(r"^[\u3041-\u3096ー]+$")
_KATAKANA = re.compile(r"^[\u30a1-\u30faー・＝=゠ \u3000]+$")
_ROMAJI_ONLY = re.compile(rf"^{_ROMAJI_NAME}$|^{_ROMAJI_WORD},[ \u3000]?{_ROMAJI_WORD}$")
# A list item that names a unit or a thing rather than a person ends like this.
_NOT_PERSON_ITEM_ENDINGS = ("課", "部", "係", "室", "局", "所", "センター", "市", "町", "村", "区", "県", "会")


@cache
def _honorifics() -> tuple[str, ...]:
    return tuple(sorted(words("honorifics"), key=len, reverse=True))


@cache
def _leading_roles() -> frozenset[str]:
    """Words before a name inside a list item: 通訳 リン, 長女 アナ, 福祉課 高橋 (the last by its ending)."""
    return word_set("titles_before") | word_set("role_words") | word_set("person_list_heads") | word_set("titles_after")


@cache
def _titles() -> tuple[str, ...]:
    return tuple(sorted(word_set("titles_after") | word_set("titles_before"), key=len, reverse=True))


def _romaji_known(word: str) -> bool:
    """A known name in romaji, accents and hyphens aside (José, Min-jun)."""
    if word in word_set("romaji_not_names"):
        return False
    folded = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    names = romaji_names()
    return folded in names or folded.replace("-", "") in names or all(p in names for p in folded.split("-") if p)


def _romaji_words(name: str) -> list[str]:
    return [w for w in re.split(r"[,\s\u3000]+", name) if w]


def _trim_romaji(text: str, start: int, end: int, *, keep_known: bool = False) -> tuple[int, int] | None:
    """Drop leading and trailing words that are never names (Dear, Hello, Regards …). After a title or
    before 様, a word that is also a name (An of Nguyen Van An) stays."""
    stop = word_set("romaji_not_names")

    def dropped(span: tuple[int, int]) -> bool:
        word = text[span[0] : span[1]]
        return word in stop and not (keep_known and word.lower() in romaji_names())

    parts = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^,\s\u3000]+", text[start:end])]
    while parts and dropped(parts[0]):
        parts.pop(0)
    while parts and dropped(parts[-1]):
        parts.pop()
    return (parts[0][0], parts[-1][1]) if parts else None


def _known_run(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The longest run of two to four known name words in a run of capitalised words (Maria Santos in
    "Invite Maria Santos and …"), or None."""
    parts = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^,\s\u3000]+", text[start:end])]
    best: tuple[int, int] | None = None
    i = 0
    while i < len(parts):
        j = i
        while j < len(parts) and _romaji_known(text[parts[j][0] : parts[j][1]]):
            j += 1
        words = [text[a:b] for a, b in parts[i:j]]
        if j - i >= 2 and max(len(w) for w in words) >= 3 and (best is None or j - i > best[1]):
            best = (i, j - i)
        i = max(j, i + 1)
    if best is None:
        return None
    first, count = best
    return parts[first][0], parts[first + count - 1][1]


def romaji_names_in(text: str) -> Iterator[Found]:
    """Mr. Nguyen Van An / Yamada Taro 様 / TANAKA Hiroshi / Maria Santos / Yamada, Taro / 差出人：Priya Sharma /
    yamada taro."""
    if not any("A" <= ch <= "z" for ch in text):
        return
    for match in _ROMAJI_TITLE.finditer(text):
        trimmed = _trim_romaji(text, *match.span(1), keep_known=True)
        if trimmed:
            yield (*trimmed, 0.9, "romaji-title")
    for match in _ROMAJI_HONORIFIC.finditer(text):
        trimmed = _trim_romaji(text, *match.span(1), keep_known=True)
        if not trimmed:
            continue
        parts = _romaji_words(text[trimmed[0] : trimmed[1]])
        # A single unknown word before 様 is usually a company (Google様); a known name or two words is a person.
        if len(parts) >= 2 or _romaji_known(parts[0]):
            yield (*trimmed, 0.9, "romaji-honorific")
    for match in _ROMAJI_PLAIN.finditer(text):
        trimmed = _trim_romaji(text, *match.span(1))
        if not trimmed:
            continue
        known = _known_run(text, *trimmed)
        if known is None:
            continue
        # SURNAME Given (or Given SURNAME) is how passports and signatures write a name; two known
        # Title-case words (Taro Yamada, Maria Santos) are a name too.
        yield (*known, 0.85, "romaji-dictionary")
    for match in _ROMAJI_INITIALS.finditer(text):
        initials = re.sub(r"[.\s\u3000]", "", match.group(1)[: match.start(2) - match.start(1)])
        surname = match.group(2)
        if initials in _NOT_INITIALS or surname in word_set("romaji_not_names"):
            continue
        if surname in word_set("english_place_words") or (len(initials) < 2 and not _romaji_known(surname)):
            continue
        yield (*match.span(1), 0.85, "romaji-initials")
    # After a word for a person (差出人：Priya Sharma, 通訳 Le Van Thanh): one to four capitalised words with a
    # known name among them (not 担当：Google Workspace).
    for match in _ROMAJI_SINGLE.finditer(text):
        if not _after_label(text, match.start(1)):
            continue
        trimmed = _trim_romaji(text, *match.span(1))
        if trimmed and any(_romaji_known(p) for p in _romaji_words(text[trimmed[0] : trimmed[1]])):
            yield (*trimmed, 0.85, "romaji-label")
    if _CJK.search(text):
        for match in _ROMAJI_LOWER.finditer(text):
            parts = _romaji_words(match.group(1))
            if all(_romaji_known(p) for p in parts) and max(len(p) for p in parts) >= 4:
                yield (*match.span(1), 0.8, "romaji-lowercase")


def _katakana_is_name(name: str, *, in_context: bool) -> bool:
    parts = [p for p in _KANA_PARTS.split(name) if p]
    if not parts or any(p in word_set("kana_not_names") or p in word_set("not_names") for p in parts):
        return False
    known = sum(p in foreign_katakana_names() for p in parts)
    if in_context:
        return len(parts) >= 2 or known >= 1
    # Without 様 or a label: every part a known name (グエン・ヴァン・アン, キム ミンジュ); ドン・キホーテ or
    # ワン・ライフ・トゥ・リヴ, with one part that happens to be a name, are titles and shops.
    return len(parts) >= 2 and known == len(parts)


def katakana_names_in(text: str) -> Iterator[Found]:
    """グエン・ヴァン・アン様, マリア＝サントス, キム ミンジュ さん, 氏名：シュレスタ・ラム."""
    for match in _KATA_HONORIFIC.finditer(text):
        name = match.group(1).strip(" \u3000")
        start = match.start(1)
        if _katakana_is_name(name, in_context=True):
            yield (start, start + len(name), 0.9, "katakana-honorific")
    for match in _KATA_JOINED.finditer(text):
        name = match.group(1)
        if _katakana_is_name(name, in_context=_after_label(text, match.start(1))):
            yield (match.start(1), match.end(1), 0.8, "katakana-name")


def hiragana_children_in(text: str) -> Iterator[Found]:
    """はなこちゃん, たろうくん: a given name in hiragana before ちゃん/くん."""
    names = hiragana_given_names()
    stop = word_set("kana_not_names")
    for match in _HIRAGANA_CHILD.finditer(text):
        run = match.group(1)
        for cut in range(len(run) - 1):
            candidate = run[cut:]
            if candidate in names and candidate not in stop and run not in stop and run[cut - 1 : cut] != "お":
                yield (match.start(1) + cut, match.end(1), 0.85, "hiragana-child")
                break


@cache
def _label_re() -> re.Pattern[str]:
    labels = sorted(set(words("role_words")) | set(words("person_list_heads")), key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(map(re.escape, labels))})(?:[（(][^（）()\n]{{0,8}}[）)])?{_LABEL_SEPARATOR}$")


def _after_label(text: str, start: int) -> bool:
    return bool(_label_re().search(text[max(0, start - 16) : start]))


_PARTICLES = frozenset("のをにはがとでへや")


def _list_item_name(item: str, *, roster: bool) -> tuple[int, int] | None:
    """The name inside one list item (佐藤課長 → 佐藤, 福祉課 佐藤 → 佐藤, 鈴木（記録） → 鈴木)."""
    cleaned = _PARENTHESISED.sub(lambda m: " " * len(m.group()), item)
    lead = len(cleaned) - len(cleaned.lstrip(" \u3000・-－‐*＊•●○◯◆■□※0123456789.．)）\t"))
    body = cleaned[lead:].rstrip(" \u3000\t")
    if not body or len(body) > 24:
        return None
    start = lead
    pieces = re.split(r"[ \u3000]+", body)
    if len(pieces) >= 2 and (pieces[0].endswith(_NOT_PERSON_ITEM_ENDINGS) or pieces[0] in _leading_roles()):
        start += body.index(pieces[1], len(pieces[0]))
        body = body[body.index(pieces[1], len(pieces[0])) :]
    pieces = re.split(r"[ \u3000]+", body)
    if len(pieces) >= 3 and _HIRAGANA.match(pieces[0] + pieces[1]) and pieces[2][:1] in _PARTICLES:
        # the last item runs into the sentence (やまだ そうた の名簿を…): the name is its first two words
        body = body[: body.index(pieces[1], len(pieces[0])) + len(pieces[1])]
    titled = False
    for suffix in (*_honorifics(), *_titles()):
        if body.endswith(suffix) and len(body) > len(suffix):
            body, titled = body[: -len(suffix)].rstrip(" \u3000"), True
            break
    if not body or body in word_set("not_names") or body.endswith(_NOT_PERSON_ITEM_ENDINGS):
        return None
    plain = body.replace(" ", "").replace("\u3000", "")
    if _KANJI.match(plain) and len(plain) <= 7:
        # 未定, 調整中 are not people: a kanji item needs a known surname at its start or a title after it.
        if any(plain[:n] in surnames() for n in (1, 2, 3)):
            return start, start + len(body)
        # 鬼塚課長, but not 自治会長, 副会長, 道路課長: before a title, a word the dictionary knows only as a thing
        if titled and (lexicon.can_be_name(plain) or lexicon.unknown(plain)) and not lexicon.common_compound(plain):
            return start, start + len(body)
        return None
    if _KATAKANA.match(body) and len(plain) >= 2 and _KANA_PARTS.sub("", body) not in word_set("kana_not_names"):
        return start, start + len(body)
    if _HIRAGANA.match(plain) and 2 <= len(plain) <= 8 and (roster or plain in hiragana_given_names()):
        return start, start + len(body)
    if _ROMAJI_ONLY.match(body) and not all(w in word_set("romaji_not_names") for w in _romaji_words(body)):
        return start, start + len(body)
    pieces = re.split(r"[ \u3000]+", body)
    if len(pieces) == 2 and all(_HIRAGANA.match(p) and 2 <= len(p) <= 5 for p in pieces):
        return start, start + len(body)  # たなか ゆうと in a list of people: family and given name in hiragana
    if len(pieces) == 2 and _KANJI.match(pieces[0]) and pieces[0] in surnames() and _KANJI_OR_KANA.match(pieces[1]):
        return start, start + len(body)  # 山田 はなこ: kanji surname with a given name in kana
    return None


# What may close a head written as a sentence, the names on the lines below (園児名簿です / 出席者は以下のとおり。).
_HEAD_CLOSING = (
    r"(?:です|になります|だよ|は(?:以下|次)の?(?:とおり|通り)(?:です)?|(?:を)?貼(?:ります|るので))?"
    r"[。．:：]?"
)


@cache
def _list_head_re() -> re.Pattern[str]:
    heads = sorted(words("person_list_heads"), key=len, reverse=True)
    return re.compile(
        rf"(?:^|(?<=[\s、。・【】\[\]「」の]))(?:{'|'.join(map(re.escape, heads))})"
        r"(?:[（(][^（）()\n]{0,10}[）)])?(?:[ \u3000]*[：:][ \u3000]*|[ \u3000]*"
        + _HEAD_CLOSING
        + r"?[ \u3000]*(?=\n))",
        re.MULTILINE,
    )


def listed_names_in(text: str) -> Iterator[Found]:
    """出席者：佐藤、鈴木、高橋 / 園児名簿：はなこ、たろう / a head with one name per line below it."""
    for match in _list_head_re().finditer(text):
        roster = any(word in match.group() for word in ("名簿", "園児", "児童", "一覧"))
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end == -1 else line_end
        sentence_end = text.find("。", match.end(), line_end)
        stop = sentence_end if sentence_end != -1 else line_end
        if text[match.end() : stop].strip():
            yield from _items(text, match.end(), stop, roster)
            continue
        # Nothing after the colon: one name per line below, until a blank line.
        cursor = line_end + 1
        while cursor < len(text):
            end = text.find("\n", cursor)
            end = len(text) if end == -1 else end
            if not text[cursor:end].strip():
                break
            found = list(_items(text, cursor, end, roster))
            if not found:
                break
            yield from found
            cursor = end + 1


def _items(text: str, start: int, stop: int, roster: bool) -> Iterator[Found]:
    segment = text[start:stop]
    cursor = 0
    for piece in [*_LIST_SPLIT.split(segment)]:
        at = segment.index(piece, cursor) if piece else cursor
        cursor = at + len(piece)
        name = _list_item_name(piece, roster=roster)
        if name:
            yield (start + at + name[0], start + at + name[1], 0.85, "list")


# ゆうと（小1、母フルタイム） / はるか（ぜんそく） / あおい 5/14: a line that starts with a word in hiragana and goes
# on in brackets, after a tab, after two spaces or with a number after a space (a birthday, an age)
_HIRAGANA_LINE = re.compile(
    r"(?m)^[ \u3000・\-*•●○]*([\u3041-\u3096ー]{2,6})"
    r"(?=[ \u3000]*[（(]|\t|[ \u3000]{2}|[ \u3000]*[：:]|[ \u3000]+[0-9])"
)


def hiragana_name_lines_in(text: str) -> Iterator[Found]:
    """One child a line, written in hiragana with a note after it (a waiting list, a class roster): the first
    words of two or more such lines are names when most of them are known given names and none is a word."""
    found = list(_HIRAGANA_LINE.finditer(text))
    if len(found) < 2:
        return
    names, stop = hiragana_given_names(), word_set("kana_not_names")
    runs = [m.group(1) for m in found]
    if any(run in stop for run in runs):
        return
    known = sum(run in names for run in runs)
    if known >= 2 and 2 * known > len(runs):
        for match in found:
            yield (*match.span(1), 0.85, "list")


# さかもと だいち, いとう はるき: a family name's reading and a given name's reading in hiragana, one space apart
_HIRAGANA_FULL_NAME = re.compile(
    r"(?<![\u3041-\u3096ー])([\u3041-\u3096]{3,6})[ \u3000]([\u3041-\u3096ー]{2,5})(?![\u3041-\u3096ー])"
)


def hiragana_full_names_in(text: str) -> Iterator[Found]:
    """A child's full name in hiragana (4年2組 さかもと だいち, a class's list): both words are readings of a
    family name and a given name, and neither is listed as a word that is not a name."""
    stop = word_set("kana_not_names")
    families, given = hiragana_surnames(), hiragana_given_names()
    for match in _HIRAGANA_FULL_NAME.finditer(text):
        family, first = match.group(1), match.group(2)
        if family in families and first in given and family not in stop and first not in stop:
            yield (match.start(1), match.end(2), 0.85, "hiragana-name")


def roster_names_in(text: str) -> Iterator[Found]:
    """A roster pasted from Excel: under a header cell 氏名/園児名/フリガナ …, every cell of that column."""
    if "\t" not in text and "," not in text:
        return
    columns_words = word_set("roster_name_columns")
    offset = 0
    columns: list[int] = []
    separator = "\t"
    for line in text.split("\n"):
        sep = "\t" if "\t" in line else ("," if line.count(",") >= 1 else None)
        cells = line.split(sep) if sep else [line]
        header = [i for i, cell in enumerate(cells) if cell.strip() in columns_words]
        if sep and header:
            columns, separator = header, sep
        elif columns and sep == separator and line.strip():
            position = offset
            for i, cell in enumerate(cells):
                if i in columns:
                    name = _list_item_name(cell, roster=True)
                    if name and not any(ch.isdigit() for ch in cell):
                        yield (position + name[0], position + name[1], 0.85, "roster")
                position += len(cell) + 1
        elif not line.strip():
            columns = []
        offset += len(line) + 1


# 김민수 씨, 박지영님: a Korean name in Hangul before its honorific. 王丽华女士, 张伟先生: a Chinese name before a
# title Japanese does not write after a name (女士, 小姐), or 先生 in a prompt written in Chinese.
_HANGUL_NAME = re.compile(
    r"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{2,4}) (?:씨|님)|(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{3})(?:씨|님)"
)
_CHINESE_NAME = re.compile(r"([\u4e00-\u9fff]{2,3})(?:女士|小姐)")
_CHINESE_SIR = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,3})先生(?=[，。、,\s（(]|$)")
# 姓名：王丽华, 이름: 김민수: a name after the label of a Chinese or Korean form.
_FOREIGN_LABEL = re.compile(
    r"(?:姓名|名字|申请人|联系人|이름|성명|신청자)[ ]*[:：]?[ ]*"
    r"([\u4e00-\u9fff]{2,4}|[\uac00-\ud7a3]{2,4})(?![\u4e00-\u9fff\uac00-\ud7a3])"
)


_HANGUL_WORD = re.compile(r"(?<![\uac00-\ud7a3])[\uac00-\ud7a3]{2,4}(?![\uac00-\ud7a3])")
# a Hangul word of five syllables or more, or one ending like a verb (…니다, …요, …다): Korean sentences, not names
_KOREAN_SENTENCE = re.compile(
    r"[\uac00-\ud7a3]{5,}|[\uac00-\ud7a3](?:니다|어요|아요|해요|세요|습니다)(?![\uac00-\ud7a3])"
)
_GLOSS_AFTER = re.compile(r"[（(][\u3041-\u30ff\u4e00-\u9fff]")


def foreign_script_names_in(text: str) -> Iterator[Found]:
    japanese = has_kana(text)
    # 転入届に 박지훈 とある: in Japanese text, a word or two in Hangul are a Korean resident's name
    # … unless they make a Korean sentence (오늘은 접수가 마감되었습니다) or a word is glossed (조의（お悔やみ）)
    if japanese and not _KOREAN_SENTENCE.search(text):
        words = list(_HANGUL_WORD.finditer(text))
        if 1 <= len(words) <= 3:
            for match in words:
                if not _GLOSS_AFTER.match(text, match.end()):
                    yield (*match.span(), 0.85, "honorific")
    for match in _HANGUL_NAME.finditer(text):
        group = 1 if match.group(1) else 2
        yield (*match.span(group), 0.85, "honorific")
    for match in _CHINESE_NAME.finditer(text):
        yield (*match.span(1), 0.85, "honorific")
    if japanese:
        return  # 氏名：山田太郎 is read by role_words; 田中先生 by its honorific, and 先生 may be a title
    for match in _FOREIGN_LABEL.finditer(text):
        yield (*match.span(1), 0.85, "role")
    for match in _CHINESE_SIR.finditer(text):
        yield (*match.span(1), 0.85, "honorific")


# 島、池田、桝の3人 / 佐藤と鈴木の両名: a count of people right after a run of short words.
_PEOPLE_COUNT = re.compile(r"(?:の|ら)[ \u3000]*([2-8２-８二三四五六七八]|両)[ \u3000]*(?:人|名)(?![\u4e00-\u9fff])")
_COUNT_VALUE = {"両": 2, **{c: i + 2 for i, c in enumerate("二三四五六七八")}}
_COUNTED_ITEM = re.compile(r"(?:[\u4e00-\u9fff々ヶ]{1,4}|[\u30a1-\u30faー][\u30a1-\u30faー・＝]{1,15})$")
_COUNTED_SEPARATOR = re.compile(r"(?:[、,，・]|と)$")


def counted_names_in(text: str) -> Iterator[Found]:
    """The items before 「の3人」「の両名」 when there are exactly as many of them as the count says, and at least
    half of them are known family names or katakana names: the count says they are people (島、池田、桝の3人)."""
    for match in _PEOPLE_COUNT.finditer(text):
        raw = match.group(1)
        count = _COUNT_VALUE.get(raw) or int(unicodedata.normalize("NFKC", raw))
        cursor, items = match.start(), []
        for k in range(count):
            item = _COUNTED_ITEM.search(text, max(0, cursor - 16), cursor)
            if item is None:
                break
            items.append(item.span())
            cursor = item.start()
            if k < count - 1:
                separator = _COUNTED_SEPARATOR.search(text, max(0, cursor - 1), cursor)
                if separator is None:
                    break
                cursor = separator.start()
        else:
            if _COUNTED_ITEM.search(text, max(0, cursor - 1), cursor) or _COUNTED_SEPARATOR.search(
                text, max(0, cursor - 1), cursor
            ):
                continue  # one more item before them: the count does not match
            words_ = [text[a:b] for a, b in items]
            if any(
                w in _leading_roles() or w in word_set("not_names") or w.endswith(_NOT_PERSON_ITEM_ENDINGS)
                for w in words_
            ):
                continue
            named = sum(
                any(w[:n] in surnames() for n in (1, 2, 3))
                if _KANJI.match(w)
                else _katakana_is_name(w, in_context=True)
                for w in words_
            )
            if 2 * named >= count:
                yield from ((a, b, 0.8, "counted") for a, b in items)


# ランズベリーは1940年5月7日に北ロンドンで生まれた: a katakana subject of 生まれ is a person.
_BORN_SUBJECT = re.compile(
    r"(?:^|(?<=[。\n「『（(]))([\u30a1-\u30faー][\u30a1-\u30faー・＝]{1,20})は[^。\n]{0,30}?(?:に|で)生まれ(?:た|る|ました|育)"
)


def born_names_in(text: str) -> Iterator[Found]:
    for match in _BORN_SUBJECT.finditer(text):
        name = match.group(1)
        parts = [p for p in _KANA_PARTS.split(name) if p]
        if parts and not any(
            p in word_set("kana_not_names") or p in word_set("katakana_not_name_parts") for p in parts
        ):
            yield (match.start(1), match.end(1), 0.8, "born")


# "my name is Priya NAIR": a writer introducing themselves in English, up to three capitalised words
_MY_NAME_IS = re.compile(
    r"(?i:\bmy name is|\bmy name's)\s+(?P<name>[A-Z][A-Za-z'-]+(?:[ ][A-Z][A-Za-z'-]+){0,2})(?![A-Za-z])"
)


def introduced_names_in(text: str) -> Iterator[Found]:
    for match in _MY_NAME_IS.finditer(text):
        yield (*match.span("name"), 0.85, "role")


def context_names(text: str) -> list[Found]:
    return [
        *counted_names_in(text),
        *introduced_names_in(text),
        *born_names_in(text),
        *foreign_script_names_in(text),
        *romaji_names_in(text),
        *katakana_names_in(text),
        *hiragana_children_in(text),
        *listed_names_in(text),
        *roster_names_in(text),
        *hiragana_name_lines_in(text),
        *hiragana_full_names_in(text),
    ]
