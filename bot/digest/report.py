"""Building the digest for one week: figures for it and the week before, per 所属 and city-wide."""

from __future__ import annotations

from dataclasses import dataclass

from bot.digest.figures import Figures, Period, WeeklyFigures
from bot.digest.query import weekly_figures
from bot.storage.database import Database
from bot.storage.directory import Directory

CITY_TITLE = "市全体"


@dataclass
class WeeklyDigest:
    current: WeeklyFigures
    previous: WeeklyFigures

    @property
    def week(self) -> Period:
        return self.current.week

    def department(self, name: str) -> tuple[Figures, Figures]:
        return self.current.departments.get(name, Figures()), self.previous.departments.get(name, Figures())

    def city(self) -> tuple[Figures, Figures]:
        return self.current.city, self.previous.city


async def build_weekly_digest(db: Database, week: Period, city: str | None = None) -> WeeklyDigest:
    """The figures for `week` (an IsoWeek, or a Month for the budget CSV) and for the period before it."""
    staff = await Directory(db).staff_by_department()
    current = await weekly_figures(db, week, staff, city)
    previous = await weekly_figures(db, week.previous(), staff, city)
    return WeeklyDigest(current, previous)
