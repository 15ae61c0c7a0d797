"""A PNG chart for the digest: decisions this week against last week, and what the bot was used for.

Drawn with matplotlib's object API on the Agg canvas (no pyplot, no display, safe in threads).
Japanese labels need a CJK font: the project ships IPAexGothic (bot/digest/fonts.py), so every
install draws Japanese. Only if that package is missing and the machine has no CJK font either does
the chart fall back to English labels rather than boxes (`doctor` reports it; nothing is downloaded).
"""

from __future__ import annotations

import io
from functools import cache

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.digest.figures import Figures, Period
from bot.digest.fonts import register_japanese_font
from bot.digest.labels import DECISION_LABELS_JA

_CJK_FONT_HINTS = (
    "Noto Sans CJK",
    "Noto Sans JP",
    "IPAexGothic",
    "IPAGothic",
    "TakaoGothic",
    "VL Gothic",
    "Source Han Sans",
    "Hiragino",
    "Yu Gothic",
    "Meiryo",
    "MS Gothic",
)

_ENGLISH = {
    "送信": "Allowed",
    "確認後に\n送信": "Confirmed",
    "確認後に\n取りやめ": "Cancelled",
    "確認されず\n失効": "Expired",
    "停止": "Blocked",
    "要約": "Summary",
    "翻訳": "Translation",
    "文章作成": "Writing",
    "校正": "Proofreading",
    "整理": "Organising",
    "アイデア": "Ideas",
    "Excel/マクロ": "Excel/macro",
    "手続確認": "Procedures",
    "その他": "Other",
    "今週": "This week",
    "前週": "Last week",
    "判定": "Decisions",
    "用途": "Use",
    "件数": "Requests",
    "前月": "Last month",
    "今月": "This month",
}


@cache
def japanese_font() -> str | None:
    """The shipped Japanese font, else an installed font that can draw Japanese, if any."""
    shipped = register_japanese_font()
    if shipped:
        return shipped
    for entry in font_manager.fontManager.ttflist:
        if any(hint.lower() in entry.name.lower() for hint in _CJK_FONT_HINTS):
            return str(entry.name)
    return None


def _label(text: str, japanese: bool) -> str:
    return text if japanese else _ENGLISH.get(text, text.encode("ascii", "replace").decode())


def chart_title(title: str, period: Period | None) -> str:
    """「生成AIゲート 週次利用状況 — 総務課」 and the period with its dates on a second line."""
    if period is None:
        return f"生成AIゲート 利用状況 — {title}"
    return f"生成AIゲート {period.kind_ja}利用状況 — {title}\n{period.label_ja()}"


def render_digest_chart(title: str, now: Figures, before: Figures, period: Period | None = None) -> bytes:
    """`title`: the 所属 or 市全体 (or the city's name); `period`: the week (or month) the figures cover."""
    font = japanese_font()
    japanese = font is not None
    style = {"font.family": font} if font else {}
    with matplotlib.rc_context(style):
        figure = Figure(figsize=(11, 4.8), dpi=100)
        FigureCanvasAgg(figure)
        decisions, uses = figure.subplots(1, 2)
        labels = [
            label.replace("確認後に", "確認後に\n").replace("確認されず", "確認されず\n")
            for label in DECISION_LABELS_JA.values()
        ]
        positions = range(len(labels))
        width = 0.38
        earlier = "前月" if period is not None and period.kind_ja == "月次" else "前週"
        this = "今月" if earlier == "前月" else "今週"
        decisions.bar(
            [p - width / 2 for p in positions],
            [before.decisions.get(a, 0) for a in DECISION_LABELS_JA],
            width,
            label=_label(earlier, japanese),
            color="#b0b7c3",
        )
        decisions.bar(
            [p + width / 2 for p in positions],
            [now.decisions.get(a, 0) for a in DECISION_LABELS_JA],
            width,
            label=_label(this, japanese),
            color="#2f6fb3",
        )
        decisions.set_xticks(list(positions), [_label(t, japanese) for t in labels])
        decisions.yaxis.set_major_locator(MaxNLocator(integer=True))
        decisions.set_title(_label("判定", japanese))
        decisions.set_ylabel(_label("件数", japanese))
        highest = max([*before.decisions.values(), *now.decisions.values(), 1])
        decisions.set_ylim(0, highest * 1.3)  # room above the bars for the legend
        decisions.legend(loc="upper right", ncol=2)

        top = sorted(now.use_categories.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
        uses.barh([_label(k, japanese) for k, _ in reversed(top)], [v for _, v in reversed(top)], color="#3a9d6a")
        uses.set_title(_label("用途", japanese))
        uses.xaxis.set_major_locator(MaxNLocator(integer=True))
        figure.suptitle(chart_title(title, period) if japanese else f"AI gate digest {period or ''}".strip())
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()
