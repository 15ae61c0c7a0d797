"""An address or a number written as a sample of a format, in a request about that format.

「メアド形式チェックの正規表現ほしい。 taro(at)example.jp みたいな表記もひっかけたい」: the address stands for a shape
the expression should match, nobody's contact. It stays a finding (the employee sees it) but is not masked, as a
person of public history is not. Both conditions must hold: the prompt is about a format (a regular expression,
an input check, a validation rule), and the value is introduced as a sample (みたいな / のような / 例えば / e.g.).
A pasted contact list that only asks to tidy the notation (表記をそろえて) has neither and stays masked. The stock
name of forms (山田太郎, YAMADA Taro), quoted in a question about notation (『YAMADA Taro』と『Taro Yamada』、どちらの
表記が推奨？), is its own sample; unquoted (Yamada Taro, born 1988-11-02 …) it stays somebody's.

Likewise test data the prompt itself calls invented (架空の, ダミー, 記入例, サンプルデータ, テスト用), when the value
has the shape of a placeholder: user01@example.com, 000-0000-0000 or 03-1234-5678, a town named テスト町 or 〇〇町, an
address quoted right after 架空の, a date of birth quoted in 「」 of a 記入例. A real-looking address or number
stays masked whatever the prompt calls it.
"""

from __future__ import annotations

import re
import unicodedata

SAMPLE_TYPES = frozenset({"EMAIL_ADDRESS", "PHONE_NUMBER", "JP_POSTAL_CODE", "DATE_OF_BIRTH", "LOCATION"})
# The stock name of Japanese forms and manuals, in any script and order (山田太郎, YAMADA Taro, Hanako Yamada):
# quoted as the sample of a notation question (どちらの表記が…), it names nobody.
_STOCK_NAME = re.compile(
    r"^(?:山田[ \u3000]?(?:太郎|花子)|(?i:yamada[ ,]+(?:taro|hanako)|(?:taro|hanako)[ ,]+yamada))$"
)
_DUMMY_DECLARED = re.compile(
    r"架空|ダミー|記入例|見本|サンプル(?:データ|の(?:宛先|住所|データ))|テスト用|テストデータ|練習用|例示|(?i:dummy|fake)"
    r"|[（(]仮名?[）)]"
)
_PLACEHOLDER_WORD = r"(?:user|test|sample|example|dummy|taro|hanako|foo|bar|name|mail|info|abc|xxx)"
_PLACEHOLDER_MAIL = re.compile(  # taro@example.com, user01@…, hanako.test@example.jp
    rf"^{_PLACEHOLDER_WORD}(?:[._-]?(?:{_PLACEHOLDER_WORD}|\d+))?[._-]?\d*@"
    r"(?:[a-z0-9-]+\.)*(?:example|test|invalid)(?:\.[a-z]{2,3}){0,2}$",
    re.IGNORECASE,
)
# A row of declared test data whose name is itself a placeholder (テスト 一郎, サンプル 桃子, ダミー 三郎): the date of
# birth beside it is made up too.
_PLACEHOLDER_ROW = re.compile(
    r"(?:見本|サンプル|ダミー|試験|テスト)"
    r"(?:[ \u3000][一-龥ぁ-んァ-ヶ]{1,4}|太郎|花子|一郎|次郎|二郎|三郎|四郎|桃子|梅子)"
)
# 1月1日 (平成元年1月1日, 2000-01-01): the date a form's example writes when any date will do
_NEW_YEARS_DAY = re.compile(r"(?:元|\d{1,4})年0?1月0?1日|\d{4}[-/.]0?1[-/.]0?1$")
# the town itself is the placeholder (テスト町1-1, 〇〇市△△町), not a building somewhere in a real address
_PLACEHOLDER_PLACE = re.compile(
    r"^(?:[^\s\d]{0,6}?[都道府県市区町村])?(?:テスト|試験|見本|サンプル|架空|ダミー|〇〇|○○|××|△△)"
)
# 「新座 太郎」「前橋 花子」: a form's example named after the city, before the stock given name
_PLACE_AND_STOCK_GIVEN = re.compile(r"「[一-龥]{1,4}[ \u3000]?$")
# 1-1-1, 1-2-3, 一丁目1番1号: the house number a form's example writes when any will do
_PLACEHOLDER_HOUSE_NUMBER = re.compile(
    r"(?:(?<![0-9])1-1(?:-1)?|(?<![0-9])1-2-3|(?:一|1)丁目(?:1番(?:地)?1号|2番(?:地)?3号))$"
)
# A form's example row: declared as such, with the stock name after the city's (「松戸 太郎」) in it
_EXAMPLE_ROW = re.compile(r"(?:記入例|見本)[^「\n]{0,10}[:：][^\n]*「[一-龥]{1,4}[ \u3000]?(?:太郎|花子|一郎)」")
_PLACEHOLDER_KANA_NAME = re.compile(
    r"(?:シケン|ミホン|テスト|サンプル|ダミー)[ \u3000]?(?:イチロウ|ジロウ|サブロウ|タロウ|ハナコ)"
)
_MARKED_MADE_UP = re.compile(r"(?:さん|様|氏|くん|ちゃん)?[ \u3000]?[（(]仮名?[）)]")
_ABOUT_A_FORMAT = re.compile(
    r"正規表現|(?i:regex|regexp|validation|validate)|バリデーション|(?:入力|形式|書式|フォーマット)(?:の)?チェック"
    r"|入力規則|チェック(?:する)?(?:式|関数|処理|コード)|(?:判定|抽出|検出)(?:する)?(?:式|関数|処理|コード|パターン)"
    # a question about a way of writing itself, not a request to write a list that way
    r"|(?:ように|みたいに)書く(?:の|こと)(?:は|って)|どちらの表記|表記(?:の仕方|方法)?(?:は|が)(?:推奨|正しい|一般的)"
    r"|(?:氏名|名前)の(?:順|順序|並び)"
    # a formula or a function that splits, extracts or tidies a column (住所を3つに分ける式, 表記ゆれをそろえる関数)
    r"|(?:分ける|分割する|抜き出す|抽出する|取り出す|切り出す|変換する|そろえる|揃える|統一する|正規化する|整形する"
    r"|計算する|区分する|並べ替える)[ \u3000]?(?:Excel[ \u3000]?の?|エクセルの?)?(?:式|数式|関数|マクロ)"
)
_SAMPLE_AFTER = re.compile(
    r"^[\s」』\"')）]{0,2}(?:みたいな|みたいに|のような|のように|などの|などを|とか|という形|って形|の形|(?:の)?(?:形式|書式)(?:に|で|の|か))"
)
_SAMPLE_BEFORE = re.compile(
    r"(?:例えば|たとえば|例[:：]|(?<![一-龥])例[ \u3000]|(?i:e\.g\.|for example|such as)|サンプル[:：]?)"
    r"[\s「『\"']{0,2}$"
    # the example's other side: 「本町３丁目5番2号」→「本町3-5-2」
    r"|[」』][ \u3000]?(?:→|⇒|->)[ \u3000]?[「『]$"
)


def format_sample(text: str, entity_type: str, start: int, end: int) -> bool:
    """True for a value that only shows the shape a format request is about, or a placeholder in declared test data."""
    # ｼｹﾝ ｲﾁﾛｳ, ﾐﾎﾝ ﾊﾅｺ: a placeholder name read out in kana (試験 一郎, 見本 花子) declares itself
    kana_placeholder = entity_type == "PERSON" and bool(
        _PLACEHOLDER_KANA_NAME.fullmatch(unicodedata.normalize("NFKC", text[start:end]))
    )
    return (
        kana_placeholder
        or _shows_a_format(text, entity_type, start, end)
        or _placeholder(text, entity_type, start, end)
    )


_OPENING_QUOTES = frozenset("「『\"'“")
_CLOSING_QUOTES = frozenset("」』\"'”")


def _shows_a_format(text: str, entity_type: str, start: int, end: int) -> bool:
    if not _ABOUT_A_FORMAT.search(text):
        return False
    if entity_type == "PERSON":  # the stock name, quoted as a sample (『YAMADA Taro』と『Taro Yamada』)
        quoted = text[start - 1 : start] in _OPENING_QUOTES and text[end : end + 1] in _CLOSING_QUOTES
        return start > 0 and quoted and bool(_STOCK_NAME.match(text[start:end]))
    if entity_type not in SAMPLE_TYPES:
        return False
    return bool(_SAMPLE_AFTER.search(text[end : end + 12]) or _SAMPLE_BEFORE.search(text[max(0, start - 16) : start]))


def _line_of(text: str, start: int, end: int) -> str:
    line_end = text.find("\n", end)
    return text[text.rfind("\n", 0, start) + 1 : line_end if line_end >= 0 else len(text)]


def _placeholder(text: str, entity_type: str, start: int, end: int) -> bool:
    if not _DUMMY_DECLARED.search(text):
        return False
    value = text[start:end]
    if entity_type == "EMAIL_ADDRESS":
        return bool(_PLACEHOLDER_MAIL.match(value))
    if entity_type in ("PHONE_NUMBER", "JP_POSTAL_CODE"):
        digits = "".join(c for c in value if c.isdigit())
        return not digits.strip("0") or "12345678" in digits or len(set(digits)) <= 2
    if entity_type == "PERSON":  # 山田太郎さん in a slide the prompt calls made up (これは架空の例です), 「新座 太郎」
        quoted_stock = value in ("太郎", "花子", "一郎") and text[end : end + 1] == "」"
        quoted_stock = quoted_stock and bool(_PLACE_AND_STOCK_GIVEN.search(text, max(0, start - 6), start))
        # 「カルロスさん（仮）」: a name the prompt marks as made up for a role play
        marked = bool(_MARKED_MADE_UP.match(text, end))
        return bool(_STOCK_NAME.match(value)) or quoted_stock or marked
    if entity_type in ("LOCATION", "DATE_OF_BIRTH") and _ABOUT_A_FORMAT.search(text):
        return True  # データはダミーです + an Excel formula that splits addresses or ages dates of birth
    if entity_type == "LOCATION":
        quoted = text[start - 1 : start] == "「"
        return (
            bool(_PLACEHOLDER_PLACE.match(value) or _PLACEHOLDER_HOUSE_NUMBER.search(value))
            or (quoted and "架空" in text[max(0, start - 24) : start])
            # 記入例：氏名「松戸 太郎」、住所「松戸市根本387番地の5」: quoted in the same example row as the stock name
            or (quoted and bool(_EXAMPLE_ROW.search(_line_of(text, start, end))))
        )
    if entity_type == "DATE_OF_BIRTH":
        return (
            (text[start - 1 : start] == "「" and bool(re.search(r"記入例|見本|サンプル|ダミー|架空", text)))
            or bool(_PLACEHOLDER_ROW.search(_line_of(text, start, end)))
            or bool(_NEW_YEARS_DAY.search(value))
        )
    return False
