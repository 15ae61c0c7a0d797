"""Calendar months in Japan time, for the monthly CSV that budget reports need (`--month 2026-11`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from bot.digest.week import JST, WeekError

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True, slots=True, order=True)
class Month:
    year: int
    month: int

    kind_ja = "月次"

    @classmethod
    def parse(cls, text: str) -> Month:
        match = _MONTH.match(text.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise WeekError(f"月「{text}」を読めません。2026-11 のように「年-月」で指定してください。")
        return cls(int(match.group(1)), int(match.group(2)))

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def start(self) -> datetime:
        return datetime.combine(date(self.year, self.month, 1), datetime.min.time(), tzinfo=JST)

    @property
    def end(self) -> datetime:
        return self.next().start

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def label_ja(self) -> str:
        return f"{self.year}年{self.month}月"
