"""A table is judged as a table: a header such as 氏名 or 電話番号 marks its column as personal data.

Cell values alone are often ambiguous (「山田」「3-12-5」「S45.3.2」), but under a header 氏名 /
住所 / 生年月日 they are personal data whatever they look like. Every non-empty cell of such a
column counts as one finding of that type, and is replaced by a placeholder before sending.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Checked in order; the first match decides. Patterns match the whole header after removing
# spaces and brackets' content such as （漢字）, so 「申請者氏名（カナ）」 and 「TEL」 count, while
# 「施設所在地」 or 「氏名の確認方法」 do not.
HEADER_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("JP_MY_NUMBER", re.compile(r".{0,8}(?:個人番号|マイナンバー)(?:カード番号)?")),
    ("DATE_OF_BIRTH", re.compile(r".{0,6}(?:生年月日|誕生日|生まれ)")),
    ("EMAIL_ADDRESS", re.compile(r".{0,8}(?:メール(?:アドレス)?|e-?mail|mail(?:address)?)", re.IGNORECASE)),
    (
        "PHONE_NUMBER",
        re.compile(r".{0,8}(?:電話(?:番号)?|携帯(?:番号)?|tel|fax|ファックス|連絡先)(?:番号)?", re.IGNORECASE),
    ),
    ("JP_BANK_ACCOUNT", re.compile(r".{0,8}口座(?:番号|名義)?")),
    ("JP_POSTAL_CODE", re.compile(r".{0,6}(?:郵便番号|〒)")),
    ("LOCATION", re.compile(r".{0,6}(?:住所|居所|現住所|住居表示)")),
    ("JP_HEALTH_INSURANCE", re.compile(r".{0,6}(?:被保険者番号|保険証番号)")),
    ("JP_BASIC_PENSION", re.compile(r".{0,4}基礎年金番号")),
    ("JP_RESIDENT_CODE", re.compile(r".{0,4}住民票コード")),
    ("PERSON", re.compile(r".{0,8}(?:氏名|名前|お名前|フリガナ|ふりがな|姓名|世帯主|宛名)")),
)
_BRACKETED = re.compile(r"[（(【\[].*?[）)】\]]")
_NOISE = re.compile(r"[\s・:：_\-]+")
HEADER_SEARCH_ROWS = 5  # a title row or two may come before the header
MAX_HEADER_CELL_CHARS = 24


def header_type(cell: str) -> str | None:
    # NFKC only to classify the header (ﾌﾘｶﾞﾅ → フリガナ, ＴＥＬ → TEL); no span depends on it.
    text = unicodedata.normalize("NFKC", cell).strip()
    if not text or len(text) > MAX_HEADER_CELL_CHARS:
        return None
    text = _NOISE.sub("", _BRACKETED.sub("", text)) or _NOISE.sub("", text)
    for entity_type, pattern in HEADER_TYPES:
        if pattern.fullmatch(text):
            return entity_type
    return None


@dataclass(frozen=True, slots=True)
class TableLayout:
    header_row: int | None  # index into the rows; None when no header marks personal data
    personal_columns: dict[int, str]  # column index -> entity type

    def data_rows(self, rows: list[list[str]]) -> range:
        start = 0 if self.header_row is None else self.header_row + 1
        return range(start, len(rows))


def table_layout(rows: list[list[str]]) -> TableLayout:
    """The first of the top rows whose cells look like headers and name at least one personal column."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        cells = [c for c in row if c]
        if not cells or any(len(c) > MAX_HEADER_CELL_CHARS for c in cells):
            continue
        columns = {i: t for i, c in enumerate(row) if (t := header_type(c))}
        if columns:
            return TableLayout(index, columns)
    return TableLayout(None, {})
