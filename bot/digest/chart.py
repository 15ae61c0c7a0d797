"""A PNG chart for the digest: decisions this week against last week, and what the bot was used for.

Drawn with matplotlib's object API on the Agg canvas (no pyplot, no display, safe in threads).
Japanese labels need a CJK font; if the machine has none, the chart uses English labels rather
than boxes (no font is ever downloaded).
"""

from __future__ import annotations

import io
from functools import cache

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.digest.figures import Figures
from bot.digest.labels import DECISION_LABELS_JA

_CJK_FONT_HINTS = ("Noto Sans CJK", "Noto Sans JP", "IPAexGothic", "IPAGothic", "TakaoGothic", "VL Gothic",
                   "Source Han Sans", "Hiragino", "Yu Gothic", "Meiryo", "MS Gothic")

_ENGLISH = {
    "送信": "Allowed", "確認後に送信": "Confirmed", "確認後に取りやめ": "Cancelled", "確認されず失効": "Expired",
    "停止": "Blocked",
    "要約": "Summary", "翻訳": "Translation", "文章作成": "Writing", "校正": "Proofreading",
    "整理": "Organising", "アイデア": "Ideas", "Excel/マクロ": "Excel/macro", "手続確認": "Procedures",
    "その他": "Other", "今週": "This week", "前週": "Last week", "判定": "Decisions", "用途": "Use",
    "件数": "Requests",
}


@cache
def japanese_font() -> str | None:
    """The name of an installed font that can draw Japanese, if any."""
    for entry in font_manager.fontManager.ttflist:
        if any(hint.lower() in entry.name.lower() for hint in _CJK_FONT_HINTS):
            return str(entry.name)
    return None


def _label(text: str, japanese: bool) -> str:
    return text if japanese else _ENGLISH.get(text, text.encode("ascii", "replace").decode())


def render_digest_chart(title: str, now: Figures, before: Figures) -> bytes:
    font = japanese_font()
    japanese = font is not None
    style = {"font.family": font} if font else {}
    with matplotlib.rc_context(style):
        figure = Figure(figsize=(10, 4), dpi=100)
        FigureCanvasAgg(figure)
        decisions, uses = figure.subplots(1, 2)
        labels = list(DECISION_LABELS_JA.values())
        positions = range(len(labels))
        width = 0.38
        decisions.bar([p - width / 2 for p in positions], [before.decisions.get(a, 0) for a in DECISION_LABELS_JA],
                      width, label=_label("前週", japanese), color="#b0b7c3")
        decisions.bar([p + width / 2 for p in positions], [now.decisions.get(a, 0) for a in DECISION_LABELS_JA],
                      width, label=_label("今週", japanese), color="#2f6fb3")
        decisions.set_xticks(list(positions), [_label(t, japanese) for t in labels])
        decisions.set_title(_label("判定", japanese))
        decisions.set_ylabel(_label("件数", japanese))
        decisions.legend()

        top = sorted(now.use_categories.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
        uses.barh([_label(k, japanese) for k, _ in reversed(top)], [v for _, v in reversed(top)], color="#3a9d6a")
        uses.set_title(_label("用途", japanese))
        figure.suptitle(title if japanese else "AI gate weekly digest")
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()
