"""The weekly figures as CSV, UTF-8 with BOM so that Excel opens the Japanese headers correctly.

One row per 所属 (and one for the whole city), one column per figure: each decision, each use,
each rule that stopped a request and each kind of masked personal data has its own numeric column,
so that Excel can sum, filter and pivot them. The use and masked-data columns are always the same
set (the gate's own lists); the rule columns are those that stopped something in the period.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from pathlib import Path

from bot.digest.figures import Figures, WeeklyFigures
from bot.digest.labels import ALL_DECISION_LABELS_JA, entity_label
from bot.gate.labels import ENTITY_LABELS_JA
from bot.gate.types import UseCategory

CITY_ROW_LABEL = "（全体）"
USE_PREFIX, RULE_PREFIX, MASKED_PREFIX = "用途: ", "停止の理由: ", "匿名加工: "

BASE_HEADERS = [
    "期間",
    "所属",
    "依頼件数",
    "前の期間の依頼件数",
    "利用した職員数",
    "未利用の職員数",
    "名簿の人数",
    *ALL_DECISION_LABELS_JA.values(),
    "👍",
    "👎",
    "削減時間（分）",
    "応答時間 中央値（ミリ秒）",
    "応答時間 95%（ミリ秒）",
]


def _ordered(known: Iterable[str], seen: Iterable[str]) -> list[str]:
    """The known keys in their order, then any others seen, sorted."""
    known = list(known)
    return known + sorted(set(seen) - set(known))


def _columns(scopes: list[Figures], rule_label: Callable[[str], str]) -> tuple[list[str], list[str], list[str]]:
    uses = _ordered((c.value for c in UseCategory), (k for f in scopes for k in f.use_categories))
    masked = _ordered(ENTITY_LABELS_JA, (k for f in scopes for k in f.masked_by_type))
    rules = sorted({k for f in scopes for k in f.blocks_by_rule}, key=lambda r: (rule_label(r), r))
    return uses, rules, masked


def headers(uses: list[str], rules: list[str], masked: list[str], rule_label: Callable[[str], str] = str) -> list[str]:
    return [
        *BASE_HEADERS,
        *(USE_PREFIX + u for u in uses),
        *(RULE_PREFIX + rule_label(r) for r in rules),
        *(MASKED_PREFIX + entity_label(m) for m in masked),
    ]


def _row(
    week: str, scope: str, now: Figures, before: Figures, uses: list[str], rules: list[str], masked: list[str]
) -> list[object]:
    return [
        week,
        scope,
        now.requests,
        before.requests,
        now.active_staff,
        now.inactive_staff,
        len(now.staff),
        *(now.decisions.get(key, 0) for key in ALL_DECISION_LABELS_JA),
        now.thumbs_up,
        now.thumbs_down,
        now.minutes_saved,
        "" if now.latency_p50_ms is None else now.latency_p50_ms,
        "" if now.latency_p95_ms is None else now.latency_p95_ms,
        *(now.use_categories.get(u, 0) for u in uses),
        *(now.blocks_by_rule.get(r, 0) for r in rules),
        *(now.masked_by_type.get(m, 0) for m in masked),
    ]


def digest_csv(current: WeeklyFigures, previous: WeeklyFigures, rule_label: Callable[[str], str] = str) -> str:
    """The city's row, then one row per 所属."""
    scopes = [(CITY_ROW_LABEL, current.city, previous.city)]
    for name, figures in current.departments.items():
        scopes.append((name, figures, previous.departments.get(name, Figures())))
    uses, rules, masked = _columns([f for _, f, _ in scopes], rule_label)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers(uses, rules, masked, rule_label))
    week = str(current.week)
    for name, now, before in scopes:
        writer.writerow(_row(week, name, now, before, uses, rules, masked))
    return out.getvalue()


def write_digest_csv(
    path: Path, current: WeeklyFigures, previous: WeeklyFigures, rule_label: Callable[[str], str] = str
) -> None:
    path.write_text(digest_csv(current, previous, rule_label), encoding="utf-8-sig", newline="")
