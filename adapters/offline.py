"""The default adapter: calls no model and shows exactly what a model would have received.

A newcomer (or a city trying the bot before it has signed a contract with any provider) sees the
whole pipeline — redaction, blocks, provenance — and, as the "answer", the redacted prompt itself,
clearly labelled as a preview so nobody mistakes it for a model's answer.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping

from adapters.base import ChatMessage, StreamEnd, StreamEvent, StreamLimits, TextDelta

OFFLINE_MODEL = "offline-preview"
PREVIEW_HEADER = "【プレビュー】生成AIには接続していません。次の内容が送信されます:"
ROLE_LABELS_JA = {"system": "システム指示", "user": "利用者", "assistant": "アシスタント"}


def preview_section(message: ChatMessage) -> str:
    """One message of the preview: its role in Japanese, then its content exactly as it would be sent."""
    return f"［{ROLE_LABELS_JA[message.role]}］\n{message.content}"


class OfflineAdapter:
    name = "offline"
    model = OFFLINE_MODEL

    async def stream(self, messages: list[ChatMessage], *, limits: StreamLimits) -> AsyncIterator[StreamEvent]:
        # Streamed in sections so the console and Slack exercise the same incremental path.
        yield TextDelta(PREVIEW_HEADER)
        for message in messages:
            yield TextDelta("\n\n" + preview_section(message))
        yield StreamEnd(model=OFFLINE_MODEL, complete=True, finish_reason="stop")

    async def aclose(self) -> None:
        return None


def from_env(env: Mapping[str, str]) -> OfflineAdapter:
    """Nothing to configure: the offline preview needs no model, key or network."""
    return OfflineAdapter()
