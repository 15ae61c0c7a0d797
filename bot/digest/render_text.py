"""The digest as Slack mrkdwn text in Japanese, with the week before for comparison."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from bot.digest.figures import Figures, Period
from bot.digest.labels import DECISION_LABELS_JA, EXTRA_DECISION_LABELS_JA, entity_label

TOP_N = 5


def _delta(now: int, before: int, label: str) -> str:
    diff = now - before
    sign = "+" if diff > 0 else ("±" if diff == 0 else "−")
    return f"（{label} {before:,}、{sign}{abs(diff):,}）"


def _top(counter: Counter[str], label=str, unit: str = "件") -> str:  # type: ignore[no-untyped-def]
    if not counter:
        return "なし"
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = [f"{label(k)} {v:,}{unit}" for k, v in items[:TOP_N]]
    rest = sum(v for _, v in items[TOP_N:])
    if rest:
        shown.append(f"その他 {rest:,}{unit}")
    return "、".join(shown)


def _seconds(ms: int | None) -> str:
    return "—" if ms is None else f"{ms / 1000:.1f}秒"


def _hours(minutes: int) -> str:
    return f"約 {minutes / 60:.1f}時間（{minutes:,}分）" if minutes >= 60 else f"{minutes:,}分"


SHOWN_DECISIONS = ("allow", "confirm_sent", "block")
CONFIRM_OUTCOMES_JA = {"confirm_sent": "送信", "confirm_cancelled": "取りやめ", "confirm_expired": "未回答のまま失効"}


def _confirmations(now: Figures) -> str:
    """What became of the confirm previews: only those sent reached the model."""
    asked = now.actions.get("confirm", 0)
    if not asked:
        return "• 確認を求めたもの: なし"
    d = now.decisions
    parts = [f"{label} {d.get(k, 0):,}件" for k, label in CONFIRM_OUTCOMES_JA.items()]
    parts += [f"{label} {d[k]:,}件" for k, label in EXTRA_DECISION_LABELS_JA.items() if d.get(k)]
    return f"• 確認を求めたもの: {asked:,}件（" + "・".join(parts) + "）"


def render_digest_text(
    title: str, week: Period, now: Figures, before: Figures, rule_label: Callable[[str], str] = str
) -> str:
    """`title` is the 所属 name or the city's name; `before` is the same scope's previous week (or month).

    `rule_label` gives a rule's Japanese name (bot.digest.labels.rule_labeler)."""
    before_label = "前週" if week.kind_ja == "週次" else "前月"
    a, b = now.decisions, before.decisions
    lines = [
        f"*生成AIゲート {week.kind_ja}利用状況 — {title}*",
        f"{week.label_ja()}",
        "",
        f"• 依頼件数: {now.requests:,}件{_delta(now.requests, before.requests, before_label)}",
        f"• 利用した職員: {now.active_staff:,}人{_delta(now.active_staff, before.active_staff, before_label)}"
        + (f"　未利用: {now.inactive_staff:,}人（名簿 {len(now.staff):,}人）" if now.staff else ""),
        "• 判定: "
        + "・".join(
            f"{DECISION_LABELS_JA[key]} {a.get(key, 0):,}件{_delta(a.get(key, 0), b.get(key, 0), before_label)}"
            for key in SHOWN_DECISIONS
        ),
        _confirmations(now),
        f"• 停止の理由（規則）: {_top(now.blocks_by_rule, rule_label)}",
        f"• 匿名加工した個人情報: {_top(now.masked_by_type, entity_label)}",
        f"• 用途: {_top(now.use_categories)}",
        f"• 評価: 👍 {now.thumbs_up:,}件 / 👎 {now.thumbs_down:,}件"
        f"（{before_label} 👍 {before.thumbs_up:,} / 👎 {before.thumbs_down:,}）",
        f"• 削減できた時間（職員の申告）: {_hours(now.minutes_saved)}（{before_label} {_hours(before.minutes_saved)}）",
        f"• 応答時間: 中央値 {_seconds(now.latency_p50_ms)} / 95% {_seconds(now.latency_p95_ms)}"
        f"（{before_label} {_seconds(before.latency_p50_ms)} / {_seconds(before.latency_p95_ms)}）",
    ]
    if now.requests == 0:
        lines.append("")
        lines.append("この期間の利用はありませんでした。")
    return "\n".join(lines)
