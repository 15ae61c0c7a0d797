"""An address or a number written as a sample of a format, in a request about that format.

「メアド形式チェックの正規表現ほしい。 taro(at)example.jp みたいな表記もひっかけたい」: the address stands for a shape
the expression should match, nobody's contact. It stays a finding (the employee sees it) but is not masked, as a
person of public history is not. Both conditions must hold: the prompt is about a format (a regular expression,
an input check, a validation rule), and the value is introduced as a sample (みたいな / のような / 例えば / e.g.).
A pasted contact list that only asks to tidy the notation (表記をそろえて) has neither and stays masked.
"""

from __future__ import annotations

import re

SAMPLE_TYPES = frozenset({"EMAIL_ADDRESS", "PHONE_NUMBER"})
_ABOUT_A_FORMAT = re.compile(
    r"正規表現|(?i:regex|regexp|validation|validate)|バリデーション|(?:入力|形式|書式|フォーマット)(?:の)?チェック"
    r"|入力規則|チェック(?:する)?(?:式|関数|処理|コード)|(?:判定|抽出|検出)(?:する)?(?:式|関数|処理|コード|パターン)"
)
_SAMPLE_AFTER = re.compile(
    r"^[\s」』\"')）]{0,2}(?:みたいな|みたいに|のような|のように|などの|などを|とか|という形|って形)"
)
_SAMPLE_BEFORE = re.compile(
    r"(?:例えば|たとえば|例[:：]|(?i:e\.g\.|for example|such as)|サンプル[:：]?)[\s「『\"']{0,2}$"
)


def format_sample(text: str, entity_type: str, start: int, end: int) -> bool:
    """True for a value that only shows the shape a format request is about."""
    if entity_type not in SAMPLE_TYPES or not _ABOUT_A_FORMAT.search(text):
        return False
    return bool(_SAMPLE_AFTER.search(text[end : end + 12]) or _SAMPLE_BEFORE.search(text[max(0, start - 16) : start]))
