"""ISO weeks in Japan time."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.digest.month import Month
from bot.digest.week import JST, IsoWeek, WeekError


def test_a_week_runs_from_monday_midnight_jst() -> None:
    week = IsoWeek.parse("2026-W47")
    assert week.monday == date(2026, 11, 16)
    assert week.start == datetime(2026, 11, 16, tzinfo=JST)
    assert week.start.astimezone(UTC) == datetime(2026, 11, 15, 15, 0, tzinfo=UTC)
    assert week.end == datetime(2026, 11, 23, tzinfo=JST)
    assert str(week) == "2026-W47"
    assert week.label_ja() == "2026年第47週（11月16日〜11月22日）"


def test_previous_week_crosses_the_year() -> None:
    assert IsoWeek.parse("2027-W01").previous() == IsoWeek(2026, 53)
    assert IsoWeek.parse("2026W5") == IsoWeek(2026, 5)


def test_which_week_a_moment_belongs_to_is_decided_in_japan_time() -> None:
    # Sunday 15:30 UTC is already Monday 00:30 in Japan.
    assert IsoWeek.containing(datetime(2026, 11, 22, 15, 30, tzinfo=UTC)) == IsoWeek(2026, 48)
    assert IsoWeek.last_completed(datetime(2026, 11, 23, 0, 0, tzinfo=UTC)) == IsoWeek(2026, 47)


@pytest.mark.parametrize(("text", "message"), [("47", "2026-W47"), ("2026-11-16", "2026-W47"), ("2025-W53", "第53週")])
def test_bad_weeks_are_explained(text: str, message: str) -> None:
    with pytest.raises(WeekError) as error:
        IsoWeek.parse(text)
    assert message in str(error.value)


def test_months_in_japan_time() -> None:
    november = Month.parse("2026-11")
    assert november.start == datetime(2026, 11, 1, tzinfo=JST)
    assert november.end == datetime(2026, 12, 1, tzinfo=JST)
    assert Month.parse("2026-12").end == datetime(2027, 1, 1, tzinfo=JST)
    assert Month(2027, 1).previous() == Month(2026, 12) and november.previous() == Month(2026, 10)
    assert (str(november), november.label_ja(), november.kind_ja) == ("2026-11", "2026年11月", "月次")
    for bad in ["2026-13", "2026/11", "11"]:
        with pytest.raises(WeekError, match="2026-11 のように"):
            Month.parse(bad)
