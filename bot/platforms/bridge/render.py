"""The bridge's JSON: the gate's decision, each reply, and a message's whole state, as plain data.

The words come from the shared composer (bot/conversation/composer.py) exactly as Slack shows
them; here they are only laid out as plain text (`text`, ready to post in any chat) beside the
structured fields a relay may prefer to lay out itself.
"""

from __future__ import annotations

import re
from typing import Any

from bot.conversation.composer import BlockNotice, ConfirmPrompt, masked_summary
from bot.conversation.ports import FinishedAnswer
from bot.gate.types import Decision, Violation

API_PREFIX = "/bridge/v1"
RULE = "―" * 20
CONFIRM_HINT = "送信してよい場合は「送信する」、やめる場合は「やめる」を選んでください。"
CANCELLED = "↩️ 送信を取りやめました。生成AIには何も送信していません。"


def violation_view(violation: Violation) -> dict[str, str]:
    return {
        "rule_id": violation.rule_id,
        "action": str(violation.action),
        "article": violation.article,
        "message": violation.message,
    }


def decision_view(decision: Decision) -> dict[str, Any]:
    """What the gate decided, with only redacted text: safe to store and to return."""
    return {
        "action": str(decision.action),
        "redacted_preview": decision.redacted_text,
        "masked_counts": dict(decision.masked_counts),
        "masked_summary": masked_summary(decision.masked_counts) or "なし",
        "violations": [violation_view(v) for v in decision.violations],
        "use_category": str(decision.use_category),
        "policy_version": decision.policy_version,
    }


def answer_reply(answer: FinishedAnswer, masked_counts: dict[str, int]) -> dict[str, Any]:
    footer = answer.footer.lines()
    return {
        "kind": "answer",
        "text": "\n".join([answer.text.rstrip(), "", RULE, *footer]),
        "answer": answer.text,
        "footer": footer,
        "reminder": answer.footer.reminder,
        "provenance": answer.footer.provenance,
        "masked_line": answer.footer.masked_line,
        "masked_counts": dict(masked_counts),
        "model": answer.model,
        "partial": answer.partial,
        "record_id": answer.record_id,
    }


def blocked_reply(notice: BlockNotice) -> dict[str, Any]:
    lines = [notice.headline]
    for violation in notice.violations:
        lines.append(f"• {violation.message}")
        lines.append(f"  根拠: {violation.article}")
    lines.append(f"お問い合わせ: {notice.contact}")
    return {
        "kind": "blocked",
        "text": "\n".join(lines),
        "headline": notice.headline,
        "violations": [violation_view(v) for v in notice.violations],
        "contact": notice.contact,
    }


def confirm_reply(prompt: ConfirmPrompt, confirm_path: str) -> dict[str, Any]:
    lines = [prompt.headline, *(f"> {line}" for line in prompt.preview.splitlines() or [""])]
    lines += [f"• {v.message}（{v.article}）" for v in prompt.reasons]
    lines += [prompt.masked_line, prompt.pledge, CONFIRM_HINT]
    return {
        "kind": "confirm",
        "text": "\n".join(lines),
        "headline": prompt.headline,
        "preview": prompt.preview,
        "reasons": [violation_view(v) for v in prompt.reasons],
        "masked_line": prompt.masked_line,
        "confirm_path": confirm_path,
    }


def notice_reply(message: str, kind: str = "notice") -> dict[str, Any]:
    return {"kind": kind, "text": message}


def error_reply(message: str) -> dict[str, Any]:
    return {"kind": "error", "text": message if message.startswith("⚠️") else f"⚠️ {message}"}


def message_path(message_id: str, platform: str) -> str:
    return f"{API_PREFIX}/messages/{message_id}?platform={platform}"


def confirm_path(message_id: str) -> str:
    return f"{API_PREFIX}/messages/{message_id}/confirm"


def message_view(
    *,
    platform: str,
    message_id: str,
    status: str,
    route: dict[str, Any],
    decision: dict[str, Any] | None,
    reply: dict[str, Any] | None,
) -> dict[str, Any]:
    """One message as the relay sees it: in the 202, in GET, and in every callback."""
    view: dict[str, Any] = {
        "platform": platform,
        "message_id": message_id,
        "conversation_id": route.get("conversation_id"),
        "thread_id": route.get("thread_id"),
        "user_id": route.get("user_id"),
        "status": status,
        "final": status in FINAL_STATUSES,
        "decision": decision,
        "reply": reply,
        "links": {"self": message_path(message_id, platform)},
    }
    if status == "awaiting_confirmation":
        view["links"]["confirm"] = confirm_path(message_id)
    return view


FINAL_STATUSES = frozenset({"answered", "blocked", "cancelled", "expired", "failed", "suspended", "unavailable"})

_MENTION = re.compile(r"<[@#]([^>|]+)(?:\|[^>]*)?>")


def plain(slack_text: str) -> str:
    """The admin texts are written for Slack: mentions and *bold* become plain text for other chats."""
    text = _MENTION.sub(lambda m: m.group(1), slack_text)
    return re.sub(r"(?m)(^|\s)\*([^*\n]+)\*", r"\1\2", text)
