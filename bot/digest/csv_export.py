"""The weekly figures as CSV, UTF-8 with BOM so that Excel opens the Japanese headers correctly."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from bot.digest.figures import Figures, WeeklyFigures
from bot.digest.labels import ACTION_LABELS_JA, entity_label

CITY_ROW_LABEL = "（全体）"

HEADERS = [
    "期間", "所属", "依頼件数", "前の期間の依頼件数", "利用した職員数", "未利用の職員数", "名簿の人数",
    *ACTION_LABELS_JA.values(), "👍", "👎", "削減時間（分）", "応答時間 中央値（ミリ秒）", "応答時間 95%（ミリ秒）",
    "用途の内訳", "停止の理由（規則）", "匿名加工した個人情報",
]


def _breakdown(counter: Counter[str], label=str) -> str:  # type: ignore[no-untyped-def]
    return "; ".join(f"{label(k)}:{v}" for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _row(week: str, scope: str, now: Figures, before: Figures) -> list[object]:
    return [
        week, scope, now.requests, before.requests, now.active_staff, now.inactive_staff, len(now.staff),
        *(now.actions.get(action, 0) for action in ACTION_LABELS_JA),
        now.thumbs_up, now.thumbs_down, now.minutes_saved,
        "" if now.latency_p50_ms is None else now.latency_p50_ms,
        "" if now.latency_p95_ms is None else now.latency_p95_ms,
        _breakdown(now.use_categories), _breakdown(now.blocks_by_rule),
        _breakdown(now.masked_by_type, entity_label),
    ]


def digest_csv(current: WeeklyFigures, previous: WeeklyFigures) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    week = str(current.week)
    writer.writerow(_row(week, CITY_ROW_LABEL, current.city, previous.city))
    for department, figures in current.departments.items():
        writer.writerow(_row(week, department, figures, previous.departments.get(department, Figures())))
    return out.getvalue()


def write_digest_csv(path: Path, current: WeeklyFigures, previous: WeeklyFigures) -> None:
    path.write_text(digest_csv(current, previous), encoding="utf-8-sig", newline="")
