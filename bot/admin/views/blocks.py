"""Tiny helpers for Block Kit dicts, so the builders read as the layout they make.

The one helper style of every builder: the App Home and modals here (bot/admin/views/) and the
answers, previews and notices in bot/platforms/slack/blocks/.
"""

from __future__ import annotations

from typing import Any

Block = dict[str, Any]


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def header(text: str) -> Block:
    return {"type": "header", "text": plain(text[:150])}


def section(markdown: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": markdown[:3000]}}


def context(*markdown: str) -> Block:
    """One context block; each line one element (Slack takes at most 10)."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": line[:3000]} for line in markdown]}


def divider() -> Block:
    return {"type": "divider"}


def button(text: str, action_id: str, value: str = "", style: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "button", "text": plain(text), "action_id": action_id, "value": value}
    if style:
        element["style"] = style
    return element


def actions(*elements: dict[str, Any], block_id: str | None = None) -> Block:
    block: Block = {"type": "actions", "elements": list(elements)}
    if block_id:
        block["block_id"] = block_id
    return block


def text_input(
    block_id: str,
    label: str,
    *,
    multiline: bool,
    optional: bool,
    initial: str = "",
    placeholder: str = "",
    max_length: int = 3000,
) -> Block:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": block_id,
        "multiline": multiline,
        "max_length": max_length,
    }
    if initial:
        element["initial_value"] = initial[:max_length]
    if placeholder:
        element["placeholder"] = plain(placeholder)
    return {"type": "input", "block_id": block_id, "label": plain(label), "optional": optional, "element": element}
