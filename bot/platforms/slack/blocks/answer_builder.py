"""An answer as Slack messages: the text split before Slack's limits, then the footer and buttons.

Slack refuses a section over 3,000 characters and a message over 50 blocks, and truncates text at
40,000 characters; long answers left threads hanging (`msg_too_long`). An answer is therefore cut
into pages of at most `PAGE_CHARS` characters (one message each), and each page into sections.
"""

from __future__ import annotations

from typing import Any

from bot.admin.views.blocks import Block, actions, button, context, divider, section
from bot.conversation.composer import AnswerFooter

PAGE_CHARS = 11_000  # per message; also under the 12,000 characters of one native-stream call
SECTION_CHARS = 2_900  # under Slack's 3,000 per section text
CONTEXT_CHARS = 1_900  # under Slack's 2,000 per context element

ACTION_FEEDBACK_UP = "feedback_up"
ACTION_FEEDBACK_DOWN = "feedback_down"
ACTION_REPORT = "incident_report_open"

# Messages of the bot that are not answers start with one of these, so a thread's history can
# leave them out of the model's context (progress, notices, confirm previews, errors).
NOTICE_MARKERS = ("⏳", "⚠️", "🔎", "🚫", "⛔", "✅", "↩️", "ℹ️")
PROGRESS_TEXT = "⏳ 回答を作成しています…"


def split_text(text: str, limit: int) -> list[str]:
    """Cut `text` into pieces of at most `limit` characters, preferring line breaks, then sentence ends."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = window.rfind("\n")
        if cut < limit // 2:
            cut = max(window.rfind(mark) for mark in ("。", "！", "？", ". "))
            cut = cut + 1 if cut >= limit // 2 else limit
        else:
            cut += 1
        pieces.append(rest[:cut])
        rest = rest[cut:]
    if rest or not pieces:
        pieces.append(rest)
    return pieces


def answer_sections(page: str) -> list[Block]:
    return [section(part) for part in split_text(page, SECTION_CHARS) if part.strip()]


def footer_blocks(footer: AnswerFooter, record_id: int | None) -> list[dict[str, Any]]:
    """The footer every answer carries, then 👍 / 👎 / 報告 (values: the audit record id)."""
    lines = [line[:CONTEXT_CHARS] for line in footer.lines()]
    blocks: list[Block] = [divider()]
    # A context block takes at most 10 elements.
    for start in range(0, len(lines), 10):
        blocks.append(context(*lines[start : start + 10]))
    value = str(record_id) if record_id is not None else ""
    blocks.append(
        actions(
            button("👍", ACTION_FEEDBACK_UP, value),
            button("👎", ACTION_FEEDBACK_DOWN, value),
            button("報告", ACTION_REPORT, value),
            block_id="answer_feedback",
        )
    )
    return blocks


def answer_pages(text: str) -> list[str]:
    return split_text(text, PAGE_CHARS)


def page_message(page: str, *, streaming: bool = False) -> dict[str, Any]:
    """One page while it streams or once it is done (text only: the footer goes on the last page)."""
    shown = page + (" ⏳" if streaming else "")
    return {"text": shown, "blocks": answer_sections(shown) or [_plain(shown or "…")]}


def last_page_message(page: str, footer: AnswerFooter, record_id: int | None) -> dict[str, Any]:
    return {"text": page, "blocks": answer_sections(page) + footer_blocks(footer, record_id)}


def error_message(text_so_far: str, message: str) -> dict[str, Any]:
    if text_so_far.strip():
        return {"text": text_so_far, "blocks": [*answer_sections(text_so_far), _plain(f"⚠️ {message}")]}
    return {"text": f"⚠️ {message}", "blocks": [_plain(f"⚠️ {message}")]}


def _plain(text: str) -> Block:
    return section(text[:SECTION_CHARS])
