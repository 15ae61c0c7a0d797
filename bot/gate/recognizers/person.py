"""氏名: Sudachi's person-name tags, a name dictionary, honorifics and role words, and GiNZA NER.

GiNZA's NER alone finds about two names in three on encyclopedic text and confuses e-mails with
persons; Sudachi's dictionary (through GiNZA's tokenizer) tags known surnames and given names
(名詞-固有名詞-人名-姓/名/一般) at almost no cost. The rules below join those tags into full names,
catch unknown names by the honorific after them (様, さん, 氏 …) or the role word before them
(申請者, 相談者 …), and drop names that are part of a place or an organisation (田中駅, 松本城, ダイムラー社,
ワーナー・ブラザース) or of a compound (ガウス軌道, 小沢艦隊). Names Sudachi does not tag are read from their
context with the help of its dictionary (lexicon.py: is the word unknown to it, does it list it as a name):
after a word for a person (作者の伏見, 建築家オーレ・シェーレン), as the subject of a person's verb
(オルリンスキは…を率いた), before a cue said of people (ブレドウと会談), as the subject of a sentence that
defines a person, katakana parts all unknown to the dictionary, Chinese and Korean names (金載昊).
Encyclopedic text adds: items listed with a name found (ゲイリーとレーンは), a surname with a given name the
dictionary does not know or written in hiragana (岡本吾市, 宮内あすか), words the dictionary also lists as
names opening a clause with a verb said of people (1950年、グラントは…卒業), unknown katakana subjects of
sentences about people, titles at the end of the kanji after a name (柴山撮影所長).
name_context.py adds names found by their surroundings in the text (romaji,
katakana of foreign residents, hiragana children's names, lists, rosters); name_parts.py finds later
mentions of a part of a name. The word lists live in data/*.txt (data/README.md).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.tokens import Doc

from bot.gate.kana_reading import mostly_hiragana
from bot.gate.recognizers import lexicon
from bot.gate.recognizers.name_context import context_names
from bot.gate.recognizers.name_parts import name_parts, part_mentions
from bot.gate.recognizers.names import (
    foreign_katakana_names,
    given_names,
    hiragana_given_names,
    romaji_names,
    surnames,
)
from bot.gate.recognizers.not_people import stage_names_in
from bot.gate.recognizers.wordlists import word_set, words
from bot.gate.rule_reading import language_of, sentences_of

HONORIFICS = word_set("honorifics")
# Words that take an honorific but are not names: 皆様, お客様, 担当者様, 部長さん …
NOT_NAMES = word_set("not_names")
# Towns, rivers and parks of the five cities that Sudachi may tag as a name (坂川, 片山, 駒形)
LOCAL_PLACES = word_set("local_places")
# Words of the trades the dictionary also lists as family names (日影規制, 遊間異常): by their tags alone, the word
COMMON_WORDS_AS_SURNAMES = word_set("common_words_as_surnames")
ROLE_WORDS = words("role_words")
# Titles and roles written right before or after a name (宰相シュタイン, FW大久保嘉人, タフト大統領).
TITLES_BEFORE = word_set("titles_before")
TITLES_AFTER = word_set("titles_after")
# A name directly followed by one of these is part of a place or an organisation.
PLACE_OR_ORG_SUFFIXES = words("place_or_org_suffixes")
_KANJI = re.compile(r"^[\u4e00-\u9fff々〆ヶ]+$")
_KATAKANA = re.compile(r"^[\u30a1-\u30faー]+$")
_KANA_NOT_NAMES = word_set("kana_not_names")
_SPORTS_TITLES = frozenset({"選手", "投手", "捕手", "外野手", "内野手"})
_STRONG_TITLES = frozenset(
    {
        "大統領",
        "首相",
        "国王",
        "王子",
        "王女",
        "皇帝",
        "女王",
        "大将",
        "中将",
        "少将",
        "大佐",
        "元帥",
        "議長",
        "総裁",
        "長官",
    }
)
_NOBLE_TITLES = frozenset({"伯爵", "侯爵", "公爵", "男爵", "子爵", "辺境伯", "大公"})
_COMPOUND_ENDINGS = (*PLACE_OR_ORG_SUFFIXES, *words("compound_endings"))
_KANJI_RUN = re.compile(r"[\u4e00-\u9fff々ヶ]{1,8}")
_NAME_JOINERS = frozenset({"・", "=", "＝", "゠", "·", "･"})
# Family or era of a person (伊藤家, 細川綱利時代): after a 人名 token, a name.
_PERSON_GROUPS_AFTER = tuple(words("person_groups_after"))
# Latin initials inside or before a katakana name (ダーナ・A・ブラウン, E・E・リッチ, J.L.ボニエ).
_INITIAL = re.compile(r"^[A-Z]$")
_INITIAL_JOINERS = frozenset({"・", ".", "．", "·", "･"})
# A whole token after a name that makes it a company's, a product's or a building's (ダイムラー社, 円谷プロ).
_ORG_WORDS_AFTER = word_set("org_words_after")
# A katakana part that makes a ・-joined name a company's, a place's or a work's (ワーナー・ブラザース).
_KATAKANA_NOT_NAME_PARTS = word_set("katakana_not_name_parts")
_JOINED_PARTS = re.compile(r"[・=＝゠]")
# Role, occupation and kin words written before a name (作者の伏見, 建築家オーレ・シェーレン).
PERSON_CONTEXT_BEFORE = word_set("person_context_before")
_PERSON_NOUN_ENDINGS = ("者", "家", "手", "士", "師", "官", "優")
_NOT_PERSON_NOUNS = frozenset(
    {"国家", "王家", "武家", "農家", "民家", "実家", "本家", "分家", "一家", "大手", "若手", "忍者", "業者"}
)
_LATIN_WORD = re.compile(r"^[A-Z][a-z]+$")
_ROMAJI_NOT_NAMES = word_set("romaji_not_names")
_ENGLISH_PLACE_WORDS = word_set("english_place_words")
_LATIN_NAME_PART = re.compile(r"^(?:[A-Z][a-z]+|[A-Z]|\.)$")
# A ruler's name with its ordinal (アナスタシオス1世, シャッダム四世): the whole is the person's name.
_REGNAL = re.compile(
    r"(?<![\u30a1-\u30faー・])[\u30a1-\u30faー]{2,}(?:・[\u30a1-\u30faー]{2,})*[0-9０-９一二三四五六七八九十]{1,3}世(?![代紀界])"
)
# Plural and enumeration words Sudachi may glue to a name (吉村等, 田中ら).
_NOT_NAME_TAILS = frozenset({"等", "ら", "達", "たち", "一人", "唯一", "全員", "以外", "自身", "本人"})
# Prefixes of a title written after a name (ワーナー|元|副会長, 田中|前|市長): part of the title, not of the name.
_TITLE_PREFIXES = frozenset({"元", "前", "現", "新", "次期", "初代"})
_DUMMY_BEFORE = re.compile(
    r"(?:見本|記入例|例示|サンプル|ダミー|架空|仮名|試験|テスト|[〇○×△□]{2,}"
    r"|(?i:\b(?:sample|dummy|test|example|fake|placeholder)[ \u3000]))[ \u3000]?$"
)  # 〇〇堀, 〇〇 太郎, name 'Sample Hanako'
# … or a span marked as a form's example right after it (シヤクシヨ タロウ（記入例）), and kanji numerals (部数 三百)
_DUMMY_AFTER = re.compile(r"[ \u3000」』]{0,2}[（(](?:記入例|例|見本|サンプル|ダミー|架空|仮)[）)]")
_NUMERAL = re.compile(r"[〇一二三四五六七八九十百千万]+")
# … or a span that takes the dummy word for a surname (a list item 「見本 一郎」)
_DUMMY_START = re.compile(
    r"(?:見本|サンプル|ダミー|試験|テスト|(?i:sample|dummy|test|example|fake|placeholder))[ \u3000]"
)
# … or an office or "the public" standing as the surname of a form's given name (市役所 太郎, 市民 花子)
_PLACEHOLDER_GIVEN = re.compile(r"太郎|花子|一郎|次郎|二郎|三郎|四郎|五郎|桃子|梅子")
_PLACEHOLDER_SURNAME = r"(?:市役所|区役所|町役場|村役場|役所|役場|市民|区民|町民|村民|県民|都民|国民)"
_PLACEHOLDER_SURNAME_BEFORE = re.compile(rf"{_PLACEHOLDER_SURNAME}[ \u3000]?$")
_PLACEHOLDER_FULL_START = re.compile(rf"{_PLACEHOLDER_SURNAME}[ \u3000]?(?:{_PLACEHOLDER_GIVEN.pattern})")
_NAME_IN_BRACKETS = re.compile(r"[一-龥々ぁ-んァ-ヶー]+")
_EVENT_AFTER = re.compile(r"の(?:乱(?![一-龥れ])|変(?![一-龥なわえ]))")
_ADDRESS_WORDS = frozenset({"番地", "丁目", "番", "号", "号室", "号館", "方"})


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    score: float
    why: str


@dataclass(frozen=True, slots=True)
class _Tok:
    """What the rules read of a token. Walking spaCy's Doc creates a Token object per access, which
    made the name rules cost more than the tokenizer; plain tuples are read once per text."""

    text: str
    tag_: str
    idx: int

    @property
    def end(self) -> int:
        return self.idx + len(self.text)


def _tokens(doc: Doc) -> list[_Tok]:
    return [_Tok(t.text, t.tag_, t.idx) for t in doc]


def _is_name_tag(token: _Tok) -> bool:
    return "人名" in token.tag_


_FAMILY_BEFORE = re.compile(r"(?<![一-龥々])([一-龥々]{1,2})[ \u3000]$")


def _is_proper_or_unknown(token: _Tok) -> bool:
    text = token.text
    if text in NOT_NAMES or text in TITLES_AFTER or text in TITLES_BEFORE or text in _NOT_NAME_TAILS:
        return False
    if text in _TITLE_PREFIXES and not _is_name_tag(token):
        return False
    if text in _ADDRESS_WORDS:
        return False  # 12|番地| 山本様方: the end of an address before the name
    if text in _KANA_NOT_NAMES:
        return False  # ヘルパーさん, スタッフさん
    if _is_name_tag(token):
        return True
    if _KATAKANA.match(text) and len(text) >= 2:
        return "固有名詞" in token.tag_ or "普通名詞" in token.tag_
    if "普通名詞" in token.tag_ and text.endswith(_OCCUPATION_ENDINGS):
        return False  # 看護婦さん, 運転手さん, 駅員さん: an occupation, not a name
    if "サ変可能" in token.tag_ or "副詞可能" in token.tag_:
        return False  # 市長|査定|前: a verbal or adverbial noun is never part of a name
    return bool(_KANJI.match(text)) and len(text) <= 4 and token.tag_.startswith("名詞")


# Common nouns for occupations and roles end like this; names Sudachi knows carry a 人名 tag instead.
_OCCUPATION_ENDINGS = words("occupation_endings")
_HIRAGANA = re.compile(r"^[\u3041-\u309f]+$")


def _surname_before_hiragana_given(doc: list[_Tok], j: int, i: int) -> int:
    """高瀬|こ|はる|さん: Sudachi cut a given name in hiragana (こはる) and the walk back from the honorific stopped
    at its first kana. Where the kana glued before the found part complete a given name and a family name stands
    glued before them, the name starts at the family name (never a part of it masked alone)."""
    given = "".join(t.text for t in doc[j:i])
    if not _HIRAGANA.match(given):
        return j
    k = j
    while (
        k > 0
        and doc[k - 1].end == doc[k].idx
        and _HIRAGANA.match(doc[k - 1].text)
        and len(doc[k - 1].text + given) <= 5
    ):
        k -= 1
        given = doc[k].text + given
        if k > 0 and doc[k - 1].end == doc[k].idx and doc[k - 1].text in surnames() and given in hiragana_given_names():
            return k - 1
    return j


class JapanesePersonRecognizer(EntityRecognizer):
    ENTITY = "PERSON"

    def __init__(self, use_ner: bool = True) -> None:
        self.use_ner = use_ner
        self._surnames = surnames()
        self._given = given_names()
        self._foreign = foreign_katakana_names()
        self._hiragana_given = hiragana_given_names()
        romaji_names()  # read once at load, not on the first message
        lexicon.load()
        super().__init__(supported_entities=[self.ENTITY], supported_language="ja", name="JapanesePersonRecognizer")

    def load(self) -> None:
        pass

    # -- candidate spans ----------------------------------------------------------------------
    def _tagged_names(self, doc: list[_Tok]) -> list[_Span]:
        """Runs of 人名 tokens (佐藤+花子, ジョン+・+スミス), extended over dictionary given names."""
        spans: list[_Span] = []
        i = 0
        while i < len(doc):
            token = doc[i]
            glued_name = i + 1 < len(doc) and _is_name_tag(doc[i + 1]) and doc[i + 1].idx == token.end
            if (
                not _is_name_tag(token)
                or (token.text in NOT_NAMES and not glued_name)  # 王 alone is a king; 王+丹 is a name
                or _numeral_with_counter(doc, i)
            ):
                i += 1
                continue
            start, j = i, i + 1
            while j < len(doc):
                nxt = doc[j]
                initials = _initials_at(doc, j + 1) if nxt.text in _NAME_JOINERS else 0
                if _is_name_tag(nxt):
                    j += 1
                elif (
                    nxt.text in _NAME_JOINERS
                    and j + 1 < len(doc)
                    and (_is_name_tag(doc[j + 1]) or _KATAKANA.match(doc[j + 1].text))
                ):
                    j += 2
                    j = _glued_katakana_tail(doc, j)  # ジェイムズ・ロング|ストリート: the part Sudachi cut in two
                elif (
                    _LATIN_NAME_PART.match(doc[j - 1].text)
                    and _LATIN_NAME_PART.match(nxt.text)
                    and nxt.text not in _ROMAJI_NOT_NAMES
                ):
                    j += 2 if j + 1 < len(doc) and doc[j + 1].text == "." and len(nxt.text) == 1 else 1
                    # William + Normark, Lester + T. + W. + Ho: the rest of a name written in Latin letters
                elif initials and j + 2 + initials < len(doc) and _KATAKANA.match(doc[j + 2 + initials].text):
                    j += 3 + initials  # ジョン + ・J・ + テイラー
                elif (
                    j == i + 1
                    and len(token.text) == 1
                    and token.tag_.endswith("姓")
                    and _KANJI.match(nxt.text)
                    and nxt.idx == token.end
                    and len(nxt.text) <= 2
                    and (lexicon.unknown(nxt.text) or _is_name_tag(nxt))
                ):
                    j += 1  # 李 + 炳鉄, 趙 + 秉稷: a one-character surname and a given name Sudachi does not know
                elif (
                    doc[j - 1].tag_.endswith("姓")
                    and _KATAKANA.match(nxt.text)
                    and nxt.idx == doc[j - 1].end
                    and _katakana_given(nxt.text)
                ):
                    j += 1  # 影山 + ヒロノブ: a given name written in katakana
                elif (
                    doc[j - 1].tag_.endswith("姓")
                    and _KANJI.match(nxt.text)
                    and (
                        nxt.text in self._given
                        or (j + 1 < len(doc) and doc[j + 1].text in HONORIFICS)
                        or _title_at(doc, j + 1)  # 中野 + 誠 + 係|長: Sudachi cuts 係長 in two
                    )
                ):
                    j += 1  # 佐藤 + 翔太 when Sudachi does not know the given name
                else:
                    break
            i = _extend_left(doc, i)
            if i == start and _family_name_read_as_word(doc, i):
                i -= 1  # 垣根|涼介, 藤ヶ谷|陽介, 桝|嘉一: the family name Sudachi read as a word or a place
            parts = doc[i:j]
            if (
                len(parts) == 1
                and _HIRAGANA.match(token.text)
                and j < len(doc)
                and doc[j].idx == token.end
                and _HIRAGANA.match(doc[j].text)
                and doc[j].tag_.startswith("名詞")
            ):
                i = j  # 「まど|ぐちスマート」: a word in hiragana that Sudachi cut into a surname and a noun
                continue
            tags = [t.tag_ for t in parts if _is_name_tag(t)]
            if len(tags) >= 2 or (j - i) >= 2:
                score = 0.85
            elif tags and tags[0].endswith("姓"):
                score = 0.6
            elif len(parts) == 1 and _HIRAGANA.match(token.text):
                score = 0.3  # はつ, かいさ in text written in hiragana: a name only with an honorific
            elif tags and tags[0].endswith("名"):
                score = 0.55 if len(token.text) >= 2 else 0.3
            else:  # 人名-一般: foreign or historical names (ナポレオン, 信長)
                score = 0.6 if len(token.text) >= 2 else 0.3
            spans.append(_Span(parts[0].idx, parts[-1].end, score, "sudachi"))
            i = j
        return spans

    def _dictionary_names(self, doc: list[_Tok]) -> list[_Span]:
        """Kanji surname + given name from the dictionary, even when Sudachi tags neither."""
        spans = []
        for i in range(len(doc) - 1):
            a, b = doc[i], doc[i + 1]
            if "数詞" in b.tag_ or a.tag_.startswith("接頭辞"):
                continue  # 新|一万|円札: a prefix and a number, not 新 + 一万
            if a.text in self._surnames and _KANJI.match(b.text) and b.text in self._given:
                spans.append(_Span(a.idx, b.end, 0.8, "dictionary"))
        return spans

    def _honorific_names(self, doc: list[_Tok]) -> list[_Span]:
        """Up to three name-like tokens right before さん/様/氏 … (山田さん, ヤマダ様, 鈴木一郎氏)."""
        spans = []
        for i, token in enumerate(doc):
            if token.text not in HONORIFICS or i == 0:
                continue
            j = i
            while j > 0 and i - j < 3 and _is_proper_or_unknown(doc[j - 1]):
                j -= 1
            if j == i:
                continue
            name = doc[j:i]
            if "".join(t.text for t in name) in NOT_NAMES or any(t.text in NOT_NAMES for t in name):
                continue
            if all(_common_kanji_word(t) for t in name):
                continue  # 鍵盤さん孔, 右派議員, 悪夢ちゃん: words the dictionary knows, none of them as a name
            j = _surname_before_hiragana_given(doc, j, i)
            spans.append(_Span(doc[j].idx, name[-1].end, 0.9, "honorific"))
        return spans

    def _role_names(self, doc: list[_Tok], text: str) -> list[_Span]:
        """申請者：山田一郎 / 相談者の田中 … — the name-like tokens after a role word."""
        spans = []
        for i, token in enumerate(doc):
            if token.text not in ROLE_WORDS:
                if token.text in TITLES_BEFORE:
                    spans += self._name_in_brackets_after(doc, i)
                continue
            k = i + 1
            if k < len(doc) and doc[k].text in {"の", "は", ":", "：", "、", "（", "(", "「"}:
                k += 1
            j = k
            # The first token must look like a surname (a 人名 tag or the surname dictionary), so that
            # 市民の健康 is not a name although 健康 is also written as a given name.
            # After の (市民の森, 住民の林) a surname that is also a common noun is the noun.
            common_after_no = doc[k - 1].text == "の" and k < len(doc) and "普通名詞" in doc[k].tag_
            if k < len(doc) and not common_after_no and (_is_name_tag(doc[k]) or doc[k].text in self._surnames):
                j = k + 1
                while (
                    j < len(doc)
                    and j - k < 3
                    and (_is_name_tag(doc[j]) or (_KANJI.match(doc[j].text) and doc[j].text in self._given))
                ):
                    j += 1
            if j > k:
                spans.append(_Span(doc[k].idx, doc[j - 1].end, 0.85, "role"))
        return spans

    def _name_in_brackets_after(self, doc: list[_Tok], i: int) -> list[_Span]:
        """市長（大河内）, 課長(山之内): a title, then in brackets one to three kanji or kana tokens and nothing else.

        Who holds the title is a person; a common word or a place in brackets (市長（当時）, 課長（総務）) is not.
        """
        k = i + 1
        if k >= len(doc) or doc[k].text not in {"（", "("}:
            return []
        j = k + 1
        while j < len(doc) and j - k <= 3 and doc[j].text not in {"）", ")"}:
            word = doc[j]
            # a name by the dictionary or the name lists; never a common word or a place (当時, 総務, 東京)
            proper = _is_name_tag(word) or word.text in self._surnames or word.text in self._given
            if not _NAME_IN_BRACKETS.fullmatch(word.text) or not proper:
                return []
            j += 1
        if j == k + 1 or j >= len(doc) or doc[j].text not in {"）", ")"}:
            return []
        inside = "".join(t.text for t in doc[k + 1 : j])
        if inside in NOT_NAMES or inside in TITLES_BEFORE or inside in TITLES_AFTER or not 2 <= len(inside) <= 6:
            return []
        return [_Span(doc[k + 1].idx, doc[j - 1].end, 0.85, "role")]

    def _titled_names(self, doc: list[_Tok]) -> list[_Span]:
        """Name-like tokens right after a title (宰相シュタイン) or right before one (タフト大統領)."""
        spans = []
        for i, token in enumerate(doc):
            if token.text in TITLES_BEFORE:
                j = i + 1
                while (
                    j < len(doc)
                    and j - i <= 4
                    and (_is_proper_or_unknown(doc[j]) or (doc[j].text in _NAME_JOINERS and j + 1 < len(doc)))
                    and doc[j].text not in TITLES_AFTER
                ):
                    j += 1
                if j > i + 1 and doc[j - 1].text not in _NAME_JOINERS and doc[i + 1].text not in _NAME_JOINERS:
                    name = doc[i + 1 : j]
                    if any(self._name_evidence(t, token.text) for t in name):
                        spans.append(_Span(name[0].idx, name[-1].end, 0.8, "title"))
            if token.text in TITLES_AFTER and i > 0:
                j = i
                while (
                    j > 0
                    and i - j < 4
                    and (_is_proper_or_unknown(doc[j - 1]) or (doc[j - 1].text in _NAME_JOINERS and j - 1 > 0))
                ):
                    j -= 1
                while j < i and "助数詞" in doc[j].tag_:
                    j += 1  # 2代|ヘイルシャム子爵: the counter after a number is no part of the name
                if j < i and doc[j].text not in _NAME_JOINERS:
                    name = doc[j:i]
                    if any(self._name_evidence(t, token.text, title_after=True) for t in name):
                        spans.append(_Span(name[0].idx, name[-1].end, 0.8, "title"))
        return spans

    def _person_context_names(self, doc: list[_Tok]) -> list[_Span]:
        """A name right after a word for a person (作者の伏見, 女優のアドリエーン・ラルッサ, 哲学者シセラ・ボク,
        キャスターのたけし, 社長の金載昊). What follows must look like a name by itself: a 人名 tag, katakana
        the dictionary does not know, a word the dictionary also lists as a name, Latin initials."""
        spans = []
        for i, token in enumerate(doc):
            if token.text[-1:] not in _PERSON_WORD_LAST_CHARS or not _person_word(token):
                continue  # the first test is a cheap filter: most tokens end in no such character
            k = i + 1
            if k < len(doc) and doc[k].text in {"の", "・"}:
                k += 1
            elif k < len(doc) and doc[k].idx != token.end:
                continue
            end = self._name_run(doc, k)
            if end > k:
                spans.append(_Span(doc[k].idx, doc[end - 1].end, 0.85, "person-context"))
        return spans

    def _name_run(self, doc: list[_Tok], k: int) -> int:
        """End (exclusive) of the name-like tokens starting at k, or k when they do not look like a name."""
        if k >= len(doc) or doc[k].text in NOT_NAMES or doc[k].text in TITLES_AFTER:
            return k
        first = doc[k]
        if _KATAKANA.match(first.text) or _INITIAL.match(first.text):
            j, parts, has_initials = k, [], False
            while j < len(doc):
                initials = _initials_at(doc, j)
                if initials:
                    j += initials + 1
                    has_initials = True
                    continue
                if not _KATAKANA.match(doc[j].text) or "地名" in doc[j].tag_ or "組織" in doc[j].tag_:
                    break
                parts.append(doc[j])
                j += 1
                if j + 1 < len(doc) and doc[j].text in _NAME_JOINERS and _KATAKANA.match(doc[j + 1].text):
                    j += 1
                else:
                    break
            if not parts or doc[j - 1].text in _NAME_JOINERS:
                return k
            named = (
                has_initials
                or any(_is_name_tag(t) or (len(t.text) >= 3 and lexicon.unknown(t.text)) for t in parts)
                or (
                    doc[k - 1].text != "の"
                    and _explicit_person_word(doc[k - 1 if doc[k - 1].text != "・" else k - 2])
                    and (doc[k - 1].end != doc[k].idx or doc[k - 1].text in _KIN_AND_ROYAL)
                    and all(_katakana_listed_as_name(t) or _katakana_proper(t) for t in parts)
                    and _closes_item(doc, j)
                    and (j >= len(doc) or doc[j].text not in {"」", "。"})
                )  # 母サリーと, 少年・チェイス。: a word also listed as a name, right after the word for a person
            )
            return j if named and not any(t.text in _KANA_NOT_NAMES for t in parts) else k
        if _LATIN_WORD.match(first.text):
            j = k
            while j < len(doc) and _LATIN_WORD.match(doc[j].text) and j - k < 3:
                j += 1
            return j if j - k >= 2 else k  # Andrea Natella: two capitalised words
        if _HIRAGANA.match(first.text):
            return k + 1 if _is_name_tag(first) and len(first.text) >= 2 else k
        # 伏見 (tagged a place here, a surname in the dictionary) but not 時代 or 健康 (common nouns here).
        name_like = _is_name_tag(first) or ("固有名詞" in first.tag_ and lexicon.can_be_name(first.text))
        if not name_like and 2 <= len(first.text) <= 3 and lexicon.can_be_surname(first.text):
            # コメディアン植木等, 編集長の下地が: a family name read as a common noun, standing alone
            nxt = doc[k + 1] if k + 1 < len(doc) else None
            name_like = nxt is None or nxt.idx != first.end or not nxt.tag_.startswith(("名詞", "接尾辞"))
            name_like = name_like or (nxt is not None and nxt.text in _NOT_NAME_TAILS)
        if not name_like and _KANJI.match(first.text) and k >= 2 and doc[k - 1].text in {"の", "・"}:
            return (
                _new_kanji_name_end(doc, k) if _explicit_person_word(doc[k - 2]) else k
            )  # 師匠の雨散草伊, 妃の博拉吉: kanji the dictionary does not know
        if not _KANJI.match(first.text) or not name_like:
            return k
        j = k + 1
        while (
            j < len(doc)
            and _KANJI.match(doc[j].text)
            and doc[j].idx == doc[j - 1].end
            and doc[j].end - first.idx <= 4
            and (_is_name_tag(doc[j]) or lexicon.can_be_name(doc[j].text) or lexicon.unknown(doc[j].text))
        ):
            j += 1
        if doc[j - 1].end - first.idx < 2:
            return k  # 市民の森: one kanji is too often a word
        return j

    def _defined_names(self, doc: list[_Tok]) -> list[_Span]:
        """The subject of a sentence that says what a person is: ロッキー・ロメロは、キューバのプロレスラー。
        KOTOKOは、日本の女性シンガーソングライター。 The subject must be a name's shape (katakana parts,
        initials, Latin words, a short kanji run) and the sentence must end in a word for a person."""
        spans = []
        start = 0
        for i, token in enumerate(doc):
            if token.text not in {"。", "．"}:
                continue
            sentence = doc[start:i]
            start = i + 1
            last = next((t for t in reversed(sentence) if not t.tag_.startswith(("助動詞", "補助記号"))), None)
            if last is None or not (_person_word(last) or last.text in _PERSON_DEFINED):
                continue
            end = next((k for k in range(len(sentence) - 1) if sentence[k].text == "は"), -1)
            if end < 1 or sentence[end + 1].text != "、":
                continue
            subject = sentence[:end]
            if all(_name_shaped(t) for t in subject) and subject[0].text not in _NAME_JOINERS:
                spans.append(_Span(subject[0].idx, subject[-1].end, 0.85, "definition"))
        return spans + _copula_subjects(doc)

    def _subject_names(self, doc: list[_Tok]) -> list[_Span]:
        """A word Sudachi's dictionary does not know, as the subject of a clause whose verb is said of
        people (オルリンスキは第305爆撃機中隊を率いた, ホーセイはロシア政府の依頼により…) or before a
        cue of person_cues.txt (ラシェの小隊, ブレドウと会談). Katakana parts joined by ・ before it belong to it."""
        spans = []
        for i, token in enumerate(doc):
            if i == 0 or token.text not in _CUE_HEADS:
                continue
            name = doc[i - 1]
            if _is_name_tag(name) or len(name.text) < 2:
                continue  # a tagged name is found by _tagged_names already
            if token.text not in _SUBJECT_PARTICLES and not _person_cue(doc, i):
                continue
            if _KATAKANA.match(name.text) and len(name.text) >= 3:
                if name.tag_.endswith("国") or name.text in _KANA_NOT_NAMES:
                    continue
                # ナウ・ニハール・シング: in a ・-joined name one part unknown to the dictionary is enough
                parts = [t for t in doc[_extend_left(doc, i - 1) : i] if t.text not in _NAME_JOINERS]
                split = _split_katakana_word(doc, i - 1)
                if (
                    split is None
                    and not any(_KATAKANA.match(t.text) and len(t.text) >= 3 and lexicon.unknown(t.text) for t in parts)
                    and not (
                        any(_katakana_listed_as_name(t) for t in parts)
                        and _listed_subject_slot(doc, i, i - (2 * len(parts) - 1))
                    )
                ):
                    continue
                if any(t.text in _KANA_NOT_NAMES or "組織" in t.tag_ for t in parts):
                    continue
            elif not self._surname_read_as_word(doc, i - 1):
                continue  # 瀬戸は…落選, 入江が優勝: a surname Sudachi read as a place or a common noun here
            if (
                token.text in _SUBJECT_PARTICLES
                and not _person_verb_in(_clause_after(doc, i + 1))
                and not _unknown_subject_among_people(doc, i)
                and not (_KANJI.match(name.text) and _people_sentence(doc, i - 1))
            ):
                continue
            first = _extend_left(doc, i - 1)
            split = _split_katakana_word(doc, i - 1) if _KATAKANA.match(name.text) else None
            if split is not None:
                spans.append(_Span(doc[split].idx, name.end, 0.85, "subject"))
                continue
            if (
                first == i - 1
                and i >= 2
                and doc[i - 2].end == name.idx
                and doc[i - 2].tag_.startswith("名詞")
                and not doc[i - 2].tag_.startswith("名詞-普通名詞-副詞可能")  # 翌年|グラントは
            ):
                # ランズ|ベリー: katakana Sudachi split is one name; ココストア|イースト, 映像編集|エディッツ are not
                glued = doc[i - 2]
                if not (_KATAKANA.match(glued.text) and ("固有名詞" in glued.tag_ or lexicon.unknown(glued.text))):
                    continue
                first = i - 2
            spans.append(_Span(doc[first].idx, name.end, 0.85, "subject"))
        return spans

    def _surname_read_as_word(self, doc: list[_Tok], k: int) -> bool:
        """doc[k] is a surname of two or three kanji the dictionary lists as a name, read here as a place,
        a proper noun or a common noun (瀬戸, 吉本, 入江), not glued to a noun before it (北入江)."""
        name = doc[k]
        if not (_KANJI.match(name.text) and 2 <= len(name.text) <= 3):
            return False
        if name.tag_.endswith("国") or "組織" in name.tag_ or not self._surname_word(name):
            return False
        if not ("地名" in name.tag_ or "固有名詞" in name.tag_ or name.tag_.startswith("名詞-普通名詞-一般")):
            return False
        return k == 0 or doc[k - 1].end != name.idx or not doc[k - 1].tag_.startswith(("名詞", "接頭辞"))

    def _cjk_names(self, doc: list[_Tok], text: str) -> list[_Span]:
        """金載昊, 朴槿恵, 薄熙来: a Chinese or Korean family name of one character and a given name of one
        or two that Sudachi's dictionary does not know, written between non-kanji."""
        spans = []
        for i, token in enumerate(doc):
            if token.text[:1] not in _CJK_SURNAMES or (i > 0 and _KANJI.match(doc[i - 1].text[-1:])):
                continue
            j, size = i, 0
            while j < len(doc) and _KANJI.match(doc[j].text) and size + len(doc[j].text) <= 3:
                size += len(doc[j].text)
                j += 1
            if size < 2 or (j < len(doc) and _KANJI.match(doc[j].text[:1])):
                continue  # the run goes on: a longer word, not a name
            following = doc[i + 1 : j]
            if len(token.text) > 1 and not lexicon.unknown(token.text):
                continue  # 全滅, 申請: a word of its own
            if any(not t.tag_.startswith("名詞") for t in following):
                continue  # 全国的, 金融庁, 申請者: a suffix makes a word
            unknown = [t for t in following if lexicon.unknown(t.text)] or (
                [token] if len(token.text) > 1 and not following else []
            )
            if unknown and not lexicon.can_be_place(text[token.idx : doc[j - 1].end]):
                spans.append(_Span(token.idx, doc[j - 1].end, 0.75, "cjk"))
        return spans

    def _surname_and_new_given(self, doc: list[_Tok]) -> list[_Span]:
        """岡本吾市, 中野雅至, 福原五岳: a dictionary surname and two or three kanji the dictionary does not know
        as a word (or knows as a given name), written between non-kanji and followed by a particle or a mark."""
        spans = []
        for i, token in enumerate(doc):
            if not (token.text in self._surnames or token.tag_.endswith("姓")) or not _KANJI.match(token.text):
                continue
            if len(token.text) < 2:
                continue  # 新|録曲, 文|川港線: one character is too often a prefix
            if i > 0 and doc[i - 1].end == token.idx and _KANJI.match(doc[i - 1].text[-1:]):
                continue
            j, given = i + 1, ""
            while j < len(doc) and doc[j].idx == doc[j - 1].end and _KANJI.match(doc[j].text) and len(given) < 3:
                given += doc[j].text
                j += 1
            if not 2 <= len(given) <= 3 or (j < len(doc) and not _after_new_given(doc[j])):
                continue
            if j < len(doc) and doc[j].idx == doc[j - 1].end and _KANJI.match(doc[j].text[:1]):
                continue
            if self._new_given(doc[i + 1 : j], given, token.text):
                spans.append(_Span(token.idx, doc[j - 1].end, 0.75, "surname-given"))
        return spans

    def _surname_and_hiragana_given(self, doc: list[_Tok]) -> list[_Span]:
        """宮内あすか, 吉川ひなの: a family name and, written right after it, a given name in hiragana
        (names.py's readings), closed by a particle or a mark."""
        spans = []
        pairs = [(i, i + 1, False) for i in _glued_pairs(doc, "\u3041", "\u309f")] + _spaced_pairs(doc)
        for i, first, spaced in pairs:
            token = doc[i]
            if not _HIRAGANA.match(doc[first].text):
                continue
            if len(token.text) < 2 or doc[first].tag_.startswith(("助詞", "助動詞", "動詞", "形容詞")):
                continue  # 調査中|とし|て, 見|て|い|て: a particle or a verb, not a name
            if not _KANJI.match(token.text) or not (
                token.tag_.endswith("姓") or token.text in self._surnames or (not spaced and self._surname_word(token))
            ):
                continue
            j, given, best = first, "", 0
            while (
                j < len(doc)
                and j - first <= 2
                and _HIRAGANA.match(doc[j].text)
                and (j == first or doc[j].idx == doc[j - 1].end)
            ):
                given += doc[j].text
                j += 1
                closed = (
                    j >= len(doc)
                    or doc[j].tag_.startswith(("助詞", "補助記号", "空白"))
                    or (spaced and doc[j].idx > doc[j - 1].end)  # 春山 ゆかり 市政報告会
                )
                if len(given) >= 2 and given in self._hiragana_given and closed and given not in HONORIFICS:
                    best = j
            if best:
                spans.append(_Span(token.idx, doc[best - 1].end, 0.8, "surname-given"))
        return spans

    def _surname_word(self, token: _Tok) -> bool:
        """A frequent surname (names.py) the dictionary also lists as one, or a word the dictionary lists as
        a surname and as no common noun, read here as no place (五木 but not 入口, 本名, 茨城)."""
        text = token.text
        if not lexicon.can_be_surname(text):
            return False
        return text in self._surnames or ("地名" not in token.tag_ and not lexicon.can_be_common_noun(text))

    def _surname_before_title_run(self, doc: list[_Tok], text: str) -> list[_Span]:
        """嘉納館長, 柴山撮影所長, 茂木航海長: a surname of two or three kanji that the dictionary lists as a name,
        read here as a word, before kanji that end in a title. 松本市長 and 大川村長 are a place's mayor."""
        spans = []
        for i in _glued_pairs(doc, "\u4e00", "\u9fff"):
            token = doc[i]
            if _is_name_tag(token) or not 2 <= len(token.text) <= 3 or not _KANJI.match(token.text):
                continue
            if i > 0 and doc[i - 1].end == token.idx and _KANJI.match(doc[i - 1].text[-1:]):
                continue
            run = _titled_run_after(text, token.end)
            if run and run[0] not in _PLACE_UNITS and self._surname_word(token):
                spans.append(_Span(token.idx, token.end, 0.8, "title"))
        return spans

    def _new_given(self, tokens: list[_Tok], given: str, surname: str) -> bool:
        if given[-1] in _COMPOUND_LAST or given.startswith(_AFTER_NAME) or given in NOT_NAMES:
            return False
        if len(given) == 3 and given not in self._given:
            return False  # 魚崎|町横屋: three kanji more are a place or a word more often than a name
        if any("地名" in t.tag_ or "組織" in t.tag_ or "助数詞" in t.tag_ or _is_name_tag(t) for t in tokens):
            return False  # a tagged given name is read by _tagged_names
        if lexicon.can_be_place(surname + given) or lexicon.can_be_place(surname + given[:-1]):
            return False
        return given in self._given or (
            lexicon.unknown(given)
            and all(len(t.text) == 1 or lexicon.can_be_name(t.text) or lexicon.unknown(t.text) for t in tokens)
        )

    def _name_evidence(self, token: _Tok, title: str, *, title_after: bool = False) -> bool:
        """A 人名 tag, a dictionary surname, or katakana that is not a place (・イギリス大統領) nor a word
        Sudachi's dictionary knows as a common noun (アニメーション監督, 作家クラブ会長). Before a sports
        title the katakana must be a proper noun: バドミントン選手, ラグビー選手 are sports."""
        if _is_name_tag(token) or token.text in self._surnames or token.text in self._foreign:
            return True
        if _KANJI.match(token.text) and "固有名詞" in token.tag_ and not token.tag_.endswith("国"):
            return lexicon.can_be_name(token.text)  # 茂木 (read as a place here) + 航海長
        if "地名" in token.tag_ and title in _NOBLE_TITLES and not token.tag_.endswith("国"):
            return True  # リヴァプール伯爵, クレルモン伯爵: a noble is named after his land
        if title_after and _KATAKANA.match(token.text) and "地名" in token.tag_ and not token.tag_.endswith("国"):
            # フィッツロイ船長; not アジア(年間最優秀)選手, ロンドン市長
            return title[0] not in _PLACE_UNITS and title not in _SPORTS_TITLES and lexicon.can_be_name(token.text)
        if not _KATAKANA.match(token.text) or "地名" in token.tag_:
            return False
        if "固有名詞" in token.tag_ or (title_after and title in _STRONG_TITLES and _katakana_listed_as_name(token)):
            return (
                True  # ウィンミン大統領, ライト大将: a word also listed as a name before a ruler's or officer's title
            )
        return title not in _SPORTS_TITLES and len(token.text) >= 3 and lexicon.unknown(token.text)

    def _katakana_full_names(self, doc: list[_Tok]) -> list[_Span]:
        """ジョン・スミス, ワン・ジェ: katakana parts joined by ・ or =, none of them a place, one of them a
        name, or all of them unknown to Sudachi's dictionary (ヴェリミール・フレーブニコフ)."""
        spans = []
        i = 0
        while i < len(doc):
            if not _KATAKANA.match(doc[i].text):
                i += 1
                continue
            j = i + 1
            while j + 1 < len(doc) and doc[j].text in _NAME_JOINERS and _KATAKANA.match(doc[j + 1].text):
                j += 2
            parts = [t for t in doc[i:j] if t.text not in _NAME_JOINERS]
            if (
                len(parts) >= 2
                and not any("地名" in t.tag_ or "組織" in t.tag_ for t in parts)
                and (
                    any(_is_name_tag(t) or t.text in self._foreign for t in parts)
                    or (all(_unknown_kana(t) for t in parts) and not _glued_to_words(doc, i, j))
                )
            ):
                spans.append(_Span(doc[i].idx, doc[j - 1].end, 0.75, "katakana"))
            i = j
        return spans

    def _ner_names(self, nlp_artifacts: NlpArtifacts) -> list[_Span]:
        spans = []
        for ent in nlp_artifacts.entities or []:
            if ent.label_ in {"Person", "PERSON"}:
                text = ent.text
                if "@" in text or any(ch.isdigit() for ch in text) or text in NOT_NAMES:
                    continue
                end = ent.end_char
                for honorific in sorted(HONORIFICS, key=len, reverse=True):
                    if text.endswith(honorific) and len(text) > len(honorific):
                        end -= len(honorific)  # GiNZA sometimes takes ヤマダ様 as the name
                        break
                spans.append(_Span(ent.start_char, end, 0.65, "ginza-ner"))
        return spans

    # -- filtering and merging -------------------------------------------------------------------
    @staticmethod
    def _part_of_place_or_org(text: str, span: _Span, doc: list[_Tok] | None = None) -> bool:
        after = text[span.end : span.end + 4]
        if not after.startswith(PLACE_OR_ORG_SUFFIXES):
            return False
        if doc is None:
            return True
        # 伊藤家, 細川綱利時代: after a token tagged as a person's name these say whose; フェリージ家, found
        # by that very cue (person_cues.txt), too.
        if after.startswith(_PERSON_GROUPS_AFTER) and (span.why == "subject" or _ends_with_name_tag(doc, span)):
            return False
        # 田中義一内閣, 横内正明山梨県知事: after a surname and a given name Sudachi both tagged, only a whole
        # place or organisation word counts (山梨 is not 山), and a cabinet is still the person's.
        if _full_name(doc, span):
            lo = _first_token_at(doc, span.end)
            nxt = doc[lo].text if lo < len(doc) and doc[lo].idx == span.end else ""
            return nxt in PLACE_OR_ORG_SUFFIXES and nxt != "内閣"
        return True

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if (entities and self.ENTITY not in entities) or nlp_artifacts is None or nlp_artifacts.tokens is None:
            return []
        doc = _tokens(nlp_artifacts.tokens)
        candidates = [
            *self._tagged_names(doc),
            *self._dictionary_names(doc),
            *self._honorific_names(doc),
            *self._role_names(doc, text),
            *self._titled_names(doc),
            *self._katakana_full_names(doc),
            *self._person_context_names(doc),
            *self._defined_names(doc),
            *self._subject_names(doc),
            *_latin_subject_names(doc),
            *_described_subjects(doc),
            *self._cjk_names(doc, text),
            *self._surname_and_new_given(doc),
            *self._surname_before_title_run(doc, text),
            *self._surname_and_hiragana_given(doc),
            *_cjk_three(text),
            *_cjk_surname_with_honorific(text),
        ]
        if self.use_ner:
            candidates.extend(s for s in self._ner_names(nlp_artifacts) if _ner_span_plausible(doc, s))
        candidates.extend(_Span(start, end, score, why) for start, end, score, why in context_names(text))
        candidates.extend(_Span(m.start(), m.end(), 0.8, "regnal") for m in _REGNAL.finditer(text))
        candidates.extend(_Span(start, end, 0.85, "stage-name") for start, end in stage_names_in(text))
        hiragana_prompt = mostly_hiragana(text)
        # 「风格要明亮」: Sudachi reads Chinese or Korean as if it were Japanese; there only a name's context counts
        foreign_prompt = language_of(text) != "ja"
        kept = [
            c
            for c in candidates
            if c.why in _CONTEXT_RULES
            or not (
                foreign_prompt
                or text[c.start : c.end]
                in LOCAL_PLACES  # 「坂川のこいのぼり」: the river; 「秋山さん」 comes by its honorific
                or text[c.start : c.end] in COMMON_WORDS_AS_SURNAMES  # 「日影になる」, 「遊間異常」
                # まいしゅう in a prompt typed all in hiragana: Sudachi's name tags on hiragana are guesses there
                or (c.why == "sudachi" and hiragana_prompt and _lone_hiragana_guess(text, c))
                or (c.why == "sudachi" and _in_noun_list(doc, c))
                or self._part_of_place_or_org(text, c, doc)
                or _org_word_after(doc, c)
                or _company_before(text, c)
                or (c.why == "sudachi" and _in_latin_phrase(text, doc, c))
                or _organisation_parts(text, c)
                or (c.why == "sudachi" and self._inside_compound(text, doc, c))
                or (c.why in {"sudachi", "katakana"} and _org_run_after(text, doc, c))
                or (c.why == "sudachi" and _after_place_and_joiner(doc, c))
                or (c.why == "sudachi" and _common_words_across(doc, c))
                or (c.why == "sudachi" and _inside_a_listed_word(text, c))
                or (c.why == "sudachi" and _english_words_in(text, c))
                or (c.why == "sudachi" and _language_abbreviations(text, c))
                or (c.why == "sudachi" and _in_a_foreign_line(text, c))
                # read, phone: an English word in lower case that Sudachi tagged a name (lower-case romaji names
                # are read by name_context with both parts known)
                or (c.why == "sudachi" and _LOWER_LATIN.fullmatch(text[c.start : c.end]) is not None)
                # 字堤下103番, 堤下103-1: a family name found by its tag alone before a lot's number is the place
                or (c.why == "sudachi" and _LOT_NUMBER_AFTER.match(text, c.end) is not None)
            )
        ]
        # 北原市農業委員会 会長 様: a title after a body's name does not make the body a person
        kept = [c for c in kept if not _BODY_ENDING.search(text, c.start, c.end)]
        merged = _with_readings(text, _merge(kept))
        merged = _merge(merged + _enumerated_with_names(text, merged) + _enumerated_katakana(text, merged))
        merged = _merge(merged + self._coordinated_names(doc, merged))
        merged = _merge(merged + self._part_mentions(text, doc, merged))
        merged = _merge([_with_katakana_parts_before(doc, c, text) for c in merged])
        # 平忠常の乱, 戴潮春の乱: a revolt named after its leader is an event's name
        merged = [c for c in merged if not _EVENT_AFTER.match(text, c.end)]
        # 浦島太郎, 見方: listed as not names, whichever path found them
        merged = [c for c in merged if text[c.start : c.end] not in NOT_NAMES or _CJK_HONORIFIC.match(text, c.start)]
        # 明推協委員, 社協の職員: a body's short name before a title word, whichever path found it
        merged = [c for c in merged if not _body_abbreviation(text[c.start : c.end])]
        # 社会福祉法人 あおば会 事務局: a body's name after its legal form, even where a title word follows it
        merged = [c for c in merged if not _company_before(text, c)]
        # 職員室前, 会議室前: a role word's context does not make part of a listed word (職員|室前) a name
        merged = [c for c in merged if not (c.why == "role" and _inside_a_listed_word(text, c))]
        # 市民の森, ふるさとの森, 水辺の林: one kanji after の is the thing, not a family name, unless a title follows
        merged = [c for c in merged if not _one_kanji_after_no(text, c)]
        # 「見本 花子」「記入例 太郎」: the dummy name of a form's example
        merged = [
            c
            for c in merged
            if not _DUMMY_BEFORE.search(text, max(0, c.start - 13), c.start)
            and not _DUMMY_START.match(text, c.start)
            and not _DUMMY_AFTER.match(text, c.end)
            and not _NUMERAL.fullmatch(text, c.start, c.end)
            and not _placeholder_name(text, c.start)
            and not _calendar_word(text, c)
        ]
        # Aさん, 相談者B, X氏: a letter standing for somebody is already anonymised, whichever path found it
        merged = [c for c in merged if not (c.end - c.start == 1 and text[c.start].isascii())]
        merged = [self._with_family_name_before(text, c) for c in merged]
        merged = [_with_given_name_after(text, c) for c in merged]
        return [
            RecognizerResult(
                self.ENTITY,
                c.start,
                c.end,
                c.score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: f"{self.name}:{c.why}",
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            for c in merged
        ]

    def _coordinated_names(self, doc: list[_Tok], spans: list[_Span]) -> list[_Span]:
        """ゲイリーとレーンは, 島、池田、桝の3人, スヌープ・ドッグ、ルー・リード: an item joined by と, や, 、 or VS
        to a name already found, shaped like a name itself and closed by a particle or the next separator,
        is a name too. The list is followed both ways, item by item."""
        anchors = [s for s in spans if s.score >= 0.6]
        if not anchors:
            return []
        taken = [(s.start, s.end) for s in spans]
        found: list[_Span] = []
        queue = [(_token_starting(doc, s.start), _token_ending(doc, s.end)) for s in anchors]
        while queue:
            first, last = queue.pop()
            if first is None or last is None:
                continue
            for lo, hi in (self._item_after(doc, last), self._item_before(doc, first)):
                if lo < 0 or any(doc[lo].idx < e and s < doc[hi].end for s, e in taken):
                    continue
                taken.append((doc[lo].idx, doc[hi].end))
                found.append(_Span(doc[lo].idx, doc[hi].end, 0.7, "coordination"))
                queue.append((lo, hi))
        return found

    def _item_after(self, doc: list[_Tok], last: int) -> tuple[int, int]:
        k = last + 1
        if k >= len(doc) or doc[k].text not in _COORDINATORS:
            return -1, -1
        hi = self._list_item(doc, k + 1, forward=True)
        if hi < 0 or not _closes_item(doc, hi + 1) or not _strong_item(doc, k + 1, hi + 1):
            return -1, -1
        return k + 1, hi

    def _item_before(self, doc: list[_Tok], first: int) -> tuple[int, int]:
        k = first - 1
        if k < 1 or doc[k].text not in _COORDINATORS:
            return -1, -1
        lo = self._list_item(doc, k - 1, forward=False)
        if lo < 0 or not (lo == 0 or doc[lo - 1].text in _OPENS_ITEM or doc[lo - 1].tag_.startswith("助詞")):
            return -1, -1
        if (
            lo == k - 1
            and len(doc[lo].text) == 2
            and _KATAKANA.match(doc[lo].text)
            and not self._paired_subject(doc, k)
        ):
            return -1, -1
        if not _strong_item(doc, lo, k) and doc[k].text not in {"と", "や"}:
            return -1, -1
        return lo, k - 1

    @staticmethod
    def _paired_subject(doc: list[_Tok], k: int) -> bool:
        """ベアとヘレンは, not パンと田中さんの: a word of two katakana counts only paired by と (doc[k]) with a foreign
        name Sudachi tags, the two the subject (は, が)."""
        if doc[k].text != "と":
            return False
        j = k + 1
        while j < len(doc) and (
            (_is_name_tag(doc[j]) and _KATAKANA.match(doc[j].text)) or doc[j].text in _NAME_JOINERS
        ):
            j += 1
        return j > k + 1 and j < len(doc) and doc[j].text in {"は", "が"}

    def _list_item(self, doc: list[_Tok], k: int, *, forward: bool) -> int:
        """The other end of a name-shaped item starting (forward) or ending (backward) at token k, or -1."""
        if k < 0 or k >= len(doc):
            return -1
        step = 1 if forward else -1
        if _KATAKANA.match(doc[k].text):
            j = k
            while (
                0 <= j + 2 * step < len(doc)
                and doc[j + step].text in _NAME_JOINERS
                and (_KATAKANA.match(doc[j + 2 * step].text))
            ):
                j += 2 * step
            parts = doc[min(j, k) : max(j, k) + 1 : 2]
            # ベアとヘレンは: a word of two katakana also listed as a name, before と, や or 、 and a name found
            short = not forward and len(parts[0].text) == 2 and _katakana_listed_as_name(parts[0])
            ok = all(_katakana_item_part(t) for t in parts) and (len(parts) >= 2 or len(parts[0].text) >= 3 or short)
            return j if ok else -1
        if _KANJI.match(doc[k].text):
            j = k
            while 0 <= j + step < len(doc) and _KANJI.match(doc[j + step].text) and abs(j + step - k) < 3:
                j += step
            lo, hi = min(j, k), max(j, k)
            item = "".join(t.text for t in doc[lo : hi + 1])
            return j if self._kanji_item_is_name(doc[lo : hi + 1], item) else -1
        return -1

    def _kanji_item_is_name(self, tokens: list[_Tok], item: str) -> bool:
        if not 2 <= len(item) <= 4 or item[-1] in _COMPOUND_LAST or item.endswith(PLACE_OR_ORG_SUFFIXES):
            return False
        if any("数詞" in t.tag_ or t.tag_.endswith("国") or "組織" in t.tag_ for t in tokens):
            return False
        head = tokens[0]
        return (
            _is_name_tag(head)
            or head.text in self._surnames
            or ("固有名詞" in head.tag_ and lexicon.can_be_name(head.text))
        )

    def _with_family_name_before(self, text: str, span: _Span) -> _Span:
        """王 小明: a family name of one or two kanji, a space, then the given name found alone."""
        match = _FAMILY_BEFORE.search(text, max(0, span.start - 4), span.start)
        if match is None or not _KANJI.match(text[span.start : span.start + 1]):
            return span
        family = match.group(1)
        if family[:1] in _CJK_SURNAMES or family in self._surnames:
            return _Span(match.start(1), span.end, span.score, span.why)
        return span

    @staticmethod
    def _inside_compound(text: str, doc: list[_Tok], span: _Span) -> bool:
        """A lone name token glued to a noun is part of a compound: ガウス軌道, ポアソン比, 小沢艦隊,
        ニクソン図書館, SCジョンソン, JPモルガン. Names followed by 名義, 宛, 家族 … stay names."""
        if span.score >= 0.85 or _titled_run_after(text, span.end):
            return False  # デイビス離脱大臣, 蔣介石国民党総裁: a title at the end of the nouns after the name
        lo = _first_token_at(doc, span.start)
        inside = [i for i in range(lo, len(doc)) if doc[i].idx < span.end and doc[i].end <= span.end]
        if not inside:
            return False
        first, last = inside[0], inside[-1]
        if doc[last].tag_.endswith("姓"):
            # 後藤|夜半, 片山|英木: a surname before a given name Sudachi does not know stays a name;
            # 田中|土建工業, 小沢|艦隊: a surname at the head of an organisation's name does not;
            # 伊藤|家: a family is the person's.
            run = _KANJI_RUN.match(text, span.end)
            return bool(run) and run.group().endswith(_COMPOUND_ENDINGS) and run.group() not in _PERSON_GROUPS_AFTER
        if last + 1 < len(doc):
            nxt = doc[last + 1]
            if (
                nxt.idx == span.end
                and nxt.tag_.startswith("名詞")
                and "人名" not in nxt.tag_
                and "数詞" not in nxt.tag_
                and nxt.text not in _AFTER_NAME
                and nxt.text not in _PERSON_NOUNS_AFTER
                and not nxt.text.startswith(_PERSON_NOUNS_AFTER)
            ):
                return True
        if first > 0:
            prev = doc[first - 1]
            glued = prev.end == span.start and "人名" not in prev.tag_
            if glued and re.match(r"^[A-Za-z\u30a1-\u30faー]+$", prev.text) and prev.text not in _COORDINATORS:
                return True
            if (
                glued
                and _KANJI.match(prev.text)
                and _KANJI.match(doc[first].text)
                and not doc[first].tag_.endswith("名")
                and prev.tag_.startswith(("名詞", "接頭辞"))
                and "固有名詞" not in prev.tag_
                and not _person_word(prev)
                and prev.text not in ROLE_WORDS
                and prev.text not in surnames()
                and not lexicon.can_be_name(prev.text)
                and not lexicon.unknown(prev.text)
            ):
                return True  # 上級市|長職, 5|人男, 一向|宗: a kanji noun glued before a lone name makes a compound
        return False

    def _part_mentions(self, text: str, doc: list[_Tok], spans: list[_Span]) -> list[_Span]:
        """The surname or given name of a name found here, mentioned again on its own (佐藤花子さん … 佐藤は)."""
        names = []
        for span in spans:
            if span.score < 0.8 or span.why in {"katakana", "katakana-name", "ginza-ner"}:
                continue
            name = text[span.start : span.end]
            lo = bisect.bisect_right(doc, span.start, key=lambda t: t.idx)
            cuts = []
            while lo < len(doc) and doc[lo].idx < span.end:
                cuts.append(doc[lo].idx - span.start)
                lo += 1
            parts = name_parts(name, cuts)
            if not parts and span.score >= 0.85 and len(name) >= 2:
                parts = [name]  # 佐藤さん … 佐藤は: the name itself, found with an honorific or a label
            if span.why not in _CONTEXT_RULES:
                # ベル・ヘリコプター, found by its tags alone: its katakana parts are words too often.
                # Its last part, a surname unknown to the dictionary, is the person (メリッサ・ブリム … ブリム).
                surname = parts[-1] if len(parts) >= 2 and _KATAKANA.match(parts[-1]) else ""
                keep_surname = (
                    len(surname) >= 3
                    and (lexicon.unknown(surname) or not lexicon.can_be_common_noun(surname))
                    and surname not in _KANA_NOT_NAMES
                )
                parts = [
                    p for p in parts if not _KATAKANA.match(p) or p in self._foreign or (keep_surname and p == surname)
                ]
            names.append((span.start, span.end, [p for p in parts if p not in NOT_NAMES]))
        found = []
        for start, end in part_mentions(text, names):
            after = text[end : end + 4]
            if _KANJI.match(text[end : end + 1] or "a") and not after.startswith(_AFTER_NAME):
                continue  # 佐藤商店, 花子像: more kanji that are not a title
            if after.startswith(PLACE_OR_ORG_SUFFIXES):
                continue
            found.append(_Span(start, end, 0.8, "name-part"))
        return found


# Nouns written right after a name that keep it a person's name (佐藤名義, 田中宛, 鈴木家族).
_PERSON_NOUNS_AFTER = tuple(words("person_nouns_after"))
# Rules that read context around the name itself; a place suffix after the name does not cancel them.
_CONTEXT_RULES = frozenset(
    {
        "honorific",
        "role",
        "title",
        "romaji-title",
        "romaji-honorific",
        "katakana-honorific",
        "list",
        "counted",
        "born",
        "roster",
        "hiragana-child",
        "hiragana-name",
        "person-context",
        "stage-name",
    }
)
_AFTER_NAME = tuple(sorted(HONORIFICS | TITLES_AFTER, key=len, reverse=True))
_READING = re.compile(
    r"[ \u3000]?[（(]([\u30a1-\u30faー\u3041-\u3096・＝ \u3000]{2,30}|[A-Za-z][A-Za-z ,.\-]{1,40})[）)]"
)


_ENUMERATION = re.compile(
    r"(?<![\u4e00-\u9fff々ヶ])[\u4e00-\u9fff々ヶ]{2,5}(?:[・、][\u4e00-\u9fff々ヶ]{2,5}){2,}(?![\u4e00-\u9fff々ヶ])"
)


def _enumerated_with_names(text: str, spans: list[_Span]) -> list[_Span]:
    """羽田孜・杉山憲夫・熊谷弘・船田元: in an enumeration where most items are names already found,
    the others are names too (Sudachi does not know 船田元)."""
    if "・" not in text and "、" not in text:
        return []
    found = []
    for run in _ENUMERATION.finditer(text):
        items = [(m.start() + run.start(), m.end() + run.start()) for m in re.finditer(r"[^・、]+", run.group())]
        named = [any(s < sp.end and sp.start < e for sp in spans if sp.score >= 0.5) for s, e in items]
        if sum(named) < 2 or 2 * sum(named) < len(items):
            continue
        for (s, e), is_name in zip(items, named, strict=True):
            item = text[s:e]
            if not is_name and not item.endswith(PLACE_OR_ORG_SUFFIXES) and not item.endswith(_AFTER_NAME):
                found.append(_Span(s, e, 0.7, "enumeration"))
    return found


_COORDINATORS = frozenset({"と", "や", "、", "，", "VS", "vs", "対"})
# What may close an item of a list of people: a particle, the next separator, a bracket, 等/ら/など.
_ITEM_CLOSERS = frozenset(
    {
        "は",
        "が",
        "の",
        "と",
        "や",
        "、",
        "，",
        "を",
        "に",
        "も",
        "ら",
        "など",
        "等",
        "。",
        "）",
        ")",
        "」",
        "VS",
        "vs",
        # ハンフリーズとパーク両人が, …と…夫妻: a word for the people just listed
        "両人",
        "両名",
        "両氏",
        "夫妻",
    }
)
_OPENS_ITEM = frozenset({"、", "，", "「", "（", "(", "。", "・"})


# A month or a weekday in a row of figures (Apr 310, May 285, Jun 342; 月 320、火 260、金 300): a date, not a name.
_MONTH_OR_DAY = (
    r"(?:(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?|[月火水木金土日](?:曜日?)?)"
)
_CALENDAR_ITEM = re.compile(rf"(?<![A-Za-z一-龥々]){_MONTH_OR_DAY}[ \u3000]*[:：]?[ \u3000]*[0-9]")


# A given name of one to three kanji typed one space after a family name that was found alone (名前は金子 剛で …),
# closed by a particle, a copula, an honorific, a bracket or the end: the whole name is masked, never a part.
_GIVEN_AFTER_SPACE = re.compile(
    r"[ \u3000]([\u4e00-\u9fff々]{1,3})(?=です|でした|で|は|が|を|に|と|の|、|。|,|\s|$|[)）」』]"
    r"|さん|様|さま|くん|ちゃん|氏)"
)
_NOT_GIVEN = frozenset("等方町一二三四五六七八九十")


def _with_given_name_after(text: str, span: _Span) -> _Span:
    name = text[span.start : span.end]
    if not 1 <= len(name) <= 3 or not _KANJI.fullmatch(name):
        return span
    match = _GIVEN_AFTER_SPACE.match(text, span.end)
    if match is None:
        return span
    given = match.group(1)
    if given in _NOT_GIVEN or given in TITLES_AFTER or given in NOT_NAMES or not lexicon.can_be_name(given):
        return span
    return _Span(span.start, match.end(1), span.score, span.why)


def _calendar_word(text: str, span: _Span) -> bool:
    """The span is one of three or more months or weekdays on its line, each followed by a figure."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    items = [m.span() for m in _CALENDAR_ITEM.finditer(text, line_start, line_end)]
    return len(items) >= 3 and any(start == span.start and span.end <= end for start, end in items)


def _placeholder_name(text: str, start: int) -> bool:
    """市役所 太郎, 市民 花子: a form's example, never anybody (only stock given names: 市民 佐藤花子 is somebody)."""
    if _PLACEHOLDER_FULL_START.match(text, start):
        return True
    before = _PLACEHOLDER_SURNAME_BEFORE.search(text, max(0, start - 5), start)
    return bool(before and _PLACEHOLDER_GIVEN.match(text, start))


def _english_words_in(text: str, c: _Span) -> bool:
    """Japanese Language Education, Foreign Residents Support: a capitalised English phrase with a word of
    romaji_not_names.txt in it is a title, not a name."""
    name = text[c.start : c.end]
    return bool(_LATIN_SPAN.match(name)) and any(w in _ROMAJI_NOT_NAMES for w in name.split())


# 英・中・韓・越・葡: languages (or countries) abbreviated to one kanji in a list
_LANGUAGE_ITEM = (
    r"(?:[英中韓越葡日独仏西露伊比泰尼米蘭]"
    r"|(?:ネパール|タガログ|ポルトガル|スペイン|ベトナム|インドネシア|ミャンマー|タイ|ロシア)語?)"
)
_LANGUAGE_ABBREVIATIONS = re.compile(rf"{_LANGUAGE_ITEM}(?:[・、]{_LANGUAGE_ITEM})*")


def _language_abbreviations(text: str, c: _Span) -> bool:
    """韓・越 in 「英・中・韓・越・葡の5言語で」: one-kanji names of languages joined by ・, not a person."""
    if not _LANGUAGE_ABBREVIATIONS.fullmatch(text, c.start, c.end):
        return False
    before = text[c.start - 1] if c.start > 0 else ""
    return before in ("・", "、") or text[c.end : c.end + 1] in ("・", "、")


def _in_a_foreign_line(text: str, c: _Span) -> bool:
    """重新登记 in a Chinese message pasted under a Japanese request: Sudachi's name tags on Chinese or Korean are
    guesses (the whole prompt in Chinese is handled by language_of already)."""
    line_start = text.rfind("\n", 0, c.start) + 1
    line_end = text.find("\n", c.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    # the sentence of the line that holds the span (请…重新登记。日本語の説明も付けて: the Chinese one)
    offset = line_start
    for sentence in sentences_of(line):
        if offset <= c.start < offset + len(sentence):
            return language_of(sentence) in {"zh", "ko"}
        offset += len(sentence)
    return False


def _inside_a_listed_word(text: str, c: _Span) -> bool:
    """新人保健師さん: Sudachi split 保健師 and tagged 健師 a name; a span that is part of a word of not_names.txt
    written around it (up to three characters on either side) is part of that word."""
    return any(
        text[a:b] in NOT_NAMES
        for a in range(max(0, c.start - 3), c.start + 1)
        for b in range(c.end, min(len(text), c.end + 3) + 1)
        if (a, b) != (c.start, c.end)
    )


def _one_kanji_after_no(text: str, span: _Span) -> bool:
    if span.end - span.start != 1 or text[span.start - 1 : span.start] != "の" or not _KANJI.match(text[span.start]):
        return False
    return not text.startswith(_AFTER_NAME, span.end)


def _lone_hiragana_guess(text: str, span: _Span) -> bool:
    """まいしゅう in 「…してください。まいしゅう げつ・すい・きん の 3かい」: hiragana Sudachi tagged a name, inside
    a sentence rather than standing as an item of a list (1はん さとう はると、いしかわ りこ stays a name)."""
    if not _HIRAGANA.match(text[span.start : span.end]):
        return False
    lo = max(text.rfind(sep, 0, span.start) for sep in "、,，\n") + 1
    his = [i for i in (text.find(sep, span.end) for sep in "、,，\n") if i >= 0]
    hi = min(his) if his else len(text)
    return len(text[lo:hi].strip()) > (span.end - span.start) + 8


def _in_noun_list(doc: list[_Tok], span: _Span) -> bool:
    """見出し・リード・本文: one katakana word joined by ・ to common nouns written in kanji or hiragana is an item of
    a list of things, whatever tag Sudachi gave it (ジョン・スミス joins katakana to katakana)."""
    first, last = _token_starting(doc, span.start), _token_ending(doc, span.end)
    if first is None or last is None or first != last or not _KATAKANA.match(doc[first].text):
        return False
    neighbours = []
    if first >= 2 and doc[first - 1].text == "・":
        neighbours.append(doc[first - 2])
    if last + 2 < len(doc) and doc[last + 1].text == "・":
        neighbours.append(doc[last + 2])
    return bool(neighbours) and all(
        "普通名詞" in t.tag_ and not _KATAKANA.match(t.text) and not _is_name_tag(t) for t in neighbours
    )


def _closes_item(doc: list[_Tok], k: int) -> bool:
    return k >= len(doc) or doc[k].text in _ITEM_CLOSERS


_LOWER_LATIN = re.compile(r"[a-z]+")
# Kin words, which say a person is meant both before a name and anywhere in a sentence about people.
_KIN = frozenset({"父", "母", "兄", "弟", "姉", "妹", "妻", "夫", "娘", "息子"})
# Words written right before a name without a break (母サリー, 王子カロル); a role or an occupation glued to
# katakana makes a compound far more often (市長メッセージ, 担当ケース, 作家クラブ).
_KIN_AND_ROYAL = _KIN | frozenset(
    {
        "長男",
        "次男",
        "長女",
        "次女",
        "祖父",
        "祖母",
        "叔父",
        "叔母",
        "伯父",
        "伯母",
        "王",
        "王子",
        "王女",
        "皇子",
        "皇女",
        "国王",
        "女王",
        "皇帝",
        "皇后",
        "王妃",
    }
)


def _after_place_and_joiner(doc: list[_Tok], span: _Span) -> bool:
    """ポートランド・ティンバーズ, ニューヨーク・ニックス: a name found by its tags right after a place and ・ is a
    team's or a company's; a place the dictionary also lists as a name joins the name instead (_extend_left)."""
    lo = _first_token_at(doc, span.start)
    if lo < 2 or lo >= len(doc) or doc[lo].idx != span.start or doc[lo - 1].text not in _NAME_JOINERS:
        return False
    place = doc[lo - 2]
    return "地名" in place.tag_ and bool(_KATAKANA.match(place.text)) and not lexicon.can_be_name(place.text)


def _common_words_across(doc: list[_Tok], span: _Span) -> bool:
    """周|知文 after a space (私用禁止 周知文): a one-kanji surname whose word runs on into the given name (周知, a
    common noun and no name) and leaves a common noun behind (文) is two ordinary words, not a person."""
    lo = _first_token_at(doc, span.start)
    if lo + 1 >= len(doc) or doc[lo].idx != span.start or doc[lo + 1].end != span.end:
        return False
    surname, given = doc[lo].text, doc[lo + 1].text
    if len(surname) != 1 or len(given) < 2 or not doc[lo].tag_.endswith("姓"):
        return False
    head, rest = surname + given[0], given[1:]
    return lexicon.can_be_common_noun(head) and not lexicon.can_be_name(head) and lexicon.can_be_common_noun(rest)


# Particles of European names written as parts of their own (ジョルジュ・ド・ボールガール, ルートヴィヒ・ファン・…).
_NAME_PARTICLES = frozenset(
    {"ド", "デ", "ダ", "ディ", "デル", "デラ", "ラ", "ル", "フォン", "ファン", "ヴァン", "ヴォン", "オブ"}
)


_KATAKANA_RUN_BEFORE = re.compile(r"[\u30a1-\u30faー]+$")


def _with_katakana_parts_before(doc: list[_Tok], span: _Span, text: str) -> _Span:
    """サマリターナ・|ラタッツィ, ジョルジュ・ド・|ボールガール: katakana parts joined by ・ before a katakana name
    found here belong to it when each looks like a part of a name (unknown to the dictionary, listed as a name,
    a particle such as ド) and none is a place or an organisation."""
    if not _KATAKANA.match(text[span.start : span.start + 1]):
        return span
    start, kept = span.start, span.start
    while start >= 2 and text[start - 1] in _NAME_JOINERS:
        run = _KATAKANA_RUN_BEFORE.search(text, 0, start - 1)
        if run is None or not _katakana_name_part(doc, run.group(), run.start()):
            break
        start = run.start()
        if run.group() not in _NAME_PARTICLES:
            kept = start  # a particle opens no name
    if kept == span.start or (kept > 0 and _KATAKANA.match(text[kept - 1])):
        return span
    return _Span(kept, span.end, span.score, span.why)


def _katakana_name_part(doc: list[_Tok], part: str, start: int) -> bool:
    if part in _NAME_PARTICLES:
        return True
    if part in _KATAKANA_NOT_NAME_PARTS or part in _KANA_NOT_NAMES or len(part) < 2:
        return False
    lo = _first_token_at(doc, start)
    token = doc[lo] if lo < len(doc) and doc[lo].idx == start else None
    if token is not None and token.text == part:
        if "地名" in token.tag_ or "組織" in token.tag_:
            return False
        return _is_name_tag(token) or (len(part) >= 3 and lexicon.unknown(part)) or _katakana_listed_as_name(token)
    return len(part) >= 3 and lexicon.unknown(part) and not lexicon.can_be_place(part)  # サマリ|ターナ


def _title_at(doc: list[_Tok], k: int) -> bool:
    """A title after a name, as one token (課長) or as two that Sudachi cut apart (係|長)."""
    if k >= len(doc):
        return False
    if doc[k].text in TITLES_AFTER:
        return True
    return k + 1 < len(doc) and doc[k + 1].idx == doc[k].end and doc[k].text + doc[k + 1].text in TITLES_AFTER


def _family_name_read_as_word(doc: list[_Tok], i: int) -> bool:
    """doc[i] is a given name Sudachi tagged (名) and the kanji word glued before it, read as a common noun
    or a place (垣根, 藤ヶ谷, 桝), is the family name: one to three kanji, no title, kin or role word."""
    if i == 0 or not doc[i].tag_.endswith("名") or not _KANJI.match(doc[i].text):
        return False
    prev = doc[i - 1]
    # 上野 隆係長: a frequent surname may stand one space before the given name
    glued = prev.end == doc[i].idx or (doc[i].idx - prev.end == 1 and prev.text in surnames())
    return (
        glued
        and bool(_KANJI.match(prev.text))
        and 1 <= len(prev.text) <= 3
        and prev.tag_.startswith("名詞")
        and "数詞" not in prev.tag_
        and not prev.tag_.endswith("国")
        and "組織" not in prev.tag_
        and ("地名" not in prev.tag_ or prev.text in surnames() or lexicon.can_be_name(prev.text))  # not 東京|小文枝
        and not _person_word(prev)
        and prev.text not in TITLES_BEFORE
        and prev.text not in ROLE_WORDS
        and prev.text not in NOT_NAMES
        and (i < 2 or not _KANJI.match(doc[i - 2].text[-1:]) or doc[i - 2].end != prev.idx)
    )


def _katakana_proper(token: _Tok) -> bool:
    """Katakana Sudachi tags a proper noun, not a place nor an organisation (ソラノ after 酋長)."""
    return bool(_KATAKANA.match(token.text)) and token.tag_.startswith("名詞-固有名詞-一般")


def _explicit_person_word(token: _Tok) -> bool:
    """A kin, role or character word of person_context_before.txt or a title (母, 少年, 商人, 王子); an
    occupation read from its ending (作家, 起業家) also heads compounds (作家クラブ, 起業家コース)."""
    return token.text in PERSON_CONTEXT_BEFORE or token.text in TITLES_BEFORE


def _katakana_listed_as_name(token: _Tok) -> bool:
    """Katakana read here as a common noun that the dictionary also lists as a name (グラント, サリー, ヤング)."""
    return (
        bool(_KATAKANA.match(token.text))
        and len(token.text) >= 2
        and "サ変" not in token.tag_
        and "地名" not in token.tag_
        and token.text not in _KANA_NOT_NAMES
        and lexicon.can_be_name(token.text)
    )


def _first_token_at(doc: list[_Tok], offset: int) -> int:
    """Index of the first token that starts at or after offset (len(doc) when none does)."""
    return bisect.bisect_left(doc, offset, key=lambda t: t.idx)


def _token_starting(doc: list[_Tok], start: int) -> int | None:
    k = _first_token_at(doc, start)
    return k if k < len(doc) and doc[k].idx == start else None


def _token_ending(doc: list[_Tok], end: int) -> int | None:
    k = bisect.bisect_left(doc, end, key=lambda t: t.idx + len(t.text))
    return k if k < len(doc) and doc[k].end == end else None


def _glued_pairs(doc: list[_Tok], low: str, high: str) -> list[int]:
    """Indices i of tokens written right before a token whose first character lies in [low, high] and whose
    own last character is a kanji: the cheap first test of the rules that read a family name and what is
    glued after it."""
    return [
        i
        for i in range(len(doc) - 1)
        if low <= doc[i + 1].text[0] <= high
        and ("\u4e00" <= doc[i].text[-1] <= "\u9fff" or doc[i].text[-1] in "々ヶ")
        and doc[i + 1].idx == doc[i].idx + len(doc[i].text)
    ]


def _spaced_pairs(doc: list[_Tok]) -> list[tuple[int, int, bool]]:
    """(i, n, True) for a token ending in a kanji and a hiragana token n written one space after it (春山 ゆかり,
    春山　ゆかり): a family name and its given name typed apart."""
    pairs = []
    for i in range(len(doc) - 1):
        if not ("\u4e00" <= doc[i].text[-1] <= "\u9fff" or doc[i].text[-1] in "々ヶ"):
            continue
        n = i + 1
        if doc[n].text in {" ", "\u3000"} and doc[n].idx == doc[i].end and n + 1 < len(doc):
            n += 1
        elif doc[n].idx != doc[i].end + 1:
            continue
        if doc[n].idx == doc[i].end + 1 and "\u3041" <= doc[n].text[0] <= "\u309f":
            pairs.append((i, n, True))
    return pairs


def _new_kanji_name_end(doc: list[_Tok], k: int) -> int:
    """End of three or four kanji written together from k that the dictionary does not know as a word nor as a
    place, with no verbal noun or suffix among them, closed by a particle or a mark; k when there are none."""
    j, size = k, 0
    while j < len(doc) and _KANJI.match(doc[j].text) and (j == k or doc[j].idx == doc[j - 1].end):
        size += len(doc[j].text)
        j += 1
    if not 3 <= size <= 4 or j - k < 2 or (j < len(doc) and not doc[j].tag_.startswith(("助詞", "補助記号"))):
        return k
    word = "".join(t.text for t in doc[k:j])
    if not lexicon.unknown(word) or lexicon.can_be_place(word) or word[-1] in _COMPOUND_LAST:
        return k
    if any(t.tag_.startswith(("名詞-普通名詞-サ変", "接尾辞", "名詞-数詞")) or "地名" in t.tag_ for t in doc[k:j]):
        return k
    if any(len(t.text) >= 2 and _common_kanji_word(t) for t in doc[k:j]):
        return k  # 一番|弟子: words the dictionary knows, none of them as a name
    return j


def _latin_subject_names(doc: list[_Tok]) -> list[_Span]:
    """Farrisは…を教えており, Roseは…を取得し, Dilys Eamesと結婚: a capitalised Latin word (or two) opening a clause
    as its subject with a verb said of people within ten tokens, or before a cue said of people only, in a sentence
    about no company, product or place."""
    spans = []
    for i, token in enumerate(doc):
        if token.text not in {"は", "が", "と", "を", "に"} or i == 0:
            continue
        name = doc[i - 1]
        if not _LATIN_WORD.match(name.text) or len(name.text) < 3 or name.text in _ROMAJI_NOT_NAMES:
            continue
        first = i - 1
        if first >= 1 and doc[first - 1].end + 1 == doc[first].idx and _LATIN_WORD.match(doc[first - 1].text):
            first -= 1  # Dilys Eames: spaCy keeps the space with the word before it
        if doc[first].text in _ROMAJI_NOT_NAMES or not _listed_subject_slot(doc, i, first):
            continue
        if _thing_sentence(doc, i - 1):
            continue
        spans.append(_Span(doc[first].idx, name.end, 0.8, "subject"))
    return spans


def _listed_subject_slot(doc: list[_Tok], i: int, first: int) -> bool:
    """A word also listed as a name (グラント, ライス) counts as the topic or subject (は, が) of a clause with a
    verb said of people, opening its clause (after a comma, a date, a conjunction or a verb), not after a
    particle, a determiner or a noun (その|ダウンタウン, 複数の|スーパー, チリで|クーデター)."""
    if doc[i].text in {"は", "が"}:
        clause = _clause_after(doc, i + 1)[:10]
        if doc[i].text == "が":
            # が binds its subject to the nearest verb: ロックがかかる回数を教えて is said of a lock, whatever 教え is
            clause = _up_to_first_verb(clause)
        if not _person_verb_in(clause):
            return False
    elif doc[i].text not in {"と", "を", "に"} or not _person_cue(doc, i) or doc[i + 1].text in {"よれ", "よる"}:
        return False  # と+結婚, を+起用, に+師事: a cue said of people only, not の+… nor によれば
    if first <= 0:
        return first == 0
    prev = doc[first - 1]
    if prev.text in {"、", "，", "「", "」", "（", "(", "年", "日", "月"}:
        return True
    return prev.tag_.startswith(("接続詞", "副詞", "動詞", "助動詞", "名詞-普通名詞-副詞可能"))  # 同年|マーカーは


def _up_to_first_verb(clause: list[_Tok]) -> list[_Tok]:
    """The tokens up to the first verb and the two after it (選ば|れ|た), or the whole clause without a verb."""
    for k, t in enumerate(clause):
        if t.tag_.startswith("動詞"):
            return clause[: k + 3]
    return clause


def _unknown_subject_among_people(doc: list[_Tok], i: int) -> bool:
    """ヘルムは議会に、アンドリュー・ジョンソン大統領と…, カッブは既に40歳: katakana the dictionary does not know,
    as a subject in a sentence that speaks of people (another name tagged by Sudachi, an age, a kin word)
    and of no company, product, place or living thing."""
    name = doc[i - 1]
    if not (_KATAKANA.match(name.text) and 3 <= len(name.text) <= 8 and lexicon.unknown(name.text)):
        return False
    if i >= 2 and doc[i - 2].end == name.idx and doc[i - 2].tag_.startswith(("名詞", "接頭辞")):
        return False  # ISRI-ファーレンジツェ, K|マート: part of a longer name
    return _people_sentence(doc, i - 1)


def _glued_katakana_tail(doc: list[_Tok], j: int) -> int:
    """ジェイムズ・ロング|ストリート, ジョルジュ・ド・ボール|ガール: a katakana part of a ・-joined name that Sudachi
    cut into words it knows, glued into one it does not know; the end of the part (j when nothing is glued)."""
    k = j
    while (
        k < len(doc)
        and k - j < 2
        and doc[k].idx == doc[k - 1].end
        and _KATAKANA.match(doc[k].text)
        and _KATAKANA.match(doc[k - 1].text)
        and doc[k].text not in _KATAKANA_NOT_NAME_PARTS
        and "地名" not in doc[k].tag_
    ):
        k += 1
    if k == j:
        return j
    word = "".join(t.text for t in doc[j - 1 : k])
    return k if lexicon.unknown(word) else j


def _described_subjects(doc: list[_Tok]) -> list[_Span]:
    """謝罪したフォードは, 怒ったカーンが: katakana the dictionary does not know, or reads here as a proper noun and
    also lists as a name, as the subject (は, が) right after a clause whose verb is said of people, in a sentence
    of no company, product or place."""
    spans = []
    for i in range(4, len(doc)):
        if doc[i].text not in {"は", "が"}:
            continue
        name = doc[i - 1]
        if not _KATAKANA.match(name.text) or _is_name_tag(name) or name.text in _KANA_NOT_NAMES:
            continue
        if not (
            (len(name.text) >= 3 and lexicon.unknown(name.text))
            or (_katakana_listed_as_name(name) and "固有名詞" in name.tag_)
        ):
            continue  # 書いたコードが: a common noun, though the dictionary lists it as a name too
        if "地名" in name.tag_ or "組織" in name.tag_ or doc[i - 2].text not in {"た", "だ"}:
            continue
        if doc[i - 2].end != name.idx or not doc[i - 2].tag_.startswith("助動詞"):
            continue
        if not _person_verb_in(doc[max(0, i - 5) : i - 2]) or _thing_sentence(doc, i - 1):
            continue
        spans.append(_Span(name.idx, name.end, 0.8, "subject"))
    return spans


_COPULA = frozenset({"で", "だっ", "だ"})


def _copula_subjects(doc: list[_Tok]) -> list[_Span]:
    """テンプルは土木技師であり, ザホールは…を所有するパキスタン人であり: katakana or Latin words opening a sentence as
    its topic, when the clause says what the topic is with a word for a person before the copula (で, だっ)."""
    spans = []
    for i, token in enumerate(doc):
        if token.text != "は" or i == 0:
            continue
        first = _extend_left(doc, i - 1)
        if first > 0 and doc[first - 1].text not in {"。", "．", "\n"}:
            continue
        subject = doc[first:i]
        if not all(_name_shaped(t) and not _KANJI.match(t.text) for t in subject) or subject[0].text in _NAME_JOINERS:
            continue
        if any(t.text in _KANA_NOT_NAMES or "組織" in t.tag_ or "地名" in t.tag_ for t in subject):
            continue
        clause = _clause_after(doc, i + 1)
        k = next((k for k, t in enumerate(clause) if t.text in _COPULA and t.tag_.startswith("助動詞")), -1)
        if k < 1 or any(t.text in {"、", "，"} for t in clause[:k]):
            continue  # the first phrase after the topic only
        head = clause[k - 1]
        nationality = head.text == "人" and k >= 2 and "地名" in clause[k - 2].tag_
        if (_person_word(head) or head.text in _PERSON_DEFINED or nationality) and not _thing_sentence(doc, i - 1):
            spans.append(_Span(subject[0].idx, subject[-1].end, 0.8, "definition"))
    return spans


def _split_katakana_word(doc: list[_Tok], k: int) -> int | None:
    """ランズ|ベリー, トラク|スタン, ニック|ターン: katakana Sudachi cut into words it knows, a proper noun first,
    glued into one word it does not know (a foreign name). The index of the first part, or None."""
    first = k
    while (
        first > 0
        and k - first < 2
        and doc[first - 1].end == doc[first].idx
        and _KATAKANA.match(doc[first - 1].text)
        and "地名" not in doc[first - 1].tag_
        and doc[first - 1].text not in _KANA_NOT_NAMES
    ):
        first -= 1
    if first == k:
        return None
    word = "".join(t.text for t in doc[first : k + 1])
    if len(word) < 5 or not lexicon.unknown(word):
        return None
    if first > 0 and doc[first - 1].end == doc[first].idx and doc[first - 1].tag_.startswith(("名詞", "接頭辞")):
        return None  # 映像編集|エディッツ: part of a longer name
    if any(t.tag_.startswith("名詞-普通名詞-助数詞") or "組織" in t.tag_ for t in doc[first : k + 1]):
        return None
    if "固有名詞" not in doc[first].tag_:
        return None  # アシスタント|チーム, ルーキー|シーズン: loanwords written together, not a name
    return first


def _people_sentence(doc: list[_Tok], k: int) -> bool:
    """The sentence around doc[k] names another person (a name tagged by Sudachi) or speaks of an age or kin,
    and of no company, product, place or living thing."""
    name = doc[k]
    sentence = _sentence_around(doc, k)
    words = [t.text for t in sentence]
    if _thing_words(words):
        return False
    others = any(_is_name_tag(t) and t is not name and len(t.text) >= 2 for t in sentence)
    return others or any(w in _PEOPLE_SIGNS for w in words)


def _thing_sentence(doc: list[_Tok], k: int) -> bool:
    return _thing_words([t.text for t in _sentence_around(doc, k)])


def _thing_words(words: list[str]) -> bool:
    """A word of the sentence speaks of a company, a product, a place, a team or a living thing."""
    return any(
        w in _THING_WORDS or (len(w) >= 2 and (w.startswith(_THING_MARKERS) or w.endswith(_THING_ENDINGS)))
        for w in words
    )


# Words and beginnings of words in a sentence that speak of a company, a product, a place, a team or a living
# thing, not a person; one-character words count as whole tokens (社 but not 社長, 種 but not 種類).
_THING_WORDS = frozenset({"社", "州", "町", "村", "科", "属", "種", "花", "店", "艦", "号", "駅"})
_THING_MARKERS = (
    "企業",
    "会社",
    "メーカー",
    "ブランド",
    "製品",
    "発売",
    "販売",
    "製造",
    "生産",
    "上場",
    "運営",
    "設置",
    "チーム",
    "クラブ",
    "リーグ",
    "球団",
    "店舗",
    "工場",
    "首都",
    "都市",
    "酵素",
    "遺伝",
    "分子",
    "植物",
    "動物",
    "咲",
    "シリーズ",
    "ゲーム",
    "搭載",
)
_THING_ENDINGS = ("会社", "商店", "部隊", "艦", "号", "線", "駅", "族", "市", "県")
# Words that say a sentence speaks of people.
_PEOPLE_SIGNS = _KIN | frozenset(
    {
        "歳",
        "彼",
        "彼女",
        "自身",
        "自伝",
        "著書",
        "生涯",
        "晩年",
        "少年",
        "少女",
        "両親",
        "家族",
        "恋人",
        "友人",
        "本人",
    }
)


def _sentence_around(doc: list[_Tok], k: int) -> list[_Tok]:
    lo = k
    while lo > 0 and doc[lo - 1].text not in {"。", "．", "\n"}:
        lo -= 1
    return doc[lo:k] + _clause_after(doc, k)


def _after_new_given(token: _Tok) -> bool:
    """What may follow a full name found by _surname_and_new_given: a particle, a mark, a title."""
    return token.tag_.startswith(("助詞", "補助記号", "空白")) or token.text in TITLES_AFTER or token.text in HONORIFICS


def _strong_item(doc: list[_Tok], lo: int, hi: int) -> bool:
    """A listed item with a part tagged a name or a proper noun, or unknown to the dictionary; an item of
    common katakana words only (レーン, ハニー) counts before は, が or と alone (ゲイリーとレーンは)."""
    if any(_is_name_tag(t) or lexicon.unknown(t.text) for t in doc[lo:hi] if t.text not in _NAME_JOINERS):
        return True
    if not _KATAKANA.match(doc[lo].text):
        return True  # kanji items are checked by _kanji_item_is_name
    if any("固有名詞" in t.tag_ for t in doc[lo:hi]):
        return True
    closer = doc[hi].text if hi < len(doc) else "。"
    if closer != "の" and any(_katakana_listed_as_name(t) for t in doc[lo:hi]):
        return True  # グレゴールや次男, not クイーンのフレディ (a band's member)
    return hi < len(doc) and doc[hi].text in {"は", "が", "と"}


def _katakana_item_part(token: _Tok) -> bool:
    """A katakana part of a listed name: not a country, an organisation or a word that is never a name."""
    return (
        len(token.text) >= 2
        and not token.tag_.endswith("国")
        and "組織" not in token.tag_
        and "サ変" not in token.tag_
        and ("地名" not in token.tag_ or lexicon.can_be_name(token.text))
        and token.text not in _KANA_NOT_NAMES
        and token.text not in _KATAKANA_NOT_NAME_PARTS
    )


_KANJI_THREE = re.compile(r"(?<![\u4e00-\u9fff々ヶ])[\u4e00-\u9fff]{3}(?=[はがのにをと、・（(])")


# A last character that makes a word of what comes before it (文章案, 申請書, 一覧表): no given name ends so.
_COMPOUND_LAST = frozenset("案書表票類等用費料額率課係室局制版分名者欄")


def _cjk_surname_with_honorific(text: str) -> list[_Span]:
    """王さん, 陳 偉さん, 金 敏様: a Chinese or Korean family name of one character, perhaps a given name of one or two
    after a space, then an honorific. Sudachi knows 王 and 孫 as words and reads 偉さんと as 偉 + さ + んと, so neither
    the tags nor the honorific rule find them; お孫さん and 王様 (a king) are no names."""
    spans = []
    for match in _CJK_HONORIFIC.finditer(text):
        name = match.group(1)
        # 申請者さん, 申込者さん: the family name and what follows it make a word the dictionary knows
        if any(not lexicon.unknown(name[:k]) and not lexicon.can_be_name(name[:k]) for k in range(2, len(name) + 1)):
            continue
        spans.append(_Span(match.start(), match.end(1), 0.85, "cjk-honorific"))
    # 王さん（王 俊傑、…）: the same family name with a given name after a space, elsewhere in the text
    for surname in {text[s.start] for s in spans}:
        for match in re.finditer(
            rf"(?<![\u4e00-\u9fff々]){re.escape(surname)}[ \u3000][\u4e00-\u9fff]{{1,3}}(?![\u4e00-\u9fff々])", text
        ):
            spans.append(_Span(match.start(), match.end(), 0.85, "cjk-honorific"))
    return spans


def _cjk_three(text: str) -> list[_Span]:
    """林文察, 曹雪芹, 馬建常: three kanji between non-kanji, a Chinese or Korean family name first, where
    Sudachi's dictionary knows neither the whole, nor the given name, nor the first two characters as a word
    (文学碑, 黄金期 start with one) and no place by the name."""
    found = []
    for match in _KANJI_THREE.finditer(text):
        word = match.group()
        if (
            word[0] in _CJK_SURNAMES
            and word[-1] not in _COMPOUND_LAST
            and lexicon.unknown(word)
            and lexicon.unknown(word[1:])
            and (lexicon.unknown(word[:2]) or lexicon.can_be_name(word[:2]))
            and not lexicon.can_be_place(word)
        ):
            found.append(_Span(match.start(), match.end(), 0.75, "cjk"))
    return found


_KATA_ITEM = r"[\u30a1-\u30faー]{2,}(?:[・=＝][\u30a1-\u30faー]{2,})*"
_KATA_ENUMERATION = re.compile(
    rf"(?<![\u30a1-\u30faー・]){_KATA_ITEM}(?:(?:、|や|と|および){_KATA_ITEM}){{2,}}(?![\u30a1-\u30faー・])"
)


def _enumerated_katakana(text: str, spans: list[_Span]) -> list[_Span]:
    """クリエン、フィジケラ、モンタニー、リウッツィ: in an enumeration of three katakana items or more where
    one is a name already found, the items Sudachi's dictionary does not know are names too."""
    found = []
    for run in _KATA_ENUMERATION.finditer(text):
        items = [(m.start() + run.start(), m.end() + run.start()) for m in re.finditer(_KATA_ITEM, run.group())]
        named = [any(s < sp.end and sp.start < e for sp in spans if sp.score >= 0.5) for s, e in items]
        if not any(named):
            continue
        for (s, e), is_name in zip(items, named, strict=True):
            parts = _JOINED_PARTS.split(text[s:e])
            if not is_name and all(lexicon.unknown(p) and p not in _KANA_NOT_NAMES for p in parts):
                found.append(_Span(s, e, 0.7, "enumeration"))
    return found


def _with_readings(text: str, spans: list[_Span]) -> list[_Span]:
    """山田太郎（ヤマダ タロウ）, 佐藤花子 (Sato Hanako): the reading in brackets after a name is the name too."""
    out = []
    for span in spans:
        match = _READING.match(text, span.end)
        reading = match.group(1) if match else ""
        if (
            match
            and _HIRAGANA.match(text[span.start : span.end])
            and not (reading.isascii() and reading != reading.upper())
        ):
            # はるか（ぜんそく）, そうた（ADHD）: a name in hiragana has no reading but Haruto; the rest is a note
            match = None
        if match and span.score >= 0.5:
            span = _Span(span.start, match.end(), span.score, span.why)
        out.append(span)
    return out


def _merge(spans: list[_Span]) -> list[_Span]:
    """Overlapping candidates become one span covering both, with the higher score."""
    merged: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            if span.score > last.score:
                last.why = span.why
            last.end = max(last.end, span.end)
            last.score = max(last.score, span.score)
        else:
            merged.append(_Span(span.start, span.end, span.score, span.why))
    return merged


# Sentence-final words that say the subject is a person, beside the occupations of _person_word.
_PERSON_DEFINED = frozenset({"女性", "男性", "人物", "一人", "政治家", "軍人", "貴族", "僧", "僧侶", "武将", "皇族"})


_PERSON_VERBS = words("person_verbs")


def _person_verb_in(clause: list[_Tok]) -> bool:
    """A verb of person_verbs.txt in the clause, also when Sudachi splits it (選ば|れ, 雇わ|れる)."""
    for k, t in enumerate(clause):
        if t.text.startswith(_PERSON_VERBS):
            return True
        if (
            t.tag_.startswith("動詞")
            and k + 1 < len(clause)
            and (t.text + clause[k + 1].text).startswith(_PERSON_VERBS)
        ):
            return True
    return False


_CJK_SURNAMES = word_set("cjk_surnames")
_ONE_CHARACTER_CJK_SURNAMES = "".join(sorted(n for n in _CJK_SURNAMES if len(n) == 1))
# the family name (not after a kanji, a kana of the same word, or お/ご), a given name after a space or none
_CJK_HONORIFIC = re.compile(
    rf"(?<![\u4e00-\u9fff々ァ-ヶーおご御])([{_ONE_CHARACTER_CJK_SURNAMES}](?:[ \u3000]?[\u4e00-\u9fff]{{1,2}})?)"
    r"(?:さん|氏(?!名)|くん|君|先生|(?:(?<=[\u4e00-\u9fff][\u4e00-\u9fff])|(?<=[\u4e00-\u9fff][ \u3000][\u4e00-\u9fff])"
    r"|(?<=[\u4e00-\u9fff][ \u3000][\u4e00-\u9fff]{2}))様(?![式子々相態]))"
)


def _cues() -> dict[str, tuple[str, ...]]:
    """Head → beginnings of the word after it; () when the head alone is the cue (家, によれば)."""
    cues: dict[str, list[str]] = {}
    for line in words("person_cues"):
        head, _, tail = line.partition(" ")
        cues.setdefault(head, [])
        if tail.strip() not in {"", "-"}:
            cues[head].append(tail.strip())
    return {head: tuple(tails) for head, tails in cues.items()}


_PERSON_CUES = _cues()
_SUBJECT_PARTICLES = frozenset({"は", "が", "も"})  # …も辞任した: a subject too
_CUE_HEADS = frozenset({*_SUBJECT_PARTICLES, "に", *_PERSON_CUES})


def _person_cue(doc: list[_Tok], i: int) -> bool:
    """doc[i] (with what follows) is a cue of person_cues.txt: の+小隊, と+会談, 家, に+よれ+ば."""
    text = doc[i].text
    if text == "に" and i + 1 < len(doc) and doc[i + 1].text in {"よれ", "よる"}:
        text = "によれば" if doc[i + 1].text == "よれ" else "によると"
        return text in _PERSON_CUES
    tails = _PERSON_CUES.get(text)
    if tails is None:
        return False
    if not tails:
        return True
    return i + 1 < len(doc) and doc[i + 1].text.startswith(tails)


def _ner_span_plausible(doc: list[_Tok], span: _Span) -> bool:
    """GiNZA's NER calls many organisations and places persons (トヨタ自動車, 自由民主党, 日本橋支店). Keep its
    span when a token inside is tagged as a name, or is a word Sudachi's dictionary does not know or also
    lists as a name, and none is tagged as an organisation or a country."""
    lo = _first_token_at(doc, span.start)
    inside = [t for t in doc[lo:] if t.idx < span.end]
    if any("組織" in t.tag_ or t.tag_.endswith("国") for t in inside):
        return False
    if _ner_span_named_thing(inside):
        return False
    return any(
        _is_name_tag(t)
        or (
            (_KATAKANA.match(t.text) or _KANJI.match(t.text) or _LATIN_WORD.match(t.text))
            and (lexicon.unknown(t.text) or lexicon.can_be_name(t.text))
        )
        for t in inside
    )


def _ner_span_named_thing(inside: list[_Tok]) -> bool:
    """A GiNZA person span with no token Sudachi tags as a name, shaped like a thing's name: Latin words
    only (Google, Linux Kongress), a place joined to a word (サンフランシスコ・ジャイアンツ), an organisation's or
    a facility's last word (ブルッキングス研究所, 熊井鉄鋼, 株式会社マルゴ), or kanji holding a plain word the
    dictionary knows and never as a name (前橋競輪場, 大政翼賛会, 京極騒乱)."""
    if not inside:
        return False
    if len(inside) >= 2 and (inside[-1].text in _ORG_RUN_ENDINGS or inside[-1].text in _ORG_WORDS_AFTER):
        return True  # ジャクソン社, ヘンダーソン飛行場: whatever the name inside (its own span stays)
    if inside[0].text in _COMPANY_BEFORE:
        return True
    if any(_is_name_tag(t) for t in inside):
        return False
    if all(_LATIN_SPAN.match(t.text) for t in inside):
        return True
    if len(inside) >= 3 and inside[1].text in _NAME_JOINERS and "地名" in inside[0].tag_:
        return True
    return all(_KANJI.match(t.text) for t in inside) and any(
        len(t.text) >= 2 and not lexicon.unknown(t.text) and not lexicon.can_be_name(t.text) for t in inside
    )


def _common_kanji_word(token: _Tok) -> bool:
    """A kanji common noun Sudachi's dictionary knows, and not as a name (出身, 鍵盤; not 下地, 射場)."""
    text = token.text
    return (
        bool(_KANJI.match(text))
        and "普通名詞" in token.tag_
        and not lexicon.unknown(text)
        and not lexicon.can_be_name(text)
    )


def _glued_to_words(doc: list[_Tok], i: int, j: int) -> bool:
    """doc[i:j] is written together with a word before or after it (チームシャフタール・ドネツク)."""
    before = i > 0 and doc[i - 1].end == doc[i].idx and doc[i - 1].tag_.startswith("名詞")
    after = j < len(doc) and doc[j].idx == doc[j - 1].end and doc[j].tag_.startswith(("名詞", "接尾辞"))
    if after and (doc[j].text in _AFTER_NAME or doc[j].text.startswith(_PERSON_NOUNS_AFTER)):
        after = False  # …大統領, …氏, …家族
    return before or after


def _unknown_kana(token: _Tok) -> bool:
    """A katakana part of two characters or more that Sudachi's dictionary does not know (フレーブニコフ)."""
    return len(token.text) >= 2 and token.text not in _KANA_NOT_NAMES and lexicon.unknown(token.text)


def _clause_after(doc: list[_Tok], k: int) -> list[_Tok]:
    """The tokens from k to the end of the sentence."""
    end = k
    while end < len(doc) and doc[end].text not in {"。", "．", "\n"}:
        end += 1
    return doc[k:end]


def _name_shaped(token: _Tok) -> bool:
    """A token that can be part of a name written as a sentence's subject."""
    text = token.text
    if token.tag_.endswith("国") or "組織" in token.tag_ or text in NOT_NAMES:
        return False  # a katakana place (ロッキー of ロッキー・ロメロ) can be part of a name; a country cannot
    return bool(
        _is_name_tag(token)
        or _KATAKANA.match(text)
        or re.match(r"^[A-Z][A-Za-z]+$", text)
        or text in _NAME_JOINERS
        or text in _INITIAL_JOINERS
        or _INITIAL.match(text)
        or _LATIN_WORD.match(text)
        or (_KANJI.match(text) and len(text) <= 4 and "固有名詞" in token.tag_ and "地名" not in token.tag_)
    )


def _last_chars() -> frozenset[str]:
    return frozenset(w[-1] for w in (*PERSON_CONTEXT_BEFORE, *TITLES_BEFORE)) | frozenset((*_PERSON_NOUN_ENDINGS, "人"))


_PERSON_WORD_LAST_CHARS = _last_chars()


def _person_word(token: _Tok) -> bool:
    """作者, 建築家, 女優, キャスター, 娘: a word for a person, before a name."""
    text = token.text
    if text in PERSON_CONTEXT_BEFORE or text in TITLES_BEFORE:
        return True
    if text in ROLE_WORDS:
        return False  # 市民, 利用者: read by _role_names, which asks for a surname (市民アンケート is no name)
    if text in _NOT_PERSON_NOUNS or not token.tag_.startswith("名詞-普通名詞"):
        return False
    if text.endswith("人") and len(text) >= 3 and lexicon.can_be_place(text[:-1]):
        return True  # ロシア人セミヨン・デジニョフ, ユダヤ人の…: a nationality
    return len(text) >= 2 and _KANJI.match(text) is not None and text.endswith(_PERSON_NOUN_ENDINGS)


def _initials_at(doc: list[_Tok], k: int) -> int:
    """Number of tokens of Latin initials starting at k and ending before a joiner (A・, J.L., H・)."""
    n = 0
    while k + n + 1 < len(doc) and _INITIAL.match(doc[k + n].text) and doc[k + n + 1].text in _INITIAL_JOINERS:
        n += 2
    return n - 1 if n else 0  # the last joiner is the caller's


def _extend_left(doc: list[_Tok], i: int) -> int:
    """ジャン・|ジャック, E・E・|リッチ: katakana parts and initials joined to a name by ・ belong to it.
    A place (ドイツ・ダイムラー, ポートランド・ティンバーズ) does not."""
    while i >= 2 and doc[i - 1].text in _INITIAL_JOINERS:
        prev = doc[i - 2]
        katakana_part = (
            doc[i - 1].text in _NAME_JOINERS
            and _KATAKANA.match(prev.text)
            and ("地名" not in prev.tag_ or (not prev.tag_.endswith("国") and lexicon.can_be_name(prev.text)))
        )  # ジョルジュ (read as a place here, listed as a name too) + ・ドン
        if not (katakana_part or _INITIAL.match(prev.text)):
            break
        i -= 2
    return i


# What a lot's or a house's number looks like right after a place name (堤下103番, 堤下103-1, 「堤下１０３」).
_LOT_NUMBER_AFTER = re.compile(r"[0-9０-９]{1,5}(?:番|号|[-‐－][0-9０-９]|[」』]|$)")
# The end of a body's name: a span that ends so is no person, whatever title follows it.
_BODY_ENDING = re.compile(r"(?:委員会|協議会|事務局|協会|組合|連合会|支部|本部)$")


# A body's short name ending in 協 (協議会, 協会, 協同組合): 明推協 (明るい選挙推進協議会), 社協, 農協, 生協.
_BODY_ABBREVIATION = re.compile(r"[一-龥]{1,4}協")


def _body_abbreviation(name: str) -> bool:
    """明推協, 社協: a short name ending in 協 whose head is no family name (田中協 is 田中 + the given name 協)."""
    return _BODY_ABBREVIATION.fullmatch(name) is not None and not lexicon.can_be_surname(name[:-1])


def _organisation_parts(text: str, span: _Span) -> bool:
    """ワーナー・ブラザース, マッキンゼー・アンド・カンパニー: a joined katakana name with a company's part."""
    name = text[span.start : span.end]
    return bool(_JOINED_PARTS.search(name)) and any(p in _KATAKANA_NOT_NAME_PARTS for p in _JOINED_PARTS.split(name))


_COMPANY_BEFORE = (
    "株式会社",
    "有限会社",
    "合同会社",
    "(株)",
    "（株）",
    # a body's legal form (社会福祉法人 あおば会): what follows is its name, whatever path found it
    "社会福祉法人",
    "NPO法人",
    "特定非営利活動法人",
    "社団法人",
    "財団法人",
    "医療法人",
    "学校法人",
    "宗教法人",
)
_LATIN_SPAN = re.compile(r"^[A-Za-z][A-Za-z .'-]*$")


def _company_before(text: str, span: _Span) -> bool:
    """株式会社タミヤ, 株式会社西條: the name of a company."""
    return text[max(0, span.start - 12) : span.start].rstrip(" \u3000「『").endswith(_COMPANY_BEFORE)


def _in_latin_phrase(text: str, doc: list[_Tok], span: _Span) -> bool:
    """A Latin word Sudachi tags as a name inside an English phrase (Kiva Systems, ap bank fes, Mookie's Last
    Christmas) or written in capitals alone (KING, OZZY): a title or a brand. Romaji names with a title,
    an honorific or both parts known are read by name_context.py."""
    name = text[span.start : span.end]
    if not _LATIN_SPAN.match(name):
        return False
    if name.isupper() and " " not in name:
        return True
    lo = _first_token_at(doc, span.start)
    hi = _first_token_at(doc, span.end)
    before = doc[lo - 1] if lo > 0 else None
    after = doc[hi] if hi < len(doc) else None
    if before is not None and before.text[:1].islower() and _LATIN_SPAN.match(before.text):
        return True
    if after is not None and after.text in _ENGLISH_PLACE_WORDS:  # Central Library, Sakura Hall
        return True
    if after is None or not _LATIN_SPAN.match(after.text) or _is_name_tag(after):
        return False
    # Thierry Juteau: a capitalised word ending the phrase is a surname; Kiva Systems Inc, ap bank fes are not.
    further = doc[hi + 1] if hi + 1 < len(doc) else None
    return not after.text[:1].isupper() or (further is not None and _LATIN_SPAN.match(further.text) is not None)


def _org_word_after(doc: list[_Tok], span: _Span) -> bool:
    lo = _first_token_at(doc, span.end)
    return lo < len(doc) and doc[lo].idx == span.end and doc[lo].text in _ORG_WORDS_AFTER


# Nouns written together after a name that make the whole the name of a facility, a group or a work
# (ジョン・C・ステニス宇宙センター, サン・ポール教会, ヒューストン・アストロズ戦, 織田・徳川連合軍).
_ORG_RUN_ENDINGS = (*PLACE_OR_ORG_SUFFIXES, *words("compound_endings"), *words("org_run_endings"))
_TITLES_AFTER_SORTED = tuple(sorted(TITLES_AFTER, key=len, reverse=True))


def _org_run_after(text: str, doc: list[_Tok], span: _Span) -> bool:
    """A name found by its tags alone, followed without a break by nouns that end in a facility's, a
    group's or an event's word (ナザレン・クリスチャン学校, アルトゥーロ・メリノ・ベニテス国際空港,
    中河内救命救急センター).
    A title or a family word in those nouns keeps the person (横内正明山梨県知事, 伊藤家), and so does a full
    name Sudachi tags surname and given name (隈研吾都市設計事務所: the architect's own name)."""
    lo = _first_token_at(doc, span.end)
    if lo >= len(doc) or doc[lo].idx != span.end or not doc[lo].tag_.startswith("名詞") or _is_name_tag(doc[lo]):
        return False
    run, k = "", lo
    while (
        k < len(doc)
        and doc[k].idx == span.end + len(run)
        and doc[k].tag_.startswith(("名詞", "接尾辞"))
        and not _is_name_tag(doc[k])
        and len(run) < 8
    ):
        run += doc[k].text
        k += 1
    if (
        run.startswith(_AFTER_NAME)
        or run.startswith(_PERSON_NOUNS_AFTER)
        or run.endswith(_PERSON_GROUPS_AFTER)
        or any(title in run for title in _TITLES_AFTER_SORTED)
        or _full_name(doc, span)
    ):
        return False
    joined = bool(_JOINED_PARTS.search(text[span.start : span.end]))
    # 戦 and 内閣 follow persons too (寺下紀子女流初段戦, 田中義一内閣); after a ・-joined name, a team's match.
    if not joined and run.endswith(("戦", "内閣")):
        return False
    return run.endswith(_ORG_RUN_ENDINGS)


_PLACE_UNITS = frozenset("市町村区県都府道州国郡島")
_TITLE_RUN = re.compile(r"[\u4e00-\u9fff々ヶ]{2,8}")


_TITLE_AT_END = re.compile("(?:" + "|".join(re.escape(t) for t in _TITLES_AFTER_SORTED if len(t) >= 2) + ")$")


def _titled_run_after(text: str, end: int) -> str:
    """The kanji written right after a name when they end in a title of titles_after.txt (離脱大臣, 国民党総裁,
    撮影所長), else ""."""
    run = _TITLE_RUN.match(text, end)
    if run is None:
        return ""
    word = run.group()
    return word if _TITLE_AT_END.search(word) else ""


def _full_name(doc: list[_Tok], span: _Span) -> bool:
    """The span is a surname and a given name, both tagged by Sudachi (田中|義一)."""
    lo = _first_token_at(doc, span.start)
    inside = [t for t in doc[lo:] if t.end <= span.end]
    return len(inside) >= 2 and inside[0].tag_.endswith("姓") and inside[-1].tag_.endswith("名")


def _ends_with_name_tag(doc: list[_Tok], span: _Span) -> bool:
    lo = bisect.bisect_left(doc, span.end, key=lambda t: t.end)
    return lo < len(doc) and doc[lo].end == span.end and _is_name_tag(doc[lo])


_KATA_TO_HIRA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def _katakana_given(word: str) -> bool:
    """ヒロノブ, ヨシマサ: a given name written in katakana (its hiragana is a known reading)."""
    return len(word) >= 3 and word.translate(_KATA_TO_HIRA) in hiragana_given_names()


_KANJI_NUMERALS = "一二三四五六七八九十"
_ORDINAL_SUFFIXES = ("目", "回", "番")


def _numeral_with_counter(doc: list[_Tok], i: int) -> bool:
    """一文 in 一文目 (the first sentence): Sudachi may tag it 人名, but a numeral before 目/回/番 counts."""
    return doc[i].text[0] in _KANJI_NUMERALS and i + 1 < len(doc) and doc[i + 1].text.startswith(_ORDINAL_SUFFIXES)
