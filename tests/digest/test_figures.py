"""The digest's figures, checked against a seeded fortnight worked out by hand."""

from __future__ import annotations

from bot.digest import IsoWeek, build_weekly_digest
from bot.storage import Database
from tests.digest.seed import seed_fortnight

W47 = IsoWeek(2026, 47)


async def test_figures_per_department(db: Database) -> None:
    await seed_fortnight(db)
    digest = await build_weekly_digest(db, W47)
    assert list(digest.current.departments) == sorted(["市民課", "未設定", "総務課", "財政課"])

    soumu, soumu_before = digest.department("総務課")
    assert soumu.requests == 5
    assert dict(soumu.actions) == {"allow": 3, "confirm": 1, "block": 1}
    assert dict(soumu.decisions) == {"allow": 3, "confirm_sent": 1, "block": 1}
    assert dict(soumu.blocks_by_rule) == {"election": 1}
    assert dict(soumu.masked_by_type) == {"PERSON": 3, "PHONE_NUMBER": 1}
    assert dict(soumu.use_categories) == {"文章作成": 2, "要約": 1, "校正": 1, "アイデア": 1}
    assert (soumu.thumbs_up, soumu.thumbs_down, soumu.minutes_saved) == (1, 1, 30)
    assert (soumu.latency_p50_ms, soumu.latency_p95_ms) == (700, 2000)
    assert (soumu.active_staff, soumu.inactive_staff, len(soumu.staff)) == (3, 0, 3)
    assert soumu_before.requests == 1 and soumu_before.latency_p50_ms == 1500

    shimin, _ = digest.department("市民課")
    assert shimin.requests == 2
    assert dict(shimin.blocks_by_rule) == {"credential": 1, "my_number": 1}
    assert (shimin.active_staff, shimin.inactive_staff) == (1, 1)

    unknown, _ = digest.department("未設定")
    assert (unknown.requests, unknown.active_staff, unknown.inactive_staff) == (1, 1, 0)

    zaisei, _ = digest.department("財政課")
    assert (zaisei.requests, zaisei.inactive_staff, zaisei.latency_p50_ms) == (0, 1, None)


async def test_figures_for_the_whole_city_and_the_week_before(db: Database) -> None:
    await seed_fortnight(db)
    digest = await build_weekly_digest(db, W47)
    city, before = digest.city()
    assert city.requests == 8  # Monday 00:00 and Sunday 23:59 JST count; the next Monday does not
    assert dict(city.actions) == {"allow": 5, "confirm": 1, "block": 2}
    assert (city.latency_p50_ms, city.latency_p95_ms) == (1000, 4000)
    assert (city.active_staff, city.inactive_staff, len(city.staff)) == (5, 2, 6)
    assert (city.thumbs_up, city.thumbs_down, city.minutes_saved) == (2, 1, 40)
    assert before.requests == 2 and before.thumbs_down == 1


async def test_a_city_filter_and_an_empty_week(db: Database) -> None:
    await seed_fortnight(db)
    assert (await build_weekly_digest(db, W47, city="niiza")).current.city.requests == 0
    empty = await build_weekly_digest(db, IsoWeek(2026, 40))
    assert empty.current.city.requests == 0
    assert empty.current.city.inactive_staff == 6
