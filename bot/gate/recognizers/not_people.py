"""Spans the person recognisers took for a name that are not a person's personal data here.

- a character of a work, or a foreign historical figure, named for a style or a quotation (ルフィの名ゼリフ,
  「鬼滅の刃」の炭治郎のセリフ回し, 「千と千尋の神隠し」の世界観): the name is the
  reference, and masking it would only break the request (流山's copyright rule reads the original text either
  way). A creator written in kanji (村上春樹っぽい文体) stays a person's name: masked, and asked about;
- a place that looks like a name: a branch office, a district, a river, a wood or a station
  (北村支所, おおたかの森, 坂川, 利根川).

Kept as names: anyone with さん/様/氏 written in kanji (田中さんの口調で is a colleague), and a place-shaped
name followed by an office title (北村町長 is a mayor).
"""

from __future__ import annotations

import re

from bot.gate.recognizers.contact import before_on_line
from bot.gate.recognizers.wordlists import words

# What follows a character's name when a style or a quotation is meant (not a plain "の小説": encyclopedic
# sentences about a writer keep the writer's name masked).
_WORK_AFTER = re.compile(
    r"(?:ちゃん|くん|君)?(?:大統領|首相|元首相|監督|博士|画伯|先生)?"
    r"(?:[ァ-ヶー]{0,8}(?:風|ふう|っぽ)|みたい|のよう|の(?:[^\s。、,の]{0,8}?)"
    r"(?:文体|作風|調子|タッチ|世界観|世界|口調|口ぐせ|口癖|セリフ回し|せりふ回し|名ゼリフ|名台詞|名せりふ|決め台詞|決めゼリフ"
    r"|名言|登場人物|呪文|必殺技|決めポーズ)|(?:一家)?(?:を|が)?登場(?:さ|す|人物)"
    r"|(?:一家)?の?(?:やり取り|やりとり|会話|掛け合い)(?:風|みたい|形式))"
)
# What follows a quoted title that holds a name.
_TITLE_AFTER = re.compile(
    r"^(?:[ァ-ヶー]{0,8}(?:風|ふう|っぽ)|みたい|のよう|シリーズ|の(?:[^\s。、,の]{0,8}?)"
    r"(?:世界観|世界|登場人物|主人公|キャラ|歌詞|オープニング|エンディング|主題歌|冒頭|一節|書き出し|文体|作風|名ゼリフ|名台詞|セリフ|設定|パロディ|替え歌"
    r"|シーン|場面|名場面|あらすじ|ストーリー|家族構成|台詞|名言)"
    r"|の?(?:ドラマ|映画|アニメ|漫画|マンガ|小説|舞台)(?:風|ふう|っぽ|みたい|のよう)"  # 「半沢直樹」のドラマ風
    # 『半沢直樹』の「倍返しだ！」のノリで: a line quoted from the work, for its tone
    r"|の[「『][^」』\n]{1,40}[」』](?:の|みたいな|っぽい)?(?:ノリ|セリフ|台詞|口調|調子|感じ|風|ふう|っぽ))"
)
# A theory or a model named after its author, written in katakana (カークパトリックの4段階評価, マズローの欲求段階説,
# ハインリッヒの法則): the name is the theory's, asked about as knowledge.
_THEORY_AFTER = re.compile(
    r"の(?:[0-9０-９一二三四五六七八九](?:段階|要因)(?:評価|モデル|説|理論)?|(?:[0-9０-９一二三四五六七八九]つの)?"
    r"(?:法則|理論|定理|欲求段階|二要因|忘却曲線|評価モデル|学習モデル|経験学習|窓(?!口)))"
    # … or a disease named after the doctor who described it (レビー小体型, アルツハイマー型, パーキンソン病, ダウン症)
    r"|(?:小体|型(?:認知症)?|病(?!院|棟|室|床)|症候群|症(?!状)|氏病|反射|徴候)"
    # … or a measure, a scale or an effect named after its author (マンセル値, マンセル表色系, ドップラー効果)
    r"|(?:値|表色系|係数|指数|効果|曲線)"
)
# A name written in kana or letters that fills a quote (「ハリー・ポッター」の組分け帽子, 「サザエさん」の家族構成) is a
# work's title or its character, unless a name field or an honorific says it is somebody's name.
_WHOLE_QUOTE_HONORIFIC = re.compile(r"(?:さん|くん|ちゃん|君)?")
_NAME_FIELD_BEFORE = re.compile(
    r"(?:名前|氏名|名義|申請者|相談者|利用者|対象者|宛名|署名|登録名|表記|カナ|フリガナ|ふりがな|ローマ字)[^。「」]{0,4}$"
)
_TITLE_USE_AFTER = re.compile(
    r"^(?:みたい|風|っぽ|のよう|シリーズ|[^。、]{0,15}(?:模し|模倣|もじ|モチーフ|題材|パロディ|まね|真似|オマージュ|に出てくる|に登場))"
)
# Quoted place names in a row (「美園」「若葉」「栄町」みたいな町名): what follows the quotes says they are places.
_QUOTED_PLACES_AFTER = re.compile(
    r"^(?:[、・,]?「[^」]{1,10}」)*(?:みたいな|のような|などの|という|といった|等の)?(?:町名|地名|駅名|地区名?|地域名|通り名|施設名|校名|店名|川の名前|山の名前)"
)
# Quoted names in a row asked about as words (「豊四季」「梅郷」「東深井」の読み方と由来): places or words, not people.
_QUOTED_READINGS_AFTER = re.compile(r"^(?:[、・,]?「[^」]{1,10}」)*の(?:読み|よみ|由来|語源|英字表記|ローマ字表記)")
_QUOTE_BEFORE_QUOTE = re.compile(r"」[、・,]?$")
_TITLE_BEFORE = re.compile(
    r"(?:マスコット|キャラクター|キャラ|映画|アニメ|漫画|マンガ|小説|絵本|童話|ドラマ|作品|シリーズ|ジブリ|ディズニー)(?:の)?\s*$"
    # a service's or a bus's nickname (デマンドタクシーの愛称が「のりあいくん」に): a name given to a thing
    r"|の(?:愛称|名称|通称)(?:が|は|を)\s*$"
)
# A trade written right before a kana name with an honorific (絵本作家の〇〇さんみたいな): the name is a person's, not
# a character's, even when a style is asked for.
_CREATOR_BEFORE = re.compile(
    r"(?:作家|画家|漫画家|イラストレーター|デザイナー|歌手|俳優|女優|タレント|芸人|アーティスト|写真家|詩人|歌人|俳人"
    r"|ミュージシャン|声優|監督|書道家|陶芸家|建築家)(?:の|・)?[ \u3000]*$"
)
# Honorifics that make a kanji name somebody one knows.
_HONORIFIC = re.compile(r"^(?:さん|様|さま|氏|殿)")
# A place that looks like a name, unless an office title follows (北村町長).
_PLACE_AFTER = re.compile(
    r"^(?:支所|出張所|地区|地域|の森|川(?!さん|様|氏)|[がか]わ(?!さん|様|氏|くん|ちゃん)|公園|駅(?!長)|小学校|中学校|高校|病院(?!長)|大橋|橋(?!さん|本)"
    r"|通り|団地|霊園|市民センター|公民館|コミュニティセンター"
    r"|の[^\s、。の]{1,8}(?:公園|緑地|遊歩道|広場|湿地)"  # 小川のせせらぎ公園
    r"|[0-9]{1,4}(?:-[0-9]{1,4}){1,2}(?![0-9])|[0-9]{1,2}丁目)"  # 北台4-2-8: a town before its house number
)
_KANJI = re.compile(r"[一-龥々]")
_WEEKDAY_RANGE = re.compile(r"[月火水木金土日][〜～~\-－・][月火水木金土日]$")
# A quoted name said to be a place (市内の町名に「大沢」がある, 地名「水野」).
_PLACE_BEFORE_QUOTE = re.compile(r"(?:町名|地名|地区名?|字名|駅名|バス停名?)(?:に|は|の|が|で|、|として)?\s*$")
# Names said to be made up (架空の候補者「あおぞら太郎」「みどり花子」, 例の「山田太郎」).
_FICTIONAL_BEFORE = re.compile(
    r"(?:架空|仮名|仮の|ダミー|サンプル|記入例|例え?ば|例の|主人公|登場人物|キャラ)[^。\n]{0,20}$"
)
# An example value written after 例） or （例： (氏名欄は『例）前橋 太郎』, （例：YAMADA Taro）): a form's stand-in.
_EXAMPLE_BEFORE = re.compile(
    r"(?:^|[（(『「\s、,。])(?:例|記入例|入力例)[）):：][ \u3000]*(?:[^\s、。」』）)「『]{1,6}[ \u3000]?)?$"
)
# The head of a list of places on the same line (町名一覧の読み仮名チェック：大沢、水野 …).
_PLACE_LIST_HEAD = re.compile(
    r"(?:町名|地名|地区名|字名|駅名|施設名|校名|学校名|町内会名|河川名|通り名|バス停名?|公園名)[^。\n]{0,25}[：:][^。\n]*$"
)
# A character of a work: the work's title comes first (「鬼滅の刃」の炭治郎, ONE PIECEのルフィ).
_AFTER_TITLE = re.compile(r"(?:[」』]|[A-Za-z0-9][A-Za-z0-9 ]{2,})の[一-龥]{0,2}$")
# A name ending in 川 among rivers (利根川、江戸川、坂川) or by a river's parts (坂川沿い, 坂川の土手).
_RIVER_AFTER = re.compile(r"^(?:沿い|流域|河川敷|水系|の(?:土手|堤防|水位|氾濫|河川敷|流域|支流|源流|河口|桜並木))")
_RIVER_NEAR = re.compile(r"河川|[一-龥]{1,3}川[」』]?[、,・…と「『]|[、,・…と」』][「『]?[一-龥]{1,3}川")


_CLOSE_QUOTE = re.compile(r"[」』]")


def _enclosing_quote(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The 「…」 or 『…』 around the span (short titles only), as (open, close) positions."""
    open_at = max(text.rfind("「", max(0, start - 20), start), text.rfind("『", max(0, start - 20), start))
    if open_at < 0 or _CLOSE_QUOTE.search(text, open_at + 1, start):
        return None
    # the quote's own closing mark: in 「米津玄師の『Lemon』の歌詞…」 the 』 closes the title, not the 「
    close_at = text.find("」" if text[open_at] == "「" else "』", end, min(len(text), end + 20))
    return (open_at, close_at) if close_at >= 0 else None


def _fills_title_quote(text: str, start: int, end: int, open_at: int, close_at: int) -> bool:
    honorific = _WHOLE_QUOTE_HONORIFIC.match(text, end, close_at)
    return (
        start == open_at + 1
        and honorific is not None
        and honorific.end() == close_at
        and not _KANJI.search(text[start:end])
        and not _NAME_FIELD_BEFORE.search(text[max(0, open_at - 12) : open_at])
        and not _HONORIFIC.match(text, close_at + 1)
        and bool(_TITLE_USE_AFTER.match(text[close_at + 1 : close_at + 25]))
    )


def not_a_person(text: str, start: int, end: int) -> bool:
    """True when the PERSON span text[start:end] names a character of a work, a figure quoted for a style (not
    written in kanji), or a place."""
    if names_a_character(text, start, end):
        return True  # サザエさんの家族構成, 鬼滅の刃の炭治郎っぽいセリフ
    if _WEEKDAY_RANGE.search(text, max(0, start - 2), end):
        return True  # 月〜金 9:00〜16:00: the last day of a range of weekdays, no 金 of a family name
    if _EXAMPLE_BEFORE.search(text, max(0, start - 16), start):
        return True  # 『例）前橋 太郎』: a form's example
    if text[start:end] in _STAGE_NAME_SET:
        return False  # あいみょん風の歌詞: a living singer's style is still a living person's name
    if _PLACE_LIST_HEAD.search(before_on_line(text, start, width=60)):
        return True  # 町名一覧：大沢、水野、中野 — the items of a list of places
    after = text[end : end + 30]
    if _PLACE_AFTER.match(after):
        return True
    if text[end - 1 : end] == "川" and (
        _RIVER_AFTER.match(after) or _RIVER_NEAR.search(text[max(0, start - 15) : start] + "\0" + text[end : end + 15])
    ):
        return True
    if _quoted_as_a_title_or_place(text, start, end):
        return True
    if _mascot(text, start, end):
        return True
    if _named_thing(text, start, end):
        return True  # 古代ローマの下水道（クロアカ・マキシマ）: the structure's own name
    in_kanji = bool(_KANJI.search(text[start:end]))
    if not in_kanji and _THEORY_AFTER.match(text, end):
        return True  # カークパトリックの4段階評価: a theory's name
    if not in_kanji and _named_in_a_title_elsewhere(text, start, end):
        return True  # 「走れメロス」のパロディで …「メロスは激怒した」から: the title's hero, quoted again
    if in_kanji and not _AFTER_TITLE.search(text[max(0, start - 30) : start]):
        return False  # 村上春樹っぽい文体: a living author's name is still a person's name (masked, asked about)
    honorific = _HONORIFIC.match(after)
    if honorific is not None:
        if in_kanji or _CREATOR_BEFORE.search(text, max(0, start - 12), start):
            return False  # 絵本作家のヨシタケシンスケさんみたいなタッチ: a creator named by trade is a living person
        after = after[honorific.end() :]  # サザエさんの登場人物: a character written in kana
    return bool(_WORK_AFTER.match(after))


# A structure or a place named in brackets right after the word for it (下水道（クロアカ・マキシマ）).
# The word stands after の or a break, so that a surname ending in one (高橋（タカハシ）) stays a name.
_THING_BEFORE_BRACKET = re.compile(
    r"(?<=[のな、。\s\u3000「『])(?:下水道|上水道|水道|水道橋|遺跡|神殿|建物|建築|橋|道路|運河|城|宮殿|施設|劇場|広場|寺院|教会|聖堂|大聖堂|遺構|水路|競技場|闘技場"
    r"|浴場|塔|庭園|街道|ダム|堤防|トンネル|港|灯台)[（(]$"
)


def _named_thing(text: str, start: int, end: int) -> bool:
    if _KANJI.search(text[start:end]) or text[end : end + 1] not in ("）", ")"):
        return False
    return bool(_THING_BEFORE_BRACKET.search(text, max(0, start - 12), start))


def _quoted_as_a_title_or_place(text: str, start: int, end: int) -> bool:
    """The span lies in a quote that what surrounds it calls a work's title, a place or a made-up name."""
    quote = _enclosing_quote(text, start, end)
    if quote is None:
        return False
    open_at, close_at = quote
    after_title, before_title = text[close_at + 1 : close_at + 30], text[max(0, open_at - 12) : open_at]
    return bool(
        _TITLE_AFTER.match(after_title)
        or _TITLE_BEFORE.search(before_title)
        or _QUOTED_PLACES_AFTER.match(after_title)
        or (
            _QUOTED_READINGS_AFTER.match(after_title)
            and (after_title.startswith(("「", "、「", "・「", ",「")) or _QUOTE_BEFORE_QUOTE.search(before_title))
        )
        or _fills_title_quote(text, start, end, open_at, close_at)
        or _PLACE_BEFORE_QUOTE.search(before_title)
        or _FICTIONAL_BEFORE.search(text, max(0, open_at - 25), open_at)
    )


def _named_in_a_title_elsewhere(text: str, start: int, end: int) -> bool:
    """A name in kana or letters that the same text also writes inside a work's quoted title (「走れメロス」の
    パロディ): the work's character, wherever else it is mentioned."""
    name = text[start:end]
    if len(name) < 2:
        return False
    at = text.find(name)
    while at >= 0:
        quote = _enclosing_quote(text, at, at + len(name)) if at != start else None
        if quote is not None:
            open_at, close_at = quote
            after, before = text[close_at + 1 : close_at + 30], text[max(0, open_at - 12) : open_at]
            if _TITLE_AFTER.match(after) or _TITLE_BEFORE.search(before):
                return True
        at = text.find(name, at + 1)
    return False


# A city's mascot or character introduced a few lines before its kana name (公式キャラ（たぬきのポン太）,
# ゆるキャラ紹介文 / 名前：みずほちゃん): a character, not a person.
_MASCOT_WORD = re.compile(r"ゆるキャラ|マスコット|公式キャラ|キャラクター|キャラ(?!メル)|着ぐるみ")
_KANA = re.compile(r"[\u3041-\u30ff]")


def _mascot(text: str, start: int, end: int) -> bool:
    name = text[start:end]
    if (
        not _KANA.search(name)
        or len(_KANJI.findall(name)) > 1
        or _HONORIFIC.match(text[end : end + 3].lstrip(" \u3000"))
    ):
        return False
    before = "\n".join(text[max(0, start - 80) : start].split("\n")[-3:])  # its line and the two above
    return bool(_MASCOT_WORD.search(before))


def _listed_pattern(name: str) -> re.Pattern[str]:
    entries = sorted(words(name), key=len, reverse=True)
    return re.compile("|".join(re.escape(e) for e in entries))


_CHARACTERS = _listed_pattern("characters")
_HISTORICAL = _listed_pattern("historical_people")
_HISTORICAL_WORDS = "\n".join(words("historical_people"))


def _stage_name(entry: str) -> str:
    """Not inside a longer word of the same script: Ado not in Adobe, あいみょん not inside kana, 米津玄師 not inside
    kanji (a particle before or after a kanji name is fine)."""
    kanji = "\u3400-\u9fff々"
    before = kanji if "\u3400" <= entry[0] <= "\u9fff" else "A-Za-z\u3041-\u30ff"
    after = kanji if "\u3400" <= entry[-1] <= "\u9fff" else "A-Za-z\u30a1-\u30ff"
    # The look-behind comes after the first character (and reads it again): (?<![X])a is a(?<![X]a). Every name of
    # the alternation then starts with a character, which the regex engine scans for in C (about 20 times faster
    # than trying every name's look-behind at every position); the same matches.
    first = re.escape(entry[0])
    return rf"{first}(?<![{before}]{first}){re.escape(entry[1:])}(?![{after}])"


_STAGE_NAME_SET = frozenset(words("stage_names"))
_STAGE_NAMES = re.compile("|".join(_stage_name(e) for e in sorted(words("stage_names"), key=len, reverse=True)))
# What may follow a historical name inside the span the recognisers found (徳川家康公, 野口英世博士).
_HISTORICAL_TAIL = re.compile(r"(?:公|様|さま|さん|氏|先生|博士|翁|提督)?")


def _inside_listed(pattern: re.Pattern[str], text: str, start: int, end: int, tail: re.Pattern[str] | None) -> bool:
    while end - start > 1 and text[end - 1] in ".,!?;:":
        end -= 1  # Potter. at the end of a sentence
    if end - start > 3 and text[end - 2 : end] in ("'s", "’s"):
        end -= 2  # Dr. Seuss's: the possessive is not part of the name
    for match in pattern.finditer(text, max(0, start - 20), min(len(text), end + 20)):
        if match.start() <= start and end <= match.end():
            return True  # サザエ in サザエさん, Potter in Harry Potter
        if start == match.start() and tail is not None and tail.fullmatch(text, match.end(), end):
            return True  # 徳川家康公
    return False


def names_a_character(text: str, start: int, end: int) -> bool:
    """The span lies inside the name of a well-known character or work (characters.txt)."""
    return _inside_listed(_CHARACTERS, text, start, end, None)


# What says that the name after it belongs to a person of public history, listed or not (戦国武将の北条氏康,
# 明治の文豪).
_HISTORICAL_BEFORE = re.compile(
    r"(?:戦国武将|戦国大名|武将|大名|藩主|城主|天皇|将軍|幕臣|志士|歌人|俳人|絵師|公家|高僧|偉人|歴史上の人物|文豪"
    r"|(?:古代|飛鳥|奈良|平安|鎌倉|室町|戦国|安土桃山|江戸|幕末|明治|大正)(?:時代)?の[^\s、。]{0,6}?"
    r"(?:武将|大名|藩主|城主|学者|商人|豪商|画家|絵師|僧|歌人|俳人|志士|文豪|作家|人物|偉人))の?[ \u3000]*$"
)


_BRACKETED_ALIAS = re.compile(r"([^（(）)]+)[（(]([^（(）)]+)[）)]")


def historical_figure(text: str, start: int, end: int) -> bool:
    """The span is a person of public history (historical_people.txt, or introduced as one: 戦国武将の北条氏康):
    recognised, not personal data."""
    if _HISTORICAL_BEFORE.search(text, max(0, start - 20), start):
        return True
    if _inside_listed(_HISTORICAL, text, start, end, _HISTORICAL_TAIL):
        return True
    # 小泉八雲（ラフカディオ・ハーン）: a listed name with another listed name of the same person in brackets
    bracketed = _BRACKETED_ALIAS.fullmatch(text, start, end)
    if bracketed and all(_HISTORICAL.fullmatch(name) for name in bracketed.groups()):
        return True
    # 萩原朔太郎の詩 … 朔太郎風に: a part of a listed name written whole earlier or later in the same text
    part = text[start:end]
    return (
        len(part) >= 2
        and part in _HISTORICAL_WORDS
        and any(part in m.group() and m.group() != part for m in _HISTORICAL.finditer(text))
    )


def stage_names_in(text: str) -> list[tuple[int, int]]:
    """Living people known by one stage or pen name (stage_names.txt): あいみょん, Ado. Not inside a longer word
    of letters or kana (Ado in Adobe is not the name); a particle may follow."""
    return [m.span() for m in _STAGE_NAMES.finditer(text)]
