"""Reading one week's figures out of the audit log with a few grouped queries.

The database does the counting (GROUP BY over a handful of columns, JSON kept as canonical text
so both SQLite and PostgreSQL can group by it); Python only unpacks the groups and computes the
latency percentiles.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime

from sqlalchemy import func
from sqlmodel import col, select

from bot.digest.figures import Figures, WeeklyFigures
from bot.digest.week import IsoWeek
from bot.storage.database import Database, to_naive_utc
from bot.storage.directory import UNSET_DEPARTMENT
from bot.storage.models import AuditRecord


async def weekly_figures(
    db: Database, week: IsoWeek, staff_by_department: dict[str, set[str]], city: str | None = None
) -> WeeklyFigures:
    """Figures per 所属 and for the whole city; every 所属 on the directory appears, even if idle."""
    start, end = to_naive_utc(week.start), to_naive_utc(week.end)
    departments: dict[str, Figures] = defaultdict(Figures)
    for department, staff in staff_by_department.items():
        departments[department].staff = set(staff)

    def in_week(query):  # type: ignore[no-untyped-def]
        query = query.where(AuditRecord.created_at >= start, AuditRecord.created_at < end)
        return query.where(AuditRecord.city == city) if city is not None else query

    dept = func.coalesce(AuditRecord.department, UNSET_DEPARTMENT)
    grouped = in_week(
        select(
            dept,
            AuditRecord.action,
            AuditRecord.use_category,
            AuditRecord.feedback,
            AuditRecord.rule_ids,
            AuditRecord.masked_counts,
            func.count(),
            func.coalesce(func.sum(AuditRecord.minutes_saved), 0),
        )
    ).group_by(
        dept, AuditRecord.action, AuditRecord.use_category, AuditRecord.feedback,
        AuditRecord.rule_ids, AuditRecord.masked_counts,
    )
    users = in_week(select(dept, AuditRecord.user_id).where(col(AuditRecord.user_id).is_not(None))).distinct()
    latencies = in_week(select(dept, AuditRecord.latency_ms).where(col(AuditRecord.latency_ms).is_not(None)))

    async with db.session() as session:
        for department, action, category, feedback, rule_ids, masked, count, minutes in await session.exec(grouped):
            figures = departments[department]
            figures.requests += count
            figures.actions[action] += count
            if category:
                figures.use_categories[category] += count
            if feedback == "up":
                figures.thumbs_up += count
            elif feedback == "down":
                figures.thumbs_down += count
            figures.minutes_saved += int(minutes)
            if action == "block":
                for rule_id in json.loads(rule_ids):
                    figures.blocks_by_rule[rule_id] += count
            for entity_type, n in json.loads(masked).items():
                figures.masked_by_type[entity_type] += n * count
        for department, user_id in await session.exec(users):
            departments[department].active_users.add(user_id)
        for department, latency in await session.exec(latencies):
            departments[department].latencies_ms.append(latency)

    city_figures = Figures()
    for figures in departments.values():
        city_figures.merge(figures)
    return WeeklyFigures(week=week, city=city_figures, departments=dict(sorted(departments.items())))


def week_bounds_utc(week: IsoWeek) -> tuple[datetime, datetime]:
    return to_naive_utc(week.start), to_naive_utc(week.end)
