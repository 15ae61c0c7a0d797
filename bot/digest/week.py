"""ISO weeks in Japan time: `2026-W47` is Monday 00:00 to the next Monday 00:00 JST."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

# Japan has no daylight saving time, so a fixed offset needs no tz database.
JST = timezone(timedelta(hours=9), "JST")

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


class WeekError(ValueError):
    """A week that cannot be read; `str()` is a Japanese sentence with an example."""


@dataclass(frozen=True, slots=True, order=True)
class IsoWeek:
    year: int
    week: int

    kind_ja = "週次"

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        match = _WEEK.match(text.strip())
        if not match:
            raise WeekError(f"週「{text}」を読めません。2026-W47 のように「年-W週番号」で指定してください。")
        year, week = int(match.group(1)), int(match.group(2))
        try:
            date.fromisocalendar(year, week, 1)
        except ValueError:
            raise WeekError(f"{year}年に第{week}週はありません。") from None
        return cls(year, week)

    @classmethod
    def containing(cls, moment: datetime) -> IsoWeek:
        local = moment.astimezone(JST) if moment.tzinfo else moment.replace(tzinfo=UTC).astimezone(JST)
        year, week, _ = local.isocalendar()
        return cls(year, week)

    @classmethod
    def last_completed(cls, now: datetime) -> IsoWeek:
        """The week before the one `now` falls in: what Monday's digest reports."""
        return cls.containing(now).previous()

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def start(self) -> datetime:
        """Monday 00:00 JST, as an aware datetime."""
        return datetime.combine(self.monday, datetime.min.time(), tzinfo=JST)

    @property
    def end(self) -> datetime:
        return self.start + timedelta(days=7)

    def previous(self) -> IsoWeek:
        year, week, _ = (self.monday - timedelta(days=7)).isocalendar()
        return IsoWeek(year, week)

    def label_ja(self) -> str:
        monday, sunday = self.monday, self.monday + timedelta(days=6)
        return f"{self.year}年第{self.week}週（{monday.month}月{monday.day}日〜{sunday.month}月{sunday.day}日）"
