"""The reply to a blocked request, shown to the asker only: each rule, its article, what to do instead."""

from __future__ import annotations

from typing import Any

from bot.admin.views.blocks import Block, context, section
from bot.conversation.composer import BlockNotice

SECTION_CHARS = 2_900


def block_notice_message(notice: BlockNotice) -> dict[str, Any]:
    blocks: list[Block] = [section(f"*{notice.headline}*")]
    lines = [notice.headline]
    for violation in notice.violations:
        body = f"• {violation.message}\n根拠: {violation.article}"
        blocks.append(section(body[:SECTION_CHARS]))
        lines.append(body)
    blocks.append(context(f"お問い合わせ: {notice.contact}"))
    return {"text": "\n".join(lines)[:3000], "blocks": blocks}


def notice_message(text: str) -> dict[str, Any]:
    return {"text": text, "blocks": [section(text[:SECTION_CHARS])]}
