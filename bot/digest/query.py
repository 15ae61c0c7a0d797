"""Reading one week's figures out of the audit log with a few narrow grouped queries.

The database does the counting: one GROUP BY per kind of figure, each over the week's rows
(found through the created_at index), so every result is small. JSON fields are canonical text,
which both SQLite and PostgreSQL can group by; Python only unpacks them and computes the latency
percentiles from a per-millisecond histogram.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from bot.digest.figures import Figures, WeeklyFigures
from bot.digest.week import IsoWeek
from bot.storage.database import Database, to_naive_utc
from bot.storage.directory import UNSET_DEPARTMENT
from bot.storage.models import AuditRecord

DEPARTMENT = func.coalesce(AuditRecord.department, UNSET_DEPARTMENT)


async def weekly_figures(
    db: Database, week: IsoWeek, staff_by_department: dict[str, set[str]], city: str | None = None
) -> WeeklyFigures:
    """Figures per 所属 and for the whole city; every 所属 on the directory appears, even if idle."""
    start, end = to_naive_utc(week.start), to_naive_utc(week.end)
    departments: dict[str, Figures] = defaultdict(Figures)
    for department, staff in staff_by_department.items():
        departments[department].staff = set(staff)

    def in_week(query: Any, extra: Any = None) -> Any:
        query = query.where(AuditRecord.created_at >= start, AuditRecord.created_at < end)
        if city is not None:
            query = query.where(AuditRecord.city == city)
        return query if extra is None else query.where(extra)

    def grouped(column: Any, extra: Any = None) -> Any:
        return in_week(select(DEPARTMENT, column, func.count()), extra).group_by(DEPARTMENT, column)

    by_action = grouped(AuditRecord.action)
    minutes = in_week(
        select(DEPARTMENT, func.sum(AuditRecord.minutes_saved)), col(AuditRecord.minutes_saved).is_not(None)
    ).group_by(DEPARTMENT)
    by_category = grouped(AuditRecord.use_category, extra=col(AuditRecord.use_category).is_not(None))
    by_feedback = grouped(AuditRecord.feedback, extra=col(AuditRecord.feedback).is_not(None))
    by_rules = grouped(AuditRecord.rule_ids, extra=AuditRecord.action == "block")
    by_masked = grouped(AuditRecord.masked_counts, extra=AuditRecord.masked_counts != "{}")
    by_user = grouped(AuditRecord.user_id, extra=col(AuditRecord.user_id).is_not(None))
    by_latency = grouped(AuditRecord.latency_ms, extra=col(AuditRecord.latency_ms).is_not(None))

    async with db.session() as session:
        for department, action, count in await session.exec(by_action):
            departments[department].requests += count
            departments[department].actions[action] += count
        for department, total in await session.exec(minutes):
            departments[department].minutes_saved += int(total)
        for department, category, count in await session.exec(by_category):
            departments[department].use_categories[category] += count
        for department, feedback, count in await session.exec(by_feedback):
            if feedback == "up":
                departments[department].thumbs_up += count
            elif feedback == "down":
                departments[department].thumbs_down += count
        for department, rule_ids, count in await session.exec(by_rules):
            for rule_id in json.loads(rule_ids):
                departments[department].blocks_by_rule[rule_id] += count
        for department, masked, count in await session.exec(by_masked):
            for entity_type, n in json.loads(masked).items():
                departments[department].masked_by_type[entity_type] += n * count
        for department, user_id, _count in await session.exec(by_user):
            departments[department].active_users.add(user_id)
        for department, latency, count in await session.exec(by_latency):
            departments[department].latencies_ms.extend([latency] * count)

    city_figures = Figures()
    for figures in departments.values():
        city_figures.merge(figures)
    return WeeklyFigures(week=week, city=city_figures, departments=dict(sorted(departments.items())))
