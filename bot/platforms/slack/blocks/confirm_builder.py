"""The masked preview of a `confirm` decision, with 送信する / やめる for the asker."""

from __future__ import annotations

import json
from typing import Any

from bot.admin.views.blocks import Block, actions, button, context, section
from bot.conversation.composer import ConfirmPrompt

ACTION_CONFIRM_SEND = "confirm_send"
ACTION_CONFIRM_CANCEL = "confirm_cancel"
PREVIEW_CHARS = 2_700


def confirm_value(pending_id: str, origin_ts: str | None) -> str:
    """The buttons' value: the pending question here, and the asker's message for any other process."""
    return json.dumps({"p": pending_id, "m": origin_ts}, separators=(",", ":"))


def parse_confirm_value(value: str) -> tuple[str, str | None]:
    try:
        data = json.loads(value)
    except ValueError:
        return value, None
    if not isinstance(data, dict):
        return value, None
    origin = data.get("m")
    return str(data.get("p") or ""), str(origin) if origin else None


def confirm_message(prompt: ConfirmPrompt, origin_ts: str | None = None) -> dict[str, Any]:
    preview = prompt.preview
    if len(preview) > PREVIEW_CHARS:
        preview = preview[:PREVIEW_CHARS] + f"\n…（以下 {len(prompt.preview) - PREVIEW_CHARS} 文字省略）"
    quoted = "\n".join("> " + line for line in preview.splitlines() or [""])
    reasons = [f"{v.message}（{v.article}）" for v in prompt.reasons] + [prompt.masked_line]
    value = confirm_value(prompt.pending_id, origin_ts)
    blocks: list[Block] = [
        section(f"<@{prompt.asker_id}> {prompt.headline}"),
        section(quoted),
        context(*(line[:1900] for line in reasons[:10])),
        section(prompt.pledge),
        actions(
            button("送信する", ACTION_CONFIRM_SEND, value, style="primary"),
            button("やめる", ACTION_CONFIRM_CANCEL, value),
            block_id="confirm_buttons",
        ),
    ]
    return {"text": prompt.headline, "blocks": blocks}


def confirm_done_message(sent: bool) -> dict[str, Any]:
    text = (
        "✅ 確認のうえ、伏せた内容を生成AIに送信しました。"
        if sent
        else "↩️ 送信を取りやめました。生成AIには何も送信していません。"
    )
    return {"text": text, "blocks": [section(text)]}
