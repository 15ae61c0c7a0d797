"""生年月日: 和暦 and 西暦 dates, when 生まれ/生年月日/誕生 says the date is a birth date."""

from __future__ import annotations

import re

from bot.gate.recognizers.base import JapanesePatternRecognizer
from bot.gate.recognizers.table_cells import column_header

_ERA = r"(?:明治|大正|昭和|平成|令和|[MTSHR]\.?\s?)"
_SEP = r"\s?"
_MONTH_DAY = _SEP + "年" + _SEP + r"\d{1,2}" + _SEP + "月" + _SEP + r"\d{1,2}" + _SEP + "日"


# the other end must be a date too (a dash before a phone number in a roster row is no range)
_RANGE_AFTER = re.compile(
    r"[ 　]?(?:[〜～~\-－ー]|から)[ 　]?(?:(?:明治|大正|昭和|平成|令和)(?:元|[0-9]{1,2})年|[0-9]{4}[年/.\-])"
)
_RANGE_BEFORE = re.compile(r"日[ 　]?(?:[〜～~\-－ー]|から)[ 　]?$")
# 平成9年4月2日以降に生まれた人: one end of an open range (who may sit an exam) is a rule too
_OPEN_END_AFTER = re.compile(r"[ 　]?(?:以降|以後|以前|まで|より(?:前|後|あと))(?:に|の)?[ 　]?(?:生まれ|出生|誕生)")
_BIRTH_HEADER = re.compile(r"生年月日|誕生|生まれ|出生|(?i:birth|DOB)")


class DateOfBirthRecognizer(JapanesePatternRecognizer):
    ENTITY = "DATE_OF_BIRTH"
    PATTERNS = (
        (_ERA + r"(?:元|\d{1,2})" + _MONTH_DAY, 0.4),
        (r"(?<![0-9])(?:18|19|20)\d{2}" + _MONTH_DAY, 0.4),
        (r"(?<![0-9])(?:18|19|20)\d{2}[/.\-]\d{1,2}[/.\-]\d{1,2}(?![0-9])", 0.4),
        (_ERA + r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{1,2}(?![0-9])", 0.4),
    )
    CONTEXT = ("生まれ", "生年月日", "誕生", "生)", "生）", "出生", "birth", "DOB", "生 ", "年齢")
    CONTEXT_BEFORE = 15
    CONTEXT_AFTER = 6
    CONTEXT_SCORE = 0.9
    REQUIRE_CONTEXT = True

    def validate(self, match: re.Match[str]) -> bool:
        # 平成18年4月2日〜平成19年4月1日生まれ: the two ends of a range of birth dates (who may attend, who is
        # eligible) are a rule about a year group, nobody's date of birth; so is one end of an open range
        text, start, end = match.string, match.start(), match.end()
        return not (
            _RANGE_AFTER.match(text, end)
            or _OPEN_END_AFTER.match(text, end)
            or _RANGE_BEFORE.search(text, max(0, start - 3), start)
        )

    def has_context(self, text: str, start: int, end: int) -> bool:
        # 「昭和45年3月2日生」: a bare 生 right after the date is the commonest way of writing it.
        if text[end : end + 1] == "生":
            return True
        if super().has_context(text, start, end):
            return True
        # a roster pasted from a spreadsheet: the column's header says what the dates are
        header = column_header(text, start)
        return header is not None and bool(_BIRTH_HEADER.search(header))
