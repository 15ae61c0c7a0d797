"""The small modal behind the App Home 「利用を停止」 button: what to stop, and why."""

from __future__ import annotations

from typing import Any

from bot.admin.views import ids
from bot.admin.views.blocks import context, plain, text_input


def build_stop_modal() -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": ids.STOP_CALLBACK_ID,
        "title": plain("利用停止"),
        "submit": plain("停止する"),
        "close": plain("やめる"),
        "blocks": [
            text_input(
                ids.STOP_TARGET,
                "対象",
                multiline=False,
                optional=False,
                initial="全体",
                placeholder="全体 / 所属名（職員やチャンネルは /aigate-stop で指定）",
                max_length=200,
            ),
            text_input(ids.STOP_REASON, "理由（職員に周知されます）", multiline=True, optional=False, max_length=1000),
            context("停止はすべてのボットに数秒以内に反映され、周知チャンネルでお知らせします（新座 8・流山 9）。"),
        ],
    }


def read_stop_submission(values: dict[str, Any]) -> tuple[str, str]:
    """(target text, reason) as typed; the admin service validates them like /aigate-stop."""
    target = (values.get(ids.STOP_TARGET, {}).get(ids.STOP_TARGET, {}).get("value") or "").strip()
    reason = (values.get(ids.STOP_REASON, {}).get(ids.STOP_REASON, {}).get("value") or "").strip()
    return target, reason
