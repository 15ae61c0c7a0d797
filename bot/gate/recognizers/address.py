"""住所: 都道府県/市区町村 + 町名 + 丁目・番地・号 (+ building and room).

A city name alone (流山市の人口, 松戸市役所) is not personal data and is never masked: an address
needs a house number. A bare 2-8-1 with no place before it is masked only when 住所/在住/番地
says it is an address.
"""

from __future__ import annotations

import re

from bot.gate.recognizers.base import JapanesePatternRecognizer
from bot.gate.recognizers.contact import (
    OFFICE_ADDRESS_BEFORE,
    before_on_line,
    office_named_before,
    personal_block,
    row_of_places,
)

_PREFECTURES = (
    "北海道|青森県|岩手県|宮城県|秋田県|山形県|福島県|茨城県|栃木県|群馬県|埼玉県|千葉県|東京都|神奈川県|新潟県|富山県"
    "|石川県|福井県|山梨県|長野県|岐阜県|静岡県|愛知県|三重県|滋賀県|京都府|大阪府|兵庫県|奈良県|和歌山県|鳥取県|島根県"
    "|岡山県|広島県|山口県|徳島県|香川県|愛媛県|高知県|福岡県|佐賀県|長崎県|熊本県|大分県|宮崎県|鹿児島県|沖縄県"
)
_KANJI_NUM = "〇一二三四五六七八九十"
# Characters a municipality or town name may contain; particles and punctuation end it.
_NAME = r"[^\s\d、。，,.「」『』()（）【】\[\]はをがでもへにやとの:：;；/]"
_MUNICIPALITY = rf"{_NAME}{{1,7}}?(?:市|区|町|村|郡)"
_TOWN = rf"(?:{_NAME}|の|ケ|ヶ|が){{0,10}}?"
# 新座市野火止 1-2-3: one space before the house number (not before a year: 新座市 2025-04-01).
_GAP = r"(?:[ 　](?=\d{1,3}(?!\d)|[〇一二三四五六七八九十]))?"
_NUMBER = rf"(?:\d+|[{_KANJI_NUM}]+)"
# The house-number block that makes it an address: 2丁目8番1号, 2-8-1, 123番地, 12番地の3, 5番地3.
_CHOME_TAIL = r"(?:\s?(?:\d+(?:番地(?:の?\d+号?)?|番(?:\s?\d+号?)?|-\d+(?:-\d+)?)))?"
_HOUSE = (
    rf"(?:{_NUMBER}丁目{_CHOME_TAIL}"
    # Hokkaido's grid: 北4条西3丁目, 南1条東2丁目5-3, 4条8丁目2-1.
    rf"|[東西南北]?{_NUMBER}条[東西南北]?{_NUMBER}丁目{_CHOME_TAIL}"
    rf"|\d+-\d+(?:-\d+){{0,2}}"
    rf"|\d+番地(?:の?\d+号?)?"
    rf"|\d+番\d+号"
    rf"|字{_NAME}{{1,6}}\d+(?:番地?)?)"
)
_BUILDING = (
    r"(?:\s?[ァ-ヶー一-龥A-Za-z]{1,16}(?:\s?\d+)?(?:号室|号館|F|階)|\s?\d{1,4}号室"
    # a building and a bare room number: サンハイツ203, メゾン鳩が丘 305, -203
    r"|[ 　]?[ァ-ヶ一-龥A-Za-z][ァ-ヶー一-龥A-Za-zぁ-ん]{1,15}[ 　]?\d{2,4}(?![0-9])(?:号室|号)?|-\d{2,4}(?![0-9]))?"
)


_CITY_OR_ABOVE = re.compile(r"[都道府県市区郡村]")
_PLACEHOLDER = re.compile(r"〇〇|○○|××|△△")
# 「市の」「区の」: the city's something; no town name starts with の.
_POSSESSIVE = re.compile(r"(?:市|区|郡)の")
# 松戸市ルール6-4, 新座市ガイドライン3-2: a city's rule and its section, not a town and a house number
_RULE_SECTION = re.compile(r"(?:市|区|町|村)(?:の)?(?:ルール|ガイドライン|指針|規程|要綱|要領|条例|規則)")


# 「所在地：松戸市松戸714-1」「本店所在地：…」: where a facility, an office or a company is. A household's address is
# its 住所; a 所在地 is somebody's only with a person in its block (世帯主：…, 経営者 … 様), which `personal_block`
# reads.
_LOCATION_LABEL = re.compile(r"(?<!自宅)(?<!住居)(?<!現)所在地[ 　]*[:：]?[ 　]*$")


class JapaneseAddressRecognizer(JapanesePatternRecognizer):
    ENTITY = "LOCATION"
    PATTERNS = (
        (rf"(?:{_PREFECTURES})(?:{_MUNICIPALITY}){{0,3}}{_TOWN}{_GAP}{_HOUSE}{_BUILDING}", 0.9),
        (rf"(?:{_MUNICIPALITY}){{1,3}}{_TOWN}{_GAP}{_HOUSE}{_BUILDING}", 0.8),
        # An estate or town with a full 丁目・番・号 block needs no city before it: 平和台2丁目3番4号, 鳩が丘1-1-1.
        (
            rf"{_NAME}{{1,6}}?(?:が丘|ヶ丘|ケ丘|の丘|台|団地|ニュータウン){_GAP}(?:{_NUMBER}丁目{_CHOME_TAIL}"
            rf"|\d+-\d+(?:-\d+)?){_BUILDING}",
            0.8,
        ),
        # Hokkaido's grid with a house number needs no city before it either: 北3条西5丁目12番地, 南1条東2丁目5-3.
        (
            rf"(?<![一-龥])[東西南北]{_NUMBER}条[東西南北]{_NUMBER}丁目\s?\d+(?:番地(?:の?\d+号?)?|番(?:\s?\d+号?)?"
            rf"|-\d+(?:-\d+)?){_BUILDING}",
            0.8,
        ),
        (rf"(?:(?<=住所は)|(?<=住所が)|(?<=住所:)|(?<=住所：)|(?<=住所 )){_NAME}{{0,10}}?{_HOUSE}{_BUILDING}", 0.8),
    )
    CONTEXT = ("住所", "在住", "居住", "住んで", "転居", "自宅", "所在地", "番地", "方面")

    def validate(self, match: re.Match[str]) -> bool:
        value = match.group()
        # 北町5丁目, 南台1丁目 in a list of facilities: a district without a house number or a city is no household.
        if value.endswith("丁目") and not _CITY_OR_ABOVE.search(value):
            return False
        if _POSSESSIVE.search(value):
            return False  # 松戸市の利活用ルールの6-4: the city's rule, section 6-4, not a town
        if _RULE_SECTION.search(value):
            return False
        if _PLACEHOLDER.search(value) or _PLACEHOLDER.search(match.string, max(0, match.start() - 2), match.start()):
            return False  # 東京都千代田区〇〇1-1-1: a form's example, not an address
        if office_named_before(match.string, match.start()):
            return False  # 前橋市役所 本庁舎 前橋市大手町二丁目12番1号: the office's own address
        before = before_on_line(match.string, match.start(), width=60)
        # 「前橋市役所本庁舎の所在地…大手町二丁目12番1号」: an office's published address.
        if OFFICE_ADDRESS_BEFORE.search(before):
            return False
        if _LOCATION_LABEL.search(before) and not personal_block(_block_around(match.string, match.start())):
            return False
        return not row_of_places(match.string, match.start())


def _block_around(text: str, at: int) -> str:
    """The lines around a value up to the nearest blank lines (or three lines either side)."""
    lines = text.split("\n")
    row = text.count("\n", 0, at)
    lo = row
    while lo > 0 and row - lo < 3 and lines[lo - 1].strip():
        lo -= 1
    hi = row
    while hi + 1 < len(lines) and hi - row < 3 and lines[hi + 1].strip():
        hi += 1
    return "\n".join(lines[lo : hi + 1])
