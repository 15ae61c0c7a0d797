"""氏名: Sudachi's person-name tags, a name dictionary, honorifics and role words, and GiNZA NER.

GiNZA's NER alone finds about two names in three on encyclopedic text and confuses e-mails with
persons; Sudachi's dictionary (through GiNZA's tokenizer) tags known surnames and given names
(名詞-固有名詞-人名-姓/名/一般) at almost no cost. The rules below join those tags into full names,
catch unknown names by the honorific after them (様, さん, 氏 …) or the role word before them
(申請者, 相談者 …), and drop names that are part of a place or an organisation (田中駅, 松本城).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.tokens import Doc

from bot.gate.recognizers.names import given_names, surnames

HONORIFICS = frozenset({"さん", "様", "さま", "氏", "殿", "君", "くん", "ちゃん", "先生", "議員", "容疑者", "被告"})
# Words that take an honorific but are not names: 皆様, お客様, 担当者様, 部長さん …
NOT_NAMES = frozenset(
    {
        "皆",
        "皆さん",
        "皆様",
        "客",
        "お客",
        "各位",
        "担当",
        "担当者",
        "関係者",
        "利用者",
        "申請者",
        "相談者",
        "市民",
        "住民",
        "区民",
        "町民",
        "村民",
        "県民",
        "職員",
        "お父",
        "お母",
        "お兄",
        "お姉",
        "お子",
        "奥",
        "先方",
        "マイナ",
        "相手",
        "本人",
        "御中",
        "神",
        "仏",
        "王",
        "お隣",
        "隣",
        "近所",
        "ご近所",
        "患者",
        "利用",
        "部長",
        "課長",
        "係長",
        "主任",
        "主査",
        "所長",
        "室長",
        "局長",
        "市長",
        "町長",
        "村長",
        "知事",
        "社長",
        "会長",
        "委員",
        "委員長",
        "議長",
        "校長",
        "教頭",
        "園長",
        "院長",
        "館長",
        "店長",
        "上司",
        "同僚",
        "新人",
        "学生",
        "生徒",
        "児童",
        "子供",
        "子ども",
        "高齢者",
        "障害者",
        "保護者",
        "世帯主",
        "家族",
        "ご家族",
        "業者",
        "事業者",
        "講師",
        "医師",
        "看護師",
        "保健師",
        "弁護士",
        "司法書士",
        "税理士",
        "ケアマネ",
    }
)
ROLE_WORDS = (
    "申請者",
    "相談者",
    "相談人",
    "申出人",
    "届出人",
    "請求人",
    "対象者",
    "受給者",
    "被保険者",
    "世帯主",
    "利用者",
    "患者",
    "本人",
    "氏名",
    "名前",
    "担当者",
    "担当",
    "差出人",
    "宛先",
    "契約者",
    "入居者",
    "保護者",
    "児童",
    "生徒",
    "職員",
    "市民",
    "住民",
)
# Titles and roles written right before or after a name (宰相シュタイン, FW大久保嘉人, タフト大統領).
TITLES_BEFORE = frozenset(
    {
        "宰相",
        "巨匠",
        "監督",
        "選手",
        "投手",
        "捕手",
        "大統領",
        "首相",
        "外相",
        "教授",
        "博士",
        "作家",
        "俳優",
        "女優",
        "歌手",
        "画家",
        "詩人",
        "将軍",
        "皇帝",
        "国王",
        "王子",
        "王女",
        "女王",
        "司令官",
        "長男",
        "次男",
        "三男",
        "長女",
        "次女",
        "三女",
        "四女",
        "父",
        "母",
        "妻",
        "夫",
        "息子",
        "娘",
        "兄",
        "弟",
        "姉",
        "妹",
        "祖父",
        "祖母",
        "叔父",
        "叔母",
        "FW",
        "MF",
        "DF",
        "GK",
        "社長",
        "会長",
        "市長",
        "知事",
        "議員",
        "委員長",
        "理事長",
        "部長",
        "課長",
        "係長",
        "担当",
        "主任",
        "主査",
        "氏名",
        "故",
    }
)
TITLES_AFTER = frozenset(
    {
        "大統領",
        "首相",
        "監督",
        "選手",
        "教授",
        "博士",
        "将軍",
        "中佐",
        "大佐",
        "少佐",
        "中将",
        "大将",
        "少将",
        "中尉",
        "大尉",
        "議員",
        "知事",
        "市長",
        "町長",
        "村長",
        "社長",
        "会長",
        "投手",
        "捕手",
        "外野手",
        "内野手",
        "王",
        "皇帝",
        "伯爵",
        "公爵",
        "侯爵",
        "男爵",
        "卿",
        "総督",
        "長官",
        "大臣",
        "外相",
        "蔵相",
        "部長",
        "課長",
        "係長",
        "主任",
        "主査",
        "室長",
        "所長",
        "局長",
        "委員",
        "理事",
        "記者",
        "弁護士",
        "医師",
        "容疑者",
        "被告",
        "夫妻",
        "夫人",
        "一家",
        "自身",
    }
)
# A name directly followed by one of these is part of a place or an organisation.
PLACE_OR_ORG_SUFFIXES = (
    "市",
    "町",
    "村",
    "区",
    "県",
    "都",
    "府",
    "郡",
    "駅",
    "線",
    "川",
    "山",
    "城",
    "寺",
    "神社",
    "橋",
    "島",
    "湖",
    "大学",
    "高校",
    "高等学校",
    "中学",
    "小学校",
    "学園",
    "病院",
    "医院",
    "銀行",
    "信金",
    "商店",
    "工業",
    "建設",
    "株式会社",
    "会社",
    "グループ",
    "財団",
    "賞",
    "通り",
    "公園",
    "町内",
    "地区",
    "家",
    "流",
    "派",
    "式",
    "法",
    "記念",
    "邸",
    "文庫",
    "屋",
    "堂",
    "号",
    "丸",
    "港",
    "空港",
    "インター",
    "ホール",
    "ビル",
    "タワー",
    "事務所",
    "製薬",
    "薬品",
    "汽車",
    "自動車",
    "電機",
    "電気",
    "製作所",
    "商事",
    "物産",
    "証券",
    "生命",
    "新聞",
    "放送",
    "出版",
    "書店",
    "鉄道",
    "電鉄",
    "交通",
    "バス",
    "航空",
    "海運",
    "造船",
    "工務店",
    "酒造",
    "総研",
    "ガ丘",
    "ヶ丘",
    "が丘",
    "丘",
    "台",
    "坂",
    "浜",
    "湾",
    "岬",
    "峠",
    "道路",
    "街道",
    "御坊",
    "政権",
    "内閣",
    "政府",
    "王国",
    "帝国",
    "朝",
    "時代",
    "氏族",
    "藩",
    "軍",
    "隊",
    "ズ",
    "FC",
    "杯",
    "選手権",
    "競技場",
    "スタジアム",
    "球場",
    "劇場",
    "センター",
)
_KANJI = re.compile(r"^[\u4e00-\u9fff々〆ヶ]+$")
_KATAKANA = re.compile(r"^[\u30a1-\u30faー]+$")
_NAME_JOINERS = frozenset({"・", "=", "＝", "゠"})
# Plural and enumeration words Sudachi may glue to a name (吉村等, 田中ら).
_NOT_NAME_TAILS = frozenset({"等", "ら", "達", "たち", "一人", "唯一", "全員", "以外", "自身", "本人"})


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


def _is_proper_or_unknown(token: _Tok) -> bool:
    text = token.text
    if text in NOT_NAMES or text in TITLES_AFTER or text in TITLES_BEFORE or text in _NOT_NAME_TAILS:
        return False
    if _is_name_tag(token):
        return True
    if _KATAKANA.match(text) and len(text) >= 2:
        return "固有名詞" in token.tag_ or "普通名詞" in token.tag_
    if "普通名詞" in token.tag_ and text.endswith(_OCCUPATION_ENDINGS):
        return False  # 看護婦さん, 運転手さん, 駅員さん: an occupation, not a name
    return bool(_KANJI.match(text)) and len(text) <= 4 and token.tag_.startswith("名詞")


# Common nouns for occupations and roles end like this; names Sudachi knows carry a 人名 tag instead.
_OCCUPATION_ENDINGS = (
    "師",
    "士",
    "員",
    "者",
    "長",
    "手",
    "婦",
    "官",
    "生",
    "母",
    "父",
    "係",
    "人",
    "方",
    "屋",
    "家",
    "課",
    "室",
    "局",
    "部",
    "所",
    "班",
    "署",
    "庁",
    "社",
)
_HIRAGANA = re.compile(r"^[\u3041-\u309f]+$")


class JapanesePersonRecognizer(EntityRecognizer):
    ENTITY = "PERSON"

    def __init__(self, use_ner: bool = True) -> None:
        self.use_ner = use_ner
        self._surnames = surnames()
        self._given = given_names()
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
            if not _is_name_tag(token) or token.text in NOT_NAMES:
                i += 1
                continue
            j = i + 1
            while j < len(doc):
                nxt = doc[j]
                if _is_name_tag(nxt):
                    j += 1
                elif (
                    nxt.text in _NAME_JOINERS
                    and j + 1 < len(doc)
                    and (_is_name_tag(doc[j + 1]) or _KATAKANA.match(doc[j + 1].text))
                ):
                    j += 2
                elif (
                    doc[j - 1].tag_.endswith("姓")
                    and _KANJI.match(nxt.text)
                    and (nxt.text in self._given or (j + 1 < len(doc) and doc[j + 1].text in HONORIFICS))
                ):
                    j += 1  # 佐藤 + 翔太 when Sudachi does not know the given name
                else:
                    break
            parts = doc[i:j]
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
            spans.append(_Span(name[0].idx, name[-1].end, 0.9, "honorific"))
        return spans

    def _role_names(self, doc: list[_Tok], text: str) -> list[_Span]:
        """申請者：山田一郎 / 相談者の田中 … — the name-like tokens after a role word."""
        spans = []
        for i, token in enumerate(doc):
            if token.text not in ROLE_WORDS:
                continue
            k = i + 1
            if k < len(doc) and doc[k].text in {"の", "は", ":", "：", "、", "（", "(", "「"}:
                k += 1
            j = k
            # The first token must look like a surname (a 人名 tag or the surname dictionary), so that
            # 市民の健康 is not a name although 健康 is also written as a given name.
            if k < len(doc) and (_is_name_tag(doc[k]) or doc[k].text in self._surnames):
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
                if j > i + 1 and doc[j - 1].text not in _NAME_JOINERS:
                    name = doc[i + 1 : j]
                    if any(_is_name_tag(t) or _KATAKANA.match(t.text) or t.text in self._surnames for t in name):
                        spans.append(_Span(name[0].idx, name[-1].end, 0.8, "title"))
            if token.text in TITLES_AFTER and i > 0:
                j = i
                while (
                    j > 0
                    and i - j < 4
                    and (_is_proper_or_unknown(doc[j - 1]) or (doc[j - 1].text in _NAME_JOINERS and j - 1 > 0))
                ):
                    j -= 1
                if j < i and doc[j].text not in _NAME_JOINERS:
                    name = doc[j:i]
                    if any(_is_name_tag(t) or _KATAKANA.match(t.text) or t.text in self._surnames for t in name):
                        spans.append(_Span(name[0].idx, name[-1].end, 0.8, "title"))
        return spans

    def _katakana_full_names(self, doc: list[_Tok]) -> list[_Span]:
        """ジョン・スミス, ワン・ジェ: katakana parts joined by ・ or =, none of them a place."""
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
                and any(_is_name_tag(t) for t in parts)
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
    def _part_of_place_or_org(text: str, span: _Span) -> bool:
        after = text[span.end : span.end + 4]
        return any(after.startswith(suffix) for suffix in PLACE_OR_ORG_SUFFIXES)

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
        ]
        if self.use_ner:
            candidates.extend(self._ner_names(nlp_artifacts))
        kept = [
            c for c in candidates if c.why in {"honorific", "role", "title"} or not self._part_of_place_or_org(text, c)
        ]
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
            for c in _merge(kept)
        ]


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
