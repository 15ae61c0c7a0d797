"""The weekly figures for one 所属 (or the whole city), independent of how they are shown."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bot.digest.month import Month
from bot.digest.week import IsoWeek

Period = IsoWeek | Month  # what a digest covers: an ISO week (the Monday digest) or a month (budget CSV)


@dataclass
class Figures:
    requests: int = 0
    actions: Counter[str] = field(default_factory=Counter)  # allow / confirm / block → count
    # allow / block / confirm_sent / confirm_cancelled / confirm_expired / … (labels.decision_key)
    decisions: Counter[str] = field(default_factory=Counter)
    blocks_by_rule: Counter[str] = field(default_factory=Counter)
    masked_by_type: Counter[str] = field(default_factory=Counter)
    use_categories: Counter[str] = field(default_factory=Counter)
    thumbs_up: int = 0
    thumbs_down: int = 0
    minutes_saved: int = 0
    latencies_ms: list[int] = field(default_factory=list, repr=False)
    active_users: set[str] = field(default_factory=set, repr=False)
    staff: set[str] = field(default_factory=set, repr=False)  # from the directory

    @property
    def active_staff(self) -> int:
        return len(self.active_users)

    @property
    def inactive_staff(self) -> int:
        """Staff on the directory who made no request this week."""
        return len(self.staff - self.active_users)

    @property
    def latency_p50_ms(self) -> int | None:
        return percentile(self.latencies_ms, 50)

    @property
    def latency_p95_ms(self) -> int | None:
        return percentile(self.latencies_ms, 95)

    def merge(self, other: Figures) -> None:
        self.requests += other.requests
        self.actions.update(other.actions)
        self.decisions.update(other.decisions)
        self.blocks_by_rule.update(other.blocks_by_rule)
        self.masked_by_type.update(other.masked_by_type)
        self.use_categories.update(other.use_categories)
        self.thumbs_up += other.thumbs_up
        self.thumbs_down += other.thumbs_down
        self.minutes_saved += other.minutes_saved
        self.latencies_ms.extend(other.latencies_ms)
        self.active_users |= other.active_users
        self.staff |= other.staff


@dataclass
class WeeklyFigures:
    week: Period
    city: Figures
    departments: dict[str, Figures]  # 所属 → figures (未設定 for staff not on the directory)


def percentile(values: list[int], pct: float) -> int | None:
    """Nearest-rank percentile: the smallest value with at least pct% of values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))  # ceil without floats drifting
    return ordered[int(rank) - 1]
