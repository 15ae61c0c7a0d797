"""The gateway's words as plain text: the answer's footer, block and confirm notices, the header form.

The words are the shared composer's (bot/conversation/composer.py), as Slack and the bridge show
them; here they become the text of an ordinary assistant message, so any chat UI shows them.
"""

from __future__ import annotations

from urllib.parse import quote

from bot.conversation.composer import AnswerFooter, BlockNotice, ConfirmPrompt
from bot.platforms.gateway.confirmation import CODE_LABEL

# The line between an answer and its footer; an earlier answer sent back by the client is cut here.
RULE = "―" * 20
NOTHING_SENT = "生成AIには何も送信していません。"
CONFIRM_HOW = (
    "送信してよい場合は、次の確認コードだけを送ってください（上の伏せ字の文をそのまま送っても送信されます）。"
    "送信しない場合は、このまま別の質問を送ってください。"
)
# The first characters of every notice the gateway writes as an assistant message; such messages
# are not sent back to the model when a client resends the conversation.
NOTICE_MARKS = ("🚫", "🔎", "⛔", "⚠️", "ℹ️")


def footer_text(footer: AnswerFooter) -> str:
    return "\n".join(["", "", RULE, *footer.lines()])


def footer_header(footer: AnswerFooter) -> str:
    """The footer for the X-Aigate-Notice header: UTF-8, percent-encoded (headers are ASCII)."""
    return quote(" / ".join(footer.lines()), safe=" /:()")


def blocked_text(notice: BlockNotice) -> str:
    lines = [notice.headline]
    for violation in notice.violations:
        lines.append(f"• {violation.message}")
        lines.append(f"  根拠: {violation.article}")
    lines.append(NOTHING_SENT)
    lines.append(f"お問い合わせ: {notice.contact}")
    return "\n".join(lines)


def confirm_text(prompt: ConfirmPrompt, code: str) -> str:
    lines = [prompt.headline, *(f"> {line}" for line in prompt.preview.splitlines() or [""])]
    lines += [f"• {v.message}（{v.article}）" for v in prompt.reasons]
    lines += [prompt.masked_line, NOTHING_SENT, CONFIRM_HOW, f"{CODE_LABEL}: {code}"]
    return "\n".join(lines)


def notice_text(message: str) -> str:
    return message if message.startswith(NOTICE_MARKS) else f"ℹ️ {message}"


def is_notice(text: str) -> bool:
    """An assistant message the gateway wrote instead of an answer (block, confirm, 利用停止…)."""
    return text.lstrip().startswith(NOTICE_MARKS)


def without_footer(answer: str) -> str:
    """An earlier answer as the client sends it back, without the footer the gateway appended."""
    cut = answer.find("\n" + RULE)
    return answer[:cut].rstrip() if cut >= 0 else answer
