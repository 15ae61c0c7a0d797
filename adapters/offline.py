"""The default adapter: calls no model and shows exactly what a model would have received.

A newcomer (or a city trying the bot before it has signed a contract with any provider) sees the
whole pipeline — redaction, blocks, provenance — and, as the "answer", the redacted prompt itself,
clearly labelled as a preview so nobody mistakes it for a model's answer.

In a thread, the earlier "answers" are this adapter's own previews. Shown verbatim, each would
hold every preview before it (the fourth turn printed some fifty lines), so an earlier preview is
shown as one line, and the system prompt — unchanged since the first preview — as one line too.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping

from adapters.base import ChatMessage, StreamEnd, StreamEvent, StreamLimits, TextDelta

OFFLINE_MODEL = "offline-preview"
PREVIEW_HEADER = "【プレビュー】生成AIには接続していません。次の内容が送信されます:"
ROLE_LABELS_JA = {"system": "システム指示", "user": "利用者", "assistant": "アシスタント"}
EARLIER_PREVIEW = "（以前に表示したプレビュー。生成AIにつないでいれば、その回答がここに入ります）"
SAME_SYSTEM_PROMPT = "（最初のプレビューと同じため省略）"


def preview_section(message: ChatMessage) -> str:
    """One message of the preview: its role in Japanese, then its content exactly as it would be sent."""
    return f"［{ROLE_LABELS_JA[message.role]}］\n{message.content}"


def is_earlier_preview(message: ChatMessage) -> bool:
    return message.role == "assistant" and message.content.lstrip().startswith(PREVIEW_HEADER)


def preview_sections(messages: list[ChatMessage]) -> list[str]:
    """Every message as sent, except this adapter's earlier previews and, after one, the system prompt."""
    follow_up = any(is_earlier_preview(m) for m in messages)
    sections: list[str] = []
    for message in messages:
        if is_earlier_preview(message):
            sections.append(preview_section(ChatMessage("assistant", EARLIER_PREVIEW)))
        elif follow_up and message.role == "system":
            sections.append(preview_section(ChatMessage("system", SAME_SYSTEM_PROMPT)))
        else:
            sections.append(preview_section(message))
    return sections


class OfflineAdapter:
    name = "offline"
    model = OFFLINE_MODEL

    async def stream(self, messages: list[ChatMessage], *, limits: StreamLimits) -> AsyncIterator[StreamEvent]:
        # Streamed in sections so the console and Slack exercise the same incremental path.
        yield TextDelta(PREVIEW_HEADER)
        for section in preview_sections(messages):
            yield TextDelta("\n\n" + section)
        yield StreamEnd(model=OFFLINE_MODEL, complete=True, finish_reason="stop")

    async def aclose(self) -> None:
        return None


def from_env(env: Mapping[str, str]) -> OfflineAdapter:
    """Nothing to configure: the offline preview needs no model, key or network."""
    return OfflineAdapter()
