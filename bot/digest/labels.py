"""Japanese labels for what the digest counts."""

from __future__ import annotations

from bot.gate.labels import label_ja

ACTION_LABELS_JA = {"allow": "送信", "confirm": "確認後に送信", "block": "停止"}


def entity_label(entity_type: str) -> str:
    """氏名, 電話番号 … (the gate's own names for the entity types)."""
    return label_ja(entity_type)
